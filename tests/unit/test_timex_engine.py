"""The timex engine on a small fictional resource set written here.

The vocabulary is made up ("firstmoon", "moonday") so these tests pin down
what the engine does with any data, and changing the production files in
service/resources/timex/ never breaks them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from service.extract.timex import (
    Timex,
    TimexResourceError,
    TimexResources,
    TimexTagger,
    _revalued,
    _timex,
    build_timex_resources,
)
from service.extract.timex_values import Resolved

DCT = dt.date(2024, 1, 26)  # a Friday

PATTERNS = r"""
# Fictional patterns for engine tests.
[month]
alternatives = '''
firstmoon
secondmoon
fm\.?
Mayo
'''

[day]
alternatives = '''
3[01]
[12]\d
0?[1-9]
'''

[year]
alternatives = '''
1[89]\d\d
20\d\d
'''

[weekday]
alternatives = '''
moonday
starday
'''

[direction]
alternatives = '''
last
next
this
'''

[count]
alternatives = '''
\d+
two
'''

[unit]
alternatives = '''
years?
moons?
'''
"""

NORMALIZATIONS = """
# Fictional normalizations for engine tests.
[month]
firstmoon = "01"
fm = "01"
secondmoon = "02"
mayo = "05"

[weekday]
moonday = "1"
starday = "5"

[direction]
last = "-1"
next = "+1"
this = "0"

[count]
two = "2"

[unit]
year = "year"
years = "year"
moon = "month"
moons = "month"
"""

RULES = """
# Fictional rules for engine tests; order is precedence.
[[rule]]
name = "iso"
type = "DATE"
pattern = "{year}-0?{day:m}-{day}"
value = "date({year}, {m}, {day})"
examples = [{ text = "2024-01-05", dct = 2024-01-26, value = "2024-01-05" }]

[[rule]]
name = "range"
type = "DATE"
pattern = "{month} {day}-{day:last}"
value = "range(, {month}, {day}, , , {last})"
examples = [{ text = "firstmoon 15-17", dct = 2024-01-26, value = "2024-01-15" }]

[[rule]]
name = "month_day"
type = "DATE"
pattern = "{month} {day}"
value = "date(, {month}, {day})"
examples = [{ text = "firstmoon 5", dct = 2024-01-26, value = "2024-01-05" }]

[[rule]]
name = "month"
type = "DATE"
pattern = "(?:{direction} )?{month}"
value = "month({month}, {direction})"
examples = [{ text = "secondmoon", dct = 2024-01-26, value = "2023-02" }]

[[rule]]
name = "weekday"
type = "DATE"
pattern = "(?:{direction} )?{weekday}"
value = "weekday({weekday}, {direction})"
examples = [{ text = "moonday", dct = 2024-01-26, value = "2024-01-22" }]

[[rule]]
name = "ago"
type = "DATE"
pattern = "{count} {unit} ago"
value = "shift({unit}, -{count})"
examples = [{ text = "two years ago", dct = 2024-01-26, value = "2022" }]

[[rule]]
name = "a_year_ago"
type = "DATE"
pattern = "a year ago"
value = "ref_shift(year, -1)"
examples = [{ text = "a year ago", dct = 2024-01-26, value = "2023" }]

[[rule]]
name = "relative"
type = "DATE"
pattern = "{direction} (?:year|moon)"
value = "shift(year, {direction})"
examples = [{ text = "last year", dct = 2024-01-26, value = "2023" }]

[[rule]]
name = "quarter"
type = "DATE"
pattern = "quarter (?P<q>[1-4])"
value = "quarter({q}, )"
examples = [{ text = "quarter 3", dct = 2024-01-26, value = "2023-Q3" }]

[[rule]]
name = "since"
type = "DATE"
pattern = "since (?P<span>{year})"
value = "year({year})"
offset = "span"
examples = [{ text = "since 2019", dct = 2024-01-26, value = "2019", span = "2019" }]

[[rule]]
name = "year"
type = "DATE"
pattern = "{year}"
value = "year({year})"
examples = [{ text = "in 1999", dct = 2024-01-26, value = "1999" }]

[[rule]]
name = "duration"
type = "DURATION"
pattern = "{count} {unit}"
value = "duration({count}, {unit})"
examples = [{ text = "two moons", dct = 2024-01-26, value = "P2M" }]

