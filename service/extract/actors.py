"""Actor mentions: countries, capitals, organizations, officials and bodies.

One pass per sentence builds actor phrases from the gazetteer and the title
lexicon ("Chinese" + "Vice Foreign Minister" + "Sun Weidong"); a second pass
links later surname-only mentions ("Sun") to the full names seen in the
article; a last pass resolves subject pronouns ("it", "he") to the nearest
fitting actor before them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from types import MappingProxyType

from service.extract.resources import PhraseIndex, Resources, Surface, build_index
from service.extract.tokens import (
    POSSESSIVE_MARKS,
    Tokens,
    plain,
    positions,
    positions_of,
    quoted,
)

_NAME_PARTICLES = frozenset(
    {"bin", "al", "de", "da", "van", "von", "der", "la", "le", "del", "el", "ibn", "dos", "di"}
)
_MAX_NAME_TOKENS = 7  # "Sheikh Tamim bin Hamad Al Thani"
_OWNERS_OF_OFFICE = frozenset({"his", "her", "its", "their"})  # "in his capacity as"
_CAPACITY_REACH = 6  # "in his capacity as Chairperson of the African Union"
_PORTFOLIO_WORDS = 4  # words of an office's portfolio before its holder: "chair on Myanmar"
_PORTFOLIO_SPAN = 8  # tokens from "minister for" or to "affairs" past the names between
_MAX_TITLED_RUN = 8  # "Vice Foreign Minister Pak Myong Ho" after a demonym
_MAX_MODIFIERS = 3  # lower-case words between a country and a title ("ruling party official")
_OF = frozenset({"of"})
_OF_OR_FROM = frozenset({"of", "from"})
_IN = frozenset({"in"})
VISITORS, HOSTS = "visitors", "hosts"  # what a visit side ("his guest") refers to
_APPOSITIVE_PREPOSITIONS = frozenset({"of", "to", "for"})  # ", a senior adviser to Iran's ..."
# A noun phrase opened by these after a comma is an appositive (", the secretary
# of", ", a senior adviser to"), not a participle clause.
APPOSITIVE_DETERMINERS = frozenset({"the", "a", "an"})
_APPOSITIVE_ROLE_WORDS = 4  # article to preposition: "a senior foreign policy adviser"
_TITLE_REACH = 4  # title words between "then" and a name ("then Foreign Minister")
_COUNTRY_KINDS = frozenset({"country", "capital", "alias", "organization"})
# What may stand for a state in "China-Japan talks" or "Russian-Ukrainian talks"
_STATE_PARTS = frozenset({"country", "adjective", "capital", "alias"})
_PAIR_MODIFIERS = 4  # words between "U.S.-China" and its event: "foreign ministers' strategic"
# A capitalized word joined to another by a hyphen: maybe two state names
_STATE_COMPOUND_RE = re.compile(r"[A-Z][\w.]*-[A-Z]")
_OF_STATE_KINDS = frozenset({"country", "alias", "organization"})  # "Kuchma of Ukraine"
# How many sentences back "the bloc" looks for the organization it names
_ORGANIZATION_REACH = 6


# Words that, right after "the two" or "both", show the opener is the whole
# phrase and a verb follows; trigger words show it as well.
_GROUP_VERBS = frozenset({"have", "had", "are", "were", "will", "would", "also", "then", "later"})

# Quotation marks as the tokenizer leaves them; "``" and "''" arrive as two tokens.
_OPENING_QUOTES = frozenset({'"', "“", "`"})
_CLOSING_QUOTES = frozenset({'"', "”", "'"})
# "he's" is "he is" or "he has", its pronoun a subject; "it's" mostly opens
# an impersonal clause ("it's time to").
_TITLE_WORDS_BEFORE = 3  # "Foreign Minister Borrell", "Deputy Prime Minister X"
_PERSON_PRONOUNS = frozenset({"he", "she"})
# Words before a title that make its holder no longer in office.
_FORMER = frozenset({"former", "ex"})
# Name suffixes written with a period, which the tokenizer splits off.
_NAME_SUFFIXES = frozenset({"jr", "sr"})
# A possessive pronoun before "government" stands for the state of whom its
# subject pronoun would name: "his government" for "he".
_OWNER_PRONOUNS = MappingProxyType({"his": "he", "her": "she", "its": "it"})
_LIST_JOINERS = frozenset({",", "and", "or"})  # words between the names of a list
_LOCATIONS = frozenset({"capital", "country", "place"})  # what may head a list of destinations
_QUOTE_REACH = 3  # "We" or "I" opens its quotation, give or take a word or two
_ASIDE_REACH = 12  # ", citing security concerns,": the tokens an aside between commas may run
_ASIDE_ENDS = frozenset({",", ".", ";", ":", "—", "(", ")"})
# ", and" or ", while" opening a clause of its own subject ("Bahrain cut ties,
# while the UAE said it was lowering its representation")
_CLAUSE_JOINTS = frozenset({"and", "while", "whereas"})
# "and its allies", "and other Gulf states": companions left unnamed after a
# name, in so many words at most
_COMPANION_HEADS = frozenset({"its", "their", "other"})
_COMPANION_WORDS = 3
_PLACE_NAME_WORDS = 3  # "the Russian city of Nizhny Novgorod": words of an introduced place
_PLACE_ADJECTIVE_REACH = 4  # "the remote northern Malian town of": adjective to place kind
_PLACE_PHRASE_ENDS = frozenset({"the", "a", "an", ",", ".", "of", "in", "to"})
_PLACE_STATE_ENDS = frozenset({",", ".", ";", ")", "on", "in", "at", "for"})  # "in Granada, Spain,"


@dataclass(slots=True, eq=False)
class Mention:
    first: int  # token span, inclusive
    last: int
    sentence: int
    # "country" | "capital" | "alias" | "organization" | "person" | "body" | "place" | "pronoun"
    # | "group" | "act" (the last event as somebody's deed: "the expulsion")
    # | "epithet" (a described state, "the kingdom", until resolved to a "country")
    kind: str
    code: str | None
    organization: str | None
    name: str
    title: str | None = None
    possessive: bool = False  # followed by "'s"
    prep: str | None = None  # governing preposition ("with", "to", ...)
    location: bool = False  # a place ("in Pyongyang"), not a participant by itself
    named: bool = False  # a person's proper name is known ("Sun Weidong", not "the leader")
    members: list[Mention] | None = None  # what "they" stands for
    # of an "act": the event type it names back ("" for any), or the deed noun
    # ("raid", cues.toml [deeds]); of a pronoun such as
    # "his government": the subject pronoun it is resolved as ("he"); of a
    # group such as "his guest": the side of the last visit (VISITORS, HOSTS)
    refers: str | None = None
    # the name half of a compound modifier ("U.S.-brokered deal", "Iran-backed
    # rebels"): it modifies the noun, it takes no part in the clause itself
    compound: bool = False

    def __init__(
        self,
        first: int,
        last: int,
        sentence: int,
        kind: str,
        code: str | None,
        organization: str | None,
        name: str,
        title: str | None = None,
        possessive: bool = False,
        prep: str | None = None,
        location: bool = False,
        named: bool = False,
        members: list[Mention] | None = None,
        refers: str | None = None,
        compound: bool = False,
    ) -> None:
        # Written out: mypyc compiles an __init__ of the class's own, while the one
        # @dataclass generates runs interpreted, four times slower; an article builds
        # a few hundred mentions.
        self.first = first
        self.last = last
        self.sentence = sentence
        self.kind = kind
        self.code = code
        self.organization = organization
        self.name = name
        self.title = title
        self.possessive = possessive
        self.prep = prep
        self.location = location
        self.named = named
        self.members = members
        self.refers = refers
        self.compound = compound

    @property
    def key(self) -> str | None:
        return self.code or self.organization

    def copy(self) -> Mention:
        """A shallow copy (`dataclasses.replace` costs several times more on this hot path)."""
        return Mention(
            self.first,
            self.last,
            self.sentence,
            self.kind,
            self.code,
            self.organization,
            self.name,
            self.title,
            self.possessive,
            self.prep,
            self.location,
            self.named,
            self.members,
            self.refers,
            self.compound,
        )


@dataclass(slots=True)
class SentenceSpan:
    first: int  # token range of a sentence, inclusive
    last: int

    def __init__(
        self,
        first: int,
        last: int,
    ) -> None:
        # Written out, as Mention's is: several are built per sentence.
        self.first = first
        self.last = last


def sentence_token_spans(tokens: Tokens, char_spans: list[tuple[int, int]]) -> list[SentenceSpan]:
    spans: list[SentenceSpan] = []
    for start, end in char_spans:
        first = bisect_right(tokens.ends, start)
        last = bisect_right(tokens.starts, end - 1) - 1
        spans.append(SentenceSpan(first, max(first, last)))
    return spans


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """The word sets the actor finder consults, derived from the resources once.

    Building them per article (set unions over the cue lists, key views of
    the phrase indexes) cost as much as scanning a short article.
    """

    preps: frozenset[str]
    dets: frozenset[str]
    location_preps: frozenset[str]
    seat_place_preps: frozenset[str]
    clause_preps: frozenset[str]
    absolute_preps: frozenset[str]
    ing_prepositions: frozenset[str]
    relatives: frozenset[str]
    subject_pronouns: frozenset[str]
    own_governments: frozenset[str]
    quoted_pronouns: frozenset[str]
    capital_name_heads: frozenset[str]
    thing_name_heads: frozenset[str]
    hyphen_particles: frozenset[str]  # "al-Sisi" continues a name
    state_forms: frozenset[str]
    state_modifiers: frozenset[str]
    size_nouns: frozenset[str]  # "six-member", "27-nation": a bloc's size before its name
    member_heads: frozenset[str]  # "a NATO member", "NATO ally Turkey": membership, not the bloc
    seated_bodies: frozenset[str]
    bare_seated_bodies: frozenset[str]
    arrival_verbs: frozenset[str]
    representatives: frozenset[str]
    # ... and for a group of states: "the foreign ministers of the Baltic states"
    group_representatives: frozenset[str]
    delegation_nouns: frozenset[str]  # representatives sent "from" states, for them
    appositive_roles: frozenset[str]  # ", an adviser to Iran's ...": serving that state
    plural_titles: frozenset[str]
    group_openers: frozenset[str]
    group_heads: frozenset[str]
    group_heads_reciprocal: frozenset[str]
    group_anaphora: PhraseIndex
    visit_sides: PhraseIndex  # "his guest" -> VISITORS, "their host" -> HOSTS
    event_anaphora: PhraseIndex
    act_anaphora: PhraseIndex
    organization_anaphora: PhraseIndex
    body_anaphora: PhraseIndex
    ruling_bodies: frozenset[str]
    honorifics: frozenset[str]  # "Senator", "Ms": forms of address, no given names
    place_kinds: frozenset[str]  # "the Polish city of Lublin": what a place introduced so is
    office_anaphora: PhraseIndex
    portfolio_preps: frozenset[str]  # "envoy of the chair on Myanmar, <name>"
    home_organ_words: frozenset[str]  # "the foreign ministry": the dateline state's, lowercase
    portfolio_heads: frozenset[str]  # "minister for ... affairs": the office before
    portfolio_ends: frozenset[str]  # ... and the word that closes its subject matter
    # "the President": the story's first one, not the last named
    home_offices: frozenset[tuple[str, ...]]
    # offices only one state has, lower case -> its code (cues.toml: [state_offices])
    state_offices: Mapping[str, str]
    last_holder_offices: frozenset[tuple[str, ...]]  # "the minister": the last one told
    not_given_names: frozenset[str]  # capitalized words that may follow a surname
    group_opener_phrases: PhraseIndex
    function_words: frozenset[str]
    finite_words: frozenset[str]  # auxiliaries and reporting verbs: a clause goes on
    trigger_words: frozenset[str]
    # "talks", "meeting", "commission": what a pair of states names
    noun_trigger_words: frozenset[str]
    case_starters: frozenset[str]  # tokens that can open a gazetteer phrase
    title_starters: frozenset[str]  # lower-case tokens that can open a title
    group_starters: frozenset[str]  # lower-case tokens that can open "the two sides" and the like
    lower_starters: frozenset[str]  # lower-case tokens that can open any other actor phrase

    @classmethod
    def build(cls, resources: Resources) -> ActorLexicon:
        cues, phrases = resources.cues, resources.phrases
        acts = _act_index(resources)
        return cls(
            preps=cues["prepositions"],
            dets=cues["determiners"],
            location_preps=cues["location_prepositions"],
            seat_place_preps=cues["seat_place_prepositions"],
            clause_preps=cues["clause_prepositions"],
            absolute_preps=cues["absolute_prepositions"],
            ing_prepositions=cues["ing_prepositions"],
            relatives=cues["relative_pronouns"],
            subject_pronouns=cues["subject_pronouns"],
            own_governments=cues["own_governments"],
            quoted_pronouns=cues["quoted_pronouns"],
            capital_name_heads=cues["capital_name_heads"],
            thing_name_heads=cues["thing_name_heads"],
            hyphen_particles=cues["hyphen_particles"],
            state_forms=cues["state_forms"],
            state_modifiers=cues["state_modifiers"],
            size_nouns=cues["size_nouns"],
            member_heads=cues["member_heads"],
            seated_bodies=cues["seated_bodies"],
            bare_seated_bodies=cues["bare_seated_bodies"],
            arrival_verbs=cues["arrival_verbs"],
            representatives=cues["representatives"],
            group_representatives=cues["representatives"] | cues["group_representatives"],
            delegation_nouns=cues["delegation_nouns"],
            appositive_roles=cues["appositive_roles"],
            plural_titles=cues["plural_titles"],
            group_openers=cues["group_openers"],
            group_heads=cues["group_heads"],
            group_heads_reciprocal=cues["group_heads_reciprocal"],
            group_anaphora=phrases["group_anaphora"],
            visit_sides=build_index(
                {
                    **dict.fromkeys(resources.cue_entries["visit_guests"], VISITORS),
                    **dict.fromkeys(resources.cue_entries["visit_hosts"], HOSTS),
                }
            ),
            event_anaphora=phrases["event_anaphora"],
            act_anaphora=acts,
            organization_anaphora=phrases["organization_anaphora"],
            # "the junta", "the regime": resolved to the state of that body told before
            body_anaphora=build_index({("the", body): True for body in cues["seated_bodies"]}),
            ruling_bodies=cues["ruling_bodies"],
            honorifics=cues["honorifics"],
            place_kinds=cues["place_kinds"],
            # "the minister": resolved to the person last told with that title
            office_anaphora=build_index(
                {
                    ("the", *office): True
                    for name in ("office_anaphora", "home_offices")
                    for office in resources.cue_entries[name]
                }
            ),
            home_offices=frozenset(resources.cue_entries["home_offices"]),
            state_offices=MappingProxyType(
                dict(resources.raw["events/cues.toml"].get("state_offices", {}))
            ),
            last_holder_offices=frozenset(resources.cue_entries["office_anaphora"]),
            portfolio_preps=cues["portfolio_prepositions"],
            home_organ_words=cues["home_organ_words"],
            portfolio_heads=cues["portfolio_heads"],
            portfolio_ends=cues["portfolio_ends"],
            not_given_names=cues["not_given_names"],
            group_opener_phrases=phrases["group_openers"],
            function_words=frozenset(
                cues["prepositions"]
                | cues["be"]
                | cues["reporting"]
                | cues["planned"]
                | cues["subordinators"]
                | {"its", "his", "her", "their", "the", "a", "an", "and", "or"}
            ),
            finite_words=cues["subject_auxiliaries"] | cues["reporting"],
            trigger_words=frozenset(resources.triggers.by_first),
            noun_trigger_words=frozenset(
                word
                for word, triggers in resources.triggers.by_first.items()
                if any(t.pos == "noun" for t in triggers)
            )
            | cues["pair_bodies"],
            case_starters=frozenset(resources.gazetteer.by_first),
            title_starters=frozenset(resources.titles.by_first),
            group_starters=frozenset(
                phrases["group_anaphora"].by_first.keys()
                | phrases["event_anaphora"].by_first.keys()
                | acts.by_first.keys()
                | phrases["group_openers"].by_first.keys()
                | phrases["visit_guests"].by_first.keys()
                | phrases["visit_hosts"].by_first.keys()
                | cues["group_openers"]
                | {"the"}
            ),
            lower_starters=frozenset(
                resources.titles.by_first.keys()
                | phrases["group_anaphora"].by_first.keys()
                | phrases["event_anaphora"].by_first.keys()
                | acts.by_first.keys()
                | phrases["group_openers"].by_first.keys()
                | phrases["visit_guests"].by_first.keys()
                | phrases["visit_hosts"].by_first.keys()
                | cues["group_openers"]
                | cues["subject_pronouns"]
                | _OWNER_PRONOUNS.keys()
            ),
        )


def _act_index(resources: Resources) -> PhraseIndex:
    """Every act_anaphora phrase, with the event type it names back ("" for any),
    and "the" before each deed noun (cues.toml [deeds]), naming that noun."""
    entries: dict[tuple[str, ...], str] = {}
    for name, index in resources.phrases.items():
        if name != "act_anaphora" and not name.startswith("act_anaphora_"):
            continue
        kind = name.removeprefix("act_anaphora").removeprefix("_")
        if kind and kind not in resources.event_types:
            raise ValueError(f"cue list {name}: {kind!r} is no event type")
        for lengths in index.by_first.values():
            for _, table in lengths:
                entries.update(dict.fromkeys(table, kind))
    # "the raid": a deed that is no diplomatic event, named by its noun
    for noun in resources.deed_nouns:
        entries[("the", noun)] = noun
    return build_index(entries)


class ActorFinder:
    """Finds actor mentions in one article (state lives only for that article)."""

    def __init__(
        self,
        resources: Resources,
        tokens: Tokens,
        year: int,
        home: str | None = None,
        lexicon: ActorLexicon | None = None,
        home_place: tuple[str, ...] = (),
    ) -> None:
        self._res = resources
        self._tok = tokens
        self._year = year
        # The dateline's state: wire copy introduces its own officials without
        # a demonym ("HONIARA (AP) — Foreign Minister Jeremiah Manele said").
        self._home = home
        # the words of the dateline's place ("Fairbanks" of "FAIRBANKS, Alaska")
        self._home_place = home_place
        self._lex = lexicon = lexicon or ActorLexicon.build(resources)
        self._preps = lexicon.preps
        self._dets = lexicon.dets
        self._function_words = lexicon.function_words
        self._requires: dict[tuple[str, ...], bool] = {}  # per article: an alias's condition
        # per article: (a person's name, its mention's last token) -> its surnames
        self._surname_forms: dict[tuple[str, int], tuple[str, ...]] = {}
        # per sentence: the state of a place the sentence opens with ("In Beijing, ..."),
        # whose officials and organs it goes on to quote without naming the state
        self._fronted: dict[int, str] = {}
        # per article: places the article introduces with their state ("the
        # eastern Polish city of Lublin"), by first word: (name, its surface)
        self._local_places: dict[str, list[tuple[tuple[str, ...], Surface]]] = {}

    def find(self, sentences: list[SentenceSpan]) -> list[Mention]:
        mentions: list[Mention] = []
        words, lower = self._tok.words, self._tok.lower
        self._introduce_places()
        # Only tokens that can open a phrase are worth a closer look.
        case_starters, lower_starters = self._lex.case_starters, self._lex.lower_starters
        local = self._local_places
        starts = [
            i
            for i in range(len(words))
            if words[i] in case_starters or lower[i] in lower_starters or words[i] in local
        ]
        # "China-Japan talks": one token of several state names
        compounds = [
            i for i, word in enumerate(words) if "-" in word and _STATE_COMPOUND_RE.match(word)
        ]
        if compounds:
            starts = sorted({*starts, *compounds})
        for index, span in enumerate(sentences):
            mentions.extend(self._scan(index, span, starts))
        registry = self._surnames(mentions)
        mentions = [self._resolve_person(m, registry) for m in mentions]
        lower = self._tok.lower
        ruling = self._lex.ruling_bodies
        rulers: str | None = None  # the state of the latest junta named with its state
        for m in mentions:
            if m.kind == "body" and m.code is not None and lower[m.last] in ruling:
                rulers = m.code
            elif m.kind == "person" and m.key is None and lower[m.first] in ruling:
                m.code = rulers  # "junta spokesman Colonel Armando Sanca"
            elif m.kind == "person" and m.key is None and m.title is not None:
                # "Deputy Secretary of State Victoria Nuland" in a Niamey story
                m.code = self._lex.state_offices.get(m.title.lower())
        if self._home is not None or self._fronted:
            for m in mentions:
                if (
                    m.kind == "person"
                    and m.key is None
                    and m.title is not None
                    and not self._after_former(m.first)
                    and lower[m.first] not in ruling
                ):
                    m.code = self._fronted.get(m.sentence, self._home)
            registry = self._surnames(mentions)
        if registry:
            # the tokens the phrases found cover, needed only once a surname is known
            covered = {i for m in mentions for i in range(m.first, m.last + 1)}
            # The tokens that are known surnames, then sentence by sentence;
            # "Al-Shaibani" opening a sentence is the "Shaibani" of "Asaad al-Shaibani".
            written = tuple(self._unparticled(w) if "-" in w else w for w in words)
            known = positions(written, registry.keys())
            for index, span in enumerate(sentences):
                for i in known[bisect_left(known, span.first) : bisect_right(known, span.last)]:
                    # "Ricardo Lozano" is not Ricardo Patino: another name goes on
                    if i not in covered and not self._given_name_follows(i + 1, span.last + 1):
                        mentions.append(self._registry_mention(i, index, span, registry))
        firsts = [span.first for span in sentences]
        if self._home is not None:
            mentions.extend(self._here(firsts))
            mentions.extend(self._dateline_place(firsts, mentions))
        mentions = [
            m
            for m in mentions
            if m.key is not None or m.kind in {"pronoun", "group", "act", "epithet"}
        ]
        mentions.sort(key=lambda m: m.first)
        mentions = self._appositive_offices(mentions)
        if not self._lex.portfolio_ends.isdisjoint(lower):
            mentions = [m for m in mentions if not self._in_portfolio(m)]
        if "capacity" in self._tok.lower:
            mentions = self._in_capacity(mentions)
        return self._resolve_pronouns(mentions, firsts)

    def _in_portfolio(self, m: Mention) -> bool:
        """Whether a name is the subject matter of an office's portfolio, between
        "minister for" and "affairs": "Algeria's minister for Maghreb, African
        Union and Arab League affairs" (names, commas and "and" only between)."""
        if m.kind == "person" or m.key is None:
            return False
        lower, words = self._tok.lower, self._tok.words
        k = m.first - 1
        while k > 0 and m.first - k <= _PORTFOLIO_SPAN and _portfolio_filler(words[k]):
            k -= 1
        if not (
            k > 0
            and lower[k] in self._lex.portfolio_preps
            and lower[k - 1] in self._lex.portfolio_heads
        ):
            return False
        j = m.last + 1
        while j < len(lower) and j - m.last <= _PORTFOLIO_SPAN and _portfolio_filler(words[j]):
            j += 1
        return j < len(lower) and lower[j] in self._lex.portfolio_ends

    def _appositive_offices(self, mentions: list[Mention]) -> list[Mention]:
        """ "Uhuru Kenyatta, the East African Community's facilitator, met Kagame":
        an organization's office set off after a person's name is what the person
        acts for here, one mention with the name rather than a second party."""
        lower = self._tok.lower
        kept: list[Mention] = []
        for m in mentions:
            person = kept[-1] if kept else None
            if (
                person is not None
                and person.kind == "person"
                and person.named
                and m.kind == "person"
                and not m.named
                and m.organization is not None
                and m.code is None
                and lower[person.last + 1 : m.first] in {(",",), (",", "the")}
            ):
                person.code, person.organization = None, m.organization
                continue
            kept.append(m)
        return kept

    def _in_capacity(self, mentions: list[Mention]) -> list[Mention]:
        """ "mediated by President Tshisekedi of Congo in his capacity as
        Chairperson of the African Union": the person acts for the organization
        whose office the phrase names, and that organization is no other party."""
        lower = self._tok.lower
        offices: set[int] = set()
        for k in positions_of(lower, "capacity"):
            if not (k >= 2 and lower[k - 2] == "in" and lower[k - 1] in _OWNERS_OF_OFFICE):
                continue
            if k + 1 >= len(lower) or lower[k + 1] != "as":
                continue
            office = next(
                (
                    m
                    for m in mentions
                    if k < m.first <= k + _CAPACITY_REACH and m.organization and not m.code
                ),
                None,
            )
            holder = next(
                (m for m in reversed(mentions) if m.last < k - 2 and m.kind == "person"), None
            )
            if office is None or holder is None or holder.sentence != office.sentence:
                continue
            holder.code, holder.organization = None, office.organization
            offices.add(office.first)
        return [m for m in mentions if m.first not in offices]

    def _here(self, firsts: list[int]) -> Iterator[Mention]:
        """ "who arrived here on Tuesday" (or "in the country"): the dateline's
        place, for its state; `firsts` are the sentences' first tokens."""
        lower = self._tok.lower
        for k in positions_of(lower, "here"):
            if k > 0 and lower[k - 1] in self._lex.arrival_verbs:
                sentence = bisect_right(firsts, k) - 1
                yield Mention(k, k, sentence, "capital", self._home, None, self._tok.words[k])
        # "arrived in the country on Saturday": in state media, the host's country;
        # "arrived in the (national) capital": its capital
        for noun, kind in (("country", "country"), ("capital", "capital")):
            for k in positions_of(lower, noun):
                the = k - 2 if lower[k - 1] == "national" else k - 1
                if (
                    the > 1
                    and lower[the - 2] in self._lex.arrival_verbs
                    and lower[the - 1 : the + 1] == ("in", "the")
                    # "arrived in the capital, Pyongyang": the name after it says which
                    and (k + 1 >= len(lower) or lower[k + 1] not in {",", "of"})
                ):
                    sentence = bisect_right(firsts, k) - 1
                    name = self._tok.span_text(the, k)
                    yield Mention(the, k, sentence, kind, self._home, None, name, prep="in")

    def _dateline_place(self, firsts: list[int], found: list[Mention]) -> Iterator[Mention]:
        """ "FAIRBANKS, Alaska (AP) — Lavrov, who flew to Fairbanks": the dateline's
        place, which the lexicon may not know, is in the dateline's state."""
        place = self._home_place
        if not place or self._res.gazetteer.longest(place, 0, len(place)) is not None:
            return  # a known place ("Brussels") is the lexicon's to read
        covered = {k for m in found for k in range(m.first, m.last + 1)}
        words, width = self._tok.words, len(place)
        for k in positions_of(words, place[0]):
            last = k + width - 1
            if words[k : last + 1] == place and not covered.intersection(range(k, last + 1)):
                sentence = bisect_right(firsts, k) - 1
                name = self._tok.span_text(k, last)
                yield Mention(k, last, sentence, "place", self._home, None, name)

    def _introduce_places(self) -> None:
        """ "the eastern Polish city of Lublin", "the Azerbaijani town of Gabala":
        a place the lexicon may not know, introduced with its state's adjective;
        the article's later "travelled to Lublin" goes there."""
        words, lower = self._tok.words, self._tok.lower
        for k in positions(lower, self._lex.place_kinds):
            if k + 2 >= len(words) or lower[k + 1] != "of" or not words[k + 2][:1].isupper():
                continue
            end = k + 2
            while (
                end + 1 < len(words)
                and end < k + _PLACE_NAME_WORDS + 1
                and (words[end + 1][:1].isupper() and words[end + 1].isalpha())
            ):
                end += 1
            name = words[k + 2 : end + 1]
            if self._res.gazetteer.longest(words, k + 2, end + 1) is not None:
                continue  # a name the lexicon knows keeps its own reading
            code = self._place_adjective(k)
            if code is not None:
                # the name as written: words are read without accents
                surface = Surface("place", code, None, self._tok.span_text(k + 2, end))
                self._local_places.setdefault(name[0], []).append((name, surface))

    def _place_adjective(self, kind_at: int) -> str | None:
        """The state of the adjective a few words before a place kind ("the
        eastern Polish city"), if any."""
        words, lower = self._tok.words, self._tok.lower
        for j in range(kind_at - 1, max(-1, kind_at - _PLACE_ADJECTIVE_REACH - 1), -1):
            if lower[j] in _PLACE_PHRASE_ENDS:
                return None
            hit = self._res.gazetteer.longest(words, j, kind_at)
            codes: list[str] = [
                sf.code for sf in (hit[1] if hit else ()) if sf.kind == "adjective" and sf.code
            ]
            if codes:
                return codes[0]
        return None

    def _local_place(self, i: int, stop: int) -> tuple[int, Surface] | None:
        """The longest place the article introduced that starts at token i."""
        best: tuple[int, Surface] | None = None
        for name, surface in self._local_places.get(self._tok.words[i], ()):
            n = len(name)
            if (
                i + n <= stop
                and self._tok.words[i : i + n] == name
                and (best is None or n > best[0])
            ):
                best = (n, surface)
        return best

    # -- pass 1: phrases ---------------------------------------------------

    def _scan(self, sentence: int, span: SentenceSpan, starts: list[int]) -> list[Mention]:
        """Actor phrases of one sentence; `starts` lists the tokens that can open one."""
        words, lower = self._tok.words, self._tok.lower
        lex = self._lex
        stop = span.last + 1
        found: list[Mention] = []
        fronted = self._fronted_place(span.first, stop)
        if fronted is not None:
            self._fronted[sentence] = fronted
        i = span.first
        for position in starts[bisect_left(starts, span.first) : bisect_left(starts, stop)]:
            if position < i:
                continue  # inside a phrase already found
            i = position
            word = words[i]
            hit = self._gazetteer(i, stop)
            if hit is None and i + 3 < stop and words[i + 2] == ".":
                hit = self._initialed(i, stop)
            if hit is None and word in self._local_places:
                hit = self._local_place(i, stop)
            if hit is not None:
                length, surface = hit
                mention = self._from_surface(sentence, i, i + length - 1, surface, stop)
                if mention is not None:
                    found.append(mention)
                    i = mention.last + 1
                else:
                    i += length
                continue
            compound = self._state_compound(sentence, i, stop) if "-" in word else None
            if compound is not None:
                found.append(compound)
                i = compound.last + 1
                continue
            low = lower[i]
            title = self._res.titles.longest(lower, i, stop) if low in lex.title_starters else None
            if title is not None and (
                word[0].isupper() or title[1] != "person" or lower[i] in self._res.title_words
            ):
                mention = self._titled(sentence, i, i + title[0] - 1, title[1], None, stop)
                if mention is not None:
                    found.append(mention)
                    i = mention.last + 1
                    continue
            # "held talks with his guest": a side of the last visit told, which the
            # events give it once they reach it
            side = (
                self._indexed_reference(lex.visit_sides, "group", i, stop, sentence)
                if low in lex.group_starters
                else None
            )
            if side is not None:
                found.append(side)
                i = side.last + 1
                continue
            group = self._group_anaphor(i, stop) if low in lex.group_starters else 0
            if group and not self._names_all(i, stop):
                found.append(
                    Mention(
                        i,
                        i + group - 1,
                        sentence,
                        "group",
                        None,
                        None,
                        self._tok.span_text(i, i + group - 1),
                    )
                )
                i += group
                continue
            act = (
                self._indexed_reference(lex.act_anaphora, "act", i, stop, sentence)
                if low in lex.group_starters
                else None
            )
            if act is not None:
                found.append(act)
                i = act.last + 1
                continue
            # "the bloc" is resolved like a pronoun, to the latest organization;
            # "the kingdom" to a state, once the whole article is read
            reference = (
                self._organization_reference(i, stop, sentence)
                or self._reference(i, stop, sentence, self._res.epithets, "epithet")
                or self._body_reference(i, stop, sentence)
                or self._office_reference(i, stop, sentence)
                if low == "the"
                else None
            )
            if reference is not None:
                found.append(reference)
                i = reference.last + 1
                continue
            if (
                low in _OWNER_PRONOUNS
                and i + 1 < stop
                and lower[i + 1] in self._lex.own_governments
            ):
                # "said that his government was suspending relations": the state of
                # whom the pronoun names, resolved as its subject pronoun would be
                text = self._tok.span_text(i, i + 1)
                owner = _OWNER_PRONOUNS[low]
                found.append(Mention(i, i + 1, sentence, "pronoun", None, None, text, refers=owner))
                i += 2
                continue
            if lower[i] in self._lex.subject_pronouns and (
                i + 1 >= stop or words[i + 1] != "'s" or low in _PERSON_PRONOUNS
            ):
                found.append(Mention(i, i, sentence, "pronoun", None, None, word))
        found = self._join_hyphenated(self._absorb_of_states(found))
        # A place counts only after a preposition ("in Geneva", "to Jeddah"); as a
        # subject or object it would stand for its state, which a city does not.
        found = self._located_places([self._with_prep(m, span.first) for m in found])
        lower = self._tok.lower
        gaps = [lower[left.last + 1 : right.first] for left, right in pairwise(found)]
        for n, m in enumerate(found):
            # "a day after Liu and Trump signed": a list after a clause preposition
            # that goes on to a verb is that clause's subject (as one name is)
            if m.prep in self._lex.clause_preps or m.prep in self._lex.absolute_preps:
                end = _list_end(gaps, n)
                if (
                    end > n
                    and all("and" in gap or "or" in gap for gap in gaps[n:end])
                    and self._opens_own_clause(m.prep, found[end].last + 1)
                ):
                    m.prep = None
        # "with Ethiopia and Sudan": both follow "with"; after a lone comma only if
        # the list goes on, since "In Washington, Miller urged ..." has its subject
        # after the comma.
        for n, gap in enumerate(gaps):
            right = found[n + 1]
            if (
                right.prep is None
                and gap
                and _LIST_JOINERS.issuperset(gap)
                and ("and" in gap or "or" in gap or list_goes_on(gaps, n + 1, _LIST_JOINERS))
                # "talks with Xi, and the two sides signed ...", "the push for the
                # measures, and Spain responded": a group, or a name past ", and",
                # before a verb is that clause's subject
                and not (
                    (right.kind == "group" or "," in gap)
                    and self._finite_verb_follows(right.last + 1)
                )
                # "After the talks, Wang and Dar witnessed ...": the comma closes
                # the phrase that opens the sentence; the list after it is the
                # subject of the verb that follows it
                and not (
                    gap == (",",)
                    and self._opens_sentence(found[n], span.first)
                    and self._verb_follows(found[_list_end(gaps, n + 1)].last + 1)
                )
            ):
                right.prep = found[n].prep
        return self._link_leaders(found)

    def _indexed_reference(
        self, index: PhraseIndex, kind: str, i: int, stop: int, sentence: int
    ) -> Mention | None:
        """The phrase of `index` at token i as a mention of `kind` that refers to
        the phrase's value ("the expulsion" -> "expulsion", "his guest" -> VISITORS)."""
        hit = index.longest(self._tok.lower, i, stop)
        if hit is None:
            return None
        last = i + hit[0] - 1
        text = self._tok.span_text(i, last)
        return Mention(i, last, sentence, kind, None, None, text, refers=hit[1])

    def _reference(
        self, i: int, stop: int, sentence: int, index: PhraseIndex, kind: str
    ) -> Mention | None:
        """A phrase of `index` at token i as a mention of `kind` to be resolved later."""
        hit = index.longest(self._tok.lower, i, stop)
        return None if hit is None else self._referring(i, i + hit[0] - 1, stop, sentence, kind)

    def _organization_reference(self, i: int, stop: int, sentence: int) -> Mention | None:
        """ "the bloc", "the League": an organization named again, unless "of"
        goes on with a name ("the League of Nations", "the Council of Europe"; not
        "accused the bloc of ignoring")."""
        found = self._reference(i, stop, sentence, self._lex.organization_anaphora, "pronoun")
        after = found.last + 1 if found is not None else stop
        if (
            after + 1 < stop
            and self._tok.lower[after] == "of"
            and self._tok.words[after + 1][:1].isupper()
        ):
            return None
        return found

    def _referring(self, i: int, last: int, stop: int, sentence: int, kind: str) -> Mention:
        """Tokens i..last as a mention of `kind` to be resolved later."""
        possessive = last + 1 < stop and self._tok.words[last + 1] in POSSESSIVE_MARKS
        text = self._tok.span_text(i, last)
        return Mention(i, last, sentence, kind, None, None, text, possessive=possessive)

    def _state_compound(self, sentence: int, i: int, stop: int) -> Mention | None:
        """ "China-Japan talks", "Russian-Ukrainian negotiations": a token joining
        state names by hyphens is a group of those states. Its last part may go on
        into the next tokens ("China-Japan-South Korea")."""
        words = self._tok.words
        parts = words[i].split("-")
        members: list[Mention] = []
        last = i
        for n, part in enumerate(parts):
            tail = (part, *words[i + 1 : stop]) if n == len(parts) - 1 else (part,)
            hit = self._res.gazetteer.longest(tail, 0, len(tail))
            if hit is None:
                return None
            surface = next((s for s in hit[1] if s.kind in _STATE_PARTS and s.code), None)
            if surface is None:
                return None
            last = i + hit[0] - 1
            members.append(Mention(i, last, sentence, "country", surface.code, None, surface.name))
        if len({m.code for m in members}) < 2 or not self._names_event(last + 1, stop):
            return None
        name = self._tok.span_text(i, last)
        return Mention(i, last, sentence, "group", None, None, name, members=members)

    def _names_event(self, k: int, stop: int) -> bool:
        """Whether a noun trigger follows a pair of states within a few modifiers
        ("China-Japan talks", "U.S.-China trade talks", "Japan-Viet Nam Foreign
        Ministers' Meeting"), as it does not in "an Austrian-Iranian dual national"."""
        words, lower = self._tok.words, self._tok.lower
        for j in range(k, min(k + _PAIR_MODIFIERS + 1, stop)):
            if lower[j] in self._lex.noun_trigger_words:
                return True
            if not (words[j].isalpha() or words[j] in POSSESSIVE_MARKS):
                return False
        return False

    def _join_hyphenated(self, found: list[Mention]) -> list[Mention]:
        """ "U.S.-Russia talks": state names the tokenizer keeps apart, joined by a
        hyphen, are one group of those states."""
        lower = self._tok.lower
        joined: list[Mention] = []
        for m in found:
            before = joined[-1] if joined else None
            if (
                before is not None
                and m.first == before.last + 2
                and lower[m.first - 1] == "-"
                and _state_part(m)
                and (before.members is not None or _state_part(before))
                and self._names_event(m.last + 1, len(lower))
            ):
                members = before.members if before.members is not None else [_as_state(before)]
                joined[-1] = Mention(
                    before.first,
                    m.last,
                    m.sentence,
                    "group",
                    None,
                    None,
                    self._tok.span_text(before.first, m.last),
                    members=[*members, _as_state(m)],
                )
                continue
            joined.append(m)
        return joined

    def _locating(self, comma: int, mention: Mention, sentence_first: int) -> int | None:
        """Where the preposition stands when a state follows a place and a comma
        ("in Granada, Spain"), whether or not the lexicon knows the place."""
        lower, words = self._tok.lower, self._tok.words
        if mention.kind != "country" or comma - 2 < sentence_first or lower[comma] != ",":
            return None
        after = mention.last + 1
        if after < len(lower) and lower[after] not in _PLACE_STATE_ENDS:
            return None  # "In March 2018, Estonia expelled": the clause's subject
        k = comma - 1
        while (
            k > max(sentence_first, comma - 1 - _PLACE_NAME_WORDS)
            and words[k][:1].isupper()
            and lower[k] not in self._lex.not_given_names  # "in May, Spain ..."
        ):
            k -= 1
        if k < comma - 1 and lower[k] in self._lex.location_preps:
            return k
        return None

    def _located_places(self, found: list[Mention]) -> list[Mention]:
        """The mentions but places with no preposition, which would stand for their
        state as a subject or object; a place that goes on a list of places
        ("visited Kuwait, Doha and Jeddah") is one more destination."""
        lower = self._tok.lower
        kept: list[Mention] = []
        for m in found:
            if self._membership(m):
                continue
            if m.kind == "place" and m.prep is None:
                left = kept[-1] if kept else None
                if left is None or left.kind not in _LOCATIONS:
                    continue
                gap = lower[left.last + 1 : m.first]
                if not gap or not _LIST_JOINERS.issuperset(gap):
                    continue
            kept.append(m)
        return kept

    def _body_reference(self, i: int, stop: int, sentence: int) -> Mention | None:
        """ "the ministry" names again a body told before; "the Ministry of Foreign
        Affairs" is a body's own name, read as a title (`_portfolio_end`)."""
        hit = self._lex.body_anaphora.longest(self._tok.lower, i, stop)
        if hit is None or self._portfolio_end(i + hit[0] - 1, stop) > i + hit[0] - 1:
            return None
        return self._referring(i, i + hit[0] - 1, stop, sentence, "epithet")

    def _portfolio_end(self, t_last: int, stop: int) -> int:
        """ "the Ministry of Foreign Affairs (of Ukraine)": the capitalized portfolio
        after "of" belongs to the body's name; a state after it still owns it."""
        words = self._tok.words
        k = t_last + 1
        if not words[t_last][0].isupper() or k + 1 >= stop or self._tok.lower[k] != "of":
            return t_last
        if self._gazetteer(k + 1, stop) is not None:
            return t_last  # "the Ministry of Ukraine": of a state, not a portfolio
        run = self._capitalized_run(k + 1, stop)
        return t_last if run is None else run[1]

    def _office_reference(self, i: int, stop: int, sentence: int) -> Mention | None:
        """ "The minister called on ...": an office named again, unless a name or
        an "of" phrase follows that says whose it is ("the minister of Iran",
        "the foreign minister, Hakan Fidan,")."""
        hit = self._lex.office_anaphora.longest(self._tok.lower, i, stop)
        if hit is None:
            return None
        after = i + hit[0]
        words = self._tok.words
        if after < stop and words[after] == "," and after + 1 < stop:
            after += 1
        if after < stop and (words[after][:1].isupper() or words[after] in {"of", "for"}):
            return None
        return self._referring(i, i + hit[0] - 1, stop, sentence, "epithet")

    def _absorb_of_states(self, found: list[Mention]) -> list[Mention]:
        """ "Foreign Minister Jon Brakstad of Norway", "Zelenskiy of Ukraine": the
        state after a person's "of" is whom they act for, one mention with them
        rather than a second actor in an "of" phrase."""
        lower = self._tok.lower
        kept: list[Mention] = []
        for m in found:
            person = kept[-1] if kept else None
            if (
                person is not None
                and person.kind == "person"
                and m.kind in _OF_STATE_KINDS
                and m.first == person.last + 2
                and lower[person.last + 1] == "of"
                and person.key in {None, m.key}
            ):
                person.code, person.organization = m.code, m.organization
                person.last, person.possessive = m.last, m.possessive
                continue
            kept.append(m)
        return kept

    def _group_anaphor(self, i: int, stop: int) -> int:
        """Length of a "the two leaders" / "both sides" / "the talks" phrase at i, or 0.

        "the leaders of Asia-Pacific countries" describes, it does not refer back;
        "accused the three governments of sabotaging" does, "of" giving the charge."""
        length = self._group_length(i, stop)
        after = i + length
        if (
            length
            and after < stop
            and self._tok.lower[after] == "of"
            and not (after + 1 < stop and self._tok.words[after + 1].endswith("ing"))
        ):
            return 0
        return length

    def _group_length(self, i: int, stop: int) -> int:
        lower = self._tok.lower
        lex = self._lex
        for index in (lex.group_anaphora, lex.event_anaphora):
            hit = index.longest(lower, i, stop)
            if hit:
                return hit[0]
        opener = lex.group_opener_phrases.longest(lower, i, stop)
        start = i + opener[0] if opener else (i + 1 if lower[i] in lex.group_openers else i)
        heads = lex.group_heads
        if start == i and lower[i] == "the":
            start, heads = i + 1, lex.group_heads_reciprocal
        if start == i:
            return 0
        if (
            opener
            and start < stop
            and (
                lower[start] in lex.trigger_words
                or lower[start] in _GROUP_VERBS
                # "accused the seven of politicising": the charge follows
                or (start + 1 < stop and lower[start] == "of" and lower[start + 1].endswith("ing"))
            )
        ):
            return start - i  # "when the two met in Beijing", "both have agreed"
        if lower[i] == "both" and start < stop and lower[start] == "to":
            return 1  # "urging both to calm the situation": the two just told
        for j in range(start, min(start + 3, stop)):
            if lower[j] in heads:
                return j - i + 1
            if not (self._modifier(j) or self._regional_modifier(j)):
                return 0
        return 0

    def _regional_modifier(self, j: int) -> bool:
        """ "the three European countries", "the two Gulf states", "its two NATO
        allies": a capitalized word that names no state ("the two Russian
        diplomats" are Russia's); an organization names the members' club."""
        word = self._tok.words[j]
        if not word[:1].isupper() or not word.replace(".", "").isalpha():
            return False
        hit = self._res.gazetteer.longest(self._tok.words, j, j + 1)
        return hit is None or hit[1][0].kind == "organization"

    def _gazetteer(self, i: int, stop: int) -> tuple[int, Surface] | None:
        hit = self._res.gazetteer.longest(self._tok.words, i, stop)
        if hit is None:
            return None
        end = i + hit[0]
        index = self._res.gazetteer
        words = self._tok.words
        starters = self._lex.case_starters
        for j in range(i + 1, end):  # "the North" must not cut "North Korean" in two
            inner = index.longest(words, j, stop) if words[j] in starters else None
            if inner is not None and j + inner[0] > end:
                return None
        length, surfaces = hit
        for surface in surfaces:
            if surface.kind == "person" and length == 1 and self._given_name_follows(end, stop):
                continue  # "Lin Jian" is not Lin Chia-lung: another person of that surname
            if (
                surface.kind == "person"
                and not any(a <= self._year <= b for a, b in surface.years)
                and not (length > 1 and (self._then_titled(i) or self._titled_before(i, surface)))
            ):
                continue
            if surface.requires and not self._required(surface.requires):
                continue
            titled = self._title_before(i) if len(surface.affiliations) > 1 else ""
            return length, _in_office(surface, self._year, titled)
        return None

    def _title_before(self, i: int) -> str:
        """The capitalized title words right before token i, lower case and joined
        ("Foreign Minister Borrell" -> "foreign minister"); "" when none."""
        return " ".join(self._tok.lower[self._before_capitals(i, _TITLE_WORDS_BEFORE) + 1 : i])

    def _given_name_follows(self, k: int, stop: int) -> bool:
        """Whether token k is a capitalized name word ("Jian", "Do-hoon"), not a
        weekday or month."""
        if k >= stop:
            return False
        word = self._tok.words[k]
        return (
            word[:1].isupper()
            and all(part.isalpha() for part in word.split("-"))
            and self._tok.lower[k] not in self._lex.not_given_names
        )

    def _then_titled(self, i: int) -> bool:
        """ "then Prime Minister Shinzo Abe", "then-President Donald Trump": the text
        dates the office itself, so a full name counts outside its years."""
        k = self._before_capitals(i)
        lower = self._tok.lower
        return k >= 0 and (lower[k] == "then" or lower[k].startswith("then-"))

    def _after_former(self, first: int) -> bool:
        """Whether "former" stands before token `first`, past the words of a title
        ("former Nigerian military ruler Abdulsalami Abubakar")."""
        lower = self._tok.lower
        for k in range(first - 1, max(-1, first - 1 - _TITLE_REACH), -1):
            if lower[k] in _FORMER:
                return True
            if not lower[k].isalpha():
                return False
        return False

    def _before_capitals(self, i: int, reach: int = _TITLE_REACH) -> int:
        """The token before the capitalized words (a title, as a rule), at most
        `reach` of them, that end right before token i."""
        words = self._tok.words
        k = i - 1
        while k >= max(0, i - reach) and words[k][:1].isupper():
            k -= 1
        return k

    def _titled_before(self, i: int, person: Surface) -> bool:
        """ "Deputy Foreign Minister Abbas Araghchi" years before he led the
        ministry: a full name right after another office than the lexicon's names
        that person, whose state the lexicon knows, outside the years it lists
        (not the lexicon's own office out of its years, nor after "former",
        which makes the office no one's)."""
        lower = self._tok.lower
        k = self._before_capitals(i)
        if k + 1 >= i or (k >= 0 and lower[k] in _FORMER):
            return False
        for start in range(k + 1, i):
            office = self._res.titles.longest(lower, start, i)
            if office is not None and start + office[0] == i and office[1] == "person":
                return self._tok.span_text(start, i - 1).lower() != (person.title or "").lower()
        return False

    def _required(self, requires: tuple[str, ...]) -> bool:
        """Whether one of an alias's required surface forms occurs in the article."""
        known = self._requires.get(requires)
        if known is None:
            known = self._requires[requires] = any(r in self._tok.text for r in requires)
        return known

    def _from_surface(
        self, sentence: int, first: int, last: int, surface: Surface, stop: int
    ) -> Mention | None:
        words = self._tok.words
        possessive = last + 1 < stop and words[last + 1] in POSSESSIVE_MARKS
        if surface.kind == "place":  # a city or venue: where things happen, never who
            return Mention(first, last, sentence, "place", surface.code, None, surface.name)
        if surface.kind == "person":
            return Mention(
                first,
                last,
                sentence,
                "person",
                surface.code,
                surface.organization,
                surface.name,
                surface.title,
                possessive,
                named=True,
            )
        after = last + 2 if possessive else last + 1
        # a bare capital takes a title right after it ("Kyiv mayor"), or "Beijing
        # follows Prime Minister Kishida" is Beijing's; states and demonyms take
        # modifiers first ("U.S. acting Deputy Secretary", "Japan's new minister")
        title = self._title_after(
            after, stop, modifiers=possessive or surface.kind != "capital", owned=possessive
        )
        if title is not None and title[2] == "domestic":
            # "Indian troops", "Myanmar's military": no actor, but whose troops a
            # condemnation or sanction targets ("modifier" slot)
            if surface.kind == "adjective":
                return Mention(first, last, sentence, "adjective", surface.code, None, surface.name)
        elif title is not None:
            t_first, t_last, kind = title
            return self._titled(sentence, t_first, t_last, kind, surface, stop, phrase_first=first)
        if surface.kind == "adjective" and title is None:
            shared = self._shared_title(after, stop)
            if shared is not None:  # "Qatari and Saudi officials": both are officials
                return Mention(
                    first,
                    last,
                    sentence,
                    "body",
                    surface.code,
                    None,
                    f"{self._tok.span_text(first, last)} {shared}",
                )
        if surface.kind == "adjective":
            run = self._capitalized_run(after, stop, _MAX_TITLED_RUN)
            if (
                run is not None
                and run[1] > run[0]
                and self._tok.lower[run[1]] not in self._lex.thing_name_heads
            ):  # "North Korean Vice Foreign Minster Pak Myong Ho"
                title_end = run[0] - 1
                while (
                    title_end + 1 < run[1]
                    and self._tok.lower[title_end + 1] in self._res.title_words
                ):
                    title_end += 1
                name_first = title_end + 1
                return Mention(
                    first,
                    run[1],
                    sentence,
                    "person",
                    surface.code,
                    None,
                    self._tok.span_text(name_first, run[1]),
                    self._tok.span_text(run[0], title_end) if title_end >= run[0] else None,
                    named=name_first <= run[1],
                )
            if (
                after < stop
                and self._tok.lower[after] == "capital"
                and not self._given_name_follows(after + 1, stop)
            ):
                # "flew to the Indian capital": the capital, as its name would be
                # ("the Angolan capital Luanda" leaves it to the name that follows)
                text = self._tok.span_text(first, after)
                return Mention(first, after, sentence, "capital", surface.code, None, text)
            # "the Russian decision": no actor, but it tells whose decision a
            # condemnation targets ("modifier" slot in triggers.toml).
            return Mention(first, last, sentence, "adjective", surface.code, None, surface.name)
        if (
            surface.kind == "capital"
            and after == last + 1
            and after < stop
            and self._tok.lower[after] in self._lex.capital_name_heads
        ):
            return None  # "the Minsk Group", "the Paris Agreement": a name, not a government
        return Mention(
            first,
            last,
            sentence,
            surface.kind,
            surface.code,
            # a host city carries its organization until its preposition decides
            surface.seat_of or surface.organization,
            self._tok.span_text(first, last),
            None,
            possessive,
        )

    def _shared_title(self, i: int, stop: int) -> str | None:
        """The title of the next demonym in "Qatari and Saudi officials", if any; a
        country's name may stand for its demonym there ("Iranian and U.S. officials")."""
        if i + 1 >= stop or self._tok.lower[i] not in {"and", "or", ","}:
            return None
        hit = self._res.gazetteer.longest(self._tok.words, i + 1, stop)
        if hit is None or hit[1][0].kind not in {"adjective", "country"}:
            return None
        title = self._title_after(i + 1 + hit[0], stop)
        if title is None or title[2] == "domestic":
            return self._shared_title(i + 1 + hit[0], stop)
        return self._tok.span_text(title[0], title[1])

    def _title_after(
        self, i: int, stop: int, modifiers: bool = True, owned: bool = False
    ) -> tuple[int, int, str] | None:
        """A title right after i, past at most a few modifiers ("ruling party official");
        `owned`: after a possessive, where no verb can stand, so that participles
        and trigger words modify the title too ("Yemen's internationally recognised
        government", "Japan's new foreign minister")."""
        lower = self._tok.lower
        j = i
        for _ in range(_MAX_MODIFIERS + 1 if modifiers else 1):
            if j >= stop:
                return None
            title = (
                self._res.titles.longest(lower, j, stop)
                if lower[j] in self._lex.title_starters
                else None
            )
            if title is not None:
                return j, j + title[0] - 1, title[1]
            if j + 2 < stop and lower[j + 1] == "-" and lower[j + 2].endswith("ed"):
                j += 3  # "Libya's U.N.-recognized government": a compound split in three
                continue
            posted = (
                self._res.gazetteer.longest(self._tok.words, j, stop)
                if self._tok.words[j] in self._lex.case_starters
                else None
            )
            if posted is not None and posted[1][0].kind == "organization":
                # "Rwanda's U.N. ambassador": the state's envoy to the organization
                j += posted[0]
                continue
            # "consular and diplomatic officials": modifiers joined by "and"
            joined = j > i and self._tok.lower[j] == "and"
            if not (joined or self._modifier(j, owned) or self._portfolio_word(j, stop)):
                return None
            j += 1
        return None

    def _portfolio_word(self, j: int, stop: int) -> bool:
        """ "EU Enlargement Commissioner", "EU Trade Commissioner": one capitalized
        word of a portfolio right before a title."""
        word = self._tok.words[j]
        return (
            word.isalpha()
            and word[:1].isupper()
            and j + 1 < stop
            and self._tok.lower[j + 1] in self._lex.title_starters
            and self._res.titles.longest(self._tok.lower, j + 1, stop) is not None
            and self._res.gazetteer.longest(self._tok.words, j, j + 1) is None
        )

    def _modifier(self, j: int, owned: bool = False) -> bool:
        """Whether token j can sit between a country and a title (no verb, no function
        word); a hyphenated compound is an adjective ("army-led authorities")."""
        word, low = self._tok.words[j], self._tok.lower[j]
        compound = "-" in word.strip("-")
        return (
            (word.isalpha() or (compound and word.replace("-", "").isalpha()))
            and not word[0].isupper()
            and low not in self._function_words
            and (
                owned
                or (
                    low not in self._lex.trigger_words
                    and (compound or not (low.endswith("ed") and low not in self._res.title_words))
                )
            )
        )

    def _titled(
        self,
        sentence: int,
        t_first: int,
        t_last: int,
        kind: str,
        surface: Surface | None,
        stop: int,
        phrase_first: int | None = None,
    ) -> Mention | None:
        if kind == "domestic":
            return None
        first = t_first if phrase_first is None else phrase_first
        title_text = self._tok.span_text(t_first, t_last)
        if kind == "person" and first > 0 and self._tok.lower[first - 1] in _FORMER:
            # "former Beninese president Thomas Boni Yayi", now ECOWAS's mediator:
            # who once held an office acts for nobody through it (the phrase stays
            # one keyless mention, so its name is no one else either)
            run = self._capitalized_run(t_last + 1, stop)
            last = run[1] if run is not None else t_last
            name = self._tok.span_text(first, last)
            return Mention(first, last, sentence, "person", None, None, name, title_text)
        code = surface.code if surface else None
        org = surface.organization if surface else None
        if kind == "body":
            t_last = self._portfolio_end(t_last, stop)
            after = t_last + 1
            titles = self._res.titles
            office = titles.longest(self._tok.lower, after, stop) if after < stop else None
            if office is not None and office[1] == "person":
                # "Iran's foreign ministry spokesman Nasser Kanaani" speaks for Iran
                last = after + office[0] - 1
                return self._titled(sentence, after, last, "person", surface, stop, first)
            name = self._tok.span_text(first, t_last)
            if code is None and org is None:
                of = self._body_of(sentence, first, t_last, stop)
                if of is None and sentence in self._fronted:
                    code = self._fronted[sentence]
                    return Mention(first, t_last, sentence, "body", code, None, name)
                if of is None and self._home_organ(t_first):
                    # "the foreign ministry in Male": a body seated in another capital
                    seat = self._of_country(t_last + 1, stop, True, _IN)
                    if seat is not None and seat[1].code is not None:
                        return Mention(first, seat[0], sentence, "body", seat[1].code, None, name)
                    return Mention(first, t_last, sentence, "body", self._home, None, name)
                return of
            return Mention(first, t_last, sentence, "body", code, org, name, None)
        run = self._capitalized_run(t_last + 1, stop)
        if run is not None:
            name = self._tok.span_text(*run)
            person = self._person_surface(run[0], run[1] + 1)
            ranked = run[0] < run[1] and self._tok.lower[run[0]] in self._res.title_words
            if person is None and ranked:
                # "Army chief General Abdel Fattah al-Burhan": a rank before the name
                person = self._person_surface(run[0] + 1, run[1] + 1)
            if person is not None and code is None and org is None:
                code, org = person.code, person.organization
            if person is not None:
                name = person.name
            return Mention(
                first, run[1], sentence, "person", code, org, name, title_text, named=True
            )
        held = self._holder_past_portfolio(t_last, stop)
        if held is not None:
            # "France's Minister for Europe and Foreign Affairs Jean-Noel Barrot":
            # one mention up to the known holder, so a list of such stays a list
            last, person = held
            if code is None and org is None:
                code, org = person.code, person.organization
            return Mention(
                first,
                last,
                sentence,
                "person",
                code,
                org,
                person.name,
                title_text,
                named=True,
            )
        if code is None and org is None:
            of_country = self._of_country(t_last + 1, stop)  # "the foreign minister of Japan"
            if of_country is None and sentence in self._fronted:
                name = self._tok.span_text(first, t_last)
                code = self._fronted[sentence]
                return Mention(first, t_last, sentence, "person", code, None, name, title_text)
            if of_country is None:
                return None
            end, found = of_country
            code, org = found.code, found.organization
            t_last = end
        return self._with_appositive_name(
            Mention(
                first,
                t_last,
                sentence,
                "person",
                code,
                org,
                self._tok.span_text(first, t_last),
                title_text,
            ),
            stop,
        )

    def _holder_past_portfolio(self, t_last: int, stop: int) -> tuple[int, Surface] | None:
        """The end and surface of a known person named right after a title's
        capitalized portfolio ("Minister for Europe and Foreign Affairs Jean-Noel
        Barrot"), or None."""
        words, lower = self._tok.words, self._tok.lower
        k = t_last + 1
        if k + 2 >= stop or lower[k] not in self._lex.portfolio_preps:
            return None
        for j in range(k + 1, min(stop, k + 1 + _PORTFOLIO_WORDS + 2)):
            if not (words[j][:1].isupper() or lower[j] == "and"):
                return None
            if j > k + 1 and lower[j - 1] != "and":
                hit = self._gazetteer(j, stop)
                if hit is not None and hit[1].kind == "person":
                    return j + hit[0] - 1, hit[1]
        return None

    def _with_appositive_name(self, official: Mention, stop: int) -> Mention:
        """ "The special envoy of the ASEAN chair on Myanmar, Alounkeo Kittikhoun,
        visited": the name set off by commas after an office (past a few words
        of its portfolio) is its holder's, so later "Alounkeo" is the envoy."""
        words, lower = self._tok.words, self._tok.lower
        comma = next(
            (
                k
                for k in range(official.last + 1, min(stop, official.last + _PORTFOLIO_WORDS + 2))
                if lower[k] == ","
            ),
            None,
        )
        if comma is None or not all(
            w.isalpha() and (w not in self._function_words or w in self._lex.portfolio_preps)
            for w in lower[official.last + 1 : comma]
        ):
            return official
        run = self._capitalized_run(comma + 1, stop)
        if run is None or run[1] == comma + 1:
            return official
        known = self._gazetteer(run[0], run[1] + 1)
        if known is not None and known[1].kind != "person":
            return official  # "the minister, Japan's ...": no name
        closing = run[1] + 1
        if closing < stop and words[closing] not in {",", "."}:
            return official
        # the mention keeps its own span: the name past the comma may lie beyond
        # the clause the office acts in ("who spoke with his Angolan counterpart,
        # Tete Antonio, praised")
        named = official.copy()
        named.name, named.named = self._tok.span_text(*run), True
        return named

    def _fronted_place(self, first: int, stop: int) -> str | None:
        """ "In Pyongyang, the foreign ministry accused ...": the state of a capital or
        country that opens the sentence before its comma."""
        # an empty span (a dateline with no text after it) opens with nothing
        if first + 2 >= stop or self._tok.lower[first] != "in":
            return None
        hit = self._gazetteer(first + 1, stop)
        if hit is None or first + 1 + hit[0] >= stop or self._tok.lower[first + 1 + hit[0]] != ",":
            return None
        surface = hit[1]
        return surface.code if surface.kind in {"capital", "country"} else None

    def _home_organ(self, t_first: int) -> bool:
        """ "the Foreign Ministry" (or lowercase "the foreign ministry") with no state
        named: in wire copy, an organ of the dateline's state (as an untitled
        official is, in `find`)."""
        return (
            self._home is not None
            and t_first > 0
            and self._tok.lower[t_first - 1] == "the"
            and (
                self._tok.words[t_first][0].isupper()
                or self._tok.lower[t_first] in self._lex.home_organ_words
            )
        )

    def _capitalized_run(
        self, i: int, stop: int, limit: int = _MAX_NAME_TOKENS
    ) -> tuple[int, int] | None:
        words = self._tok.words
        j = i
        while j < stop and j - i < limit:
            word = words[j]
            if (
                (word[0].isupper() and word.replace("-", "").isalpha() and len(word) > 1)
                or (
                    # "Ursula von der Leyen": particles, one after another, before a capital
                    j > i
                    and word in _NAME_PARTICLES
                    and (
                        (j + 1 < stop and words[j + 1][0].isupper())
                        or (
                            j + 2 < stop
                            and words[j + 1] in _NAME_PARTICLES
                            and words[j + 2][0].isupper()
                        )
                    )
                )
                or (j > i and _hyphenated_surname(word, self._lex.hyphen_particles))
            ):
                if j > i and words[j] not in _NAME_PARTICLES:
                    hit = self._gazetteer(j, stop)  # looked up once, not twice
                    if hit is not None and hit[1].kind != "person":
                        break
                j += 1
                continue
            if j > i and self._initial(j, stop):
                j += 2  # "Ferdinand R. Marcos": a middle initial and its period
                continue
            break
        return (i, j - 1) if j > i else None

    def _initial(self, j: int, stop: int) -> bool:
        """Whether words[j] opens a middle initial: one capital, a period, a name."""
        words = self._tok.words
        return (
            j + 2 < stop
            and len(words[j]) == 1
            and words[j].isupper()
            and words[j + 1] == "."
            and words[j + 2][0].isupper()
        )

    def _person_surface(self, start: int, stop: int) -> Surface | None:
        hit = self._gazetteer(start, stop) or self._initialed(start, stop)
        if hit is not None and hit[1].kind == "person":
            return hit[1]
        return None

    def _initialed(self, start: int, stop: int) -> tuple[int, Surface] | None:
        """ "Ferdinand R. Marcos Jr.": the lexicon writes names without middle
        initials; the person in office whose name the words make without it."""
        if not self._initial(start + 1, stop):
            return None
        words = self._tok.words
        joined = (words[start], *words[start + 3 : stop])
        found = self._res.gazetteer.longest(joined, 0, len(joined))
        if found is None or found[0] < 2:
            return None
        year = self._year
        for surface in found[1]:
            if surface.kind == "person" and any(a <= year <= b for a, b in surface.years):
                return found[0] + 2, _in_office(surface, year)
        return None

    def _body_of(self, sentence: int, first: int, t_last: int, stop: int) -> Mention | None:
        """ "the leaders of China, Japan and South Korea": one body per state, as a group."""
        members: list[Mention] = []
        i = t_last + 1
        closed = True  # whether the list so far ends with an "and" (or one member)
        # "officials from Kenya and Uganda" as well; an envoy "from Lima" is only posted there
        while (found := self._of_country(i, stop, not members, _OF_OR_FROM)) is not None:
            end, surface = found
            members.append(
                Mention(
                    first,
                    end,
                    sentence,
                    "body",
                    surface.code,
                    surface.organization,
                    self._tok.span_text(first, end),
                )
            )
            i = end + 1
            if i < stop and self._tok.lower[i] in {",", "and"}:
                comma_and = i + 1 < stop and self._tok.lower[i + 1] == "and"
                closed = self._tok.lower[i] == "and" or comma_and
                i += 1 + comma_and
            else:
                break
        if not closed and len(members) > 1:
            # "diplomats from India, Ottawa said": a list ends with "and"; a name
            # after a lone comma begins the next clause
            members.pop()
        if not members:
            return None
        last = members[-1].last
        if len(members) == 1:
            return members[0]
        return Mention(
            first,
            last,
            sentence,
            "group",
            None,
            None,
            self._tok.span_text(first, last),
            members=members,
        )

    def _of_country(
        self, i: int, stop: int, need_of: bool = True, preps: frozenset[str] = _OF
    ) -> tuple[int, Surface] | None:
        """The state after one of `preps` ("the foreign minister of Japan"), or
        right at i when `need_of` is off."""
        if need_of and not (i + 1 < stop and self._tok.lower[i] in preps):
            return None
        if i < stop:
            j = i + need_of
            j += j < stop and self._tok.lower[j] == "the"
            hit = self._gazetteer(j, stop) if j < stop else None
            if hit is not None and hit[1].kind in _COUNTRY_KINDS:
                return j + hit[0] - 1, hit[1]
        return None

    def _with_prep(self, mention: Mention, sentence_first: int) -> Mention:
        lower = self._tok.lower
        j = mention.first - 1
        words = self._tok.words
        if (
            mention.kind == "country"
            and j - 1 >= sentence_first
            and lower[j] == "of"
            and lower[j - 1] in self._lex.state_forms
            and words[j - 1][:1].isupper()
        ):
            # "with the Kingdom of Morocco", "the Hashemite Kingdom of Jordan": the
            # state's formal name, so the preposition before it is the state's
            j -= 2
            while j > sentence_first and words[j][:1].isupper() and lower[j] not in self._dets:
                j -= 1
        elif (
            mention.kind in {"capital", "country"}
            and j - 2 >= sentence_first
            and lower[j] in {"in", "of"}
            and lower[j - 1] in self._lex.seated_bodies
            and (
                lower[j - 2] in self._dets
                or (j - 3 >= sentence_first and lower[j - 3] in self._dets)
            )
        ):
            # "urged the authorities in Minsk", "the government of India", "the
            # Foreign Ministry in Beijing": the place names who governs there, so
            # the preposition before "the authorities" is its own
            j -= 2 if lower[j - 2] in self._dets else 3
        elif (
            mention.kind == "person"
            and j - 2 >= sentence_first
            and lower[j] == "of"
            and lower[j - 1] in self._lex.own_governments
            and lower[j - 2] in self._dets
        ):
            # "the government of Prime Minister Jotham Napat halted talks": the
            # leader's government acts for the leader's state
            j -= 2
        elif (
            mention.kind in {"capital", "country"}
            and j - 1 >= sentence_first
            and lower[j] == "in"
            and lower[j - 1] in self._lex.bare_seated_bodies
            and (j - 1 == sentence_first or lower[j - 2] in self._preps)
        ):
            # "Officials in Manila urged ...": the sentence's subject, not a place
            j -= 2
        elif (represented := self._represented_at(j, mention, sentence_first)) is not None:
            # "when officials of the two governments signed", "two employees of
            # the French Embassy were expelled": the officials act for the states,
            # which take whatever stands before the officials
            j = represented
            if j >= sentence_first and lower[j] in self._dets:
                j -= 1
        elif (located := self._locating(j, mention, sentence_first)) is not None:
            # "in Granada, Spain, on Oct. 5": the state after a place names where
            # the place is, under the place's preposition
            j = located
        elif (named := self._appositive_of(j, sentence_first)) is not None:
            # "signed by Ali Shamkhani, the secretary of Iran's Supreme National
            # Security Council,", "Ali Larijani, a senior adviser to Iran's Supreme
            # Leader, visited": the state of a name's appositive takes the name's
            # preposition
            j = named
            while j > sentence_first and words[j][:1].isupper():
                j -= 1
        # past determiners, counts and a shared plural title: "of 10 U.S. diplomats"
        # is an "of" phrase, "between Presidents Putin and Trump" a "between" one
        while j >= sentence_first and (
            lower[j] in self._dets
            or lower[j] in {"capital", ","}
            or lower[j].isdigit()
            or self._lex.plural_titles.issuperset(lower[j : mention.first])
        ):
            if lower[j] == "," and not (j - 1 >= sentence_first and lower[j - 1] == "capital"):
                break
            if lower[j] == "capital":
                # "in the Angolan capital Luanda": the city is where, like the phrase
                j -= 1
                while j > sentence_first and words[j][:1].isupper() and lower[j] not in self._dets:
                    j -= 1
                continue
            j -= 1
        if j == mention.first - 1 > sentence_first and (
            lower[j] in self._lex.state_modifiers
            or lower[j].rpartition("-")[2] in self._lex.size_nouns
        ):
            # "with neighbouring Morocco", "to war-torn Sudan", "with the six-member
            # Gulf Cooperation Council"
            k = j - 1
            while k > sentence_first and lower[k] in self._dets:
                k -= 1
            if lower[k] in self._preps:
                j = k
        prep = lower[j] if j >= sentence_first and lower[j] in self._preps else None
        if prep == "of" and j - 2 >= sentence_first and lower[j - 1] == "behalf":
            # "coordinates the talks on behalf of the six powers": whom one acts
            # for fills no slot of the act
            prep = "behalf"
        if prep is not None and self._opens_own_clause(prep, mention.last + 1):
            prep = None  # "after Nauru cut ties": Nauru is its clause's subject
        location = prep in self._lex.location_preps and mention.kind in {
            "capital",
            "country",
            "place",
        }
        # Mentions are built and owned by this finder; setting the context in
        # place avoids copying every mention of the article once more.
        mention.prep = prep
        mention.location = location
        if mention.kind == "capital" and mention.code and mention.organization:
            # "criticized Washington and Brussels" acts for the EU; "flew to
            # Brussels" goes to Belgium's capital
            if prep in self._lex.seat_place_preps:
                mention.organization = None
            else:
                mention.code = None
        after = mention.last + 1
        if (
            mention.kind == "person"
            and after + 1 < len(words)
            and lower[mention.last] in _NAME_SUFFIXES
            and words[after] == "."
            and words[after + 1] == "'s"
        ):
            # "Ferdinand Marcos Jr.'s visit": the suffix's period is the name's
            mention.last, after = after, after + 1
        mention.compound = (
            after + 1 < len(lower) and lower[after] == "-" and lower[after + 1].endswith("ed")
        )
        # a titled name owns what follows too: "U.S. President Joe Biden's trip"
        # (a plural's bare apostrophe is attributive: "the ASEAN foreign
        # ministers' meeting" is the bloc's forum)
        mention.possessive = mention.possessive or (after < len(words) and words[after] == "'s")
        return mention

    def _represented_at(self, j: int, mention: Mention, sentence_first: int) -> int | None:
        """The token before "officials of" when the mention (its phrase opening at
        token j + 1) is what they represent: "officials of the two governments",
        "staff members of the Russian embassy"; else None."""
        lower = self._tok.lower
        if mention.kind in {"body", "organization"} and j > sentence_first and lower[j] == "the":
            j -= 1  # "of the French Embassy": a body's name leaves out its article
        # "a delegation from the bloc" ("the bloc" still a pronoun here); officials
        # "from" a state's list are often told as a sanction's target instead
        organization = mention.kind == "organization" or (
            mention.kind == "pronoun" and lower[mention.first] == "the"
        )
        # ... but a delegation "from" states travels for them ("a joint delegation
        # from the two countries flew to Niamey")
        sent = j - 1 >= sentence_first and lower[j - 1] in self._lex.delegation_nouns
        representatives = (
            self._lex.group_representatives
            if mention.kind in {"group", "epithet"}
            else self._lex.representatives
        )
        if (
            mention.kind in {"country", "group", "epithet", "body", "organization", "pronoun"}
            and j - 1 >= sentence_first
            and (lower[j] == "of" or (lower[j] == "from" and (organization or sent)))
            and lower[j - 1] in representatives
        ):
            return j - 2
        return None

    def _appositive_of(self, j: int, sentence_first: int) -> int | None:
        """The name's last word when token j is the preposition of an appositive
        after it: ", the secretary of", ", a senior adviser to", ", a spokeswoman
        for"; else None. A role other than "the ... of" must be one that serves."""
        lower, words = self._tok.lower, self._tok.words
        if j > sentence_first and lower[j] == "the":
            j -= 1  # "a spokeswoman for the Mexican Foreign Ministry"
        if lower[j] not in _APPOSITIVE_PREPOSITIONS:
            return None
        k = j - 1
        while k > j - 1 - _APPOSITIVE_ROLE_WORDS and k > sentence_first and words[k].islower():
            if lower[k] in APPOSITIVE_DETERMINERS:
                break
            k -= 1
        if not (
            k - 2 >= sentence_first
            and k < j - 1
            and lower[k] in APPOSITIVE_DETERMINERS
            and lower[k - 1] == ","
            and words[k - 2][:1].isupper()
        ):
            return None
        plain = lower[k] == "the" and k == j - 2 and lower[j] == "of"
        return k - 2 if plain or lower[j - 1] in self._lex.appositive_roles else None

    def _opens_sentence(self, mention: Mention, sentence_first: int) -> bool:
        """Whether the mention's preposition opens its sentence ("After the talks",
        "But in Geneva"), with no comma before the mention."""
        lower = self._tok.lower
        opener = lower[sentence_first : min(sentence_first + 2, mention.first)]
        return (
            mention.prep is not None
            and mention.prep in opener
            and "," not in lower[sentence_first : mention.first]
        )

    def _opens_own_clause(self, prep: str, k: int) -> bool:
        """Whether the preposition before a name that ends at token k - 1 opens a
        clause whose subject the name is: "after Nauru cut ties", "after Estonia,
        citing security concerns, expelled", "with New Delhi accusing Islamabad"."""
        if prep in self._lex.clause_preps:
            k = self._past_companions(k)
            return self._verb_follows(k) or self._aside_then_verb(k)
        return (
            prep in self._lex.absolute_preps
            and self._verb_follows(k)
            and self._tok.lower[k].endswith("ing")
            and self._tok.lower[k] not in self._lex.ing_prepositions
        )

    def _past_companions(self, k: int) -> int:
        """The token after "and its allies" or "and other Gulf states" at token k,
        unnamed companions joined to the name ("after Riyadh and its allies cut
        ties"); else k."""
        lower = self._tok.lower
        if k + 3 >= len(lower) or lower[k] != "and" or lower[k + 1] not in _COMPANION_HEADS:
            return k
        for j in range(k + 2, min(k + 2 + _COMPANION_WORDS, len(lower) - 1)):
            if not lower[j].isalpha():
                return k
            if self._verb_follows(j + 1) and lower[j].endswith("s"):
                return j + 1
        return k

    def _finite_verb_follows(self, k: int) -> bool:
        """Whether token k is a past tense, an auxiliary or a reporting verb."""
        if not self._verb_follows(k):
            return False
        return finite_verb(self._tok.lower[k], self._lex.finite_words)

    def _aside_then_verb(self, k: int) -> bool:
        """Whether a participle or relative aside opens at token k (a comma) and a
        verb follows it: "after Estonia, citing security concerns, expelled"."""
        lower = self._tok.lower
        if k + 1 >= len(lower) or lower[k] != ",":
            return False
        if not opens_aside(lower[k + 1], self._lex.relatives):
            return False
        for j in range(k + 2, min(len(lower), k + 2 + _ASIDE_REACH)):
            if lower[j] in _ASIDE_ENDS:
                return lower[j] == "," and self._verb_follows(j + 1)
        return False

    def _verb_follows(self, k: int) -> bool:
        """Whether token k reads as a verb after a name: a lower-case word that is
        no preposition, determiner or conjunction ("cut", "signed", "was")."""
        if k < len(self._tok) and self._tok.words[k] == ".":
            k += 1  # "Marcos Jr. held": the period of an abbreviation inside the sentence
        if k >= len(self._tok):
            return False
        word, low = self._tok.words[k], self._tok.lower[k]
        return (
            word.isalpha()
            and word.islower()
            and low not in self._preps
            and low not in self._dets
            and low not in {"and", "or"}
        )

    def _link_leaders(self, mentions: list[Mention]) -> list[Mention]:
        """ "a Chinese delegation led by Sun Weidong": Sun acts for the delegation's state."""
        lower = self._tok.lower
        linked = list(mentions)
        for n, body in enumerate(mentions):
            if body.kind != "body" or n + 1 >= len(mentions):
                continue
            leader = mentions[n + 1]
            between = lower[body.last + 1 : leader.first]
            if leader.kind == "person" and between[:2] in (("led", "by"), ("headed", "by")):
                code = leader.code or body.code
                org = leader.organization or body.organization
                led = linked[n + 1] = leader.copy()
                led.code, led.organization = code, org
                group = linked[n] = body.copy()
                # "an ECOWAS delegation led by a former Nigerian head of state"
                # stays the organization's
                group.code = body.code or (None if body.organization else code)
                group.organization = body.organization or org
                group.name, group.title = leader.name, leader.title
        return linked

    # -- pass 2: surnames --------------------------------------------------

    def _surnames(self, mentions: list[Mention]) -> dict[str, Mention]:
        registry: dict[str, Mention] = {}
        clashes: set[str] = set()
        for mention in mentions:
            if not mention.named or mention.key is None or self._bare_name(mention):
                continue
            surnames = self._surnames_of(mention.name, mention.first, mention.last)
            for part in surnames:
                known = registry.get(part)
                if known is not None and known.key != mention.key:
                    clashes.add(part)
                registry.setdefault(part, mention)
        for part in clashes:
            del registry[part]
        return registry

    def _surnames_of(self, name: str, first: int, last: int) -> tuple[str, ...]:
        """The words a person named `name`, whose mention spans tokens `first` to
        `last`, is called by later; memoized, as the registry is built twice per
        article."""
        known = self._surname_forms.get((name, last))
        if known is not None:
            return known
        # "Asaad al-Shibani" is "Shibani" later: a particle joined by a hyphen drops
        parts = [
            p
            for p in (self._unparticled(word) for word in plain(name).replace("’", "'").split())
            if p[0].isupper() and len(p) > 1 and p.lower() not in self._lex.honorifics
        ]
        surnames: set[str] = set()
        if len(parts) >= 2:
            # "Foreign Minister Bruno Rodríguez" is "Rodríguez" later, though the
            # lexicon's full name ends in "Parrilla": the surname as written counts too
            written = self._unparticled(self._tok.words[last])
            surnames = {parts[0], parts[-1]}
            # ... a word, not an acronym the mention ends in ("of the ECOWAS Commission")
            if (
                written[:1].isupper()
                and len(written) > 1
                and written.isalpha()
                and not written.isupper()
            ):
                surnames.add(written)
            # "Bruno Rodriguez Parrilla" is "Rodriguez" later, "Andres Manuel
            # Lopez Obrador" "Lopez": of three names or more, the one before last
            # is a first surname, as written in the mention
            before_last = self._tok.words[last - 1] if first < last else ""
            if (
                len(parts) >= 3
                and before_last[:1].isupper()
                and before_last.isalpha()
                and len(before_last) > 2  # "Rodriguez", not "Al" of "Al Nahyan"
                # both read without accents (tokens.py: plain)
                and before_last.lower() in {p.lower() for p in parts[1:-1]}
            ):
                surnames.add(before_last)
        found = self._surname_forms[(name, last)] = tuple(surnames)
        return found

    def _unparticled(self, word: str) -> str:
        """ "al-Shibani" -> "Shibani"; other words as they are."""
        particle, hyphen, rest = word.partition("-")
        return rest if hyphen and particle.lower() in self._lex.hyphen_particles else word

    def _membership(self, mention: Mention) -> bool:
        """Whether an organization only tells a state's membership: "Turkey, a NATO
        member, has been mediating", "NATO member Turkey": the member acts."""
        after = mention.last + 1
        if mention.kind != "organization" or after >= len(self._tok):
            return False
        lower = self._tok.lower
        if lower[after] not in self._lex.member_heads:
            return False
        single = mention.first > 0 and lower[mention.first - 1] in {"a", "an", "fellow"}
        named_after = after + 1 < len(self._tok) and self._tok.words[after + 1][:1].isupper()
        return single or named_after

    def _bare_name(self, mention: Mention) -> bool:
        """Whether a person is written by one word of their name only, past a title
        if any ("Wong", "Foreign Minister Wong"): the lexicon's guess of who that
        is, which the article may overrule. A capitalized word right before counts
        as written ("Asaad al-Shibani", where the lexicon matched "al-Shibani")."""
        title = set((mention.title or "").split())
        words = self._tok.words[max(0, mention.first - 1) : mention.last + 1]
        named = [
            w
            for w in words
            if self._unparticled(w)[:1].isupper()
            and w.replace("-", "").isalpha()
            and w.lower() not in self._lex.honorifics
        ]
        return len([w for w in named if w not in title]) < 2

    def _resolve_person(self, mention: Mention, registry: dict[str, Mention]) -> Mention:
        if mention.kind == "person" and mention.key is not None and self._bare_name(mention):
            # "Australian Foreign Minister Penny Wong ... Wong met Rabuka": the
            # person the article named in full, not the lexicon's other Wong
            word = self._tok.words[mention.last]
            known = registry.get(word)
            if (
                known is not None
                and known.name != mention.name
                and known.key != mention.key
                # by a surname, not a given name ("Prince Mohammed" is no other Mohammed)
                and self._unparticled(plain(known.name).split()[-1]) == word
            ):
                resolved = mention.copy()
                resolved.code, resolved.organization = known.code, known.organization
                resolved.name = known.name
                return resolved
            return mention
        if mention.kind != "person" or mention.key is not None:
            return mention
        for part in plain(mention.name).split():
            known = registry.get(part)
            if known is not None:
                resolved = mention.copy()
                resolved.code, resolved.organization = known.code, known.organization
                return resolved
        return mention

    def _registry_mention(
        self, i: int, sentence: int, span: SentenceSpan, registry: dict[str, Mention]
    ) -> Mention:
        word = self._tok.words[i]
        known = registry[self._unparticled(word) if "-" in word else word]
        possessive = i + 1 <= span.last and self._tok.words[i + 1] in POSSESSIVE_MARKS
        mention = Mention(
            i,
            i,
            sentence,
            "person",
            known.code,
            known.organization,
            known.name,
            known.title,
            possessive,
            named=True,
        )
        return self._with_prep(mention, span.first)

    # -- pass 3: pronouns --------------------------------------------------

    def _resolve_pronouns(
        self, mentions: list[Mention], sentence_firsts: list[int]
    ) -> list[Mention]:
        resolved: list[Mention] = []
        window = 0  # first of `resolved` in the pronoun's sentence or the one before
        for n, mention in enumerate(mentions):
            if mention.kind == "epithet":
                state = self._described_state(resolved, mention)
                if state is not None:
                    resolved.append(state)
                continue
            if mention.kind != "pronoun":
                resolved.append(mention)
                continue
            if self._tok.lower[mention.first] in self._lex.quoted_pronouns:
                speaker = self._quoted_speaker(mentions, n)
                if speaker is not None:
                    resolved.append(stand_in(speaker, mention))
                continue
            # Antecedents come from this sentence or the previous one, and mentions
            # arrive in text order: looking only there keeps long articles linear.
            while window < len(resolved) and resolved[window].sentence < mention.sentence - 1:
                window += 1
            recent = resolved[window:]
            word = mention.refers or self._tok.lower[mention.first]
            if word == "the":  # "the bloc": the latest organization
                organization = self._latest_organization(resolved, mention)
                if organization is not None:
                    substitute = stand_in(organization, mention)
                    substitute.possessive = mention.possessive
                    resolved.append(substitute)
                continue
            if word == "they":
                members = self._plural_antecedent(recent, mention)
                if members:
                    mention.kind, mention.members = "group", members
                    resolved.append(mention)
                continue
            if word == "them":
                members = self._object_group(recent, mention, sentence_firsts)
                if members:
                    mention.kind, mention.members = "group", members
                    resolved.append(mention)
                continue
            if word in {"him", "her"}:
                antecedent = self._object_antecedent(recent, mention, sentence_firsts)
                if antecedent is not None:
                    resolved.append(stand_in(antecedent, mention))
                continue
            wants_person = word in {"he", "she"}
            fitting = [
                e
                for e in recent
                if not e.location
                and e.kind not in {"adjective", "group", "act", "place"}
                and (e.kind == "person") == wants_person
                # "she" is no listed man, "he" no listed woman
                and (not wants_person or self._res.pronouns.get(e.name, word) == word)
                # "its Foreign Ministry said it": a body in the singular can be "it"
                and (wants_person or e.kind != "body" or not self._plural(e))
            ]
            if word == "it" and mention.prep is not None:
                # "cut ties with Qatar and imposed an embargo on it": after a
                # preposition, "it" is not its own clause's subject ("itself" would be)
                fitting = [
                    e for e in fitting if not (e.sentence == mention.sentence and e.prep is None)
                ] or fitting
            # The subject of the same sentence (its first free actor), else of the one before,
            # is the likelier antecedent than an object or a prepositional phrase.
            # A name quoted ('"Kurti was not ready," Borrell told reporters') is
            # spoken of; the speaker is the subject.
            # Past ", and" the sentence goes on with a clause of its own subject:
            # "Brazil condemned the raid, and Nicaragua's government announced
            # that it was breaking off relations".
            joint = self._last_joint(sentence_firsts[mention.sentence], mention.first)
            if fitting:  # min keeps the first of equals, as a stable sort would
                earlier = min(
                    fitting,
                    key=lambda e: (
                        e.sentence != mention.sentence,
                        e.first < joint,
                        quoted(self._tok.words, sentence_firsts[e.sentence], e.first),
                        e.prep is not None,
                        e.first,
                    ),
                )
                resolved.append(stand_in(earlier, mention))
        return resolved

    def _last_joint(self, first: int, stop: int) -> int:
        """Where the last ", and" or ", while" before token `stop` (from token
        `first`) opens a clause; `first` when there is none."""
        lower = self._tok.lower
        for k in range(stop - 1, first, -1):
            if lower[k] in _CLAUSE_JOINTS and lower[k - 1] == ",":
                return k
        return first

    def _names_all(self, i: int, stop: int) -> bool:
        """Whether a description at token i names a group of states together ("the
        three Baltic states"), rather than counting some told before."""
        hit = self._res.epithets.longest(self._tok.lower, i, stop)
        return hit is not None and isinstance(hit[1], tuple)

    def _described_state(self, resolved: list[Mention], epithet: Mention) -> Mention | None:
        """The state "the kingdom" stands for: of the states it can describe, the
        one the article named last before it."""
        lower = self._tok.lower
        hit = self._res.epithets.longest(lower, epithet.first, epithet.last + 1)
        if hit is None:
            office = lower[epithet.first + 1 : epithet.last + 1]
            if office in self._lex.home_offices:
                found = self._first_holder(resolved, epithet) or self._home_office(epithet)
                if found is None and office in self._lex.last_holder_offices:
                    # "received by the emir": lower case, the last one told
                    found = self._named_body(resolved, epithet)
                if found is not None:
                    found.possessive = epithet.possessive  # "the King's upcoming visit"
                return found
            return self._named_body(resolved, epithet) or self._home_office(epithet)
        if isinstance(hit[1], tuple):
            # "the Baltic states": all of them, named before or not
            members = [
                Mention(epithet.first, epithet.last, epithet.sentence, "country", code, None, code)
                for code in hit[1]
            ]
            return Mention(
                epithet.first,
                epithet.last,
                epithet.sentence,
                "group",
                None,
                None,
                epithet.name,
                possessive=epithet.possessive,
                prep=epithet.prep,
                members=members,
            )
        states: frozenset[str] = hit[1]
        for m in reversed(resolved):
            if m.code in states and m.kind not in {"group", "act"}:
                return Mention(
                    epithet.first,
                    epithet.last,
                    epithet.sentence,
                    "country",
                    m.code,
                    None,
                    epithet.name,
                    possessive=epithet.possessive,
                    prep=epithet.prep,
                    location=epithet.prep in self._lex.location_preps,
                )
        # a junta of a state off the list, told with its state ("Guinea-Bissau's
        # military rulers ... the junta")
        return self._named_body(resolved, epithet)

    def _named_body(self, resolved: list[Mention], anaphor: Mention) -> Mention | None:
        """The state of the body "the junta" names again: the latest body of that
        name told with its state, a few sentences back at most. "the minister"
        names the latest person whose title ends so ("Foreign Minister")."""
        lower = self._tok.lower
        head = lower[anaphor.last]
        # "Guinea-Bissau's military rulers ... the junta": who rules, by any name
        heads = self._lex.ruling_bodies if head in self._lex.ruling_bodies else {head}
        office = " " + " ".join(lower[anaphor.first + 1 : anaphor.last + 1])
        # an article tells of one junta: it is "the junta" however far back
        reach = anaphor.sentence if head in self._lex.ruling_bodies else _ORGANIZATION_REACH
        for m in reversed(resolved):
            if m.sentence < anaphor.sentence - reach:
                return None
            if m.key is None:
                continue
            if (m.kind == "body" and lower[m.last] in heads) or _holds(m, office):
                substitute = stand_in(m, anaphor)
                substitute.possessive = anaphor.possessive
                return substitute
        return None

    def _first_holder(self, resolved: list[Mention], anaphor: Mention) -> Mention | None:
        """ "The President" of the story: the first person the article gave that
        title, the one it is about ("President Buhari will visit ... In June, the
        President travelled to Niamey"), though other presidents came since."""
        office = " " + self._tok.lower[anaphor.first + 1]  # "the President (of the Republic)"
        holders = [m for m in resolved if m.key is not None and _holds(m, office)]
        if not holders:
            return None
        if not self._tok.words[anaphor.last][:1].isupper() and any(
            m.name != holders[0].name for m in holders
        ):
            return None  # lowercase, "the president" is sure only when one was named
        return stand_in(holders[0], anaphor)

    def _home_office(self, anaphor: Mention) -> Mention | None:
        """ "His Highness the Amir received ...", told by no name: in copy from the
        dateline's state, a capitalized office or body is held there."""
        if self._home is None or not self._tok.words[anaphor.last][:1].isupper():
            return None
        stand_in = anaphor.copy()
        office = self._lex.office_anaphora.longest(self._tok.lower, anaphor.first, anaphor.last + 1)
        stand_in.kind = "body" if office is None else "person"
        stand_in.code = self._home
        return stand_in

    @staticmethod
    def _latest_organization(resolved: list[Mention], anaphor: Mention) -> Mention | None:
        """The organization named last before `anaphor`, at most a few sentences back."""
        for m in reversed(resolved):
            if m.sentence < anaphor.sentence - _ORGANIZATION_REACH:
                return None
            if m.organization is not None:  # the organization, its body or its official
                return m
        return None

    def _plural(self, mention: Mention) -> bool:
        """Whether a mention's head noun is plural ("officials", "authorities")."""
        head = self._tok.lower[mention.last]
        return head.endswith("s") and not head.endswith("ss")

    def _quoted_speaker(self, mentions: list[Mention], n: int) -> Mention | None:
        """Who "we" or "I" at mentions[n] is: inside a quotation that the same
        sentence attributes afterwards, the first actor after the closing mark."""
        pronoun = mentions[n]
        words = self._tok.words
        opened = any(
            words[k] in _OPENING_QUOTES
            for k in range(max(0, pronoun.first - _QUOTE_REACH), pronoun.first)
        )
        if not opened:
            return None
        for later in mentions[n + 1 :]:
            if later.sentence != pronoun.sentence:
                return None
            if words[later.first - 1] not in _CLOSING_QUOTES and not any(
                words[k] in _CLOSING_QUOTES for k in range(pronoun.last + 1, later.first)
            ):
                continue  # still inside the quotation
            named = later.kind not in {"pronoun", "adjective", "group", "act", "place"}
            return later if named and later.prep is None and not later.location else None
        return None

    def _object_antecedent(
        self, resolved: list[Mention], pronoun: Mention, sentence_firsts: list[int]
    ) -> Mention | None:
        """ "spoke with Maduro and urged him": the latest person other than the
        subject, the first actor named outside a quotation ('"Kurti was not ready,"
        Borrell said, accusing him')."""
        following = pronoun.last + 1
        if (
            following < len(self._tok)
            and self._tok.words[following][:1].isalpha()
            and self._tok.lower[following] not in self._preps
        ):
            return None  # "her counterpart", "her Rwandan counterpart": a possessive
        subject = self._subject_before(resolved, pronoun, sentence_firsts)
        for earlier in reversed(resolved):
            if earlier.sentence < pronoun.sentence - 1:
                break
            if earlier.kind == "person" and (subject is None or earlier.key != subject.key):
                return earlier
        return None

    def _subject_before(
        self, resolved: list[Mention], pronoun: Mention, sentence_firsts: list[int]
    ) -> Mention | None:
        """The first free actor of the pronoun's clause named outside a quotation:
        the subject an object pronoun does not stand for. Past ", and" a clause
        with a subject has its own ("Modi telephoned Sharif, and Sharif invited
        him": Modi); one without shares the sentence's."""
        first = sentence_firsts[pronoun.sentence]
        free = [
            m
            for m in resolved
            if m.sentence == pronoun.sentence
            and m.kind != "adjective"
            and m.prep is None
            and not m.location
            and not quoted(self._tok.words, first, m.first)
        ]
        joint = self._last_joint(first, pronoun.first)
        return next((m for m in free if m.first >= joint), free[0] if free else None)

    def _object_group(
        self, resolved: list[Mention], pronoun: Mention, sentence_firsts: list[int]
    ) -> list[Mention]:
        """ "met Putin and Xi and urged them", "spoke with the leaders of Thailand
        and Cambodia and urged them": the parties named together last, other than
        the subject of the pronoun's sentence."""
        subject = self._subject_before(resolved, pronoun, sentence_firsts)
        named = [
            m
            for m in resolved
            if m.sentence >= pronoun.sentence - 1
            and m is not subject
            and m.kind not in {"adjective", "act", "place"}
            and not m.location
        ]
        # a single state named as a gerund's object or a possessor is no "them":
        # "accused Canberra and Washington of smearing China and urged them"
        end = len(named)
        while end > 0:
            last = named[end - 1]
            if last.kind == "group":
                return list(last.members or [])
            group = [last]
            for m in reversed(named[: end - 1]):
                gap = self._tok.lower[m.last + 1 : group[0].first]
                if not (gap and all(w in {",", "and"} for w in gap)):
                    break
                group.insert(0, m)
            if len(group) >= 2:
                return group
            gerund = last.first > 0 and self._tok.lower[last.first - 1].endswith("ing")
            if not (last.possessive or gerund):
                return []
            end -= 1  # a gerund's object or a possessor in a charge ("of smearing China")
        return []

    def _plural_antecedent(self, resolved: list[Mention], pronoun: Mention) -> list[Mention]:
        """ "Britain and Canada said they would ...": the coordinated subject before "they"."""
        for sentence in (pronoun.sentence, pronoun.sentence - 1):
            free = [
                m
                for m in resolved
                if m.sentence == sentence
                and m.prep is None
                and m.kind not in {"adjective", "act", "place"}
                and not m.location
            ]
            if not free:
                continue
            group = [free[0]]
            for m in free[1:]:
                gap = self._tok.lower[group[-1].last + 1 : m.first]
                if gap and all(w in {",", "and"} for w in gap):
                    group.append(m)
                else:
                    break
            return group if len(group) >= 2 else []
        return []


