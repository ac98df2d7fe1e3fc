"""Timing of the temporal tagger: a script to run by hand, not a test.

    .venv/bin/python tests/bench/bench_timex.py [--seed PATH] [--repeat N]

Prints the time per call of TimexTagger.tag on the seed article (the budget
is about 0.25 ms for a 3,000-character article) and on pathological inputs
of growing size, where the time per kilobyte should stay flat (linear).
Times are CPU time of this process (time.process_time), best of several
runs, so other load on a shared machine stays out of the figures as far as
it can.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from service.extract.timex import TimexTagger, load_timex_resources

# The project sits beside shared/ (see shared/README.md).
DEFAULT_SEED = Path(__file__).resolve().parents[3] / "shared/data/seed/seed.articles.jsonl"
DCT = dt.date(2024, 1, 26)


def best_seconds(call: Callable[[], object], repeat: int) -> float:
    """Best CPU time per call over ``repeat`` rounds of about 0.2 s each."""
    timer = timeit.Timer(call, timer=time.process_time)
    number = max(1, int(0.2 / max(timer.timeit(number=1), 1e-6)))
    return min(timer.repeat(number=number, repeat=repeat)) / number


def pathological(size: int, seed_body: str) -> dict[str, str]:
    """Inputs of about ``size`` characters that stress the scanner."""
    unit_texts = {
        "digits": "1",
        "punctuation": ".,;-",
        "spaces": " ",
        "timex-words": "last week and next month on Monday, May 5, 2024 ",
        "near-misses": "the may 1,000 mid- 12:30 1990.5 a year-",
        "one-long-word": "x",
        "seed-repeated": seed_body + "\n",
    }
    return {name: (unit * (size // len(unit) + 1))[:size] for name, unit in unit_texts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    tagger = TimexTagger(load_timex_resources())
    print(f"load_timex_resources + TimexTagger: {time.perf_counter() - started:.2f} s (once)")

    record = json.loads(args.seed.read_text(encoding="utf-8").splitlines()[0])
    body = record["body"]
    found = tagger.tag(body, DCT)
    per_call = best_seconds(lambda: tagger.tag(body, DCT), args.repeat)
    print(
        f"seed article: {len(body)} chars, {len(found)} timexes: "
        f"{per_call * 1e3:.3f} ms per article, "
        f"{per_call * 1e3 * 3000 / len(body):.3f} ms per 3,000 chars"
    )

    print("\npathological inputs (time per KB should not grow with size):")
    print(f"{'input':>14} {'chars':>9} {'timexes':>8} {'ms/call':>10} {'us/KB':>8}")
    for size in (10_000, 100_000, 1_000_000):
        for name, text in pathological(size, body).items():
            count = len(tagger.tag(text, DCT))
            rounds = max(1, args.repeat // 2)
            seconds = best_seconds(lambda text=text: tagger.tag(text, DCT), rounds)
            print(
                f"{name:>14} {len(text):>9} {count:>8} {seconds * 1e3:>10.2f} "
                f"{seconds * 1e6 / (len(text) / 1000):>8.1f}"
            )


if __name__ == "__main__":
    main()
