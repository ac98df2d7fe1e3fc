"""The extraction stages in order: article in, dated diplomatic events out.

Pure: no clock, no I/O, no stream or metrics code. Resources arrive fully
loaded in the constructor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from service.extract.actors import (
    APPOSITIVE_DETERMINERS,
    HOSTS,
    VISITORS,
    ActorFinder,
    ActorLexicon,
    Mention,
    SentenceSpan,
    opens_aside,
    sentence_token_spans,
    stand_in,
)
from service.extract.dateline import Dateline, parse_dateline, publication_date
from service.extract.dates import extent
from service.extract.resources import PhraseIndex, Resources, contains_phrase
from service.extract.roles import (
    CLAUSE_BREAKS,
    NEWS_DEED,
    WIDE_SIDE,
    Clause,
    DeedDone,
    RoleFinder,
    RoleWords,
    clause_breaks,
    clauses_of,
    opens_conjunct,
)
from service.extract.sentences import split_sentences
from service.extract.status import PERFECT_REACH, SPEECH_ACTS, StatusReader
from service.extract.timex import Timex, TimexTagger
from service.extract.tokens import (
    POSSESSIVE_MARKS,
    QUOTATION_MARKS,
    Tokens,
    phrase_key,
    plain,
    tokenize,
)
from service.extract.triggers import (
    ECHO,
    TriggerMatch,
    find_triggers,
    past_form,
    trigger_starts,
)
from service.models import (
    Article,
    DateBasis,
    DiplomaticEvent,
    Status,
)

# How strongly a candidate's date is tied to it, for merging repeated mentions.
_OWN, _INHERITED, _REPORTED, _UNDATED = 3, 2, 1, 0
# A statement (SPEECH_ACTS) goes on from its speaker's sentence this many back.
_SPEAKER_REACH = 2
_IDIOM_LEAD = 3  # words of a set phrase before the trigger inside it: "in recognition of"
_FIRST_REACH = 3  # words from "first" to its event: "first in-person meeting"
_APPOSED_FIRST_REACH = 8  # words from the event to its "since": ", his first to the region since"
_COUNTING_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth"})
_STATEMENT_REACH = 7  # tokens from the verb to its statement: "told reporters at a news briefing"
_NEWS_SPAN = dt.timedelta(days=14)  # how far before publication a statement is news
_VAGUE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_ATTRIBUTIVE_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "'s", "'"})
_CHAIR_REACH = 10  # "talks between Serbia and Kosovo on Thursday, chaired by"
_THEY_REACH = 3  # "when they had met": "they" before a verb trigger's auxiliaries
_THEIR_REACH = 3  # "their last two meetings": "their" before a noun trigger's modifiers
_SWITCH_REACH = 4  # "switched recognition from Taipei": the state left, right after
_ROUND_REACH = 4  # "round of Turkish -": how far before a compound trigger its noun may stand
# whose parties a bare "round" refers to, and after which "the talks" are
# negotiations of the same parties (mediated talks are negotiations too)
_TALKS = frozenset({"negotiation", "mediation"})
# ... and the events that tell such talks: suspended talks were held by their parties
_TALKS_TOLD = _TALKS | {"talks_suspended"}
# what a third party can chair or mediate
_MEDIATED = frozenset({"meeting", "negotiation"})
_MET = frozenset({"meeting"})
# the nouns that name the meeting told last as a whole ("The talks will be chaired by")
_MEETING_NOUNS = frozenset({"meeting", "talks"})
_ALSO_NAME_REACH = 8  # "also asked the Organization of American States": the name's end
_PARTNER_REACH = 3  # "to meet with the business community": where the partner's head may start
_WEEK_DAYS = 7  # a weekday's readings backward and forward lie this far apart
_WHERE_PLACE_REACH = 5  # "on Sunday in Panama City, where": the words of a place
# What talks lead to: before any talks are told, "the decision followed a fifth
# round of talks" refers to the parties of these
_TALKS_OUTCOMES = frozenset({"agreement", "relations_established"})
_ROUNDS = frozenset({"round", "rounds"})
_BE_FORMS = frozenset({"was", "were", "has", "had", "is"})  # "was accepted", "has been accepted"
_PASSIVE_ACCEPT_REACH = 4  # "had been gratefully accepted"
_MEDIATING_PARTICIPLES = frozenset({"mediated", "brokered", "facilitated"})
_TALKS_NOUNS = frozenset({"talks", "negotiations", "discussions"})
_RELATIONS = frozenset({"relations_established", "relations_cut"})
# what a side does with no other party named is done against the one the
# article has it at odds with (not so ties made: "restored ties" often names
# a third state's)
_WITH_THE_OTHER_SIDE = frozenset({"relations_cut", "expulsion"})
_RUPTURES = ("relations_cut", "expulsion")  # the other's target, in this order
# what may stand between a verb and its object named right after it
_OBJECT_OPENERS = frozenset({"the", "his", "her", "their", "its"})
_ARTICLE_ONLY = frozenset({"the"})  # "suspended the Gambia", no "its"
_PLAN_HORIZON = dt.timedelta(days=366)  # how far back a plan's own date may lie
_TRIP_LENGTH_REACH = 3  # "began a two-day official visit": the length, then its verb
_TRIP_ON_REACH = 8  # "arrived in Sarajevo on Thursday morning on a two-day tour"
_INDEFINITE = frozenset({"a", "an"})
_ERRAND_REACH = 10  # tokens from "asked" past its object to "to convey"
_LIGHT_VERB_REACH = 3  # "pay a courtesy call on": a verb before the trigger it governs
_TOPIC_REACH = 8  # "consultations with his U.S. counterpart on ... talks"
_MEDIUM_REACH = 3  # "on a video call": the medium noun after its preposition
_GOAL_REACH = 4  # "meet the March 31 deadline": the object's head
_GUEST_REACH = 6  # "hosts French and U.S. military bases": where the hosted thing stands
_VENUE_REACH = 10  # "sidelines of a Group of 20 foreign ministers' meeting"
_CHARGE_PREPOSITIONS = frozenset({"of", "for"})  # "accused X of -ing", "criticized X for -ing"
_OBJECT_REACH = 4  # a condemnation's object noun: "criticized the planned state visit"
_VERB_JOINERS = frozenset({"and", "but"})
_THAT = frozenset({"that"})  # the complementizer of "told reporters that ..."
_COUNTERPARTS = frozenset({"counterpart", "counterparts"})
_WHEN_WHERE = frozenset({"when", "where"})  # ", when" and ", where" clauses
# "during a phone call", "during separate phone calls", "after a first round"
_DURING_REACH = 3
# words before a noun trigger that may modify it ("a trilateral foreign ministers' meeting")
_NOUN_MODIFIERS = 4
# tokens from "months after" to a trigger of the clause it opens
_SPAN_CLAUSE_REACH = 12
# "during Philippine President Ferdinand Marcos Jr.'s visit": the owner's title and name
_OWNER_REACH = 9
_WHEN_REACH = 6  # "when the two leaders met"
# double quotation marks, straight or typographic: each opens or closes a quotation
_QUOTES = frozenset({'"', "“", "”"})
# after "invited X to ...", these open the clause of when it was done, not its content
_OCCASION_OPENERS = frozenset({"during", "when", "while"})
# the events a list of four or more parties holds all together, every pair of them
_GATHERINGS = frozenset({"meeting", "negotiation", "agreement", "phone_call"})
# before "their" and a meeting or call: the parties' own occasion ("at their meeting")
_OCCASION_PREPOSITIONS = frozenset({"at", "in", "during"})
# What a named participant says or signs, undated, belongs to their latest
# encounter this many sentences (and candidates) back at most.
_ENCOUNTERS = frozenset({"meeting", "phone_call", "visit", "negotiation"})
_ENCOUNTER_ACTS = frozenset({"appeal", "condemnation", "invitation", "agreement"})
_ENCOUNTER_REACH = 10
_ENCOUNTER_LOOKBACK = 40
_PURPOSE_REACH = 8  # tokens from "for" to the talks a visit is for
_ASIDE_REACH = 3  # tokens from an aside's opening comma to the date inside it
_OCCASION_REACH = 8  # sentences back to the event "Following the meeting, ..." names
# An occasion type in cues.toml [occasion_heads]: a speech or news conference,
# dated by the reporting clause that told of it ("said on Monday").
_STATEMENT_OCCASION = "statement"


# Not frozen, though never changed once built: a frozen dataclass sets each
# field through object.__setattr__, and one is built per trigger.
@dataclass(slots=True)
class _Site:
    """One trigger in its sentence, with what its arguments and date are read from."""

    sentence: int
    span: SentenceSpan
    clause: Clause
    match: TriggerMatch
    next_trigger: int | None  # where its right-hand arguments end
    earlier: list[TriggerMatch]  # triggers before it in the sentence
    rivals: list[int]  # other events' triggers, which keep their own dates
    gathering: bool  # names where another event took place ("sidelines of the summit")
    timexes: list[tuple[Timex, tuple[int, int]]]  # dates and times of the sentence, token ranges

    def __init__(
        self,
        sentence: int,
        span: SentenceSpan,
        clause: Clause,
        match: TriggerMatch,
        next_trigger: int | None,
        earlier: list[TriggerMatch],
        rivals: list[int],
        gathering: bool,
        timexes: list[tuple[Timex, tuple[int, int]]],
    ) -> None:
        # Written out, as Mention's is: one is built per trigger.
        self.sentence = sentence
        self.span = span
        self.clause = clause
        self.match = match
        self.next_trigger = next_trigger
        self.earlier = earlier
        self.rivals = rivals
        self.gathering = gathering
        self.timexes = timexes


@dataclass(slots=True)
class Candidate:
    """One mention of an event, before repeated mentions are merged."""

    type: str
    status: Status
    source: list[Mention]
    target: list[Mention]
    sentence: int
    trigger: TriggerMatch
    timex: Timex | None = None
    basis: DateBasis | None = None
    strength: int = _UNDATED
    location: Mention | None = None
    people: dict[str, set[str]] = field(default_factory=dict)  # actor code -> named persons
    ranks: dict[str, set[str]] = field(default_factory=dict)  # actor code -> its persons' ranks
    vague: bool = False  # dated only vaguely ("in recent months"): stays undated, inherits nothing
    # the call a meeting of the sentence was held in ("discussed Belarus with Lavrov in
    # a video call"): it replaces that meeting
    medium: bool = False
    # dated by an event of its own sentence that it happened with ("as Kuleba paid a
    # visit", "during a phone call"): it dates the next sentence as an own date would
    anchors: bool = False
    perfect: bool = False  # in the present perfect ("has urged"): inherits no date
    # four or more parties of one list, all with all ("the foreign ministers of
    # Germany, France, Russia and Ukraine will meet"): the first with the rest
    # here, each later one with those after it in events of their own
    everyone: list[Mention] | None = None

    def __init__(
        self,
        type: str,
        status: Status,
        source: list[Mention],
        target: list[Mention],
        sentence: int,
        trigger: TriggerMatch,
        timex: Timex | None = None,
        basis: DateBasis | None = None,
        strength: int = _UNDATED,
        location: Mention | None = None,
        people: dict[str, set[str]] | None = None,
        ranks: dict[str, set[str]] | None = None,
        vague: bool = False,
        medium: bool = False,
        anchors: bool = False,
        perfect: bool = False,
        everyone: list[Mention] | None = None,
    ) -> None:
        # Written out, as Mention's is: dozens are built per article.
        self.type = type
        self.status = status
        self.source = source
        self.target = target
        self.sentence = sentence
        self.trigger = trigger
        self.timex = timex
        self.basis = basis
        self.strength = strength
        self.location = location
        self.people = {} if people is None else people
        self.ranks = {} if ranks is None else ranks
        self.vague = vague
        self.medium = medium
        self.anchors = anchors
        self.perfect = perfect
        self.everyone = everyone

    def inherit(self, timex: Timex | None) -> None:
        """Take the date of another event or statement (basis "inherited")."""
        self.timex = timex
        self.basis = "inherited"
        self.strength = _INHERITED


# tokens from a possessive date's mark to the trigger it may own ("Friday's
# emergency summit")
_OWNED_REACH = 3
_COORDINATORS = frozenset({"and", "or", "but", "nor"})
# How far after a visit verb "together with" its companions may stand, and the
# words between the companions of a list.
_COMPANY_REACH = 12
_ATTENDANCE_REACH = 24  # tokens from a meeting to who "also attended" it, past its place
_LIST_WORDS = frozenset({",", "and"})
# who "at his invitation" names: the inviter of a visit just told
_OWNERS = frozenset({"his", "her", "their", "its"})
# A direction-sensitive timex of the article, by span and reading, read forward or backward.
_Directed = dict[tuple[int, int, bool], Timex]
# The dates and times of each sentence (by index), with their token ranges.
_SentenceDates = dict[int, list[tuple[Timex, tuple[int, int]]]]


def _keys(mentions: list[Mention]) -> frozenset[str]:
    # A plain loop reading the fields spares a generator and two property
    # calls per mention: this runs several times per candidate.
    keys: set[str] = set()
    for m in mentions:
        key = m.code or m.organization
        if key is not None:
            keys.add(key)
    return frozenset(keys)


def _every_pair(
    source: list[Mention], target: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """A meeting of three parties as [A, B] x [B, C]: the spec's multilateral
    meeting stands for every pair of its participants, and "hosted his French
    and Polish counterparts", read as [FRA, POL] x [DEU], leaves out FRA-POL."""
    everyone = [*source, *target]
    order = list(dict.fromkeys(m.key for m in everyone if m.key is not None))
    if len(order) != 3:
        return source, target
    first, middle, last = order
    return (
        [m for m in everyone if m.key in (first, middle)],
        [m for m in everyone if m.key in (middle, last)],
    )


def _others(mentions: list[Mention], source: list[Mention]) -> list[Mention]:
    """The mentions that stand for another actor than the source's."""
    keys = _keys(source)
    return [m for m in mentions if m.key not in keys]


def _one_and_list(lower: tuple[str, ...], group: list[Mention]) -> bool:
    """Whether `group` reads "between A and B, C, D": its first joined to the
    rest by "and", the rest a list of its own."""
    if len(group) < 3 or group[0].first < 1 or lower[group[0].first - 1] != "between":
        return False
    joint = lower[group[0].last + 1 : group[1].first]
    return joint in {("and",), ("and", "the")} and "," in lower[group[1].last + 1 : group[2].first]


def _other_side(group: list[Mention], source: list[Mention]) -> list[Mention]:
    """The rest of a group the source's actors are some, not all, of."""
    return _others(group, source) if _keys(source) < _keys(group) else []


