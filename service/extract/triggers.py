"""Event triggers: compiled token patterns from `resources/events/triggers.toml`.

A pattern is a sequence of token sets with optional gaps; the table indexes
patterns by every word their first element accepts, so matching costs one
dictionary lookup per token plus work only where a trigger word occurs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from service.extract.tokens import Tokens, positions

# A gap element is the most tokens it may skip: ".." inside a phrase, "..." across
# an appositive ("declared Mexico's ambassador, Raquel Serur, persona non grata").
_SHORT_GAP = 4
_LONG_GAP = 10
# A gap stops at punctuation that ends a phrase, and at a subject pronoun, which
# opens a clause of its own ("told Wong she plans to visit" is no "tell .. to").
_PHRASE_ENDS = frozenset({";", ".", ":", "—", "–", "(", ")", "!", "?"})
_GAP_BARRIERS = _PHRASE_ENDS | {"he", "she", "they", "we", "i"}
# Quote marks and hyphens cost a gap nothing: 'called the diversion "state-sponsored
# terrorism"' has as few words between as "called the diversion terrorism".
_FREE_IN_GAP = frozenset({'"', "“", "”", "'", "‘", "’", "-"})
_RELATIVES = frozenset({"who", "whose", "which"})
Element = frozenset[str] | int


SLOTS = frozenset(
    {
        "subject",
        "official",
        "canceller",
        "object",
        "possessor",
        "any",
        "with",
        "to",
        "in",
        "on",
        "against",
        "by",
        "between",
        "for",
        "from",
        "at",
        "of",
        "upon",
        "under",
        "through",
        "targeting",
        "modifier",
        "compound",
        "act",
        "episode",
        "home",
        "holder",
        "subject_place",
    }
)


# The type of a trigger that does again what was told just before ("followed
# suit", "did the same"): the pipeline gives it that deed's type.
ECHO = "echo"


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    pos: str  # "verb" | "noun" | "any"
    pattern: str
    elements: tuple[Element, ...]
    source: tuple[str, ...]
    target: tuple[str, ...]
    # words that may not follow the match ("round !of": not "a round of voting")
    not_before: frozenset[str] = frozenset()
    # an ECHO trigger given the type of the deed it repeats, whose target it shares
    echoes: bool = False
    # if not empty: the target must be named right after the trigger, and one of
    # these words must follow it ("called Faisal on Sunday", not "called Trump a
    # liar")
    object_then: frozenset[str] = frozenset()
    # the target is only who the trigger names: no other side of the article
    # stands in when none is ("froze its membership in the arrangement")
    named_target: bool = False
    words: int = field(init=False)  # elements that match a word, not a gap
    # the words the second element accepts when it is no gap: most patterns tried
    # fail there, and testing it first spares a call to _match
    second: frozenset[str] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", sum(not isinstance(e, int) for e in self.elements))
        following = self.elements[1] if len(self.elements) > 1 else None
        object.__setattr__(self, "second", None if isinstance(following, int) else following)


@dataclass(slots=True)
class TriggerMatch:
    trigger: Trigger
    first: int  # token span, inclusive
    last: int

    def __init__(
        self,
        trigger: Trigger,
        first: int,
        last: int,
    ) -> None:
        # Written out, as Mention's is: dozens are built per article.
        self.trigger = trigger
        self.first = first
        self.last = last


@dataclass(frozen=True, slots=True)
class TriggerTable:
    by_first: Mapping[str, tuple[Trigger, ...]]
    # the verbs' base forms that no past form shares ("pay", not "cut"): after
    # "will ... and" they share the plan
    base_forms: frozenset[str] = frozenset()
    # the verbs' irregular past forms ("met", "held"): after "and", like any
    # "-ed" form, they open a verb phrase that a gap does not cross
    irregular_pasts: frozenset[str] = frozenset()
    # The keys of by_first as a set: testing a word against a mapping proxy costs
    # three times as much, and trigger_starts tests every word of an article.
    first_words: frozenset[str] = field(init=False)
    # by_first as a plain dict, for the same reason
    _by_word: dict[str, tuple[Trigger, ...]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_words", frozenset(self.by_first))
        object.__setattr__(self, "_by_word", dict(self.by_first))

    def match_at(
        self, lower: Sequence[str], i: int, stop: int, noun_context: bool
    ) -> TriggerMatch | None:
        """The longest match at token i; a reading that fits the context wins, and
        of two equally long ones the one that names more words ("held phone talks"
        is a call before it is talks)."""
        best: TriggerMatch | None = None
        best_rank = (False, -1, -1)
        for trigger in self._by_word.get(lower[i], ()):
            second = trigger.second
            if second is not None and (i + 1 >= stop or lower[i + 1] not in second):
                continue
            end = _match(trigger.elements, lower, i, stop, self.irregular_pasts)
            if end is None or (end + 1 < stop and lower[end + 1] in trigger.not_before):
                continue
            fits = trigger.pos == "any" or (trigger.pos == "noun") == noun_context
            rank = (fits, end, trigger.words)
            if rank > best_rank:
                best, best_rank = TriggerMatch(trigger, i, end), rank
        return best


def past_form(word: str, irregular_pasts: frozenset[str]) -> bool:
    """Whether a lower-case word is a verb's past form: "-ed", or an irregular one
    of verbs.toml ("met", "flew"; TriggerTable.irregular_pasts)."""
    return word.endswith("ed") or word in irregular_pasts


def _match(
    elements: tuple[Element, ...],
    lower: Sequence[str],
    i: int,
    stop: int,
    irregular_pasts: frozenset[str],
) -> int | None:
    """Index of the last token matched, or None; gaps try the shortest skip first."""
    position = i
    n = 0
    size = len(elements)
    while n < size:
        element = elements[n]
        if isinstance(element, int):
            following = elements[n + 1]
            assert not isinstance(following, int)  # validated at load: gaps are never adjacent
            budget, j = element, position
            while True:
                if j >= stop:
                    return None
                if lower[j] in following:
                    position = j + 1
                    break
                # a gap stops at a barrier, and at a comma unless it is a long gap
                # (tested inline: this runs for every word a gap passes over)
                word = lower[j]
                if word in _GAP_BARRIERS or (word == "," and element <= _SHORT_GAP):
                    return None
                if word == "," and j + 1 < stop and lower[j + 1] in _RELATIVES:
                    # a relative aside costs a long gap nothing: "declared the
                    # ambassador, who had served there for four years, persona non grata"
                    close = _aside_end(lower, j + 1, stop)
                    if close is not None:
                        j = close + 1
                        continue
                if (
                    word == "and"
                    and j + 1 < stop
                    and past_form(lower[j + 1], irregular_pasts)
                    and lower[j + 1] not in following
                ):
                    return None  # "arrived on Wednesday and met Putin in": another verb's
                if word not in _FREE_IN_GAP:
                    if not budget:
                        return None
                    budget -= 1
                j += 1
            n += 2
            continue
        if position >= stop or lower[position] not in element:
            return None
        position += 1
        n += 1
    return position - 1


def _aside_end(lower: Sequence[str], i: int, stop: int) -> int | None:
    """The comma that closes an aside opened at token i, or None when the phrase
    or the span ends first; a pronoun inside is the aside's own ("who said he")."""
    for j in range(i, stop):
        word = lower[j]
        if word == ",":
            return j
        if word in _PHRASE_ENDS:
            return None
    return None


