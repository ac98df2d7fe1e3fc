"""Temporal expressions in news text, normalized to TimeML values against the DCT.

HeidelTime-style: all language knowledge (patterns, normalizations, rules with
examples) lives in ``service/resources/timex/*.toml``; this module only runs
it. Usage::

    resources = load_timex_resources()          # once, at start-up
    tagger = TimexTagger(resources)
    tagger.tag("Sun arrived on Thursday.", datetime.date(2024, 1, 26))

The tagger is pure: no clock, no I/O, no state between calls.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources as importlib_resources

from service.extract.timex_compile import CompiledRule, Grammar, compile_grammar
from service.extract.timex_data import (
    ResourceData,
    TimexResourceError,
    normalize_key,
    parse_resource_files,
)
from service.extract.timex_values import Context, Resolved

_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a value "that day" can refer to

__all__ = [
    "RuleMatch",
    "Timex",
    "TimexResourceError",
    "TimexResources",
    "TimexTagger",
    "build_timex_resources",
    "load_timex_resources",
]

_RESOURCE_PACKAGE = "service.resources.timex"

# The scan text: ASCII, lower case, and every character that can stand before
# a timex (control characters such as "\n", "(", a quote) turned into a space,
# so the scanner can look for a literal space. Offsets are unchanged: one
# byte per character.
_OPENERS = bytes(range(32)) + b'([{"`/?'
_SCAN_TABLE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _OPENERS,
    b"abcdefghijklmnopqrstuvwxyz" + b" " * len(_OPENERS),
)


_WORD = re.compile(rb"[a-z]+")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int  # character offsets into the text, [start, end)
    end: int
    text: str
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str  # TimeML value
    end_value: str | None  # last day of a range; value holds the first
    relative: bool  # resolved against the DCT
    direction_sensitive: bool  # value depends on a past or future reading


@dataclass(frozen=True, slots=True)
class TimexResources:
    """The compiled language data; immutable, build once and share."""

    data: ResourceData
    grammar: Grammar

    @property
    def version(self) -> str:
        """Content hash of the resource files."""
        return self.data.version


def build_timex_resources(files: Mapping[str, str]) -> TimexResources:
    """Parse, check and compile resource files given as ``{file name: TOML text}``."""
    data = parse_resource_files(files)
    return TimexResources(data, compile_grammar(data))


def load_timex_resources() -> TimexResources:
    """Read the packaged ``service/resources/timex/*.toml``; bad data raises
    :class:`TimexResourceError` naming the file and entry."""
    folder = importlib_resources.files(_RESOURCE_PACKAGE)
    files = {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }
    return build_timex_resources(files)


def _scan_text(text: str) -> bytes:
    if not text.isascii():
        # Typographic apostrophes and en dashes carry meaning in "'90s" and
        # "15–17"; any other non-ASCII character becomes "?" and then a space.
        text = text.replace("\u2019", "'").replace("\u2013", "-")
        return b" " + text.encode("ascii", "replace").translate(_SCAN_TABLE)
    return b" " + text.encode("ascii").translate(_SCAN_TABLE)


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A timex with the name of the rule that produced it (for tests and debugging)."""

    timex: Timex
    rule: str


class TimexTagger:
    """Finds and normalizes time expressions; see the module docstring."""

    def __init__(self, resources: TimexResources) -> None:
        self._grammar = resources.grammar

    def tag(self, text: str, dct: dt.date) -> list[Timex]:
        """Time expressions in ``text``, sorted by start and non-overlapping."""
        return [timex for timex, _ in self._find(text, dct)]

    def explain(self, text: str, dct: dt.date) -> list[RuleMatch]:
        """Like :meth:`tag`, also naming the rule behind each timex."""
        return [RuleMatch(timex, rule.definition.name) for timex, rule in self._find(text, dct)]

    def _find(self, text: str, dct: dt.date) -> list[tuple[Timex, CompiledRule]]:
        scan = _scan_text(text)
        search = self._grammar.scanner.search
        ctx = Context(dct, functools.partial(self._tense, scan))
        out: list[tuple[Timex, CompiledRule]] = []
        pos = 0
        while (candidate := search(scan, pos)) is not None:
            pos = candidate.start() + 1
            found = self._resolve(text, scan, pos, ctx)
            if found is None:
                continue
            timex, rule, pos, anaphoric = found
            out.append((timex, rule))
            if timex.type == "DATE" and not anaphoric and timex.value[:1].isdigit():
                ctx.reference = timex.value
                ctx.reference_end = timex.end
                # scan runs one character ahead of the text (its leading space)
                ctx.reference_possessive = scan.startswith(b"'s", timex.end + 1)
                if _FULL_DAY.fullmatch(timex.value):
                    ctx.day_reference = timex.value
                    ctx.day_reference_end = timex.end
        return out

    def renormalize(self, timex: Timex, dct: dt.date, future: bool) -> Timex:
        """Re-resolve a direction-sensitive timex as past (on or before the DCT)
        or future (after it); any other timex comes back unchanged.

        A month, quarter or season that holds the DCT counts as both ("will
        meet in January" in January stays this January). A timex this tagger
        did not produce, or whose text needs context to match, is unchanged.
        """
        if not timex.direction_sensitive:
            return timex
        scan = _scan_text(timex.text)
        found = self._resolve(timex.text, scan, 1, Context(dct, direction=future))
        if found is None or (found[0].start, found[0].end) != (0, len(timex.text)):
            return timex
        return _revalued(timex, found[0])

    def reanchor(self, timex: Timex, day: dt.date) -> Timex:
        """Re-resolve a timex against another day than the DCT ("today" in a quote
        spoken on Tuesday is that Tuesday); unchanged when its text alone does not
        match whole."""
        scan = _scan_text(timex.text)
        found = self._resolve(timex.text, scan, 1, Context(day))
        if found is None or (found[0].start, found[0].end) != (0, len(timex.text)):
            return timex
        return _revalued(timex, found[0])

    def _resolve(
        self, text: str, scan: bytes, pos: int, ctx: Context
    ) -> tuple[Timex, CompiledRule, int, bool] | None:
        """The timex of the first rule matching at scan offset ``pos``, with its
        rule, the end of the match and whether its value was read off an
        earlier expression; None when no rule, check or value fits."""
        grammar = self._grammar
        word = _WORD.match(scan, pos)
        dispatch = grammar.by_word.get(word.group()) if word else None
        if dispatch is None:
            dispatch = grammar.by_byte[scan[pos]]
            if dispatch is None:
                return None
        m = dispatch.regex.match(scan, pos)
        if m is None:
            return None
        rule = grammar.rules[dispatch.rule_of_group[m.lastindex or 0]]
        groups: dict[str, str | None] = {}
        for spec in rule.groups:
            start, end = m.span(spec.name)
            if start < 0:
                groups[spec.alias] = None
                continue
            if spec.case_check is not None and not spec.case_check.fullmatch(
                text, start - 1, end - 1
            ):
                return None
            raw = scan[start:end]
            value = spec.fast.get(raw)
            if value is None:
                if raw.isdigit():
                    value = raw.decode("ascii")
                else:
                    # From the scan text: ASCII, so "’80" reads as "'80".
                    key = normalize_key(raw.decode("ascii"))
                    value = spec.table.get(key, key) if spec.table is not None else key
            groups[spec.alias] = value
        start, end = m.span(rule.offset) if rule.offset else m.span()
        ctx.start, ctx.end = start, end
        try:
            resolved = rule.evaluate(groups, ctx)
        except OverflowError:  # "999999 weeks ago", or a DCT in year 9999: off the calendar
            return None
        if resolved is None:
            return None
        timex = _timex(text, start - 1, end - 1, rule.definition.type, resolved)
        # Scanning resumes after the expression, not after the context its
        # rule needed: "10:35 a.m. (0735 GMT) Friday" also tags "Friday".
        return timex, rule, end, resolved.anaphoric

    def _tense(self, scan: bytes, start: int, end: int) -> bool | None:
        """Future (True) or past (False) from the nearest cue in the sentence, else None.

        Takes the cue nearest the expression: the last one before it in its
        sentence (at most window_before characters back) or the first one
        after it (at most window_after characters on). A deadline
        word right before it ("by May") reads as future. A possessive
        ("Wednesday's ruling") modifies a noun, so the clause's verbs do not
        speak for it.
        """
        if scan.startswith(b"'s", end):
            return None
        tense = self._grammar.tense
        cues = self._grammar.tense_cues
        low = max(0, start - tense.window_before)
        for boundary in _SENTENCE_END.finditer(scan, low, start):
            low = boundary.end()
        before = None
        for before in cues.finditer(scan, low, start):  # noqa: B007 - only the last one counts
            pass
        if before is None and scan.startswith(b",", end) and _FRONTED.fullmatch(scan, low, start):
            # "On Tuesday, the league plans to ...": the clause after the
            # comma is the one the fronted expression dates.
            high = min(len(scan), end + tense.window_fronted)
            clause_ends: tuple[re.Match[bytes] | None, ...] = (
                _SENTENCE_END.search(scan, end, high),
                _SUBCLAUSE.search(scan, end, high),
            )
        else:
            high = min(len(scan), end + tense.window_after)
            clause_ends = (_CLAUSE_END.search(scan, end, high), _SUBCLAUSE.search(scan, end, high))
        for clause_end in clause_ends:
            if clause_end is not None:
                high = min(high, clause_end.start())
        after = cues.search(scan, end, high)
        if before is None and after is None:
            past = None
        elif after is None or (before is not None and start - before.end() <= after.start() - end):
            past = before is not None and before.lastgroup == "past"
        else:
            past = after.lastgroup != "future"
        if past is not True and self._grammar.deadline.search(scan, max(0, start - 16), start):
            return True
        return None if past is None else not past


# Where a sentence (or a quotation in it) ends, in the scan text; the match
# ends before the space, which the cue regex needs in front of a word. Both
# regexes start with a character class so re can skip to candidates fast.
_SENTENCE_END = re.compile(rb"[.?!;](?=[ '])")
# Looking ahead, the clause also ends at a comma or a closing quote: in
# "on Tuesday, the League said" and "Thursday,'' Castro said", the verb
# after it belongs to another clause.
_CLAUSE_END = re.compile(rb"[.?!;,'](?:(?<=[.?!;])(?=[ '])|(?<=,)|(?<=')(?='))")
# ... and where a subordinate clause starts: in "warned officials Wednesday
# that they would act", "would" belongs to the that-clause.
_SUBCLAUSE = re.compile(rb" (?:that|which|who|when|if|because|while|after|before) ")
# A sentence that opens with the expression, after at most three words ("On",
# "But by", "Late on"): the clause after its comma is the one it dates.
_FRONTED = re.compile(rb" *(?:[a-z]+ +){0,3}")


def _timex(text: str, start: int, end: int, ttype: str, resolved: Resolved) -> Timex:
    return Timex(
        start,
        end,
        text[start:end],
        ttype,
        resolved.value,
        resolved.end_value,
        resolved.relative,
        resolved.direction_sensitive,
    )


def _revalued(timex: Timex, again: Timex) -> Timex:
    """``timex`` with the value fields of ``again``: what ``dataclasses.replace``
    gives, without its field lookups (renormalize runs for most dated events)."""
    return Timex(
        timex.start,
        timex.end,
        timex.text,
        timex.type,
        again.value,
        again.end_value,
        again.relative,
        again.direction_sensitive,
    )
