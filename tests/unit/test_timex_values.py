"""Value expressions and the calendar arithmetic behind the rule functions."""

from __future__ import annotations

import datetime as dt

import pytest
from service.extract.timex_values import (
    Call,
    Context,
    Resolved,
    Template,
    compile_value,
    parse_value,
    shift_dct,
)

FRIDAY = dt.date(2024, 1, 26)


def run(source: str, groups: dict[str, str | None] | None = None, **context: object) -> str | None:
    """Evaluate ``source`` against FRIDAY; context keys: tense, reference, direction."""
    tense = context.get("tense")
    ctx = Context(FRIDAY, (lambda start, end: tense) if "tense" in context else None)  # type: ignore[arg-type, return-value]
    if "direction" in context:
        ctx = Context(FRIDAY, direction=context["direction"])  # type: ignore[arg-type]
    ctx.reference = context.get("reference")  # type: ignore[assignment]
    found = compile_value(parse_value(source))(groups or {}, ctx)
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("unit", "n", "value"),
    [
        ("day", -1, "2024-01-25"),
        ("week", 0, "2024-W04"),
        ("week", -1, "2024-W03"),
        ("weekend", 0, "2024-W04-WE"),
        ("month", -1, "2023-12"),
        ("quarter", -1, "2023-Q4"),
        ("half", 1, "2024-H2"),
        ("season", 0, "2023-WI"),  # January is in the winter that began in December
        ("year", -1, "2023"),
        ("decade", -1, "201"),
        ("century", 0, "20"),
    ],
)
def test_shift_dct(unit: str, n: int, value: str) -> None:
    assert shift_dct(FRIDAY, unit, n) == value


def test_iso_week_at_year_end_belongs_to_the_iso_year() -> None:
    assert shift_dct(dt.date(2024, 12, 30), "week", 0) == "2025-W01"


@pytest.mark.parametrize(
    ("weekday", "shift", "tense", "value"),
    [
        ("4", "", None, "2024-01-25"),  # past by default
        ("5", "", None, "2024-01-26"),  # the DCT's own weekday is the DCT
        ("1", "", True, "2024-01-29"),  # future cue: the next one
        ("5", "", True, "2024-01-26"),  # future includes the DCT: "later on Friday"
        ("5", "+1", None, "2024-02-02"),  # "next Friday" is strictly after it
        ("5", "-1", None, "2024-01-19"),  # "last Friday": strictly before
        ("1", "+1", None, "2024-01-29"),  # "next Monday"
    ],
)
def test_weekday(weekday: str, shift: str, tense: bool | None, value: str) -> None:
    assert run(f"weekday({weekday}, {shift})", tense=tense) == value


@pytest.mark.parametrize(
    ("month", "shift", "tense", "value"),
    [
        ("09", "", None, "2023-09"),  # bare month, past: most recent
        ("01", "", None, "2024-01"),  # the current month included
        ("09", "", True, "2024-09"),  # future: the next one
        ("01", "-1", None, "2023-01"),  # "last January": strictly before
        ("09", "0", None, "2024-09"),  # "this September": this year
        ("02", "+1", None, "2024-02"),  # "next February"
    ],
)
def test_month(month: str, shift: str, tense: bool | None, value: str) -> None:
    assert run(f"month({month}, {shift})", tense=tense) == value


def test_month_with_an_explicit_year() -> None:
    assert run("month(06, , shift(year, -1))") == "2023-06"


@pytest.mark.parametrize(
    ("quarter", "tense", "value"),
    [
        ("4", None, "2023-Q4"),  # one back rather than three ahead
        ("1", None, "2024-Q1"),  # the current one
        ("2", True, "2024-Q2"),
        ("3", False, "2023-Q3"),
    ],
)
def test_quarter_is_the_nearest(quarter: str, tense: bool | None, value: str) -> None:
    assert run(f"quarter({quarter}, )", tense=tense) == value


