"""Benchmark arithmetic: percentiles and the records it pushes through."""

from __future__ import annotations

import orjson
import pytest
from service.stream.bench import bench_records, percentile


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.5, 50.0), (0.95, 95.0), (0.99, 99.0), (1.0, 100.0)],
)
def test_nearest_rank_percentile(share: float, expected: float) -> None:
    assert percentile([float(v) for v in range(100, 0, -1)], share) == expected


def test_percentile_of_nothing() -> None:
    assert percentile([], 0.99) == 0.0


def test_bench_records_have_unique_ids() -> None:
    records = bench_records([b'{"id": "a", "body": "x"}', b'{"id": "b", "body": "y"}'], 5)
    ids = [orjson.loads(value)["id"] for _, value in records]
    assert (len(set(ids)), [key for key, _ in records] == ids) == (5, True)


def test_bench_records_need_articles() -> None:
    with pytest.raises(ValueError, match="no usable articles"):
        bench_records([b"[]"], 3)
