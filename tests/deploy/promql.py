"""Just enough PromQL reading to find the series names and labels an expression uses.

Not a parser: it removes what cannot be a series name (strings, label
matchers, range selectors, grouping clauses, Grafana variables), then every
remaining identifier not followed by `(` and not a keyword is a series name.
The tests in `test_promql.py` pin down the cases the deploy files rely on.
"""

from __future__ import annotations

import re
from typing import Final

KEYWORDS: Final = frozenset(
    {
        "and",
        "or",
        "unless",
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
        "bool",
        "offset",
        "inf",
        "nan",
    }
)
GROUPING: Final = ("by", "without", "on", "ignoring", "group_left", "group_right")

_GRAFANA_VARIABLE = re.compile(r"\$\{[^}]*\}|\$\w+|\[\[\w+\]\]")
# Grafana's label_values(metric, label) and label_values(label) helpers.
_LABEL_VALUES = re.compile(
    r"\blabel_values\s*\(\s*(?:([A-Za-z_:][\w:]*)\s*(\{[^}]*\})?\s*,)?[^)]*\)"
)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGE = re.compile(r"\[[^\]]*\]")
_CLAUSE = re.compile(r"\b(" + "|".join(GROUPING) + r")\s*\(([^)]*)\)")
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_:][\w:]*")
_SELECTOR = re.compile(r"(?<![\w.])([A-Za-z_:][\w:]*)\s*\{([^}]*)\}")
_MATCHER_LABEL = re.compile(r"([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)")


def _plain(expr: str) -> str:
    """The expression with Grafana variables gone and strings emptied."""
    expr = _GRAFANA_VARIABLE.sub("1", expr)
    expr = _LABEL_VALUES.sub(lambda m: m.group(1) or "", expr)
    return _STRING.sub('""', expr)


def series_names(expr: str) -> set[str]:
    """Names of the series an expression selects, e.g. `dateline_ready`."""
    text = _plain(expr)
    text = _MATCHERS.sub(" ", text)
    text = _RANGE.sub(" ", text)
    text = _CLAUSE.sub(" ", text)
    names = set()
    for match in _IDENTIFIER.finditer(text):
        rest = text[match.end() :].lstrip()
        if rest.startswith("(") or match.group(0).lower() in KEYWORDS:
            continue
        names.add(match.group(0))
    return names


def matcher_labels(expr: str) -> dict[str, set[str]]:
    """Series name -> label names its `{...}` matchers test."""
    found: dict[str, set[str]] = {}
    for match in _SELECTOR.finditer(_plain(expr)):
        if match.group(1).lower() in KEYWORDS:
            continue
        labels = {m.group(1) for m in _MATCHER_LABEL.finditer(match.group(2))}
        found.setdefault(match.group(1), set()).update(labels)
    return found


def grouping_labels(expr: str) -> set[str]:
    """Label names in `by`, `without`, `on`, `ignoring` and `group_*` clauses."""
    labels = set()
    for match in _CLAUSE.finditer(_plain(expr)):
        labels.update(part.strip() for part in match.group(2).split(",") if part.strip())
    return labels
