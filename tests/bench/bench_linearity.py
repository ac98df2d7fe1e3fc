"""Extraction time against article length on pathological but valid articles: a script, not a test.

    .venv/bin/python -m tests.bench.bench_linearity [--sizes 10000,40000,160000,480000]

Each family repeats one unit of hostile text (regex bait, an endless
sentence, thousands of triggers, names, dates or events) after a normal
dateline, up to each size, and times `Extractor.extract` on it. Times are
CPU time of this process (time.process_time), best of a few runs, so other
load on a shared machine stays out of the figures as far as it can.

For each step between sizes it prints the growth exponent k of
time ~ size^k (1.0 is linear, 2.0 quadratic). A family is superlinear when
the exponent of its last step, where fixed costs no longer hide the trend,
is above `SUPERLINEAR_EXPONENT`. The last line sums it up:
`linearity families=<N> superlinear=<M> worst=<family>:<k>`.
"""

from __future__ import annotations

import argparse
import calendar
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from service.extract import ArticleRejected, Extractor, load_extractor
from service.models import Article

DEFAULT_SIZES = (10_000, 40_000, 160_000, 480_000)
PUBLISHED = "2024-01-26"
DATELINE = "WASHINGTON, Jan. 26 (AP) — "
# Above this exponent on the last step the family is called superlinear: a
# little over 1 so that timing noise on a busy machine is not a finding.
SUPERLINEAR_EXPONENT = 1.25
# A family whose run takes longer than this stops growing: it has made its point.
GIVE_UP_SECONDS = 10.0

COUNTRIES = [
    "Japan",
    "China",
    "Russia",
    "France",
    "Germany",
    "India",
    "Brazil",
    "Canada",
    "Mexico",
    "Egypt",
    "Kenya",
    "Peru",
    "Chile",
    "Spain",
    "Italy",
    "Poland",
]
MONTHS = calendar.month_name[1:]


def repeated(unit: str) -> Callable[[int], str]:
    """A family whose filler is `unit` over and over."""

    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return build


def distinct_events(size: int) -> str:
    """Short sentences that each state a different event (other pair or date), so none merge."""
    parts: list[str] = []
    total = index = 0
    while total < size:
        source = COUNTRIES[index % len(COUNTRIES)]
        target = COUNTRIES[(index // len(COUNTRIES) + 1 + index) % len(COUNTRIES)]
        if target == source:
            target = COUNTRIES[(index + 5) % len(COUNTRIES)]
        day, month, year = index % 28 + 1, MONTHS[index % 12], 1900 + index // 336
        part = f"{source} met {target} on {month} {day}, {year}. "
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)[:size]


def restated_events(size: int) -> str:
    """Each dated event restated without a date: the restatement must find its home."""
    parts: list[str] = []
    total = index = 0
    while total < size:
        day, month, year = index % 28 + 1, MONTHS[index % 12], 1900 + index // 336
        part = f"Japan met China on {month} {day}, {year}. Officials said Japan met China. "
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)[:size]


FAMILIES: dict[str, Callable[[int], str]] = {
    "punctuation": repeated("!?.,;:-()\"'…—"),
    "spaced-punctuation": repeated("! ? . , ; : - "),
    "digits": repeated("0123456789"),
    "spaced-digits": repeated("12 345, 6789. 2024-01-26 "),
    "endless-sentence": repeated("the minister said that officials and delegates would continue "),
    "triggers": repeated("met visited condemned urged talks sanctions expelled called invited "),
    "names": repeated("Japan China Russia Putin Biden President Xi Jinping the United Nations "),
    "dates": repeated("on Monday, May 5, 2024, last week, next month, in 2019 and "),
    "short-events": repeated(
        "Japan met China on Monday. South Korea visited France last week. "
        "Russia condemned Ukraine on May 3. "
    ),
    "distinct-events": distinct_events,
    "restated-events": restated_events,
    "pronouns-quotes": repeated('"Japan," he said, "(China) [Russia]" “met” — '),
    "titled-people": repeated(
        "Foreign Minister Wang Yi of China met Secretary of State Antony Blinken "
        "in Beijing on Monday. "
    ),
}


@dataclass
class Row:
    family: str
    size: int
    seconds: float
    events: int | str


def best_seconds(extractor: Extractor, article: Article, repeat: int) -> tuple[float, int | str]:
    """Best CPU time of `repeat` extractions, and what the last one returned."""
    best = math.inf
    outcome: int | str = 0
    for _ in range(repeat):
        started = time.process_time()
        try:
            outcome = len(extractor.extract(article))
        except ArticleRejected as exc:
            outcome = exc.reason
        best = min(best, time.process_time() - started)
    return best, outcome


def exponent(small: Row, large: Row) -> float:
    """k in time ~ size^k between two rows (a floor on time keeps it finite)."""
    t0, t1 = max(small.seconds, 1e-4), max(large.seconds, 1e-4)
    return math.log(t1 / t0) / math.log(large.size / small.size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated body sizes in characters",
    )
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is kept)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    families = args.family or list(FAMILIES)

    extractor = load_extractor()
    extractor.extract(
        Article(id="warm-up", body=DATELINE + "Japan met China.", published_at=PUBLISHED)
    )
    print(f"{'family':>20} {'chars':>8} {'events':>7} {'seconds':>9} {'us/char':>8} {'k':>6}")
    verdicts: dict[str, float] = {}
    for family in families:
        rows: list[Row] = []
        for size in sizes:
            body = DATELINE + FAMILIES[family](size - len(DATELINE))
            article = Article(id=f"bench-{family}-{size}", body=body, published_at=PUBLISHED)
            # Large runs are repeated less: their noise is relatively smaller.
            repeat = args.repeat if size <= 40_000 else max(1, args.repeat - 1)
            seconds, events = best_seconds(extractor, article, repeat)
            row = Row(family, len(body), seconds, events)
            k = f"{exponent(rows[-1], row):6.2f}" if rows else f"{'':>6}"
            rows.append(row)
            print(
                f"{family:>20} {row.size:>8} {events!s:>7} {seconds:>9.3f} "
                f"{seconds * 1e6 / row.size:>8.2f} {k}",
                flush=True,
            )
            if seconds > GIVE_UP_SECONDS:
                print(f"{family:>20} stopped growing: one run took over {GIVE_UP_SECONDS:g} s")
                break
        verdicts[family] = exponent(rows[-2], rows[-1]) if len(rows) >= 2 else math.nan
    superlinear = sorted(f for f, k in verdicts.items() if k > SUPERLINEAR_EXPONENT)
    worst = max(verdicts, key=lambda f: verdicts[f])
    print(
        f"linearity families={len(verdicts)} superlinear={len(superlinear)}"
        f"{' (' + ','.join(superlinear) + ')' if superlinear else ''} "
        f"worst={worst}:{verdicts[worst]:.2f} sizes={sizes[0]}..{sizes[-1]}"
    )


if __name__ == "__main__":
    main()