class Extractor:
    """Turns one article into its diplomatic events. Safe to share across threads."""

    def __init__(self, resources: Resources, package_version: str) -> None:
        self._res = resources
        self._tagger = TimexTagger(resources.timex)
        self._status = StatusReader(resources)
        self._actor_lexicon = ActorLexicon.build(resources)
        self._role_words = RoleWords.build(resources)
        cues = resources.cues
        self._reporting = cues["reporting"]
        self._reporting_participles = cues["reporting_participles"]
        self._speaking_openers = cues["speaking_openers"]
        self._statement_nouns = cues["statement_nouns"]
        self._prepositions = cues["prepositions"]
        self._verb_group = cues["verb_group"]
        self._plural_pronouns = cues["plural_pronouns"]
        self._subject_auxiliaries = cues["subject_auxiliaries"]
        self._subordinators = cues["subordinators"]
        self._continuation = cues["continuation"]
        self._determiners = cues["determiners"]
        self._subject_pronouns = cues["subject_pronouns"]
        self._day_part_adverbs = cues["day_part_adverbs"]
        self._blocked_phrases = resources.phrases["blocked"]
        self._blocked_words = cues["blocked"]
        self._venue_phrases = resources.phrases["venues"]
        self._stative_verbs = cues["stative_verbs"]
        self._simultaneity = cues["simultaneity"]
        self._participle_objects = cues["participle_objects"]
        self._courtesy_calls = resources.phrases["courtesy_calls"]
        self._company_phrases = resources.phrases["company"]
        self._attendance_phrases = resources.phrases["attendance"]
        self._deadline_prepositions = resources.cues["deadline_prepositions"]
        self._participle_determiners = resources.cues["participle_determiners"]
        self._own_auxiliaries = cues["own_auxiliaries"]
        self._present_perfect_aux = cues["present_perfect"]
        self._further = cues["further_markers"]
        self._planned = cues["planned"]
        self._appeal_complements = cues["appeal_complements"]
        self._topic_prepositions = cues["topic_prepositions"]
        self._consulting_nouns = cues["consulting_nouns"]
        self._consulting_preps = cues["consulting_prepositions"]
        self._topic_talks = cues["topic_talks"]
        self._hosting_verbs = cues["hosting_verbs"]
        self._ending_verbs = cues["ending_verbs"]
        self._spectators = cues["spectator_verbs"]
        self._errands = cues["errands"]
        self._trip_nouns = cues["trip_nouns"]
        self._trip_openers = cues["trip_openers"]
        self._kind_words = cues["kind_words"]
        self._idioms = resources.phrases["idioms"]
        self._eve_openers = resources.phrases["eve_openers"]
        self._numbers = resources.timex.data.normalizations["number"]
        self._negotiator_nouns = cues["negotiator_nouns"]
        self._negotiator_phrases = resources.phrases["negotiator_nouns"]
        self._not_guests = cues["not_guests"]
        # a city -> the organizations seated there (organizations.toml: headquarters)
        headquarters: dict[str, set[str]] = {}
        for entry in resources.raw["actors/organizations.toml"]["organization"]:
            for city in entry.get("headquarters", ()):
                headquarters.setdefault(city, set()).add(entry["code"])
        self._headquarters = {city: frozenset(codes) for city, codes in headquarters.items()}
        self._meet_forms = cues["meet_forms"]
        self._suspend_forms = cues["suspend_forms"]
        self._goals_met = cues["goals_met"]
        self._meeting_things = cues["meeting_things"]
        self._clause_prepositions = cues["clause_prepositions"]
        self._medium_prepositions = cues["medium_prepositions"]
        self._medium_nouns = cues["medium_nouns"]
        self._stative_openers = cues["stative_openers"]
        self._relative = cues["relative_pronouns"]
        self._undated_frames = resources.phrases["undated_frames"]
        self._scheduling = cues["scheduling_verbs"]
        self._quoted_deixis = cues["quoted_deixis"]
        self._separate_meetings = cues["separate_meetings"]
        self._deciding_verbs = cues["deciding_verbs"]
        self._event_participles = cues["event_participles"]
        self._scheduling_words = cues["scheduling_words"]
        self._multilateral_triggers = cues["multilateral_triggers"]
        self._switching = cues["switching_verbs"]
        self._chairing = cues["chairing_verbs"]
        self._accepting = cues["accepting_verbs"]
        self._occasion_preps = cues["occasion_prepositions"]
        self._spans = _SpanWords(
            cues["count_words"], cues["approximate_words"], cues["duration_units"]
        )
        self._occasion_dets = cues["occasion_determiners"]
        self._occasion_parts = cues["occasion_parts"]
        self._earlier_prepositions = cues["earlier_prepositions"]
        self._occasion_heads = {
            head: frozenset(types)
            for head, types in resources.raw["events/cues.toml"].get("occasion_heads", {}).items()
        }
        # what opens another clause between a verb phrase's date and the phrase
        # joined to it ("as" and "but" also join: "rejected it as absurd")
        self._phrase_blockers = (
            (self._subordinators - {"as", "but"}) | self._relative | CLAUSE_BREAKS
        )
        self.version = (
            f"dateline/{package_version}+{resources.version}.{resources.timex.version[:8]}"
        )

    @property
    def resources(self) -> Resources:
        return self._res

    def extract(self, article: Article) -> list[DiplomaticEvent]:
        body = article.body
        dateline = parse_dateline(body, self._res.months, self._res.agencies)
        published = publication_date(article.published_at, dateline)
        tokens = tokenize(body)
        sentences = split_sentences(body, self._res.abbreviations)
        text_start = dateline.end if dateline else 0
        text_first = bisect_left(tokens.starts, text_start)
        # The dateline is no part of the lead sentence: its place is no actor, nor
        # the antecedent of the lead's "it", and the lead opens after its dash.
        spans = [
            _from_token(span, text_first)
            for span in sentence_token_spans(tokens, [(s.start, s.end) for s in sentences])
        ]
        home = self._home_state(dateline)
        home_place = _dateline_place(dateline) if home is not None else None
        mentions = ActorFinder(
            self._res,
            tokens,
            published.year,
            home,
            self._actor_lexicon,
            tuple(plain(home_place).split()) if home_place else (),
        ).find(spans)
        timexes = self._tagger.tag(body, published)
        roles = RoleFinder(self._res, tokens, mentions, self._role_words)

        candidates: list[Candidate] = []
        told = _Told()
        if home is not None and home_place is not None:
            told.home = (home, home_place)
        directed: _Directed = {}  # timexes read forward or backward, for reuse in this article
        previous: Candidate | None = None
        by_sentence = self._by_sentence(tokens, spans, timexes)
        deeds = roles.deeds_done(spans)
        hosted: list[list[Candidate]] = []  # meetings of guests hosted together
        # the lead sentence, when its verb states no event of coded parties
        # ("European governments expelled dozens of Russian diplomats on
        # Tuesday"): its day may still be the news's
        lead = next((n for n, span in enumerate(spans) if span.last >= text_first), -1)
        lede: int | None = None
        framed: _Site | None = None  # an opening "At the invitation of X," awaiting its visit
        for site in self._sites(tokens, spans, by_sentence, text_start):
            while deeds and deeds[0].at < site.match.first:
                told.deed(deeds.pop(0))
            if site.match.trigger.type == ECHO:
                echoed = _echoed(tokens.lower, site, told.echoable)
                if echoed is None:
                    continue
                site = echoed
            told.seat_visit_sides(roles.within(site.span.first, site.span.last))
            candidate = self._candidate(tokens, site, roles, published, told, directed, previous)
            if candidate is None:
                candidate = self._acceptance(tokens, site, roles, told)
            if candidate is None:
                candidate = self._visit_invitation(tokens, site, roles, told)
            if candidate is None and self._opening_frame(tokens.lower, site):
                framed = site  # "At the invitation of Xi, Khurelsukh will visit China"
            if (
                candidate is None
                and not candidates
                and site.sentence == lead
                and site.match.trigger.pos == "verb"
            ):
                lede = lead
            if candidate is not None:
                if (
                    candidate.medium
                    and previous is not None
                    and candidates
                    and candidates[-1] is previous
                    and _pairs_keys(candidate) == _pairs_keys(previous)
                ):
                    candidates.pop()  # the talks were the call: one event, a phone_call
                if self._met_for_round(tokens, candidate, previous, candidates):
                    candidates.pop()  # "will meet ... for a new round of talks on": one round
                if (
                    previous is not None
                    and previous.timex is None
                    and candidate.timex is not None
                    and (
                        self._mediates_told_talks(tokens, candidate, previous)
                        or _names_the_call(candidate, previous)
                    )
                ):
                    # "Talks between X and Y, mediated by Z, broke up on Thursday":
                    # the talks were held when Z mediated them; "hosted the three
                    # leaders on a video call on Tuesday": the call's date is the
                    # hosting's
                    previous.inherit(candidate.timex)
                background = (
                    previous is not None
                    and previous.sentence == candidate.sentence
                    and self._in_relative_clause(tokens.lower, site.span, site.match.first)
                )
                previous = candidate
                candidates.append(candidate)
                candidates.extend(_each_with_the_rest(candidate))
                candidates.extend(_mediated_talks(candidate, tokens))
                candidates.extend(_shuttle_visits(candidate, tokens))
                candidates.extend(self._companions(candidate, tokens, roles, site.span))
                candidates.extend(self._attendees(candidate, tokens, roles, site.span))
                gathering = self._hosted_gathering(candidate, tokens)
                if gathering is not None:
                    hosted.append([gathering, *_each_with_the_rest(gathering)])
                candidates.extend(self._recognition_left(candidate, tokens, roles))
                if framed is not None and framed.sentence == candidate.sentence:
                    invited = self._framed_invitation(framed, candidate, roles)
                    if invited is not None:
                        candidates.append(invited)
                        framed = None
                candidates.extend(
                    self._accepted_visit(candidate, tokens, site, roles, published, directed)
                )
                # "The four states also cut air and sea links": a further measure
                # beside the one others follow suit in
                further = self._res.event_types[
                    candidate.type
                ].followed and not self._further.isdisjoint(
                    tokens.lower[site.clause.first : site.match.first]
                )
                told.add(candidate, self._res, background, further)
        candidates.extend(_untold_gatherings(hosted, candidates))
        self._visits_headquarters(candidates)
        # only undated events read the statements and spans that may date them
        undated = any(c.strength == _UNDATED for c in candidates)
        statements = (
            self._statements(tokens, spans, by_sentence, mentions, published) if undated else {}
        )
        counted = self._counted_spans(tokens, timexes) if undated else {}
        news_day = _news_day(candidates, published, _lede_day(by_sentence, lede, published))
        self._inherit_dates(
            candidates, tokens, spans, published, statements, by_sentence, counted, news_day
        )
        news_from = published - _NEWS_SPAN if published - dt.date.min > _NEWS_SPAN else published
        merged = _fold_trip_days(_merge(candidates, self._res, news_from))
        return [self._event(article, tokens, spans[c.sentence], c) for c in merged]

    def _visits_headquarters(self, candidates: list[Candidate]) -> None:
        """ "will travel to New York next week to meet Ban": a trip to a city an
        organization sits in, to meet that organization told after it in the
        sentence, visits the organization, not the host state."""
        for n, c in enumerate(candidates):
            if c.type != "visit" or len(c.target) != 1:
                continue
            seated = self._headquarters.get(c.target[0].name)
            if seated is None:
                continue
            travellers = _keys(c.source)
            for met in candidates[n + 1 :]:
                if met.sentence != c.sentence:
                    break
                if met.type != "meeting" or travellers.isdisjoint(_keys(met.source)):
                    continue
                hosts = [m for m in met.target if m.organization in seated]
                if hosts:
                    c.target = hosts[:1]
                    break

    def _recognition_left(self, c: Candidate, tokens: Tokens, roles: RoleFinder) -> list[Candidate]:
        """ "switched recognition from Taipei to Beijing": ties cut with the state
        left, besides those established with the one gone to."""
        first, last = c.trigger.first, c.trigger.last
        if c.type != "relations_established" or tokens.lower[first] not in self._switching:
            return []
        end = min(last + _SWITCH_REACH, len(tokens.lower) - 1)
        left = [m for m in roles.within(last + 1, end) if m.prep == "from" and m.key]
        if not left or left[0].key in _keys(c.source):
            return []
        return [_derived(c, type="relations_cut", target=left[:1])]

    def _accepted_visit(
        self,
        c: Candidate,
        tokens: Tokens,
        site: _Site,
        roles: RoleFinder,
        published: dt.date,
        directed: _Directed,
    ) -> list[Candidate]:
        """ "invited Putin to visit Tehran next year, and the invitation was
        accepted": an invitation accepted in its sentence plans the guest's visit,
        to the place named after it or else to the host, dated by a date after it."""
        lower, span = tokens.lower, site.span
        if (
            c.type != "invitation"
            or c.status != "occurred"
            or self._accepting.isdisjoint(lower[span.first : span.last + 1])
        ):
            return []
        guests = _keys(c.target)
        places = [
            m
            for m in roles.within(c.trigger.last + 1, span.last)
            # a state named after the invitation; a body's gathering is held somewhere
            if m.prep in {"to", None} and m.code is not None and m.key not in guests
        ]
        hosts = places[:1] or c.source
        if not hosts or _keys(hosts) <= guests:
            return []
        later = [t for t, rng in site.timexes if rng[0] > c.trigger.last]
        visit = _derived(
            c,
            type="visit",
            status="planned",
            source=list(c.target),
            target=list(hosts),
            timex=None,
            basis=None,
            strength=_UNDATED,
        )
        if later:
            visit.timex = self._directed(later[0], True, published, directed)
            visit.basis = "relative" if visit.timex.relative else "explicit"
            visit.strength = _OWN
        return [visit]

    def _companions(
        self, c: Candidate, tokens: Tokens, roles: RoleFinder, span: SentenceSpan
    ) -> list[Candidate]:
        """ "will travel to Tunis on Sunday together with von der Leyen and Rutte":
        who travels with the visitor visits the host too."""
        if c.type != "visit" or c.trigger.trigger.pos == "noun":
            return []
        companions = self._listed_after(
            self._company_phrases, _COMPANY_REACH, c, tokens, roles, span
        )
        return [_derived(c, source=companions)] if companions else []

    def _attendees(
        self, c: Candidate, tokens: Tokens, roles: RoleFinder, span: SentenceSpan
    ) -> list[Candidate]:
        """ "Sunday's meeting with Saied, which was also attended by von der Leyen and
        Rutte": who attended a meeting met every party to it, and one another."""
        if c.type != "meeting":
            return []
        attendees = self._listed_after(
            self._attendance_phrases, _ATTENDANCE_REACH, c, tokens, roles, span
        )
        if not attendees:
            return []
        # [A, B] x [B, P, Q]: each attendee with each party, and A with B
        return [_derived(c, source=attendees, target=[*attendees[1:], *c.source, *c.target])]

    @staticmethod
    def _listed_after(
        phrases: PhraseIndex,
        reach: int,
        c: Candidate,
        tokens: Tokens,
        roles: RoleFinder,
        span: SentenceSpan,
    ) -> list[Mention]:
        """The actors listed right after one of `phrases` ("together with",
        "attended by") within `reach` tokens of the trigger, the event's own
        parties left out."""
        lower, stop = tokens.lower, span.last + 1
        start = None
        for k in range(c.trigger.last + 1, min(span.last, c.trigger.last + reach)):
            phrase = phrases.longest(lower, k, stop)
            if phrase is not None:
                start = k + phrase[0]
                break
        if start is None:
            return []
        listed: list[Mention] = []
        for m in roles.within(start, span.last):
            gap = lower[(listed[-1].last + 1 if listed else start) : m.first]
            if m.location or not _LIST_WORDS.issuperset(gap):
                break
            listed.append(m)
        party = _keys(c.source) | _keys(c.target)
        return [m for m in listed if m.key is not None and m.key not in party]

    @staticmethod
    def _also_the_same(tokens: Tokens, site: _Site, roles: RoleFinder, previous: Candidate) -> bool:
        """Whether a speech act "also" does what the event just before did, to "the"
        thing it named: no actor right after the trigger says whom."""
        match, lower = site.match, tokens.lower
        after = match.last + 1
        return (
            previous.type == match.trigger.type
            and match.trigger.type in SPEECH_ACTS
            and previous.sentence >= site.sentence - 1
            and "also" in lower[site.clause.first : match.first]
            and after + 1 < len(lower)
            and lower[after] == "the"
            # "also asked the Organization of American States": a name says whom
            and all(
                m.kind == "act"
                for m in roles.within(after, min(len(lower) - 1, after + _ALSO_NAME_REACH))
                if m.first <= after + 2
            )
        )

    def _hosted_gathering(self, c: Candidate, tokens: Tokens) -> Candidate | None:
        """ "will host his French, Russian and Ukrainian counterparts in Berlin": a
        state hosting guests of three states or more at once gathers them all, a
        meeting of every pair; one guest hosted is only a visit."""
        if (
            c.type != "visit"
            or tokens.lower[c.trigger.first] not in self._hosting_verbs
            or len(_keys(c.target)) != 1
            or c.target[0].organization is not None  # a body hosting rivals mediates
            or len(_keys(c.source) - _keys(c.target)) < _GATHERED_GUESTS
        ):
            return None
        return _derived(
            c,
            type="meeting",
            source=list(c.target),
            target=list(c.source),
            everyone=[*c.target, *c.source],
        )

    def _acceptance(
        self, tokens: Tokens, site: _Site, roles: RoleFinder, told: _Told
    ) -> Candidate | None:
        """ "Putin accepted the invitation with gratitude": the guest of the last
        invitation told, accepting it in a later sentence, plans a visit to the
        host (undated: the acceptance dates no trip)."""
        match, lower = site.match, tokens.lower
        if match.trigger.type != "invitation" or told.invitation is None:
            return None
        hosts, guests = told.invitation
        if not self._accepting.isdisjoint(lower[site.clause.first : match.first]):
            source = [
                m for m in roles.subject_before(site.span, match.first) if m.key in _keys(guests)
            ]
        elif self._accepted_passive(lower, match.last + 1, site.clause.last):
            source = list(guests)  # "The invitation was gratefully accepted": by its guests
        else:
            return None
        if not source:
            return None
        return Candidate("visit", "planned", source, list(hosts), site.sentence, match)

    def _accepted_passive(self, lower: tuple[str, ...], start: int, last: int) -> bool:
        """Whether the words from `start` say "was (gratefully) accepted"."""
        words = lower[start : min(last + 1, start + _PASSIVE_ACCEPT_REACH)]
        return bool(words) and words[0] in _BE_FORMS and not self._accepting.isdisjoint(words)

    def _visit_invitation(
        self, tokens: Tokens, site: _Site, roles: RoleFinder, told: _Told
    ) -> Candidate | None:
        """ "The visit is taking place at the invitation of Modi", "who is paying a
        visit to China at his invitation": the visit just told was the invitation's
        answer; its visitors were invited, by the one named after "of" or else by
        their hosts. Undated: the frame does not tell when the invitation was made."""
        match, lower = site.match, tokens.lower
        first = match.first
        visit = told.visit
        if (
            match.trigger.type != "invitation"
            or visit is None
            or site.sentence - visit[0] > 1
            or first < 2
        ):
            return None
        if not contains_phrase(self._undated_frames, lower, first - 2, match.last + 2) and not (
            lower[first - 2] == "at" and lower[first - 1] in _OWNERS
        ):
            return None
        _, guests, hosts = visit
        source = _inviter(roles, match, site.span.last) or hosts
        if not source or _keys(source) & _keys(guests):
            return None
        return Candidate(
            "invitation", "occurred", list(source), list(guests), site.sentence, match, vague=True
        )

    def _opening_frame(self, lower: tuple[str, ...], site: _Site) -> bool:
        """Whether an invitation trigger is the frame opening its sentence ("At the
        invitation of Xi, ...")."""
        first = site.match.first
        return (
            site.match.trigger.type == "invitation"
            and first - 2 >= site.span.first
            # first in its sentence, or right after the dateline's dash
            and (first - 2 == site.span.first or not lower[first - 3].isalnum())
            and contains_phrase(self._undated_frames, lower, first - 2, site.match.last + 2)
        )

    def _framed_invitation(
        self, framed: _Site, visit: Candidate, roles: RoleFinder
    ) -> Candidate | None:
        """ "At the invitation of Xi, Khurelsukh will pay a state visit to China": the
        one named after the frame's "of" invited the visitors. Undated, as the
        frame does not tell when the invitation was made."""
        if visit.type != "visit":
            return None
        match = framed.match
        inviter = _inviter(roles, match, visit.trigger.first - 1)
        if not inviter or _keys(inviter) & _keys(visit.source):
            return None
        return Candidate(
            "invitation",
            "occurred",
            inviter,
            list(visit.source),
            framed.sentence,
            match,
            vague=True,
        )

    def _home_state(self, dateline: Dateline | None) -> str | None:
        """The state of the dateline's place ("HONIARA, Solomon Islands" -> SLB)."""
        if dateline is None or dateline.place is None:
            return None
        for part in reversed(dateline.place.split(",")):
            words = phrase_key(part.strip().title())
            hit = self._res.gazetteer.longest(words, 0, len(words)) if words else None
            if hit is not None and hit[0] == len(words):
                for surface in hit[1]:
                    if surface.kind in {"country", "capital", "place"}:
                        return cast(str, surface.code)
        return None

    def _by_sentence(
        self, tokens: Tokens, spans: list[SentenceSpan], timexes: list[Timex]
    ) -> _SentenceDates:
        """The dates and times of each sentence, with their token ranges. "two days
        later" (a duration to TimeML) dates its sentence too: counted from the last
        day named before it."""
        by_sentence: _SentenceDates = {}
        firsts = [span.first for span in spans]
        last_day: dt.date | None = None
        for timex in timexes:
            if timex.type in {"DATE", "TIME"}:
                rng = self._token_range(tokens, timex)
            elif timex.type == "DURATION" and last_day is not None:
                rng = self._token_range(tokens, timex)
                if _lasting(tokens.lower, rng):
                    continue  # "hold off for 30 days after the calls": how long, not when
                dated = _days_from(timex, last_day, tokens.lower, rng[1] + 1, self._spans)
                if dated is None:
                    continue
                timex = dated
            else:
                continue  # sets, and durations with no day named before them
            found = extent(timex.value)
            if found is not None and found.granularity == "day":
                last_day = found.start
            by_sentence.setdefault(bisect_right(firsts, rng[0]) - 1, []).append((timex, rng))
        return by_sentence

    def _statements(
        self,
        tokens: Tokens,
        spans: list[SentenceSpan],
        by_sentence: _SentenceDates,
        mentions: list[Mention],
        published: dt.date,
    ) -> dict[int, tuple[frozenset[str], Timex]]:
        """Sentences that date a statement ("Kutesa said on Monday that ..."): who
        spoke (the actors named before the date) and when, read back from the
        news day as what was said is past."""
        found: dict[int, tuple[frozenset[str], Timex]] = {}
        for index, dated in by_sentence.items():
            span = spans[index]
            said = next(
                ((t, rng) for t, rng in dated if self._is_reporting(tokens, rng, span)), None
            )
            if said is None:
                continue
            speakers = frozenset(
                m.key
                for m in mentions
                if m.sentence == index and m.last < said[1][0] and not m.location and m.key
            )
            if speakers:
                found[index] = (speakers, self._directed(said[0], False, published, {}))
        return found

    def _sites(
        self,
        tokens: Tokens,
        spans: list[SentenceSpan],
        by_sentence: _SentenceDates,
        text_start: int,
    ) -> Iterator[_Site]:
        """Every trigger with the sentence context its arguments and date come from."""
        starts = trigger_starts(self._res.triggers, tokens)
        breaks = clause_breaks(tokens)
        noun_preceders = self._res.cues["noun_preceders"]
        person_nouns = self._res.cues["person_nouns"]
        for index, span in enumerate(spans):
            matches = [
                m
                for m in find_triggers(
                    self._res.triggers,
                    tokens,
                    span.first,
                    span.last,
                    noun_preceders,
                    starts,
                    person_nouns,
                )
                # "Libya's U.N.-recognized government": a verb after a hyphen is
                # part of a compound adjective, unless the trigger is one
                if not (
                    m.trigger.pos == "verb"
                    and m.first > 0
                    and tokens.lower[m.first - 1] == "-"
                    and "compound" not in m.trigger.source
                )
            ]
            if not matches:
                continue
            clauses = clauses_of(tokens, span, self._res.cues, breaks)
            in_sentence = by_sentence.get(index, [])
            venues = [self._gathering(tokens.lower, m, span) for m in matches]
            for n, match in enumerate(matches):
                if tokens.starts[match.first] < text_start:
                    continue
                following = n + 1 + self._governed(tokens, matches, n)
                yield _Site(
                    sentence=index,
                    span=span,
                    clause=_clause_of(clauses, match),
                    match=match,
                    next_trigger=matches[following].first if following < len(matches) else None,
                    earlier=matches[:n],
                    rivals=[
                        m.first
                        for k, m in enumerate(matches)
                        if (k < n or k >= following)
                        and not venues[k]
                        and not self._attributive_participle(tokens.lower, m)
                    ],
                    gathering=venues[n],
                    timexes=in_sentence,
                )

    def _attributive_participle(self, lower: tuple[str, ...], match: TriggerMatch) -> bool:
        """ "received the two visiting ministers on Monday": a participle that
        modifies a noun tells its own event but opens no clause, so it keeps the
        date from no other trigger."""
        first = match.first
        return (
            first == match.last
            and first > 0
            and match.trigger.pos == "verb"
            and lower[first].endswith("ing")
            and lower[first - 1] in self._participle_determiners
        )

    # -- one candidate -----------------------------------------------------

    def _candidate(
        self,
        tokens: Tokens,
        site: _Site,
        roles: RoleFinder,
        published: dt.date,
        told: _Told,
        directed: _Directed,
        previous: Candidate | None = None,
    ) -> Candidate | None:
        match, clause = site.match, site.clause
        if self._blocked(tokens, clause, match) or self._requested(
            tokens, clause, match, site.earlier
        ):
            return None
        occasion = self._occasion_head(tokens, site.span)
        if match.trigger.pos != "verb" and match.first <= (occasion or -1) <= match.last:
            return None  # "After the talks, ...": names an earlier event, states none
        if (
            match.trigger.pos != "verb"
            and match.first > 0
            and tokens.lower[match.first - 1] in self._kind_words
        ):
            return None  # "the first such meeting in two years": a kind, no event of its own
        if (
            match.first > 1
            and match.last + 1 < len(tokens)
            and tokens.lower[match.first - 2] in _CHARGE_PREPOSITIONS
            and tokens.lower[match.first - 1] in QUOTATION_MARKS
            and tokens.lower[match.last + 1] in QUOTATION_MARKS
        ):
            return None  # 'criticized Washington for "encouraging" the war': a charge's word
        if (
            match.trigger.type == "mediation"
            and tokens.lower[match.first] in self._chairing
            and not self._chairs_talks(site)
            and tokens.lower[match.last] != "between"  # "chaired talks between A and B"
        ):
            return None  # "a cabinet meeting chaired by Vucic": no talks of others
        if site.gathering or self._forum_gathering(tokens, site, roles):
            # "talks on the sidelines of a G20 foreign ministers' meeting": the
            # gathering is where the event took place, not an event of its parties
            return None
        if self._others_signing(tokens.lower, clause, match, told):
            return None  # "flew to Tunis for the signing", "attended the signing"
        parties = told.parties
        if occasion is not None and occasion < match.first:
            # "After the talks, the two foreign ministers witnessed the signing"
            parties = told.latest_parties(self._occasion_heads[tokens.lower[occasion]]) or parties
        elif (
            match.trigger.type == "meeting"
            and match.trigger.pos == "noun"
            and "the" in tokens.lower[max(0, match.first - 2) : match.first]
        ):
            # "said the Argyle meeting had lowered the temperature": the meeting
            # told last, not whatever was told last
            parties = told.latest_parties(_MET) or parties
        trigger = match.trigger
        symmetric = self._res.event_types[trigger.type].symmetric
        # an appeal or condemnation addresses "both sides" of the article's main pair
        addressed = told.pairs.main() if trigger.type in SPEECH_ACTS else None
        episode = self._episode(tokens.lower, site, told)
        source, target = roles.assign(
            site.span,
            clause,
            match,
            symmetric,
            site.next_trigger,
            parties,
            told.deeds,
            addressed,
            episode,
            told.counted,
        )
        if trigger.object_then and not _object_then(tokens.lower, match, target):
            return None  # "called Trump a liar", "calling its ambassador home": no call
        if trigger.echoes:
            # "Yemen and the Maldives followed suit": all it names do the deed
            # again, to its target
            source = [*source, *target]
            target = told.same_target(trigger.type, source)
            if not target:
                return None
        if symmetric and not source and len(_keys(target)) >= 2 and trigger.pos == "noun":
            # "a meeting of the foreign ministers of Germany, France, Russia and
            # Ukraine": the parties named after the noun meet one another
            source = target
        everyone = None
        keys = _keys(source)
        if symmetric and len(keys) > 3 and keys == _keys(target):
            # what all do together; a list cutting or suspending is each on its own;
            # "between Iran and the United States, Britain, China, ...": one side
            # facing the list, which does not meet itself
            if (
                trigger.type in _GATHERINGS
                and not _one_and_list(tokens.lower, source)
                and not (
                    source[0].first < site.span.first
                    and any(
                        m.key in keys and m.prep == "with"
                        for m in roles.within(match.last + 1, clause.last)
                    )
                )
            ):
                # all of the list meet; not a list told before when this clause
                # names one of it as the other side ("pulled out of talks with A,
                # B and C. ... a new round of negotiations with A")
                everyone = source
            source, target = source[:1], source[1:]
        if symmetric and source and not target:
            target = self._told_partners(
                tokens.lower, site, roles, source, parties, episode, previous
            )
        if (
            "home" in trigger.target
            and source
            and not target
            and told.home is not None
            and "where" not in tokens.lower[clause.first : match.first]
            and not any(m.location for m in roles.within(site.span.first, site.span.last))
            and not told.visiting_elsewhere(_keys(source))
        ):
            # "Rubio landed on Tuesday": a bare arrival is in the dateline's place,
            # unless the sentence names a place ("arriving after a long flight,
            # spent five hours in Tanzania"; "Kenya, where she arrived next") or
            # the visitor's last trip told went elsewhere
            target = [_home_mention(told.home, match.last, site.sentence)]
        if (
            "home" in trigger.source
            and not source
            and target
            and told.home is not None
            and told.home[0] not in _keys(target)
        ):
            # "TOKYO - The Chinese ambassador was summoned on Monday": by the
            # dateline's state, when no ministry is named
            source = [_home_mention(told.home, match.first, site.sentence)]
        if (
            trigger.type in _WITH_THE_OTHER_SIDE
            and source
            and not target
            and not trigger.named_target
        ):
            # "recalled its ambassador for consultations", "recalled Bisaria for
            # consultations": an envoy with no host named is recalled from, or
            # sent out of, the state the article has the source at odds with;
            # "Maduro severed ties in 2019": ties with that state; else, when
            # others did it first ("Denmark followed, expelling 15"), with theirs
            target = _other_side(told.pairs.main(), source)
            if not target and trigger.pos == "verb":
                # a recall after others cut ties with one state is from that state too
                target = told.same_target(trigger.type, source) or next(
                    (t for kind in _RUPTURES if (t := told.same_target(kind, source))), []
                )
        source, target, aspect = self._read_back(
            tokens, site, roles, source, target, symmetric, previous
        )
        if previous is not None and self._also_the_same(tokens, site, roles, previous):
            # "The UAE condemned an Israeli decision ... Egypt and Jordan also
            # condemned the decision": the same act, of the same doer
            target = list(previous.target)
        done = told.deeds.get(trigger.type)
        if (
            not source
            and target
            and done is not None
            and done[0] >= site.sentence - 1
            and "also" in tokens.lower[site.clause.first : match.first]
        ):
            # "Muizzu was invited by New Delhi ... The leaders of Sri Lanka and Nepal
            # were also invited": by whoever did the same just before
            source = done[1]
        # every side names a state or organization: an unresolved group or
        # pronoun alone is no party, and would make an invalid record; and no
        # actor condemns, urges or expels only itself ("each other" is two)
        keys = _keys(source)
        if keys and not _keys(target) and self._res.event_types[trigger.type].followed:
            # "the Treasury imposed sanctions on a network of companies": no event
            # of two parties, but a deed of one, for "Tehran condemned the new
            # sanctions"
            told.one_sided(trigger.type, site.sentence, source)
        if (
            not keys
            or not _keys(target)
            or (len(keys) == 1 and _keys(target) == keys)
            or self._condemned_act(site, source)
        ):
            return None
        kind = trigger.type
        if (
            kind == "relations_cut"
            and match.first == match.last
            and tokens.lower[match.first] in self._suspend_forms
            and not self._suspends_member(tokens.lower, match, source, target)
        ):
            return None  # "Kenya suspended Uganda's flights": no member suspended
        if kind == "appeal" and self._errand(tokens.lower, site):
            return None  # "asked the ambassador to convey her invitation": a message sent
        if kind == "appeal" and self._courtesy_call(tokens, site):
            kind = "meeting"
        if (
            kind == "visit"
            and tokens.lower[match.first] in self._hosting_verbs
            and self._over_the_wire(tokens.lower, match.last + 1, clause.last)
        ):
            # "hosted Abiy, Sisi and Hamdok on the call": no one travelled; the
            # host called them
            kind, source, target = "phone_call", target, source
        if kind == "visit" and (
            self._hosts_talks(tokens, site) or self._hosts_sides(tokens, site, source, episode)
        ):
            # "held talks hosted by Borrell": the host mediates the talks
            kind, source, target = "mediation", target, source
        if (
            kind == "meeting"
            and told.negotiating
            and match.first > 0
            and tokens.lower[match.first] == "talks"
            and tokens.lower[match.first - 1] in self._occasion_dets
            and _keys([*source, *target]) <= _keys(told.talks)
        ):
            # "the talks" after a round of negotiations of the same parties are
            # those negotiations
            kind = "negotiation"
        if kind == "meeting" and self._negotiators_meet(tokens, site):
            kind = "negotiation"
        if kind == "meeting" and self._multilateral(tokens, site, source):
            source, target = _every_pair(source, target)
        status = self._status.read(tokens, clause, match, source)
        if (
            status == "hypothetical"
            and "episode" in trigger.source
            and all(m.sentence != site.sentence for m in source)
        ):
            return None  # "if Thursday's round produced a draft": a condition on talks told of
        if previous is not None and (
            aspect is not None
            or (
                previous.sentence == site.sentence
                and (
                    _during(tokens, match)
                    or tokens.lower[match.first] == "with"
                    or _passive_participle_clause(tokens.lower, match.first)
                    or _sequel_gerund(tokens.lower, match.first, self._spans)
                )
            )
        ):
            # "invited him to Vienna during a phone call", "will fly to Brasilia,
            # before travelling on to Lima", "will resume talks ... with the EU
            # acting as mediator", "is in Beijing for talks": the status of the
            # event it accompanies
            status = previous.status
        elif (
            status == "occurred"
            and previous is not None
            and previous.sentence == site.sentence
            and previous.status == "planned"
            and self._joined_base_verb(tokens.lower, match.first, clause.first, roles)
        ):
            status = "planned"  # "will hold talks with Rahmon and pay a call on Tokayev"
        candidate = Candidate(kind, status, source, target, site.sentence, match)
        candidate.everyone = everyone
        candidate.medium = aspect == "medium"
        # the lead's perfect is the news ("Congo and Rwanda have agreed on a ceasefire")
        candidate.perfect = site.sentence > 0 and self._present_perfect(tokens.lower, clause, match)
        for m in (*source, *target):
            if m.named and m.key is not None:
                candidate.people.setdefault(m.key, set()).add(m.name)
            rank = self._rank(m, source)
            if rank is not None and m.key is not None:
                candidate.ranks.setdefault(m.key, set()).add(rank)
        candidate.location = roles.location(clause, match)
        self._date(candidate, tokens, site, published, directed)
        self._scheduled_present(candidate, tokens, published, directed)
        if candidate.status in {"occurred", "planned"} and candidate.strength == _OWN:
            span = extent(candidate.timex.value) if candidate.timex else None
            if span is not None and span.start > published:
                # "heads to Kyiv next week": what its own date puts wholly after
                # publication has not happened yet
                candidate.status = "planned"
            elif span is not None and published - span.end > _PLAN_HORIZON:
                # "agreed in 1998 to meet and talk": a plan its own date puts years
                # back is told as history
                candidate.status = "occurred"
            elif (
                span is not None
                and candidate.status == "occurred"
                and self._trip_lasts(tokens, match, span.start, published)
            ):
                candidate.status = "ongoing"
        return candidate

    def _trip_lasts(
        self, tokens: Tokens, match: TriggerMatch, first_day: dt.date, published: dt.date
    ) -> bool:
        """ "on Thursday began a two-day state visit", "arrived in Sarajevo on
        Thursday on a two-day tour": a visit opened so many days ago that it still
        lasts on the news day is under way."""
        if match.trigger.type != "visit":
            return False
        lower = tokens.lower
        if match.trigger.pos == "verb":
            # the arrival opens the trip it is on: "on a two-day tour of"
            end = min(len(lower) - 3, match.last + _TRIP_ON_REACH)
            for k in range(match.last + 1, end + 1):
                if lower[k] == "on" and lower[k + 1] in _INDEFINITE:
                    days = self._trip_days(lower[k + 2])
                    nouns = lower[k + 3 : k + 3 + _TRIP_LENGTH_REACH]
                    return (
                        days is not None
                        and not self._trip_nouns.isdisjoint(nouns)
                        and first_day <= published < first_day + dt.timedelta(days=days)
                    )
            return False
        for k in range(match.first - 1, max(0, match.first - _TRIP_LENGTH_REACH) - 1, -1):
            if not lower[k].endswith("-day"):
                continue
            days = self._trip_days(lower[k])
            opened = lower[max(0, k - _TRIP_LENGTH_REACH) : k]
            return (
                days is not None
                and not self._trip_openers.isdisjoint(opened)
                and first_day <= published < first_day + dt.timedelta(days=days)
            )
        return False

    def _trip_days(self, word: str) -> int | None:
        """The days of "two-day" or "3-day", else None."""
        count, _, unit = word.partition("-")
        days = self._numbers.get(count, count)
        return int(days) if unit == "day" and days.isdigit() else None

    def _rank(self, m: Mention, source: list[Mention]) -> str | None:
        """The rank of a person's office; a "counterpart" holds the source's."""
        title = (m.title or "").lower()
        if title in _COUNTERPARTS:
            title = next(
                (
                    (s.title or "").lower()
                    for s in source
                    if s.title and s.title.lower() not in _COUNTERPARTS
                ),
                "",
            )
        return self._res.title_ranks.get(title)

    def _present_perfect(self, lower: tuple[str, ...], clause: Clause, match: TriggerMatch) -> bool:
        """Whether a verb trigger's own verb group is in the present perfect ("has
        urged", "have also been urging", "has been invited")."""
        if match.trigger.pos == "noun":
            return False
        group = lower[max(clause.first, match.first - PERFECT_REACH) : match.first]
        return not self._present_perfect_aux.isdisjoint(group) and self._planned.isdisjoint(group)

    def _joined_base_verb(
        self, lower: tuple[str, ...], first: int, clause_first: int, roles: RoleFinder
    ) -> bool:
        """Whether the verb phrase of the trigger at `first` opens with a base-form
        verb joined by "and" to the verb before ("and meet", "and pay a courtesy
        call on"): it shares that verb's auxiliary."""
        base_forms = self._res.triggers.base_forms
        return any(
            lower[k] in base_forms and roles.joins_verb_phrase(k, clause_first)
            for k in range(max(clause_first, first - _LIGHT_VERB_REACH), first + 1)
        )

    def _episode(self, lower: tuple[str, ...], site: _Site, told: _Told) -> list[Mention]:
        """The parties of the talks told so far, for a bare "round" or their
        mediation. A round in the sentence of those talks is they ("resumed talks,
        the first such round since 2020"), unless it came before them ("mediated
        the second round, after a first round in July ended ..."). "The meeting
        will be chaired by ..." is the last meeting told, and so are "The talks"
        when no negotiation was told since."""
        met = told.by_type.get("meeting")
        first = site.match.first
        if (
            met
            and site.match.trigger.type == "mediation"
            and lower[first] in _MEETING_NOUNS
            and first > 0
            and lower[first - 1] in self._occasion_dets  # "The meeting", not "A cabinet meeting"
        ):
            talked = [told.by_type[kind][0] for kind in _TALKS_TOLD if kind in told.by_type]
            if met[0] > max(talked, default=-1):
                return met[1]
        if told.talks_sentence < site.sentence or site.match.trigger.type != "negotiation":
            return told.talks
        opening = lower[max(0, site.match.first - _DURING_REACH) : site.match.first]
        return told.talks if not self._earlier_prepositions.isdisjoint(opening) else []

    def _multilateral(self, tokens: Tokens, site: _Site, source: list[Mention]) -> bool:
        """Whether a meeting is one of all its parties (cues.toml: multilateral_triggers)."""
        lower = tokens.lower
        if not self._separate_meetings.isdisjoint(lower[site.span.first : site.span.last + 1]):
            return False
        first = site.match.first
        if site.match.trigger.pos == "noun":  # "a trilateral foreign ministers' meeting"
            first = max(site.clause.first, first - _NOUN_MODIFIERS)
        trigger = lower[first : site.match.last + 1]
        return len(_keys(source)) > 1 or not self._multilateral_triggers.isdisjoint(trigger)

    def _read_back(
        self,
        tokens: Tokens,
        site: _Site,
        roles: RoleFinder,
        source: list[Mention],
        target: list[Mention],
        symmetric: bool,
        previous: Candidate | None,
    ) -> tuple[list[Mention], list[Mention], str | None]:
        """Arguments that the sentence's last event supplies: the parties a
        participle, a reduced relative, a purpose or a medium refers back to.
        The aspect says when the trigger names a side of that event whose status
        it then shares: "purpose" (the talks a visit is for) or "medium" (the call
        the talks were held in)."""
        match = site.match
        comma = roles.move_comma(site.span, source) if source else None
        if comma is not None:
            # ", a move Ukrainian officials criticized": the act before the comma is
            # the object, so whoever did it is the target
            if previous and previous.sentence == site.sentence and previous.trigger.last < comma:
                target = previous.source
            else:
                target = roles.subject_before(site.span, comma)
        talks_of_visit = previous is not None and self._talks_of_visit(tokens, site, previous)
        if previous and talks_of_visit and match.trigger.pos == "verb":
            # "visited Kyiv to sign a security pact", "will fly to Moscow to meet
            # Lukashenko": the visitor acts, with the named party or else the host
            source = previous.source
            target = _others(target, source) or (
                [] if self._domestic_partner(tokens.lower, match) else previous.target
            )
        elif previous and talks_of_visit:
            # "visited Cairo in April for talks with Shoukry", "will host Adeang in
            # Canberra for talks": the visitor holds them, with the named party or
            # else the host
            source = previous.source
            right_end = site.clause.last if site.next_trigger is None else site.next_trigger - 1
            target = _others(roles.with_party(site.clause, match, right_end), source)
            # "for a meeting of BRICS foreign ministers": a forum of an organization's
            # many members, no talks with the host
            forum = any(
                m.first <= match.last + 3  # "of BRICS ...", "of the G20"
                and m.prep == "of"
                and m.organization is not None
                and m.code is None
                for m in roles.within(match.last + 1, right_end)
            )
            if not forum and not self._domestic_partner(tokens.lower, match):
                target = target or previous.target
        joined = (
            previous is not None
            and previous.sentence == site.sentence
            and previous.trigger.trigger.pos == "verb"
            and match.trigger.pos == "verb"
            and previous.trigger.last < match.first
            and roles.joins_verb_phrase(match.first, site.clause.first)
        )
        if (
            previous
            and joined
            and previous.source
            and not _keys(previous.source) & (_keys(source) | _keys(target))
            # ", where he was received by the emir, and is due in Dubai": past an
            # aside the verb joins the sentence's subject, which roles found
            and not roles.after_comma_and(match.first, site.clause.first)
        ):
            # "said on Monday that Xi would visit Moscow and meet Lukashenko": the
            # verb joined to the last one shares its subject, not the first actor
            # of the clause
            source = previous.source
        if source and not target and previous is not None and joined and symmetric:
            # "met Xi on Monday and signed a trade agreement": the second act of the
            # same subject is with the same party
            target = _others(previous.target, source)
        call_of_meeting = previous is not None and self._call_of_meeting(tokens, site, previous)
        if previous and call_of_meeting:
            # "discussed Belarus with Lavrov in a video call on Tuesday": the talks'
            # parties (the noun's own subject would be Belarus)
            source, target = previous.source, previous.target
        if source and previous and self._points_back(tokens, site, previous):
            # the pronoun's own reading would take the nearest name of its kind,
            # often a person of another state named earlier in the article
            target = previous.target
        if source and previous and self._describes_talks(tokens, site, previous):
            # "met in Luanda for a new round of talks, mediated by Angola": the
            # parties of those talks are the ones mediated between
            target = _others([*previous.source, *previous.target], source)
        if call_of_meeting:
            return source, target, "medium"
        return source, target, "purpose" if talks_of_visit else None

    def _points_back(self, tokens: Tokens, site: _Site, previous: Candidate) -> bool:
        """ "declared a diplomat persona non grata, accusing him of sabotage", "sanctioned
        Burhan, accusing his forces of attacks": a participle clause whose object
        pronoun, or whose object's possessive pronoun, is the sentence's last event's
        target."""
        first, after = site.match.first, site.match.last + 1
        lower = tokens.lower
        return (
            previous.sentence == site.sentence
            and _opens_participle_clause(lower, first)
            and after < len(lower)
            and lower[after] in self._participle_objects
        )

    def _errand(self, lower: tuple[str, ...], site: _Site) -> bool:
        """Whether the appeal asks its object only to carry a message: "asked the
        Chilean ambassador to convey her invitation to President Bachelet"."""
        last = min(site.clause.last, site.match.last + _ERRAND_REACH)
        return self._asks_errand(lower, site.match.last, last)

    def _asks_errand(self, lower: tuple[str, ...], appeal_last: int, stop: int) -> bool:
        """Whether the first "to" after an appeal ending at `appeal_last`, before
        `stop`, opens an errand ("to convey", "to relay")."""
        for k in range(appeal_last + 1, stop):
            if lower[k] == "to":
                return lower[k + 1] in self._errands
        return False

    def _courtesy_call(self, tokens: Tokens, site: _Site) -> bool:
        """ "called on Hasina, conveying Modi's greetings": "call on" asks nothing
        unless "to" or "for" follows in its clause, past an appositive ("called on
        Moscow and Kyiv, both signatories, to ...") or a relative aside ("called on
        Kenya, which sends troops, to ...") but not into a participle, a subordinate
        clause or a clause of another subject; it is a visit of courtesy."""
        match, lower = site.match, tokens.lower
        found = self._courtesy_calls.longest(lower, match.first, match.last + 1)
        if found is None or found[0] != match.last + 1 - match.first:
            return False
        last = site.clause.last
        if last + 2 <= site.span.last and lower[last + 1] == ",":
            last += 1  # the comma that ends the clause, to see whether an aside opens
        k = match.last + 1
        while k <= last:
            following = lower[k + 1] if k < site.span.last else ""
            if lower[k] == "," and following in self._relative:
                # "called on Kenya and Ethiopia, which contribute troops, to keep":
                # past a relative aside that closes with a comma, the clause goes on
                close = next((j for j in range(k + 2, site.span.last) if lower[j] == ","), None)
                if close is None:
                    break
                k, last = close + 1, site.span.last
                continue
            if lower[k] == "," and (following in self._subordinators or following.endswith("ing")):
                break
            if lower[k] == "and" and following in self._subject_pronouns:
                break  # "called on Hasina, and she thanked him for coming": her clause
            if lower[k] in self._appeal_complements:
                return False
            k += 1
        return True

    def _suspends_member(
        self,
        lower: tuple[str, ...],
        match: TriggerMatch,
        source: list[Mention],
        target: list[Mention],
    ) -> bool:
        """ "The African Union suspended Burkina Faso": a body suspends a state
        named right after the verb, no possessor of what is suspended."""
        first = target[0] if target else None
        return (
            first is not None
            and all(m.organization is not None and m.code is None for m in source)
            and all(m.kind == "country" and not m.possessive for m in target)
            and _named_right_after(lower, match, first, _ARTICLE_ONLY)
        )

    def _over_the_wire(self, lower: tuple[str, ...], first: int, last: int) -> bool:
        """Whether tokens first..last hold a medium phrase: "on the call", "by
        video link", "via videoconference"."""
        for k in range(first, last):
            if lower[k] in self._medium_prepositions and not self._medium_nouns.isdisjoint(
                lower[k + 1 : min(last, k + _MEDIUM_REACH) + 1]
            ):
                return True
        return False

    def _call_of_meeting(self, tokens: Tokens, site: _Site, previous: Candidate) -> bool:
        """ "discussed Belarus with Lavrov in a video call": a call noun after the
        sentence's last event, a meeting, names the medium of those talks."""
        match = site.match
        return (
            previous.type == "meeting"
            and match.trigger.type == "phone_call"
            # "by phone": the verb's spelling, used as a noun after a preposition
            and (
                match.trigger.pos == "noun"
                or tokens.lower[match.first - 1] in self._medium_prepositions
            )
            and previous.sentence == site.sentence
            and previous.trigger.last < match.first
            and not self._medium_prepositions.isdisjoint(
                tokens.lower[max(site.clause.first, match.first - 3) : match.first]
            )
        )

    def _talks_of_visit(self, tokens: Tokens, site: _Site, previous: Candidate) -> bool:
        """ "flew to Sochi for talks", "visited Kyiv to sign a pact": a symmetric
        trigger after "for" (a noun) or "to" (a verb), naming the purpose of the
        sentence's last event, a visit."""
        match = site.match
        lower = tokens.lower
        # the noun's modifiers may be long ('for "two-plus-two" security talks')
        before = lower[max(site.clause.first, match.first - _PURPOSE_REACH) : match.first]
        purpose = (
            "for" in before and self._prepositions.isdisjoint(before[before.index("for") + 1 :])
            if match.trigger.pos == "noun"
            # "to sign" right after the visit's own phrase, not "and is scheduled to meet"
            else match.first > site.clause.first
            and lower[match.first - 1] == "to"
            and self._verb_group.isdisjoint(lower[previous.trigger.last + 1 : match.first])
        )
        return (
            previous.type == "visit"
            and previous.sentence == site.sentence
            and self._res.event_types[match.trigger.type].symmetric
            and purpose
            and previous.trigger.last < match.first
        )

    def _describes_talks(self, tokens: Tokens, site: _Site, previous: Candidate) -> bool:
        """ "talks between Thai and Cambodian officials, mediated by Beijing's envoy":
        a passive participle clause on the sentence's last event, a symmetric one."""
        return (
            previous.sentence == site.sentence
            and _passive_participle_clause(tokens.lower, site.match.first)
            and self._res.event_types[previous.type].symmetric
        )

    def _blocked(self, tokens: Tokens, clause: Clause, match: TriggerMatch) -> bool:
        """ "anniversary of establishing ties", "efforts to increase sanctions", and a
        gerund used as a noun ("normalising relations is a condition") name no event."""
        lower = tokens.lower
        after = match.last + 1
        if (
            match.trigger.pos != "noun"
            and lower[match.first].endswith("ing")
            and after <= clause.last
            and lower[after] in {"is", "was", "would", "will", "remains"}
        ):
            return True
        if (
            match.trigger.pos != "noun"
            and match.trigger.type != "visit"  # "met on arriving in Washington": a time
            and lower[match.first].endswith("ing")
            and match.first > clause.first
            and lower[match.first - 1] in self._topic_prepositions
        ):
            return True  # "talks on restoring relations": the topic, not an event
        if self._topic_of_talks(lower, clause, match):
            return True
        if any(
            (hit := self._idioms.longest(lower, k, clause.last + 1)) is not None
            and k + hit[0] > match.first
            for k in range(max(clause.first, match.first - _IDIOM_LEAD), match.first + 1)
        ):
            return True  # "in recognition of their courage": a set phrase, no event
        if (
            match.trigger.type in {"visit", "meeting"}
            and lower[match.first] in self._hosting_verbs
            and not self._not_guests.isdisjoint(
                lower[after : min(clause.last, match.last + _GUEST_REACH) + 1]
            )
        ):
            # "welcomed the decision by Honduras", "hosts U.S. bases", "received an
            # award": no guest
            return True
        if (
            lower[match.first] in self._meet_forms
            and match.first > clause.first
            and lower[match.first - 1] in self._meeting_things
        ):
            return True  # "the point where their borders meet": no one met
        if lower[match.first] in self._meet_forms and match.first == match.last:
            # "whether the sides would meet the March 31 deadline": no one met; the
            # goal is the object itself, not a topic past it ("met Wang to discuss
            # the demands")
            for k in range(after, min(clause.last, match.last + _GOAL_REACH) + 1):
                if lower[k] in self._goals_met:
                    return True
                if lower[k] in self._prepositions or lower[k] in {",", "and"}:
                    break
        return self._stative(tokens, clause, match) or self._blocked_context(tokens, clause, match)

    def _topic_of_talks(self, lower: tuple[str, ...], clause: Clause, match: TriggerMatch) -> bool:
        """ "consultations ... on stalled denuclearization talks with North Korea":
        talks after "on" or "about" (past two modifiers at most), with a noun of
        consulting shortly before, are what is discussed."""
        if match.trigger.pos == "verb" or lower[match.last] not in self._topic_talks:
            return False
        k = match.first - 1
        while (
            k > clause.first
            and match.first - k <= 2
            and lower[k].isalpha()
            and lower[k].islower()
            and lower[k] not in self._consulting_preps
        ):
            k -= 1
        if lower[k] not in self._consulting_preps:
            return False
        return not self._consulting_nouns.isdisjoint(lower[max(clause.first, k - _TOPIC_REACH) : k])

    def _stative(self, tokens: Tokens, clause: Clause, match: TriggerMatch) -> bool:
        """ "countries that recognize Taiwan": a standing relation in the present tense."""
        word = tokens.lower[match.first]
        stem = word[:-1] if word.endswith("s") else word
        if stem not in self._stative_verbs:
            return False
        before = tokens.lower[max(clause.first, match.first - 2) : match.first]
        return word.endswith("s") or self._stative_openers.isdisjoint(before)

    def _told_partners(
        self,
        lower: tuple[str, ...],
        site: _Site,
        roles: RoleFinder,
        source: list[Mention],
        parties: list[Mention],
        episode: list[Mention],
        previous: Candidate | None,
    ) -> list[Mention]:
        """The other side of a symmetric event with one side found, from what the
        article told: the talks told before ("U.S. officials said negotiations on
        a second phase will begin"); for a verb of "they" or "their", the parties
        told last when the sentence names no one else ("Leyva said they had
        agreed to hold their first meeting", not "raised it with Putin when they
        met"); for ties, the pair whose ties the sentence also changes ("agreed
        to restore relations, a year after Mogadishu cut ties")."""
        match = site.match
        if "episode" in match.trigger.source:
            found = _other_side(episode, source)
            if found:
                return found
        if match.trigger.pos != "verb" and not _theirs(lower, match, site.clause.first):
            return []
        # where they met names no other party ("when they met in Tehran")
        named = _keys(
            [
                m
                for m in roles.within(site.span.first, site.span.last)
                if not (m.location and m.first > match.last)
            ]
        )
        mine = _keys(source)
        if (
            mine
            and named <= mine
            and not self._plural_pronouns.isdisjoint(lower[site.clause.first : match.last + 1])
        ):
            found = _other_side(parties, source)
            if found:
                return found
        if mine and (
            match.trigger.pos != "verb"
            or "they" in lower[max(site.clause.first, match.first - _THEY_REACH) : match.first]
        ):
            # "raised the issue with Putin when they met", "... at their meeting":
            # "they" are the subject and whom it dealt with just before
            partners = [
                m
                for m in roles.within(site.span.first, match.first - 1)
                if m.prep == "with" and m.key not in mine
            ]
            if partners:
                return partners[-1:]
        if previous is None or previous.sentence != site.sentence:
            return []
        if {previous.type, match.trigger.type} <= _RELATIONS:
            pair = _parties(previous, self._res)
        elif match.trigger.type == "talks_suspended":
            # "protested to Russia over Moscow's decision to suspend negotiations":
            # the talks were between the two sides of the protest
            pair = [*previous.source, *previous.target]
        else:
            return []
        if named <= _keys(pair):
            return _other_side(pair, source)
        return []

    @staticmethod
    def _forum_gathering(tokens: Tokens, site: _Site, roles: RoleFinder) -> bool:
        """ "for the Pacific Islands Forum leaders' meeting": a noun owned by an
        organization's members is the bloc's own gathering, which its members
        attend (a visit), not a meeting of anyone in the sentence."""
        first = site.match.first
        return (
            site.match.trigger.pos == "noun"
            and first >= 2
            and tokens.lower[first - 1] == "'"
            and any(
                m.organization is not None and m.last == first - 2
                for m in roles.within(site.span.first, first - 1)
            )
        )

    def _gathering(self, lower: tuple[str, ...], match: TriggerMatch, span: SentenceSpan) -> bool:
        """Whether the trigger heads the noun phrase a venue phrase of its sentence
        opens ("sidelines of the G20 foreign ministers' meeting"), with no comma
        or verb between them: it names where another event happened, so it is
        no event, and keeps no date from that event."""
        if "with" in lower[match.last : min(span.last, match.last + 1) + 1]:
            return False  # "on the sidelines of a three-way meeting with Wang": one held with him
        openers = self._venue_phrases.by_first
        for k in range(match.first - 1, max(span.first, match.first - _VENUE_REACH) - 1, -1):
            if lower[k] == "," or lower[k] in self._verb_group:
                return False
            if lower[k] in openers and self._venue_phrases.longest(lower, k, match.first):
                return True
        return False

    def _blocked_context(self, tokens: Tokens, clause: Clause, match: TriggerMatch) -> bool:
        """A trigger inside "anniversary of ...", "efforts to ...", "boycotted the"
        names no new event."""
        start = max(clause.first, match.first - 4)
        before = tokens.lower[start : match.first]
        return (
            not self._blocked_words.isdisjoint(before)
            or contains_phrase(self._blocked_phrases, tokens.lower, start, match.first)
            or (match.trigger.pos == "noun" and not self._ending_verbs.isdisjoint(before))
        )

    def _others_signing(
        self, lower: tuple[str, ...], clause: Clause, match: TriggerMatch, told: _Told
    ) -> bool:
        """ "the signing", with no "of" after it: of a deal told before ("flew to
        Tunis for the signing"), or one its spectators attended ("ministers from
        Italy and Spain attended the signing"): no deal of theirs. Leaders
        attending "the signing of five agreements" are its parties."""
        first = match.first
        if (
            match.trigger.type != "agreement"
            or match.trigger.pos != "noun"
            or first == 0
            or lower[first - 1] != "the"
            or lower[match.last + 1 : match.last + 2] == ("of",)
        ):
            return False
        return "agreement" in told.by_type or (
            first - 2 >= clause.first and lower[first - 2] in self._spectators
        )

    def _governed(self, tokens: Tokens, matches: list[TriggerMatch], n: int) -> int:
        """How many triggers after match n it governs: nouns ("mediate a new round
        of talks") and participles ("talks hosted by X"). They share its date."""
        match = matches[n]
        dets = self._determiners
        count = 0
        for following in matches[n + 1 :]:
            lower = tokens.lower
            gap = lower[match.last + 1 : following.first]
            after = following.last + 1
            governed = (
                (
                    following.trigger.pos == "noun"
                    and match.trigger.pos != "noun"
                    # "attend the Group of 20 summit": a name of a few words between
                    and len(gap) <= 4
                    and all(w in dets or (w.isalnum() and w.islower()) or w.isdigit() for w in gap)
                )
                or (  # "talks hosted by X": a participle describing this event
                    not gap and after < len(lower) and lower[after] == "by"
                )
                or (  # "signed a U.S.-brokered deal", "agreed to a Qatari-brokered truce"
                    "compound" in following.trigger.source and len(gap) <= 3
                )
            )
            if not governed:
                break
            count += 1
            match = following
        return count

    def _negotiators_meet(self, tokens: Tokens, site: _Site) -> bool:
        """ "Russian and Ukrainian negotiators held talks": negotiators named just
        before the meeting in its clause meet to negotiate."""
        lower, stop = tokens.lower, site.match.first
        start = max(site.clause.first, stop - 8)
        head = next(
            (k for k in range(stop - 1, start - 1, -1) if lower[k] in self._negotiator_nouns), None
        )
        if head is None:
            return contains_phrase(self._negotiator_phrases, lower, start, stop)
        # "the negotiators said that Macron will meet": the noun heads another clause
        between = lower[head + 1 : stop]
        return self._reporting.isdisjoint(between) and self._subordinators.isdisjoint(between)

    @staticmethod
    def _hosts_talks(tokens: Tokens, site: _Site) -> bool:
        """ "talks hosted by X": a host verb right after a meeting trigger, with its agent."""
        match = site.match
        lower = tokens.lower
        previous = site.earlier[-1] if site.earlier else None
        return (
            previous is not None
            and previous.trigger.type in {"meeting", "negotiation"}
            and match.first - previous.last <= 2
            and match.last + 1 < len(lower)
            and lower[match.last + 1] == "by"
        )

    def _hosts_sides(
        self, tokens: Tokens, site: _Site, guests: list[Mention], episode: list[Mention]
    ) -> bool:
        """ "Borrell, who hosted Kurti and Vucic in Brussels": a host receiving both
        sides of the talks the article tells receives them to mediate."""
        keys = _keys(guests)
        return (
            tokens.lower[site.match.first] in self._hosting_verbs
            and len(keys) >= 2
            and keys <= _keys(episode)
        )

    @staticmethod
    def _chairs_talks(site: _Site) -> bool:
        """ "talks between Serbia and Kosovo on Thursday, chaired by Borrell": talks
        or negotiations told shortly before the chairing, in its sentence."""
        previous = site.earlier[-1] if site.earlier else None
        return (
            previous is not None
            and previous.trigger.type in {"meeting", "negotiation"}
            and site.match.first - previous.last <= _CHAIR_REACH
        )

    @staticmethod
    def _condemned_act(site: _Site, source: list[Mention]) -> bool:
        """ "China criticized the visit to Taiwan": an act noun in a condemnation's
        object, whose only doer found is the condemner before it, is what they
        condemned, not their own act."""
        match = site.match
        if match.trigger.pos != "noun" or not site.earlier:
            return False
        other = site.earlier[-1]
        return (
            other.trigger.type == "condemnation"
            and other.first >= site.clause.first
            and 0 < match.first - other.last <= _OBJECT_REACH
            and all(m.last < other.first for m in source)
        )

    def _requested(
        self, tokens: Tokens, clause: Clause, match: TriggerMatch, earlier: list[TriggerMatch]
    ) -> bool:
        """The content of another event, not an event: "urged the EU to impose
        sanctions", "invited Trump to attend", "traveled to Laos to attend"; but
        "invited Jaishankar to Vienna during a phone call" and "invited Xi to Tokyo
        when the two leaders met" tell when the invitation was made."""
        lower = tokens.lower
        if (
            match.first > 0
            and lower[match.first - 1] == "and"
            and lower[match.first].endswith("ed")
        ):
            # "called on Russia to accept a ceasefire and condemned ...": a verb in
            # the past tense goes on with the sentence, not with what was asked
            return False
        for other in earlier:
            if other.first < clause.first:
                continue
            between = lower[other.last + 1 : match.first]
            if other.trigger.type == "appeal" and lower[other.last] in {"must", "should"}:
                return True  # "told Serbia it must recognise Kosovo": the demand's content
            if other.trigger.type in {"appeal", "invitation"} and "to" in between:
                if opens_conjunct(between, 0, len(between), _VERB_JOINERS):
                    continue  # "invited Kotzias to Ankara, and the Greek minister is to visit"
                if other.trigger.type == "appeal" and self._asks_errand(
                    lower, other.last, match.first
                ):
                    continue  # "asked the envoy to convey her invitation": the message is told
                last_to = len(between) - 1 - between[::-1].index("to")
                # "invited Modi to Berlin at their meeting", not "urged EU leaders
                # to endorse it at their summit": after a place, the occasion is
                # the two sides' own; a call is never what was asked for
                destination = tokens.words[other.last + 2 + last_to][:1].isupper()
                if _OCCASION_OPENERS.isdisjoint(between[last_to:]) and not (
                    _during(tokens, match) and (destination or match.trigger.type == "phone_call")
                ):
                    return True
        previous = earlier[-1] if earlier else None
        if previous is None or previous.first < clause.first:
            return False
        between = lower[previous.last + 1 : match.first]
        # "traveled to Laos on Friday to attend", "summoned the ambassador to protest":
        # the purpose of the same act; not "visited Kyiv, and Johnson is to visit"
        return (
            previous.trigger.type == match.trigger.type
            and lower[match.first - 1] == "to"
            and not any(w in {",", ";", "and", "but"} for w in between)
        )

    @staticmethod
    def _token_range(tokens: Tokens, timex: Timex) -> tuple[int, int]:
        first = bisect_right(tokens.starts, timex.start) - 1
        last = bisect_left(tokens.ends, timex.end)
        return max(first, 0), min(max(last, first), len(tokens) - 1)

    def _spoken_day(self, tokens: Tokens, site: _Site, chosen: Timex) -> Timex | None:
        """ "'... as of today,' Lamamra told a news conference on Tuesday": a deictic
        word inside a quotation counts from the day the sentence says it was
        spoken, not from publication. None when that does not apply."""
        if self._quoted_deixis.isdisjoint(chosen.text.lower().split()):
            return None
        lower = tokens.lower
        quotes = [k for k in range(site.span.first, site.span.last + 1) if lower[k] in _QUOTES]
        rng = next((r for t, r in site.timexes if t is chosen), None)
        if rng is None or sum(k < rng[0] for k in quotes) % 2 == 0:
            return None  # not inside a quotation
        for timex, (first, _) in site.timexes:
            day = _calendar_day(timex.value)
            if day is not None and sum(k < first for k in quotes) % 2 == 0:
                return self._tagger.reanchor(chosen, day)
        return None

    def _is_reporting(self, tokens: Tokens, rng: tuple[int, int], span: SentenceSpan) -> bool:
        """Whether the time expression dates a reporting verb ("said on Tuesday");
        a capitalized word is a name, not the verb ("the United States on Friday")."""
        lower, words = tokens.lower, tokens.words
        reporting = self._reporting
        j = rng[0] - 1
        if j >= span.first and lower[j] == "on":
            j -= 1
        if j >= span.first and lower[j] in self._day_part_adverbs:
            j -= 1  # "said late on Monday", "said early on Tuesday"
        if j >= span.first and lower[j] in self._statement_nouns:
            # "said in a statement late Thursday", "told her weekly briefing on
            # Thursday": the statement is the saying
            j = next(
                (
                    k
                    for k in range(j - 1, max(span.first - 1, j - _STATEMENT_REACH), -1)
                    if lower[k] in reporting
                ),
                j,
            )
        if (
            j >= span.first
            and (lower[j] in reporting or lower[j] in self._reporting_participles)
            and words[j].islower()
        ):
            return True  # "said on Monday", ", announcing on Monday night that"
        k = rng[1] + 1
        if k <= span.last and lower[k] in reporting and words[k].islower():
            return True
        # "Speaking at a briefing on Wednesday, Zakharova said ..."
        return lower[span.first] in self._speaking_openers and "," not in lower[span.first : rng[0]]

    def _date(
        self,
        candidate: Candidate,
        tokens: Tokens,
        site: _Site,
        published: dt.date,
        directed: _Directed,
    ) -> None:
        own: list[tuple[int, Timex]] = []
        own_ranges: list[tuple[int, int]] = []  # where each of `own` stands
        reported: Timex | None = None
        clause = site.clause
        anchor = candidate.trigger.first
        if contains_phrase(
            self._undated_frames, tokens.lower, max(0, anchor - 2), candidate.trigger.last + 2
        ):
            candidate.vague = True  # "at the invitation of Wang": its time is not told
            return
        opened = _uncounted_span_before(tokens.lower, site.span.first, anchor, self._spans)
        if opened is not None:
            # "said Monday, months after Spain became ...": only the clause's own
            # dates place it; else it is some time before, undated
            site = replace(site, timexes=[(t, rng) for t, rng in site.timexes if rng[0] > opened])
        aside = self._nominal_appositive(tokens, clause, candidate.trigger)
        later = self._status.later_phrase(tokens.lower, clause, candidate.trigger)
        charge = self._charge(tokens.lower, candidate, clause)
        since = _first_since(tokens.lower, candidate.trigger, clause)
        for timex, rng in site.timexes:
            if since is not None and rng[0] > since:
                continue  # "their first meeting since the 2022 invasion": the invasion's
            if later is not None and not later[0] <= rng[0] <= rng[1] <= later[1]:
                continue  # "ahead of Kishida's visit": the clause's date is earlier
            if charge is not None and rng[0] > charge:
                continue  # "accusing Kyiv of supporting an attack last month"
            if candidate.status == "planned" and self._dates_decision(tokens.lower, rng, anchor):
                continue  # "agreed on Monday to hold talks": Monday is the agreeing
            if rng[0] > anchor and _placing_span(tokens.lower, rng, self._spans):
                continue  # "offered to send envoys, a day after it blew up": the blast's
            if rng[0] - 1 > candidate.trigger.last and self._term_of_thing(tokens.lower, rng):
                continue  # "signed a plan of consultations for 2025-2027": the plan's term
            if (
                candidate.status != "planned"
                and rng[0] > 0
                and tokens.lower[rng[0] - 1] in self._deadline_prepositions
            ):
                continue  # "urged Tripoli to agree on a law by March": what is asked, by when
            if rng[0] > candidate.trigger.last and self._history_aside(
                tokens.lower, candidate.trigger, rng[0]
            ):
                continue  # "resumed their dialogue, suspended since 2018": the dialogue's
            if (
                anchor < rng[0]
                and rng[1] < candidate.trigger.last
                and "," in tokens.lower[anchor : rng[0]]
            ):
                continue  # "Negotiations on the text, launched in 2018, were frozen": the aside's
            if rng[1] < anchor and self._participial_aside(tokens.lower, rng, candidate.trigger):
                continue  # "ignored its demand, made on Sunday, and accused": the demand's
            if self._is_reporting(tokens, rng, site.span):
                reported = reported or timex
            elif (
                # a gapped trigger may run into the next clause: the date right
                # after it is its own ("ties ..., which were established in 1965")
                (
                    clause.first <= rng[0] <= clause.last
                    or rng[0] == candidate.trigger.last + 1
                    or self._resumed_after_aside(tokens.lower, clause, rng[0])
                )
                and not aside[0] < rng[0] < aside[1]
                # "over the Feb. 1 coup" dates the coup; "the Feb. 23 accord signed
                # by" dates the accord, the event itself
                and (rng[1] + 1 == anchor or not self._attributive(tokens, rng, site.span))
                and not self._owns_other(tokens, rng, candidate.trigger)
                and self._reaches(tokens, candidate.trigger, rng, site.rivals, clause.first)
                # "invited her counterpart to Riga next year": the visit's date
                and not (
                    candidate.type == "invitation"
                    and _invited_to(tokens.lower, candidate.trigger, rng)
                )
            ):
                # distance to the trigger span: "the sanctions it imposed on Niger last July"
                gap = (
                    anchor - rng[1] if rng[1] < anchor else max(0, rng[0] - candidate.trigger.last)
                )
                own.append((gap, timex))
                own_ranges.append(rng)
        placed = [_placing_span(tokens.lower, rng, self._spans) for rng in own_ranges]
        if any(placed) and any(
            rng[0] > anchor and not by_span and _is_day(timex)
            for (_, timex), rng, by_span in zip(own, own_ranges, placed, strict=True)
        ):
            # "ten days after Barrot travelled to Algiers on April 6": a day after
            # the verb outranks the count from another event that opens its clause
            # (not "Two days after China imposed sanctions on Monday, Japan ...",
            # nor a year of background after it)
            own = [pair for pair, by_span in zip(own, placed, strict=True) if not by_span]
            own_ranges = [
                rng for rng, by_span in zip(own_ranges, placed, strict=True) if not by_span
            ]
        if any(rng[0] > anchor for rng in own_ranges):
            # "travelled to Tokyo in early July and met Kishida on July 4": a date
            # before the "and" is the first verb's when the joined one has its own
            # (so is it for a noun: "... and ended the tour in Lima on Thursday")
            own = [
                pair
                for pair, rng in zip(own, own_ranges, strict=True)
                if not (rng[1] < anchor and "and" in tokens.lower[rng[1] + 1 : anchor])
            ]
        if not own:
            own = self._when_clause_date(tokens, clause, site.timexes)
        if not own and candidate.status == "occurred":
            own = self._as_clause_date(tokens.lower, site, clause)
        if not own:
            own = self._placed_before_aside(tokens.lower, site, candidate.source)
        if not own:
            own = self._fronted_date(tokens.lower, site, candidate.status == "planned")
        if not own and candidate.trigger.trigger.pos == "verb":
            own = self._conjoined_date(tokens, site, candidate.trigger, candidate.source)
        if own:
            chosen = min(own, key=lambda pair: pair[0])[1]
            if chosen.value in _VAGUE_VALUES or extent(chosen.value) is None:
                candidate.vague = True  # "recently", "in recent months": deliberately undated
                return
            candidate.strength = _OWN
            spoken = self._spoken_day(tokens, site, chosen) or chosen
            if candidate.status == "cancelled":
                # "a visit planned for Oct. 19, called off": the plan's day may
                # have been just before the news or still ahead of it; a bare
                # weekday is the calling off's unless the plan names it
                scheduled = self._status.scheduled(tokens, clause, candidate.trigger)
                candidate.timex = self._nearest_day(spoken, published, directed, scheduled)
            else:
                future = candidate.status == "planned"
                candidate.timex = self._directed(spoken, future, published, directed)
            candidate.basis = "relative" if chosen.relative else "explicit"
        elif reported is not None and candidate.status in {"occurred", "ongoing"}:
            if reported.value not in _VAGUE_VALUES and extent(reported.value) is not None:
                candidate.timex = self._directed(reported, False, published, directed)
                candidate.basis = "relative" if reported.relative else "explicit"
                candidate.strength = _REPORTED
        elif opened is not None:
            candidate.vague = True

    def _fronted_date(
        self, lower: tuple[str, ...], site: _Site, planned: bool
    ) -> list[tuple[int, Timex]]:
        """ "On Sunday evening, shortly after Nazarbayev's arrival, Wang and Idrissov
        held talks": a date opening the sentence, set off by a comma, governs the
        sentence past the phrases that follow it, when no other date stands between;
        not a plan that is only reported or decided on that day ("On Friday, it said
        it would", "On Monday, they agreed to resume talks")."""
        first, anchor = site.span.first, site.match.first
        opening = [
            (timex, rng)
            for timex, rng in site.timexes
            if rng[0] <= first + 1 and rng[1] + 1 < anchor and lower[rng[1] + 1] == ","
        ]
        if not opening:
            return []
        timex, placed = opening[0]
        end = placed[1]
        if any(end < rng[0] < anchor for _, rng in site.timexes) or (
            planned
            and (
                not self._reporting.isdisjoint(lower[end + 1 : anchor])
                or self._dates_decision(lower, placed, anchor)
            )
        ):
            return []
        return [(anchor - end, timex)]

    def _placed_before_aside(
        self, lower: tuple[str, ...], site: _Site, source: list[Mention]
    ) -> list[tuple[int, Timex]]:
        """ "a day after Estonia, citing security concerns, expelled": the span that
        places a subject standing before an aside, outside the trigger's clause."""
        subject = source[0] if source else None
        if (
            subject is None
            or not site.span.first <= subject.first < site.clause.first
            or lower[subject.last + 1] != ","
            or not opens_aside(lower[subject.last + 2], self._relative)
            or "," not in lower[subject.last + 2 : site.match.first]  # a trigger inside the aside
        ):
            return []
        return [
            (0, timex)
            for timex, rng in site.timexes
            if rng[1] + 2 == subject.first and _placing_span(lower, rng, self._spans)
        ]

    def _scheduled_present(
        self, candidate: Candidate, tokens: Tokens, published: dt.date, directed: _Directed
    ) -> None:
        """ "Putin arrives in North Korea on Tuesday": a verb in the simple present
        with a weekday or month of its own tells a schedule, so the date reads
        forward and the event is planned. A date that is the publication day
        itself is today's, not next week's."""
        timex = candidate.timex
        word = tokens.lower[candidate.trigger.first]
        if (
            candidate.status != "occurred"
            or candidate.strength != _OWN
            or timex is None
            or not timex.direction_sensitive
            or candidate.trigger.trigger.pos != "verb"
            or not word.endswith("s")
            or word.endswith("ss")
            or tokens.words[candidate.trigger.first] != word
        ):
            return
        span = extent(timex.value)
        if span is None or span.end >= published:
            return
        candidate.timex = self._directed(timex, True, published, directed)
        candidate.status = "planned"

    def _dates_decision(self, lower: tuple[str, ...], rng: tuple[int, int], anchor: int) -> bool:
        """Whether a time expression dates a verb of deciding before the "to" of
        the event after it: between them ("agreed on Monday to hold talks") or
        anywhere before the verb ("On Monday, they agreed to hold talks")
        (cues.toml: deciding_verbs)."""
        before = rng[0] - 1
        if before >= 0 and lower[before] == "on":
            before -= 1
        after = rng[1] + 1
        if any(
            lower[k] in self._deciding_verbs and lower[k + 1] == "to"
            for k in range(after, anchor - 1)
        ):
            return True
        return (
            before >= 0
            and lower[before] in self._deciding_verbs
            and after < anchor
            and lower[after] == "to"
        )

    def _history_aside(self, lower: tuple[str, ...], match: TriggerMatch, first: int) -> bool:
        """Whether a past participle set off by a comma stands between the trigger
        and a date at `first`: the date tells the history of what the event is
        about (cues.toml: event_participles). Not when the trigger is itself in an
        aside ("talks, mediated by Mora, ended in Doha this week")."""
        between = lower[match.last + 1 : first]
        if "," not in between or lower[match.first - 1] == ",":
            return False
        opener = between[len(between) - between[::-1].index(",") :]
        return (
            bool(opener) and opener[0].endswith("ed") and opener[0] not in self._event_participles
        )

    def _term_of_thing(self, lower: tuple[str, ...], rng: tuple[int, int]) -> bool:
        """Whether the expression follows "for" after a thing ("a budget for next
        year"), naming the thing's term; after a word of scheduling ("set for
        Tuesday") it is the event's own date (cues.toml: scheduling_words)."""
        return (
            rng[0] >= 2
            and lower[rng[0] - 1] == "for"
            and lower[rng[0] - 2] not in self._scheduling_words
        )

    @staticmethod
    def _charge(lower: tuple[str, ...], candidate: Candidate, clause: Clause) -> int | None:
        """Where the charge of a condemnation starts ("accusing Kyiv of supporting
        ...", "assailed Ukraine for holding ..."): its dates are of the deed it
        charges, not of the condemnation. None when there is none."""
        if candidate.type != "condemnation":
            return None
        for k in range(candidate.trigger.last + 1, clause.last):
            if lower[k] in _CHARGE_PREPOSITIONS and any(
                w.endswith("ing") for w in lower[k + 1 : min(k + 3, clause.last + 1)]
            ):
                return k
        return None

    def _conjoined_date(
        self, tokens: Tokens, site: _Site, match: TriggerMatch, source: list[Mention]
    ) -> list[tuple[int, Timex]]:
        """ "confirmed the postponement on Thursday, but accused Washington of ...",
        "on Wednesday accused Manila ... and urged it to ...": a verb phrase joined
        to the one before it, with no date of its own, happened when that one did;
        so does a participle set after it ("denounced the move on Monday,
        accusing Vilnius of ..."), and a verb joined past the other's "that"
        clause when its subject is the other's ("told reporters on Friday that
        ..., but demanded that France ...")."""
        lower = tokens.lower
        joiner = match.first - 1
        while joiner > site.span.first and lower[joiner] in self._continuation:
            joiner -= 1  # "and also urged", "but then accused"
        participle = lower[joiner] == "," and lower[match.first].endswith("ing")
        if joiner <= site.span.first or not (lower[joiner] in _VERB_JOINERS or participle):
            return []
        subject_first = min((m.first for m in source), default=joiner)
        found = [
            (joiner - rng[1], timex)
            for timex, rng in site.timexes
            if site.span.first <= rng[0]
            and rng[1] < joiner
            and not self._owns_other(tokens, rng, match)
            and (
                self._phrase_blockers.isdisjoint(between := lower[rng[1] + 1 : joiner])
                or (subject_first < rng[0] and self._phrase_blockers.intersection(between) == _THAT)
            )
        ]
        return found[-1:]

    @staticmethod
    def _when_clause_date(
        tokens: Tokens, clause: Clause, timexes: list[tuple[Timex, tuple[int, int]]]
    ) -> list[tuple[int, Timex]]:
        """ "Relations collapsed in November 2013, when Cairo expelled Turkey's
        ambassador", "arrived in Pattaya on Sunday, where he met Than Swe": a
        ", when" or ", where" clause happens at the time that ends the clause
        before it."""
        lower = tokens.lower
        when = clause.first
        if when < 2 or lower[when] not in _WHEN_WHERE or lower[when - 1] != ",":
            return []
        ends = {rng[1]: (timex, rng) for timex, rng in timexes}
        found = ends.get(when - 2)
        words = tokens.words
        for k in range(when - 4, max(0, when - 2 - _WHERE_PLACE_REACH), -1):
            # "began on Sunday in Panama, where": past the place the date precedes
            if found is None and k in ends and lower[k + 1] in {"in", "at"}:
                named = all(words[j][:1].isupper() for j in range(k + 2, when - 1))
                found = ends[k] if named else None
        # "in Astana on Thursday and Friday, where": from the first of the days
        while found is not None and found[1][0] - 2 in ends and lower[found[1][0] - 1] == "and":
            found = ends[found[1][0] - 2]
        return [(0, found[0])] if found is not None else []

    def _as_clause_date(
        self, lower: tuple[str, ...], site: _Site, clause: Clause
    ) -> list[tuple[int, Timex]]:
        """ "The leaders agreed Monday to hold the summit yearly, as they met in
        Seoul": a ", as" or ", while" clause without a date of its own happens at
        the one date its sentence gives before it."""
        opener = clause.first
        if opener < 2 or lower[opener] not in self._simultaneity or lower[opener - 1] != ",":
            return []
        before = [timex for timex, rng in site.timexes if rng[1] < opener]
        return [(0, before[0])] if len(before) == 1 else []

    def _participial_aside(
        self, lower: tuple[str, ...], rng: tuple[int, int], trigger: TriggerMatch
    ) -> bool:
        """ "its demand, made on Sunday, for an apology": a date inside a past
        participle set off by commas after another noun dates that noun; after the
        trigger's own noun it dates the event ("the talks, held in June,")."""
        close = rng[1] + 1
        if close >= trigger.first or lower[close] != ",":
            return False
        # the participle, a preposition perhaps, then the date: "made on Sunday"
        # ("ended in acrimony last month" goes on with a verb of its own)
        for k in range(rng[0] - 1, max(0, rng[0] - _ASIDE_REACH) - 1, -1):
            if lower[k] == ",":
                opener = lower[k + 1]
                return (
                    k > 0
                    and lower[k - 1].isalpha()
                    and past_form(opener, self._res.triggers.irregular_pasts)
                    and opener not in self._reporting
                )
        return False

    def _nominal_appositive(
        self, tokens: Tokens, clause: Clause, match: TriggerMatch
    ) -> tuple[int, int]:
        """The commas around a noun phrase set beside a noun trigger ("Modi's visit,
        the first by an Indian leader since 2019, began on Monday"): its dates
        compare, they do not date the event. (-1, -1) when there is none; a
        participle there ("talks, held in June,") does date it."""
        if match.trigger.pos == "verb":
            return (-1, -1)
        lower = tokens.lower
        commas = self._status.appositive(tokens, match.last + 1, clause.last + 1)
        if commas is None or lower[commas[0] + 1] not in APPOSITIVE_DETERMINERS:
            return (-1, -1)
        return commas

    def _attributive(self, tokens: Tokens, rng: tuple[int, int], span: SentenceSpan) -> bool:
        """ "over the Feb. 1 coup": a date that modifies a noun dates that noun, not the event."""
        lower = tokens.lower
        before, after = rng[0] - 1, rng[1] + 1
        if before < span.first or after > span.last:
            return False
        nxt = tokens.words[after]
        return (
            lower[before] in _ATTRIBUTIVE_DETERMINERS
            and nxt.isalpha()
            and nxt.islower()
            and nxt not in self._prepositions
            and nxt not in self._verb_group
        )

    def _owns_other(self, tokens: Tokens, rng: tuple[int, int], trigger: TriggerMatch) -> bool:
        """ "criticized Wednesday's vote and urged", "the crisis triggered by last
        month's coup": a possessive date dates the noun it owns, unless that noun
        is the trigger ("Wednesday's talks") or the occasion of the event ("at
        Thursday's summit, Xi urged")."""
        mark = rng[1] + 1
        if (
            mark >= len(tokens.words)
            or tokens.words[mark] not in POSSESSIVE_MARKS
            or trigger.first < rng[0] <= trigger.last  # "walked out of Saturday's talks"
        ):
            return False
        between = tokens.lower[mark + 1 : trigger.first]
        if mark < trigger.first <= mark + _OWNED_REACH and all(
            w.isalpha() and w not in _COORDINATORS for w in between
        ):
            return False
        return rng[0] == 0 or tokens.lower[rng[0] - 1] not in self._occasion_preps

    def _verdict_after(self, tokens: Tokens, k: int) -> bool:
        """Whether the "as" at token k gives a verdict ("as illegitimate", "as a
        provocation", 'as "unacceptable"'), not a clause with a subject of its own
        ("as the talks began", "as he arrived")."""
        if k + 1 >= len(tokens):
            return False
        following = tokens.lower[k + 1]
        if following in {"a", "an"} or following in _QUOTES:
            return True
        return (
            tokens.words[k + 1].islower()
            and following.isalpha()
            and following not in self._determiners
            and following not in self._subject_pronouns
        )

    def _reaches(
        self,
        tokens: Tokens,
        match: TriggerMatch,
        rng: tuple[int, int],
        rivals: list[int],
        clause_first: int,
    ) -> bool:
        """A time expression dates a trigger unless another verb group or another
        event's trigger stands between them. A noun trigger that is its clause's
        subject is dated across the clause's own verb ("The talks were held in June")."""
        low, high = (match.last + 1, rng[0]) if rng[0] > match.last else (rng[1] + 1, match.first)
        lower = tokens.lower
        if low == match.last + 1 and match.trigger.type == "visit":
            # "arrived in Brasilia on a two-day visit that began on Monday": the
            # visit noun the verb is on is the same visit, and its own relative
            # clause tells when
            between = lower[low:high]
            noun = next((k for k, w in enumerate(between) if w in self._trip_nouns), None)
            if noun is not None and self._own_relative(between[noun + 1 :]):
                return True
        aside = self._closed_relative(lower, low, high) if low == match.last + 1 else None
        if aside is not None:
            # "held talks with Putin, who is on a state visit to China, at the Great
            # Hall on Thursday": the relative aside about a party keeps its own
            # trigger and verb; the date past it is the main clause's
            rivals = [first for first in rivals if not aside[0] <= first <= aside[1]]
        if any(low <= first < high for first in rivals):
            return False
        if high == match.first and rng[0] <= clause_first + 1 and lower[low] == ",":
            # a date fronted before the subject ("On Tuesday, Macron will visit
            # Rome"): the trigger's own auxiliaries are no other verb group
            while high > low and lower[high - 1] in self._own_auxiliaries:
                high -= 1
        elif high == match.first and lower[match.last] == "by":
            # "The ceremony on Saturday was attended by": a trigger that spells out
            # its passive owns the auxiliary before it
            while high > low and lower[high - 1] in self._subject_auxiliaries:
                high -= 1
        between = lower[low:high]
        if aside is not None:
            between = lower[low : aside[0]] + lower[aside[1] + 1 : high]
        if low == rng[1] + 1 and _placing_span(lower, rng, self._spans):
            # "two days after ministers imposed sanctions": the span places the
            # clause it opens (_days_from), so its "after" is no other clause
            between = between[1:]
        elif high == rng[0] and between and between[-1] in self._clause_prepositions:
            # "meet in Cucuta before the end of the year": a preposition of the
            # date itself, not a clause opener
            between = between[:-1]
        if "as" in between:
            # "as of today" introduces a date and "slammed the sanctions as
            # illegitimate on Friday" a verdict, not a clause
            between = tuple(
                w
                for k, w in enumerate(between, low)
                if w != "as" or not (lower[k + 1] == "of" or self._verdict_after(tokens, k))
            )
        if self._verb_group.isdisjoint(between) and not (
            match.trigger.pos == "verb" and self._relative_that(lower, low, high)
        ):
            return True
        if low == match.last + 1 and match.trigger.pos != "verb" and self._own_relative(between):
            return True
        subject_from = self._status.reported_clause_start(lower, clause_first, match)
        return (
            low == match.last + 1
            and match.trigger.pos != "verb"
            and self._verb_group.isdisjoint(lower[subject_from : match.first])
            and sum(w in self._verb_group for w in between) == 1
            and not self._subject_auxiliaries.isdisjoint(between)
            and self._subordinators.isdisjoint(between)
        )

    def _resumed_after_aside(self, lower: tuple[str, ...], clause: Clause, at: int) -> bool:
        """Whether token `at` stands where the clause resumes after a relative aside
        right after it ("held talks with Putin, who is on a state visit, at the
        Great Hall on Thursday")."""
        aside = self._closed_relative(lower, clause.last + 1, at)
        if aside is None or aside[0] != clause.last + 1:
            return False
        # what follows the aside is a bare phrase of the main clause, no list
        # going on past the comma or clause of its own
        resumed = lower[aside[1] + 1 : at]
        return all(w.isalnum() and w not in self._verb_group for w in resumed)

    def _closed_relative(
        self, lower: tuple[str, ...], low: int, high: int
    ) -> tuple[int, int] | None:
        """The commas around a relative aside (", who is on a state visit to
        China,") that opens and closes within tokens low..high-1."""
        opening = next((k for k in range(low, high - 1) if lower[k] == ","), None)
        if opening is None or lower[opening + 1] not in self._relative:
            return None
        closing = next((k for k in range(opening + 2, high) if lower[k] == ","), None)
        return None if closing is None else (opening, closing)

    def _own_relative(self, between: tuple[str, ...]) -> bool:
        """Whether the words after a noun trigger up to a date open the noun's own
        relative clause about when it takes place: "a fourth round of talks
        between Iran and the United States that had been due to take place in
        Rome on Saturday"."""
        opener = next((k for k, w in enumerate(between) if w in self._relative), None)
        return (
            opener is not None
            and self._verb_group.isdisjoint(between[:opener])
            and not self._scheduling.isdisjoint(between[opener + 1 :])
        )

    def _relative_that(self, lower: tuple[str, ...], low: int, high: int) -> bool:
        """Whether a relative "that" after a noun opens a clause in lower[low:high]
        ("urged it to stop supplying the Sierra Madre, a warship that the navy
        grounded in 1999"); after a verb ("said that", "agreed that") it opens a
        complement instead. (A noun trigger's own relative clause, "a visit that
        began on Sunday", does date it.)"""
        return any(
            lower[k] == "that"
            and lower[k - 1].isalpha()
            and not lower[k - 1].endswith("ed")
            and lower[k - 1] not in self._reporting
            for k in range(max(low, 1), high)
        )

    def _directed(self, timex: Timex, future: bool, published: dt.date, cache: _Directed) -> Timex:
        """A weekday or bare month reads forward for a planned event, backward otherwise.

        `cache` holds this article's answers: its timexes do not overlap, so
        the span names one, and every event of a sentence asks again."""
        if not timex.direction_sensitive:
            return timex
        key = (timex.start, timex.end, future)
        found = cache.get(key)
        if found is None:
            found = cache[key] = self._tagger.renormalize(timex, published, future=future)
        return found

    def _domestic_partner(self, lower: tuple[str, ...], match: TriggerMatch) -> bool:
        """ "to meet business leaders", "for talks with the opposition": the partner
        named after the trigger is no state actor (titles.toml: kind domestic), so
        the host of the visit does not stand in for it."""
        stop = min(len(lower), match.last + 1 + _PARTNER_REACH)
        for k in range(match.last + 1, stop):
            hit = self._res.titles.longest(lower, k, stop)
            if hit is not None:
                return bool(hit[1] == "domestic")
        return False

    def _nearest_day(
        self, timex: Timex, published: dt.date, cache: _Directed, scheduled: bool
    ) -> Timex:
        """Of a timex read backward and forward, the reading nearer the publication
        date. A plan's own date (`scheduled`) is simply the nearer one; any other
        reads forward only when under half as far, and a weekday, whose readings
        lie a week apart, only when scheduled."""
        past = self._directed(timex, False, published, cache)
        future = self._directed(timex, True, published, cache)
        ahead, behind = extent(future.value), extent(past.value)
        if ahead is None or behind is None:
            return past
        if (ahead.start - behind.start).days <= _WEEK_DAYS:
            return future if scheduled else past
        lean = 1 if scheduled else 2
        return future if (ahead.start - published) * lean < (published - behind.end) else past

    def _counted_spans(self, tokens: Tokens, timexes: list[Timex]) -> dict[int, Timex]:
        """The "after" of each counted span ("nine years after"), with its duration."""
        lower = tokens.lower
        counted: dict[int, Timex] = {}
        for timex in timexes:
            if timex.type == "DURATION":
                rng = self._token_range(tokens, timex)
                after = rng[1] + 1
                if after < len(lower) and lower[after] == "after" and not _lasting(lower, rng):
                    counted[after] = timex
        return counted

    def _counted_back(
        self,
        candidates: list[Candidate],
        n: int,
        lower: tuple[str, ...],
        span: SentenceSpan,
        counted: Mapping[int, Timex],
    ) -> Timex | None:
        """ "agreed on Tuesday to restore ties nine years after Manama cut them": an
        event in a clause a counted span opens lies that far before the dated event
        the sentence told before it."""
        candidate = candidates[n]
        opener = _span_opener(lower, span.first, candidate.trigger.first)
        if opener is None or opener not in counted:
            return None
        main = next(
            (
                c.timex
                for c in candidates[:n]
                if c.sentence == candidate.sentence
                and c.trigger.last < opener
                and c.timex is not None
            ),
            None,
        )
        found = extent(main.value) if main is not None else None
        if found is None:
            return None
        return _days_from(counted[opener], found.start, lower, opener, self._spans)

    @staticmethod
    def _mediates_told_talks(tokens: Tokens, candidate: Candidate, previous: Candidate) -> bool:
        """Whether a mediation participle describes the talks told just before it,
        between the same sides ("talks that began on Monday and were mediated by
        Qatar")."""
        return (
            candidate.type == "mediation"
            and previous.type in {"meeting", "negotiation"}
            and previous.sentence == candidate.sentence
            and tokens.lower[candidate.trigger.first] in _MEDIATING_PARTICIPLES
            and tokens.lower[previous.trigger.first] in _TALKS_NOUNS
            and _keys([*previous.source, *previous.target]) == _keys(candidate.target)
        )

    @staticmethod
    def _met_for_round(
        tokens: Tokens,
        candidate: Candidate,
        previous: Candidate | None,
        candidates: list[Candidate],
    ) -> bool:
        """ "envoys will meet in Ankara next Thursday for a new round of talks on
        normalising relations": the meeting is the round of negotiations it is for."""
        return (
            candidate.type == "negotiation"
            and previous is not None
            and previous.type == "meeting"
            and bool(candidates)
            and candidates[-1] is previous
            and previous.sentence == candidate.sentence
            and _pairs_keys(candidate) == _pairs_keys(previous)
            and "for" in tokens.lower[previous.trigger.last + 1 : candidate.trigger.first]
        )

    def _named_back(self, candidates: list[Candidate], n: int, tokens: Tokens) -> Candidate | None:
        """ "... held talks in Istanbul. Those negotiations have produced no result":
        an event noun after a determiner, with no date of its own, names back the
        latest dated event of its type between the same parties."""
        candidate = candidates[n]
        first = candidate.trigger.first
        if (
            candidate.trigger.trigger.pos == "verb"
            or first == 0
            or tokens.lower[first - 1] not in self._occasion_dets
        ):
            return None
        keys = _pairs_keys(candidate)
        planned = candidate.status == "planned"
        for earlier in reversed(candidates[:n]):
            # "The meeting will be chaired by ...": a mediation of the talks told
            chaired = (
                candidate.type == "mediation"
                and earlier.type in _MEDIATED
                and _keys([*earlier.source, *earlier.target]) == _keys(candidate.target)
            )
            if (
                (chaired or (earlier.type == candidate.type and _pairs_keys(earlier) == keys))
                and (earlier.status == "planned") == planned
                and (earlier.strength == _OWN or earlier.anchors)
            ):
                return earlier
        return None

    def _inherit_dates(
        self,
        candidates: list[Candidate],
        tokens: Tokens,
        spans: list[SentenceSpan],
        published: dt.date,
        statements: Mapping[int, tuple[frozenset[str], Timex]],
        by_sentence: _SentenceDates,
        counted: Mapping[int, Timex],
        news_day: Timex | None,
    ) -> None:
        """ "Sun met Pak last month ... Pak then also met Wang": the episode's date carries
        over to the next sentence."""
        continuation = self._continuation
        for n, candidate in enumerate(candidates):
            if (
                candidate.strength != _UNDATED
                or candidate.vague
                or candidate.perfect
                or candidate.status == "hypothetical"
            ):
                continue
            during = _occasion(candidates, n, tokens, self._relative)
            occasion = (
                during.timex
                if during is not None
                else self._named_occasion(
                    candidates, n, tokens, spans[candidate.sentence], statements
                )
            )
            if occasion is not None:
                candidate.inherit(occasion)
                candidate.anchors = True
                continue
            told = self._named_back(candidates, n, tokens)
            if told is not None and told.timex is not None:
                candidate.inherit(told.timex)
                continue
            before = (
                self._counted_back(candidates, n, tokens.lower, spans[candidate.sentence], counted)
                if counted
                else None
            )
            if before is not None:
                candidate.inherit(before)
                continue
            span = spans[candidate.sentence]
            lead = tokens.lower[span.first : candidate.trigger.first]
            cued = not continuation.isdisjoint(lead)
            # Walk back by index: a slice per candidate made this quadratic.
            # a statement may go on from its speaker's sentence two back
            reach = _SPEAKER_REACH if candidate.type in SPEECH_ACTS else 1
            for back in range(n - 1, -1, -1):
                earlier = candidates[back]
                if earlier.sentence < candidate.sentence - reach:
                    break
                if not (earlier.strength == _OWN or earlier.anchors) or earlier.timex is None:
                    continue
                if (earlier.status == "planned") != (candidate.status == "planned"):
                    continue
                if _trip_under_way(earlier):
                    continue
                if self._aside_before(tokens.lower, span, earlier, candidate):
                    continue
                # A named person carries the episode over; a continuation word
                # ("then", "also") lets a shared state do the same.
                shares_state = bool(_pairs_keys(earlier) & _pairs_keys(candidate))
                simultaneous = shares_state and self._simultaneous(tokens, earlier, candidate)
                # a statement goes on from the sentence before by the same speaker:
                # "Sikorski met Kuleba on Tuesday ... He called on the EU to ..."
                # ... of the news, not of background ("established relations in 1951")
                # ("The visit came days after Athens protested" is another time)
                same_speaker = (
                    candidate.type in SPEECH_ACTS
                    and bool(_keys(earlier.source) & _keys(candidate.source))
                    and _recent(earlier.timex, published)
                    and self._clause_prepositions.isdisjoint(lead)
                )
                if (
                    _shares_person(earlier, candidate)
                    or (cued and shares_state)
                    or simultaneous
                    or same_speaker
                    or self._convened_for(tokens.lower, earlier, candidate)
                ):
                    candidate.inherit(earlier.timex)
                    candidate.anchors = simultaneous
                    break
            if candidate.strength == _UNDATED:
                encounter = _participants_encounter(candidates, n, published)
                if encounter is not None:
                    candidate.inherit(encounter.timex)
            said = statements.get(candidate.sentence - 1)
            if (
                candidate.strength == _UNDATED
                and candidate.type in SPEECH_ACTS
                and candidate.status in {"occurred", "ongoing"}
                and said is not None
                and not said[0].isdisjoint(_keys(candidate.source))
                and _recent(said[1], published)
                and self._clause_prepositions.isdisjoint(lead)
            ):
                # "Kutesa said on Monday that ... He urged Rwanda to ...": the
                # speaker goes on with the statement the sentence before dated
                candidate.inherit(said[1])
            if (
                candidate.strength == _UNDATED
                and candidate.status == "occurred"
                and news_day is not None
                and all(
                    self._attributive_year(tokens.lower, t, rng)
                    for t, rng in by_sentence.get(candidate.sentence, [])
                )
            ):
                # "Baerbock called on Tehran to revoke the sentence", "the two sides
                # signed 20 agreements", in a sentence with no date at all (or only
                # a year naming a thing): what the news reports as done, it reports
                # of the news's own day
                candidate.inherit(news_day)
            if candidate.strength == _INHERITED and contains_phrase(
                self._eve_openers, tokens.lower, span.first, candidate.trigger.first
            ):
                candidate.timex = _day_before(candidate.timex)

    def _convened_for(self, lower: tuple[str, ...], earlier: Candidate, later: Candidate) -> bool:
        """ "brought the two sides together on Thursday for a trilateral meeting":
        the gathering a mediator brings the parties together for is held then."""
        if (
            earlier.type != "mediation"
            or later.type not in _MEDIATED
            or later.trigger.trigger.pos != "noun"
            or earlier.sentence != later.sentence
            or earlier.trigger.last >= later.trigger.first
        ):
            return False
        between = lower[earlier.trigger.last + 1 : later.trigger.first]
        if "for" not in between or not self._verb_group.isdisjoint(between):
            return False
        purpose = between[between.index("for") + 1 :]
        return len(purpose) <= _PURPOSE_REACH and self._prepositions.isdisjoint(purpose)

    def _attributive_year(self, lower: tuple[str, ...], timex: Timex, rng: tuple[int, int]) -> bool:
        """Whether a year modifies the noun after it ("the 1994 genocide", "its 2015
        nuclear deal"): a name for a thing, no time the sentence tells of."""
        first, last = rng
        return (
            len(timex.value) == 4
            and first == last
            and first > 0
            and (lower[first - 1] in self._determiners or lower[first - 1] in POSSESSIVE_MARKS)
            and last + 1 < len(lower)
            and lower[last + 1].isalpha()
        )

    def _in_relative_clause(self, lower: tuple[str, ...], span: SentenceSpan, k: int) -> bool:
        """Whether token k stands in a relative clause opened after a comma (",
        which Albanese is attending in the Tongan capital", ", who arrived ...")."""
        comma = next((j for j in range(k - 1, span.first - 1, -1) if lower[j] == ","), None)
        return comma is not None and lower[comma + 1] in self._relative

    def _aside_before(
        self, lower: tuple[str, ...], span: SentenceSpan, earlier: Candidate, later: Candidate
    ) -> bool:
        """Whether `earlier` stands in a relative clause between commas that closes
        before `later` in the same sentence: "Chung, who arrived in London on
        Monday, urged Tokyo ..." tells of the trip as background, not when he urged."""
        if earlier.sentence != later.sentence or earlier.trigger.first > later.trigger.first:
            return False
        return (
            self._in_relative_clause(lower, span, earlier.trigger.first)
            and "," in lower[earlier.trigger.last + 1 : later.trigger.first]
        )

    def _occasion_head(self, tokens: Tokens, span: SentenceSpan) -> int | None:
        """The head noun of the phrase a sentence opens with to name an earlier event
        as its occasion ("Following the meeting,", "During their talks,"), if any.
        The phrase ends at a comma, or without one at a name ("During the talks
        Zameer invited ..."); it may name a part of the event ("At the end of the
        talks,")."""
        lower = tokens.lower
        k = span.first
        if not (
            k + 2 <= span.last
            and lower[k] in self._occasion_preps
            and lower[k + 1] in self._occasion_dets
        ):
            return None
        if (
            lower[k + 2] in self._occasion_parts
            and k + 5 <= span.last
            and lower[k + 3] == "of"
            and lower[k + 4] in self._occasion_dets
        ):
            k += 3  # "At the end of the talks,": the talks are the occasion
        head = next(
            (j for j in range(k + 2, min(k + 5, span.last)) if lower[j] in self._occasion_heads),
            None,
        )
        if head is None:
            return None
        if "," in lower[head + 1 : min(head + 4, span.last + 1)]:
            return head
        name = head + 1
        return head if name < span.last and tokens.words[name][:1].isupper() else None

    def _named_occasion(
        self,
        candidates: list[Candidate],
        n: int,
        tokens: Tokens,
        span: SentenceSpan,
        statements: Mapping[int, tuple[frozenset[str], Timex]],
    ) -> Timex | None:
        """The date of the earlier event that candidates[n]'s sentence opens by
        naming as its occasion: "Following the meeting, the two ministers signed
        ...". A statement's occasion ("In the same speech, Erdogan called on ...")
        is the latest dated statement of the same speaker."""
        candidate = candidates[n]
        head = self._occasion_head(tokens, span)
        if head is None or head >= candidate.trigger.first:
            return None
        types = self._occasion_heads[tokens.lower[head]]
        planned = candidate.status == "planned"
        dated = [
            earlier
            for earlier in candidates[:n]
            if earlier.timex is not None
            and (earlier.strength == _OWN or earlier.anchors)
            and (earlier.status == "planned") == planned
        ]
        fits = [earlier for earlier in dated if earlier.type in types]
        # "During the talks in Bishkek,": the latest such event held there, or
        # else what was done there that day (a trip spans days: not its arrival)
        there = _held_at(fits, tokens, head) or _held_at(
            [e for e in dated if e.type != "visit" and e.strength == _OWN], tokens, head
        )
        if there is not None:
            return there.timex
        # the latest such event nearby, or the article's only one however far back
        # ("held talks on August 23 ... [eight paragraphs] ... After the talks, ...")
        if fits and (
            fits[-1].sentence >= candidate.sentence - _OCCASION_REACH
            or len({_date_value(e) for e in fits}) == 1
        ):
            return fits[-1].timex
        if _STATEMENT_OCCASION not in types or planned:
            return None
        speakers = _keys(candidate.source)
        for index in range(candidate.sentence - 1, candidate.sentence - _OCCASION_REACH - 1, -1):
            said = statements.get(index)
            if said is not None and (not speakers or not said[0].isdisjoint(speakers)):
                return said[1]
        return None

    def _simultaneous(self, tokens: Tokens, earlier: Candidate, later: Candidate) -> bool:
        """ "signed a memorandum on Tuesday, as Kuleba paid a visit": the later
        event's clause, in the same sentence, opens with ", as|while|when" or is a
        participle clause (", accusing ...", ", mediated by ...")."""
        if earlier.sentence != later.sentence:
            return False
        lower = tokens.lower
        first = later.trigger.first
        if _opens_participle_clause(lower, first):
            return True  # ", accusing him of ...": a participle clause of the same moment
        if _passive_participle_clause(lower, first):
            return True  # "a round of talks ..., mediated by Angola": it describes those talks
        doer = later.source[0] if later.source else None
        if (
            doer is not None
            and lower[first].endswith("ing")
            and doer.last + 1 == first
            and lower[doer.first - 2 : doer.first] == (",", "with")
        ):
            return True  # "..., with Albusaidi shuttling between them": the same moment
        between = range(earlier.trigger.last + 1, first - 1)
        return any(
            (lower[k] == "," and lower[k + 1] in self._simultaneity) or lower[k] == "when"
            for k in between
        )

    # -- output ------------------------------------------------------------

    def _event(
        self, article: Article, tokens: Tokens, span: SentenceSpan, c: Candidate
    ) -> DiplomaticEvent:
        # The record is validated in one model_validate call over plain dicts:
        # building each nested model first validated it separately, at about
        # twice the cost, for the same checks and the same record.
        info = self._res.event_types[c.type]
        date = _event_date(c)
        sentence_start, sentence_end = tokens.starts[span.first], tokens.ends[span.last]
        sources = _actors(c.source)
        targets = _actors(c.target)
        digest = hashlib.sha256(
            "|".join(
                [
                    article.id,
                    c.type,
                    ",".join(sorted(_keys(c.source))),
                    ",".join(sorted(_keys(c.target))),
                    date["value"] or "",
                    str(sentence_start),
                ]
            ).encode()
        ).hexdigest()[:24]
        confidence = 0.5 + (0.2 if c.strength == _OWN else 0.1 if c.strength else 0.0)
        confidence += 0.1 if c.trigger.trigger.pos != "noun" else 0.0
        confidence += 0.1 if c.people else 0.0
        location = None
        if c.location is not None:
            location = {
                "name": tokens.span_text(c.location.first, c.location.last),
                "country": c.location.code,
            }
        return DiplomaticEvent.model_validate(
            {
                "event_id": digest,
                "article_id": article.id,
                "published_at": article.published_at,
                "type": c.type,  # validated against the type table at load
                "cameo": info.cameo,
                "plover": info.plover,
                "status": c.status,
                "source": sources,
                "target": targets,
                "location": location,
                "date": date,
                "evidence": {
                    "sentence": tokens.text[sentence_start:sentence_end],
                    "start": sentence_start,
                    "end": sentence_end,
                    "trigger": tokens.span_text(c.trigger.first, c.trigger.last),
                },
                "confidence": round(min(confidence, 0.95), 2),
                "extractor": self.version,
            }
        )


