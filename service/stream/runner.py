"""Run the extraction core off the event loop, within a per-record time budget.

The core is pure CPU work, and regular expressions hold the GIL while they
match: a pathological article run in a thread would freeze the event loop,
and with it the consumer's heartbeats. So production runs the core in a small
pool of extraction processes. Each loads the core once at start and then
serves one record at a time over a pipe; a record that overruns the budget is
dead-lettered as `timeout`, and its process is killed and replaced, so one bad
article costs one budget and never stalls the worker.

`InlineRunner` (a thread and a deadline, no preemption) exists for tests that
inject a fake core and for debugging.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import multiprocessing
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Final, Protocol

from service.metrics import Metrics
from service.stream.coding import ExtractorLike, Outcome, Rejected, code_record

log = logging.getLogger(__name__)

DEFAULT_FACTORY: Final = "service.extract:load_extractor"
# Loading the core takes ~0.1 s; a cold interpreter takes a few tenths more.
START_TIMEOUT_SECONDS: Final = 60.0
STOP_TIMEOUT_SECONDS: Final = 5.0
RESPAWN_BACKOFF_MAX_SECONDS: Final = 30.0


class ExtractorLoadError(RuntimeError):
    """The extraction core could not be loaded, so the worker cannot start."""


class ExtractionRunner(Protocol):
    """Turns a record's bytes into an `Outcome` without blocking the event loop."""

    async def start(self) -> str:
        """Load the core; returns the extractor version."""
        ...

    async def code(self, raw: bytes) -> Outcome:
        """Code one record within the time budget; never raises for bad input."""
        ...

    async def stop(self) -> None:
        """Release the core's resources; in-flight calls may fail."""
        ...


def timeout_rejection(budget_seconds: float) -> Rejected:
    """The dead-letter outcome of a record that overran its budget."""
    return Rejected(
        "timeout",
        f"extraction did not finish within the {budget_seconds:g} s per-record budget",
        "TimeoutError",
    )


def resolve_factory(path: str) -> Callable[[], ExtractorLike]:
    """`module:function` to the function; the function loads an extractor."""
    module_name, _, attribute = path.partition(":")
    if not module_name or not attribute:
        raise ExtractorLoadError(f"extractor factory {path!r} is not 'module:function'")
    factory: Callable[[], ExtractorLike] = getattr(importlib.import_module(module_name), attribute)
    return factory


class InlineRunner:
    """Runs the core in a thread with a deadline; cannot stop a runaway record."""

    def __init__(self, extractor: ExtractorLike, budget_seconds: float) -> None:
        self._extractor = extractor
        self._budget = budget_seconds

    async def start(self) -> str:
        return self._extractor.version

    async def code(self, raw: bytes) -> Outcome:
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(code_record, self._extractor, raw), self._budget
            )
        except TimeoutError:
            return timeout_rejection(self._budget)

    async def stop(self) -> None:
        return None


def _serve(conn: Connection, factory_path: str) -> None:
    """Main function of an extraction process: load the core, then serve records."""
    # Ctrl-C reaches the whole process group; the parent decides when we stop
    # (by closing the pipe), so that records in flight are not lost to it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        extractor = resolve_factory(factory_path)()
        version = extractor.version
    except BaseException as exc:  # report any failure to the parent, which refuses to start
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", version))
    while True:
        try:
            sequence, raw = conn.recv()
        except (EOFError, OSError):
            return
        conn.send((sequence, code_record(extractor, raw)))


@dataclass(eq=False)  # identity semantics: slots live in a set
class _Slot:
    """One extraction process and the parent's end of its pipe."""

    process: BaseProcess
    conn: Connection
    sequence: int = 0

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()


