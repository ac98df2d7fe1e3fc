"""Who did what to whom: clause boundaries and the source/target slots of a trigger."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from itertools import islice, pairwise
from types import MappingProxyType

from service.extract.actors import Mention, SentenceSpan, finite_verb, list_goes_on, opens_aside
from service.extract.resources import Resources, contains_phrase
from service.extract.tokens import POSSESSIVE_MARKS, QUOTATION_MARKS, Tokens, positions, quoted
from service.extract.triggers import TriggerMatch

# Punctuation that always ends a clause; with the comma, what may end a phrase.
# The deeds key of the act the article's first sentence reports ("Iran has
# suspended talks with the IAEA ... France criticised the move").
NEWS_DEED = "news"
CLAUSE_BREAKS = frozenset({";", "—", "–", "(", ")", ":"})
BREAK_WORDS = CLAUSE_BREAKS | {","}
_COORDINATORS = frozenset({",", "and", "&"})
_LIST_WORDS = _COORDINATORS | {"or"}  # between the names of a list
# Words that may open the second conjunct: "Kamikawa and her counterpart Cho".
_CONJUNCT_DETERMINERS = frozenset({"the", "his", "her", "their", "its"})
# ... and, right after "and", a count: "expelled Mexico's ambassador and two
# Spanish diplomats"
_CONJUNCT_COUNTS = frozenset({"a", "an", "two", "three", "four", "five", "several"})
_AND_THEN = ("and", "then")
_VERB_ADVERBS = frozenset(
    {"also", "then", "later", "subsequently", "separately", "afterwards", "afterward"}
)
# "been" and "being" are forms of "be" themselves: "has been invited"
_PASSIVE_ADVERBS = frozenset({"also", "not", "then", "later", "officially", "reportedly"})
# Mentions that stand for people acting for a state, not for the state itself.
_OFFICIALS = frozenset({"person", "body"})
# Mentions that fill only their own slots ("modifier", "act"), never subject or object.
_NOT_ARGUMENTS = frozenset({"adjective", "act"})
# "on a tour that", "in a statement which": a relative pronoun after a noun
# phrase of its own ("a tour") refers to it, not to the actor named before it
_THING_RELATIVES = frozenset({"that", "which"})
_THING_GAP = 3
_ARTICLES = frozenset({"a", "an", "the"})
_THEIR = "their "
_DOER_PREPS = frozenset({"by", "of"})  # name who did an act, however far after it
_ASIDE = 4  # words of an aside between commas: ", in turn,"
_DATED_POSSESSED = 7  # "Erdogan's April 28-29 visit": a possessor past a date
_INTENTION_REACH = 4  # "decision on Saturday to": an intention noun's own date between
_VERB_CHAIN = 5  # auxiliaries and plan words before a joined verb: "and is expected to"
_OWN_PREP_REACH = 3  # a condemnation's own preposition: "protested to Tokyo"
_NESTED_REACH = 3  # words before an act noun in a condemnation's object ("the illegal unilateral")
_NAME_WORDS = 3  # a person's name after a state's "'s": "Ruben Rubinyan"
_CLAUSE_COMPLEMENTS = frozenset({"to", "that"})  # "and agreed to", "and stressed that"
_DEED_AGENT_REACH = 6  # a passive deed's "by": "was stormed on Friday by Ecuadorian police"
_MEANS_REACH = 7  # "used the news conference on Thursday to urge"
_DEED_FORCES_REACH = 4  # "Iran's Revolutionary Guards seized": a state before its forces
# Participles after a comma that go on with the list before them ("all parties,
# including Russia") or name a source ("according to"), not a new clause.
_LIST_PARTICIPLES = frozenset(
    {"including", "excluding", "according", "notwithstanding", "concerning", "regarding"}
)
# Tokens from the verb to its object; a host's guest may stand past a day and a
# venue ("received on Sunday at the Presidency of the Republic Egyptian Foreign
# Minister Sameh Shoukry").
_OBJECT_REACH = 6
_CONJUNCT_JOINERS = frozenset({"and"})  # ", and" opens a conjunct clause
_PERSON_ASIDE = 8  # most words of an aside inside a list ("Vucic, then prime minister, and")
_PUNCTUATION = BREAK_WORDS | QUOTATION_MARKS | {".", "!", "?"}  # none inside a person's aside
_TITLE_JOINERS = frozenset({"and", "of", "for"})  # inside a title: "Minister of State and ..."
_HOSTED_REACH = 10
# Slots whose actor may be a place ("arrived in Pyongyang" names the host).
_PLACE_SLOTS = frozenset({"to", "in", "at", "any", "for", "of", "possessor", "subject_place"})


# Not frozen, though never changed once built: a frozen dataclass sets each
# field through object.__setattr__, and one is built per trigger.
@dataclass(slots=True)
class _Scope:
    """Where one trigger's arguments can be: actors before and after it in its clause."""

    span: SentenceSpan
    clause: Clause
    match: TriggerMatch
    before: list[Mention]
    after: list[Mention]
    modifiers: list[Mention]  # bare demonyms after the trigger ("the Russian decision")
    acts: list[Mention]  # the last event named as a deed after the trigger ("the expulsion")
    episode: list[Mention]  # the parties of the article's talks so far ("the third round")
    object_from: int  # where the object is measured from: past "what it called"

    def __init__(
        self,
        span: SentenceSpan,
        clause: Clause,
        match: TriggerMatch,
        before: list[Mention],
        after: list[Mention],
        modifiers: list[Mention],
        acts: list[Mention],
        episode: list[Mention],
        object_from: int,
    ) -> None:
        # Written out, as Mention's is: one is built per trigger, some twice.
        self.span = span
        self.clause = clause
        self.match = match
        self.before = before
        self.after = after
        self.modifiers = modifiers
        self.acts = acts
        self.episode = episode
        self.object_from = object_from


@dataclass(frozen=True, slots=True)
class DeedDone:
    """A deed that is no diplomatic event, told done at token `at` of sentence
    `sentence`: the nouns that name it back, and who did it."""

    at: int
    sentence: int
    nouns: tuple[str, ...]
    doers: list[Mention]


@dataclass(slots=True)
class Clause:
    first: int
    last: int
    sentence_first: int
    sentence_last: int

    def __init__(
        self,
        first: int,
        last: int,
        sentence_first: int,
        sentence_last: int,
    ) -> None:
        # Written out, as Mention's is: dozens are built per article.
        self.first = first
        self.last = last
        self.sentence_first = sentence_first
        self.sentence_last = sentence_last


def clause_breaks(tokens: Tokens) -> list[int]:
    """The tokens of a text that can open a clause: commas and `CLAUSE_BREAKS`."""
    return positions(tokens.lower, BREAK_WORDS)


def clauses_of(
    tokens: Tokens,
    span: SentenceSpan,
    cues: Mapping[str, Set[str]],
    breaks: Sequence[int] | None = None,
) -> list[Clause]:
    """Split a sentence at semicolons, dashes, brackets and ", which/while/as ..." openings.

    A relative clause (", who is on a visit that began on Sunday,") closes at
    its next comma, where the main clause resumes. `breaks` (from
    `clause_breaks`) spares a scan of every word of the sentence.
    """
    lower = tokens.lower
    subordinators, relatives = cues["subordinators"], cues["relative_pronouns"]
    prepositions = cues["prepositions"]
    clauses: list[Clause] = []
    start = span.first
    in_relative = False
    if breaks is None:
        breaks = clause_breaks(tokens)
    for i in breaks[bisect_left(breaks, span.first + 1) : bisect_right(breaks, span.last)]:
        word = lower[i]
        following = lower[i + 1] if i + 1 <= span.last else ""
        # ", of which Saudi Arabia is a member,": a relative clause after its preposition
        relative = following in relatives or (
            following in prepositions and i + 2 <= span.last and lower[i + 2] in relatives
        )
        opens = word in CLAUSE_BREAKS or (
            word == "," and (following in subordinators or relative or in_relative)
        )
        if opens and i > start:
            clauses.append(Clause(start, i - 1, span.first, span.last))
            start = i + 1
            in_relative = word == "," and relative and not in_relative
    if start <= span.last:
        clauses.append(Clause(start, span.last, span.first, span.last))
    return clauses or [Clause(span.first, span.last, span.first, span.last)]


@dataclass(frozen=True, slots=True)
class RoleWords:
    """The word sets a role finder derives from the resources, built once per
    extractor: deriving them per article cost more than many of its lookups."""

    verb_chain: frozenset[str]
    city_named: frozenset[str]
    # "the two Nordic nations": the states a describing word of epithets.toml
    # can name ("nordic" -> NOR, SWE, DNK, FIN, ISL)
    regions: Mapping[str, frozenset[str]]

    @classmethod
    def build(cls, resources: Resources) -> RoleWords:
        cues = resources.cues
        regions: dict[str, frozenset[str]] = {}
        for epithet in resources.raw["actors/epithets.toml"].get("epithet", []):
            for phrase in epithet["phrases"]:
                words = phrase.split()
                if len(words) == 3 and words[2] in cues["state_group_heads_singular"]:
                    regions[words[1]] = regions.get(words[1], frozenset()) | set(epithet["states"])
        return cls(
            verb_chain=cues["own_auxiliaries"] | cues["planned"],
            city_named=cues["gathering_nouns"] | cues["city_named_events"],
            regions=MappingProxyType(regions),
        )


