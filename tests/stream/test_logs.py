"""Logging configuration: JSON lines or text, on stderr, libraries quiet for `run`."""

from __future__ import annotations

import logging

import orjson
from service.settings import Settings
from service.stream.logs import JsonFormatter, logging_config


def test_json_formatter_writes_one_object_per_line() -> None:
    record = logging.LogRecord(
        "service.x", logging.WARNING, __file__, 1, "broker %s", ("down",), None
    )
    entry = orjson.loads(JsonFormatter().format(record))
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "service.x",
        "broker down",
    )


def test_json_format_selected_by_settings() -> None:
    config = logging_config(Settings(log_format="json"))
    assert config["formatters"]["default"] == {"()": JsonFormatter}


def test_logs_go_to_stderr() -> None:
    assert logging_config(Settings())["handlers"]["stderr"]["stream"] == "ext://sys.stderr"


def test_quiet_mode_silences_libraries_below_warning() -> None:
    config = logging_config(Settings(), quiet_libraries=True)
    assert config["loggers"]["faust"] == {"level": "WARNING"}


def test_debug_keeps_libraries_talking() -> None:
    assert logging_config(Settings(log_level="DEBUG"), quiet_libraries=True)["loggers"] == {}
