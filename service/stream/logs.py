"""Logging configuration from the settings: text or JSON lines, always on stderr.

Stdout stays free for what commands print on purpose (events from `run` and
`tail`, the benchmark's figures).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Final

import orjson

from service.settings import Settings

TEXT_FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s [%(process)d] %(message)s"
# Chatty below WARNING; shown at DEBUG only in quiet mode (the `run` command).
LIBRARY_LOGGERS: Final = ("faust", "mode", "aiokafka", "aiohttp", "kafka")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, pid, message, and exc when set."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return orjson.dumps(entry).decode()


def logging_config(settings: Settings, *, quiet_libraries: bool = False) -> dict[str, Any]:
    """A `logging.config.dictConfig` dictionary for the worker."""
    formatter: dict[str, Any] = (
        {"()": JsonFormatter} if settings.log_format == "json" else {"format": TEXT_FORMAT}
    )
    library_level = "WARNING" if quiet_libraries and settings.log_level != "DEBUG" else None
    loggers = {name: {"level": library_level} for name in LIBRARY_LOGGERS} if library_level else {}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": loggers,
        "root": {"level": settings.log_level, "handlers": ["stderr"]},
    }


def configure_logging(settings: Settings, *, quiet_libraries: bool = False) -> None:
    """Apply `logging_config` (for commands that run without a Faust worker)."""
    import logging.config

    logging.config.dictConfig(logging_config(settings, quiet_libraries=quiet_libraries))
