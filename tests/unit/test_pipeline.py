"""The extraction engine on a fictional world: roles, status, dates, merging."""

from __future__ import annotations

from itertools import combinations

import pytest
from service.extract import ArticleRejected, Extractor
from service.models import Article, DiplomaticEvent

from tests.unit.conftest import Dyad, date_values, dyads, run


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # subject acts on the place it travels to
        (
            "Freedonian Foreign Minister Ana Bell visited Sylvania on Tuesday.",
            ("visit", ("FRD",), ("SYL",)),
        ),
        # a capital stands for its state as a destination
        ("The Freedonian delegation arrived in Strelsau on Monday.", ("visit", ("FRD",), ("RUR",))),
        # the host is the target, the visitor the source
        ("Sylvania hosted a Genovian delegation on Monday.", ("visit", ("GNV",), ("SYL",))),
        # possessive noun trigger: "X's visit to Y"
        (
            "President Rufus Firefly's visit to Genovia ended quietly.",
            ("visit", ("FRD",), ("GNV",)),
        ),
        # "with" marks the other party of a meeting
        (
            "Sylvania's foreign minister met with Ruritanian Foreign Minister Ivo Kral in Pyrus.",
            ("meeting", ("RUR",), ("SYL",)),
        ),
        # a demonym's plural names its state's side
        (
            "Freedonia has been urging the Sylvanians to open their border.",
            ("appeal", ("FRD",), ("SYL",)),
        ),
        # coordinated subject: two sources
        (
            "Freedonia and Genovia have been urging Sylvania to open its border.",
            ("appeal", ("FRD", "GNV"), ("SYL",)),
        ),
        # passive voice: the "by" phrase is the agent
        (
            "Two Sylvanian diplomats were expelled by Freedonia on Monday.",
            ("expulsion", ("FRD",), ("SYL",)),
        ),
        # "between X and Y" on a noun trigger with no subject
        (
            "The talks between Sylvania and Genovia ended on Monday.",
            ("meeting", ("GNV",), ("SYL",)),
        ),
        # a possessive may open the second conjunct of the subject
        (
            "Freedonian Foreign Minister Ana Bell and her Sylvanian counterpart met on Monday.",
            ("meeting", ("FRD",), ("SYL",)),
        ),
        # a state's name shares the head of the demonym before it
        (
            "The talks between Freedonian and Sylvania diplomats ended on Monday.",
            ("meeting", ("FRD",), ("SYL",)),
        ),
        # a fronted "In <capital>," leaves the subject after the comma free
        (
            "In Pyrus, Freedonia urged Sylvania on Monday to open its border.",
            ("appeal", ("FRD",), ("SYL",)),
        ),
        # "we" inside a quotation is the speaker named after it
        (
            '"We urge Sylvania to open its border," Freedonia said on Monday.',
            ("appeal", ("FRD",), ("SYL",)),
        ),
        # a possessor belongs to the conjunct it opens
        (
            "Freedonia's Rufus Firefly and Sylvania's Sheikh Omar signed a treaty on Monday.",
            ("agreement", ("FRD",), ("SYL",)),
        ),
        # a verb after "and" shares the subject of the verb before it
        (
            "Freedonia met Sylvania on Monday and urged Genovia to open its border.",
            ("appeal", ("FRD",), ("GNV",)),
        ),
        # symmetric subject group is split into a dyad
        (
            "Sylvania and Ruritania signed a border treaty on Monday.",
            ("agreement", ("RUR",), ("SYL",)),
        ),
    ],
)
def test_roles(tiny: Extractor, body: str, expected: Dyad) -> None:
    found = dyads(run(tiny, body))
    symmetric = {(t, tuple(sorted(s + g)), ()) for t, s, g in found}
    want_sym = (expected[0], tuple(sorted(expected[1] + expected[2])), ())
    assert expected in found or want_sym in symmetric


@pytest.mark.parametrize(
    "body",
    [
        "Sylvania and Genovia signed a Freedonian-brokered treaty on Monday.",
        "Sylvania and Genovia on Monday signed a treaty, a Freedonia-brokered deal.",
    ],
)
def test_compound_modifier_names_the_mediator_not_a_party(tiny: Extractor, body: str) -> None:
    found = dyads(run(tiny, body))
    assert ("mediation", ("FRD",), ("GNV", "SYL")) in found
    assert all(t == "mediation" or "FRD" not in s + g for t, s, g in found)


def test_name_in_a_compound_modifier_is_no_participant(tiny: Extractor) -> None:
    # "Sylvania-backed" modifies the envoy; without it nobody named travels
    assert run(tiny, "A Sylvania-backed envoy arrived in Genovia on Monday.") == []
    assert dyads(run(tiny, "A Sylvanian envoy arrived in Genovia on Monday.")) == {
        ("visit", ("SYL",), ("GNV",))
    }


def test_one_side_facing_a_list_does_not_meet_itself(tiny: Extractor) -> None:
    # "between A and B, C, D": A faces the list, whose members meet no one
    body = "The talks between Freedonia and Sylvania, Ruritania and Genovia resumed on Monday."
    assert dyads(run(tiny, body)) == {("meeting", ("FRD",), ("GNV", "RUR", "SYL"))}
    # a plain list of four: all meet all
    body = "The talks between Freedonia, Sylvania, Ruritania and Genovia resumed on Monday."
    assert len(dyads(run(tiny, body))) == 3


def test_name_after_a_clause_preposition_is_the_subject_of_its_clause(tiny: Extractor) -> None:
    body = "Genovia closed its border after Sylvania visited Freedonia on Monday."
    assert dyads(run(tiny, body)) == {("visit", ("SYL",), ("FRD",))}
    # followed by no verb, the name is the preposition's object and acts in nothing
    assert run(tiny, "The talks ended after Sylvania on Monday.") == []


@pytest.mark.parametrize(
    ("body", "recognized"),
    [
        ("Genovia is one of few states that recognize Sylvania.", False),
        ("Genovia recognizes Sylvania.", False),
        ("Genovia recognized Sylvania on Monday.", True),
        ("Genovia will formally recognize Sylvania next month.", True),
    ],
)
def test_present_tense_of_a_standing_relation_is_no_event(
    tiny: Extractor, body: str, recognized: bool
) -> None:
    found = dyads(run(tiny, body))
    assert (("relations_established", ("GNV",), ("SYL",)) in found) is recognized


@pytest.mark.parametrize(
    "body", ["FREDVILLE (AP) — ", "FREDVILLE, March 14 (AP) — ", "FREDVILLE (AP) — in"]
)
def test_a_dateline_with_little_or_no_text_after_it_codes_to_nothing(
    tiny: Extractor, body: str
) -> None:
    # an empty sentence after the dateline once indexed past the last token
    assert run(tiny, body) == []


def test_unnamed_organ_belongs_to_the_dateline_state(tiny: Extractor) -> None:
    story = "The Foreign Ministry expelled two Sylvanian diplomats on Monday."
    assert dyads(run(tiny, f"FREDVILLE, Freedonia (AP) — {story}")) == {
        ("expulsion", ("FRD",), ("SYL",))
    }
    # with no dateline state, nobody is known to have expelled them
    assert run(tiny, story) == []


def test_counted_group_with_no_event_before_is_the_previous_sentences_actors(
    tiny: Extractor,
) -> None:
    body = (
        "Sylvania and Genovia agreed to reopen their border crossings. "
        "The two countries also signed a trade deal on Monday."
    )
    assert dyads(run(tiny, body)) == {("agreement", ("SYL",), ("GNV",))}


@pytest.mark.parametrize(
    ("joint", "date"),
    # "a year after" is not simultaneous: it counts a year back from Tuesday
    [(", as", "2024-03-12"), (", a year after", "2023")],
)
def test_simultaneous_clause_takes_the_date_of_the_clause_before(
    tiny: Extractor, joint: str, date: str | None
) -> None:
    body = (
        "Sylvania and Genovia signed a trade deal on Tuesday"
        f"{joint} the Sylvanian delegation arrived in Pyrus."
    )
    visits = [e for e in run(tiny, body) if e.type == "visit"]
    assert len(visits) == 1
    assert visits[0].date.value == date


def test_purpose_noun_takes_the_status_of_its_own_after_clause(tiny: Extractor) -> None:
    body = (
        "Sylvania and Genovia have agreed to meet again next week, Freedonia said on"
        " Wednesday, two days after it brought the two sides together in Pyrus for talks"
        " between Sylvania and Genovia."
    )
    statuses = {e.date.value: e.status for e in run(tiny, body) if e.date is not None}
    # the plan of the main clause is not the talks' own: they were held on Monday
    assert statuses == {"2024-W12": "planned", "2024-03-11": "occurred"}


@pytest.mark.parametrize(
    ("earlier", "events"),
    [
        ("Freedonia expelled two Sylvanian diplomats last summer.", 2),  # another expulsion
        ("Freedonia expelled two Sylvanian diplomats on Monday.", 1),  # the one reported
    ],
)
def test_report_dated_mention_folds_only_into_an_event_shortly_before_it(
    tiny: Extractor, earlier: str, events: int
) -> None:
    body = f"Freedonia said on Thursday it had expelled a Sylvanian envoy. {earlier}"
    assert len(run(tiny, body)) == events


@pytest.mark.parametrize(
    ("before", "deed", "between", "condemned"),
    [
        ("", "the expulsion", "", "FRD"),
        ("", "the move", "", "FRD"),
        # an act of a named type is found however far back ...
        ("", "the expulsion", "The weather was fine. Markets were calm. ", "FRD"),
        # ... "the move" in the previous sentence, or the deed the article opened with
        ("", "the move", "The weather was fine. Markets were calm. ", "FRD"),
        ("Markets were calm. ", "the move", "The weather was fine. Prices rose. ", None),
    ],
)
def test_condemned_deed_targets_whoever_did_it(
    tiny: Extractor, before: str, deed: str, between: str, condemned: str | None
) -> None:
    body = (
        f"{before}Freedonia expelled two Sylvanian diplomats on Monday. {between}"
        f"Sylvania denounced {deed} on Tuesday."
    )
    condemnations = {d for d in dyads(run(tiny, body)) if d[0] == "condemnation"}
    expected = {("condemnation", ("SYL",), (condemned,))} if condemned else set()
    assert condemnations == expected


@pytest.mark.parametrize(
    ("told", "doer"),
    [
        ("Sylvanian police stormed the Freedonian embassy on Friday.", "SYL"),
        ("The Freedonian embassy was stormed on Friday by Sylvanian police.", "SYL"),
        ("Sylvania raided the Freedonian embassy on Friday.", "SYL"),
        ("Freedonia denounced Sylvania's raid on the embassy on Friday.", "SYL"),
        # a subordinate clause's subject is its own, and gunmen are no state
        ("Freedonia expelled a diplomat after gunmen stormed its embassy.", None),
        ("Markets were calm on Friday.", None),
    ],
)
def test_condemned_deed_that_is_no_event_is_its_doers(
    tiny: Extractor, told: str, doer: str | None
) -> None:
    body = f"{told} Genovia denounced the raid on Saturday."
    condemnations = {
        d for d in dyads(run(tiny, body)) if d[0] == "condemnation" and d[1] == ("GNV",)
    }
    assert condemnations == ({("condemnation", ("GNV",), (doer,))} if doer else set())


@pytest.mark.parametrize(
    ("told", "doer"),
    [
        # sanctions on no state are still their imposer's deed
        ("Freedonia banned fish imports on Monday.", "FRD"),
        # ... unless its sentence told sanctions of two parties: those are meant
        ("Freedonia banned Sylvanian imports on Monday, as Sylvania banned fish imports.", "FRD"),
        ("Markets were calm on Monday.", None),
    ],
)
def test_condemned_sanctions_on_no_state_are_their_imposers(
    tiny: Extractor, told: str, doer: str | None
) -> None:
    body = f"{told} Genovia denounced the sanctions on Tuesday."
    condemnations = {d for d in dyads(run(tiny, body)) if d[0] == "condemnation"}
    assert condemnations == ({("condemnation", ("GNV",), (doer,))} if doer else set())


