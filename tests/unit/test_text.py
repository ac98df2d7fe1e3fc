"""Tokens, sentences, datelines and date extents."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from service.extract import ArticleRejected
from service.extract.dateline import Dateline, parse_dateline, publication_date
from service.extract.dates import extent
from service.extract.sentences import MAX_SENTENCE_CHARS, split_sentences
from service.extract.tokens import _COMPOUND_RE, _COMPOUND_TOKEN_RE, _TOKEN_RE, plain, tokenize

MONTHS = {"jan": 1, "march": 3, "dec": 12}


def test_tokens_keep_offsets_and_split_possessives() -> None:
    text = "Russia’s U.S.-led talks"
    tokens = tokenize(text)
    assert tokens.words == ("Russia", "'s", "U.S.", "-", "led", "talks")
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)][1] == "’s"


def test_words_are_read_without_accents_and_shown_with_them() -> None:
    text = "Støre met Peña in Bogotá"
    tokens = tokenize(text)
    assert tokens.words == ("Store", "met", "Pena", "in", "Bogota")
    assert tokens.lower[0] == "store"
    assert tokens.span_text(2, 4) == "Peña in Bogotá"
    assert plain("Łukaszenka, Vučić") == "Lukaszenka, Vucic"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a name before a hyphenated participle stands alone, like "U.S." does
        ("a Qatari-brokered truce", ("a", "Qatari", "-", "brokered", "truce")),
        ("Iran-backed rebels", ("Iran", "-", "backed", "rebels")),
        # other hyphenated words stay whole
        (
            "a high-level, state-owned, Korean-made",
            ("a", "high-level", ",", "state-owned", ",", "Korean-made"),
        ),
    ],
)
def test_compound_modifiers_split_only_before_a_participle(
    text: str, words: tuple[str, ...]
) -> None:
    assert tokenize(text).words == words


# Texts of the characters the token pattern tells apart: word characters of
# several scripts, digits, "_", hyphens, periods, apostrophes of both kinds,
# quotation marks and whitespace \w and str.split know (no-break space, line
# separator, information separators).
_TOKEN_TEXT = st.text(
    alphabet="aZé٣²_-.'’‘\"“” \u00a0\u2028\x1c\n\t,",
    max_size=40,
) | st.lists(
    st.sampled_from(["U.S.", "Qatari", "-brokered", "Iran's", " ", "3.5", "high-level", ","]),
    max_size=8,
).map("".join)


@given(_TOKEN_TEXT)
@settings(max_examples=300, deadline=None)
def test_tokens_are_the_pattern_matches_of_the_whole_text(text: str) -> None:
    # tokenize cuts at whitespace before matching; one scan of the whole text
    # with the same pattern must give the same tokens at the same offsets
    normalized = text.replace("’", "'").replace("‘", "'")
    pattern = _COMPOUND_TOKEN_RE if _COMPOUND_RE.search(normalized) else _TOKEN_RE
    expected = [(plain(m.group()), m.start(), m.end()) for m in pattern.finditer(normalized)]
    tokens = tokenize(text)
    assert list(zip(tokens.words, tokens.starts, tokens.ends, strict=True)) == expected
    assert tokens.lower == tuple(word.lower() for word, _, _ in expected)


def test_sentences_respect_abbreviations_initials_and_lines() -> None:
    text = "Gen. Ali met John F. Kennedy in the U.S. Capitol. Then he left!\nNext line"
    spans = split_sentences(text, {"Gen"})
    assert [text[s.start : s.end] for s in spans] == [
        "Gen. Ali met John F. Kennedy in the U.S. Capitol.",
        "Then he left!",
        "Next line",
    ]


@pytest.mark.parametrize(
    ("unit", "cut_after"),
    [("alpha beta, ", ","), ("gamma delta ", "a"), ("x" * 40, "x")],
    ids=["at a comma", "at a space", "hard"],
)
def test_overlong_sentences_are_cut_into_bounded_pieces(unit: str, cut_after: str) -> None:
    text = unit * (5 * MAX_SENTENCE_CHARS // len(unit))
    spans = split_sentences(text, set())
    assert len(spans) >= 5
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.end - 1] == cut_after for s in spans[:-1])
    # Pieces cover the text: only the spaces at the cuts are left out.
    covered = "".join(text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_dateline_needs_a_dash() -> None:
    assert parse_dateline("SEOUL is a big city.", MONTHS) is None


def test_dateline_with_unknown_month_word_is_not_a_dateline() -> None:
    assert parse_dateline("Flight 12 - delayed", MONTHS) is None


@pytest.mark.parametrize(
    ("published_at", "dateline", "expected"),
    [
        ("2024-01-26", None, dt.date(2024, 1, 26)),
        ("2024-01-01T02:00:00Z", Dateline("SEOUL", 12, 31, None, 20), dt.date(2023, 12, 31)),
        # a dateline far from the timestamp is not trusted
        ("2024-06-01", Dateline("SEOUL", 1, 26, None, 20), dt.date(2024, 6, 1)),
    ],
)
def test_publication_date(published_at: str, dateline: Dateline | None, expected: dt.date) -> None:
    assert publication_date(published_at, dateline) == expected


def test_dateline_without_timestamp_needs_a_year() -> None:
    with pytest.raises(ArticleRejected):
        publication_date(None, Dateline("SEOUL", 1, 26, None, 20))
    assert publication_date(None, Dateline("SEOUL", 1, 26, None, 20), record_year=2024) == dt.date(
        2024, 1, 26
    )


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end"),
    [
        ("2024-01-25", "day", "2024-01-25", "2024-01-25"),
        ("2024-W04", "week", "2024-01-22", "2024-01-28"),
        # a weekend is written as its week, the spec's finest granularity for it
        ("2024-W04-WE", "week", "2024-01-27", "2024-01-28"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2023-WI", "season", "2023-12-01", "2024-02-29"),
        ("2023-Q4", "quarter", "2023-10-01", "2023-12-31"),
        ("2019", "year", "2019-01-01", "2019-12-31"),
    ],
)
def test_extent(value: str, granularity: str, start: str, end: str) -> None:
    found = extent(value)
    assert found is not None
    assert (found.value, found.granularity, found.start.isoformat(), found.end.isoformat()) == (
        value.removesuffix("-WE"),
        granularity,
        start,
        end,
    )


@pytest.mark.parametrize("value", ["PAST_REF", "P3Y", "2024-13", "2024-W60", "XXXX-XX-XX"])
def test_extent_of_non_calendar_values_is_none(value: str) -> None:
    assert extent(value) is None