class RoleFinder:
    """Fills a trigger's source and target slots from the actor mentions around it."""

    def __init__(
        self,
        resources: Resources,
        tokens: Tokens,
        mentions: list[Mention],
        derived: RoleWords | None = None,
    ) -> None:
        if derived is None:
            derived = RoleWords.build(resources)
        self._tok = tokens
        self._mentions = mentions
        self._be = resources.cues["be"]
        self._relative = resources.cues["relative_pronouns"]
        self._preps = resources.cues["prepositions"]
        self._location_preps = resources.cues["location_prepositions"]  # "the ceremony in Bogota"
        self._verb_group = resources.cues["verb_group"]
        self._purpose_participles = resources.cues["purpose_participles"]
        self._finite = resources.cues["subject_auxiliaries"] | resources.cues["reporting"]
        self._verb_chain = derived.verb_chain
        self._subordinate_openers = resources.cues["subordinate_openers"]
        self._collective = resources.cues["collective_words"]
        self._cancelled = resources.cues["cancelled"]
        self._gathering_nouns = resources.cues["gathering_nouns"]
        self._hosting_verbs = resources.cues["hosting_verbs"]
        self._state_group_heads = resources.cues["state_group_heads"]
        self._city_named = derived.city_named
        self._regions = derived.regions
        self._cancel_phrases = resources.phrases["cancelled"]
        self._reporting = resources.cues["reporting"]
        self._statement_verbs = self._reporting - resources.cues["addressing"]
        self._planned_heads = resources.cues["planned_heads"]
        self._titles = resources.titles
        self._act_nouns = resources.cues["act_nouns"]
        self._intentions = resources.cues["intention_nouns"]
        self._violent_acts = resources.cues["violent_acts"]
        self._violent_preps = resources.cues["violent_act_prepositions"]
        self._intrusions = resources.cues["intrusion_acts"]
        self._intrusion_preps = resources.cues["intrusion_prepositions"]
        self._patient_preps = resources.cues["patient_prepositions"]
        self._agent_preps = resources.cues["agent_prepositions"]
        self._culprit_verbs = resources.cues["culprit_verbs"]
        self._aside_naming = resources.cues["aside_naming_verbs"]
        self._venues = resources.phrases["venues"]
        self._dets = resources.cues["determiners"]
        self._thing_heads = resources.cues["thing_name_heads"]
        self._means_used = resources.cues["means_used"]
        self._deed_forms = resources.deed_forms
        self._deed_nouns = resources.deed_nouns
        self._firsts = [m.first for m in mentions]  # sorted: mentions come in text order

    def within(self, first: int, last: int) -> list[Mention]:
        lo = bisect_left(self._firsts, first)
        hi = bisect_right(self._firsts, last)
        return [m for m in self._mentions[lo:hi] if m.last <= last]

    def assign(
        self,
        span: SentenceSpan,
        clause: Clause,
        match: TriggerMatch,
        symmetric: bool,
        next_trigger: int | None = None,
        previous_parties: list[Mention] | None = None,
        deeds: Mapping[str, tuple[int, list[Mention]]] | None = None,
        target_parties: list[Mention] | None = None,
        episode: list[Mention] | None = None,
        counted_parties: Mapping[int, list[Mention]] | None = None,
    ) -> tuple[list[Mention], list[Mention]]:
        """Source and target of one trigger.

        Its right-hand slots end where the next trigger starts; "the two
        leaders" stands for `previous_parties`, the parties of the last event
        (for a target, `target_parties` when given), and "the expulsion" (the
        "act" slot) for who did the last event of its kind: `deeds` maps an
        event type ("" for any) to (sentence, subject). The "episode" slot takes
        `episode`, the parties of the article's talks so far. A counted group
        ("the three governments") that outnumbers those parties stands for the
        latest parties of its count, `counted_parties`.
        """
        trigger = match.trigger
        source_slots, target_slots = trigger.source, trigger.target
        passive = trigger.pos != "noun" and self._passive(clause, match)
        if passive:
            swap = {"subject": "by", "by": "subject", "object": "subject"}
            source_slots = tuple(swap.get(s, s) for s in source_slots if s != "object")
            target_slots = tuple(swap.get(s, s) for s in target_slots if s != "by")
        # "condemned what it called provocative drills": the aside's verb, even
        # when a trigger itself, ends no slot
        object_from = self._past_naming_aside(match.last)
        right_end = (
            clause.last
            if next_trigger is None or match.last < next_trigger <= object_from
            else min(clause.last, next_trigger - 1)
        )
        lower = self._tok.lower
        right_end = self._participle_aside_end(clause, match, right_end)
        right_end = self._participle_clause_end(match, right_end)
        if trigger.type == "appeal":
            right_end = self._before_request(match, right_end)
        # ... nor past another verb group ("criticized the move and said they would ...",
        # "held a phone call and agreed to strengthen cooperation with the U.S.")
        for k in range(object_from + 1, right_end + 1):
            if (
                lower[k] == "and"
                and k + 2 <= right_end
                and lower[k + 1].endswith("ed")
                and lower[k + 2] in _CLAUSE_COMPLEMENTS
            ):
                right_end = k - 1
                break
            # "denounced as illegal the U.S. seizure": an "as" right after the
            # trigger gives its verdict, it opens no clause
            # "such as" lists examples, it opens no clause either
            if (
                lower[k] in self._verb_group
                and not (k == match.last + 1 and lower[k] == "as")
                and not (lower[k] == "as" and lower[k - 1] == "such")
            ):
                right_end = k - 1
                if lower[k] in self._reporting:
                    # "will meet next month, Turkey's foreign minister said": who
                    # said it takes no part in the event
                    comma = next((j for j in range(k - 1, match.last, -1) if lower[j] == ","), None)
                    right_end = right_end if comma is None else comma - 1
                break
        # Actors inside a gapped trigger ("declared two Dutch diplomats persona
        # non grata") are its objects.
        around = self.within(match.first + 1, right_end)
        if trigger.type == "condemnation":
            victims = self._victims(match, around)
            around = [m for m in around if m.first not in victims]
        scope = _Scope(
            span,
            clause,
            match,
            before=[
                m
                for m in self.within(clause.first, match.first - 1)
                if m.kind not in _NOT_ARGUMENTS and not m.compound
            ],
            after=[m for m in around if m.kind not in _NOT_ARGUMENTS and not m.compound],
            modifiers=[m for m in around if m.kind == "adjective"],
            # "The expulsion was denounced by Moscow": in the passive the deed is the subject
            acts=[
                m
                for m in (self.within(clause.first, match.first - 1) if passive else around)
                if m.kind == "act"
            ],
            episode=episode or [],
            object_from=object_from,
        )
        # "welcomed the Ankara talks": a city naming the event is where it is held,
        # no party to it; only a visit goes there ("attend the Brussels summit")
        venues = {m.first for m in (*scope.before, *scope.after) if self._names_venue(m)}
        party_scope = scope
        if venues:
            party_scope = replace(
                scope,
                before=[m for m in scope.before if m.first not in venues],
                after=[m for m in scope.after if m.first not in venues],
            )
        if trigger.type != "visit":
            scope = party_scope
        parties = previous_parties or []
        counted = counted_parties or {}
        source = self._fill_expanded(source_slots, party_scope, parties, counted)
        if self._reciprocal(match, right_end):  # "expelled each other's diplomats"
            return _unique(source), _unique(source)
        named_target = self._fill(target_slots, scope, exclude=source)
        if passive and not named_target and "between" in target_slots:
            # "Talks between Syria and Turkey were mediated by Russia": the sides
            # are named in the subject's own "between"
            named_target = [m for m in scope.before if m.prep == "between"]
        if not named_target and next_trigger and self._nested_act(match, next_trigger):
            # "opposes the sanctions imposed by the United States": whoever did the
            # act that the condemnation's object names
            named_target = self._act_doers(scope, next_trigger, source)
        target = named_target
        if target and target[0].kind == "act":
            act = target[0]
            # "the expulsion" of an earlier event, else the act's own by-phrase
            # ("criticized the visit to Taiwan by the U.S. delegation")
            target = _doers(act, deeds or {}) or self._act_doers(scope, act.last, source)
            if not target and act.refers in self._deed_nouns:
                # "blamed the attack on Israel": a deed of no one told names no
                # one, and the slots after it may
                rest = target_slots[target_slots.index("act") + 1 :]
                target = self._fill(rest, scope, exclude=source)
        # "talks between the two countries": the group fills both slots, so
        # what the target adds beyond the source decides, not the slot itself
        source_keys = {m.key for m in source}
        # a directed act's group target cannot include its source ("Wang urged the
        # two neighbors"); a symmetric one's can ("met ... and the two sides signed")
        others_than = frozenset() if symmetric else source_keys
        target = [
            m
            for m in self._expand_groups(target, target_parties or parties, counted, others_than)
            if m.key not in source_keys
        ]
        if symmetric and not target and len(_unique(source)) >= 2:
            return self._split(source)  # [A, B] x [B, C] lists B twice on purpose
        if (
            trigger.type in {"meeting", "negotiation"}
            and len(_unique([*source, *target])) == 3
            and self._joint(match, right_end, named_target)
        ):
            # "Rahmon and Japarov will meet Mirziyoyev", "a summit with Putin and
            # Raisi": all three meet each other
            return self._split([*source, *target])
        if symmetric and not target and trigger.pos == "noun":
            # "Scholz told Li in a phone call", "invited Jaishankar to Vienna during a
            # phone call", "agreed on the venue with Putin in a phone call": the
            # verb's subject and its object or partner are the parties.
            free = _unique(
                [
                    m
                    for m in scope.before
                    if m.prep in {None, "with"} and not m.location and m.key is not None
                ]
            )
            lower = self._tok.lower
            resumed = free[0].first > clause.first > span.first if len(free) == 1 else False
            if resumed and free[0].prep is None:
                # "Macron, whose government fell on Wednesday, told von der Leyen in a
                # phone call": the subject comes before the aside the verb resumes after
                subject = self._subject(span, clause, [], at=clause.first)
                if subject and subject[0].key is not None and subject[0].key != free[0].key:
                    free = [subject[0], free[0]]
            if (
                len(free) >= 2
                and free[0].prep is None
                and lower[free[0].last + 1 : free[1].first] == ("and",)
                and free[0].first <= clause.first + 2
                and not _CALL_OPENERS.isdisjoint(lower[match.first - 2 : match.first])
            ):
                # "Lavrov and Rubio discussed Ukraine and the irritants in a call":
                # the two subjects, whatever they discussed
                return free[:1], free[1:2]
            gap = lower[free[-1].last + 1 : match.first] if free else ()
            opener = next(
                (k for k in range(len(gap) - 1, -1, -1) if gap[k] in {"in", "during", "at"}), None
            )
            if (
                len(free) >= 2
                and opener is not None
                and len(gap) - opener <= 3
                and len(gap) <= _NOUN_PARTIES_GAP
                and "," not in gap
                and self._verb_group.isdisjoint(gap)
            ):
                if free[-1].prep == "with":  # the subject, past the object it discussed
                    return [m for m in free if m.prep is None][:1], free[-1:]
                return free[-2:-1], free[-1:]
            fronted = self._fronted_parties(span, match)
            if fronted is not None:
                return fronted
        return _unique(source), _unique(target)

    def _fronted_parties(
        self, span: SentenceSpan, match: TriggerMatch
    ) -> tuple[list[Mention], list[Mention]] | None:
        """ "In a phone call on Saturday, Macron urged Netanyahu ...": a noun
        trigger in the phrase that opens the sentence is had by the subject and the
        object of the verb right after its comma."""
        lower = self._tok.lower
        lead = lower[span.first : match.first]
        if not lead or lead[0] not in _FRONTED_OPENERS or len(lead) > _FRONTED_LEAD:
            return None
        comma = next(
            (k for k in range(match.last + 1, span.last) if lower[k] == ","),
            None,
        )
        if comma is None or comma - match.last > _FRONTED_TAIL:
            return None
        if any(m.key is not None and not m.location for m in self.within(match.last + 1, comma)):
            return None  # "In a call with Netanyahu, ...": the call names its partner
        free = [
            m
            for m in self.within(comma + 1, span.last)
            if m.prep is None and not m.location and m.key is not None
        ][:2]
        if len(free) < 2 or free[0].first - comma > 2 or free[0].key == free[1].key:
            return None
        verb = lower[free[0].last + 1 : free[1].first]
        if not 1 <= len(verb) <= 2 or not all(w.isalpha() for w in verb):
            return None
        if not self._statement_verbs.isdisjoint(verb) or verb[-1] in {"and", "that", "to"}:
            return None  # "Macron said France ...": what was said is no party
        return [free[0]], [free[1]]

    def _before_request(self, match: TriggerMatch, right_end: int) -> int:
        """Where an appeal's addressee ends: "called on donors to support
        Mozambique" asks donors; what follows the "to" of the request is its
        content, not whom it addresses."""
        lower, words = self._tok.lower, self._tok.words
        for k in range(match.last + 1, right_end):
            following = words[k + 1]
            if (
                lower[k] == "to"
                and following.isalpha()
                and following.islower()
                and lower[k + 1] not in self._dets
            ):
                return k - 1
        return right_end

    def _participle_aside_end(self, clause: Clause, match: TriggerMatch, right_end: int) -> int:
        """Where a participle set off between a subject and its verb ends: "EU
        foreign ministers, meeting in New York on Monday, expressed solidarity
        with Paris" holds no meeting with Paris."""
        lower, first = self._tok.lower, match.first
        if not (
            first - 1 > clause.sentence_first
            and lower[first - 1] == ","
            and lower[first].endswith("ing")
        ):
            return right_end
        subject = lower[clause.sentence_first : first - 1]
        # no verb before the comma: the aside follows the subject
        if not self._verb_group.isdisjoint(subject) or any(w.endswith("ed") for w in subject):
            return right_end
        for k in range(match.last + 1, right_end):
            if lower[k] == ",":
                # the comma closes the aside when a verb, not a list, goes on after it
                following = self._tok.words[k + 1]
                return k - 1 if following.islower() and following != "and" else right_end
        return right_end

    def _participle_clause_end(self, match: TriggerMatch, right_end: int) -> int:
        """Where a participle clause after the trigger's comma begins: in "upgraded
        their relations, putting the United States on par with China", China is
        no party. A list goes on past "including" and its kin. Nor is anyone in a
        purpose phrase a party ("a tour aimed at countering China's influence")."""
        lower, words = self._tok.lower, self._tok.words
        for k in range(match.last + 1, right_end):
            following = lower[k + 1]
            if lower[k] in self._purpose_participles and following in {"at", "to"}:
                return k - 1
            if (
                lower[k] == ","
                and following.endswith("ing")
                and words[k + 1].islower()
                and following not in _LIST_PARTICIPLES
            ):
                return k - 1
        return right_end

    def _past_naming_aside(self, last: int) -> int:
        """Where the object of a verb ending at `last` is measured from.

        "condemned what it called provocative NATO drills": the object begins
        past "what it called", and past "as" or a form of "be" after it.
        """
        lower, end = self._tok.lower, len(self._tok.lower) - 1
        if last + 2 > end or lower[last + 1] != "what":
            return last
        for k in range(last + 3, min(last + 5, end) + 1):  # "what the ministry called"
            if lower[k] in self._aside_naming:
                return (
                    k + 1 if k < end and (lower[k + 1] == "as" or lower[k + 1] in self._be) else k
                )
        return last

    def _intender(self, scope: _Scope) -> Mention | None:
        """ "deplored Venezuela's decision to expel the envoy", "welcomed the decision
        by Honduras to switch recognition": the possessor of an intention noun right
        before the infinitive, or its "by" agent, does the act."""
        lower = self._tok.lower
        k = scope.match.first - 1
        if k - 1 <= scope.clause.first or lower[k] != "to":
            return None
        agent = next((m for m in reversed(scope.before) if m.last == k - 1), None)
        if (
            agent is not None
            and agent.prep == "by"
            and agent.first >= 2
            and lower[agent.first - 2] in self._intentions
        ):
            return agent
        noun = self._intention_before(k, scope.clause.first)
        if noun is None:
            return None
        owner = next((m for m in reversed(scope.before) if m.last < noun), None)
        if owner is None or not owner.possessive or owner.last + 3 < noun:
            return None
        return owner

    def _intention_before(self, to: int, clause_first: int) -> int | None:
        """The intention noun before the infinitive's "to" at token `to`, past a
        date of its own ("Washington's decision on Saturday to suspend")."""
        lower = self._tok.lower
        for k in range(to - 1, max(clause_first, to - _INTENTION_REACH) - 1, -1):
            if lower[k] in self._intentions:
                return k
            if lower[k] == "," or lower[k] in self._verb_group:
                return None
        return None

    def _unknown_intender(self, scope: _Scope) -> bool:
        """ "deplores the junta's decision to expel": the intention has an owner,
        though not one of the actors, so the sentence's subject does not act."""
        lower = self._tok.lower
        k = scope.match.first - 1
        if k - 2 <= scope.clause.first or lower[k] != "to":
            return False
        noun = self._intention_before(k, scope.clause.first)
        return (
            noun is not None
            and noun - 1 > scope.clause.first
            and lower[noun - 1] in POSSESSIVE_MARKS
        )

    def move_comma(self, span: SentenceSpan, subject: list[Mention]) -> int | None:
        """Where the act noun's phrase starts when `subject` opens a reduced relative
        on it: the comma of "Warsaw halted talks with Kyiv, a move Ukrainian
        officials criticized"; None when it opens no such relative."""
        lower = self._tok.lower
        k = min(m.first for m in subject) - 1
        if k > span.first and lower[k] in self._relative:
            k -= 1  # "a move that Kyiv criticized"
        if k <= span.first or lower[k] not in self._act_nouns:
            return None
        # the noun's determiner, after at most two modifiers ("a rare public move")
        det = next(
            (j for j in range(k - 1, max(span.first, k - 4), -1) if lower[j] in _ARTICLES), None
        )
        if det is None or det - 1 <= span.first or lower[det - 1] != ",":
            return None
        return det - 1

    def _next_subject(self, m: Mention, trigger_last: int) -> bool:
        """Whether `m`, past the trigger, is the subject of a clause joined by
        "and": "and" before it, a past tense or finite verb after it."""
        lower = self._tok.lower
        after = m.last + 1
        return (
            m.first - 1 > trigger_last
            and lower[m.first - 1] == "and"
            and after < len(lower)
            and self._tok.words[after].islower()
            and finite_verb(lower[after], self._finite)
        )

    def with_party(self, clause: Clause, match: TriggerMatch, right_end: int) -> list[Mention]:
        """The actors of the trigger's "with" phrase ("talks with Shoukry"), up to
        `right_end`."""
        after = [
            m
            for m in self.within(match.last + 1, min(clause.last, right_end))
            if m.kind not in _NOT_ARGUMENTS and not m.compound and not m.location
        ]
        for n, m in enumerate(after):
            if m.prep == "with":
                # "talks with their host": whom a group is known to stand for
                return [
                    member
                    for party in self._coordinated(after, n)
                    for member in (party.members if party.members is not None else [party])
                ]
        return []

    def subject_before(self, span: SentenceSpan, end: int) -> list[Mention]:
        """The subject of the clause ending before token `end`: its last free actor."""
        before = [
            m
            for m in self.within(span.first, end - 1)
            if m.kind not in _NOT_ARGUMENTS and not m.compound
        ]
        clause = Clause(span.first, end - 1, span.first, span.last)
        return self._subject(span, clause, before, at=end)

    def deeds_done(self, spans: Sequence[SentenceSpan]) -> list[DeedDone]:
        """Every deed that is no diplomatic event told done ("Ecuadorian police
        stormed the embassy"), in text order, with who did it, for the nouns that
        name it back ("the raid"); only when such a noun is in the text."""
        if not any(m.kind == "act" and m.refers in self._deed_nouns for m in self._mentions):
            return []
        lower = self._tok.lower
        done: list[DeedDone] = []
        for index, span in enumerate(spans):
            for k in range(span.first + 1, span.last + 1):
                nouns = self._deed_forms.get(lower[k])
                if nouns and lower[k - 1] in POSSESSIVE_MARKS:
                    # "Ecuador's storming of the embassy": a gerund, its possessor's
                    doers = self._deed_owner(span, k) if lower[k].endswith("ing") else []
                elif nouns and lower[k - 1] not in self._dets:
                    doers = self._deed_doers(span, k)
                elif lower[k] in self._deed_nouns:
                    nouns, doers = (lower[k],), self._deed_owner(span, k)
                else:
                    continue
                if doers:  # a deed of nobody named leaves the last one's doers
                    done.append(DeedDone(k, index, nouns, doers))
        return done

    def _deed_owner(self, span: SentenceSpan, at: int) -> list[Mention]:
        """The state named right before token `at`, as a possessor or demonym with
        only words between: of the deed its noun names ("Ecuador's police raid",
        "the Ecuadorian raid"), or of the forces its verb's subject is ("Ecuadorian
        police stormed", "Iran's Revolutionary Guards seized")."""
        lower = self._tok.lower
        owner = [
            m
            for m in self.within(max(span.first, at - _DEED_FORCES_REACH), at - 1)
            if (m.possessive or m.kind == "adjective") and m.prep is None
        ][-1:]
        between = lower[owner[0].last + 1 : at] if owner else []
        return owner if all(w in POSSESSIVE_MARKS or w.isalpha() for w in between) else []

    def _deed_doers(self, span: SentenceSpan, at: int) -> list[Mention]:
        """Who did the deed told by the verb at token `at`: the "by" of a passive
        ("was raided by Ecuadorian police"), else the state of the forces named
        right before it ("Ecuadorian police stormed", "Iran's Revolutionary Guards
        seized"), else its subject."""
        lower = self._tok.lower
        if lower[at - 1] in self._be:
            after = self.within(at + 1, min(span.last, at + _DEED_AGENT_REACH))
            by = next((n for n, m in enumerate(after) if m.prep == "by"), None)
            return self._coordinated(after, by) if by is not None else []
        forces = self._deed_owner(span, at)
        if forces:
            return forces
        # "Mexico cut ties after gunmen stormed its embassy": a subordinate
        # clause's subject is its own
        opener = max(
            (k for k in range(span.first, at) if lower[k] in self._subordinate_openers),
            default=span.first - 1,
        )
        return [m for m in self.subject_before(span, at) if m.first > opener]

    def _expand_groups(
        self,
        mentions: list[Mention],
        parties: list[Mention],
        counted: Mapping[int, list[Mention]],
        others_than: Set[str | None] = frozenset(),
    ) -> list[Mention]:
        """Groups replaced by whom they count; a group that must be `others_than`
        some actors (the source, for a target) is not read as including them."""
        expanded: list[Mention] = []
        for m in mentions:
            if m.members is not None:
                expanded.extend(m.members)
            elif m.kind == "group":
                size = _group_size(m)
                # "the three countries" counts states, never the bodies told with them
                fits = self._fitting_members(m)
                told = fits(self._named_before_subordinate(m, size) or parties)
                if size is not None and len(_unique(told)) < size:
                    # "the three governments" after a pair: the last parties of three,
                    # or else the last three states listed together
                    last = fits(counted.get(size, []))
                    if len(_unique(last)) < size:
                        last = []  # "the three countries" after three bodies
                    told = last or self._listed_before(m, size, fits) or told
                elif size is not None and size >= WIDE_SIDE and len(_unique(told)) > size:
                    # "the six powers" after Iran's talks with six: the side of that
                    # count (of two or three, the first listed stay likelier)
                    side = fits(counted.get(size, []))
                    if len(_unique(side)) == size and {f.key for f in side} <= {
                        f.key for f in told
                    }:
                        told = side
                found = _counted(m, told) if told else self._named_before(m)
                if others_than and not others_than.isdisjoint(f.key for f in found):
                    # "Wang called on the two neighbors" after Wang's own talks: not
                    # Wang's side but the last parties of that count without it, or
                    # else the last two others named
                    others = [
                        f for f in fits(counted.get(size or 0, [])) if f.key not in others_than
                    ]
                    if size is None or len(_unique(others)) < size:
                        others = self._named_others(m, others_than)
                    found = others or found
                expanded.extend(found)
            else:
                expanded.append(m)
        return [m for m in expanded if m.key is not None]

    def _named_before_subordinate(self, group: Mention, size: int | None) -> list[Mention]:
        """ "handed the invitation to Essebsi when the two met": a counted group
        opening a clause of time counts the actors its own sentence named before
        it, if exactly as many, rather than the last event's parties."""
        first = group.first
        opener = self._tok.lower[first - 1] if first > 0 else ""
        if size is None or opener not in self._subordinate_openers:
            return []
        named = list(self._named_back(group, 0, True))
        return named[::-1] if len(named) == size else []

    def _fitting_members(self, group: Mention) -> Callable[[list[Mention]], list[Mention]]:
        """A filter keeping the actors a group's head can count: states for "the
        three countries", anyone for "the two sides"."""
        lower = self._tok.lower
        if lower[group.last] not in self._state_group_heads:
            return list
        region = next(
            (self._regions[w] for w in lower[group.first : group.last] if w in self._regions),
            None,
        )
        if region is not None:  # "the two Nordic nations": of the Nordic states
            return lambda actors: [a for a in actors if a.code in region]
        return lambda actors: [a for a in actors if a.organization is None]

    def _listed_before(
        self, group: Mention, size: int, fits: Callable[[list[Mention]], list[Mention]] = list
    ) -> list[Mention]:
        """The latest list of `size` states named in the group's sentence or the
        two before it: "Britain, France and Germany ... the three countries'
        foreign ministers"; of the actors the group `fits`."""
        before = fits(
            [
                m
                for m in self._mentions[: bisect_left(self._firsts, group.first)]
                if m.key is not None and m.kind not in {"adjective", "group", "act"}
            ]
        )
        lower = self._tok.lower
        k = len(before) - 1
        while k >= 0 and before[k].sentence >= group.sentence - 2:
            listed = [before[k]]
            while k > 0:
                left, right = before[k - 1], listed[0]
                gap = lower[left.last + 1 : right.first]
                if not gap or not _COORDINATORS.issuperset(gap) or left.prep != right.prep:
                    break
                listed.insert(0, left)
                k -= 1
            if len(_unique(listed)) == size:
                return listed
            k -= 1
        return []

    def _named_others(self, group: Mention, others_than: Set[str | None]) -> list[Mention]:
        """The nearest actors named before a counted group, in its sentence or the
        two before, other than `others_than`, if as many as it counts."""
        size = _group_size(group)
        if size is None:
            return []
        named = list(islice(self._named_back(group, 2, True, others_than), size))
        return named[::-1] if len(named) == size else []

    def _named_before(self, group: Mention) -> list[Mention]:
        """ "Kenya and Ethiopia agreed to restore flights. The two countries also
        signed a deal": with no event before it, a counted group is the actors
        of the previous sentence, if it names exactly as many."""
        size = _group_size(group)
        if size is None:
            return self._owners(group)
        named = list(self._named_back(group, 1, False))
        return named[::-1] if len(named) == size else []

    def _owners(self, group: Mention) -> list[Mention]:
        """ "Japan and South Korea said their foreign ministers would meet": a group
        owned by "their" belongs to the actors listed last before it in its sentence."""
        if not group.name.lower().startswith(_THEIR):
            return []
        before = [
            m
            for m in self._mentions[: bisect_left(self._firsts, group.first)]
            if m.sentence == group.sentence and m.key is not None and self._may_be_subject(m)
        ]
        owners = self._coordinated_left(before, len(before) - 1) if before else []
        return owners if len(_unique(owners)) >= 2 else []

    def _named_back(
        self,
        group: Mention,
        reach: int,
        own_sentence: bool,
        others_than: Set[str | None] = frozenset(),
    ) -> Iterator[Mention]:
        """Actors that may make up a counted group, one per state, nearest first:
        named up to `reach` sentences before it (and before it in its own sentence
        when `own_sentence`), none of `others_than`."""
        seen: set[str] = set()
        for m in reversed(self._mentions[: bisect_left(self._firsts, group.first)]):
            if m.sentence < group.sentence - reach:
                return
            if m.sentence == group.sentence and not own_sentence:
                continue
            if m.key is None or m.key in others_than or m.location or m.compound:
                continue
            if m.kind in {"adjective", "group"} or m.key in seen:
                continue
            seen.add(m.key)
            yield m

    @staticmethod
    def _split(group: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        unique = _unique(group)
        if len(unique) == 3:  # [A, B] x [B, C] covers the three pairs exactly once
            return unique[:2], unique[1:]
        if len(unique) > 3:  # no one product covers more: every party on both sides
            return unique, unique
        return unique[:1], unique[1:]

    def _passive(self, clause: Clause, match: TriggerMatch) -> bool:
        lower = self._tok.lower
        word = lower[match.first]
        if lower[match.last] == "by":
            return False  # the pattern spells the passive out ("attended by"); its slots say so
        if word in self._planned_heads:
            return False  # "is expected in Cairo": a predicate adjective, not a passive
        if not (word.endswith(("ed", "en")) or word in {"met", "held", "cut", "led", "hit"}):
            return False
        if match.last + 1 < len(lower) and lower[match.last + 1] == "by":
            return True  # "talks brokered by the African Union"
        if lower[match.last + 1 : match.last + 4 : 2] == ("and", "by") and lower[
            match.last + 2
        ].endswith("ed"):
            return True  # "held talks, hosted and facilitated by Qatar"
        j = match.first - 1
        if j > clause.first and (lower[j].endswith("ly") or lower[j] in _PASSIVE_ADVERBS):
            j -= 1  # "was formally expelled", "were also invited"
        # "'s" is far more often a possessive than "is" before a participle.
        return j >= clause.first and lower[j] in self._be and lower[j] != "'s"

    def _joint(self, match: TriggerMatch, right_end: int, named: list[Mention]) -> bool:
        """Whether the parties named around a meeting trigger met all together: not
        "held separate meetings with", "talks with Zelenskiy in Kyiv and with Putin
        in Moscow", nor with a group reaching back to an earlier event."""
        lower = self._tok.lower
        words = lower[match.first : right_end + 1]
        if "separately" in words or "separate" in words:
            return False
        if any(m.kind == "group" for m in named):
            return False
        return not any(words[k : k + 2] == ("and", "with") for k in range(len(words) - 1))

    def _reciprocal(self, match: TriggerMatch, right_end: int) -> bool:
        lower = self._tok.lower
        window = lower[match.last + 1 : min(right_end, match.last + 4) + 1]
        if "other" not in window and "another" not in window:
            return False
        return any(
            window[k : k + 2] in (("each", "other"), ("one", "another")) for k in range(len(window))
        )

    def _nested_act(self, match: TriggerMatch, next_trigger: int) -> bool:
        """Whether the next trigger opens a condemnation's object ("opposes the
        sanctions ...", "denounced the new expulsions ...")."""
        if match.trigger.type != "condemnation":
            return False
        between = self._tok.words[match.last + 1 : next_trigger]
        return len(between) <= _NESTED_REACH and all(w.isalpha() and w.islower() for w in between)

    def _act_doers(self, scope: _Scope, start: int, source: list[Mention]) -> list[Mention]:
        """The by- or of-phrase after token `start` in the clause: who did the act
        named there ("the expulsion ... by Moldova", "the visit of Macron")."""
        doers = self.within(start, scope.clause.last)
        victims = self._victims(scope.match, doers)
        doers = [m for m in doers if m.first not in victims]
        return self._fill(("by", "of"), replace(scope, after=doers), exclude=source)

    def _victims(self, match: TriggerMatch, after: list[Mention]) -> set[int]:
        """The mentions (by first token) after a condemnation's trigger that name
        the victim of the condemned act ("the bombing of the U.S. embassy", "the
        sanctions against Iran") rather than whoever did it. A place after a
        victim that is no actor stays: in "the use of force against civilians in
        Myanmar" the place is where its own government acts."""
        lower = self._tok.lower
        if lower[match.first] in self._culprit_verbs:
            return set()
        victims: set[int] = set()
        opener: int | None = None  # where the current victim phrase starts
        struck = False  # whether it names what a violent act struck ("attacks on")
        scanned = match.last + 2
        for m in after:
            for k in range(scanned, m.first):
                word, before = lower[k], lower[k - 1]
                if word in self._agent_preps:
                    opener = None
                elif (
                    (word in self._patient_preps and before.isalpha() and before not in self._preps)
                    or (word in self._violent_preps and before in self._violent_acts)
                    or (word in self._intrusion_preps and before in self._intrusions)
                ):
                    opener = k
                    struck = before in self._violent_acts
            scanned = max(scanned, m.first)
            if opener is None:
                continue
            # "in Cambodia's internal affairs": a possessor is no place; "attacks
            # on installations in Port Sudan": where the attack struck suffered it
            if (
                not m.location
                or m.possessive
                or struck
                or any(opener < v < m.first for v in victims)
            ):
                victims.add(m.first)
        return victims

    def _fill(
        self, slots: tuple[str, ...], scope: _Scope, exclude: list[Mention] | None = None
    ) -> list[Mention]:
        # The source's own state never fills the target ("denounced what he called ...").
        taken = {m.key for m in exclude or ()}
        for slot in slots:
            group = [
                m
                for m in self._slot(slot, scope)
                # (m.key is None or m.key not in taken), with one property call
                if ((key := m.key) is None or key not in taken)
                and (not m.location or slot in _PLACE_SLOTS)
            ]
            if group:
                return group
        return []

    def _fill_expanded(
        self,
        slots: tuple[str, ...],
        scope: _Scope,
        parties: list[Mention],
        counted: Mapping[int, list[Mention]],
    ) -> list[Mention]:
        """The first slot that names someone once its groups are expanded: "a
        new round of negotiations on the treaty between the two countries",
        with no two countries told before, is held by its subject."""
        for k in range(len(slots)):
            filled = self._fill(slots[k : k + 1], scope)
            if filled:
                expanded = self._expand_groups(filled, parties, counted)
                if expanded:
                    return expanded
        return []

    def _slot(self, slot: str, scope: _Scope) -> list[Mention]:
        match, after = scope.match, scope.after
        if slot == "subject":
            first = match.first if match.trigger.pos == "noun" else -1
            lower = self._tok.lower
            if first >= 2 and lower[first - 1] in self._dets:
                verb = first - 2
                if self.joins_verb_phrase(verb, scope.clause.first):
                    # "travels on to Guatemala to meet Arevalo and ends the tour in
                    # ...": the noun's verb shares the subject of the verb before
                    free = [m for m in scope.before if m.last < verb and self._may_be_subject(m)]
                    if free:
                        return self._coordinated(free, self._subordinate_subject(free, verb))
            intender = self._intender(scope) if first < 0 else None
            if intender is not None:
                return [intender]
            if first < 0 and self._unknown_intender(scope):
                return []
            if first < 0 and self.joins_verb_phrase(match.first, scope.clause.first):
                participle = self._participle_before(scope)
                if participle is not None:
                    # "Lithuania went further, expelling the Russian ambassador and
                    # downgrading its relations": what follows the first participle
                    # is its object; both share the subject of the clause before
                    leading = [m for m in scope.before if m.last < participle]
                    return self._subject(
                        scope.span, scope.clause, leading, at=participle
                    ) or self._fronted_subject(scope)
                # "Joly met Lamola and invited South Africa": the first verb's subject;
                # a possessor ("calling Japan's position groundless, and urged") is none
                pool = scope.before
                if self.after_comma_and(match.first, scope.clause.first):
                    # "travelled to Doha, where he was received by the emir, and is
                    # due in Dubai": past an aside, the verb joins the sentence's
                    pool = [
                        m
                        for m in self.within(scope.span.first, match.first - 1)
                        if m.kind not in _NOT_ARGUMENTS and not m.compound
                    ]
                free = [m for m in pool if self._may_be_subject(m)]
                if free:
                    return self._coordinated(free, self._subordinate_subject(free, match.first))
            return self._subject(
                scope.span, scope.clause, scope.before, first, at=match.first
            ) or self._fronted_subject(scope)
        if slot == "canceller":
            # "Burkina Faso has called off a visit by an ECOWAS delegation": who
            # cancels a visit by others is its host
            lower = self._tok.lower
            before = lower[scope.clause.first : match.first]
            if self._cancelled.isdisjoint(before) and not contains_phrase(
                self._cancel_phrases, lower, scope.clause.first, match.first
            ):
                return []
            return self._slot("subject", scope)
        if slot == "subject_place":
            # "The ceremony in Bogota was attended by King Felipe": where the
            # subject took place, the last place named in it
            places = [m for m in scope.before if m.prep in self._location_preps]
            return places[-1:]
        if slot == "official":  # the subject, when a person or body and not a state
            return [m for m in self._slot("subject", scope) if m.kind in _OFFICIALS]
        if slot == "holder":
            # "Iran's ambassador was summoned": the name whose office opens the trigger
            first = match.first
            return [
                m
                for m in self.within(scope.clause.first, match.last)
                if m.first < first <= m.last and m.key is not None
            ]
        if slot == "possessor":
            for m in reversed(scope.before):
                # "Kim's trip", or a name right before the noun: "the EU sanctions package"
                # ("Erdogan's April 28-29 visit": a date may stand between)
                reach = _DATED_POSSESSED if self._dated(m.last + 1, match.first) else 4
                if (m.possessive and match.first - m.last <= reach) or (
                    match.trigger.pos != "verb" and m.last + 1 == match.first
                ):
                    return [m]
            if match.trigger.type == "mediation" and match.trigger.pos != "verb":
                # "Kuwaiti mediation": only the mediator can be a mediation's adjective
                return [
                    m
                    for m in self.within(match.first - 1, match.first - 1)
                    if m.kind == "adjective" and m.last + 1 == match.first
                ]
            return []
        if slot == "object":
            end = scope.object_from
            # a host's guest may stand past a day and a venue
            hosting = self._tok.lower[match.first] in self._hosting_verbs
            reach = _HOSTED_REACH if hosting else _OBJECT_REACH
            for n, m in enumerate(after):
                in_aside = match.last < m.first <= end  # "what it called": its "it"
                if opens_conjunct(self._tok.lower, match.last + 1, m.first):
                    # "ordered Canadian diplomats to leave, and the two governments
                    # have ...": past ", and" another clause's subject
                    return []
                if m.prep is None and not m.location and not in_aside and m.first - end <= reach:
                    if self._next_subject(m, match.last):
                        return []  # "recalled its envoy on Tuesday and Qatar followed"
                    if match.trigger.type == "visit" and self._hosts_gathering(m):
                        continue  # "attended the SCO summit in Tianjin": where, not whom
                    return self._listed_modifiers(self._coordinated(after, n), scope.modifiers)
            return self._whom_antecedent(scope.clause)
        if slot == "any":
            # the first actor after the trigger, unless another verb group comes first
            # ("criticized the move ... and said they would work with Iran")
            lower = self._tok.lower
            # "criticised what he called attempts by China": the subject of "what
            # he called" is the speaker, not the object
            start = next((k for k, m in enumerate(after) if lower[m.first - 1] != "what"), None)
            if start is None:
                return []
            # past "what it described as", whose "as" opens no verb group
            gap = lower[scope.object_from + 1 : after[start].first]
            if not self._verb_group.isdisjoint(gap):
                return []
            if opens_conjunct(gap, 0, len(gap)) or self._next_subject(after[start], match.last):
                return []  # "criticized the raid, and Blinken urged": another clause's
            if any(w == "of" and n.endswith("ing") for w, n in pairwise(gap)):
                return []  # "accusing them of playing games at the agency": the charge
            if match.trigger.type == "visit" and (
                self._hosts_gathering(after[start]) or after[start].prep == "from"
            ):
                return []  # "arrived on Friday from Beijing": whence, not where
            return self._coordinated(after, start)
        if slot == "compound":  # "a Qatari-brokered truce": the name before the hyphen
            return [
                m
                for m in self.within(scope.clause.first, match.first - 1)
                if m.compound and m.last + 1 == match.first
            ]
        if slot == "act":  # "denounced the expulsion"
            return [m for m in scope.acts if m.first - match.last <= 2][:1]
        if slot == "episode":  # "The third round, held in Muscat": of the talks told so far
            return scope.episode
        if slot == "modifier":  # "condemned the Russian decision"
            # ... and farther right after its preposition ("imposed tariffs of 80.5%
            # on Australian barley")
            lower = self._tok.lower
            nearest = next(
                (
                    m
                    for m in scope.modifiers
                    if m.first - scope.object_from <= _MODIFIER_REACH
                    or (
                        lower[m.first - 1] in {"on", "against"}
                        and m.first - scope.object_from <= _MODIFIER_PREP_REACH
                    )
                ),
                None,
            )
            return [] if nearest is None else self._listed_modifiers([nearest], scope.modifiers)
        for n, m in enumerate(after):  # a preposition slot
            if (
                slot == "of"
                and m.prep == "of"
                and match.trigger.type == "meeting"
                and m.organization
                and not m.code
            ):
                # "a summit of the Group of Twenty", "a meeting of NATO foreign
                # ministers": the organization is the forum, not a party
                return []
            if (
                (m.prep == slot or (slot == "between" and self._among_after(m, match)))
                and not self._venue_of(m)
                and not (match.trigger.type == "visit" and self._hosts_gathering(m))
            ):
                if (
                    match.trigger.type == "condemnation"
                    and slot not in _DOER_PREPS
                    and m.first - match.last > _OWN_PREP_REACH
                ):
                    # "condemned the state visit of Macron to Taiwan": the phrase of the
                    # condemned act, not the condemnation's own "protested to Tokyo"
                    return []
                group = self._coordinated(after, n)
                # "talks with Zelenskiy in Kyiv and with Putin in Moscow"
                for later in after[n + 1 :]:
                    gap = self._tok.lower[group[-1].last + 1 : later.first]
                    if later.prep == slot and "and" in gap and not later.location:
                        group.append(later)
                return group
        return self._whom_antecedent(scope.clause, slot)

    def _among_after(self, m: Mention, match: TriggerMatch) -> bool:
        """Whether `m` opens an "among" right after a noun trigger: "negotiations
        among Egypt, Sudan and Ethiopia" are between them ("among them Brazil"
        farther on lists others)."""
        return m.prep == "among" and match.trigger.pos == "noun" and m.first - 1 == match.last + 1

    def _hosts_gathering(self, mention: Mention) -> bool:
        """Whether an organization names the gathering right after it ("the SCO
        summit", "a NATO meeting") or right before its "of" ("a summit of the
        Lake Chad Basin Commission")."""
        if mention.organization is None or mention.code is not None:
            return False
        lower = self._tok.lower
        after = mention.last + 1
        if after < len(lower) and lower[after] in self._gathering_nouns:
            return True
        of = mention.first - (2 if lower[mention.first - 1] == "the" else 1)
        return mention.prep == "of" and of > 0 and lower[of - 1] in self._gathering_nouns

    def _names_venue(self, mention: Mention) -> bool:
        """Whether a city names the event right after it ("the Ankara talks")."""
        after = mention.last + 1
        return (
            mention.kind in {"capital", "place"}
            and after < len(self._tok.lower)
            and self._tok.lower[after] in self._city_named
        )

    def _venue_of(self, mention: Mention) -> bool:
        """Whether the mention names a venue ("on the sidelines of the G20"): where
        the event took place, not one of its parties."""
        if mention.prep != "of":
            return False
        lower = self._tok.lower
        k = mention.first - 1
        while k > 0 and lower[k] in self._dets:
            k -= 1
        return k > 0 and self._venues.longest(lower, k - 1, k + 1) is not None

    def joins_verb_phrase(self, first: int, clause_first: int) -> bool:
        """Whether the verb at `first` follows "and" directly, or past an adverb
        ("and also invited"): it shares the subject of the verb before."""
        return self._joining_and(first, clause_first) is not None

    def after_comma_and(self, first: int, clause_first: int) -> bool:
        """Whether the verb at `first` joins the sentence by ", and"."""
        k = self._joining_and(first, clause_first)
        return k is not None and self._tok.lower[k - 1] == ","

    def _joining_and(self, first: int, clause_first: int) -> int | None:
        """The "and" that joins the verb at `first` to the verb before, if any."""
        lower = self._tok.lower
        k = first - 1
        if k > clause_first and lower[k] in _VERB_ADVERBS:
            k -= 1
        # past the verb's own auxiliaries and plan: "and is expected to hold talks"
        chain = k
        while (
            chain > clause_first
            and first - chain <= _VERB_CHAIN
            and lower[chain] in self._verb_chain
        ):
            chain -= 1
        if chain < k and lower[chain] == "and":
            k = chain
        if k > clause_first and lower[k] == ",":
            # past an aside between commas: "and, in turn, invited"
            aside = next(
                (j for j in range(k - 1, max(clause_first, k - _ASIDE) - 1, -1) if lower[j] == ","),
                None,
            )
            if aside is not None:
                k = aside - 1
        return k if k > clause_first and lower[k] == "and" else None

    def _subordinate_subject(self, free: list[Mention], verb: int) -> int:
        """ "Iran has enriched uranium since Washington quit the accord and reimposed
        sanctions": a verb joined by a bare "and" inside a subordinate clause shares
        that clause's subject, the name right after its opener; else the first."""
        lower = self._tok.lower
        for n in range(len(free) - 1, 0, -1):
            opener = free[n].first - 1
            while opener > 0 and lower[opener] in self._dets:
                opener -= 1
            if lower[opener] in self._subordinate_openers and "," not in lower[opener:verb]:
                return n
        return 0

    def _subject(
        self,
        span: SentenceSpan,
        clause: Clause,
        before: list[Mention],
        trigger_first: int = -1,
        *,
        at: int,
    ) -> list[Mention]:
        """The subject of the verb at token `at` (`trigger_first`: of a noun
        trigger, whose name right before it is no subject)."""
        # A name right before a noun trigger modifies it ("the NATO summit"), and a
        # possessor of anything but an office or body ("the countries' borders meet")
        # is no subject.
        # a name inside a quotation is spoken of, not the subject of a verb outside
        # it ('"... must leave Libya," Di Maio said, urging Turkey ...', 'an "India
        # Out" platform, and last year asked New Delhi')
        words = self._tok.words
        if self._domestic_before(at, clause.first):
            return []  # "the rebels pulled out of planned peace talks": no state acts
        quoted_trigger = quoted(words, span.first, at)
        closed = self._closed_aside(span, clause, at)
        means = self._means_verb(clause.first, at)
        free = [
            m
            for m in before
            if m.last + 1 != trigger_first
            and m.first > closed
            and m.last < means
            and self._may_be_subject(m)
            and (quoted_trigger or not quoted(words, span.first, m.first))
        ]
        if free:
            if self._thing_relative(free[-1], at):
                # "visited Kigali in August on a tour that also took him to ...":
                # the tour is the relative's subject, its traveller the main one
                return self._coordinated(free, 0)
            return self._coordinated_left(before, before.index(free[-1]))
        if clause.first == span.first:
            return []
        resumed = self._before_aside(span, clause, trigger_first)
        if resumed:
            return resumed
        # "The activist, who fled Iran in 2009, urged Germany": nothing inside the
        # relative clause the verb resumes after is its subject
        aside = self._relative_opening(span, clause)
        earlier = [
            m
            for m in self.within(span.first, clause.first - 1)
            if (aside is None or m.last < aside)
            and m.prep is None
            and not m.location
            and m.kind != "adjective"
            and (quoted_trigger or not quoted(words, span.first, m.first))
        ]
        if not earlier:
            return []
        opener = self._tok.lower[clause.first : clause.first + 2]
        if opener[:1] and (opener[0] in self._relative or "who" in opener):
            # ", who met ...": the actor just before, whatever phrase it sits in;
            # ", who both flew to Ankara": all of the list just before
            antecedent = self.within(span.first, clause.first - 1)
            if not antecedent:
                return []
            listed = self._coordinated_left(antecedent, len(antecedent) - 1)
            # "Mirzoyan and Bayramov, who arrived in Almaty": people listed to open
            # the sentence are its subject, all of them ("which" is left to the last)
            head = antecedent[0]
            if head.possessive and len(antecedent) > 1:
                head = antecedent[1]  # "Armenia's Ararat Mirzoyan"
            opens = antecedent[0].first == span.first and head in listed
            if not self._collective.isdisjoint(opener) or (opens and "who" in opener):
                return listed
            return antecedent[-1:]
        # "Myanmar has been in turmoil, and the United States imposed sanctions,
        # accusing ...": the subject of the nearest main clause
        lower = self._tok.lower
        joint = next(
            (
                k
                for k in range(clause.first - 1, span.first, -1)
                if lower[k] in {"and", "but"} and lower[k - 1] == ","
            ),
            None,
        )
        nearest = [m for m in earlier if joint is not None and m.first > joint]
        if nearest:
            return self._coordinated(nearest, 0)
        # ", as he met ...": the sentence's main subject, with those joined to it
        # ("Saudi Arabia, the UAE, Bahrain and Egypt cut ties ..., accusing Doha")
        return self._coordinated(earlier, 0)

    def _thing_relative(self, last: Mention, at: int) -> bool:
        """Whether a "that" or "which" right before the verb at `at` opens a
        relative on a noun that is no actor: a phrase of words after the last
        actor named before it."""
        lower = self._tok.lower
        relative = next(
            (k for k in range(at - 1, max(last.last, at - 3), -1) if lower[k] in _THING_RELATIVES),
            None,
        )
        if relative is None:
            return False
        gap = [w for w in lower[last.last + 1 : relative] if w != ","]
        return len(gap) >= _THING_GAP

    def _participle_before(self, scope: _Scope) -> int | None:
        """The participle that a comma sets off before the trigger in its clause,
        if any: the "expelling" of ", expelling ... and downgrading"."""
        lower, match = self._tok.lower, scope.match
        comma = next(
            (k for k in range(match.first - 1, scope.clause.first - 1, -1) if lower[k] == ","),
            None,
        )
        if comma is None or comma + 1 >= match.first:
            return None
        word = lower[comma + 1]
        return comma + 1 if word.endswith("ing") and word not in self._preps else None

    def _means_verb(self, clause_first: int, at: int) -> int:
        """ "Albanese used the talks with Xi to urge Beijing": the means verb before
        an infinitive, whose object ("the talks") does not do the act; else
        past the verb (no bound)."""
        lower = self._tok.lower
        if at < 1 or "to" not in lower[max(clause_first, at - 2) : at]:
            return at
        return next(
            (
                k
                for k in range(at - 2, max(clause_first, at - 2 - _MEANS_REACH) - 1, -1)
                if lower[k] in self._means_used
            ),
            at,
        )

    def _domestic_before(self, at: int, clause_first: int) -> bool:
        """Whether the verb at `at` follows right after a non-state party's noun
        ("the rebels", "protesters"; titles.toml kind "domestic"): its subject."""
        k = at - 1
        if k < clause_first or at < 0:
            return False
        found = self._titles.longest(self._tok.lower, k, at)
        return found is not None and found[1] == "domestic"

    def _dated(self, first: int, stop: int) -> bool:
        """Whether a number stands in tokens first..stop-1 (a date's day or year)."""
        return any(word[:1].isdigit() for word in self._tok.lower[first:stop])

    def _closed_aside(self, span: SentenceSpan, clause: Clause, at: int) -> int:
        """The comma that closes an aside the verb at `at` comes after, when its
        clause opens with one ("King Abdullah, meeting Scholz in Berlin on
        Tuesday, urged Germany": Scholz is the aside's object); else -1."""
        lower = self._tok.lower
        if clause.first - 1 <= span.first or lower[clause.first - 1] != ",":
            return -1
        if not opens_aside(lower[clause.first], self._relative):
            return -1
        return next((k for k in range(at - 1, clause.first, -1) if lower[k] == ","), -1)

    def _before_aside(
        self, span: SentenceSpan, clause: Clause, trigger_first: int
    ) -> list[Mention]:
        """ "after Estonia, citing security concerns, expelled", "after Estonia, which
        accuses Moscow of spying, expelled": the subject stands right before the
        participle or relative aside between commas that the verb's clause ends or
        resumes after."""
        lower = self._tok.lower
        opening = clause.first - 1
        if opening <= span.first or lower[opening] != ",":
            return []
        if opens_aside(lower[clause.first], self._relative):
            # the aside opens this clause: the verb comes after its closing comma
            end = trigger_first if trigger_first >= 0 else clause.last
            if "," not in lower[clause.first : end]:
                return []
        else:
            # this clause resumes after a relative clause, which holds no comma
            relative = self._relative_opening(span, clause)
            if relative is None:
                return []
            opening = relative
        before = self.within(span.first, opening - 1)
        if not before or before[-1].last != opening - 1 or not self._may_be_subject(before[-1]):
            return []
        # "Mirzoyan and Bayramov, who arrived on Thursday, held talks": the list
        return self._coordinated_left(before, len(before) - 1)

    def _relative_opening(self, span: SentenceSpan, clause: Clause) -> int | None:
        """The comma that opens the relative clause (", who fled Iran,") after which
        this clause resumes, if it does."""
        lower = self._tok.lower
        if clause.first - 1 <= span.first or lower[clause.first - 1] != ",":
            return None
        opening = next(
            (k for k in range(clause.first - 2, span.first, -1) if lower[k] == ","), None
        )
        if opening is None or lower[opening + 1] not in self._relative:
            return None
        return opening

    def _may_be_subject(self, m: Mention) -> bool:
        """No preposition, no place, and no possessor of anything but an office."""
        return m.prep is None and not m.location and not (m.possessive and not self._owns_office(m))

    def _owns_office(self, m: Mention) -> bool:
        """ "Sun's delegation", "Egypt's foreign minister": the possessor acts through
        them; so does a state through a person it names ("Armenia's Ruben Rubinyan")."""
        size = len(self._tok)
        for k in range(m.last + 2, min(m.last + 5, size)):  # "Japan's new foreign minister"
            if self._titles.longest(self._tok.lower, k, size):
                return True
        return m.code is not None and self._names_person(m.last + 2)

    def _names_person(self, first: int) -> bool:
        """Whether two or three capitalized words from token `first` on look like a
        person's name: no known actor among them, and no thing's head ("Dam")."""
        words, lower = self._tok.words, self._tok.lower
        end = first
        while end < min(first + _NAME_WORDS, len(words)) and words[end][:1].isupper():
            if not words[end].replace("-", "").isalpha():
                return False
            end += 1
        if end - first < 2 or (end < len(words) and words[end][:1].isupper()):
            return False
        return lower[end - 1] not in self._thing_heads and not self.within(first, end - 1)

    def _fronted_subject(self, scope: _Scope) -> list[Mention]:
        """ "In a phone call with Li on Monday, Albanese raised ...", "Meeting
        Lula in Brasilia, Macron said ...": the subject (with its conjuncts)
        follows the sentence-opening prepositional or participle phrase that
        holds the trigger."""
        lower = self._tok.lower
        first = scope.clause.first
        participle = first == scope.span.first and lower[first].endswith("ing")
        # "At Wang's invitation, Sola will visit": the noun's possessor is no subject
        owner = scope.before[-1:] if scope.before and scope.before[-1].possessive else []
        if len(scope.before) > len(owner) or (lower[first] not in self._preps and not participle):
            return []
        comma = next(
            (k for k in range(scope.match.last + 1, scope.clause.last) if lower[k] == ","), None
        )
        if comma is None:
            return []
        following = [m for m in self.within(comma + 1, scope.clause.last) if m.prep is None]
        if not following or following[0].location:
            return []
        # "In a phone call on Monday, Erdogan and Putin discussed ...": both speak
        return self._coordinated(following, 0)

    def _coordinated(self, group: list[Mention], n: int) -> list[Mention]:
        """The mention at n plus those joined to it by "and" or commas ("Li and Shoigu");
        a lone comma joins only a list that an "and" goes on to close ("At the
        invitation of Wang Yi, Lavrov will visit": two clauses)."""
        chosen = [group[n]]
        end = group[n].last  # where the conjunct found last ends, its possessed included
        for k in range(n + 1, len(group)):
            m = group[k]
            gap = self._tok.lower[end + 1 : m.first]
            owner = chosen[-1]
            if owner.possessive and end == owner.last and POSSESSIVE_MARKS.issuperset(gap):
                end = m.last  # "Guyana's Irfaan Ali and Venezuela's ...": one conjunct
                continue
            if (
                gap
                and (
                    all(w in _COORDINATORS or w in _CONJUNCT_DETERMINERS for w in gap)
                    or gap == _AND_THEN  # "met Aliyev and then Pashinyan separately"
                    or (len(gap) == 2 and gap[0] == "and" and gap[1] in _CONJUNCT_COUNTS)
                )
                and m.prep in {None, chosen[0].prep}
                and (gap != (",",) or self._list_closes(group, k))
                # "spoke with Erdogan, and the two agreed": a group past a comma
                # opens a clause of its own
                and not (m.kind == "group" and "," in gap)
            ):
                chosen.append(m)
                end = m.last
            else:
                break
        return chosen

    def _whom_antecedent(self, clause: Clause, prep: str | None = None) -> list[Mention]:
        """ "Macron, whom he met briefly in Rome": the object of a verb in a
        relative clause opened by "whom" is the name before its comma; so is the
        `prep` phrase of one opened by it ("Popescu, with whom he signed")."""
        lower = self._tok.lower
        whom = clause.first + (prep is not None)
        if whom >= len(lower) or lower[whom] != "whom":
            return []
        if prep is not None and lower[clause.first] != prep:
            return []
        if clause.first < 2 or lower[clause.first - 1] != ",":
            return []
        before = self.within(clause.sentence_first, clause.first - 2)
        last = before[-1] if before else None
        if last is None or last.last != clause.first - 2 or last.kind in _NOT_ARGUMENTS:
            return []
        return [last]

    def _listed_modifiers(self, chosen: list[Mention], modifiers: list[Mention]) -> list[Mention]:
        """ "the American and British sanctions", "the U.S. and British measures",
        "U.S.-Iranian contacts": demonyms listed or hyphenated right after the last
        one chosen join it."""
        lower = self._tok.lower
        for m in modifiers:
            between = lower[chosen[-1].last + 1 : m.first]
            if m.first > chosen[-1].last and (
                between == ("-",) or (0 < len(between) <= 2 and _LIST_WORDS.issuperset(between))
            ):
                chosen = [*chosen, m]
        return chosen

    def _list_closes(self, group: list[Mention], k: int) -> bool:
        """Whether the list that reaches group[k] goes on to an "and" or "or"."""
        lower = self._tok.lower
        gaps = [lower[left.last + 1 : right.first] for left, right in pairwise(group[k:])]
        return list_goes_on(gaps, 0, _LIST_WORDS)

    def _coordinated_left(self, group: list[Mention], n: int) -> list[Mention]:
        chosen = [group[n]]
        edge = group[n].first  # where the conjunct found last begins, its possessor included
        lower = self._tok.lower
        for k in range(n - 1, -1, -1):
            m = group[k]
            gap = lower[m.last + 1 : edge]
            if m.possessive and POSSESSIVE_MARKS.issuperset(gap):
                edge = m.first  # "Rwanda's Nduhungirehe": the possessor is part of it
                continue
            if (
                m.kind == "person"
                and not m.named
                and group[k + 1].named
                and m.key is not None
                and m.key == group[k + 1].key
                and gap[-1:] == (",",)
                and all(
                    w[:1].isupper() or w in _TITLE_JOINERS
                    for w in self._tok.words[m.last + 1 : edge - 1]
                )
            ):
                # "Portuguese Minister of State and Foreign Affairs, Paulo Rangel": a
                # title set before the name it goes with is part of the conjunct
                edge = m.first
                continue
            if (
                m.kind == "person"
                and len(gap) > 3
                and gap[0] == ","
                and gap[-2:] == (",", "and")
                and len(gap) <= _PERSON_ASIDE + 3
                and _PUNCTUATION.isdisjoint(gap[1:-2])
                and self._reporting.isdisjoint(gap)  # ", his office said, and"
            ):
                # "Vucic, then still prime minister, and Thaci met": an aside on the
                # first person, set off by commas, sits inside the list
                chosen.insert(0, m)
                edge = m.first
                continue
            if (
                gap == (",", "and")
                and len(chosen) == 1
                and (k == 0 or lower[group[k - 1].last + 1 : m.first] != (",",))
                # "..., Nasser Bourita, and ...": a name set off by commas ends
                # its own apposition, and the "and" joins the next
                and (m.first == 0 or lower[m.first - 1] != ",")
            ):
                # "accused Belgrade of seeking to annex northern Kosovo, and Mogherini
                # invited ...": ", and" lists only after a comma ("Rwanda, Burundi,
                # and Kenya"); else it opens a clause of its own
                break
            if (
                gap
                and all(w in _COORDINATORS or w in _CONJUNCT_DETERMINERS | {"both"} for w in gap)
                and m.prep is None
            ):
                chosen.insert(0, m)
                edge = m.first
            else:
                break
        return chosen

    def location(self, clause: Clause, match: TriggerMatch) -> Mention | None:
        for m in self.within(match.last + 1, clause.last):
            if m.location:
                return m
        return None


# Tokens from a verb's object to a noun trigger naming the same exchange:
# "invited Jaishankar to Vienna during a phone call".
_NOUN_PARTIES_GAP = 7
# Tokens from a trigger to the state adjective of its object: "condemned the
# Russian decision"; farther right after "on" ("tariffs of 80.5% on Australian barley").
_MODIFIER_REACH = 4
_MODIFIER_PREP_REACH = 8
# "In a phone call on Saturday, Macron urged ...": how far the trigger may stand
# from the sentence's opening preposition, and from the comma after it.
_FRONTED_OPENERS = frozenset({"in", "during"})
# "discussed Ukraine in a call", "over the phone": what opens a call noun's phrase
_CALL_OPENERS = frozenset({"in", "during", "over"})
_FRONTED_LEAD = 4
_FRONTED_TAIL = 6

# "the five", "the six powers": a side of so many states counts as a group of its
# own, told apart from the larger event it faced (pipeline.py keeps such sides)
WIDE_SIDE = 5
_GROUP_SIZES = {
    "both": 2,
    "two": 2,
    "duo": 2,
    "three": 3,
    "trio": 3,
    "four": 4,
    "quartet": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}


def _doers(act: Mention, deeds: Mapping[str, tuple[int, list[Mention]]]) -> list[Mention]:
    """Who did the event an act mention names; "the decision" looks one sentence
    back, and past that means the deed the article opened with (NEWS_DEED)."""
    kind = act.refers or ""
    found = deeds.get(kind)
    if not kind and (found is None or found[0] < act.sentence - 1):
        found = deeds.get(NEWS_DEED)
    return found[1] if found is not None else []


def _group_size(group: Mention) -> int | None:
    return next((_GROUP_SIZES[w] for w in group.name.lower().split() if w in _GROUP_SIZES), None)


def opens_conjunct(
    lower: Sequence[str], first: int, last: int, joiners: Set[str] = _CONJUNCT_JOINERS
) -> bool:
    """Whether ", and" (a comma and one of `joiners`) stands between tokens first
    and last."""
    return any(a == "," and b in joiners for a, b in pairwise(lower[first:last]))


def _counted(group: Mention, parties: list[Mention]) -> list[Mention]:
    """ "the three countries" after "Spain, Ireland and Norway recognized Palestine":
    as many of the parties as the phrase counts, the source side first."""
    size = _group_size(group)
    unique = _unique(parties)
    return unique[:size] if size is not None else unique


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str | None] = set()
    unique: list[Mention] = []
    for m in mentions:
        key = m.key  # read once: a property call per read
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique
