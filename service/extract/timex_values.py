"""Value expressions of timex rules and the calendar arithmetic behind them.

A rule's ``value`` is either a template (``"XXXX-WXX-{weekday}"``, ``"PRESENT_REF"``)
or a call of one of the functions in :data:`FUNCTIONS`, whose arguments are
templates or nested calls: ``time({hour}, {minute}, {ampm}, weekday({weekday}, ))``.
``{name}`` in a template stands for the normalized text of the group ``name``
(empty when the group did not take part in the match).

The functions are the engine's fixed vocabulary of normalization kinds, in the
spirit of HeidelTime's ``UNDEF-...`` values; the language data decides which
surface forms reach them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_CALL = re.compile(r"\s*([a-z_][a-z0-9_]*)\(")
_CALENDAR = re.compile(
    r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-H([12])|-W(\d\d)|-(SP|SU|FA|WI))?"
)
_PERIOD = re.compile(r"\d{4}-[QH]\d")
_MONTH = re.compile(r"\d{4}-\d\d")
# characters back from "the same day" within which the last day named is its day
_DAY_REACH = 300
SEASONS = ("SP", "SU", "FA", "WI")


@dataclass(frozen=True, slots=True)
class Template:
    """Literal text with ``{group}`` references; ``parts`` alternates text and names."""

    parts: tuple[str, ...]

    def render(self, groups: Mapping[str, str | None]) -> str:
        out = []
        for i, part in enumerate(self.parts):
            out.append(part if i % 2 == 0 else (groups.get(part) or ""))
        return "".join(out)

    def refs(self) -> set[str]:
        return set(self.parts[1::2])


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Call | Template, ...]

    def refs(self) -> set[str]:
        out: set[str] = set()
        for arg in self.args:
            out |= arg.refs()
        return out


Expr = Call | Template


# Not frozen: a frozen dataclass costs five times as much to create, and one
# is made for every expression found. Treat instances as immutable.
@dataclass(slots=True)
class Resolved:
    """A normalized value and how it was obtained."""

    value: str
    end_value: str | None = None
    relative: bool = False
    direction_sensitive: bool = False
    anaphoric: bool = False  # read off an earlier expression, not the text or the DCT


class Context:
    """What a value function may consult besides its arguments.

    One context serves a whole document: the tagger moves ``start``/``end``
    to each expression and updates ``reference`` as it goes.

    ``tense()`` is asked only by functions whose result depends on reading the
    expression as past or future: True future, False past, None no cue.
    ``reference`` is the value of the last calendar date mentioned before the
    expression in the same document (for "a year earlier", "the quarter"), and
    ``day_reference`` that of the last full day ("on Monday ... last year ...
    the same day" is that Monday).
    ``strict`` says the direction was given by the caller (renormalize), not
    guessed from cues: then past means on or before the DCT and future after
    it, with no weighing of which is nearer.
    """

    __slots__ = (
        "_direction",
        "_locate",
        "day_reference",
        "day_reference_end",
        "dct",
        "end",
        "reference",
        "reference_end",
        "reference_possessive",
        "start",
        "strict",
    )

    def __init__(
        self,
        dct: dt.date,
        locate: Callable[[int, int], bool | None] | None = None,
        direction: bool | None = None,
    ) -> None:
        self.dct = dct
        self._locate = locate
        self._direction = direction
        self.strict = direction is not None
        self.reference: str | None = None
        self.day_reference: str | None = None
        # where those expressions end in the text
        self.reference_end = 0
        self.day_reference_end = 0
        # the last date dated a noun ("last November's seizure"), not what was done
        self.reference_possessive = False
        self.start = 0
        self.end = 0

    def tense(self) -> bool | None:
        if self._direction is not None or self._locate is None:
            return self._direction
        return self._locate(self.start, self.end)


Arg = str | Resolved | None
Function = Callable[[Context, Sequence[Arg]], Resolved | None]
Groups = Mapping[str, str | None]
Evaluator = Callable[[Groups, Context], Resolved | None]


def parse_value(src: str) -> Expr:
    """Parse a rule's value expression; raises ValueError saying where it broke."""
    expr, pos = _parse(src, 0, top=True)
    if pos != len(src):
        raise ValueError(f"unexpected {src[pos:]!r} at offset {pos}")
    return expr


def _parse(src: str, pos: int, top: bool) -> tuple[Expr, int]:
    m = _CALL.match(src, pos)
    if m:
        name, pos = m.group(1), m.end()
        if name not in FUNCTIONS:
            raise ValueError(f"unknown function {name!r}")
        args: list[Expr] = []
        while True:
            arg, pos = _parse(src, pos, top=False)
            args.append(arg)
            if pos >= len(src):
                raise ValueError(f"unclosed call of {name!r}")
            if src[pos] == ")":
                pos += 1
                break
            if src[pos] != ",":
                raise ValueError(f"expected ',' or ')' at offset {pos}")
            pos += 1
        if args == [Template(("",))]:
            args = []
        low, high = ARITY[name]
        if not low <= len(args) <= high:
            raise ValueError(f"{name}() takes {low}..{high} arguments, got {len(args)}")
        while pos < len(src) and src[pos].isspace():
            pos += 1
        return Call(name, tuple(args)), pos
    end = pos
    while end < len(src) and (top or src[end] not in ",)"):
        if src[end] in "()":
            raise ValueError(f"stray parenthesis at offset {end}")
        end += 1
    text = src[pos:end].strip()
    return Template(tuple(_REF.split(text))), end


def compile_value(expr: Expr) -> Evaluator:
    """Turn an expression into a function of (groups, context), resolved once."""
    if isinstance(expr, Template):
        render = _compile_template(expr)

        def template(groups: Groups, ctx: Context) -> Resolved | None:
            value = render(groups, ctx)
            return Resolved(value) if value else None

        return template
    function = FUNCTIONS[expr.name]
    args = tuple(
        _compile_template(a) if isinstance(a, Template) else compile_value(a) for a in expr.args
    )

    def call(groups: Groups, ctx: Context) -> Resolved | None:
        return function(ctx, [arg(groups, ctx) for arg in args])

    return call


def _compile_template(template: Template) -> Callable[[Groups, Context], str]:
    parts = template.parts
    if len(parts) == 1:
        constant = parts[0]
        return lambda groups, ctx: constant
    if len(parts) == 3 and not parts[0] and not parts[2]:
        name = parts[1]
        return lambda groups, ctx: groups.get(name) or ""
    return lambda groups, ctx: template.render(groups).strip()


# --------------------------------------------------------------------------
# argument helpers
# --------------------------------------------------------------------------


def _s(args: Sequence[Arg], i: int) -> str:
    if i < len(args):
        arg = args[i]
        if isinstance(arg, str):
            return arg
    return ""


def _r(args: Sequence[Arg], i: int) -> Resolved | None:
    if i < len(args):
        arg = args[i]
        if isinstance(arg, Resolved):
            return arg
    return None


def _int(text: str) -> int | None:
    if text.isdigit():  # the common case, on the hot path
        return int(text)
    text = text.strip().lstrip("+")
    if text.startswith("--"):  # "-{n}" with n itself negative: a double negation
        text = text[2:]
    try:
        return int(text)
    except ValueError:
        return None


def _year(text: str, dct: dt.date) -> int | None:
    """A written year; two digits take the century that keeps it nearest the DCT."""
    text = text.strip().lstrip("'")
    if not text.isdigit():
        return None
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        year = dct.year // 100 * 100 + int(text)
        if year > dct.year + 20:
            year -= 100
        return year
    return None


def _mode(shift: str, ctx: Context) -> str:
    """How to place a cyclic unit (weekday, month, season ...) relative to the DCT.

    "-1" strictly before ("last September"), "+1" strictly after ("next
    Monday"), "0" within the current year ("this September"), empty: by tense,
    past when no cue says future (the news default).
    """
    shift = shift.strip()
    if shift == "-1":
        return "before"
    if shift in ("+1", "1"):
        return "after"
    if shift == "0":
        return "this"
    return "future" if ctx.tense() else "past"


def _cyclic(current: int, wanted: int, period: int, mode: str) -> int:
    """Index (year * period + position) of the wanted position nearest ``current``."""
    base = current - current % period + wanted
    if mode == "this":
        return base
    if mode in ("past", "before"):
        if base > current or (mode == "before" and base == current):
            base -= period
        return base
    if base < current or (mode == "after" and base == current):
        base += period
    return base


def _season_index(day: dt.date) -> int:
    if day.month == 12:
        return day.year * 4 + 3
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_dct(dct: dt.date, unit: str, n: int) -> str | None:
    """The DCT moved by ``n`` units, written at that unit's granularity."""
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _iso_week(dct + dt.timedelta(weeks=n))
    if unit == "weekend":
        return _iso_week(dct + dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        idx = dct.year * 12 + dct.month - 1 + n
        return f"{idx // 12:04d}-{idx % 12 + 1:02d}"
    if unit == "quarter":
        idx = dct.year * 4 + (dct.month - 1) // 3 + n
        return f"{idx // 4:04d}-Q{idx % 4 + 1}"
    if unit == "half":
        idx = dct.year * 2 + (dct.month - 1) // 6 + n
        return f"{idx // 2:04d}-H{idx % 2 + 1}"
    if unit == "season":
        idx = _season_index(dct) + n
        return f"{idx // 4:04d}-{SEASONS[idx % 4]}"
    if unit == "year":
        return f"{dct.year + n:04d}"
    if unit == "decade":
        return f"{dct.year // 10 + n:03d}"
    if unit == "century":
        return f"{dct.year // 100 + n:02d}"
    return None


def _shift_year(value: str, n: int) -> str | None:
    """A calendar value moved by whole years, keeping its granularity."""
    m = _CALENDAR.fullmatch(value)
    if not m:
        return None
    year = int(m.group(1)) + n
    if m.group(3):
        month, day = int(m.group(2)), int(m.group(3))
        if month == 2 and day == 29:
            day = 28
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}{value[4:]}"


def _convert(value: str, unit: str) -> str | None:
    """A calendar value re-expressed at a coarser unit (a day's quarter ...)."""
    m = _CALENDAR.fullmatch(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if unit == "year":
        return year
    if unit == "quarter":
        if m.group(4):
            return value
        return f"{year}-Q{(int(month) - 1) // 3 + 1}" if month else None
    if unit == "month":
        return f"{year}-{month}" if month else None
    if unit == "week" and day:
        return _iso_week(dt.date(int(year), int(month), int(day)))
    if unit == "day" and day:
        return value
    return None


# --------------------------------------------------------------------------
# the functions
# --------------------------------------------------------------------------


def _date(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """date(year, month, day, weekday): a calendar date; a missing year comes
    from the DCT, or from the weekday written with it ("Saturday, May 3")."""
    month = _int(_s(args, 1))
    day_text, year_text = _s(args, 2), _s(args, 0)
    day = _int(day_text) if day_text else None
    if month is None or not 1 <= month <= 12:
        return None
    if year_text:
        year = _year(year_text, ctx.dct)
        if year is None:
            return None
        if day is None:
            return Resolved(f"{year:04d}-{month:02d}")
        try:
            return Resolved(dt.date(year, month, day).isoformat())
        except ValueError:
            return None
    if day is None:
        return None
    weekday = _int(_s(args, 3)) if len(args) > 3 else None
    if weekday is not None:
        fitting = _weekday_year(ctx, month, day, weekday)
        if fitting is not None:
            return Resolved(fitting.isoformat(), relative=True)
    picked = _pick_year(ctx, month, day)
    if picked is None:
        return None
    return Resolved(picked.isoformat(), relative=True, direction_sensitive=True)


def _weekday_year(ctx: Context, month: int, day: int, weekday: int) -> dt.date | None:
    """The one month-day next to the DCT's year that falls on the ISO weekday
    written with it, or None when none or several do."""
    fitting = [d for d in _around_dct(ctx, month, day) if d.isoweekday() == weekday]
    return fitting[0] if len(fitting) == 1 else None


def _around_dct(ctx: Context, month: int, day: int) -> list[dt.date]:
    """The month-day in the DCT's year and the years either side, where it exists."""
    dates = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates


# Without a year, "Nov. 16" is taken as the nearest Nov. 16, a later one
# counting as 1.5 times as far: news reports the past more often than it
# announces. A tense cue in the clause makes the other side count 3 times as
# far: a cue is a hint, but cues often belong to another verb, and a date
# only weeks away on the other side is still the likelier one.
# Maps the guessed tense to (weight of later dates, weight of earlier dates).
_WEIGHTS = {None: (1.5, 1.0), True: (1.0, 3.0), False: (3.0, 1.0)}


def _pick_year(ctx: Context, month: int, day: int) -> dt.date | None:
    """The month-day nearest the DCT, weighing later dates by the clause's tense."""
    options = _around_dct(ctx, month, day)
    distances = [(d - ctx.dct).days for d in options]
    best = _nearest(ctx, distances)
    return None if best is None else options[best]


def _nearest(ctx: Context, distances: Sequence[int]) -> int | None:
    """Index of the candidate (signed distance from the DCT) to take.

    Guessed tense: the nearest, weighed by _WEIGHTS.
    Given direction (strict): the nearest on or before the DCT for past,
    on or after it for future (a plan "in the first quarter" told in January
    is for this quarter, still under way).
    """
    tense = ctx.tense()
    if ctx.strict:
        allowed = [i for i, d in enumerate(distances) if d == 0 or (d > 0) == bool(tense)]
        return min(allowed, key=lambda i: abs(distances[i]), default=None)
    later, earlier = _WEIGHTS[tense]
    costs = [d * later if d > 0 else -d * earlier for d in distances]
    return min(range(len(costs)), key=costs.__getitem__, default=None)


def _holiday(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """holiday(rule, shift): "MM-DD", "MM-N-W" for the N-th ISO weekday W of
    a month (N = L: the last), or "E+N" for N days from Easter Sunday, in the
    nearest year ("last": the one before)."""
    code = _s(args, 0)
    if code.startswith("E"):
        easter_offset = _int(code[1:])
        if easter_offset is None:
            return None
        numbers: list[int | None] = [easter_offset]
    else:
        parts = code.split("-")
        if len(parts) == 3 and parts[1] == "L":
            parts[1] = "-1"
        numbers = [_int(p) for p in parts]
        if None in numbers or len(numbers) not in (2, 3):
            return None
    mode = _s(args, 1).strip()
    options = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        day = _holiday_date(year, [n or 0 for n in numbers])
        if day is not None:
            options.append(day)
    if mode == "-1":
        options = [d for d in options if d < ctx.dct][-1:]
    elif mode in ("+1", "1"):
        options = [d for d in options if d > ctx.dct][:1]
    elif mode == "0":
        options = [d for d in options if d.year == ctx.dct.year]
    else:
        best = _nearest(ctx, [(d - ctx.dct).days for d in options])
        options = [] if best is None else [options[best]]
    if not options:
        return None
    return Resolved(options[0].isoformat(), relative=True, direction_sensitive=mode == "")


def _easter(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _holiday_date(year: int, parts: list[int]) -> dt.date | None:
    try:
        if len(parts) == 1:
            return _easter(year) + dt.timedelta(days=parts[0])
        if len(parts) == 2:
            return dt.date(year, parts[0], parts[1])
        month, nth, weekday = parts
        if nth > 0:
            first = dt.date(year, month, 1)
            offset = (weekday - first.isoweekday()) % 7
            return first + dt.timedelta(days=offset + 7 * (nth - 1))
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        last = following - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    except ValueError:
        return None


def _range(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """range(year, month, day, year2, month2, day2): first day, with the last as end."""
    first = _date(ctx, args[:3])
    if first is None:
        return None
    start = dt.date.fromisoformat(first.value)
    month2 = _int(_s(args, 4)) or start.month
    day2 = _int(_s(args, 5))
    year2 = _year(_s(args, 3), ctx.dct) if _s(args, 3) else start.year
    if day2 is None or year2 is None:
        return None
    try:
        end = dt.date(year2, month2, day2)
        if end < start and not _s(args, 3):
            end = dt.date(year2 + 1, month2, day2)  # "Dec. 30 to Jan. 2"
    except ValueError:
        return None
    if end <= start:
        return None
    return Resolved(first.value, end.isoformat(), first.relative, first.direction_sensitive)


def _year_fn(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """year(y): a written year."""
    year = _year(_s(args, 0), ctx.dct)
    return None if year is None else Resolved(f"{year:04d}")


def _weekday(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """weekday(day, shift): an ISO weekday number placed around the DCT."""
    wanted = _int(_s(args, 0))
    if wanted is None or not 1 <= wanted <= 7:
        return None
    mode = _mode(_s(args, 1), ctx)
    today = ctx.dct.isoweekday()
    if mode == "this":
        # "will meet this Thursday" in Tuesday's news is two days on, "met this
        # Monday" two days back; with no tense cue, the day of the DCT's week
        tense = ctx.tense()
        if tense is None:
            day = ctx.dct + dt.timedelta(days=wanted - today)
            return Resolved(day.isoformat(), relative=True, direction_sensitive=True)
        mode = "future" if tense else "past"
    if mode in ("past", "before"):
        back = (today - wanted) % 7
        if back == 0 and mode == "before":
            back = 7
        day = ctx.dct - dt.timedelta(days=back)
    else:
        # "will arrive late on Wednesday" in Wednesday's news is that day; only
        # "next Wednesday" skips it
        ahead = (wanted - today) % 7
        if ahead == 0 and mode == "after":
            ahead = 7
        day = ctx.dct + dt.timedelta(days=ahead)
    return Resolved(day.isoformat(), relative=True, direction_sensitive=mode in ("past", "future"))


def _cyclic_fn(
    period: int, fmt: Callable[[int], str], current: Callable[[dt.date], int], nearest: bool
) -> Function:
    """month/quarter/half/season(position, shift, year).

    With ``nearest``, a bare mention is the nearest one by the month-day
    weighing: "the third quarter" in November is this year's, even in a
    future clause. Months and seasons follow the spec's tense rule instead.
    """

    def resolve(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
        position = _position(_s(args, 0), period)
        if position is None:
            return None
        year_arg = _r(args, 2)
        year_text = year_arg.value[:4] if year_arg else _s(args, 2)
        if year_text:
            year = _year(year_text, ctx.dct)
            if year is None:
                return None
            relative = year_arg.relative if year_arg else False
            return Resolved(fmt(year * period + position), relative=relative)
        mode = _mode(_s(args, 1), ctx)
        now = current(ctx.dct)
        if nearest and mode in ("past", "future"):
            base = now - now % period + position
            candidates = (base - period, base, base + period)
            best = _nearest(ctx, [c - now for c in candidates])
            if best is None:
                return None
            idx = candidates[best]
        else:
            idx = _cyclic(now, position, period, mode)
        return Resolved(fmt(idx), relative=True, direction_sensitive=mode in ("past", "future"))

    return resolve


def _position(text: str, period: int) -> int | None:
    """Zero-based position of a month (1..12), quarter (1..4), season code ..."""
    if text in SEASONS and period == 4:
        return SEASONS.index(text)
    number = _int(text)
    if number is None or not 1 <= number <= period:
        return None
    return number - 1


def _weekend(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """weekend(shift): the ISO week whose weekend is meant."""
    mode = _mode(_s(args, 0), ctx)
    weekend_now = ctx.dct.isoweekday() >= 6
    weeks = {"before": -1, "after": 1, "this": 0, "future": 0}.get(mode, 0 if weekend_now else -1)
    value = shift_dct(ctx.dct, "weekend", weeks)
    return None if value is None else Resolved(value, relative=True)


def _shift(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """shift(unit, n): the DCT moved by n units; a vague n gives PAST_REF/FUTURE_REF."""
    unit, amount = _s(args, 0), _s(args, 1)
    n = _int(amount)
    if n is None:
        if "X" not in amount:
            return None
        return Resolved("PAST_REF" if amount.startswith("-") else "FUTURE_REF", relative=True)
    value = shift_dct(ctx.dct, unit, n)
    return None if value is None else Resolved(value, relative=True)


def _day_of_month(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """day_of_month(day): "the 15th", in the current month or the one its tense points to."""
    day = _int(_s(args, 0))
    if day is None or not 1 <= day <= 31:
        return None
    options = []
    for months in (-1, 0, 1):
        idx = ctx.dct.year * 12 + ctx.dct.month - 1 + months
        try:
            options.append(dt.date(idx // 12, idx % 12 + 1, day))
        except ValueError:
            continue
    future = ctx.tense()
    if future:
        picked = [d for d in options if d >= ctx.dct][:1]
    else:
        picked = [d for d in options if d <= ctx.dct][-1:]
    if not picked:
        return None
    return Resolved(picked[0].isoformat(), relative=True, direction_sensitive=True)


def _decade(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """decade(digits): "1990" or "90" (from "the '90s") -> "199"."""
    digits = _s(args, 0).lstrip("'")
    if len(digits) == 4 and digits.isdigit():
        return Resolved(digits[:3])
    year = _year(digits, ctx.dct) if len(digits) == 2 else None
    if year is None:
        return None
    if year > ctx.dct.year:
        year -= 100
    return Resolved(f"{year:04d}"[:3])


def _century(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """century(n): the n-th century -> its first two digits ("20th" -> "19")."""
    n = _int(_s(args, 0))
    return None if n is None or not 1 <= n <= 30 else Resolved(f"{n - 1:02d}")


# TimeML duration codes of the canonical unit names the normalizations
# produce, with the multiple TimeBank writes them in: quarters as months
# ("the next three quarters" = P9M), decades and centuries as years.
_DURATION_CODES = {
    "day": ("D", 1),
    "week": ("W", 1),
    "month": ("M", 1),
    "quarter": ("M", 3),
    "year": ("Y", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
    "hour": ("TH", 1),
    "minute": ("TM", 1),
    "second": ("TS", 1),
}


def _duration(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """duration(n, unit): "P3Y", "PT24H"; n may be X (vague: "several years")."""
    amount, unit = _s(args, 0) or "1", _DURATION_CODES.get(_s(args, 1))
    if unit is None or not (amount == "X" or amount.isdigit()):
        return None
    code, multiple = unit
    if amount != "X":
        amount = str(int(amount) * multiple)
    if code.startswith("T"):
        return Resolved(f"PT{amount}{code[1:]}")
    return Resolved(f"P{amount}{code}")


def _day_or_dct(ctx: Context, day: Resolved | None) -> Resolved | None:
    if day is None:
        return Resolved(ctx.dct.isoformat(), relative=True)
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    return day


def _time(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """time(hour, minute, ampm, day): a clock time on a day (the DCT's by default)."""
    hour, minute = _int(_s(args, 0)), _int(_s(args, 1) or "0")
    ampm = _s(args, 2)
    if hour is None or minute is None or not 0 <= minute <= 59:
        return None
    if ampm == "pm" and 1 <= hour <= 11:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not 0 <= hour <= 24:
        return None
    day = _day_or_dct(ctx, _r(args, 3))
    if day is None:
        return None
    return Resolved(
        f"{day.value}T{hour:02d}:{minute:02d}",
        relative=day.relative,
        direction_sensitive=day.direction_sensitive,
    )


def _week_of(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """week_of(day): the ISO week holding a day ("the week of March 6")."""
    day = _r(args, 0)
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    week = _iso_week(dt.date.fromisoformat(day.value))
    return Resolved(week, None, day.relative, day.direction_sensitive)


def _day_shift(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """day_shift(n, day): a day moved by n days ("the day before last Tuesday")."""
    n, day = _int(_s(args, 0)), _r(args, 1)
    if n is None or day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    moved = dt.date.fromisoformat(day.value) + dt.timedelta(days=n)
    return Resolved(moved.isoformat(), None, day.relative, day.direction_sensitive)


def _part(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """part(code, day): a part of a day, "2024-01-25TMO"."""
    code = _s(args, 0)
    day = _day_or_dct(ctx, _r(args, 1))
    if not code or day is None:
        return None
    return Resolved(f"{day.value}T{code}", None, day.relative, day.direction_sensitive)


def _ref(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """ref(unit, n): the unit of the last date mentioned ("the quarter"); with
    none, the DCT's unit moved by n (the last completed quarter: -1)."""
    unit, n = _s(args, 0), _int(_s(args, 1) or "0")
    value = _convert(ctx.reference, unit) if ctx.reference else None
    if value is None and unit == "day":
        value = _last_day(ctx)
    if value is not None:
        return Resolved(value, relative=True, anaphoric=True)
    value = shift_dct(ctx.dct, unit, n or 0)
    return None if value is None else Resolved(value, relative=True)


def _last_day(ctx: Context) -> str | None:
    """The day "the same day" is: the last full day named, past a coarser date
    in between ("on Monday over a dispute that began last year; Uganda responded
    the same day"), unless that day lies far back and a month was named since
    ("In November 2013, Cairo expelled the ambassador. Ankara did the same the
    same day": some day of that November). A month that dates a noun ("over
    last November's seizure") is no day of what was done."""
    month = ctx.reference if ctx.reference and _MONTH.fullmatch(ctx.reference) else None
    if (
        month is not None
        and not ctx.reference_possessive
        and ctx.reference_end > ctx.day_reference_end
        and (ctx.day_reference is None or ctx.start - ctx.day_reference_end > _DAY_REACH)
    ):
        return month
    return ctx.day_reference


def _ref_shift(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """ref_shift(unit, n): the last date mentioned, moved by n years ("a year earlier"),
    or as a quarter moved by n quarters.

    TimeML reads "a year ago" after "the third quarter" as that quarter a year
    before (the comparison of financial periods); after any other date, or
    none, the DCT's year is moved instead.
    """
    unit, n = _s(args, 0), _int(_s(args, 1))
    if n is None:
        return None
    if unit == "quarter":
        # "the year-ago quarter": the quarter of the last date mentioned (else
        # the last completed one), n quarters away.
        quarter = _convert(ctx.reference, "quarter") if ctx.reference else None
        if quarter is None:
            quarter = shift_dct(ctx.dct, "quarter", -1)
        if quarter is None:
            return None
        idx = int(quarter[:4]) * 4 + int(quarter[-1]) - 1 + n
        return Resolved(f"{idx // 4:04d}-Q{idx % 4 + 1}", relative=True, anaphoric=True)
    if unit == "year" and ctx.reference and _PERIOD.fullmatch(ctx.reference):
        moved = _shift_year(ctx.reference, n)
        if moved is not None:
            return Resolved(moved, relative=True, anaphoric=True)
    value = shift_dct(ctx.dct, unit, n)
    return None if value is None else Resolved(value, relative=True)


def _ref_next(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """ref_next(unit, n): the last date mentioned, as a unit, moved n units
    ("the following year" after "May 22, 1995" is 1996); else the DCT's."""
    unit, n = _s(args, 0), _int(_s(args, 1))
    if n is None:
        return None
    value = _convert(ctx.reference, unit) if ctx.reference else None
    if value is not None:
        day = _CALENDAR.fullmatch(value)
        if day is not None and unit in ("year", "month"):
            year, month = int(day.group(1)), int(day.group(2) or 1)
            idx = year * 12 + month - 1 + (n * 12 if unit == "year" else n)
            moved = f"{idx // 12:04d}" if unit == "year" else _month_fmt(idx)
            return Resolved(moved, relative=True, anaphoric=True)
        if unit == "day" and day is not None and day.group(3):
            next_day = dt.date.fromisoformat(value) + dt.timedelta(days=n)
            return Resolved(next_day.isoformat(), relative=True, anaphoric=True)
    fallback = shift_dct(ctx.dct, unit, n)
    return None if fallback is None else Resolved(fallback, relative=True)


def _ref_in_year(ctx: Context, args: Sequence[Arg]) -> Resolved | None:
    """ref_in_year(year): "the 1988 quarter": the period last mentioned, in that year."""
    year = _year(_s(args, 0), ctx.dct)
    if year is None:
        return None
    if ctx.reference and _PERIOD.fullmatch(ctx.reference):
        return Resolved(f"{year:04d}{ctx.reference[4:]}", relative=True, anaphoric=True)
    return Resolved(f"{year:04d}")


def _month_fmt(idx: int) -> str:
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


FUNCTIONS: dict[str, Function] = {
    "date": _date,
    "range": _range,
    "holiday": _holiday,
    "year": _year_fn,
    "weekday": _weekday,
    "month": _cyclic_fn(12, _month_fmt, lambda d: d.year * 12 + d.month - 1, nearest=False),
    "quarter": _cyclic_fn(
        4,
        lambda i: f"{i // 4:04d}-Q{i % 4 + 1}",
        lambda d: d.year * 4 + (d.month - 1) // 3,
        nearest=True,
    ),
    "half": _cyclic_fn(
        2,
        lambda i: f"{i // 2:04d}-H{i % 2 + 1}",
        lambda d: d.year * 2 + (d.month - 1) // 6,
        nearest=True,
    ),
    "season": _cyclic_fn(
        4, lambda i: f"{i // 4:04d}-{SEASONS[i % 4]}", _season_index, nearest=False
    ),
    "weekend": _weekend,
    "shift": _shift,
    "day_of_month": _day_of_month,
    "decade": _decade,
    "century": _century,
    "duration": _duration,
    "time": _time,
    "part": _part,
    "week_of": _week_of,
    "day_shift": _day_shift,
    "ref": _ref,
    "ref_shift": _ref_shift,
    "ref_next": _ref_next,
    "ref_in_year": _ref_in_year,
}

ARITY: dict[str, tuple[int, int]] = {
    "date": (3, 4),
    "range": (6, 6),
    "holiday": (2, 2),
    "year": (1, 1),
    "weekday": (2, 2),
    "month": (2, 3),
    "quarter": (2, 3),
    "half": (2, 3),
    "season": (2, 3),
    "weekend": (1, 1),
    "shift": (2, 2),
    "day_of_month": (1, 1),
    "decade": (1, 1),
    "century": (1, 1),
    "duration": (2, 2),
    "time": (3, 4),
    "part": (1, 2),
    "week_of": (1, 1),
    "day_shift": (2, 2),
    "ref": (1, 2),
    "ref_shift": (2, 2),
    "ref_next": (2, 2),
    "ref_in_year": (1, 1),
}