def inflect(
    lemma: str, irregular: Mapping[str, Sequence[str]], double: frozenset[str]
) -> frozenset[str]:
    """Every form of an English verb: lemma, -s, -ed and -ing forms, plus irregular ones."""
    forms = {lemma, *irregular.get(lemma, ())}
    vowels = "aeiou"
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    stem = lemma
    if lemma in double:
        doubled = lemma + lemma[-1]
        forms.update({doubled + "ed", doubled + "ing"})
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"})
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({stem + "ed", stem + "ing"})
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    return frozenset(forms)


def compile_pattern(
    pattern: str, irregular: Mapping[str, Sequence[str]], double: frozenset[str]
) -> tuple[tuple[Element, ...], frozenset[str]]:
    """A pattern's elements, and the words its closing "!a|b" forbids after it."""
    elements: list[Element] = []
    parts = pattern.lower().split()
    not_before: frozenset[str] = frozenset()
    if parts and parts[-1].startswith("!"):
        not_before = frozenset(parts.pop()[1:].split("|"))
    for part in parts:
        if part.startswith("!"):
            raise ValueError(f"pattern {pattern!r}: a '!' part can only close a pattern")
        if part in {"..", "..."}:
            elements.append(_SHORT_GAP if part == ".." else _LONG_GAP)
            continue
        words: set[str] = set()
        for option in part.split("|"):
            if option.startswith("~"):
                words.update(inflect(option[1:], irregular, double))
            else:
                words.add(option.replace("’", "'"))
        elements.append(frozenset(words))
    gaps = [isinstance(e, int) for e in elements]
    if not elements or gaps[0] or gaps[-1] or any(a and b for a, b in pairwise(gaps)):
        raise ValueError(
            f"pattern {pattern!r}: a gap cannot open or close a pattern or follow a gap"
        )
    return tuple(elements), not_before