# "brokered a memorandum of understanding between": what a mediator brokers that
# the parties themselves conclude
_DEAL_WORDS = frozenset({"deal", "agreement", "accord", "memorandum", "ceasefire", "truce", "pact"})
_BROKERED_REACH = 3
_TALK_WORDS = {
    "talks": "meeting",
    "meeting": "meeting",
    "summit": "meeting",
    "negotiations": "negotiation",
}


def _derived(c: Candidate, **changes: Any) -> Candidate:
    """Another event the words of `c` state, with its own sets of people and
    ranks: merging grows them."""
    return replace(
        c,
        people={key: set(names) for key, names in c.people.items()},
        ranks={key: set(ranks) for key, ranks in c.ranks.items()},
        **changes,
    )


def _each_with_the_rest(c: Candidate) -> list[Candidate]:
    """The pairs a list of four or more parties holds beyond the first party's:
    [B] x [C, D] and [C] x [D] after [A] x [B, C, D], each pair once."""
    if c.everyone is None:
        return []
    return [
        _derived(c, source=[party], target=c.everyone[n + 1 :], everyone=None)
        for n, party in enumerate(c.everyone[1:-1], 1)
    ]


def _theirs(lower: tuple[str, ...], match: TriggerMatch, clause_first: int) -> bool:
    """Whether "their" owns the noun trigger, past a modifier or two ("recalled
    their first meeting")."""
    for k in range(match.first - 1, max(clause_first, match.first - _THEIR_REACH) - 1, -1):
        if lower[k] == "their":
            return True
        if not (lower[k].isalpha() and lower[k].islower()):
            return False
    return False


