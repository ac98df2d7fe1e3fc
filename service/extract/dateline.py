"""Dateline parsing and the publication date an article's relative dates resolve against."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from service.extract.errors import ArticleRejected
from service.models import parse_timestamp

# Place: an upper-case run ("SEOUL", "UNITED NATIONS", "KIGALI/BRUSSELS" for a
# story filed from two), optionally followed by
# ", Region" in title case ("NAIROBI, Kenya"). Then an optional "Mon. D", its
# year optional, or "D Month YYYY" (with a year, so that "Feb. 23 Kyodo" stays
# month first); an optional agency ("(Reuters)", or a bare "Kyodo") and the
# dash, which some agencies write ".-" or "_" and some leave out after "(PTI)".
# Bounded repetitions keep it linear.
_DATELINE_RE = re.compile(
    r"\A\s{0,8}(?:(?P<place>[A-Z][A-Z.'’ /-]{1,40}[A-Z.]"
    r"(?:, [A-Z][A-Za-z.'’ -]{1,30}?)?)(?:,\s{1,4}|\s{1,4}))?"
    r"(?:(?:(?P<month>[A-Z][a-z]{2,8})\.?\s{1,4}(?P<day>\d{1,2})(?:,?\s{1,4}\d{4})?"
    r"|(?P<day_first>\d{1,2})\s{1,4}(?P<month_after>[A-Z][a-z]{2,8})\.?,?\s{1,4}\d{4})"
    r",?\s{1,4})?"
    r"(?:\((?P<agency>[^()\n]{1,40})\)\s{0,4}(?:\.?(?P<dash>—|–|--?|_|\|)\s{0,4})?"
    r"|(?:(?P<bare_agency>[A-Z][A-Za-z]{1,15})\s{1,4})?\.?(?:—|–|--?|_|\|)\s{0,4})"
)

# Some agencies write the place in title case and put the date after it either
# way round: "Vienna (AFP) - ", "Bissau, 12 Feb 2026 (Lusa) - ", "Baku, March 20,
# APA. ", "Accra, Sept. 8, GNA - ", "New Delhi, Jul 24 (PTI) " (no dash, as PTI
# and IANS write it), "New Delhi [India], September 6 (ANI): " (the country in
# brackets, a colon). Such an opening is a dateline only when it ends in a
# known agency, in parentheses or bare before a period or a dash.
_TITLE_DATELINE_RE = re.compile(
    r"\A\s{0,8}(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})"
    r"(?:\s{1,4}\[[A-Z][A-Za-z ]{1,30}\])?,?\s{1,4}"
    r"(?:(?P<day>\d{1,2})\s{1,4}(?P<month>[A-Z][a-z]{2,8})\.?(?:\s{1,4}\d{4})?,?\s{1,4}"
    r"|(?P<month2>[A-Z][a-z]{2,8})\.?\s{1,4}(?P<day2>\d{1,2})(?:,?\s{1,4}\d{4})?,?\s{1,4})?"
    r"(?:\((?P<agency>[A-Za-z]{2,12})\)\s{0,4}[.:]?(?:—|–|--?|_)?"
    r"|(?P<bare>[A-Za-z]{2,12})(?:\.|\s{1,4}(?:—|–|--?)))\s{0,4}"
)

# How far a dateline's month/day may lie from the record's timestamp and still
# be read as the same date in the dateline's local time zone.
_MAX_DATELINE_SKEW_DAYS = 3


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    month: int | None
    day: int | None
    agency: str | None
    end: int  # offset where the article text proper begins


def parse_dateline(
    body: str, months: Mapping[str, int], agencies: AbstractSet[str] = frozenset()
) -> Dateline | None:
    """The dateline opening `body`, or None.

    Without a dash, or with an agency name outside parentheses, only a known
    agency makes the opening a dateline: "NATO (North Atlantic ...)" and
    "Kenya Airways said" are not.
    """
    titled = _titled_dateline(body, months, agencies)
    if titled is not None:
        return titled
    match = _DATELINE_RE.match(body)
    if match is None:
        return None
    place, agency, bare_agency, dash = match.group("place", "agency", "bare_agency", "dash")
    month_name = match.group("month") or match.group("month_after")
    day = match.group("day") or match.group("day_first")
    if bare_agency is not None:
        if bare_agency not in agencies:
            return None
        agency = bare_agency
    elif agency is not None and dash is None and agency.strip() not in agencies:
        return None
    month = months.get(month_name.lower()) if month_name else None
    if month_name and month is None:
        return None  # "Word 12 -" that is not a date: not a dateline
    if not (place or month or agency):
        return None
    return Dateline(
        place=place.strip() if place else None,
        month=month,
        day=int(day) if day else None,
        agency=agency.strip() if agency else None,
        end=match.end(),
    )


def _titled_dateline(
    body: str, months: Mapping[str, int], agencies: AbstractSet[str]
) -> Dateline | None:
    """A title-case dateline ending in a known agency (_TITLE_DATELINE_RE)."""
    match = _TITLE_DATELINE_RE.match(body)
    if match is None:
        return None
    agency = match.group("agency") or match.group("bare")
    if agency not in agencies:
        return None
    month_name = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    month = months.get(month_name.lower().rstrip(".")) if month_name else None
    if month_name and month is None:
        return None
    return Dateline(
        place=match.group("place"),
        month=month,
        day=int(day) if day else None,
        agency=agency,
        end=match.end(),
    )


def publication_date(
    published_at: str | None, dateline: Dateline | None, record_year: int | None = None
) -> dt.date:
    """The date relative expressions resolve against.

    The dateline's month/day is the local date of the story, so it wins over
    the record's (often UTC) timestamp when the two are within a few days;
    the year always comes from a timestamp. Raises ArticleRejected when
    neither gives a usable date.
    """
    stamp = parse_timestamp(published_at) if published_at else None
    base = stamp.date() if isinstance(stamp, dt.datetime) else stamp
    if dateline is not None and dateline.month and dateline.day:
        year = base.year if base else record_year
        if year is not None:
            candidates = [
                _safe_date(y, dateline.month, dateline.day) for y in (year - 1, year, year + 1)
            ]
            dated = [c for c in candidates if c is not None]
            if base is None:
                local = _safe_date(year, dateline.month, dateline.day)
                if local is not None:
                    return local
            else:
                nearest = min(dated, key=lambda c: abs((c - base).days), default=None)
                if nearest is not None and abs((nearest - base).days) <= _MAX_DATELINE_SKEW_DAYS:
                    return nearest
    if base is not None:
        return base
    raise ArticleRejected(
        "no_publication_date",
        "no usable publication date: published_at is missing and the dateline gives no full date",
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