@pytest.mark.parametrize(
    ("body", "host"),
    [
        ("PYRUS, Genovia (AP) — Firefly landed on Monday.", "GNV"),
        ("Firefly landed on Monday.", None),  # no dateline, no place
        ("PYRUS, Genovia (AP) — Firefly landed on Monday after a stop in Sylvania.", None),
        # the visitor's last trip told went elsewhere
        ("PYRUS, Genovia (AP) — Firefly visited Sylvania on Sunday. He landed on Monday.", None),
        # the dateline's place, unknown to the lexicon, is in its state
        ("GRAND FORKS, Genovia (AP) — Firefly arrived in Grand Forks on Monday.", "GNV"),
        ("Firefly arrived in Grand Forks on Monday.", None),
    ],
)
def test_bare_arrival_is_in_the_datelines_place(
    tiny: Extractor, body: str, host: str | None
) -> None:
    visits = {d for d in dyads(run(tiny, body)) if d[0] == "visit" and d[2] == ("GNV",)}
    assert visits == ({("visit", ("FRD",), ("GNV",))} if host else set())


@pytest.mark.parametrize(
    ("body", "guests"),
    [
        ("Freedonia hosted the Sylvanians on Monday.", {("visit", ("SYL",), ("FRD",))}),
        # a demonym's plural without "the" is people, no side
        ("Freedonia hosted 3,000 Sylvanians on Monday.", set()),
    ],
)
def test_a_demonyms_plural_is_a_side_only_with_the_article(
    tiny: Extractor, body: str, guests: set[Dyad]
) -> None:
    assert {d for d in dyads(run(tiny, body)) if d[0] == "visit"} == guests


@pytest.mark.parametrize(
    ("subject", "acts"),
    [
        ("Sylvania's Ana Bell", True),  # a state's person, named
        ("Sylvania's Grand Canal Company", False),  # a thing of the state
    ],
)
def test_a_state_acts_through_a_person_it_names(tiny: Extractor, subject: str, acts: bool) -> None:
    found = dyads(run(tiny, f"{subject} met Freedonia on Monday."))
    assert found == ({("meeting", ("SYL",), ("FRD",))} if acts else set())


def test_relative_clause_after_a_preposition_holds_no_subject(tiny: Extractor) -> None:
    body = "The League, of which Sylvania is a member, on Monday urged Genovia to talk."
    assert dyads(run(tiny, body)) == {("appeal", ("LON",), ("GNV",))}


def test_official_titled_after_a_body_acts_for_its_state(tiny: Extractor) -> None:
    body = (
        "PYRUS, Genovia (AP) — Sylvania's Foreign Ministry envoy Ana Bell "
        "arrived in Freedonia on Monday."
    )
    assert dyads(run(tiny, body)) == {("visit", ("SYL",), ("FRD",))}


def test_a_place_is_where_an_event_happens_never_who_acts(tiny: Extractor) -> None:
    visit = run(tiny, "The Freedonian delegation arrived in Port Sylvan on Monday.")
    assert dyads(visit) == {("visit", ("FRD",), ("SYL",))}
    assert visit[0].location is not None
    assert (visit[0].location.name, visit[0].location.country) == ("Port Sylvan", "SYL")
    assert run(tiny, "Port Sylvan urged Genovia to reopen the border on Monday.") == []
    # the dateline's city gives the home state of an untitled organ
    body = "PORT SYLVAN (AP) — The Foreign Ministry expelled two Genovian diplomats on Monday."
    assert dyads(run(tiny, body)) == {("expulsion", ("SYL",), ("GNV",))}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the state among those it can describe that was named last
        (
            "Sylvania met Freedonia in 2019. On Monday Freedonia urged the duchy to act.",
            {("appeal", ("FRD",), ("SYL",))},
        ),
        (
            "Genovia and Sylvania met in 2019. Freedonia urged the duchy to act on Monday.",
            {("appeal", ("FRD",), ("SYL",))},
        ),
        # a description of none of the states named is nobody
        ("Freedonia met Ruritania in 2019. Freedonia urged the duchy to act on Monday.", set()),
    ],
)
def test_description_of_a_state_stands_for_the_last_it_fits(
    tiny: Extractor, body: str, expected: set[Dyad]
) -> None:
    assert {d for d in dyads(run(tiny, body)) if d[0] != "meeting"} == expected


def test_host_city_acts_for_its_organization_but_is_a_place_of_its_state(
    tiny: Extractor,
) -> None:
    body = "Freedonia on Monday urged Strelsau to reopen the border."
    assert dyads(run(tiny, body)) == {("appeal", ("FRD",), ("LON",))}
    body = "The Freedonian president's visit to Strelsau on Monday was a success."
    assert dyads(run(tiny, body)) == {("visit", ("FRD",), ("RUR",))}


def test_long_names_after_a_title_resolve_whole(tiny: Extractor) -> None:
    body = "Emir Sheikh Omar bin Rashid Al Sylvani arrived in Genovia on Monday."
    assert dyads(run(tiny, body)) == {("visit", ("SYL",), ("GNV",))}


def test_hyphenated_particle_continues_a_name(tiny: Extractor) -> None:
    # "al-Rashid" is part of the name, so "and" joins the two presidents as the
    # subject of both verbs
    body = (
        "Sylvanian President Karim al-Rashid and Genovian President Anna Berg "
        "shook hands and held talks in Pyrus on Monday."
    )
    assert dyads(run(tiny, body)) == {("meeting", ("SYL",), ("GNV",))}


def test_particles_one_after_another_continue_a_name(tiny: Extractor) -> None:
    # "von der" before a capital is inside the name: one person, not "Anna" and a
    # second mention
    body = "Genovian President Anna von der Berg met Sylvanian President Karim al-Rashid on Monday."
    events = run(tiny, body)
    assert dyads(events) == {("meeting", ("GNV",), ("SYL",))}
    assert "Anna von der Berg" in {a.name for e in events for a in e.source + e.target}


def test_who_also_attended_a_meeting_met_every_party(tiny: Extractor) -> None:
    body = (
        "Sylvanian President Karim al-Rashid held a meeting with Genovian President "
        "Anna Berg on Monday, which was also attended by Ruritanian and Freedonian envoys."
    )
    pairs = {
        frozenset((s.country, t.country))
        for e in run(tiny, body)
        for s in e.source
        for t in e.target
        if s.country != t.country
    }
    assert pairs == {
        frozenset(pair)
        for pair in (
            ("SYL", "GNV"),
            ("RUR", "SYL"),
            ("RUR", "GNV"),
            ("FRD", "SYL"),
            ("FRD", "GNV"),
            ("RUR", "FRD"),
        )
    }


def test_comma_closes_a_sentence_opening_phrase_before_its_subjects(tiny: Extractor) -> None:
    # the list after the comma is the subject of "signed", not more places after "In"
    body = "In Pyrus, Freedonia and Sylvania signed a treaty on Monday."
    assert dyads(run(tiny, body)) == {("agreement", ("FRD",), ("SYL",))}
    # a list that goes on to no verb stays in the phrase: nobody acts
    assert run(tiny, "In Pyrus, Strelsau and Sylvan City, the treaty was praised.") == []


def test_possessor_is_no_subject_of_a_joined_verb(tiny: Extractor) -> None:
    # "Sylvania's" only owns the position; "urged" goes on from the speaker
    body = (
        "Freedonia rejected the protest on Monday, calling Sylvania's position "
        'groundless, and urged Sylvan City to "stop provocations".'
    )
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert dyads(appeals) == {("appeal", ("FRD",), ("SYL",))}


def test_undated_event_is_of_the_day_of_the_news(tiny: Extractor) -> None:
    body = (
        "Sylvania expelled two Freedonian diplomats on Monday. "
        "Genovia urged Sylvania to reverse the decision. "
        "Genovia and Ruritania signed a treaty."
    )
    events = [e for e in run(tiny, body) if e.type in {"appeal", "agreement"}]
    assert date_values(events) == ["2024-03-11"] * 2
    # with no event dated to a recent day there is no news day to take
    body = "Sylvania expelled two Freedonian diplomats in 2019. Genovia urged Sylvania to stop."
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert date_values(appeals) == [None]


def test_news_day_is_the_latest_day_of_the_first_dated_sentence(tiny: Extractor) -> None:
    # the arrival on Sunday, told in an aside, is background to Monday's meeting
    body = (
        "The Freedonian envoy, who arrived in Sylvania on Sunday, met Sylvania's president "
        "on Monday. Trade has grown. Genovia invited Ruritania to Pyrus."
    )
    invitations = [e for e in run(tiny, body) if e.type == "invitation"]
    assert date_values(invitations) == ["2024-03-11"]


def test_a_trip_under_way_dates_none_of_its_deeds(tiny: Extractor) -> None:
    # the visit is dated by its first day; the signing is of the news's day
    body = (
        "President Rufus Firefly held talks with Sylvania's president on Thursday. Firefly, "
        "who is on a three-day visit to Sylvania that began on Wednesday, praised the talks. "
        "The two sides signed a treaty."
    )
    dates = {e.type: e.date.value if e.date else None for e in run(tiny, body)}
    assert dates == {"meeting": "2024-03-14", "visit": "2024-03-13", "agreement": "2024-03-14"}


@pytest.mark.parametrize(
    ("body", "appeal"),
    [
        # "he" in the next sentence is the speaker, not the name he quoted
        (
            '"President Rufus Firefly was not ready," the Sylvanian envoy told reporters. '
            "He urged Genovia to act.",
            ("appeal", ("SYL",), ("GNV",)),
        ),
        # nor is a quoted name the subject of the participle after the quotation
        (
            '"Sylvania must leave Genovia," the Freedonian envoy said on Monday, '
            "urging Ruritania to act.",
            ("appeal", ("FRD",), ("RUR",)),
        ),
        # so "him" after the quotation is the name quoted, the speaker being the subject
        (
            '"President Rufus Firefly was not ready," the Sylvanian envoy told reporters, '
            "accusing him of delay.",
            ("condemnation", ("SYL",), ("FRD",)),
        ),
    ],
)
def test_a_quoted_name_is_spoken_of_not_the_speaker(
    tiny: Extractor, body: str, appeal: Dyad
) -> None:
    assert dyads(run(tiny, body)) == {appeal}


def test_the_gathering_on_whose_sidelines_talks_are_held_is_no_event(tiny: Extractor) -> None:
    body = (
        "Freedonia and Sylvania are arranging to hold talks on the sidelines of a Group of 20 "
        "foreign ministers' meeting in Pyrus later this month."
    )
    events = run(tiny, body)
    assert [(e.type, e.status, e.evidence.trigger) for e in events] == [
        ("meeting", "planned", "hold talks")
    ]


@pytest.mark.parametrize(
    ("said", "planned"),
    [
        ("Firefly said they had agreed to hold their first formal talks next month.", True),
        # another party named in the sentence may be who "they" are: no guess
        (
            "Firefly told Genovia they had agreed to hold their first formal talks next month.",
            False,
        ),
    ],
)
def test_they_who_agreed_to_meet_are_the_parties_told_last(
    tiny: Extractor, said: str, planned: bool
) -> None:
    body = f"President Rufus Firefly met Sylvania's president on Monday. {said}"
    plans = dyads([e for e in run(tiny, body) if e.status == "planned"])
    assert plans == ({("meeting", ("FRD",), ("SYL",))} if planned else set())