def _list_end(gaps: Sequence[tuple[str, ...]], n: int) -> int:
    """Index of the last mention of the list that mention n is in, by the gaps
    between neighbouring mentions."""
    while n < len(gaps) and gaps[n] and _LIST_JOINERS.issuperset(gaps[n]):
        n += 1
    return n


def list_goes_on(gaps: Sequence[tuple[str, ...]], n: int, joiners: frozenset[str]) -> bool:
    """Whether a list of names goes on from gap n (the words between its names) to
    a gap with a joiner other than a comma ("Kenya, Uganda and Sudan"): a lone
    comma before gap n then lists too."""
    while n < len(gaps) and gaps[n] and joiners.issuperset(gaps[n]):
        if any(w != "," for w in gaps[n]):
            return True
        n += 1
    return False


def opens_aside(word: str, relatives: frozenset[str]) -> bool:
    """Whether a word after a comma opens a participle or relative aside
    (", citing security concerns,", ", which accuses Moscow of spying,")."""
    return word.endswith("ing") or word in relatives


def finite_verb(low: str, finite_words: frozenset[str]) -> bool:
    """Whether a lower-case word after a subject is a past tense ("-ed"), an
    auxiliary or a reporting verb (`finite_words`)."""
    return low.endswith("ed") or low in finite_words


