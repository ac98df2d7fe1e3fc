"""The temporal tagger's language data as plain values, parsed from TOML texts.

This module knows the file formats of ``service/resources/timex/`` and checks
what can be checked without compiling anything: required keys, types, unique
names. Compiling patterns and value expressions (and reporting errors in them)
is done by :mod:`service.extract.timex_compile`, which names the same file and
entry.

Files are found by name:

``patterns*.toml``
    ``[name]`` tables with ``alternatives``: one regular-expression alternative
    per line, written in lower case; an alternative holding upper-case letters
    only matches text with exactly that case ("May" the month, not "may").
    Optional ``normalization`` names the table for its matches (default: the
    table of the same name, if any).
``normalizations*.toml``
    ``[name]`` tables of ``surface = "value"`` pairs. A group captured by
    pattern ``name`` is looked up here by its normalized surface.
``rules*.toml``
    ``[[rule]]`` entries: ``name``, ``type``, ``pattern``, ``value``, optional
    ``offset`` and at least one entry in ``examples``.
``tense.toml``
    The cues that decide whether a direction-sensitive expression is read as
    past or future: ``[tense]`` with the lists ``future``, ``past``,
    ``prospective``, ``not_after``, ``ignore``, ``deadline`` and the sizes
    ``window_before``,
    ``window_after``, ``window_fronted`` (see the file's header).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


class TimexResourceError(ValueError):
    """Bad resource data; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class PatternDef:
    name: str
    alternatives: tuple[str, ...]
    normalization: str  # the table its matches are looked up in
    file: str


@dataclass(frozen=True, slots=True)
class ExampleDef:
    text: str
    dct: dt.date
    value: str
    span: str | None
    end_value: str | None
    # Words of the text that no rule may tag: the near-miss beside the hit.
    untagged: str | None = None


@dataclass(frozen=True, slots=True)
class RuleDef:
    name: str
    file: str
    type: str
    pattern: str
    value: str
    offset: str | None
    examples: tuple[ExampleDef, ...]


@dataclass(frozen=True, slots=True)
class TenseDef:
    future: tuple[str, ...]
    past: tuple[str, ...]
    prospective: tuple[str, ...]  # future before the expression, past after it
    ignore: tuple[str, ...]  # words that look like cues but are not ("united")
    deadline: tuple[str, ...]  # future only right before the expression ("by May")
    not_after: tuple[str, ...]  # words that make a following past cue a passive
    window_before: int
    window_after: int
    window_fronted: int  # how far on a cue may lie after a fronted "On Monday,"
    file: str


@dataclass(frozen=True, slots=True)
class ResourceData:
    patterns: Mapping[str, PatternDef]
    normalizations: Mapping[str, Mapping[str, str]]
    rules: tuple[RuleDef, ...]
    tense: TenseDef
    version: str


def normalize_key(surface: str) -> str:
    """The lookup form of a captured surface: lower case, no periods, one space.

    Hyphens count as spaces so "twenty-four" and "twenty four" share an entry.
    """
    return " ".join(surface.lower().replace(".", "").replace("-", " ").split())


def split_lines(block: str) -> tuple[str, ...]:
    """Alternatives of a multi-line string: one per non-blank line, trimmed."""
    return tuple(line.strip() for line in block.splitlines() if line.strip())


def parse_resource_files(files: Mapping[str, str]) -> ResourceData:
    """Parse resource files given as ``{file name: TOML text}``."""
    patterns: dict[str, PatternDef] = {}
    normalizations: dict[str, Mapping[str, str]] = {}
    rules: list[RuleDef] = []
    tense: TenseDef | None = None
    digest = hashlib.sha256()
    for fname in sorted(files):
        text = files[fname]
        digest.update(fname.encode() + b"\0" + text.encode() + b"\0")
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise TimexResourceError(f"{fname}: not valid TOML: {exc}") from exc
        if fname.startswith("patterns"):
            for name, entry in doc.items():
                _unique(fname, name, patterns, "pattern")
                table = _table(fname, name, entry)
                unknown = set(table) - {"alternatives", "normalization"}
                if unknown:
                    raise TimexResourceError(f"{fname}: {name!r}: unknown keys {sorted(unknown)}")
                alts = split_lines(_str(fname, name, table, "alternatives"))
                table_name = table.get("normalization", name)
                if not isinstance(table_name, str):
                    raise TimexResourceError(f"{fname}: {name!r}: normalization must be a name")
                patterns[name] = PatternDef(name, alts, table_name, fname)
        elif fname.startswith("normalizations"):
            for name, entry in doc.items():
                _unique(fname, name, normalizations, "normalization")
                table = _table(fname, name, entry)
                pairs: dict[str, str] = {}
                for surface, value in table.items():
                    if not isinstance(value, str):
                        raise TimexResourceError(
                            f"{fname}: normalization {name!r}: {surface!r} must map to a string"
                        )
                    if normalize_key(surface) != surface:
                        raise TimexResourceError(
                            f"{fname}: normalization {name!r}: key {surface!r} is not in lookup "
                            f"form (write {normalize_key(surface)!r})"
                        )
                    pairs[surface] = value
                normalizations[name] = MappingProxyType(pairs)
        elif fname.startswith("rules"):
            entries = doc.get("rule")
            if not isinstance(entries, list) or not entries:
                raise TimexResourceError(f"{fname}: expected [[rule]] entries")
            for raw in entries:
                rules.append(_rule(fname, raw))
        elif fname == "tense.toml":
            tense = _tense(fname, doc)
        else:
            raise TimexResourceError(f"{fname}: unknown resource file (see timex_data docstring)")
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise TimexResourceError(f"{rule.file}: rule {rule.name!r} defined twice")
        seen.add(rule.name)
    for pattern in patterns.values():
        if pattern.normalization != pattern.name and pattern.normalization not in normalizations:
            raise TimexResourceError(
                f"{pattern.file}: pattern {pattern.name!r}: no normalization table "
                f"{pattern.normalization!r}"
            )
    if tense is None:
        raise TimexResourceError("tense.toml: missing")
    if not rules:
        raise TimexResourceError("rules*.toml: no rules")
    return ResourceData(
        patterns=MappingProxyType(patterns),
        normalizations=MappingProxyType(normalizations),
        rules=tuple(rules),
        tense=tense,
        version=digest.hexdigest()[:16],
    )


