"""Acknowledge input records only in offset order, per partition.

Faust commits, per partition, the end of the first run of consecutive acked
offsets. Its check for a record still in flight at the head of that run
misses a hole of exactly one record (and any hole before the first commit):
with records 10 and 11 in flight and 11 acked first, it commits offset 12,
and a crash before 10 is done loses 10 for good. The agent runs several
records at once, so 11 finishing before 10 is the normal case.

So the agent does not ack a record when its outputs are acknowledged; it
hands it to `InOrderAcks`, which releases records to be acked only when
every earlier record of the partition was released too. Faust then never
sees a hole, and the committed offset never passes an unfinished record.

The order comes from Faust's own `on_message_in` sensor hook, which the
consumer calls for each record, in offset order, before any agent sees it.
"""

from __future__ import annotations

from typing import Any

from faust import Sensor
from faust.types import TP, EventT, Message


class InOrderAcks(Sensor):
    """Per partition: the records delivered, in order, and those finished."""

    def __init__(self, topic: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._topic = topic
        # tp -> offset -> the finished event, or None while in flight.
        # Dicts keep insertion order, which is offset order per partition.
        self._pending: dict[TP, dict[int, EventT[Any] | None]] = {}

    def on_message_in(self, tp: TP, offset: int, message: Message) -> None:
        if tp.topic == self._topic:
            self._pending.setdefault(tp, {}).setdefault(offset, None)

    def finished(self, event: EventT[Any]) -> list[EventT[Any]]:
        """Mark a record's outputs done; returns the records that may be acked now, in order."""
        message = event.message
        pending = self._pending.get(message.tp)
        if pending is None or message.offset not in pending:
            # Delivered before a revocation forgot its partition: its outputs
            # are published, and acking a partition no longer owned is harmless.
            return [event]
        pending[message.offset] = event
        released: list[EventT[Any]] = []
        for done in pending.values():
            if done is None:
                break
            released.append(done)
        for done in released:
            del pending[done.message.offset]
        return released

    def forget(self, tps: set[TP]) -> list[EventT[Any]]:
        """Partitions revoked: drop their bookkeeping; returns their finished records
        (a redelivery starts from the committed offset, so nothing else is needed)."""
        released: list[EventT[Any]] = []
        for tp in tps:
            pending = self._pending.pop(tp, None)
            if pending:
                released.extend(done for done in pending.values() if done is not None)
        return released

    def in_flight(self, tp: TP) -> int:
        """Records of the partition delivered and not yet released (for tests and logs)."""
        return len(self._pending.get(tp, {}))