def test_a_visit_is_between_its_visitor_and_host_for_a_group(tiny: Extractor) -> None:
    body = (
        "A Freedonian delegation arrived in Strelsau on Monday. "
        "The rivals signed a treaty in January."
    )
    signed = [e for e in run(tiny, body) if e.type == "agreement"]
    assert dyads(signed) == {("agreement", ("FRD",), ("RUR",))}


@pytest.mark.parametrize(
    ("span", "date"),
    [
        ("two days after", "2024-03-11"),
        ("a week before", "2024-03-20"),
        ("two months after", "2024-01"),
        # an approximate span counts to no day
        ("nearly two days after", None),
    ],
)
def test_a_span_before_after_dates_the_clause_it_opens(
    tiny: Extractor, span: str, date: str | None
) -> None:
    body = f"Freedonia met Sylvania on Wednesday, {span} Genovia expelled Ruritanian diplomats."
    expulsions = [e for e in run(tiny, body) if e.type == "expulsion"]
    assert date_values(expulsions) == [date]


def test_a_span_before_after_does_not_date_the_clause_before_it(tiny: Extractor) -> None:
    body = (
        "Sylvania expelled Ruritanian diplomats on Monday. "
        "Freedonia met Genovia, a day after Sylvania signed a treaty with Ruritania."
    )
    dates = {e.type: e.date.value if e.date else None for e in run(tiny, body)}
    assert dates["agreement"] == "2024-03-10"
    assert dates["meeting"] != "2024-03-10"


def test_names_joined_after_a_clause_preposition_are_its_subject(tiny: Extractor) -> None:
    body = "Freedonia met Sylvania on Wednesday, a day after Genovia and Ruritania signed a treaty."
    signed = [e for e in run(tiny, body) if e.type == "agreement"]
    assert dyads(signed) == {("agreement", ("GNV",), ("RUR",))}
    assert date_values(signed) == ["2024-03-12"]


def test_a_demonym_in_the_name_of_a_thing_is_no_official(tiny: Extractor) -> None:
    body = (
        "Sylvania, in a dispute over the Grand Genovian Renaissance Dam, "
        "signed a treaty with Ruritania on Monday."
    )
    assert dyads(run(tiny, body)) == {("agreement", ("SYL",), ("RUR",))}


def test_participle_clause_pronoun_is_the_last_events_target(tiny: Extractor) -> None:
    body = "Freedonia expelled two Sylvanian diplomats on Monday, accusing them of spying."
    condemnations = [e for e in run(tiny, body) if e.type == "condemnation"]
    assert dyads(condemnations) == {("condemnation", ("FRD",), ("SYL",))}
    assert condemnations[0].date.value == "2024-03-11"  # the expulsion's Monday


def test_three_party_meeting_covers_every_pair(tiny: Extractor) -> None:
    events = run(tiny, "Sylvania, Ruritania and Genovia held talks in Pyrus on Monday.")
    assert len(events) == 1
    pairs = {
        frozenset((s.country, t.country))
        for s in events[0].source
        for t in events[0].target
        if s.country != t.country
    }
    assert pairs == {
        frozenset(("SYL", "RUR")),
        frozenset(("SYL", "GNV")),
        frozenset(("RUR", "GNV")),
    }


def test_dateline_date_beats_timestamp_and_weekday_resolves_back(tiny: Extractor) -> None:
    # The dateline says March 14 (a Thursday); the UTC stamp is already the 15th.
    article = Article(
        id="a",
        body="FREDVILLE, March 14 (AP) — Freedonia expelled two Sylvanian diplomats on Monday.",
        published_at="2024-03-15T01:00:00Z",
    )
    (event,) = tiny.extract(article)
    assert event.date.value == "2024-03-11"
    assert event.date.basis == "relative"


@pytest.mark.parametrize(
    ("body", "status", "value"),
    [
        ("Freedonia's foreign minister will visit Sylvania on Monday.", "planned", "2024-03-18"),
        ("Freedonia's foreign minister visited Sylvania on Monday.", "occurred", "2024-03-11"),
        ("Freedonia's foreign minister is visiting Sylvania this week.", "ongoing", "2024-W11"),
        ("Freedonia postponed a planned visit to Sylvania.", "cancelled", None),
        # a subject noun takes its status from its verb, past an appositive that
        # schedules it ahead
        (
            "The talks between Freedonia and Sylvania, scheduled for Monday, were postponed.",
            "cancelled",
            "2024-03-18",
        ),
        (
            "The talks between Freedonia and Sylvania, set for Monday, will focus on trade.",
            "planned",
            "2024-03-18",
        ),
        # a passive infinitive looks ahead as an active one does
        (
            "Sylvania is to be visited by Freedonia's foreign minister on Monday.",
            "planned",
            "2024-03-18",
        ),
        # a negation in an earlier conjunct negates another verb
        (
            "Freedonia's foreign minister was not in Pyrus but visited Sylvania on Monday.",
            "occurred",
            "2024-03-11",
        ),
        (
            "Analysts say Freedonia's foreign minister may visit Sylvania next month.",
            "hypothetical",
            "2024-04",
        ),
    ],
)
def test_status_and_direction(tiny: Extractor, body: str, status: str, value: str | None) -> None:
    (event,) = run(tiny, body)
    assert event.status == status
    assert event.date.value == value


def test_later_before_a_past_tense_verb_is_no_plan(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia met Genovia on Monday and later visited Sylvania.")
    assert {(e.type, e.status) for e in events} == {("meeting", "occurred"), ("visit", "occurred")}


def test_a_name_is_no_reporting_verb(tiny: Extractor) -> None:
    body = (
        "Sylvania has been calm since May, and the Federated States on Monday "
        "expelled two Sylvanian diplomats."
    )
    (event,) = run(tiny, body)
    assert event.date.value == "2024-03-11"


def test_reporting_clause_dates_past_event(tiny: Extractor) -> None:
    (event,) = run(tiny, "Freedonia said on Wednesday it had expelled two Sylvanian diplomats.")
    assert event.date.value == "2024-03-13"


def test_reporting_clause_does_not_date_future_event(tiny: Extractor) -> None:
    (event,) = run(tiny, "Freedonia said on Wednesday it would expel two Sylvanian diplomats.")
    assert event.status == "planned"
    assert event.date.value is None


@pytest.mark.parametrize(
    ("body", "value"),
    [
        # a noun trigger that is its clause's subject takes the date across its verb
        ("The talks between Sylvania and Genovia were held in Pyrus on Monday.", "2024-03-11"),
        # but not across a subordinate clause with a date of its own
        (
            "The talks between Sylvania and Genovia were the first since Freedonia left in May.",
            None,
        ),
    ],
)
def test_subject_noun_trigger_dated_by_its_verb(
    tiny: Extractor, body: str, value: str | None
) -> None:
    (event,) = run(tiny, body)
    assert event.date.value == value


def test_participle_clause_subject_is_the_whole_coordinated_subject(tiny: Extractor) -> None:
    events = run(
        tiny, "Freedonia and Genovia expelled two diplomats on Monday, accusing Sylvania of spying."
    )
    (accusation,) = [e for e in events if e.type == "condemnation"]
    assert sorted(a.country for a in accusation.source) == ["FRD", "GNV"]
    assert [a.country for a in accusation.target] == ["SYL"]


def test_an_event_during_a_call_is_made_in_it(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia invited Sylvania to Pyrus during a phone call on Monday.")
    assert {(e.type, e.status, e.date.value) for e in events} == {
        ("invitation", "occurred", "2024-03-11"),
        ("phone_call", "occurred", "2024-03-11"),
    }
    assert all(
        ([a.country for a in e.source], [a.country for a in e.target]) == (["FRD"], ["SYL"])
        for e in events
    )


def test_passive_condemnation_of_a_deed_targets_its_doer(tiny: Extractor) -> None:
    body = (
        "Freedonia expelled two Sylvanian diplomats on Monday. "
        "The expulsion was denounced by Sylvania on Tuesday."
    )
    assert ("condemnation", ("SYL",), ("FRD",)) in dyads(run(tiny, body))


def test_participle_clause_subject_is_the_nearest_main_clauses(tiny: Extractor) -> None:
    body = (
        "Genovia has been calm for years, and Freedonia expelled two diplomats on Monday, "
        "accusing Sylvania of spying."
    )
    assert ("condemnation", ("FRD",), ("SYL",)) in dyads(run(tiny, body))


@pytest.mark.parametrize(
    "body",
    [
        "A round of Freedonian-brokered talks between Sylvania and Genovia opened on Monday.",
        "Freedonia mediated the second round between Sylvania and Genovia on Monday.",
    ],
)
def test_a_round_of_mediated_talks_is_a_negotiation(tiny: Extractor, body: str) -> None:
    events = run(tiny, body)
    assert sorted(e.type for e in events) == ["mediation", "negotiation"]


@pytest.mark.parametrize(
    "aside", ["citing security concerns", "which blames Freedonia for a plot", "meeting in Pyrus"]
)
def test_a_subject_before_an_aside_acts_and_is_placed_by_the_span_before_it(
    tiny: Extractor, aside: str
) -> None:
    body = (
        "Freedonia expelled two Sylvanian diplomats on Friday, a day after Sylvania, "
        f"{aside}, expelled two Freedonian diplomats."
    )
    events = {(e.type, e.source[0].country, e.target[0].country): e for e in run(tiny, body)}
    assert events.keys() >= {("expulsion", "FRD", "SYL"), ("expulsion", "SYL", "FRD")}
    placed = events["expulsion", "SYL", "FRD"].date
    assert placed is not None
    assert placed.value == "2024-03-14"


def test_a_base_verb_joined_to_a_plan_shares_it(tiny: Extractor) -> None:
    body = (
        "Firefly will hold talks with the Sylvanian delegation in Sylvan City on Monday "
        "and meet Sheikh Omar."
    )
    assert {e.status for e in run(tiny, body)} == {"planned"}


def test_a_plan_dated_years_back_is_told_as_history(tiny: Extractor) -> None:
    events = run(tiny, "Firefly said he would visit Sylvania in 2019.")
    assert [(e.type, e.status) for e in events] == [("visit", "occurred")]


def test_a_verb_joined_to_the_last_shares_its_subject_not_the_clauses_first_actor(
    tiny: Extractor,
) -> None:
    body = "Freedonia said on Monday that Sylvania would visit Genovia and meet Ruritania."
    assert ("meeting", ("SYL",), ("RUR",)) in dyads(run(tiny, body))


def test_a_verb_joined_past_a_that_clause_takes_the_date_of_the_verb_before(
    tiny: Extractor,
) -> None:
    body = "Firefly told reporters on Tuesday that talks were possible, but urged Sylvania to act."
    (appeal,) = run(tiny, body)
    assert appeal.date is not None
    assert appeal.date.value == "2024-03-12"


@pytest.mark.parametrize(
    ("later", "dated"),
    [
        ("Firefly invited Sheikh Omar to Fredville.", True),
        ("Firefly has also invited Sheikh Omar to Fredville.", False),
        ("Firefly has been urging Sylvania to act.", False),
    ],
)
def test_the_present_perfect_past_the_lead_inherits_no_date(
    tiny: Extractor, later: str, dated: bool
) -> None:
    events = run(tiny, "Firefly met Sheikh Omar in Sylvan City on Monday. " + later)
    date = events[-1].date
    assert (date is not None and date.value is not None) == dated


@pytest.mark.parametrize(
    ("body", "value"),
    [
        (
            "The talks went ahead in Sylvan City on Monday, where Firefly met Sheikh Omar.",
            "2024-03-11",
        ),
        (
            "Firefly will stay in Sylvan City on Monday and Tuesday, where he will meet "
            "Sheikh Omar.",
            "2024-03-18",
        ),
    ],
)
def test_a_where_clause_happens_at_the_time_ending_the_clause_before(
    tiny: Extractor, body: str, value: str
) -> None:
    (meeting,) = [e for e in run(tiny, body) if e.type == "meeting"]
    assert meeting.date is not None
    assert meeting.date.value == value


@pytest.mark.parametrize("auxiliary", ["was", "has been", "had also been"])
def test_the_perfect_passive_swaps_subject_and_agent(tiny: Extractor, auxiliary: str) -> None:
    body = f"Sheikh Omar {auxiliary} invited to Fredville by Firefly."
    assert dyads(run(tiny, body)) == {("invitation", ("FRD",), ("SYL",))}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Freedonia welcomed a Sylvanian delegation on Monday.", {("visit", ("SYL",), ("FRD",))}),
        # approving a thing is no hosting; the decision's "by" agent does the act
        (
            "Freedonia welcomed the decision by Sylvania to recognize Genovia.",
            {("relations_established", ("SYL",), ("GNV",))},
        ),
    ],
)
def test_welcoming_a_guest_is_hosting_and_welcoming_a_decision_is_not(
    tiny: Extractor, body: str, expected: set[Dyad]
) -> None:
    assert dyads(run(tiny, body)) == expected