def _unique(fname: str, name: str, seen: Mapping[str, object], what: str) -> None:
    if name in seen:
        raise TimexResourceError(f"{fname}: {what} {name!r} defined twice")


def _table(fname: str, name: str, entry: object) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise TimexResourceError(f"{fname}: {name!r} must be a table")
    return entry


def _str(fname: str, name: str, table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TimexResourceError(f"{fname}: {name!r}: {key!r} must be a non-empty string")
    return value


def _rule(fname: str, raw: object) -> RuleDef:
    if not isinstance(raw, dict):
        raise TimexResourceError(f"{fname}: each [[rule]] must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise TimexResourceError(f"{fname}: a rule has no name")
    where = f"rule {name!r}"
    unknown = set(raw) - {"name", "type", "pattern", "value", "offset", "examples"}
    if unknown:
        raise TimexResourceError(f"{fname}: {where}: unknown keys {sorted(unknown)}")
    ttype = _str(fname, where, raw, "type")
    if ttype not in TIMEX_TYPES:
        raise TimexResourceError(f"{fname}: {where}: type must be one of {TIMEX_TYPES}")
    offset = raw.get("offset")
    if offset is not None and not isinstance(offset, str):
        raise TimexResourceError(f"{fname}: {where}: offset must be a group name")
    examples_raw = raw.get("examples")
    if not isinstance(examples_raw, list) or not examples_raw:
        raise TimexResourceError(f"{fname}: {where}: needs at least one example")
    examples = tuple(_example(fname, where, ex) for ex in examples_raw)
    return RuleDef(
        name=name,
        file=fname,
        type=ttype,
        pattern=" ".join(split_lines(_str(fname, where, raw, "pattern"))),
        value=_str(fname, where, raw, "value").strip(),
        offset=offset,
        examples=examples,
    )


def _example(fname: str, where: str, raw: object) -> ExampleDef:
    if not isinstance(raw, dict):
        raise TimexResourceError(f"{fname}: {where}: each example must be a table")
    text, value = raw.get("text"), raw.get("value")
    if not isinstance(text, str) or not isinstance(value, str):
        raise TimexResourceError(f"{fname}: {where}: an example needs 'text' and 'value'")
    dct = raw.get("dct")
    if isinstance(dct, str):
        try:
            dct = dt.date.fromisoformat(dct)
        except ValueError as exc:
            raise TimexResourceError(f"{fname}: {where}: example dct {dct!r}: {exc}") from exc
    if not isinstance(dct, dt.date) or isinstance(dct, dt.datetime):
        raise TimexResourceError(f"{fname}: {where}: example {text!r} needs a dct date")
    optional = {key: raw.get(key) for key in ("span", "end_value", "untagged")}
    for key, given in optional.items():
        if given is not None and not isinstance(given, str):
            raise TimexResourceError(f"{fname}: {where}: example {key} must be a string")
    untagged = optional["untagged"]
    if untagged is not None and untagged not in text:
        raise TimexResourceError(f"{fname}: {where}: untagged {untagged!r} is not in {text!r}")
    return ExampleDef(
        text=text,
        dct=dct,
        value=value,
        span=optional["span"],
        end_value=optional["end_value"],
        untagged=untagged,
    )


def _tense(fname: str, doc: Mapping[str, Any]) -> TenseDef:
    table = _table(fname, "tense", doc.get("tense"))
    windows = []
    for key in ("window_before", "window_after", "window_fronted"):
        value = table.get(key)
        if not isinstance(value, int) or not 0 <= value <= 400:
            raise TimexResourceError(f"{fname}: tense: {key} must be an integer in 0..400")
        windows.append(value)
    return TenseDef(
        future=split_lines(_str(fname, "tense", table, "future")),
        past=split_lines(_str(fname, "tense", table, "past")),
        prospective=split_lines(_str(fname, "tense", table, "prospective")),
        ignore=split_lines(_str(fname, "tense", table, "ignore")),
        deadline=split_lines(_str(fname, "tense", table, "deadline")),
        not_after=split_lines(_str(fname, "tense", table, "not_after")),
        window_before=windows[0],
        window_after=windows[1],
        window_fronted=windows[2],
        file=fname,
    )