@pytest.mark.parametrize(
    ("month", "day", "tense", "value"),
    [
        ("02", "3", None, "2024-02-03"),  # 8 days ahead beats 357 back
        ("07", "15", None, "2023-07-15"),  # 195 back beats 171 ahead, weighed 1.5
        ("07", "15", True, "2024-07-15"),  # a future cue weighs the past 3 times
        ("01", "20", True, "2024-01-20"),  # still nearest: 6 back vs 360 ahead
    ],
)
def test_month_day_without_year(month: str, day: str, tense: bool | None, value: str) -> None:
    assert run(f"date(, {month}, {day})", tense=tense) == value


def test_month_day_with_given_direction_is_strict() -> None:
    assert run("date(, 01, 20)", direction=True) == "2025-01-20"
    assert run("date(, 02, 3)", direction=False) == "2023-02-03"


def test_invalid_date_gives_nothing() -> None:
    assert run("date(2023, 02, 30)") is None


def test_two_digit_year_takes_the_nearest_century() -> None:
    assert run("year('98)") == "1998"
    assert run("year('24)") == "2024"


def test_range_across_the_new_year() -> None:
    ctx = Context(FRIDAY)
    found = compile_value(parse_value("range(, 12, 30, , 01, 2)"))({}, ctx)
    assert found == Resolved("2023-12-30", "2024-01-02", True, True)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("duration(3, year)", "P3Y"),
        ("duration(X, month)", "PXM"),
        ("duration(24, hour)", "PT24H"),
        ("duration(30, minute)", "PT30M"),
        ("duration(2, decade)", "P20Y"),
        ("duration(3, quarter)", "P9M"),
        ("decade(1990)", "199"),
        ("decade('80)", "198"),
        ("century(20)", "19"),
        ("shift(year, -X)", "PAST_REF"),
        ("time(3, 30, pm)", "2024-01-26T15:30"),
        ("time(12, , am, weekday(4, ))", "2024-01-25T00:00"),
        ("part(NI, shift(day, -1))", "2024-01-25TNI"),
        ("holiday(11-4-4, )", "2023-11-23"),  # Thanksgiving: 4th Thursday of November
        ("holiday(05-L-1, +1)", "2024-05-27"),  # last Monday of May
        ("holiday(12-25, -1)", "2023-12-25"),
        ("XXXX-WXX-{d}", "XXXX-WXX-3"),
    ],
)
def test_functions(source: str, value: str) -> None:
    assert run(source, {"d": "3"}) == value


@pytest.mark.parametrize(
    ("reference", "value"),
    [
        ("2023-Q3", "2022-Q3"),  # a financial period: the same one a year before
        ("2023-09-30", "2023"),  # any other date: the DCT's year moved
        (None, "2023"),
    ],
)
def test_ref_shift(reference: str | None, value: str) -> None:
    assert run("ref_shift(year, -1)", reference=reference) == value


def test_ref_next_moves_the_reference_in_its_unit() -> None:
    assert run("ref_next(year, 1)", reference="1995-05-22") == "1996"
    assert run("ref_next(month, 1)", reference="1989-03") == "1989-04"


def test_ref_converts_the_reference() -> None:
    assert run("ref(quarter, -1)", reference="2023-09-30") == "2023-Q3"
    assert run("ref(quarter, -1)") == "2023-Q4"


def test_parse_builds_calls_and_templates() -> None:
    assert parse_value("shift(year, -{n})") == Call(
        "shift", (Template(("year",)), Template(("-", "n", "")))
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("shfit(day, 1)", "unknown function 'shfit'"),
        ("shift(day)", r"shift\(\) takes 2\.\.2 arguments, got 1"),
        ("shift(day, 1", "unclosed call"),
        ("shift(day, 1) x", "unexpected"),
        ("P(1)Y", "stray parenthesis"),
    ],
)
def test_parse_errors_say_what_is_wrong(source: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_value(source)
