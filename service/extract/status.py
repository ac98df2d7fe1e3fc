"""Event status from tense, aspect and modality around the trigger."""

from __future__ import annotations

from service.extract.actors import Mention
from service.extract.resources import Resources, contains_phrase
from service.extract.roles import Clause
from service.extract.tokens import Tokens
from service.extract.triggers import TriggerMatch
from service.models import Status

_WINDOW = 7  # tokens before the trigger that make up its verb group
_AFTER = 4  # tokens after it ("the visit was postponed")
_PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'s", "'re", "was", "were"})


class StatusReader:
    def __init__(self, resources: Resources) -> None:
        self._cues = resources.cues
        self._phrases = resources.phrases

    def read(
        self, tokens: Tokens, clause: Clause, match: TriggerMatch, source: list[Mention]
    ) -> Status:
        lower = tokens.lower
        # The verb group starts after the nearest actor before the trigger, so
        # "traveled to Russia ... for a summit" reads the summit's own words only.
        start = max(clause.first, match.first - _WINDOW)
        for m in source:
            if start <= m.last < match.first:
                start = m.last + 1
        stop = match.first
        after_stop = min(clause.last, match.last + _AFTER) + 1
        if self._has(lower, start, stop, "cancelled") or self._has(
            lower, match.last + 1, after_stop, "cancelled"
        ):
            return "cancelled"
        if self._has(lower, start, stop, "hypothetical") or (
            match.trigger.pos == "noun"
            and any(
                lower[k] in self._cues["hypothetical_after"]
                for k in range(match.last + 1, after_stop)
            )
        ):
            return "hypothetical"
        if self._is_planned(lower, start, stop, match.trigger.pos != "noun"):
            return "planned"
        progressive = lower[match.first].endswith("ing")
        if progressive and stop > start and lower[stop - 1] in _PROGRESSIVE_AUX:
            return "ongoing"  # "is visiting", "was hosting" in reported speech
        if progressive and contains_phrase(
            self._phrases["ongoing_perfect"], lower, max(start, stop - 3), stop
        ):
            return "ongoing"  # "have been urging"
        if any(lower[k] in self._cues["ongoing"] for k in range(start, stop)):
            return "ongoing"
        return "occurred"

    def _is_planned(self, lower: tuple[str, ...], start: int, stop: int, verbal: bool) -> bool:
        planned = self._cues["planned"]
        for k in range(start, stop):
            word = lower[k]
            if word in planned and word != "to":
                return True
            # "to" marks the future only as an infinitive right before the verb ("plans to visit").
            if word == "to" and verbal and k == stop - 1:
                return True
        return False

    def _has(self, lower: tuple[str, ...], start: int, stop: int, cue: str) -> bool:
        words = self._cues[cue]
        return any(lower[k] in words for k in range(start, stop)) or contains_phrase(
            self._phrases[cue], lower, start, stop
        )