def test_a_group_owned_by_their_belongs_to_the_actors_listed_before_it(tiny: Extractor) -> None:
    body = "Freedonia and Sylvania said their diplomats would meet in Pyrus next week."
    assert dyads(run(tiny, body)) == {("meeting", ("FRD",), ("SYL",))}


@pytest.mark.parametrize(
    ("later", "meetings"),
    [
        # the counterpart of a president is no foreign minister: two meetings
        ("Firefly also met the Sylvanian Foreign Minister.", 2),
        # a head of state again, and the counterpart again: one meeting
        ("Firefly also met Sheikh Omar.", 1),
        ("Firefly met his counterpart for two hours.", 1),
    ],
)
def test_offices_of_different_ranks_are_different_people(
    tiny: Extractor, later: str, meetings: int
) -> None:
    body = "Firefly met his Sylvanian counterpart on Monday. " + later
    assert len([e for e in run(tiny, body) if e.type == "meeting"]) == meetings


def test_a_preposition_of_the_date_itself_opens_no_clause(tiny: Extractor) -> None:
    body = "Firefly will meet Sheikh Omar in Pyrus before the end of the year."
    (meeting,) = run(tiny, body)
    assert meeting.date is not None
    assert (meeting.status, meeting.date.value) == ("planned", "2024")


def test_a_hyphenated_modifier_sits_between_a_state_and_its_title(tiny: Extractor) -> None:
    body = "The talks came a day after Sylvania's army-led delegation visited Freedonia."
    assert dyads(run(tiny, body)) == {("visit", ("SYL",), ("FRD",))}


def test_an_intention_of_an_unknown_owner_is_not_the_subjects_act(tiny: Extractor) -> None:
    known = run(tiny, "Freedonia denounced Sylvania's decision to expel diplomats.")
    assert ("condemnation", ("FRD",), ("SYL",)) in dyads(known)
    unknown = run(tiny, "Freedonia denounced the junta's decision to expel Sylvanian diplomats.")
    assert not [e for e in unknown if e.type == "expulsion"]
    # the intention's own date sits between the noun and its infinitive
    dated = run(
        tiny, "Freedonia denounced the junta's decision on Monday to expel Sylvanian diplomats."
    )
    assert not [e for e in dated if e.type == "expulsion"]


_TALKS_TOLD = "Freedonia mediated talks between Sylvania and Genovia on Monday. "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one more round of the talks told before, dated and timed by its own clause
        (
            _TALKS_TOLD + "The second round, held in Pyrus on Wednesday, ended without a deal.",
            {("occurred", "2024-03-13")},
        ),
        (
            _TALKS_TOLD + "Sylvania said the delegations would reconvene in Pyrus on "
            "Monday for a third round.",
            {("planned", "2024-03-18")},
        ),
        (
            "Freedonia mediated the second round between Sylvania and Genovia on Monday, "
            "after a first round in January ended without a deal.",
            {("occurred", "2024-01")},
        ),
        # a round of something else; the talks themselves; a round in a condition
        (_TALKS_TOLD + "The second round of voting in Sylvania is on Sunday.", set()),
        (
            "Freedonia mediated talks between Sylvania and Genovia on Monday, the first "
            "such round since 2020.",
            set(),
        ),
        (_TALKS_TOLD + "A summit could follow if Monday's round goes well.", set()),
        # no talks told before: a round of nothing
        ("Sylvania won the first round on Sunday.", set()),
    ],
)
def test_a_bare_round_is_one_more_of_the_talks_told_before(
    tiny: Extractor, body: str, expected: set[tuple[str, str]]
) -> None:
    rounds = [e for e in run(tiny, body) if e.evidence.trigger == "round"]
    assert {(e.status, e.date.value if e.date else None) for e in rounds} == expected
    pair = {"GNV", "SYL"}
    assert all({*source, *target} == pair for _, source, target in dyads(rounds))


@pytest.mark.parametrize("joint", [". ", ", and "])
def test_a_mediated_round_is_between_the_parties_of_the_talks_told_before(
    tiny: Extractor, joint: str
) -> None:
    body = _TALKS_TOLD.rstrip(". ") + joint + "Ruritania mediated the second round on Wednesday."
    found = dyads(run(tiny, body))
    assert ("mediation", ("RUR",), ("GNV", "SYL")) in found
    # the round itself, held by the talks' parties
    assert {(*s, *t) for kind, s, t in found if kind == "negotiation"} & {
        ("GNV", "SYL"),
        ("SYL", "GNV"),
    }


def test_a_negation_heading_a_noun_phrase_does_not_cancel_the_noun_before(
    tiny: Extractor,
) -> None:
    for outcome in ("ended without a deal", "yielded no deal"):
        events = run(tiny, f"Sylvania's talks with Genovia {outcome} on Monday.")
        assert [(e.type, e.status) for e in events] == [("meeting", "occurred")], outcome
    events = run(tiny, "Sylvania's talks with Genovia did not take place on Monday.")
    assert [(e.type, e.status) for e in events] == [("meeting", "cancelled")]


def test_an_absolute_with_clause_shares_the_status_of_its_event(tiny: Extractor) -> None:
    body = (
        "Sylvania and Genovia will meet in the old harbour city of Pyrus on Monday "
        "with Freedonia acting as mediator."
    )
    events = run(tiny, body)
    assert {(e.type, e.status, e.date.value) for e in events} == {
        ("meeting", "planned", "2024-03-18"),
        ("mediation", "planned", "2024-03-18"),
    }


def test_passive_participle_clause_shares_the_date_it_describes(tiny: Extractor) -> None:
    events = run(tiny, "Sylvania and Genovia met on Monday for talks, mediated by Freedonia.")
    assert {(e.type, e.date.value) for e in events} == {
        ("meeting", "2024-03-11"),
        ("mediation", "2024-03-11"),
    }


def test_passive_participle_clause_mediates_between_the_parties_it_describes(
    tiny: Extractor,
) -> None:
    body = "The visit follows talks between Sylvania and Genovia on Monday, mediated by Freedonia."
    assert ("mediation", ("FRD",), ("GNV", "SYL")) in dyads(run(tiny, body))


def test_city_named_after_a_capital_phrase_is_the_place(tiny: Extractor) -> None:
    body = "Sylvania and Genovia held talks in the Freedonian capital Fredville."
    events = run(tiny, body)
    assert dyads(events) == {("meeting", ("SYL",), ("GNV",))}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a decision to expel is the expulsion; a decision to visit is a plan
        ("Freedonia decided to expel two Sylvanian diplomats on Tuesday.", "occurred"),
        ("Freedonia announced its decision to expel two Sylvanian diplomats.", "occurred"),
        ("Freedonia decided to visit Sylvania on Tuesday.", "planned"),
        ("Freedonia plans to expel two Sylvanian diplomats.", "planned"),
        # announced in reported speech, the act is done; a visit is still under way
        ("Freedonia said on Monday it was expelling two Sylvanian diplomats.", "occurred"),
        ("Freedonia said on Monday it was hosting Sylvania's president.", "ongoing"),
        # "agreed" puts only its to-infinitive ahead
        ("Freedonia and Sylvania agreed at a summit on Monday to open borders.", "occurred"),
        ("Freedonia and Sylvania agreed to hold talks on Monday.", "planned"),
    ],
)
def test_status_after_decisions_announcements_and_agreements(
    tiny: Extractor, body: str, expected: str
) -> None:
    assert [e.status for e in run(tiny, body)] == [expected]


def test_fronted_noun_trigger_takes_the_coordinated_subject_after_it(tiny: Extractor) -> None:
    body = "In a phone call on Monday, Freedonia and Sylvania discussed trade."
    events = run(tiny, body)
    assert dyads(events) == {("phone_call", ("FRD",), ("SYL",))}
    assert events[0].date is not None
    assert events[0].date.value == "2024-03-11"


def test_dates_in_a_nominal_appositive_do_not_date_the_noun(tiny: Extractor) -> None:
    body = (
        "Freedonia's visit to Sylvania, the first by a Freedonian leader since 2019, "
        "began on Monday."
    )
    events = run(tiny, body)
    assert date_values(events) == ["2024-03-11"]


def test_a_singular_body_is_the_antecedent_of_it(tiny: Extractor) -> None:
    body = (
        "Sylvania and Genovia met on Monday. "
        "Freedonia's foreign ministry said on Tuesday it had expelled two Genovian diplomats."
    )
    assert ("expulsion", ("FRD",), ("GNV",)) in dyads(run(tiny, body))


def test_a_group_before_a_verb_opens_its_own_clause(tiny: Extractor) -> None:
    body = "Freedonia held talks with Sylvania and the two sides signed a treaty on Monday."
    assert ("agreement", ("FRD",), ("SYL",)) in dyads(run(tiny, body))


def test_a_when_clause_takes_the_date_that_ends_the_clause_before(tiny: Extractor) -> None:
    body = "Relations collapsed in November 2013, when Freedonia expelled two Sylvanian diplomats."
    events = run(tiny, body)
    assert date_values(events) == ["2013-11"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("In 1995, then President Old Marx visited Freedonia.", {("visit", ("SYL",), ("FRD",))}),
        ("In 1995, then-President Old Marx visited Freedonia.", {("visit", ("SYL",), ("FRD",))}),
        # out of office and not dated by the text: nobody the lexicon knows
        ("President Old Marx visited Freedonia.", set()),
    ],
)
def test_then_titled_full_name_counts_outside_its_years(
    tiny: Extractor, body: str, expected: set[Dyad]
) -> None:
    assert dyads(run(tiny, body)) == expected


def test_a_body_from_two_states_names_both(tiny: Extractor) -> None:
    body = "Diplomats from Sylvania and Genovia met on Friday."
    assert dyads(run(tiny, body)) == {("meeting", ("SYL",), ("GNV",))}


def test_the_dateline_place_is_no_antecedent(tiny: Extractor) -> None:
    body = (
        "PYRUS, Genovia (AP) - In a statement on Monday the League said "
        "it had expelled two Sylvanian diplomats."
    )
    assert dyads(run(tiny, body)) == {("expulsion", ("LON",), ("SYL",))}


def test_a_purpose_infinitive_of_the_same_act_is_no_second_event(tiny: Extractor) -> None:
    body = "Freedonia denounced Sylvania on Monday to accuse it of spying."
    assert [e.type for e in run(tiny, body)] == ["condemnation"]