def build_trigger_table(
    data: Mapping[str, Any], verbs: Mapping[str, Any], types: Mapping[str, Any]
) -> TriggerTable:
    irregular = {k: tuple(v) for k, v in verbs.get("irregular", {}).items()}
    double = frozenset(verbs.get("double", ()))
    index: dict[str, list[Trigger]] = {}
    lemmas: set[str] = set()
    for n, entry in enumerate(data["trigger"], 1):
        where = f"events/triggers.toml trigger #{n} ({entry.get('type')})"
        if entry["type"] not in types and entry["type"] != ECHO:
            raise ValueError(f"{where}: unknown type")
        if entry["pos"] not in {"verb", "noun", "any"}:
            raise ValueError(f"{where}: pos must be verb, noun or any")
        for slot in [*entry["source"], *entry["target"]]:
            if slot not in SLOTS:
                raise ValueError(f"{where}: unknown slot {slot!r}")
        for pattern in entry["patterns"]:
            lemmas.update(
                w[1:] for part in pattern.lower().split() for w in part.split("|") if w[:1] == "~"
            )
            try:
                elements, not_before = compile_pattern(pattern, irregular, double)
            except ValueError as exc:
                raise ValueError(f"{where}: {exc}") from exc
            trigger = Trigger(
                entry["type"],
                entry["pos"],
                pattern,
                elements,
                tuple(entry["source"]),
                tuple(entry["target"]),
                not_before,
                object_then=frozenset(w.lower() for w in entry.get("object_then", ())),
                named_target=bool(entry.get("named_target", False)),
            )
            first = elements[0]
            assert not isinstance(first, int)  # validated by compile_pattern
            for word in first:
                index.setdefault(word, []).append(trigger)
    base_forms = frozenset(lemma for lemma in lemmas if lemma not in irregular.get(lemma, ()))
    pasts = frozenset(
        form for forms in irregular.values() for form in forms if not form.endswith(("ing", "s"))
    )
    return TriggerTable(
        MappingProxyType({k: tuple(v) for k, v in index.items()}), base_forms, pasts
    )


def trigger_starts(table: TriggerTable, tokens: Tokens) -> list[int]:
    """The tokens of a text that can open a trigger."""
    return positions(tokens.lower, table.first_words)


_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our"})
# endings of the adjectives that stand between an article and a noun trigger
_ADJECTIVE_ENDINGS = ("al", "ary", "ic", "ive", "-level")


def find_triggers(
    table: TriggerTable,
    tokens: Tokens,
    first: int,
    last: int,
    noun_preceders: frozenset[str],
    starts: Sequence[int] | None = None,
    person_nouns: frozenset[str] = frozenset(),
) -> list[TriggerMatch]:
    """Non-overlapping trigger matches in a token range, longest first at each position.

    `starts` (from `trigger_starts`) spares a scan of the range for each sentence;
    `person_nouns` are verb triggers that after an article or owner name people."""
    lower = tokens.lower
    if starts is None:
        starts = trigger_starts(table, tokens)
    found: list[TriggerMatch] = []
    i = first
    stop = last + 1
    for position in starts[bisect_left(starts, first) : bisect_left(starts, stop)]:
        if position < i:
            continue  # inside the last match
        i = position
        previous = lower[i - 1] if i > first else ""
        # "Modi's 2019 visit", "Erdogan's April 28-29 visit": after a date, a noun;
        # after a bare apostrophe too ("Marcos' visit", "the foreign ministers'
        # meeting"), but not in a capitalized name ("Foreign Ministers' Meeting")
        noun = (
            previous in noun_preceders
            or previous[:1].isdigit()
            or (previous == "'" and i - 2 >= first and tokens.words[i][:1].islower())
            # "the SCO meeting", "a NATO summit": a name between article and noun;
            # "a ministerial meeting", "an extraordinary meeting": an adjective
            or (
                i - 2 >= first
                and lower[i - 2] in _ARTICLES
                and tokens.words[i][:1].islower()
                and (tokens.words[i - 1][:1].isupper() or lower[i - 1].endswith(_ADJECTIVE_ENDINGS))
            )
        )
        match = table.match_at(lower, i, stop, noun)
        if (
            match is not None
            and match.trigger.pos == "verb"
            and previous in _ARTICLES
            and lower[i] in table.base_forms
            and i + 1 < stop
            and lower[i + 1] == ","
        ):
            continue  # "the host, Uruguay's Lacalle Pou": a noun set beside a name
        if (
            match is not None
            and match.trigger.pos == "verb"
            and lower[i] in person_nouns
            and (previous in _ARTICLES or previous in _POSSESSIVES)
            and (previous != "her" or lower[i] not in table.base_forms)
        ):
            # "talks with her hosts", "the hosts": a person, not the verb ("let her
            # host" is not owned, so "her" before a base form may be its subject)
            continue
        if match is not None:
            found.append(match)
            i = match.last + 1
            # A compound modifier inside a gapped match ("agreed to a
            # Qatari-brokered truce") states an event of its own.
            for k in range(position + 1, match.last):
                nested = table.match_at(lower, k, stop, False) if lower[k] == "-" else None
                if nested is not None and "compound" in nested.trigger.source:
                    found.append(nested)
                    i = max(i, nested.last + 1)
                    break
    return found
