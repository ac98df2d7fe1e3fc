"""Template parsing and the trie-merged scanning regex."""

from __future__ import annotations

import re

import pytest
from service.extract.timex_compile import (
    Unit,
    _Renderer,
    expand_leads,
    is_cased,
    lower_regex,
    split_alternatives,
    split_units,
)
from service.extract.timex_data import PatternDef

PATTERNS = {
    "month": PatternDef("month", ("june", "jun\\.?", "May"), "month", "patterns.toml"),
    "det": PatternDef("det", ("the", "a"), "det", "patterns.toml"),
}


def test_split_alternatives_keeps_nested_bars() -> None:
    assert split_alternatives("a(?:b|c)|[|]|d\\|e") == ["a(?:b|c)", "[|]", "d\\|e"]


def test_split_units_reads_refs_groups_classes_and_quantifiers() -> None:
    assert split_units("{month:m} (?:of )?[0-3]\\d{1,2}") == [
        Unit("ref", "month", alias="m"),
        Unit("tok", " "),
        Unit("group", "of ", quant="?", opener="(?:"),
        Unit("tok", "[0-3]"),
        Unit("tok", "\\d", quant="{1,2}"),
    ]


def test_split_units_rejects_plain_capturing_parentheses() -> None:
    with pytest.raises(ValueError, match="plain '\\('"):
        split_units("(a|b)")


def test_lower_regex_leaves_escapes_and_group_syntax() -> None:
    assert lower_regex("May\\S(?P<X>A)") == "may\\S(?P<x>a)"


@pytest.mark.parametrize(
    ("source", "cased"), [("May", True), ("may\\S", False), ("(?P<y>x)", False)]
)
def test_is_cased(source: str, cased: bool) -> None:
    assert is_cased(source) is cased


def test_renderer_sorts_alternatives_longest_first_and_spaces_match_runs() -> None:
    renderer = _Renderer(PATTERNS)
    regex = re.compile(renderer.units(split_units("{month} 5"), capture={"month"}))
    m = regex.fullmatch("jun.  \n5")
    assert m is not None
    assert m.group("month") == "jun."


def test_expand_leads_distributes_references_and_optional_groups() -> None:
    leads = expand_leads(split_units("(?:{det} )?{month}"), _Renderer(PATTERNS))
    joined = {"".join(lead) for lead, _ in leads}
    months = {"june", "jun", "jun\\.", "may"}  # the optional period branches too
    assert joined == months | {f"a {m}" for m in months} | {f"the {m}" for m in months}


def test_expand_leads_needs_a_literal_start() -> None:
    with pytest.raises(ValueError, match="cannot start with"):
        expand_leads(split_units("(?=x)june"), _Renderer(PATTERNS))