def test_a_venue_trigger_does_not_keep_the_date_away(tiny: Extractor) -> None:
    body = "Sylvania met Genovia on the sidelines of the League summit in Pyrus on Monday."
    events = run(tiny, body)
    assert [(e.type, e.date.value if e.date else None) for e in events] == [
        ("meeting", "2024-03-11")
    ]


def test_episode_date_is_inherited(tiny: Extractor) -> None:
    body = (
        "Freedonian envoy Ana Bell met with Sylvanian Foreign Minister Tomas Ruud "
        "last month in Pyrus.\n"
        "Ruud then also met Genovian Foreign Minister Lia Roy."
    )
    events = run(tiny, body)
    assert [(e.date.value, e.date.basis) for e in events] == [
        ("2024-02", "relative"),
        ("2024-02", "inherited"),
    ]


def test_a_date_shared_by_simultaneity_carries_on_to_the_next_sentence(tiny: Extractor) -> None:
    body = (
        "Sylvania and Genovia signed a treaty on Monday, as Rufus Firefly visited Pyrus.\n"
        "Firefly held talks with Genovia's foreign minister."
    )
    dates = {e.type: e.date.value for e in run(tiny, body)}
    assert dates == {"agreement": "2024-03-11", "visit": "2024-03-11", "meeting": "2024-03-11"}


def test_the_two_before_a_verb_are_the_last_events_parties(tiny: Extractor) -> None:
    body = "Freedonia and Sylvania signed a treaty on Monday. The two met Genovia on Tuesday."
    meetings = [e for e in run(tiny, body) if e.type == "meeting"]
    parties = {a.country for e in meetings for a in (*e.source, *e.target)}
    assert parties == {"FRD", "SYL", "GNV"}


def test_repeated_mentions_merge_into_the_best_dated(tiny: Extractor) -> None:
    body = (
        "Sylvania said Friday it was hosting a visit by a Freedonian government delegation led by "
        "Vice Foreign Minister Ana Bell.\n"
        "Bell's delegation arrived in Sylvan City on Thursday.\n"
        "Bell's visit to Sylvania comes amid tension."
    )
    (event,) = run(tiny, body)
    assert (event.date.value, event.status) == ("2024-03-14", "occurred")
    assert event.source[0].name == "Ana Bell"


def test_two_meetings_of_the_same_states_with_different_people_stay_apart(tiny: Extractor) -> None:
    body = (
        "Freedonian envoy Ana Bell met with Sylvanian minister Tomas Ruud last month.\n"
        "Ruud then also met Freedonian Foreign Minister Lia Roy."
    )
    assert len(run(tiny, body)) == 2


def test_office_holder_resolves_only_in_office_years(tiny: Extractor) -> None:
    assert not run(tiny, "Marx visited Freedonia on Monday.")  # Old Marx left office in 1999
    assert dyads(run(tiny, "Marx visited Freedonia on Monday.", published="1995-06-02")) == {
        ("visit", ("SYL",), ("FRD",))
    }


def test_context_alias_needs_its_country_named(tiny: Extractor) -> None:
    assert not run(tiny, "The Kingdom expelled two Sylvanian diplomats.")
    assert run(tiny, "Ruritania is angry. The Kingdom expelled two Sylvanian diplomats.")


def test_event_ids_are_stable_and_distinct(tiny: Extractor) -> None:
    body = "Freedonia expelled two Sylvanian diplomats on Monday. Genovia urged Sylvania to talk."
    first, second = run(tiny, body), run(tiny, body)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    assert len({e.event_id for e in first}) == 2


def test_every_event_carries_version_and_evidence(tiny: Extractor) -> None:
    body = "Freedonia expelled two Sylvanian diplomats on Monday."
    (event,) = run(tiny, body)
    assert event.extractor == tiny.version
    assert body[event.evidence.start : event.evidence.end] == event.evidence.sentence
    assert event.evidence.trigger == "expelled"


def test_generic_statement_is_no_event(tiny: Extractor) -> None:
    assert run(tiny, "Sylvania is a crucial partner for Freedonia's economy.") == []


def test_no_date_anywhere_is_rejected(tiny: Extractor) -> None:
    with pytest.raises(ArticleRejected) as caught:
        tiny.extract(Article(id="x", body="WASHINGTON (AP) — Freedonia expelled diplomats."))
    assert caught.value.reason == "no_publication_date"


def test_talks_between_a_counted_group_are_its_parties(tiny: Extractor) -> None:
    body = (
        "Sylvania and Genovia met on Monday. "
        "The talks between the two countries were held in Pyrus on March 1."
    )
    events = run(tiny, body)
    assert [(e.type, e.date.value if e.date else None) for e in events] == [
        ("meeting", "2024-03-11"),
        ("meeting", "2024-03-01"),
    ]
    assert dyads(events) == {("meeting", ("SYL",), ("GNV",))}


@pytest.mark.parametrize(
    "body",
    [
        # a possessive pronoun on the object points back as an object pronoun does
        "Freedonia expelled two Genovian diplomats on Tuesday, accusing their "
        "government of spying.",
        "Freedonia expelled the Genovian envoy on Tuesday, accusing his government of spying.",
    ],
)
def test_a_participle_clause_pronoun_is_the_last_events_target(tiny: Extractor, body: str) -> None:
    assert ("condemnation", ("FRD",), ("GNV",)) in dyads(run(tiny, body))


@pytest.mark.parametrize(
    "body",
    [
        # the act before the comma is an event: its subject did it
        "Freedonia recognized Genovia on Monday, a move Sylvania denounced.",
        # ... or not an event: the subject of the clause before the comma
        "Freedonia closed its border with Genovia on Monday, a rare step that Sylvania denounced.",
    ],
)
def test_a_reduced_relative_on_a_move_targets_who_made_it(tiny: Extractor, body: str) -> None:
    assert ("condemnation", ("SYL",), ("FRD",)) in dyads(run(tiny, body))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the visit's object is its place, not a party to the talks
        (
            "Freedonian Foreign Minister Ana Bell visited Pyrus on Monday for talks with "
            "Sylvanian Foreign Minister Tomas Ruud.",
            ("meeting", ("FRD",), ("SYL",)),
        ),
        # with no "with", the host is the other party
        (
            "Genovia will host Freedonian Foreign Minister Ana Bell next week for talks.",
            ("meeting", ("FRD",), ("GNV",)),
        ),
    ],
)
def test_talks_that_a_visit_is_for_are_the_visitors(
    tiny: Extractor, body: str, expected: Dyad
) -> None:
    events = run(tiny, body)
    assert expected in dyads(events)
    # one occasion: the talks share the visit's date and status
    assert len({(e.date.value if e.date else None, e.status) for e in events}) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one host and two guests named together: all three met
        (
            "Freedonia held talks with Sylvania and Genovia in Pyrus on Monday.",
            {("meeting", ("FRD", "SYL"), ("GNV", "SYL"))},
        ),
        # two "with" phrases are two meetings of the host
        (
            "Freedonia held talks with Sylvania in Pyrus and with Genovia in Strelsau on Monday.",
            {("meeting", ("FRD",), ("GNV", "SYL"))},
        ),
        (
            "Freedonia held separate talks with Sylvania and Genovia on Monday.",
            {("meeting", ("FRD",), ("GNV", "SYL"))},
        ),
    ],
)
def test_a_meeting_with_two_named_together_is_three_way(
    tiny: Extractor, body: str, expected: set[Dyad]
) -> None:
    assert dyads(run(tiny, body)) == expected


def test_a_joined_symmetric_act_is_with_the_same_party(tiny: Extractor) -> None:
    body = "Freedonia met Sylvania on Monday and signed a treaty."
    assert ("agreement", ("FRD",), ("SYL",)) in dyads(run(tiny, body))


def test_talks_held_in_a_phone_call_are_the_call(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia held talks with Sylvania in a phone call on Monday.")
    assert [(e.type, e.date.value if e.date else None) for e in events] == [
        ("phone_call", "2024-03-11")
    ]
    assert dyads(events) == {("phone_call", ("FRD",), ("SYL",))}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Firefly visited Genovia on Monday.", {("visit", ("FRD",), ("GNV",))}),
        ("Firefly Monday visited Genovia.", {("visit", ("FRD",), ("GNV",))}),
        # a surname with another given name is another person
        ("Firefly Jones visited Genovia on Monday.", set()),
        ("Firefly Do-hoon visited Genovia on Monday.", set()),  # a hyphenated given name too
    ],
)
def test_a_surname_alias_followed_by_a_given_name_is_someone_else(
    tiny: Extractor, body: str, expected: set[Dyad]
) -> None:
    assert dyads(run(tiny, body)) == expected


def test_the_possessor_of_a_decision_does_its_infinitive(tiny: Extractor) -> None:
    body = "Sylvania denounced Freedonia's decision to expel two Genovian diplomats on Monday."
    assert dyads(run(tiny, body)) == {
        ("condemnation", ("SYL",), ("FRD",)),
        ("expulsion", ("FRD",), ("GNV",)),
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the trigger's own auxiliary does not stand between it and a fronted date
        ("On Tuesday, Freedonia will expel two Sylvanian diplomats.", "2024-03-19"),
        ("On Tuesday, Freedonia has also expelled two Sylvanian diplomats.", "2024-03-12"),
    ],
)
def test_a_fronted_date_reaches_past_the_triggers_auxiliaries(
    tiny: Extractor, body: str, expected: str
) -> None:
    assert date_values(run(tiny, body)) == [expected]


def test_a_directed_acts_group_target_is_others_than_its_source(tiny: Extractor) -> None:
    body = (
        "Sylvania met Freedonia on Monday. Noting tensions between Genovia and "
        "Ruritania, Freedonia urged the two countries to talk."
    )
    assert ("appeal", ("FRD",), ("GNV", "RUR")) in dyads(run(tiny, body))


def test_a_statement_goes_on_from_its_speakers_sentence_before(tiny: Extractor) -> None:
    body = (
        "Freedonia expelled two Sylvanian diplomats on Monday. "
        "Freedonia urged Genovia to do the same."
    )
    events = run(tiny, body)
    assert [(e.type, e.date.value if e.date else None) for e in events] == [
        ("expulsion", "2024-03-11"),
        ("appeal", "2024-03-11"),
    ]


def test_the_bloc_is_the_organization_named_last(tiny: Extractor) -> None:
    body = (
        "The League of Nations met in Pyrus on Monday. "
        "On Tuesday, the bloc expelled two Sylvanian diplomats."
    )
    assert dyads(run(tiny, body)) == {("expulsion", ("LON",), ("SYL",))}


def test_a_gerund_after_on_or_about_is_a_topic_not_an_event(tiny: Extractor) -> None:
    body = "Freedonia and Sylvania held talks on Monday on recognizing Genovia."
    assert dyads(run(tiny, body)) == {("meeting", ("FRD",), ("SYL",))}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two sentences back still speaks for the same speaker's statement
        (
            "Freedonia expelled two Sylvanian diplomats on Monday. Tensions have run "
            "high. Freedonia urged Genovia to do the same.",
            "2024-03-11",
        ),
        # background is not the news the statement belongs to
        (
            "Freedonia expelled two Sylvanian diplomats in 1990. "
            "Freedonia urged Genovia to do the same.",
            None,
        ),
    ],
)
def test_a_statement_takes_its_speakers_recent_date_up_to_two_sentences_back(
    tiny: Extractor, body: str, expected: str | None
) -> None:
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert date_values(appeals) == [expected]


@pytest.mark.parametrize(
    ("opener", "status"),
    [("Ahead of", "planned"), ("On the eve of", "planned"), ("Before", "occurred")],
)
def test_a_noun_event_in_a_phrase_of_later_time_takes_no_date_from_its_clause(
    tiny: Extractor, opener: str, status: str
) -> None:
    body = f"{opener} Freedonia's visit to Sylvania, Genovia on Monday denounced Ruritania."
    visit = [e for e in run(tiny, body) if e.type == "visit"]
    assert [(e.status, e.date.value) for e in visit] == [(status, None)]


