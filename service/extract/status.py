"""Event status from tense, aspect and modality around the trigger."""

from __future__ import annotations

from service.extract.actors import Mention
from service.extract.resources import PhraseIndex, Resources, contains_phrase
from service.extract.roles import BREAK_WORDS, Clause
from service.extract.tokens import Tokens
from service.extract.triggers import TriggerMatch, past_form
from service.models import Status

_WINDOW = 7  # tokens before the trigger that make up its verb group
_AFTER = 4  # tokens after it ("the visit was postponed")
PERFECT_REACH = 3  # "have also been urging", "has quietly mediated": the auxiliary before it
# "has mediated the return of children ... since 2023": how far "since" may be
_SINCE_REACH = 14
_SINCE_BARRIERS = frozenset({",", ";", ":", '"', "“", "”", "(", ")"})
_PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'s", "'re", "was", "were"})
_PAST_AUX = frozenset({"was", "were"})
_CLAUSE_JOINERS = frozenset({"and", "but"})  # after a comma: another clause
# "later that day", "later the same week": a time after one already told
_TOLD_DAY_AFTER_LATER = frozenset(
    {("that", w) for w in ("day", "week", "month", "year", "morning", "evening", "night")}
    | {("the", "same")}
)
_PRESENT_PERFECT = frozenset({"has", "have"})
_COMPLEMENT = 16  # tokens after a noun trigger to the comma opening its appositive
_SUBJECT_REACH = 16  # tokens after a subject noun trigger to its clause's verb group
_APPOSITIVE = 14  # tokens from there to the comma closing it
_CONJUNCT_BREAKS = frozenset({",", ";", "and", "but"})
_JOINERS = frozenset({"and", "but"})
_PLAN_MODIFIERS = 2  # words between a determiner and "plan": "the new Egyptian plan"
_DENIAL_REACH = 5  # "denied media reports that" before a subject
_REPORTS_AT = 5  # "denied reports in the Bolivian press that": where they ran
_REPORTED_AT = frozenset({"in", "by", "from", "on"})
_PHRASE_REACH = 8  # tokens from "ahead of" to its noun trigger ("ahead of Xi's state visit")
_DECISION_GAP = 3  # tokens between a decision and its "to" ("voted on Thursday to")
# tokens from "was" or "became" to the "to" of the act it ranks ("became one of
# the latest European countries to recognize")
_RANKED_REACH = 7
# How far before an infinitive "used" may stand: "used the news conference on Thursday to"
_MEANS_REACH = 7
_ADJUNCT_PREPOSITIONS = frozenset({"in", "at", "during"})
# Event types that are said, not done: their object is what they are about.
SPEECH_ACTS = frozenset({"appeal", "condemnation"})
_ADJUNCT_REACH = 4  # tokens from the preposition to its noun trigger ("at the two-day summit")
_ON_REACH = 5  # tokens from "on" to its noun trigger ("is on a three-nation Asian tour")


