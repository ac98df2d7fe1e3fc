"""Tokenization shared by every stage, so all matching works on one token grid.

Matching gazetteers and trigger phrases token by token (dictionary lookups
keyed by the first token) keeps the cost per article proportional to its
length, whatever the size of the lexicons; a regex alternation of thousands
of phrases would test every branch at every character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

# Letters that carry no combining mark to strip but are written without their
# stroke in English copy ("Støre" as "Store", "Łukaszenka" as "Lukaszenka").
_PLAIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "ı": "i",
        "œ": "oe",
        "Œ": "Oe",
        "ð": "d",
        "þ": "th",
    }
)

# A capitalized word before a hyphenated participle ("Qatari-brokered",
# "Iran-backed") stands alone, as "U.S." in "U.S.-brokered" does: the name is
# an actor in a compound modifier. Then words with inner hyphens
# ("high-level") or inner periods ("U.S.", "3.5"), possessive/clitic pieces
# ("'s"), then any single other character. Words come first because they are
# most tokens; every branch consumes at least one character and the repeated
# groups start with a fixed character, so the scan stays linear.
_WORD = r"\w+(?:(?:-\w+)+|(?:\.\w+)+\.?)?|'\w*|[^\w\s]"
_TOKEN_RE = re.compile(_WORD)
_COMPOUND_RE = re.compile(r"[A-Z]\w*-[a-z]+ed\b")
_COMPOUND_TOKEN_RE = re.compile(f"[A-Z]\\w*+(?=-[a-z]+ed\\b)|{_WORD}")


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text as parallel tuples (cheap to build and index)."""

    text: str
    words: tuple[str, ...]  # surface form, apostrophes normalized to ASCII
    lower: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, first: int, last: int) -> str:
        """The original text from token `first` through token `last` inclusive."""
        return self.text[self.starts[first] : self.ends[last]]

    def newline_before(self, index: int) -> bool:
        """Whether a line break separates token `index` from the one before it."""
        if index == 0:
            return False
        return "\n" in self.text[self.ends[index - 1] : self.starts[index]]


# The possessive marks as tokens ("Russia's", "the Netherlands'"); tokenize
# straightens curly apostrophes, so these are the only spellings.
POSSESSIVE_MARKS = frozenset({"'s", "'"})
QUOTATION_MARKS = frozenset({'"', "“", "”"})


# The scans below are plain loops: compiled, a loop tests a set or a string in
# a few nanoseconds a word, while itertools' compress over map calls a bound
# method per word, three to ten times slower.


def positions(words: tuple[str, ...], wanted: AbstractSet[str]) -> list[int]:
    """The indexes of the words in `wanted`."""
    found: list[int] = []
    for i, word in enumerate(words):
        if word in wanted:
            found.append(i)
    return found


def positions_of(words: tuple[str, ...], wanted: str) -> list[int]:
    """The indexes of the word `wanted`."""
    found: list[int] = []
    if wanted not in words:  # a scan in C, for the usual rare word
        return found
    for i, word in enumerate(words):
        if word == wanted:
            found.append(i)
    return found


def quoted(words: tuple[str, ...], sentence_first: int, k: int) -> bool:
    """Whether token k stands inside a quotation of its sentence: an odd number
    of quotation marks comes before it."""
    marks = 0
    for i in range(sentence_first, k):
        if words[i] in QUOTATION_MARKS:
            marks += 1
    return marks % 2 == 1


def tokenize(text: str) -> Tokens:
    # Normalizing apostrophes keeps every offset (one character for one).
    normalized = text.replace("’", "'").replace("‘", "'")
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    # No token spans whitespace, so the text is cut at whitespace in C first.
    # Nearly every piece is a plain word, which is one token as it stands
    # (isalnum tests the characters \w stands for, but "_"), or one with a
    # mark after it ("said,") or before it ("(AP"), which the pattern would
    # split off; only the rest go through the pattern, at a microsecond a
    # call. A piece starts at its first occurrence after the last one, since
    # only whitespace lies between them.
    end = 0
    for piece in normalized.split():
        start = normalized.find(piece, end)
        end = start + len(piece)
        if piece.isalnum():
            words.append(piece)
            starts.append(start)
            ends.append(end)
            continue
        mark = piece[-1]
        if piece[:-1].isalnum() and not mark.isalnum() and mark != "_":
            words += (piece[:-1], mark)
            starts += (start, end - 1)
            ends += (end - 1, end)
            continue
        mark = piece[0]
        # an apostrophe opens a clitic with the word after it ("'s", "'90s")
        if piece[1:].isalnum() and not mark.isalnum() and mark not in "_'":
            words += (mark, piece[1:])
            starts += (start, start + 1)
            ends += (start + 1, end)
            continue
        # The compound branch costs a test at every token, and a compound lies
        # within one piece: only a piece that holds one needs the pattern with it.
        compound = "-" in piece and _COMPOUND_RE.search(piece) is not None
        for match in (_COMPOUND_TOKEN_RE if compound else _TOKEN_RE).finditer(piece):
            words.append(match.group())
            starts.append(start + match.start())
            ends.append(start + match.end())
    if not normalized.isascii():
        # Matching reads words without their accents, so "Bogotá", "Peña" and
        # "Vučić" find the lexicon's entries however the copy spells them; names
        # shown come from the text itself, accents kept.
        words = [plain(word) for word in words]
    return Tokens(
        text=text,
        words=tuple(words),
        lower=tuple(map(str.lower, words)),
        starts=tuple(starts),
        ends=tuple(ends),
    )


def plain(text: str) -> str:
    """Text without its accents, as matching reads words: "Bogotá" -> "Bogota"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token sequence of a lexicon phrase, for dictionary lookups."""
    return tokenize(phrase).words