def test_a_date_inside_the_phrase_of_later_time_dates_its_noun(tiny: Extractor) -> None:
    body = "Genovia on Monday denounced Ruritania ahead of Freedonia's visit to Sylvania next week."
    visit = [e for e in run(tiny, body) if e.type == "visit"]
    assert [(e.status, e.date.value) for e in visit] == [("planned", "2024-W12")]


def test_he_s_is_a_subject_pronoun(tiny: Extractor) -> None:
    body = "Firefly arrived in Sylvan City on Monday. He's expected to meet Genovia today."
    assert ("meeting", ("FRD",), ("GNV",)) in dyads(run(tiny, body))


def test_it_s_opens_an_impersonal_clause(tiny: Extractor) -> None:
    body = "Freedonia denounced Ruritania on Monday. It's time to meet Genovia, a spokesman said."
    assert ("meeting", ("FRD",), ("GNV",)) not in dyads(run(tiny, body))


def test_an_unknown_official_of_a_state_acts_for_it(tiny: Extractor) -> None:
    body = "Foreign Minister Jon Brakstad of Freedonia met Genovia on Monday."
    assert ("meeting", ("FRD",), ("GNV",)) in dyads(run(tiny, body))


def test_of_a_state_after_a_person_is_no_phrase_the_next_name_joins(tiny: Extractor) -> None:
    body = (
        "President Rufus Firefly of Freedonia and Emir Omar bin Rashid of Sylvania "
        "denounced Genovia on Monday."
    )
    assert ("condemnation", ("FRD", "SYL"), ("GNV",)) in dyads(run(tiny, body))


def test_a_whose_clause_between_commas_neither_dates_nor_names_the_subject(
    tiny: Extractor,
) -> None:
    body = "Firefly, whose country has courted Sylvania since 2021, urged Genovia last week to act."
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert [(e.source[0].country, e.date.value) for e in appeals] == [("FRD", "2024-W10")]


@pytest.mark.parametrize(
    ("body", "event_type"),
    [
        ("Genovia on Monday denounced Ruritania and invited Sylvania to talks.", "invitation"),
        ("Genovia confirmed the plan on Monday, but accused Ruritania of lying.", "condemnation"),
        # a relative clause about a noun of the object does not date the verb
        (
            "Genovia on Monday denounced Ruritania and urged Sylvania to free the envoys "
            "that Ruritania seized in 2019.",
            "appeal",
        ),
    ],
)
def test_a_joined_verb_phrase_happens_when_the_one_before_did(
    tiny: Extractor, body: str, event_type: str
) -> None:
    dates = [e.date.value for e in run(tiny, body) if e.type == event_type]
    assert dates == ["2024-03-11"]


def test_a_joined_verb_keeps_its_subject_past_an_aside_between_commas(tiny: Extractor) -> None:
    body = "Genovia thanked Ruritania and, in turn, invited Sylvania to talks on Monday."
    assert ("invitation", ("GNV",), ("SYL",)) in dyads(run(tiny, body))


def test_a_nouns_own_relative_clause_of_when_it_takes_place_dates_it(tiny: Extractor) -> None:
    body = (
        "Freedonia has postponed talks between Sylvania and Genovia that had been due "
        "to take place in Fredville on Saturday."
    )
    talks = [e for e in run(tiny, body) if e.type == "meeting"]
    assert [(e.status, e.date.value) for e in talks] == [("cancelled", "2024-03-16")]


def test_a_date_in_the_charge_is_the_deeds_not_the_accusations(tiny: Extractor) -> None:
    body = (
        "Genovia on Monday expelled two Sylvanian diplomats, accusing Sylvania of "
        "staging an attack on its embassy last month."
    )
    accusations = [e for e in run(tiny, body) if e.type == "condemnation"]
    assert [e.date.value for e in accusations] == ["2024-03-11"]


def test_a_date_modifying_the_trigger_noun_dates_it(tiny: Extractor) -> None:
    body = "Freedonia recalled the March 4 visit to Sylvania by Genovia."
    visits = [e for e in run(tiny, body) if e.type == "visit"]
    assert [e.date.value for e in visits] == ["2024-03-04"]


def test_an_opening_participle_phrase_takes_the_subject_after_its_comma(tiny: Extractor) -> None:
    body = "Meeting Sylvania in Fredville on Monday, Freedonia denounced Ruritania."
    assert ("meeting", ("FRD",), ("SYL",)) in dyads(run(tiny, body))


def test_at_the_invitation_of_is_no_dated_event_of_its_own(tiny: Extractor) -> None:
    body = (
        "Firefly is paying a visit to Genovia from March 14 to 16 at the invitation of Sheikh Omar."
    )
    invitations = [e for e in run(tiny, body) if e.type == "invitation"]
    assert [(codes.country, e.date.value) for e in invitations for codes in e.source] == [
        ("SYL", None)
    ]


def test_a_lone_comma_ends_a_phrase_rather_than_listing(tiny: Extractor) -> None:
    body = "At the invitation of Sheikh Omar, Firefly will visit Genovia next week."
    assert ("invitation", ("SYL",), ("FRD",)) in dyads(run(tiny, body))


def test_a_purpose_infinitive_of_a_visit_is_the_visitors_act_with_the_host(
    tiny: Extractor,
) -> None:
    body = "Freedonia visited Sylvania on Monday to sign a treaty."
    treaties = [e for e in run(tiny, body) if e.type == "agreement"]
    assert [(e.status, e.date.value) for e in treaties] == [("occurred", "2024-03-11")]
    assert ("agreement", ("FRD",), ("SYL",)) in dyads(treaties)


def test_a_gerund_after_before_has_the_tense_of_its_clause(tiny: Extractor) -> None:
    body = "Freedonia will visit Sylvania on Monday, before arriving in Genovia on Tuesday."
    assert {e.status for e in run(tiny, body) if e.type == "visit"} == {"planned"}


@pytest.mark.parametrize(
    ("body", "dates"),
    [
        # one trip over two days, dated by its first
        (
            "The Freedonian president's visit to Sylvania on Tuesday drew crowds. "
            "He had arrived in Sylvania on Monday.",
            ["2024-03-11"],
        ),
        # a week apart: two trips
        (
            "The Freedonian president arrived in Sylvania on March 4. "
            "The Freedonian president's visit to Sylvania on Monday drew crowds.",
            ["2024-03-04", "2024-03-11"],
        ),
    ],
)
def test_visit_mentions_a_few_days_apart_are_one_trip(
    tiny: Extractor, body: str, dates: list[str]
) -> None:
    visits = [e for e in run(tiny, body) if e.type == "visit"]
    assert sorted(e.date.value for e in visits if e.date) == dates
    assert len(visits) == len(dates)


def test_negation_after_a_verb_trigger_belongs_to_the_charge(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia on Monday accused Sylvania of never honouring the treaty.")
    assert [(e.type, e.status) for e in events] == [("condemnation", "occurred")]


def test_undated_news_in_the_lede_is_not_a_background_event(tiny: Extractor) -> None:
    body = (
        "Freedonia has expelled two Sylvanian diplomats, the ministry said. "
        "Freedonia also expelled two Sylvanian diplomats in 1999."
    )
    dates = date_values(run(tiny, body))
    assert dates == [None, "1999"]


def test_as_of_introduces_a_date_not_a_clause(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia expelled two Sylvanian diplomats as of Tuesday.")
    assert date_values(events) == ["2024-03-12"]


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        ("Following the meeting, ", "2019"),
        ("After their talks, ", "2019"),
        # no comma: the phrase ends where a name opens the clause
        ("After their talks ", "2019"),
        # a visit is no meeting: nothing dated of that kind to take the date from
        # (and a meeting years back is no news whose day it could take)
        ("After the visit, ", None),
        ("", None),
    ],
)
def test_sentence_naming_its_occasion_takes_that_events_date(
    tiny: Extractor, opening: str, date: str | None
) -> None:
    body = (
        "Freedonia met Sylvania in 2019. Freedonia urged Genovia to act. "
        f"{opening}Freedonia signed a treaty with Sylvania."
    )
    agreements = [e for e in run(tiny, body) if e.type == "agreement"]
    assert date_values(agreements) == [date]


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        # the speech is the statement dated in the first sentence, not the meeting
        ("In the same speech, ", "2024-03-11"),
        ("At the news conference, ", "2024-03-11"),
        # an interview not named before is another occasion: the meeting's day stands
        ("In an interview, ", "2024-03-15"),
    ],
)
def test_sentence_naming_a_statement_as_its_occasion_takes_the_statements_date(
    tiny: Extractor, opening: str, date: str
) -> None:
    body = (
        "President Rufus Firefly said on Monday that Freedonia would sign a treaty with "
        f"Sylvania in May. Freedonia met Sylvania on Friday. {opening}Firefly urged Genovia to act."
    )
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert date_values(appeals) == [date]


def test_event_in_a_relative_aside_does_not_date_the_main_clause(tiny: Extractor) -> None:
    body = "The Freedonian envoy, who arrived in Sylvania on Monday, urged Genovia to act."
    dates = {e.type: e.date.value if e.date else None for e in run(tiny, body)}
    assert dates == {"visit": "2024-03-11", "appeal": None}


@pytest.mark.parametrize(
    ("met", "appeal_date"),
    [
        ("on Monday", "2024-03-11"),
        # an encounter long before publication is background, not the occasion
        ("in 2019", None),
    ],
)
def test_named_participant_speaks_at_their_latest_encounter(
    tiny: Extractor, met: str, appeal_date: str | None
) -> None:
    body = (
        f"President Rufus Firefly met Sylvania's foreign minister in Pyrus {met}. "
        "The border dispute dates back decades. Trade has fallen. "
        "Firefly urged Genovia to act."
    )
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert date_values(appeals) == [appeal_date]


def test_when_clause_after_an_invitation_is_its_occasion_not_its_content(
    tiny: Extractor,
) -> None:
    body = "Freedonia invited Sylvania to Pyrus when the Freedonian president met Sylvania in June."
    dates = {e.type: e.date.value if e.date else None for e in run(tiny, body)}
    assert dates == {"invitation": "2023-06", "meeting": "2023-06"}


def test_talks_a_trip_is_for_share_its_date_past_long_modifiers(tiny: Extractor) -> None:
    body = 'The Freedonian president will visit Sylvania on Monday for "two-track" security talks.'
    events = {e.type: (e.status, e.date.value if e.date else None) for e in run(tiny, body)}
    assert events == {"visit": ("planned", "2024-03-18"), "meeting": ("planned", "2024-03-18")}


def test_occasion_phrase_names_an_earlier_event_and_states_none(tiny: Extractor) -> None:
    body = (
        "Freedonia met Sylvania on Monday. Freedonia urged Genovia and Ruritania to act. "
        "After the talks, the two ministers signed a treaty."
    )
    assert {d for d in dyads(run(tiny, body)) if d[0] == "meeting"} == {
        ("meeting", ("FRD",), ("SYL",))
    }


def test_third_partys_appeal_to_both_sides_addresses_the_articles_main_pair(
    tiny: Extractor,
) -> None:
    story = (
        "Freedonia and Sylvania signed a treaty on Monday. Freedonia accused Sylvania of "
        "delays. Genovia held talks with Sylvania on Tuesday. "
    )
    appeal = run(tiny, story + "Ruritania urged the two countries to respect the treaty.")
    assert ("appeal", ("RUR",), ("FRD", "SYL")) in dyads(appeal)
    # "the two countries" acting themselves are the last event's parties
    deal = run(tiny, story + "The two countries signed a deal.")
    assert ("agreement", ("GNV",), ("SYL",)) in dyads(deal)


