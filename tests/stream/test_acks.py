"""Records are released for acking in offset order per partition, whatever order they finish in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from faust.types import TP
from service.stream.acks import InOrderAcks

ARTICLES = TP("articles", 0)
OTHER_PARTITION = TP("articles", 1)


@dataclass
class FakeMessage:
    tp: TP
    offset: int


@dataclass
class FakeEvent:
    message: FakeMessage


def delivered(acks: InOrderAcks, tp: TP, *offsets: int) -> dict[int, Any]:
    events = {}
    for offset in offsets:
        message = FakeMessage(tp, offset)
        acks.on_message_in(tp, offset, message)  # type: ignore[arg-type]
        events[offset] = FakeEvent(message)
    return events


def offsets(released: list[Any]) -> list[int]:
    return [event.message.offset for event in released]


@pytest.fixture
def acks() -> InOrderAcks:
    return InOrderAcks("articles")


def test_a_record_finishing_early_waits_for_the_one_before_it(acks: InOrderAcks) -> None:
    events = delivered(acks, ARTICLES, 10, 11, 12)
    assert offsets(acks.finished(events[11])) == []
    assert offsets(acks.finished(events[12])) == []
    assert offsets(acks.finished(events[10])) == [10, 11, 12]
    assert acks.in_flight(ARTICLES) == 0


def test_an_unfinished_record_holds_back_its_partition_only(acks: InOrderAcks) -> None:
    first = delivered(acks, ARTICLES, 5, 6)
    second = delivered(acks, OTHER_PARTITION, 5, 6)
    assert offsets(acks.finished(first[6])) == []  # 5 never finishes (the agent died on it)
    assert offsets(acks.finished(second[5])) == [5]
    assert offsets(acks.finished(second[6])) == [6]
    assert acks.in_flight(ARTICLES) == 2


def test_offset_gaps_in_the_topic_do_not_block(acks: InOrderAcks) -> None:
    events = delivered(acks, ARTICLES, 3, 7, 8)  # 4-6 compacted away or transaction markers
    assert offsets(acks.finished(events[7])) == []
    assert offsets(acks.finished(events[3])) == [3, 7]
    assert offsets(acks.finished(events[8])) == [8]


def test_revoking_forgets_the_partition_and_hands_back_finished_records(
    acks: InOrderAcks,
) -> None:
    events = delivered(acks, ARTICLES, 1, 2)
    acks.finished(events[2])
    assert offsets(acks.forget({ARTICLES})) == [2]
    assert acks.in_flight(ARTICLES) == 0
    # The record in flight at the revocation finishes later: ack it, harmlessly.
    assert offsets(acks.finished(events[1])) == [1]


def test_other_topics_are_not_tracked(acks: InOrderAcks) -> None:
    changelog = TP("other", 0)
    events = delivered(acks, changelog, 1, 2)
    assert offsets(acks.finished(events[2])) == [2]
    assert acks.in_flight(changelog) == 0