def _mediated_talks(c: Candidate, tokens: Tokens) -> list[Candidate]:
    """ "Iraq hosted talks between Saudi Arabia and Iran": the mediated parties also
    met; "Qatar brokered a deal between Rwanda and Congo": they also agreed."""
    if c.type != "mediation" or len(_keys(c.target)) < 2:
        return []
    lower = tokens.lower
    words = lower[c.trigger.first : c.trigger.last + 1]
    kind = next((_TALK_WORDS[w] for w in words if w in _TALK_WORDS), None)
    # "a round of talks", "a third round of Turkish-mediated talks", "mediated the
    # second round"
    lead = lower[max(0, c.trigger.first - _ROUND_REACH) : c.trigger.first]
    if not _ROUNDS.isdisjoint((*lead, *words)):
        kind = "negotiation"
    if kind is None and c.status == "occurred":
        # what was brokered, up to its "between": a deal the parties struck
        for w in lower[c.trigger.last + 1 : c.trigger.last + 1 + _BROKERED_REACH]:
            if w in _DEAL_WORDS:
                kind = "agreement"
            if w in {"between", "with"} or w in _DEAL_WORDS:
                break
    if kind is None:
        return []
    parties = list(c.target)
    source, target = (parties[:2], parties[1:]) if len(parties) == 3 else (parties[:1], parties[1:])
    talks = _derived(c, type=kind, source=source, target=target)
    return [talks]


