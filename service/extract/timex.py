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

import dataclasses
import datetime as dt
import functools
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
from service.extract.timex_values import Context, Resolved, evaluate

__all__ = [
    "Timex",
    "TimexResourceError",
    "TimexResources",
    "TimexTagger",
    "build_timex_resources",
    "load_timex_resources",
]

_RESOURCE_PACKAGE = "service.resources.timex"

# The scan text: ASCII, lower case, and every character that can stand before
# a timex ("\n", "(", a quote) turned into a space, so the scanner can look
# for a literal space. Offsets are unchanged: one byte per character.
_SCAN_TABLE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\r\x0b\x0c([{\"/?",
    b"abcdefghijklmnopqrstuvwxyz" + b" " * 11,
)


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
        return [found.timex for found in self.explain(text, dct)]

    def explain(self, text: str, dct: dt.date) -> list[RuleMatch]:
        """Like :meth:`tag`, also naming the rule behind each timex."""
        scan = _scan_text(text)
        search = self._grammar.scanner.search
        out: list[RuleMatch] = []
        reference: str | None = None
        pos = 0
        while (candidate := search(scan, pos)) is not None:
            pos = candidate.start() + 1
            found = self._resolve(text, scan, pos, dct, reference, None)
            if found is None:
                continue
            timex, rule, pos = found
            out.append(RuleMatch(timex, rule.definition.name))
            if timex.type == "DATE" and timex.value[:1].isdigit():
                reference = timex.value
        return out

    def renormalize(self, timex: Timex, dct: dt.date, future: bool) -> Timex:
        """Re-resolve a direction-sensitive timex as past (on or before the DCT)
        or future (after it); any other timex comes back unchanged."""
        if not timex.direction_sensitive:
            return timex
        scan = _scan_text(timex.text)
        found = self._resolve(timex.text, scan, 1, dct, None, future)
        if found is None or (found[0].start, found[0].end) != (0, len(timex.text)):
            return timex
        again = found[0]
        return dataclasses.replace(
            timex,
            value=again.value,
            end_value=again.end_value,
            relative=again.relative,
            direction_sensitive=again.direction_sensitive,
        )

    def _resolve(
        self,
        text: str,
        scan: bytes,
        pos: int,
        dct: dt.date,
        reference: str | None,
        future: bool | None,
    ) -> tuple[Timex, CompiledRule, int] | None:
        """The timex of the first rule matching at scan offset ``pos``, with its
        rule and the end of the match; None when no rule, check or value fits."""
        dispatch = self._grammar.dispatch[scan[pos]]
        if dispatch is None:
            return None
        m = dispatch.regex.match(scan, pos)
        if m is None:
            return None
        rule = self._grammar.rules[dispatch.rule_of_group[m.lastindex or 0]]
        groups: dict[str, str | None] = {}
        for spec in rule.groups:
            start, end = m.span(spec.name)
            if start < 0:
                groups[spec.alias] = None
                continue
            surface = text[start - 1 : end - 1]
            if spec.case_check is not None and not spec.case_check.fullmatch(surface):
                return None
            key = normalize_key(surface)
            groups[spec.alias] = spec.table.get(key, key) if spec.table is not None else key
        start, end = m.span(rule.offset) if rule.offset else m.span()
        if future is None:
            tense = functools.partial(self._tense, scan, start, end)
        else:
            tense = functools.partial(_constant, future)
        resolved = evaluate(rule.value, groups, Context(dct, tense, reference))
        if resolved is None:
            return None
        return _timex(text, start - 1, end - 1, rule.definition.type, resolved), rule, m.end()

    def _tense(self, scan: bytes, start: int, end: int) -> bool | None:
        """Future (True) or past (False) from the nearest cue in the clause, else None.

        Looks back to the start of the sentence (at most window_before
        characters) and takes the cue nearest the expression; failing that,
        the first cue after it within window_after characters.
        """
        tense = self._grammar.tense
        low = max(0, start - tense.window_before)
        low = max(low, scan.rfind(b". ", low, start) + 1)
        last = None
        for last in self._grammar.tense_cues.finditer(scan, low, start):  # noqa: B007
            pass
        if last is not None:
            return last.lastgroup == "future"
        high = min(len(scan), end + tense.window_after)
        stop = scan.find(b". ", end, high)
        after = self._grammar.tense_cues.search(scan, end, stop if stop >= 0 else high)
        if after is not None:
            return after.lastgroup == "future"
        return None


def _constant(value: bool) -> bool:
    return value


def _timex(text: str, start: int, end: int, ttype: str, resolved: Resolved) -> Timex:
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=ttype,
        value=resolved.value,
        end_value=resolved.end_value,
        relative=resolved.relative,
        direction_sensitive=resolved.direction_sensitive,
    )