class ProcessRunner:
    """A pool of extraction processes with a hard per-record time budget."""

    def __init__(
        self,
        *,
        workers: int,
        budget_seconds: float,
        metrics: Metrics | None = None,
        factory: str = DEFAULT_FACTORY,
        start_timeout_seconds: float = START_TIMEOUT_SECONDS,
    ) -> None:
        if workers < 1:
            raise ValueError("a process runner needs at least one worker")
        self._workers = workers
        self._budget = budget_seconds
        self._metrics = metrics
        self._factory = factory
        self._start_timeout = start_timeout_seconds
        # forkserver: children fork from a clean helper process that has
        # already imported the heavy modules, not from this multi-threaded
        # process, and start in milliseconds when one must be replaced.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["service.stream.coding", factory.partition(":")[0]])
        self._idle: asyncio.Queue[_Slot] | None = None
        self._slots: set[_Slot] = set()
        self._respawns: set[asyncio.Task[None]] = set()
        self._stopping = False
        self.version: str | None = None

    def _spawn(self) -> tuple[_Slot, str]:
        """Start one process and wait until it has loaded the core (blocking)."""
        parent_conn, child_conn = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(child_conn, self._factory), name="dateline-extract", daemon=True
        )
        process.start()
        child_conn.close()
        slot = _Slot(process, parent_conn)
        try:
            if not parent_conn.poll(self._start_timeout):
                raise ExtractorLoadError(
                    f"extraction process did not load the core within {self._start_timeout:g} s"
                )
            status, detail = parent_conn.recv()
        except (EOFError, OSError) as exc:
            slot.kill()
            raise ExtractorLoadError(
                f"extraction process exited while loading the core (exit code {process.exitcode})"
            ) from exc
        except ExtractorLoadError:
            slot.kill()
            raise
        if status != "ready":
            slot.kill()
            raise ExtractorLoadError(f"cannot load the extraction core: {detail}")
        return slot, str(detail)

    async def start(self) -> str:
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        results = await asyncio.gather(
            *(loop.run_in_executor(None, self._spawn) for _ in range(self._workers)),
            return_exceptions=True,
        )
        failures = [result for result in results if isinstance(result, BaseException)]
        for result in results:
            if not isinstance(result, BaseException):
                slot, version = result
                self._slots.add(slot)
                self._idle.put_nowait(slot)
                self.version = version
        if failures:
            await self.stop()
            raise failures[0]
        assert self.version is not None
        log.info(
            "extraction pool ready: %d process(es), core %s, budget %g s",
            self._workers,
            self.version,
            self._budget,
        )
        return self.version

    async def code(self, raw: bytes) -> Outcome:
        if self._idle is None:
            raise RuntimeError("ProcessRunner.code() called before start()")
        slot = await self._idle.get()
        try:
            outcome = await self._call(slot, raw)
        except TimeoutError:
            self._replace(slot, "timeout")
            return timeout_rejection(self._budget)
        except asyncio.CancelledError:
            # The record is abandoned mid-flight (shutdown or rebalance): its
            # answer would arrive for the next caller, so the process goes.
            self._replace(slot, "cancelled")
            raise
        except BaseException:
            self._replace(slot, "died")
            raise
        if outcome is None:
            self._replace(slot, "died")
            return Rejected(
                "extraction_error",
                "the extraction process died while coding this record",
                "ProcessDied",
            )
        self._idle.put_nowait(slot)
        return outcome

    async def _call(self, slot: _Slot, raw: bytes) -> Outcome | None:
        """Send one record and wait for its outcome; None when the process died."""
        loop = asyncio.get_running_loop()
        slot.sequence += 1
        readable: asyncio.Future[None] = loop.create_future()

        def on_readable() -> None:
            if not readable.done():
                readable.set_result(None)

        fd = slot.conn.fileno()
        loop.add_reader(fd, on_readable)
        try:
            try:
                slot.conn.send((slot.sequence, raw))
            except OSError:  # the process is gone (broken pipe)
                return None
            # TimeoutError is an OSError: let it out before the pipe errors below.
            await asyncio.wait_for(readable, self._budget)
            try:
                sequence, outcome = slot.conn.recv()
            except (EOFError, OSError):
                return None
        finally:
            loop.remove_reader(fd)
        if sequence != slot.sequence:  # cannot happen: a slot serves one caller at a time
            raise RuntimeError(f"extraction answer {sequence} for request {slot.sequence}")
        result: Outcome = outcome
        return result

    def _replace(self, slot: _Slot, cause: str) -> None:
        """Kill a process and start a replacement in the background."""
        slot.kill()
        self._slots.discard(slot)
        if self._metrics is not None:
            self._metrics.extraction_worker_restarts.labels(cause=cause).inc()
        if self._stopping:
            return
        log.warning("replacing extraction process %s (%s)", slot.process.pid, cause)
        task = asyncio.get_running_loop().create_task(self._respawn(slot))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _respawn(self, dead: _Slot) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, dead.process.join, STOP_TIMEOUT_SECONDS)
        delay = 0.5
        while not self._stopping:
            try:
                slot, _ = await loop.run_in_executor(None, self._spawn)
            except Exception as exc:
                log.error("cannot start an extraction process, retrying in %g s: %s", delay, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RESPAWN_BACKOFF_MAX_SECONDS)
                continue
            if self._stopping:
                slot.kill()
                return
            self._slots.add(slot)
            assert self._idle is not None
            self._idle.put_nowait(slot)
            return

    async def stop(self) -> None:
        self._stopping = True
        for task in list(self._respawns):
            task.cancel()
        loop = asyncio.get_running_loop()
        slots = list(self._slots)
        self._slots.clear()
        for slot in slots:
            # Closing the pipe is the stop signal: the process ends its loop.
            with contextlib.suppress(OSError):
                slot.conn.close()
        for slot in slots:
            await loop.run_in_executor(None, slot.process.join, STOP_TIMEOUT_SECONDS)
            slot.kill()

    @property
    def budget_seconds(self) -> float:
        return self._budget