@pytest.mark.parametrize(
    ("published", "body"),
    [
        (
            "9999-12-31",
            "Freedonia visited Sylvania on Dec. 31. Freedonia visited Sylvania on Dec. 30.",
        ),
        (
            "0001-01-02",
            "Freedonia visited Sylvania on Jan. 1. Freedonia visited Sylvania on Jan. 2.",
        ),
        ("0001-01-01", "Freedonia has expelled two Sylvanian diplomats."),
    ],
)
def test_trip_and_news_windows_stay_inside_the_calendar(
    tiny: Extractor, published: str, body: str
) -> None:
    visits = [e for e in run(tiny, body, published) if e.type in {"visit", "expulsion"}]
    assert len(visits) == 1


@pytest.mark.parametrize(
    ("body", "date"),
    [
        # "today" in a quotation spoken on Tuesday is that Tuesday
        (
            '"Freedonia has expelled two Sylvanian diplomats today," Firefly said on Tuesday.',
            "2024-03-12",
        ),
        # outside a quotation it is the publication day
        (
            "Freedonia expelled two Sylvanian diplomats today, Firefly said on Tuesday.",
            "2024-03-15",
        ),
    ],
)
def test_quoted_today_counts_from_the_day_it_was_spoken(
    tiny: Extractor, body: str, date: str
) -> None:
    events = run(tiny, body)
    assert [e.date.value if e.date else None for e in events if e.type == "expulsion"] == [date]


@pytest.mark.parametrize(
    ("body", "pairs"),
    [
        # several sides come to one: a meeting of all three
        (
            "Sylvania hosted Freedonia and Genovia for talks on Monday.",
            {("FRD", "GNV"), ("FRD", "SYL"), ("GNV", "SYL")},
        ),
        # the trigger names a meeting of all
        (
            "Freedonia arrived in Sylvan City on Monday for a summit with Genovia and Sylvania.",
            {("FRD", "GNV"), ("FRD", "SYL"), ("GNV", "SYL")},
        ),
        # neither: talks of the visitor with each
        (
            "Freedonia arrived in Sylvan City on Monday for talks with Genovia and Sylvania.",
            {("FRD", "GNV"), ("FRD", "SYL")},
        ),
        # "separate" makes it several meetings
        (
            "Sylvania hosted Freedonia and Genovia for separate talks on Monday.",
            {("FRD", "SYL"), ("GNV", "SYL")},
        ),
    ],
)
def test_a_multilateral_meeting_stands_for_every_pair(
    tiny: Extractor, body: str, pairs: set[tuple[str, str]]
) -> None:
    [meeting] = [e for e in run(tiny, body) if e.type == "meeting"]
    found = {
        tuple(sorted((s.country or "", t.country or "")))
        for s in meeting.source
        for t in meeting.target
        if s.country != t.country
    }
    assert found == pairs


def test_an_event_over_the_weekend_is_dated_by_its_week(tiny: Extractor) -> None:
    # 2024-05-20 is a Monday: the weekend before it lies in ISO week 20
    [meeting] = run(tiny, "Freedonia met Sylvania over the weekend.", published="2024-05-20")
    assert meeting.date is not None
    assert (meeting.date.value, meeting.date.granularity) == ("2024-W20", "week")


@pytest.mark.parametrize(
    ("second", "date"),
    [
        # the speaker goes on with the statement the sentence before dated
        ("He urged Sylvania to return to the table.", "2024-03-11"),
        # another speaker's statement is another time
        ("Genovia urged Sylvania to return to the table.", None),
    ],
)
def test_a_statement_goes_on_from_its_speakers_dated_sentence(
    tiny: Extractor, second: str, date: str | None
) -> None:
    body = "The Freedonian foreign minister said on Monday that the talks had stalled. " + second
    [appeal] = run(tiny, body)
    assert (appeal.date.value if appeal.date else None) == date


def test_a_participle_after_a_dated_verb_phrase_shares_its_date(tiny: Extractor) -> None:
    # the first verb phrase states no event ("the plan" is no actor)
    [condemnation] = run(tiny, "Freedonia on Monday denounced the plan, accusing Sylvania of lies.")
    assert condemnation.date is not None
    assert condemnation.date.value == "2024-03-11"


def test_days_later_count_from_the_last_day_named(tiny: Extractor) -> None:
    # "two days later" is a duration to TimeML; it still dates its event
    events = run(tiny, "Freedonia met Sylvania on Monday. Freedonia met Genovia two days later.")
    dates = {e.target[0].country: e.date.value if e.date else None for e in events}
    assert dates == {"SYL": "2024-03-11", "GNV": "2024-03-13"}


def test_an_event_dated_after_publication_has_not_happened_yet(tiny: Extractor) -> None:
    # present tense for a scheduled trip: no future auxiliary, only the date says so
    [visit] = run(tiny, "Freedonia visits Sylvania next week.")
    assert visit.date is not None
    assert (visit.status, visit.date.value) == ("planned", "2024-W12")


@pytest.mark.parametrize(
    ("body", "date"),
    [
        # the date between the deciding verb and its "to" is the decision's
        ("Freedonia and Sylvania agreed on Monday to hold talks.", None),
        # after the event's own verb it is the event's, read forward
        ("Freedonia and Sylvania agreed to hold talks on Monday.", "2024-03-18"),
    ],
)
def test_a_decisions_date_is_not_the_planned_events(
    tiny: Extractor, body: str, date: str | None
) -> None:
    [meeting] = run(tiny, body)
    assert meeting.status == "planned"
    assert (meeting.date.value if meeting.date else None) == date


@pytest.mark.parametrize(
    ("body", "published", "status", "date"),
    [
        # a simple present with a weekday tells a schedule
        ("Freedonia visits Sylvania on Monday.", "2024-03-15", "planned", "2024-03-18"),
        # ... unless the weekday is the publication day itself
        ("Freedonia visits Sylvania on Friday.", "2024-03-15", "occurred", "2024-03-15"),
        ("Freedonia visited Sylvania on Monday.", "2024-03-15", "occurred", "2024-03-11"),
    ],
)
def test_a_simple_present_with_a_date_of_its_own_is_a_schedule(
    tiny: Extractor, body: str, published: str, status: str, date: str
) -> None:
    [visit] = run(tiny, body, published=published)
    assert visit.date is not None
    assert (visit.status, visit.date.value) == (status, date)


def test_a_surname_after_its_particle_names_the_person_again(tiny: Extractor) -> None:
    body = (
        "Sylvanian Foreign Minister Omar al-Rashidi arrived in Strelsau on Monday. "
        "Rashidi urged Genovia to act."
    )
    assert ("appeal", ("SYL",), ("GNV",)) in dyads(run(tiny, body))


def test_a_surname_as_written_names_the_person_again(tiny: Extractor) -> None:
    # the lexicon's full name ends otherwise ("... Al Sylvani")
    body = "Emir Omar bin Rashid arrived in Strelsau on Monday. Rashid urged Genovia to act."
    assert ("appeal", ("SYL",), ("GNV",)) in dyads(run(tiny, body))


def test_a_plan_told_after_an_encounter_is_a_later_one(tiny: Extractor) -> None:
    body = (
        "President Rufus Firefly met Sheikh Omar in Strelsau on Monday. "
        "Freedonia and Sylvania will meet again soon, the ministry said."
    )
    statuses = {(e.type, e.status) for e in run(tiny, body)}
    assert statuses == {("meeting", "occurred"), ("meeting", "planned")}


def test_the_two_leaders_are_of_the_main_event_not_of_a_relative_aside(tiny: Extractor) -> None:
    body = (
        "President Rufus Firefly and Sheikh Omar signed a treaty on Monday, "
        "which Firefly arrived in Strelsau to witness. The two leaders also held talks on Tuesday."
    )
    meetings = {d for d in dyads(run(tiny, body)) if d[0] == "meeting"}
    assert meetings == {("meeting", ("FRD",), ("SYL",))}


def test_the_since_of_a_first_event_dates_where_the_count_starts(tiny: Extractor) -> None:
    body = (
        "President Rufus Firefly met Sheikh Omar in Strelsau on Monday. "
        "It was the first summit between Freedonia and Sylvania since 2019."
    )
    dates = {e.date.value if e.date else None for e in run(tiny, body) if e.type == "meeting"}
    assert dates == {"2024-03-11"}


def test_no_actor_inside_a_relative_clause_is_the_subject_after_it(tiny: Extractor) -> None:
    body = "The activist, who fled Sylvania in 2009, urged Genovia to act."
    assert dyads(run(tiny, body)) == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the participle between the subject and its verb ends at its comma
        ("Freedonia, meeting in Strelsau on Monday, expressed solidarity with Sylvania.", set()),
        # ... but a comma inside a list after it is no end
        (
            "Freedonia, meeting with Sylvania, Genovia and the League, agreed to a truce.",
            {("meeting", ("FRD",), ("GNV", "LON", "SYL"))},
        ),
    ],
)
def test_a_participle_aside_after_the_subject_ends_at_its_comma(
    tiny: Extractor, body: str, expected: set[Dyad]
) -> None:
    assert dyads(run(tiny, body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Freedonia, Sylvania and Genovia are neighbours. Freedonia met Genovia on Monday. "
        "On Tuesday, the three countries urged the League to act.",
        # a capitalized word that names no actor may modify the group
        "Freedonia, Sylvania and Genovia are neighbours. Freedonia met Genovia on Monday. "
        "On Tuesday, the three Balkan countries urged the League to act.",
        # an appositive group after the list is not one of its members
        "Freedonia, Sylvania and Genovia, the parties to the pact, are neighbours. Freedonia "
        "met Genovia on Monday. On Tuesday, the three countries urged the League to act.",
    ],
)
def test_a_counted_group_no_event_explains_is_the_last_list_of_its_count(
    tiny: Extractor, body: str
) -> None:
    appeals = [e for e in run(tiny, body) if e.type == "appeal"]
    assert [sorted(a.country or "" for a in e.source) for e in appeals] == [["FRD", "GNV", "SYL"]]


def test_talks_that_other_talks_discuss_are_no_event(tiny: Extractor) -> None:
    body = "Freedonia and Sylvania met on Monday for discussions on stalled talks with Genovia."
    assert dyads(run(tiny, body)) == {("meeting", ("FRD",), ("SYL",))}


def test_a_counted_group_may_be_the_several_doers_of_a_directed_event(tiny: Extractor) -> None:
    body = (
        "Freedonia, Sylvania and Genovia urged the League on Monday to act. Freedonia met "
        "Sylvania on Tuesday. Sylvania met Genovia on Wednesday. Freedonia met Genovia on "
        "Wednesday. The League accused the three countries on Thursday of delay."
    )
    accusations = [e for e in run(tiny, body) if e.type == "condemnation"]
    assert [sorted(a.country or "" for a in e.target) for e in accusations] == [
        ["FRD", "GNV", "SYL"]
    ]


def test_a_day_inside_the_week_of_another_mention_is_the_same_event(tiny: Extractor) -> None:
    # 2024-03-15 is a Friday: "earlier this week" is 2024-W11, Tuesday the 12th
    body = (
        "Freedonia expelled two Sylvanian diplomats earlier this week. "
        "Freedonia had expelled the two Sylvanian diplomats on Tuesday, the ministry said."
    )
    expulsions = [e for e in run(tiny, body) if e.type == "expulsion"]
    assert date_values(expulsions) == ["2024-03-12"]