# Guests of this many states hosted at once make a gathering: two may be a pair
# of separate visits ("hosted Kurti and Vucic" is a mediation).
_GATHERED_GUESTS = 3


def _untold_gatherings(hosted: list[list[Candidate]], told: list[Candidate]) -> list[Candidate]:
    """The hosted gatherings but those undated in their sentence whose pairs the
    meetings of the same status hold already ("The leaders of the four met in
    Tokyo ... Kishida hosted them for the summit": the meeting told)."""
    if not hosted:
        return []  # the common article: no tally of its meetings' pairs
    met: dict[str, set[object]] = {}  # status -> the pairs of meetings told so
    for c in told:
        if c.type == "meeting":
            met.setdefault(c.status, set()).update(_pairs(c, True))
    kept: list[Candidate] = []
    for group in hosted:
        pairs = frozenset().union(*(_pairs(c, True) for c in group))
        if group[0].strength != _UNDATED or not pairs <= met.get(group[0].status, set()):
            kept.extend(group)
    return kept


def _shuttle_visits(c: Candidate, tokens: Tokens) -> list[Candidate]:
    """ "shuttled between Tehran and Manama last month": the mediator went to each
    capital in turn; shuttling between delegations at one venue is no journey."""
    if (
        c.type != "mediation"
        or not tokens.lower[c.trigger.first].startswith("shuttl")
        or len(c.target) < 2
        or any(m.kind != "capital" for m in c.target)
    ):
        return []
    return [_derived(c, type="visit", source=list(c.source), target=[m]) for m in c.target]


