"""The extractor scored with the shared scorer on the golden set and the seed.

The floors sit a little under the measured figures (see the README), so a
change that makes extraction worse fails here.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DEV = HERE.parent / "dev"
PROBES = HERE.parent / "probes"
COMMAND = f"{shlex.quote(sys.executable)} -m service extract"

# corpus -> minimum figures; measured (README): golden dyad_f1 0.969, dated_acc 0.942,
# precision 0.989; dev (tests/dev, 120 articles) 0.895, 0.894, 0.941; probes
# (tests/probes, 838 articles) 0.799, 0.872, 0.883; seed 1.0 throughout. The
# probe floor fell to 0.79 when 64 harder blind articles joined in session 20
# (0.792 on the build before them). The seed floors are the acceptance bar.
FLOORS = {
    "golden": {"dyad_f1": 0.95, "dated_acc": 0.92, "precision": 0.98},
    "dev": {"dyad_f1": 0.87, "dated_acc": 0.865, "precision": 0.935},
    "probes": {"dyad_f1": 0.79, "dated_acc": 0.835, "precision": 0.88},
    "seed": {"dyad_f1": 0.90, "dated_acc": 0.90},
}

pytestmark = pytest.mark.golden


def score(shared: Path, gold: Path, articles: Path) -> dict[str, float]:
    run = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score_events.py"),
            "--gold",
            str(gold),
            "--articles",
            str(articles),
            "--cmd",
            COMMAND,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parents[1],
    )
    last = run.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in (item.split("=") for item in last.split())}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_scores_stay_above_floor(shared: Path, corpus: str) -> None:
    if corpus == "golden":
        gold, articles = HERE / "gold.jsonl", HERE / "articles.jsonl"
    elif corpus == "dev":
        gold, articles = DEV / "gold.jsonl", DEV / "articles.jsonl"
    elif corpus == "probes":
        gold, articles = PROBES / "gold.jsonl", PROBES / "articles.jsonl"
    else:
        gold, articles = (
            shared / "data/seed/seed.gold.jsonl",
            shared / "data/seed/seed.articles.jsonl",
        )
    figures = score(shared, gold, articles)
    for name, floor in FLOORS[corpus].items():
        assert figures[name] >= floor, f"{corpus} {name}={figures[name]:.3f} fell below {floor}"
