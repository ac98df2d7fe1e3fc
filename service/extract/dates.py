"""What a TimeML date value covers: its granularity and first/last calendar day."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from service.models import Granularity

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
# Meteorological seasons (northern hemisphere): first month and length.
_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class DateExtent:
    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date


# Pure and asked again for every mention and event of the same date: memoized
# (bounded; a DateExtent is immutable).
@functools.lru_cache(maxsize=4096)
def extent(value: str) -> DateExtent | None:
    """The calendar extent of a date value; None for values that are not calendar dates."""
    try:
        return _extent(value)
    except (ValueError, OverflowError):  # month 13, week 54, or past year 9999
        return None


def _extent(value: str) -> DateExtent | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return DateExtent(day.isoformat(), "day", day, day)
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            # "over the weekend": the spec's finest granularity for it is its
            # week, though the days it covers are Saturday and Sunday
            saturday = monday + dt.timedelta(days=5)
            return DateExtent(value[:-3], "week", saturday, saturday + dt.timedelta(days=1))
        return DateExtent(value, "week", monday, monday + dt.timedelta(days=6))
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return DateExtent(
            value,
            "month",
            dt.date(year, month, 1),
            dt.date(year, month, calendar.monthrange(year, month)[1]),
        )
    if m := _SEASON.match(value):
        year, first = int(m[1]), _SEASON_MONTHS[m[2]]
        start = dt.date(year, first, 1)
        end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
        return DateExtent(
            value,
            "season",
            start,
            dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]),
        )
    if m := _QUARTER.match(value):
        year, quarter = int(m[1]), int(m[2])
        first = 3 * quarter - 2
        return DateExtent(
            value,
            "quarter",
            dt.date(year, first, 1),
            dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1]),
        )
    if m := _YEAR.match(value):
        year = int(m[1])
        return DateExtent(value, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    return None