def test_four_party_meeting_holds_every_pair_once(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia, Sylvania, Ruritania and Genovia held talks in Pyrus on Monday.")
    pairs = [
        frozenset((s.country, t.country))
        for e in events
        for s in e.source
        for t in e.target
        if s.country != t.country
    ]
    codes = ["FRD", "SYL", "RUR", "GNV"]
    assert sorted(pairs, key=sorted) == sorted(
        (frozenset((a, b)) for n, a in enumerate(codes) for b in codes[n + 1 :]), key=sorted
    )
    assert {e.type for e in events} == {"meeting"}
    assert set(date_values(events)) == {"2024-03-11"}


def test_a_meeting_after_a_partner_is_the_subjects_with_that_partner(tiny: Extractor) -> None:
    # what they discussed ("Ruritania") takes no part in the meeting
    events = run(tiny, "Freedonia discussed Ruritania with Sylvania at talks in Pyrus on Monday.")
    assert {frozenset((*dyad[1], *dyad[2])) for dyad in dyads(events)} == {
        frozenset(("FRD", "SYL"))
    }


def test_a_surname_is_the_person_the_article_named_in_full(tiny: Extractor) -> None:
    # the lexicon's "Firefly" is Freedonia's president; this article's is Ruritanian
    events = run(
        tiny,
        "Ruritanian Foreign Minister Olga Firefly arrived in Port Sylvan on Monday. "
        "Firefly met Sylvanian diplomats on Tuesday.",
    )
    assert ("meeting", ("RUR",), ("SYL",)) in dyads(events)
    assert all("FRD" not in (*dyad[1], *dyad[2]) for dyad in dyads(events))


def test_a_bare_surname_alone_is_the_lexicons_person(tiny: Extractor) -> None:
    events = run(tiny, "Firefly met Sylvanian diplomats on Tuesday.")
    assert ("meeting", ("FRD",), ("SYL",)) in dyads(events)


def test_a_trilateral_noun_meeting_holds_every_pair(tiny: Extractor) -> None:
    body = (
        "Freedonia arrived in Port Sylvan on Monday for trilateral talks with Sylvania"
        " and Ruritania."
    )
    events = [e for e in run(tiny, body) if e.type == "meeting"]
    pairs = {
        frozenset((s.country, t.country))
        for e in events
        for s in e.source
        for t in e.target
        if s.country != t.country
    }
    assert frozenset(("SYL", "RUR")) in pairs


def test_a_determiner_before_an_undated_event_noun_names_the_event_told_before(
    tiny: Extractor,
) -> None:
    # without its own date the second mention would take the lead's day (Thursday)
    body = (
        "Freedonia urged Ruritania on Thursday to free the activists. Genovia has "
        "mediated since January, when Freedonia negotiated with Sylvania in Port Sylvan. "
        "Those negotiations have produced no result."
    )
    talks = [e for e in run(tiny, body) if e.type == "negotiation"]
    assert date_values(talks) == ["2024-01"]


def test_a_place_opening_the_sentence_owns_the_organs_and_officials_it_quotes(
    tiny: Extractor,
) -> None:
    body = (
        "In Fredville, the foreign ministry accused Sylvania of lying. "
        "In Strelsau, a senior envoy urged Genovia to return the ships."
    )
    assert dyads(run(tiny, body)) == {
        ("condemnation", ("FRD",), ("SYL",)),
        ("appeal", ("RUR",), ("GNV",)),
    }


def test_a_place_opening_a_sentence_owns_no_one_in_the_next(tiny: Extractor) -> None:
    body = (
        "In Fredville, the foreign ministry accused Sylvania of lying. "
        "A senior envoy urged Genovia to return the ships."
    )
    assert [d for d in dyads(run(tiny, body)) if d[0] == "appeal"] == []


def test_a_middle_initial_does_not_hide_a_known_name(tiny: Extractor) -> None:
    events = run(
        tiny,
        "President Rufus T. Firefly Jr. met Sylvanian diplomats on Tuesday. "
        "Rufus T. Firefly Jr. then visited Genovia.",
    )
    assert {("meeting", ("FRD",), ("SYL",)), ("visit", ("FRD",), ("GNV",))} <= dyads(events)


def test_a_counted_span_dates_the_clause_it_opens_back_from_the_main_event(
    tiny: Extractor,
) -> None:
    events = run(
        tiny,
        "Freedonia recognized Sylvania in January, nine years after Ruritania expelled Genovia.",
    )
    expulsions = [e for e in events if e.type == "expulsion"]
    assert date_values(expulsions) == ["2015"]


def test_a_relation_dated_by_year_and_by_month_inside_it_is_one_event(tiny: Extractor) -> None:
    events = run(
        tiny,
        "Freedonia recognized Sylvania in 2016, the ministry said. "
        "Freedonia had recognized Sylvania in March 2016.",
    )
    recognitions = [e for e in events if e.type == "relations_established"]
    assert date_values(recognitions) == ["2016-03"]


def test_a_recurring_event_dated_by_year_and_by_month_may_be_two(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia met Sylvania in 2016. Freedonia met Sylvania in March 2016.")
    assert sorted(date_values([e for e in events if e.type == "meeting"])) == ["2016", "2016-03"]


def test_a_participle_clause_after_the_comma_holds_no_party(tiny: Extractor) -> None:
    events = run(tiny, "Freedonia met Sylvania on Monday, leaving Freedonia at odds with Genovia.")
    assert dyads(events) == {("meeting", ("FRD",), ("SYL",))}


def test_a_former_office_holder_is_not_the_datelines_official(tiny: Extractor) -> None:
    events = run(
        tiny, "FREDVILLE (AP) - The former President, Bob Smith, visited Genovia on Monday."
    )
    assert dyads(events) == set()


def test_a_particled_surname_opening_a_sentence_names_the_person_again(
    tiny: Extractor,
) -> None:
    body = (
        "Sylvanian Foreign Minister Karim al-Zahir met Freedonian diplomats on Monday. "
        "Al-Zahir then visited Genovia."
    )
    assert ("visit", ("SYL",), ("GNV",)) in dyads(run(tiny, body))


def test_the_articles_only_talks_are_the_occasion_however_far_back(tiny: Extractor) -> None:
    filler = " ".join(f"Trade rose by {n} percent in the quarter." for n in range(2, 12))
    body = (
        f"Freedonia met Sylvania in Pyrus on Monday. {filler} "
        "After the talks, Freedonia recognized Genovia under a plan for the 2024-2026"
        " period."
    )
    events = [e for e in run(tiny, body) if e.type == "relations_established"]
    assert date_values(events) == ["2024-03-11"]


def test_an_ordinal_trip_since_a_month_is_not_dated_by_that_month(tiny: Extractor) -> None:
    body = (
        "Freedonia arrived in Pyrus on Tuesday for an official visit, its second trip"
        " to Genovia since the coup in December."
    )
    visits = [e for e in run(tiny, body) if e.type == "visit"]
    assert date_values(visits) == ["2024-03-12"]


def _meeting_pairs(events: list[DiplomaticEvent]) -> list[frozenset[str]]:
    """Every pair the meetings hold, once per event that holds it."""
    return [
        frozenset((s, t))
        for e in events
        if e.type == "meeting"
        for s in {a.country or a.organization for a in e.source}
        for t in {a.country or a.organization for a in e.target}
        if s != t
    ]


def test_a_state_hosting_three_states_at_once_gathers_every_pair(tiny: Extractor) -> None:
    every_pair = {frozenset(p) for p in combinations(["SYL", "FRD", "GNV", "RUR"], 2)}
    hosting = "Sylvania hosted Freedonia, Genovia and Ruritania on Monday."
    pairs = _meeting_pairs(run(tiny, hosting))
    assert set(pairs) == every_pair
    assert len(pairs) == len(every_pair)
    # two guests may be two visits
    assert _meeting_pairs(run(tiny, "Sylvania hosted Freedonia and Genovia on Monday.")) == []


def test_a_hosted_gathering_told_already_is_not_told_again(tiny: Extractor) -> None:
    told = (
        "The leaders of Sylvania, Freedonia, Genovia and Ruritania met in Pyrus on Tuesday. "
        "President Rufus Firefly hosted Sylvania, Genovia and Ruritania in Pyrus."
    )
    pairs = _meeting_pairs(run(tiny, told))
    assert len(pairs) == len(set(pairs)) == 6
    # a gathering dated on its own is another one
    again = "Freedonia hosted Sylvania, Genovia and Ruritania last year."
    assert len(_meeting_pairs(run(tiny, told.split(". ")[0] + ". " + again))) == 12


def test_following_suit_repeats_the_last_sentences_first_deed(tiny: Extractor) -> None:
    expelled = "Sylvania expelled Freedonian diplomats on Monday and banned Freedonian imports. "
    events = run(tiny, expelled + "Genovia and Ruritania followed suit on Tuesday.")
    followers = [e for e in events if {a.country for a in e.source} & {"GNV", "RUR"}]
    assert dyads(followers) == {("expulsion", ("GNV", "RUR"), ("FRD",))}
    assert date_values(followers) == ["2024-03-12"]


def test_a_participle_after_following_suit_tells_the_deed_instead(tiny: Extractor) -> None:
    text = (
        "Sylvania banned Freedonian imports on Monday. "
        "Genovia followed suit on Tuesday, expelling Freedonian diplomats."
    )
    genovian = [e for e in run(tiny, text) if e.source[0].country == "GNV"]
    assert [e.type for e in genovian] == ["expulsion"]


def test_nothing_told_before_leaves_following_suit_no_event(tiny: Extractor) -> None:
    text = "Sylvania and Freedonia held talks on Monday. Genovia followed suit on Tuesday."
    assert [e.type for e in run(tiny, text)] == ["meeting"]


def test_travelling_for_the_signing_told_before_signs_nothing_else(tiny: Extractor) -> None:
    signed = "Sylvania and Freedonia signed a treaty on Monday. "
    travelled = "Genovia and Ruritania visited Strelsau for the signing."
    agreements = [e for e in run(tiny, signed + travelled) if e.type == "agreement"]
    assert dyads(agreements) == {("agreement", ("SYL",), ("FRD",))}
    # with no deal told, the signing the visit is for is one of its own
    alone = [e for e in run(tiny, travelled) if e.type == "agreement"]
    assert alone


def test_an_undated_encounter_is_not_the_plan_told_after_it(tiny: Extractor) -> None:
    body = (
        "President Rufus Firefly and Sylvania's president sat down for talks in Pyrus. "
        "The two presidents said they would meet again in April."
    )
    by_status = {e.status: dyads([e]) for e in run(tiny, body) if e.type == "meeting"}
    assert by_status == {
        "occurred": {("meeting", ("FRD",), ("SYL",))},
        "planned": {("meeting", ("FRD",), ("SYL",))},
    }


def test_a_given_name_followed_by_another_name_is_someone_else(tiny: Extractor) -> None:
    # "Ricardo Lozano" is not the Ricardo Patino told before
    body = (
        "Sylvanian President Ivo Kral met Freedonian envoy Ana Bell on Monday. "
        "On Tuesday, Kral met Ana Ruiz in Pyrus."
    )
    meetings = [e for e in run(tiny, body) if e.type == "meeting"]
    assert date_values(meetings) == ["2024-03-11"]


def test_the_meeting_named_back_is_the_last_meeting_not_the_last_event(tiny: Extractor) -> None:
    # "Gonsalves said the Argyle meeting had lowered the temperature", after a call
    body = (
        "President Rufus Firefly and Sylvania's president held talks in Pyrus on Monday. "
        "Genovia's foreign minister held a phone call with Firefly on Tuesday. "
        "Diplomats, speaking after the leaders left, said the Pyrus summit had eased tensions."
    )
    meetings = dyads([e for e in run(tiny, body) if e.type == "meeting"])
    assert meetings == {("meeting", ("FRD",), ("SYL",))}
