"""A real worker whose coding agent dies on one record, for the agent-death test.

`python -m tests.integration.crashing_worker KEY` runs `dateline worker` (settings
from DATELINE_* variables) with its record handling wrapped so that the record
keyed KEY raises an error no per-record handling catches: a stand-in for a bug.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from mode import Service
from service.settings import Settings
from service.stream.app import StreamWorker
from service.stream.processor import InputRecord, Publish, RecordResult
from service.stream.worker import run_worker


def main(argv: Sequence[str]) -> int:
    poison = argv[0].encode()

    def sabotage(stream_worker: StreamWorker) -> list[Service]:
        handle = stream_worker.processor.handle

        async def handle_or_die(record: InputRecord, publish: Publish) -> RecordResult:
            if record.key == poison:
                raise RuntimeError("injected failure")
            return await handle(record, publish)

        setattr(stream_worker.processor, "handle", handle_or_die)  # noqa: B010 - a method
        return []

    return run_worker(Settings(), extra_services=sabotage)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