class StatusReader:
    def __init__(self, resources: Resources) -> None:
        self._cues = resources.cues
        self._earlier_prepositions = resources.cues["earlier_prepositions"]
        self._purpose_prepositions = resources.cues["purpose_prepositions"]
        self._preps = resources.cues["prepositions"]
        self._efforts = resources.cues["effort_verbs"]
        self._phrases = resources.phrases
        self._hypothetical_after = resources.cues["hypothetical_after"]
        # ... but for "would", which after a subject noun may also tell a plan
        self._speculative_after = self._hypothetical_after - {"would"}
        self._ongoing = resources.cues["ongoing"]
        self._then_words = resources.cues["then_words"]
        self._ongoing_aux = resources.cues["ongoing_aux"]
        self._ongoing_perfect = resources.phrases["ongoing_perfect"]
        self._planned = resources.cues["planned"] - {"to"}
        self._irregular_pasts = resources.triggers.irregular_pasts
        self._speakers = resources.cues["quoted_pronouns"]  # "we", "I"
        self._ranked = resources.cues["ranked"]
        self._past_copulas = resources.cues["past_copulas"]
        self._ranking_participles = resources.cues["ranking_participles"]
        self._conditions = resources.cues["conditions"]
        self._planned_before_to = resources.cues["planned_before_to"]
        self._means_used = resources.cues["means_used"]
        self._planned_nouns = resources.cues["planned_nouns"]
        self._determiners = resources.cues["determiners"]
        self._fulfilling_verbs = resources.cues["fulfilling_verbs"]
        self._planned_heads = resources.cues["planned_heads"]
        self._verb_group = resources.cues["verb_group"]
        self._reporting = resources.cues["reporting"]
        self._relative = resources.cues["relative_pronouns"]
        self._negations = resources.cues["negations"]
        self._cancel_words = resources.cues["cancelled"] - self._negations
        self._noun_cancel_words = resources.cues["cancelled"] - resources.cues["object_negations"]
        self._later_openers = tuple(
            (resources.cues[name], resources.phrases[name], to_come)
            for name, to_come in (("prospective_openers", True), ("preceding_openers", False))
        )
        self._done_when_decided = frozenset(
            name for name, info in resources.event_types.items() if info.done_when_decided
        )
        self._lasting = frozenset(
            name for name, info in resources.event_types.items() if info.lasting
        )
        self._present_perfect = resources.cues["present_perfect"]
        self._lasting_openers = resources.cues["lasting_openers"]
        # the words that decide each such type's act; some decide one type's only
        # ("agreed to ban" is a sanction imposed)
        decisions = resources.cues["decisions"]
        self._type_decisions = {
            name: decisions | resources.cues.get(f"decisions_{name}", frozenset())
            for name in self._done_when_decided
        }

    def read(
        self, tokens: Tokens, clause: Clause, match: TriggerMatch, source: list[Mention]
    ) -> Status:
        lower = tokens.lower
        if (
            match.trigger.type in SPEECH_ACTS
            and match.first >= 2
            and lower[match.first - 1] == "would"
            and lower[match.first - 2] in self._speakers
        ):
            return "occurred"  # '"We would urge Ankara to refrain"': said as it is said
        # The verb group starts after the nearest actor before the trigger, so
        # "traveled to Russia ... for a summit" reads the summit's own words only.
        start = max(clause.first, match.first - _WINDOW)
        if self._adjunct_start(lower, match, start, self._purpose_prepositions) > start:
            # the plan cues of the verb the noun completes, past an "after" that
            # opens its own clause ("agreed to meet again ..., two days after he
            # brought the two together for their first talks")
            start = next(
                (
                    k + 1
                    for k in range(match.first - 1, clause.first - 1, -1)
                    if lower[k] in self._earlier_prepositions
                ),
                clause.first,
            )
        group_start = start  # "the decision by Lithuania to expel": the decision is before it
        for m in source:
            # a name that modifies a noun trigger is inside its phrase: "the next
            # Portugal-Mozambique summit" keeps its "next"
            modifier = match.trigger.pos == "noun" and m.last + 1 == match.first
            if start <= m.last < match.first and not modifier:
                start = m.last + 1
        stop = match.first
        after_stop = min(clause.last, match.last + _AFTER) + 1
        if contains_phrase(self._phrases["not_ruled_out"], lower, clause.first, stop):
            return "hypothetical"  # "did not rule out a visit by Petro": it may happen
        if (
            self._denied_clause(lower, clause, match, source)
            or self._cancelled_before(lower, self._adjunct_start(lower, match, start), stop)
            or self._cancelled_after(lower, match, after_stop)
        ):
            return "cancelled"
        if any(lower[k : k + 2] in _PASSIVE_FUTURES for k in range(match.first + 1, match.last)):
            return "planned"  # "the meeting will be chaired by": the plan inside the match
        later = self.later_phrase(lower, clause, match)
        if later is not None and later[2]:
            return "planned"  # "ahead of Kishida's visit"
        if (
            match.trigger.pos != "verb"
            and self._verb_group.isdisjoint(
                lower[self.reported_clause_start(lower, clause.first, match) : match.first]
            )
            and not self._fulfilled_object(lower, clause.first, match.first)
        ):
            # "The third round of talks, scheduled for Sept. 17, has been postponed":
            # a noun that is its clause's subject takes its status from that
            # clause's verb, past an appositive between commas; so does one
            # after a reporting verb ("Fidan said the third round will be held").
            told = self._subject_status(tokens, match.last + 1, clause.sentence_last + 1)
            if told == "planned" and self._conditional(lower, match, clause):
                return "hypothetical"  # "a meeting, if it goes ahead, would be a breakthrough"
            if told is not None:
                return told
        if contains_phrase(self._phrases["proposals"], lower, clause.first, stop):
            return "hypothetical"  # "has proposed that a group of countries mediate"
        if self._in_effort(lower, start, stop):
            return "ongoing"  # "has been trying to broker a deal since May"
        if self._hypothetical(tokens, start, stop) or (
            match.trigger.pos == "noun"
            and _any_modal(tokens, match.last + 1, after_stop, self._hypothetical_after)
        ):
            return "hypothetical"
        # talks "after" which something was agreed were held (cues.toml)
        start = self._adjunct_start(lower, match, start, self._earlier_prepositions)
        # "is due in Warsaw": the trigger itself can be the future marker
        if lower[match.first] in self._planned_heads or (
            self._is_planned(lower, start, stop, match.trigger.pos != "noun", clause.first)
            and not self._decided(lower, group_start, match)
        ):
            # "is ready to mediate if both sides ask": a plan on a condition
            return "hypothetical" if self._conditional(lower, match, clause) else "planned"
        if match.trigger.pos == "verb" and (
            lower[match.first] in self._ongoing_aux
            or (
                lower[match.first] in {"has", "have"}
                and contains_phrase(self._ongoing_perfect, lower, match.first, match.first + 2)
            )
        ):
            return "ongoing"  # "is in Beijing", "has been in New York since Friday"
        if self._under_way(lower, start, stop):
            return "ongoing"  # "is on a three-nation tour"
        # "Sunday's meeting": before a noun, "'s" owns it, it is no "is"
        progressive = lower[match.first].endswith("ing") and not (
            match.trigger.pos == "noun" and lower[stop - 1] == "'s"
        )
        if progressive and stop > start and lower[stop - 1] in _PROGRESSIVE_AUX:
            if lower[stop - 1] in _PAST_AUX and match.trigger.type in self._done_when_decided:
                return "occurred"  # "said it was recalling its ambassador": announced, done
            return "ongoing"  # "is visiting", "was hosting" in reported speech
        if progressive and contains_phrase(
            self._ongoing_perfect, lower, max(start, stop - 3), stop
        ):
            return "ongoing"  # "have been urging"
        if not self._ongoing.isdisjoint(lower[start:stop]) and any(
            lower[j] in self._ongoing and lower[j - 1] not in self._then_words
            for j in range(start, stop)
        ):
            return "ongoing"  # "is still holding talks", not "Vucic, then still premier"
        if match.trigger.type in self._lasting and self._held_since(lower, clause, match, start):
            return "ongoing"  # "has mediated between the two since 2019"
        return "occurred"

    def _held_since(
        self, lower: tuple[str, ...], clause: Clause, match: TriggerMatch, start: int
    ) -> bool:
        """A verb in the present perfect with "since" after it in its sentence,
        before any comma: a role taken up then and held still."""
        if match.trigger.pos == "noun" or self._present_perfect.isdisjoint(
            lower[max(start, match.first - PERFECT_REACH) : match.first]
        ):
            return False
        for k in range(match.last + 1, min(clause.sentence_last, match.last + _SINCE_REACH) + 1):
            if lower[k] in self._lasting_openers:
                return True
            if lower[k] in _SINCE_BARRIERS:
                return False
        return False

    def _in_effort(self, lower: tuple[str, ...], start: int, stop: int) -> bool:
        """ "is trying to mediate", "have been working to broker": an effort under
        way at the act, told with a present or perfect "be"."""
        return (
            stop - 3 >= start
            and lower[stop - 1] == "to"
            and lower[stop - 2] in self._efforts
            and (lower[stop - 3] in self._ongoing_aux or lower[stop - 3] == "been")
            and (lower[stop - 3] != "been" or lower[stop - 4 : stop - 3] != ("had",))
        )

    def _fulfilled_object(self, lower: tuple[str, ...], clause_first: int, noun: int) -> bool:
        """ "began a two-day state visit to Kenya, with talks expected to ...": the
        object of a verb that fulfils it, no preposition between, is no subject
        of what follows (not "paid attention to preparations for the visit")."""
        for k in range(noun - 1, max(clause_first, noun - _WINDOW) - 1, -1):
            if lower[k] in self._fulfilling_verbs:
                return True
            if lower[k] in self._preps:
                return False
        return False

    def _conditional(self, lower: tuple[str, ...], match: TriggerMatch, clause: Clause) -> bool:
        """Whether a condition ("if", "unless") follows the trigger in its clause,
        before another's reporting verb ("will meet again next month, and
        diplomats said a summit could follow if ...")."""
        if self._conditions.isdisjoint(lower[match.last + 1 : clause.last + 1]):
            return False  # the common case, settled in C
        joined = False  # past ", and": another clause may begin
        for k in range(match.last + 1, clause.last + 1):
            word = lower[k]
            if word in self._conditions:
                return True
            if word in _CLAUSE_JOINERS and lower[k - 1] == ",":
                joined = True
            elif joined and word in self._reporting:
                return False
        return False

    def reported_clause_start(
        self, lower: tuple[str, ...], clause_first: int, match: TriggerMatch
    ) -> int:
        """Where the clause reported by the last reporting verb before the trigger
        starts ("said [that] the talks ..."), or the clause's own start."""
        for k in range(match.first - 1, clause_first - 1, -1):
            if lower[k] in self._reporting:
                return k + 2 if k + 1 < match.first and lower[k + 1] == "that" else k + 1
            if lower[k] == "that" and k > clause_first and lower[k - 1] in {"and", "or"}:
                return k + 1  # "believe that ... could help, and that a visit ...": the second
        return clause_first

    def _under_way(self, lower: tuple[str, ...], start: int, stop: int) -> bool:
        """Whether the trigger is the object of a present "be on" ("is on a
        visit to", "are on a three-nation tour"): the trip is under way."""
        for k in range(stop - 1, max(start, stop - _ON_REACH) - 1, -1):
            if lower[k] == "on":
                return k > start and lower[k - 1] in self._ongoing_aux
        return False

    def later_phrase(
        self, lower: tuple[str, ...], clause: Clause, match: TriggerMatch
    ) -> tuple[int, int, bool] | None:
        """For a noun trigger inside "ahead of ...", "before ...": the phrase's
        first and last token, and whether it is still to come ("ahead of" rather
        than "before"). None for any other trigger."""
        if match.trigger.pos != "noun":
            return None
        floor = max(clause.first, match.first - _PHRASE_REACH)
        for k in range(match.first - 1, floor - 1, -1):
            for words, phrases, to_come in self._later_openers:
                start = k if lower[k] in words else self._phrase_ending(phrases, lower, floor, k)
                if start is not None:
                    breaks = (
                        j for j in range(match.last + 1, clause.last + 1) if lower[j] in BREAK_WORDS
                    )
                    return start, next(breaks, clause.last + 1) - 1, to_come
            if lower[k] in BREAK_WORDS or lower[k] in self._verb_group:
                return None
        return None

    @staticmethod
    def _phrase_ending(
        phrases: PhraseIndex, lower: tuple[str, ...], floor: int, last: int
    ) -> int | None:
        """Where a phrase of `phrases` that ends at token `last` starts."""
        for start in range(max(floor, last - 3), last):
            found = phrases.longest(lower, start, last + 1)
            if found is not None and start + found[0] == last + 1:
                return start
        return None

    def _subject_status(self, tokens: Tokens, after: int, stop: int) -> Status | None:
        """The status a clause's verb gives its subject noun, reading past the
        noun's complements ("between Ethiopia and Somalia") and at most one
        appositive (", scheduled to take place on Sept. 17,") to the verb group."""
        lower = tokens.lower
        appositive = self.appositive(tokens, after, stop)
        if appositive is None:
            # "Talks between Serbia and Kosovo will resume next week": the verb
            # group right after the noun's complements
            verb_at = self._verb_after(lower, after, stop)
            if verb_at is None:
                return None
            if not self._relative.isdisjoint(lower[after:verb_at]):
                # "A trip that had been planned for next week has been called off":
                # past the relative clause, only a cancellation speaks for the noun
                return "cancelled" if self._cancel_wording(lower, verb_at, stop) else None
            verb = (verb_at, min(stop, verb_at + _AFTER))
            opened = verb_at
        else:
            verb = (appositive[1] + 1, min(stop, appositive[1] + 1 + _AFTER))
            opened = appositive[0]
            if lower[opened + 1] in self._relative:
                # "A visit ..., which had been planned for January, has been
                # postponed": past a relative clause, as above
                return "cancelled" if self._cancel_wording(lower, *verb, noun=True) else None
        if self._cancel_wording(lower, *verb, noun=True):
            return "cancelled"
        if _any_modal(tokens, verb[0], verb[1], self._speculative_after):
            return "hypothetical"  # "a meeting between the two presidents could take place"
        if not self._planned.isdisjoint(lower[opened : verb[1]]):
            return "planned"  # ... "would take place", but "would be possible" above
        return None

    def scheduled(self, tokens: Tokens, clause: Clause, match: TriggerMatch) -> bool:
        """Whether a subject noun's appositive or relative clause schedules it
        ("talks, scheduled for Sept. 17, were postponed"; "a meeting that had been
        expected on Thursday"): its date then lies ahead, cancelled or not."""
        lower = tokens.lower
        if match.trigger.pos == "verb":
            return False
        after, stop = match.last + 1, clause.last + 1
        appositive = self.appositive(tokens, after, stop)
        if appositive is None:
            # "A meeting ... that had been expected on Thursday has been called off"
            verb_at = self._verb_after(lower, after, stop)
            if verb_at is None or self._relative.isdisjoint(lower[after:verb_at]):
                return False
            # only a plan still ahead when called off: "has been called off", "has
            # postponed a round of talks that had been due ...", not "a summit that
            # Angola had planned for March was called off"
            if _PRESENT_PERFECT.isdisjoint(lower[verb_at:stop]) and _PRESENT_PERFECT.isdisjoint(
                lower[clause.first : match.first]
            ):
                return False
            appositive = (verb_at, min(stop, verb_at + _AFTER))
        return not self._planned.isdisjoint(lower[appositive[0] : appositive[1]])

    def _verb_after(self, lower: tuple[str, ...], after: int, stop: int) -> int | None:
        """The first verb-group word after a subject noun's complements, unless a
        comma comes first."""
        for k in range(after, min(stop, after + _SUBJECT_REACH)):
            if lower[k] == ",":
                return None
            if lower[k] in self._verb_group:
                return k
        return None

    def appositive(self, tokens: Tokens, after: int, stop: int) -> tuple[int, int] | None:
        """The commas around the appositive of the noun ending before `after`, past
        its complements (and the commas of a list of names in them: "of Germany,
        France, Russia and Ukraine, planned for Wednesday,"); None when a verb
        comes first."""
        lower, words = tokens.lower, tokens.words
        comma = next(
            (
                k
                for k in range(after, min(stop, after + _COMPLEMENT))
                if lower[k] == ","
                and not (k + 1 < stop and words[k - 1][:1].isupper() and words[k + 1][:1].isupper())
            ),
            None,
        )
        if comma is None or not self._verb_group.isdisjoint(lower[after:comma]):
            return None
        close = next(
            (k for k in range(comma + 1, min(stop, comma + 1 + _APPOSITIVE)) if lower[k] == ","),
            None,
        )
        return None if close is None else (comma, close)

    def _denied_clause(
        self, lower: tuple[str, ...], clause: Clause, match: TriggerMatch, source: list[Mention]
    ) -> bool:
        """ "denied reports that Lula had spoken by phone with Maduro": the clause
        whose subject follows a denial did not happen."""
        # the first source mention before the trigger (a loop: this runs per candidate)
        subject: int | None = None
        for m in source:
            if m.first < match.first and (subject is None or m.first < subject):
                subject = m.first
        if subject is None or subject <= clause.sentence_first:
            return False
        floor = max(clause.sentence_first, subject - _DENIAL_REACH)
        if self._phrase_ending(self._phrases["denials"], lower, floor, subject - 1) is not None:
            return True
        if lower[subject - 1] != "that":
            return False
        # "denied reports in the Bolivian press that": past where the reports ran
        reports = self._phrases["denied_reports"]
        return any(
            lower[k + 1] in _REPORTED_AT
            and "," not in lower[k + 1 : subject - 1]
            and self._phrase_ending(reports, lower, clause.sentence_first, k) is not None
            for k in range(subject - 3, max(clause.sentence_first, subject - 3 - _REPORTS_AT), -1)
        )

    def _hypothetical(self, tokens: Tokens, start: int, stop: int) -> bool:
        """A cue of speculation in tokens[start:stop] ("may", "could be", "if"),
        outside a relative clause closed before `stop`: "rejected measures that
        threaten its sovereignty, and accused Ethiopia" asserts the accusation."""
        lower = tokens.lower
        for k in range(start, stop):
            if lower[k] in self._relative:
                comma = next((c for c in range(k + 1, stop) if lower[c] == ","), None)
                if comma is not None:
                    return self._hypothetical(tokens, start, k) or self._hypothetical(
                        tokens, comma + 1, stop
                    )
                break
        return _any_modal(tokens, start, stop, self._cues["hypothetical"]) or contains_phrase(
            self._phrases["hypothetical"], lower, start, stop
        )

    @staticmethod
    def _adjunct_start(
        lower: tuple[str, ...],
        match: TriggerMatch,
        start: int,
        prepositions: frozenset[str] = _ADJUNCT_PREPOSITIONS,
    ) -> int:
        """Where a noun trigger's own words start when it stands in an adjunct
        ("failed to reach an agreement in talks in Brussels"): the verb before
        the preposition is another act, and its negation is not the talks'; so
        for the plan cues of a noun after "after" or "following"."""
        if match.trigger.pos != "noun":
            return start
        for k in range(match.first - 1, max(start, match.first - _ADJUNCT_REACH) - 1, -1):
            if lower[k] in prepositions:
                return k + 1
        return start

    def _cancelled_before(self, lower: tuple[str, ...], start: int, stop: int) -> bool:
        """A cancellation cue before the trigger; a negation counts only after the last
        comma or conjunction, since before it it negates another verb ("agreed not to
        use force, in talks ..."; "were not ready and urged ..."), and any cue only
        after the last "and" or "but", which joins another verb ("rejected the plan
        and accused Cairo")."""
        window = lower[start:stop]
        cut = next((k for k in range(len(window) - 1, -1, -1) if window[k] in _CONJUNCT_BREAKS), -1)
        if not self._negations.isdisjoint(window[cut + 1 :]):
            return True
        joined = next((k for k in range(len(window) - 1, -1, -1) if window[k] in _JOINERS), -1)
        return self._cancel_wording(lower, start + joined + 1, stop)

    def _cancelled_after(self, lower: tuple[str, ...], match: TriggerMatch, stop: int) -> bool:
        """A cancellation cue after the trigger ("the visit was postponed"). After a
        verb a negation belongs to what follows, not to the verb: "accused Rabat
        of never having ceased its hostile acts"."""
        if match.trigger.pos == "verb":
            # what a speech act's object calls off is its content: "faulted Sudan for
            # the delays", "condemned the postponement of the vote"
            if match.trigger.type in SPEECH_ACTS:
                return False
            return self._cancel_wording(lower, match.last + 1, stop)
        return self._cancel_wording(lower, match.last + 1, stop, noun=True)

    def _cancel_wording(
        self, lower: tuple[str, ...], start: int, stop: int, noun: bool = False
    ) -> bool:
        """A cancellation word or phrase in lower[start:stop]: negations apart, or
        after a noun trigger those that head a noun phrase apart."""
        words = self._noun_cancel_words if noun else self._cancel_words
        return not words.isdisjoint(lower[start:stop]) or contains_phrase(
            self._phrases["cancelled"], lower, start, stop
        )

    def _is_planned(
        self, lower: tuple[str, ...], start: int, stop: int, verbal: bool, clause_first: int
    ) -> bool:
        window = lower[start:stop]
        if verbal and window[-1:] == ("later",) and past_form(lower[stop], self._irregular_pasts):
            window = window[:-1]  # "and later visited China": an adverb of the past tense
        for k, word in enumerate(window):  # the cues other than "to"
            if word in self._planned_nouns and self._plan_noun(lower, start + k):
                continue  # "denounced the plan", "rejected the Egyptian plan": a noun
            at = start + k
            if word == "later" and lower[at + 1 : at + 3] in _TOLD_DAY_AFTER_LATER:
                continue  # "responded later the same day", "later that week": told past
            if (
                at >= 2
                and lower[at - 1] in self._determiners
                and lower[at - 2] in self._fulfilling_verbs
            ):
                continue  # "held a scheduled round of talks": the plan came true
            if word in self._planned and (
                word not in self._planned_before_to or window[k + 1 : k + 2] == ("to",)
            ):
                return True
        # "to" marks the future only as an infinitive right before the verb ("plans to
        # visit", "a summit to be mediated by Angola").
        infinitive = lower[max(start, stop - 2) : stop]
        if infinitive[-1:] == ("to",) and self._ranked_act(lower, clause_first, stop - 1):
            return False
        if infinitive[-1:] == ("to",) and not self._means_used.isdisjoint(
            lower[max(clause_first, stop - 1 - _MEANS_REACH) : stop - 1]
        ):
            return False  # "used the news conference to urge Washington": done by it
        return verbal and (infinitive[-1:] == ("to",) or infinitive == ("to", "be"))

    def _ranked_act(self, lower: tuple[str, ...], start: int, to: int) -> bool:
        """ "Spain became one of the latest countries to recognize", "Modi was the
        first Indian leader to visit", "signed ..., making them the first to
        normalise": a past copula ranks an act already done, and so does a
        participle after a clause of the past (not "will travel ..., becoming
        the first to visit", nor "will be the first")."""
        for k in range(max(start, to - _RANKED_REACH - 1), to):
            if lower[k] in self._past_copulas or lower[k] in self._ranking_participles:
                # a participle ranks what its whole clause tells, planned or done
                told_from = start if lower[k] in self._ranking_participles else k + 1
                return not self._ranked.isdisjoint(lower[k + 1 : to]) and self._planned.isdisjoint(
                    lower[told_from:to]
                )
        return False

    def _plan_noun(self, lower: tuple[str, ...], k: int) -> bool:
        """Whether "plan" at k is a noun naming some plan, not this event's: right
        after a determiner, or a word or two after one with no "to" following
        ("the Egyptian plan and accused"; but "the US plans to send")."""
        if k > 0 and lower[k - 1] in self._determiners:
            return True
        after = lower[k + 1] if k + 1 < len(lower) else ""
        return after != "to" and any(
            lower[j] in self._determiners for j in range(max(0, k - _PLAN_MODIFIERS - 1), k - 1)
        )

    def _decided(self, lower: tuple[str, ...], start: int, match: TriggerMatch) -> bool:
        """ "decided to cut ties", "announced its decision to expel", "voted on
        Thursday to extend an arms embargo": for the types a decision carries
        out, the act itself."""
        to = match.first - 1
        if not (match.trigger.type in self._done_when_decided and start < to and lower[to] == "to"):
            return False
        decisions = self._type_decisions[match.trigger.type]
        for k in range(to - 1, max(start, to - 1 - _DECISION_GAP) - 1, -1):
            if lower[k] in decisions:
                return True
            if lower[k] in BREAK_WORDS:
                return False
        return False


# A future passive inside a trigger's own words
_PASSIVE_FUTURES = frozenset({("will", "be"), ("to", "be")})


def _any_modal(tokens: Tokens, start: int, stop: int, words: frozenset[str]) -> bool:
    """Whether a word of `words` stands in tokens[start:stop], "May" the month apart
    ("his state visit to Russia last May")."""
    lower = tokens.lower
    if words.isdisjoint(lower[start:stop]):
        return False  # the common case, settled in C
    return any(lower[k] in words and tokens.words[k] != "May" for k in range(start, stop))
