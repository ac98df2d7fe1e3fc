"""Tokenization shared by every stage, so all matching works on one token grid.

Matching gazetteers and trigger phrases token by token (dictionary lookups
keyed by the first token) keeps the cost per article proportional to its
length, whatever the size of the lexicons; a regex alternation of thousands
of phrases would test every branch at every character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

# A capitalized word before a hyphenated participle ("Qatari-brokered",
# "Iran-backed") stands alone, as "U.S." in "U.S.-brokered" does: the name is
# an actor in a compound modifier. Then words with inner hyphens
# ("high-level") or inner periods ("U.S.", "3.5"), possessive/clitic pieces
# ("'s"), then any single other character. Words come first because they are
# most tokens; every branch consumes at least one character and the repeated
# groups start with a fixed character, so the scan stays linear.
_WORD = r"\w+(?:(?:-\w+)+|(?:\.\w+)+\.?)?|'\w*|[^\w\s]"
_TOKEN_SPLIT_RE = re.compile(f"({_WORD})")
# The compound branch costs a test at every token; most texts hold no such
# compound, and one search in C tells which pattern a text needs.
_COMPOUND_RE = re.compile(r"[A-Z]\w*-[a-z]+ed\b")
_COMPOUND_SPLIT_RE = re.compile(f"([A-Z]\\w*+(?=-[a-z]+ed\\b)|{_WORD})")


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


def quoted(words: tuple[str, ...], sentence_first: int, k: int) -> bool:
    """Whether token k stands inside a quotation of its sentence: an odd number
    of quotation marks comes before it."""
    # counted in C, one pass per mark: this runs for most mentions near a trigger
    return sum(map(words[sentence_first:k].count, QUOTATION_MARKS)) % 2 == 1


def tokenize(text: str) -> Tokens:
    # Normalizing apostrophes keeps every offset (one character for one).
    normalized = text.replace("’", "'").replace("‘", "'")
    # Splitting on the token pattern alternates separators and tokens; every
    # character not in a token is whitespace, so the running sum of the piece
    # lengths gives each token's offsets without a Python-level loop.
    split = _COMPOUND_SPLIT_RE if _COMPOUND_RE.search(normalized) else _TOKEN_SPLIT_RE
    pieces = split.split(normalized)
    offsets = list(accumulate(map(len, pieces), initial=0))
    words = tuple(pieces[1::2])
    return Tokens(
        text=text,
        words=words,
        lower=tuple(map(str.lower, words)),
        starts=tuple(offsets[1:-1:2]),
        ends=tuple(offsets[2::2]),
    )


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token sequence of a lexicon phrase, for dictionary lookups."""
    return tokenize(phrase).words