def stand_in(antecedent: Mention, at: Mention) -> Mention:
    """The antecedent's identity at the place of what refers to it ("he", "his guest")."""
    copy = antecedent.copy()
    copy.first, copy.last, copy.sentence = at.first, at.last, at.sentence
    copy.prep, copy.possessive, copy.location = at.prep, False, False
    return copy


def _state_part(m: Mention) -> bool:
    """Whether a mention can be one state of a hyphenated pair ("U.S.-Russia")."""
    return m.kind in _STATE_PARTS and m.code is not None and not m.possessive


def _as_state(m: Mention) -> Mention:
    return Mention(m.first, m.last, m.sentence, "country", m.code, None, m.name)


def _holds(m: Mention, office: str) -> bool:
    """Whether a person's title ends with `office` (" minister" for "Foreign Minister")."""
    return m.kind == "person" and (" " + (m.title or "").lower()).endswith(office)


def _portfolio_filler(word: str) -> bool:
    """A word that may stand between the names of a portfolio: a capitalized
    name word, a comma or "and"."""
    return word[:1].isupper() or word in {",", "and"}


def _hyphenated_surname(word: str, particles: frozenset[str]) -> bool:
    """ "al-Sisi": a particle, a hyphen and a capitalized surname."""
    particle, hyphen, rest = word.partition("-")
    return bool(hyphen) and particle in particles and rest[:1].isupper()


def _in_office(surface: Surface, year: int, titled: str = "") -> Surface:
    """A person as who they acted for in the article's year: "Rutte" in 2015 is
    the Dutch prime minister, not yet NATO's secretary-general. In a year of two
    offices, the one the title before the name (`titled`, lower case) opens:
    "Foreign Minister Josep Borrell" in 2019 still acts for Spain."""
    held = [a for a in surface.affiliations if a[0] <= year <= a[1]]
    if not held:
        return surface
    chosen = held[0]
    if titled and len(held) > 1:
        # "Spanish Foreign Minister": the longest run of its last words an office opens with
        words = titled.split()
        chosen = next(
            (
                a
                for n in range(len(words), 0, -1)
                for a in held
                if a[4].startswith(" ".join(words[-n:]))
            ),
            chosen,
        )
    _, _, code, org, _ = chosen
    if (code, org) == (surface.code, surface.organization):
        return surface
    return replace(surface, code=code, organization=org)