_INTERVAL = re.compile(r"P(\d{1,3})([DWMY])")
# The word after a duration that places its event from the last day named:
# "two days later" after it, "a day after Trump signed" the signing before it.
_DURATION_SIGNS = {"later": 1, "earlier": -1, "after": -1, "before": 1}


@dataclass(frozen=True, slots=True)
class _SpanWords:
    """The words of spans that place a clause ("two days after"; cues.toml)."""

    counts: frozenset[str]
    approximate: frozenset[str]
    units: frozenset[str]


def _days_from(
    duration: Timex, day: dt.date, lower: tuple[str, ...], after: int, words: _SpanWords
) -> Timex | None:
    """ "two days later", "a week earlier", "a day after Trump signed", "two months
    after the rivals restored": the date that far from `day`, to the duration's
    precision (days and weeks give a day, months a month, years a year)."""
    interval = _INTERVAL.fullmatch(duration.value)
    if interval is None or after >= len(lower) or lower[after] not in _DURATION_SIGNS:
        return None
    if duration.text.split(maxsplit=1)[0].lower() in words.approximate:
        return None  # "less than two weeks after": no day to count to
    count, unit = int(interval[1]) * _DURATION_SIGNS[lower[after]], interval[2]
    try:
        if unit in {"D", "W"}:
            value = (day + dt.timedelta(days=count * (7 if unit == "W" else 1))).isoformat()
        elif unit == "M":
            months = day.year * 12 + day.month - 1 + count
            value = f"{dt.date(months // 12, months % 12 + 1, 1):%Y-%m}"
        else:
            value = f"{dt.date(day.year + count, 1, 1):%Y}"
    except (OverflowError, ValueError):
        return None
    return Timex(duration.start, duration.end, duration.text, "DATE", value, None, True, False)


