"""Two workers in one consumer group split the partitions and code every article."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from service.settings import Settings
from service.stream.broker import EmbeddedBroker, free_port
from service.stream.client import publish_lines

from tests.integration.helpers import (
    ROOT,
    WorkerProcess,
    processed_ids,
    read_topics,
    run_async,
    stream_settings,
)

pytestmark = pytest.mark.integration

ARTICLES = 40


@pytest.fixture(scope="module")
def pair(broker: EmbeddedBroker, logs: Path) -> Iterator[tuple[WorkerProcess, WorkerProcess]]:
    settings = stream_settings(broker.address, topic_partitions=4)
    # Same group and topics; each worker needs its own web port on one host.
    first = WorkerProcess(settings, logs, "pair-a").start()
    second = WorkerProcess(
        settings.model_copy(update={"web_port": free_port()}), logs, "pair-b"
    ).start()
    yield first, second
    first.kill()
    second.kill()


def assigned(worker: WorkerProcess) -> set[int]:
    answer = worker.readiness()
    if answer is None or answer[0] != 200:
        return set()
    return set(answer[1]["partitions"])


def test_partitions_are_split_between_the_workers(
    pair: tuple[WorkerProcess, WorkerProcess],
) -> None:
    first, second = pair

    def split() -> bool:
        a, b = assigned(first), assigned(second)
        return bool(a) and bool(b) and not a & b and a | b == {0, 1, 2, 3}

    first.wait_until(split, 90, "both workers to own part of the partitions")
    a, b = assigned(first), assigned(second)
    assert (a | b, a & b) == ({0, 1, 2, 3}, set())


def test_every_article_coded_at_least_once(pair: tuple[WorkerProcess, WorkerProcess]) -> None:
    first, second = pair
    settings: Settings = first.settings
    template = json.loads(
        (ROOT.parent / "shared" / "data" / "seed" / "seed.articles.jsonl")
        .read_text()
        .splitlines()[0]
    )
    lines = []
    for index in range(ARTICLES):
        article = dict(template, id=f"pair-{index:03d}")
        lines.append(json.dumps(article).encode())
    summary = run_async(publish_lines(settings, lines))
    assert summary.failed == 0
    ids = {f"pair-{index:03d}" for index in range(ARTICLES)}
    records = run_async(
        read_topics(
            settings,
            [settings.topic_coded, settings.topic_dlq],
            lambda got: ids <= processed_ids(settings, got),
            timeout=120,
        )
    )
    coded = Counter(r.json()["article_id"] for r in records if r.topic == settings.topic_coded)
    shares = (
        first.metric("dateline_articles_coded_total"),
        second.metric("dateline_articles_coded_total"),
    )
    assert (min(coded[i] for i in ids) >= 1, shares[0] > 0, shares[1] > 0) == (True, True, True)