[[rule]]
name = "now"
type = "DATE"
pattern = "now"
value = "PRESENT_REF"
examples = [{ text = "now", dct = 2024-01-26, value = "PRESENT_REF" }]
"""

TENSE = """
# Fictional tense cues for engine tests.
[tense]
window_before = 60
window_after = 20
window_fronted = 50
future = '''
will
'''
past = '''
said
[a-z]+ed
'''
ignore = '''
united
'''
deadline = '''
by
'''
prospective = '''
agreed to
'''
not_after = '''
be
'''
"""

FILES = {
    "patterns.toml": PATTERNS,
    "normalizations.toml": NORMALIZATIONS,
    "rules_fixture.toml": RULES,
    "tense.toml": TENSE,
}


@pytest.fixture(scope="module")
def resources() -> TimexResources:
    return build_timex_resources(FILES)


@pytest.fixture(scope="module")
def tagger(resources: TimexResources) -> TimexTagger:
    return TimexTagger(resources)


def values(tagger: TimexTagger, text: str, dct: dt.date = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tagger.tag(text, dct)]


def test_offsets_index_the_original_text(tagger: TimexTagger) -> None:
    text = "Met on 2024-01-05 and again on firstmoon 9."
    found = tagger.tag(text, DCT)
    assert [(text[t.start : t.end], t.text) for t in found] == [
        ("2024-01-05", "2024-01-05"),
        ("firstmoon 9", "firstmoon 9"),
    ]


def test_offsets_count_code_points_in_non_ascii_text(tagger: TimexTagger) -> None:
    text = "“Ça va” — é moonday, “firstmoon 9”"
    found = tagger.tag(text, DCT)
    assert [text[t.start : t.end] for t in found] == ["moonday", "firstmoon 9"]


def test_results_are_sorted_and_do_not_overlap(tagger: TimexTagger) -> None:
    found = tagger.tag("now firstmoon 15-17 moonday two moons ago 1999 now", DCT)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_earlier_rule_wins_where_two_match(tagger: TimexTagger) -> None:
    # "ago" comes before "duration" in the rule file.
    assert values(tagger, "It ended two moons ago.") == [("two moons ago", "2023-11")]


def test_longer_pattern_alternative_wins_within_a_rule(tagger: TimexTagger) -> None:
    assert values(tagger, "fm. 3") == [("fm. 3", "2024-01-03")]


def test_range_gives_first_and_last_day(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("firstmoon 15-17", DCT)
    assert (found.value, found.end_value) == ("2024-01-15", "2024-01-17")


def test_offset_group_is_the_span(tagger: TimexTagger) -> None:
    assert values(tagger, "stalled since 2019") == [("2019", "2019")]


def test_cased_alternative_needs_its_case(tagger: TimexTagger) -> None:
    assert values(tagger, "on Mayo 5") == [("Mayo 5", "2024-05-05")]
    assert values(tagger, "with mayo 5 times") == []


@pytest.mark.parametrize(
    "text",
    [
        "firstmoonish",  # a longer word
        "1999.5 points",  # decimals of a number
        "x1999",  # inside a token
        "now-defunct",  # a hyphenated compound
    ],
)
def test_no_match_inside_a_longer_token(tagger: TimexTagger, text: str) -> None:
    assert tagger.tag(text, DCT) == []


def test_text_start_and_brackets_count_as_word_starts(tagger: TimexTagger) -> None:
    assert [t.text for t in tagger.tag('now ("moonday") [1999]', DCT)] == [
        "now",
        "moonday",
        "1999",
    ]


def test_weekday_defaults_to_past(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("He arrived on moonday.", DCT)
    assert (found.value, found.relative, found.direction_sensitive) == ("2024-01-22", True, True)


def test_weekday_on_the_dct_weekday_is_the_dct(tagger: TimexTagger) -> None:
    assert values(tagger, "She said starday it was over.") == [("starday", "2024-01-26")]


def test_future_cue_reads_weekday_as_the_coming_one(tagger: TimexTagger) -> None:
    assert values(tagger, "They will meet on moonday.") == [("moonday", "2024-01-29")]


def test_future_cue_reads_the_dct_weekday_as_that_day(tagger: TimexTagger) -> None:
    # "will hold a video call later on Friday" in Friday's news
    assert values(tagger, "They will meet on starday.") == [("starday", "2024-01-26")]


def test_next_skips_the_dct_weekday(tagger: TimexTagger) -> None:
    assert values(tagger, "They will meet next starday.") == [("next starday", "2024-02-02")]


def test_nearest_cue_decides(tagger: TimexTagger) -> None:
    # "will" is farther away than "said".
    text = "They will resume talks, officials said moonday."
    assert values(tagger, text) == [("moonday", "2024-01-22")]


def test_cue_after_the_expression_counts(tagger: TimexTagger) -> None:
    assert values(tagger, "The court moonday will rule.") == [("moonday", "2024-01-29")]


def test_prospective_verb_before_reads_as_future(tagger: TimexTagger) -> None:
    assert values(tagger, "They agreed to meet on moonday.") == [("moonday", "2024-01-29")]


def test_prospective_verb_after_reads_as_past(tagger: TimexTagger) -> None:
    # The expression dates the agreeing, not what was agreed.
    assert values(tagger, "The sides moonday agreed to meet.") == [("moonday", "2024-01-22")]


def test_cue_in_a_that_clause_does_not_count(tagger: TimexTagger) -> None:
    assert values(tagger, "Officials warned moonday that they will act.") == [
        ("moonday", "2024-01-22")
    ]


def test_cues_stop_at_sentence_end(tagger: TimexTagger) -> None:
    assert values(tagger, "They will meet. It happened moonday.") == [("moonday", "2024-01-22")]


def test_ignored_words_are_not_cues(tagger: TimexTagger) -> None:
    # "united" looks like a past participle but is not; "will" decides.
    assert values(tagger, "They will travel to the united moonday.") == [("moonday", "2024-01-29")]


def test_deadline_word_right_before_reads_as_future(tagger: TimexTagger) -> None:
    assert values(tagger, "It must end by secondmoon.") == [("secondmoon", "2024-02")]


def test_past_cue_of_the_clause_overrides_a_deadline_word(tagger: TimexTagger) -> None:
    # "had filed their reports by Wednesday": the deadline lies in the past.
    assert values(tagger, "They had filed by moonday.") == [("moonday", "2024-01-22")]


def test_fronted_expression_takes_the_cue_after_its_comma(tagger: TimexTagger) -> None:
    # "On Tuesday, the league will hold ...": the main clause follows the comma.
    assert values(tagger, "It rained. On moonday, the long-awaited talks will open.") == [
        ("moonday", "2024-01-29")
    ]


def test_comma_ends_the_clause_of_an_expression_inside_a_sentence(tagger: TimexTagger) -> None:
    # Five words before it: not fronted, so "will" belongs to another clause.
    assert values(tagger, "The first round of talks moonday, the envoys will say.") == [
        ("moonday", "2024-01-22")
    ]


def test_possessive_ignores_the_clause_tense(tagger: TimexTagger) -> None:
    assert values(tagger, "They will appeal moonday's ruling.") == [("moonday", "2024-01-22")]


def test_month_without_year_reads_as_nearest(tagger: TimexTagger) -> None:
    # No cue: the nearest secondmoon 3 (eight days ahead), not last year's.
    assert values(tagger, "The vote is secondmoon 3.") == [("secondmoon 3", "2024-02-03")]


def test_direction_word_overrides_tense(tagger: TimexTagger) -> None:
    assert values(tagger, "They will meet next moonday.") == [("next moonday", "2024-01-29")]
    found = tagger.tag("next moonday", DCT)[0]
    assert not found.direction_sensitive


def test_vague_reference_is_not_relative(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("now", DCT)
    assert (found.value, found.relative, found.direction_sensitive) == ("PRESENT_REF", False, False)


def test_a_year_ago_moves_the_last_period_mentioned(tagger: TimexTagger) -> None:
    text = "Profit rose in quarter 3 from a year ago."
    assert values(tagger, text) == [("quarter 3", "2023-Q3"), ("a year ago", "2022-Q3")]


def test_a_year_ago_without_a_period_moves_the_dct_year(tagger: TimexTagger) -> None:
    assert values(tagger, "On firstmoon 5, profit beat a year ago.")[-1] == ("a year ago", "2023")


def test_explain_names_the_rule(tagger: TimexTagger) -> None:
    assert [m.rule for m in tagger.explain("since 1999, now", DCT)] == ["since", "now"]


def test_renormalize_reads_a_weekday_as_future(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("It happened on moonday.", DCT)
    again = tagger.renormalize(found, DCT, future=True)
    assert (again.value, again.start, again.text) == ("2024-01-29", found.start, found.text)


def test_renormalize_future_month_day_is_after_the_dct(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("on firstmoon 20", DCT)
    assert found.value == "2024-01-20"
    assert tagger.renormalize(found, DCT, future=True).value == "2025-01-20"


def test_renormalize_past_month_day_is_on_or_before_the_dct(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("secondmoon 3", DCT)
    assert tagger.renormalize(found, DCT, future=False).value == "2023-02-03"


def test_renormalize_leaves_other_timexes_alone(tagger: TimexTagger) -> None:
    (found,) = tagger.tag("in 1999", DCT)
    assert tagger.renormalize(found, DCT, future=True) is found


def test_tagging_is_repeatable(tagger: TimexTagger) -> None:
    text = "They will meet moonday; quarter 3 beat a year ago."
    assert tagger.tag(text, DCT) == tagger.tag(text, DCT)


def test_fast_revalue_matches_dataclasses_replace() -> None:
    timex = Timex(3, 9, "Friday", "DATE", "2024-01-26", None, True, True)
    again = Timex(0, 6, "Friday", "DATE", "2024-02-02", "2024-02-03", False, False)
    made = _revalued(timex, again)
    assert made == dataclasses.replace(
        timex, value="2024-02-02", end_value="2024-02-03", relative=False, direction_sensitive=False
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = "2000"  # type: ignore[misc]


def test_timex_helper_slices_the_text() -> None:
    made = _timex("xx 1999", 3, 7, "DATE", Resolved("1999", None, False, False))
    assert made == Timex(3, 7, "1999", "DATE", "1999", None, False, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = "2000"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "." * 100_000,
        "moonday " * 20_000,
        "firstmoon 1-" * 20_000,
        "two two two two " * 10_000,
        ("a" * 5000 + " ") * 40,
    ],
    ids=["digits", "dots", "weekdays", "broken-ranges", "counts", "long-words"],
)
def test_pathological_input_completes(tagger: TimexTagger, text: str) -> None:
    found = tagger.tag(text, DCT)
    assert all(0 <= t.start < t.end <= len(text) for t in found)


def test_version_is_a_content_hash(resources: TimexResources) -> None:
    changed = dict(FILES, **{"rules_fixture.toml": RULES.replace('"1999"', '"1999" ')})
    assert build_timex_resources(FILES).version == resources.version
    assert build_timex_resources(changed).version != resources.version


def _broken(file: str, old: str, new: str) -> dict[str, str]:
    assert old in FILES[file]
    return dict(FILES, **{file: FILES[file].replace(old, new, 1)})


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            _broken("rules_fixture.toml", "{count} {unit} ago", "{cont} {unit} ago"),
            r"rules_fixture\.toml: rule 'ago': .*unknown pattern \{cont\}",
        ),
        (
            _broken("rules_fixture.toml", 'value = "year({year})"', 'value = "yaer({year})"'),
            r"rule 'since': unknown function 'yaer'",
        ),
        (
            _broken(
                "rules_fixture.toml",
                'value = "duration({count}, {unit})"',
                'value = "duration({count}, {units})"',
            ),
            r"rule 'duration': value uses groups .*units",
        ),
        (
            _broken("rules_fixture.toml", 'offset = "span"', 'offset = "spam"'),
            r"rule 'since': offset group 'spam'",
        ),
        (
            _broken("rules_fixture.toml", 'pattern = "now"', 'pattern = "(now)"'),
            r"rule 'now': plain '\('",
        ),
        (
            _broken("rules_fixture.toml", 'pattern = "now"', 'pattern = "Now"'),
            r"rule 'now': write the pattern in ASCII lower case",
        ),
        (
            _broken("rules_fixture.toml", 'type = "DURATION"', 'type = "PERIOD"'),
            r"rule 'duration': type must be one of",
        ),
        (
            _broken("rules_fixture.toml", 'name = "year"', 'name = "since"'),
            r"rule 'since' defined twice",
        ),
        (
            _broken(
                "rules_fixture.toml",
                'examples = [{ text = "now", dct = 2024-01-26, value = "PRESENT_REF" }]',
                "examples = []",
            ),
            r"rule 'now': needs at least one example",
        ),
        (
            _broken(
                "rules_fixture.toml",
                'examples = [{ text = "now", dct = 2024-01-26, value = "PRESENT_REF" }]',
                'examples = [{ text = "now", dct = 2024-01-26, value = "PRESENT_REF",'
                ' untagged = "then" }]',
            ),
            r"rule 'now': .*untagged 'then' is not in 'now'",
        ),
        (
            _broken("patterns.toml", "moonday", "moon(day)"),
            r"patterns\.toml: pattern 'weekday': alternative 'moon\(day\)'",
        ),
        (
            _broken("normalizations.toml", "moonday =", "Moonday ="),
            r"normalizations\.toml: normalization 'weekday': key 'Moonday' is not in lookup form",
        ),
        (
            _broken("tense.toml", "window_after = 20", "window_after = -1"),
            r"tense\.toml: tense: window_after",
        ),
        (_broken("tense.toml", "[tense]", "[tense"), r"tense\.toml: not valid TOML"),
    ],
    ids=[
        "unknown-pattern",
        "unknown-function",
        "unknown-group",
        "bad-offset",
        "capture-group",
        "upper-case-rule",
        "bad-type",
        "duplicate-rule",
        "no-examples",
        "untagged-not-in-text",
        "capture-in-pattern",
        "key-not-normalized",
        "bad-window",
        "bad-toml",
    ],
)
def test_bad_data_names_file_and_entry(files: dict[str, str], message: str) -> None:
    with pytest.raises(TimexResourceError, match=message):
        build_timex_resources(files)


def test_missing_tense_file_is_reported() -> None:
    files = {k: v for k, v in FILES.items() if k != "tense.toml"}
    with pytest.raises(TimexResourceError, match=r"tense\.toml: missing"):
        build_timex_resources(files)