def _invited_to(lower: tuple[str, ...], match: TriggerMatch, rng: tuple[int, int]) -> bool:
    """Whether a date follows the "to" of what an invitation invites to."""
    return rng[0] > match.last and "to" in lower[match.last + 1 : rng[0]]


def _first_since(lower: tuple[str, ...], match: TriggerMatch, clause: Clause) -> int | None:
    """Where the "since" of "the first meeting since ..." ("his second trip to
    Türkiye since ...") stands: what follows it is the point the count starts
    from, not the event's date. None when the trigger is not counted so."""
    since = next((k for k in range(match.last + 1, clause.last + 1) if lower[k] == "since"), None)
    if since is None:
        return None
    # "first" may stand inside the trigger ("making his first official trip to")
    # or in an apposition after it ("was in Yerevan on a trip, his first to the
    # region since taking office last month")
    counted_up_to = since if since - match.last <= _APPOSED_FIRST_REACH else match.last + 1
    if _COUNTING_ORDINALS.isdisjoint(
        lower[max(clause.first, match.first - _FIRST_REACH) : counted_up_to]
    ):
        return None
    return since


def _span_opener(lower: tuple[str, ...], first: int, anchor: int) -> int | None:
    """Where "after" or "before" opens the clause of the trigger at `anchor`, if one
    does within reach."""
    for k in range(anchor - 1, max(first, anchor - _SPAN_CLAUSE_REACH), -1):
        if lower[k] in {",", "and"}:  # "days before the invasion and signed": the main clause's
            return None
        if lower[k] in {"after", "before"}:
            return k
    return None


def _uncounted_span_before(
    lower: tuple[str, ...], first: int, anchor: int, words: _SpanWords
) -> int | None:
    """Where "after" or "before" opens the clause of the trigger at `anchor` past
    an uncounted span ("months after Spain became ...", "weeks before the two
    met"): the span tells only that some time lay between, so the dates before
    it are not the event's. None when there is none."""
    k = _span_opener(lower, first, anchor)
    if k is None:
        return None
    unit, count = lower[k - 1], lower[k - 2] if k - 2 >= first else ""
    uncounted = (
        unit.endswith("s")
        and unit in words.units
        and count not in words.counts
        and not count.isdigit()
    )
    return k if uncounted else None


def _names_the_call(candidate: Candidate, previous: Candidate) -> bool:
    """Whether a call noun names the medium of the call told just before it in
    its sentence ("hosted the leaders on a video call")."""
    return (
        previous.type == candidate.type == "phone_call"
        and previous.sentence == candidate.sentence
        and candidate.trigger.trigger.pos == "noun"
    )


def _home_mention(home: tuple[str, str], at: int, sentence: int) -> Mention:
    """The dateline's state and place (`_Told.home`) as a mention at token `at`."""
    code, place = home
    return Mention(at, at, sentence, "capital", code, None, place)


def _lasting(lower: tuple[str, ...], rng: tuple[int, int]) -> bool:
    """Whether a span tells how long, after "for" ("hold off for 30 days after
    the calls"), not how far apart."""
    return rng[0] > 0 and lower[rng[0] - 1] == "for"


def _placing_span(lower: tuple[str, ...], rng: tuple[int, int], words: _SpanWords) -> bool:
    """Whether the expression is a span before "after" or "before" ("a day after",
    "two months before"; not "last year after", nor "for 30 days after"), which
    dates the clause it opens (_days_from)."""
    return (
        not _lasting(lower, rng)
        and (lower[rng[0]] in words.counts or lower[rng[0]].isdigit())
        and lower[rng[1]] in words.units
        and rng[1] + 1 < len(lower)
        and lower[rng[1] + 1] in {"after", "before"}
    )


def _lede_day(
    by_sentence: _SentenceDates, lede: int | None, published: dt.date
) -> tuple[int, Timex] | None:
    """The sentence `lede` and the one recent calendar day it names, if it names
    exactly one."""
    if lede is None:
        return None
    days = [
        timex
        for timex, _ in by_sentence.get(lede, [])
        if _calendar_day(timex.value) is not None and _recent(timex, published)
    ]
    return (lede, days[0]) if len(days) == 1 else None


def _news_day(
    candidates: list[Candidate], published: dt.date, lede: tuple[int, Timex] | None
) -> Timex | None:
    """The day of the article's news: that of its first event dated by its own
    expression to one recent calendar day, or the latest such day of that
    event's sentence ("the minister, who arrived on Sunday, met Hussein on
    Monday": the news is Monday's). A `lede` before it, a sentence whose
    trigger gave no event of coded parties, names the day first."""
    days = [
        (day, c)
        for c in candidates
        if c.strength == _OWN
        and c.timex is not None
        and c.status in {"occurred", "ongoing"}
        and (day := _calendar_day(c.timex.value)) is not None
        and _recent(c.timex, published)
    ]
    if lede is not None and (not days or lede[0] < days[0][1].sentence):
        return lede[1]
    if not days:
        return None
    first = days[0][1].sentence
    return max((d for d in days if d[1].sentence == first), key=lambda d: d[0])[1].timex


def _recent(timex: Timex, published: dt.date) -> bool:
    """Whether a date lies within the news of the article: the last weeks before
    publication, or after it."""
    span = extent(timex.value)
    return span is not None and published - span.end <= _NEWS_SPAN


def _sequel_gerund(lower: tuple[str, ...], first: int, words: _SpanWords) -> bool:
    """ "will fly to Brasilia, before travelling on to Buenos Aires": a gerund after
    "before" or "after" has the tense of the clause it hangs on."""
    return (
        first > 0
        and lower[first - 1] in {"before", "after"}
        and lower[first].endswith("ing")
        # "said on Thursday, a day after sitting down with": the span dates it apart
        and not (first > 1 and lower[first - 2] in words.units)
    )


def _inviter(roles: RoleFinder, match: TriggerMatch, last: int) -> list[Mention]:
    """Who "at the invitation of" names, right after its "of" (up to token
    `last`): one mention, or none."""
    return [
        m
        for m in roles.within(match.last + 1, last)
        if m.first <= match.last + 2 and m.prep == "of" and m.key
    ][:1]


def _held_at(events: list[Candidate], tokens: Tokens, head: int) -> Candidate | None:
    """The latest of `events` held in the place named right after the occasion's
    head noun ("the talks in Bishkek"), if the head names one."""
    if head + 2 >= len(tokens.lower) or tokens.lower[head + 1] != "in":
        return None
    place = tokens.words[head + 2]
    if not place[:1].isupper():
        return None
    return next(
        (
            e
            for e in reversed(events)
            if e.location is not None and plain(e.location.name).split()[0] == place
        ),
        None,
    )


def _during(tokens: Tokens, match: TriggerMatch) -> bool:
    """Whether the noun or verb trigger names the occasion of what its sentence
    told before it: "during a phone call", "during Marcos Jr.'s visit" (past
    its owner's name), "at their meeting" (the parties' own), "in a phone call"
    (a call is had, not taken part in)."""
    lower, words, first = tokens.lower, tokens.words, match.first
    if "during" in lower[max(0, first - _DURING_REACH) : first]:
        return True
    if first >= 2 and lower[first - 1] == "their" and lower[first - 2] in _OCCASION_PREPOSITIONS:
        return True
    if first >= 2 and words[first - 1] in POSSESSIVE_MARKS:
        k = first - 2
        while k > max(0, first - _OWNER_REACH) and (words[k][:1].isupper() or words[k] == "."):
            k -= 1
        return lower[k] == "during"
    return match.trigger.type == "phone_call" and "in" in lower[max(0, first - 2) : first]


def _when_clause(
    lower: tuple[str, ...], candidate: Candidate, later: Candidate, relatives: frozenset[str]
) -> bool:
    """Whether `later` opens a "when" clause right after `candidate`'s ("invited Xi
    when the two leaders met in June"), not one inside a relative clause between
    them ("restore relations, which soured in February when Nairobi recalled ...")."""
    first = later.trigger.first
    between = lower[candidate.trigger.last + 1 : first]
    return (
        "when" in lower[max(0, first - _WHEN_REACH) : first]
        and "," not in between
        and relatives.isdisjoint(between)
    )


def _day_before(timex: Timex | None) -> Timex | None:
    """ "On the eve of the summit, King Salman spoke with Erdogan": the day before
    the day the episode took, when it took a day."""
    found = extent(timex.value) if timex is not None else None
    if timex is None or found is None or found.granularity != "day":
        return timex
    eve = (found.start - dt.timedelta(days=1)).isoformat()
    return replace(timex, value=eve, end_value=None)


def _trip_under_way(c: Candidate) -> bool:
    """Whether an event is a visit under way ("is on a three-day visit that began
    on Wednesday"): dated by its first day, it dates none of the deeds of the trip."""
    return c.type == "visit" and c.status == "ongoing"


def _participants_encounter(
    candidates: list[Candidate], n: int, published: dt.date
) -> Candidate | None:
    """The dated meeting, call or visit of a named person that candidates[n], an
    undated statement, invitation or signing by the same person, belongs to:
    "Fidan met Hussein on Monday ... Hussein, for his part, criticized ...".
    Readouts tell what was said at an encounter paragraphs after its date; an
    encounter long before publication is background, not the occasion."""
    candidate = candidates[n]
    if candidate.type not in _ENCOUNTER_ACTS or not any(candidate.people.values()):
        return None
    planned = candidate.status == "planned"
    for earlier in reversed(candidates[max(0, n - _ENCOUNTER_LOOKBACK) : n]):
        if earlier.sentence < candidate.sentence - _ENCOUNTER_REACH:
            return None
        if (
            earlier.type not in _ENCOUNTERS
            or _trip_under_way(earlier)
            or not _shares_person(earlier, candidate)
        ):
            continue
        if (
            earlier.timex is None
            or not (earlier.strength == _OWN or earlier.anchors)
            or not _recent(earlier.timex, published)
            or (earlier.status == "planned") != planned
        ):
            return None
        return earlier
    return None


def _occasion(
    candidates: list[Candidate], n: int, tokens: Tokens, relatives: frozenset[str]
) -> Candidate | None:
    """The dated event during which candidates[n] took place, named after it in the
    same sentence: "invited Jaishankar to Vienna during a phone call in October"."""
    candidate = candidates[n]
    for later in candidates[n + 1 :]:
        if later.sentence != candidate.sentence:
            return None
        if (
            _during(tokens, later.trigger)
            or _when_clause(tokens.lower, candidate, later, relatives)
            or _done_there(tokens.lower, candidate, later)
        ):
            return later if later.strength == _OWN and later.timex is not None else None
    return None


def _is_day(timex: Timex) -> bool:
    """Whether a date names one day."""
    found = extent(timex.value)
    return found is not None and found.granularity == "day"


def _done_there(lower: tuple[str, ...], visit: Candidate, later: Candidate) -> bool:
    """ "flew on to Moscow, where he held talks with Putin on Tuesday": what the
    visitor did at the destination dates a visit told with no date of its own."""
    if visit.type != "visit" or not _keys(visit.source) & _keys(later.source):
        return False
    between = lower[visit.trigger.last + 1 : later.trigger.first]
    return any(between[k] == "," and between[k + 1] == "where" for k in range(len(between) - 1))


def _dateline_place(dateline: Dateline | None) -> str | None:
    """The dateline's place as the text spells it ("Fairbanks" of "FAIRBANKS, Alaska")."""
    if dateline is None or dateline.place is None:
        return None
    return dateline.place.split(",")[0].strip().title()


def _from_token(span: SentenceSpan, first: int) -> SentenceSpan:
    """The part of a sentence from token `first` on (empty when it ends before)."""
    return span if span.first >= first else SentenceSpan(first, span.last)


def _passive_participle_clause(lower: tuple[str, ...], first: int) -> bool:
    """Whether the word at `first` opens ", <participle> by" (", mediated by")."""
    return 0 < first < len(lower) - 1 and lower[first - 1] == "," and lower[first + 1] == "by"


def _opens_participle_clause(lower: tuple[str, ...], first: int) -> bool:
    """Whether the word at `first` is a participle right after a comma (", accusing")."""
    return first > 0 and lower[first - 1] == "," and lower[first].endswith("ing")


class _PairTally:
    """How often each pair of states faced each other in the events so far.

    "The US urged both governments to respect it", after an agreement between
    Congo and Rwanda and a call between Angola and Rwanda: in an appeal or a
    condemnation, "both sides" means the pair the article is about, not the
    last one named."""

    def __init__(self) -> None:
        self._counts: dict[frozenset[str], int] = {}
        self._parties: dict[frozenset[str], list[Mention]] = {}
        self._best: frozenset[str] | None = None

    def add(self, c: Candidate) -> None:
        keys = _pairs_keys(c)
        if len(keys) != 2 or len(_keys(c.source)) != 1:
            return
        count = self._counts[keys] = self._counts.get(keys, 0) + 1
        self._parties[keys] = [*c.source, *c.target]
        if self._best is None or count >= self._counts[self._best]:
            self._best = keys  # ties go to the latest

    def main(self) -> list[Mention]:
        return self._parties[self._best] if self._best is not None else []


class _Told:
    """What the article has told so far, for the sentences that refer back to it."""

    def __init__(self) -> None:
        self.parties: list[Mention] = []  # of the last event: "the two leaders"
        self.pairs = _PairTally()  # for a third party's "both sides"
        # who did the last event of each type ("" for any), for "the expulsion",
        # and the last deed each deed noun names ("the raid")
        self.deeds: dict[str, tuple[int, list[Mention]]] = {}
        self.home: tuple[str, str] | None = None  # the dateline's state and place, for "arrived"
        # host and guests of the last invitation told, for "accepted the invitation"
        self.invitation: tuple[list[Mention], list[Mention]] | None = None
        # sentence, visitors and hosts of the last visit told, for "at the invitation of"
        self.visit: tuple[int, list[Mention], list[Mention]] | None = None
        self.talks: list[Mention] = []  # of the last talks: "the third round"
        self.talks_sentence = -1
        self.negotiating = False  # whether the last talks told were negotiations
        # the parties of the last event of each type, in telling order: "After
        # the talks, the two ministers signed ..." means the talks' two ministers
        self.by_type: dict[str, tuple[int, list[Mention]]] = {}
        # the parties of the last event with each number of states, for "the
        # three governments" told after an event of two
        self.counted: dict[int, list[Mention]] = {}
        self.count = 0
        self.targets: dict[str, list[Mention]] = {}  # of the last event of each type
        # the sentence and type of the last deed one can follow suit in: the
        # first told in its sentence, the main one ("cut ties ... and gave its
        # diplomats 48 hours to leave")
        self.echoable: tuple[int, str] | None = None

    def same_target(self, kind: str, source: list[Mention]) -> list[Mention]:
        """ "Denmark and Sweden followed, expelling 15 and three": the target of
        the last event of the kind, done by others."""
        target = self.targets.get(kind, [])
        return target if _keys(target).isdisjoint(_keys(source)) else []

    def add(
        self, c: Candidate, res: Resources, background: bool = False, further: bool = False
    ) -> None:
        """Tell `c`; an event `background` to the one before it (in a relative
        clause after it) leaves "the two leaders" to that one's parties, and a
        `further` measure ("also banned imports") leaves following suit to the
        main one."""
        parties = _parties(c, res)
        if not background:
            self.parties = parties or self.parties
        self.count += 1
        if parties:
            self.by_type[c.type] = (self.count, parties)
        # "Britain, France and Germany urged Iran ... the three countries": a
        # directed event's several doers count too; so do an inviter and its
        # guests ("invited Aguero and Moncada to meet ... the three ministers"),
        # and a tour's hosts, not its visitor with them
        invited = [*c.source, *c.target] if c.type == "invitation" else []
        together = c.target if c.type == "visit" else parties
        # and so does a large side facing one party ("Iran and the six powers")
        wide = c.target if len(_keys(c.target)) >= WIDE_SIDE else []
        for side in (together, c.source, invited, wide):
            if len(_keys(side)) >= 2:
                self.counted[len(_keys(side))] = side
        self.pairs.add(c)
        if c.target:
            self.targets[c.type] = c.target
        if c.type == "invitation" and c.status == "occurred":
            self.invitation = (c.source, c.target)
        if c.type == "visit":
            self.visit = (c.sentence, c.source, c.target)
        if parties and (c.type in _TALKS_TOLD or (c.type in _TALKS_OUTCOMES and not self.talks)):
            self.talks, self.talks_sentence = parties, c.sentence
            self.negotiating = c.type in _TALKS_TOLD
        if (
            res.event_types[c.type].followed
            and c.status == "occurred"
            and not background
            and not (further and self.echoable is not None)
            and (self.echoable is None or self.echoable[0] < c.sentence)
        ):
            self.echoable = (c.sentence, c.type)
        if c.status in {"occurred", "ongoing"} and not (background and c.type in self.deeds):
            # one can condemn only a deed; a like deed told in a relative clause
            # ("whose government expelled a Russian diplomat in March") leaves
            # "the expulsions" to the news
            self.deeds[c.type] = self.deeds[""] = (c.sentence, c.source)
            if c.sentence == 0 and c.type not in SPEECH_ACTS and NEWS_DEED not in self.deeds:
                self.deeds[NEWS_DEED] = self.deeds[""]

    def seat_visit_sides(self, mentions: list[Mention]) -> None:
        """ "held talks with his guest": a visit side stands for that side of the
        last visit told, or for no one before any."""
        for m in mentions:
            if m.kind == "group" and m.refers in {VISITORS, HOSTS}:
                visit = self.visit
                side = [] if visit is None else visit[1] if m.refers == VISITORS else visit[2]
                m.members = [stand_in(member, m) for member in side]

    def visiting_elsewhere(self, visitors: frozenset[str]) -> bool:
        """Whether the last visit told was of these visitors to another place
        than the dateline's."""
        last = self.by_type.get("visit")
        if last is None or self.home is None:
            return False
        keys = _keys(last[1])
        return bool(keys & visitors) and not keys - visitors <= {self.home[0]}

    def one_sided(self, kind: str, sentence: int, doers: list[Mention]) -> None:
        """Tell a deed of an event type done to no state or organization,
        unless its sentence told one of two parties ("added four Burundian
        officials to its sanctions list, ... banning them from travelling")."""
        told = self.deeds.get(kind)
        if told is None or told[0] != sentence:
            self.deeds[kind] = (sentence, doers)

    def deed(self, done: DeedDone) -> None:
        """Tell a deed that is no diplomatic event, for "condemned the raid"."""
        for noun in done.nouns:
            self.deeds[noun] = (done.sentence, done.doers)

    def latest_parties(self, types: frozenset[str]) -> list[Mention]:
        """The parties of the latest event of one of these types, if any."""
        told = [self.by_type[t] for t in types if t in self.by_type]
        return max(told, key=lambda entry: entry[0])[1] if told else []


def _named_right_after(
    lower: tuple[str, ...], match: TriggerMatch, mention: Mention, openers: frozenset[str]
) -> bool:
    """Whether the mention starts right after the trigger, past one of `openers`
    at most ("suspended Burkina Faso", "called his Saudi counterpart")."""
    gap = mention.first - match.last
    return 0 < gap <= 1 + (lower[match.last + 1] in openers)


def _object_then(lower: tuple[str, ...], match: TriggerMatch, target: list[Mention]) -> bool:
    """Whether the target is named right after the trigger, past a possessive
    pronoun at most, as no possessor, with one of the trigger's `object_then`
    words after it ("called Faisal on Sunday", "called his Saudi counterpart
    to discuss")."""
    if not target:
        return False
    last = target[-1]
    return (
        _named_right_after(lower, match, target[0], _OBJECT_OPENERS)
        and not any(m.possessive for m in target)
        and last.last + 1 < len(lower)
        and lower[last.last + 1] in match.trigger.object_then
    )


def _echoed(lower: tuple[str, ...], site: _Site, echoable: tuple[int, str] | None) -> _Site | None:
    """An echo trigger's site ("Bahrain followed suit") as one of the deed it
    repeats; None if there is none, or if a participle after it tells the deed
    itself ("followed suit, asking the ambassador to leave")."""
    if echoable is None:
        return None
    t, match = site.match.trigger, site.match
    told = site.next_trigger
    if told is not None and any(
        lower[k] == "," and lower[k + 1].endswith("ing") for k in range(match.last + 1, told)
    ):
        return None
    kind = echoable[1]
    trigger = replace(t, type=kind, echoes=True)
    return _Site(
        sentence=site.sentence,
        span=site.span,
        clause=site.clause,
        match=TriggerMatch(trigger, match.first, match.last),
        next_trigger=site.next_trigger,
        earlier=site.earlier,
        rivals=site.rivals,
        gathering=site.gathering,
        timexes=site.timexes,
    )


def _parties(c: Candidate, res: Resources) -> list[Mention]:
    """Who "the two sides" can refer to after this event: a symmetric event's
    participants, or a directed event's several targets ("mediated between X and Y")."""
    if res.event_types[c.type].symmetric or c.type == "visit":
        # a visit is between its visitor and host: "an Iranian delegation arrived
        # in Riyadh ... after the rivals restored relations"
        return [*c.source, *c.target]
    return list(c.target) if len(_keys(c.target)) >= 2 else []


def _pairs(c: Candidate, symmetric: bool) -> frozenset[object]:
    pairs: set[object] = set()
    for s in _keys(c.source):
        for t in _keys(c.target):
            if s != t:
                pairs.add(frozenset((s, t)) if symmetric else (s, t))
    return frozenset(pairs)


def _pairs_keys(c: Candidate) -> frozenset[str]:
    return _keys(c.source) | _keys(c.target)


def _shares_person(a: Candidate, b: Candidate) -> bool:
    return any(names & b.people.get(key, set()) for key, names in a.people.items())


def _same_people(a: Candidate, b: Candidate) -> bool:
    """No state is represented by different named persons in the two mentions,
    nor, where no name is shared, by offices of different ranks ("talks with his
    Polish counterpart" and "also met President Duda")."""
    for key, names in a.people.items():
        theirs = b.people.get(key)
        if names and theirs and not names & theirs:
            return False
    for key, ranks in a.ranks.items():
        theirs_ranks = b.ranks.get(key)
        if theirs_ranks and not ranks & theirs_ranks and not _shares_name(a, b, key):
            return False
    return True


def _shares_name(a: Candidate, b: Candidate, key: str) -> bool:
    return bool(a.people.get(key, set()) & b.people.get(key, set()))


def _event_date(c: Candidate) -> dict[str, Any]:
    """The fields of the event's EventDate (only `value` when undated)."""
    if c.timex is None:
        return {"value": None}
    span = extent(c.timex.value)
    if span is None:
        return {"value": None}
    end = span.end
    if c.timex.end_value is not None:
        last = extent(c.timex.end_value)
        end = last.end if last is not None else end
    return {
        "value": span.value,
        "granularity": span.granularity,
        "start": span.start,
        "end": end,
        "basis": c.basis,
        "text": c.timex.text,
    }


def _actors(mentions: list[Mention]) -> list[dict[str, Any]]:
    """The fields of each state's or organization's Actor: its first mention, or
    the first with a title."""
    seen: dict[str, dict[str, Any]] = {}
    for m in mentions:
        key = m.key
        if key is None:
            continue
        known = seen.get(key)
        if known is None or (known["title"] is None and m.title is not None):
            seen[key] = {
                "name": m.name,
                "title": m.title,
                "country": m.code,
                "organization": m.organization,
            }
    return list(seen.values())


def _clause_of(clauses: list[Clause], match: TriggerMatch) -> Clause:
    """The clause a trigger stands in. A noun's passive that crosses an aside
    ("sanctions on Zimbabwe, which date from the Mugabe era, were extended by
    ...") stands in the clause it opens in up to the end of the one it closes
    in; a verb's clause is its own ("is sending his adviser, who will travel to")."""
    opening = next(c for c in clauses if c.first <= match.first <= c.last)
    if match.last <= opening.last or match.trigger.pos == "verb":
        return opening
    closing = next(c for c in clauses if c.first <= match.last <= c.last)
    return Clause(opening.first, closing.last, opening.sentence_first, opening.sentence_last)


def _merge(candidates: list[Candidate], res: Resources, news_from: dt.date) -> list[Candidate]:
    """One event per real-world event: repeated mentions fold into the best-dated one.

    Events dated wholly before `news_from` are background to the article's news."""
    order = sorted(range(len(candidates)), key=lambda n: (-candidates[n].strength, n))
    index = _EventIndex(news_from)
    for n in order:
        c = candidates[n]
        mine = _pairs(c, res.event_types[c.type].symmetric)
        home = index.home(c, mine)
        if home is None:
            index.add(c, mine)
            continue
        index.add_people(home, c.people)
        if _finer_inside(c, home) is c:
            home.timex, home.basis = c.timex, c.basis  # the day, not its week
        for key, ranks in c.ranks.items():
            home.ranks.setdefault(key, set()).update(ranks)
        if home.location is None:
            home.location = c.location
    events = index.events
    events.sort(key=lambda e: (e.sentence, e.trigger.first))
    return events


# A trip spans days: "arrived in Riyadh on Thursday" and "on his first visit to
# the kingdom" dated Friday are one visit, dated by its first day.
_TRIP_DAYS = 3


def _fold_trip_days(events: list[Candidate]) -> list[Candidate]:
    """Visits of the same pairs and status, a few days apart and by the same
    people, fold into the earliest; `events` and the result are in text order."""
    kept: list[Candidate] = []
    at: dict[int, int] = {}  # id() of a kept visit -> its place in `kept`
    # (status, pairs, day) -> the visit kept for that day: a lookup per nearby day
    # keeps an article of thousands of visits linear
    by_day: dict[tuple[str, frozenset[object], dt.date], Candidate] = {}
    for e in events:
        day = _day(e) if e.type == "visit" else None
        if day is None:
            kept.append(e)
            continue
        pairs = _pairs(e, False)
        home = next(
            (
                k
                for k in (by_day.get((e.status, pairs, d)) for d in _days_around(day, _TRIP_DAYS))
                if k is not None and _same_people(k, e)
            ),
            None,
        )
        if home is None:
            at[id(e)] = len(kept)
            kept.append(e)
            by_day[(e.status, pairs, day)] = e
            continue
        home_day = _day(home)
        first, other = (e, home) if home_day is not None and day < home_day else (home, e)
        for key, names in other.people.items():
            first.people.setdefault(key, set()).update(names)
        first.location = first.location or other.location
        if first is e and home_day is not None:
            at[id(e)] = at.pop(id(home))
            kept[at[id(e)]] = e
            by_day[(e.status, pairs, home_day)] = by_day[(e.status, pairs, day)] = e
    kept.sort(key=lambda c: (c.sentence, c.trigger.first))
    return kept


def _days_around(day: dt.date, reach: int) -> Iterator[dt.date]:
    """The days from `reach` before `day` to `reach` after, within the calendar."""
    for offset in range(-reach, reach + 1):
        try:
            yield day + dt.timedelta(days=offset)
        except OverflowError:  # past year 1 or 9999
            continue


def _calendar_day(value: str) -> dt.date | None:
    """The date a value names when it is exactly one calendar day ("2021-08-24",
    not "2021-08-24TEV" or "2021-W33")."""
    span = extent(value)
    return (
        span.start
        if span is not None and span.value == value and span.granularity == "day"
        else None
    )


def _day(c: Candidate) -> dt.date | None:
    """The event's date when it is a single day."""
    span = extent(c.timex.value) if c.timex else None
    return span.start if span is not None and span.start == span.end else None


@dataclass(slots=True)
class _Entry:
    event: Candidate
    pairs: frozenset[object]
    order: int  # when it was added: of equally ranked homes the earliest wins


class _Bucket:
    """Events in sentence order, searched outward from a mention's sentence."""

    __slots__ = ("_entries", "_keys")

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []
        self._entries: list[_Entry] = []

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, entry: _Entry) -> None:
        at = bisect_right(self._keys, (entry.event.sentence, entry.order))
        self._keys.insert(at, (entry.event.sentence, entry.order))
        self._entries.insert(at, entry)

    def nearest(
        self, sentence: int, accept: Callable[[_Entry], bool]
    ) -> tuple[int, int, _Entry] | None:
        """(distance, order, entry) of the accepted entry nearest to `sentence`."""
        keys, entries = self._keys, self._entries
        right = bisect_left(keys, (sentence, -1))
        left = right - 1
        found: tuple[int, int, _Entry] | None = None
        while left >= 0 or right < len(keys):
            if right >= len(keys) or (
                left >= 0 and sentence - keys[left][0] <= keys[right][0] - sentence
            ):
                at, left = left, left - 1
            else:
                at, right = right, right + 1
            distance = abs(keys[at][0] - sentence)
            if found is not None and distance > found[0]:
                break
            entry = entries[at]
            if (found is None or (distance, entry.order) < found[:2]) and accept(entry):
                found = (distance, entry.order, entry)
        return found


class _EventIndex:
    """The events merged so far, looked up by what a mention must share to fold into one.

    Checking every mention against every event made an article stating
    thousands of different events quadratic. A mention's bucket holds every
    event that can take it (and rarely others), in sentence order, so the
    search for its home (a shared person first, then the nearest sentence,
    then the earliest event, as before) stops at the first fit.
    """

    def __init__(self, news_from: dt.date) -> None:
        self._news_from = news_from
        self.events: list[Candidate] = []
        self._entries: dict[int, _Entry] = {}  # by id() of the event
        # A well-dated mention folds only into an event with its pairs and date.
        self._exact: dict[tuple[str, frozenset[object], str | None], _Bucket] = {}
        # A weakly dated one may fold into any event holding its pairs.
        self._by_pair: dict[tuple[str, object], _Bucket] = {}
        self._by_type: dict[str, _Bucket] = {}
        self._by_person: dict[tuple[str, str, str], _Bucket] = {}

    def add(self, c: Candidate, pairs: frozenset[object]) -> None:
        entry = _Entry(c, pairs, len(self.events))
        self.events.append(c)
        self._entries[id(c)] = entry
        self._exact.setdefault((c.type, pairs, _date_value(c)), _Bucket()).add(entry)
        for pair in pairs:
            self._by_pair.setdefault((c.type, pair), _Bucket()).add(entry)
        self._by_type.setdefault(c.type, _Bucket()).add(entry)
        self.add_people(c, c.people, new=True)

    def add_people(self, event: Candidate, people: dict[str, set[str]], new: bool = False) -> None:
        """Merge `people` into an event's, keeping the by-person buckets in step."""
        entry = self._entries[id(event)]
        for key, names in people.items():
            known = set() if new else event.people.setdefault(key, set())
            for name in names - known:
                self._by_person.setdefault((event.type, key, name), _Bucket()).add(entry)
            if not new:
                known.update(names)

    def home(self, c: Candidate, mine: frozenset[object]) -> Candidate | None:
        def accept(entry: _Entry) -> bool:
            return _fits(c, mine, entry.event, entry.pairs) and not _news_as_background(
                c, entry.event, self._news_from
            )

        # An event sharing a named person outranks any other, however far.
        best: tuple[int, int, _Entry] | None = None
        for key, names in c.people.items():
            for name in names:
                bucket = self._by_person.get((c.type, key, name))
                found = bucket.nearest(c.sentence, accept) if bucket else None
                if found is not None and (best is None or found[:2] < best[:2]):
                    best = found
        if best is None:
            pool = self._pool(c, mine)
            best = pool.nearest(c.sentence, accept) if pool else None
        return best[2].event if best is not None else None

    def _pool(self, c: Candidate, mine: frozenset[object]) -> _Bucket | None:
        """A bucket holding every event `c` may fold into."""
        value = _date_value(c)
        if c.strength > _REPORTED and not (
            value and mine and (_DAY_OR_WEEK.fullmatch(value) or c.type in _ONCE)
        ):
            return self._exact.get((c.type, mine, value))
        # a day may fold into its week and a week take its day (_finer_inside)
        if not mine:
            return self._by_type.get(c.type)
        # Every event holding all of c's pairs is in each pair's bucket: take the smallest.
        buckets = [self._by_pair.get((c.type, pair)) for pair in mine]
        return min(buckets, key=lambda b: len(b) if b is not None else 0)


def _date_value(c: Candidate) -> str | None:
    return c.timex.value if c.timex else None


# Encounters that the same two sides have again and again; a relation restored
# or a deal struck happens once, whatever the plan that led to it.
_RECURRING = frozenset({"meeting", "visit", "phone_call", "negotiation"})
# A role a state plays between the same parties: told undated or on the same
# day, in the same status, it is one, whichever of its officials the two
# mentions name (an ongoing role is not a deal it brokered).
_ROLES = frozenset({"mediation"})


def _fits(c: Candidate, mine: frozenset[object], e: Candidate, theirs: frozenset[object]) -> bool:
    """Whether mention `c` may be another mention of event `e`."""
    if e.type != c.type or (e.status == "hypothetical" and c.status != "hypothetical"):
        return False
    if c.strength == _UNDATED and c.type in _RECURRING and _plan_after_encounter(c, e):
        # "Misri met Sun on Monday ... the Special Representatives would meet in
        # the near future": a plan told after an encounter is a later one, and
        # an undated mention of either is not the other
        return False
    weak = c.strength <= _REPORTED
    # A weakly dated mention may be a summary of a fuller one ("invited Chinese
    # officials in recent months" after "invited Li and Shoigu in July").
    if not (mine == theirs or (weak and mine <= theirs)):
        return False
    if not weak and _date_value(e) != _date_value(c) and _finer_inside(c, e) is None:
        return False
    if c.strength == _REPORTED and not _reports(c, e):
        return False
    if c.type in _ROLES and c.status == e.status:
        return True  # "under the mediation of President Lourenco", his minister hosting
    return _same_people(e, c)  # else two different meetings of the same two states


def _plan_after_encounter(a: Candidate, b: Candidate) -> bool:
    """Whether one of two mentions is a plan told after the other, which happened."""
    plan, encounter = (a, b) if a.status == "planned" else (b, a)
    return (
        plan.status == "planned"
        and encounter.status in {"occurred", "ongoing"}
        and encounter.sentence < plan.sentence
    )


_DAY_OR_WEEK = re.compile(r"\d{4}-(?:\d\d-\d\d|W\d\d)")


# Events that happen once between two sides in a span of years, and what a
# coarser date of one may hold as the same event.
_ONCE = frozenset({"relations_cut", "relations_established"})
_ONCE_INSIDE = {"year": frozenset({"month", "day"}), "month": frozenset({"day"})}


def _finer_inside(a: Candidate, b: Candidate) -> Candidate | None:
    """Of two mentions, the one dated inside the other's coarser date, if so: a day
    inside the week the other is dated to ("Baku's expulsion of two French staff
    earlier this week" and "declared them persona non grata on Tuesday"), or, of
    an event that happens once between two sides, a month or day inside the
    other's year or month ("cut ties nine years ago" and "severed relations in
    January 2016"): the coarser date names the same event."""
    once = a.type in _ONCE
    for fine, coarse in ((a, b), (b, a)):
        if fine.timex is None or coarse.timex is None:
            continue
        if not once and "-W" not in coarse.timex.value:
            continue  # the common case, settled without reading either date
        held, span = extent(fine.timex.value), extent(coarse.timex.value)
        if held is None or span is None or not span.start <= held.start <= span.end:
            continue
        if span.granularity == "week" and held.granularity == "day":
            return fine
        if once and held.granularity in _ONCE_INSIDE.get(span.granularity, frozenset()):
            return fine
    return None


def _news_as_background(c: Candidate, e: Candidate, news_from: dt.date) -> bool:
    """Whether folding `c` into `e` would make the lede's news an old event: an
    undated mention in the first sentence is the news, not a background event of
    the same states ("has severed relations with Morocco" against "cut ties with
    Algeria in 1976")."""
    if c.strength != _UNDATED or c.sentence != 0:
        return False
    held = extent(e.timex.value) if e.timex else None
    return held is not None and held.end < news_from


# A report dated by its reporting clause ("said on Tuesday it had expelled") tells
# of an event shortly before it; an event of the same states dated long before is
# another one ("expelled 45 staff last summer").
_REPORT_LAG = dt.timedelta(days=14)


def _reports(c: Candidate, e: Candidate) -> bool:
    """Whether report-dated mention `c` can be a report of event `e`."""
    said = extent(c.timex.value) if c.timex else None
    held = extent(e.timex.value) if e.timex else None
    if said is None or held is None:
        return True
    return held.start <= said.end and said.start - held.end <= _REPORT_LAG
