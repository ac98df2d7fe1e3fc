"""The trigger pattern language (resources/events/triggers.toml), on made-up entries."""

from __future__ import annotations

from typing import Any

import pytest
from service.extract.tokens import tokenize
from service.extract.triggers import build_trigger_table, find_triggers

_TYPES = {"negotiation": {}}


def _table(patterns: list[str], source: list[str] | None = None) -> Any:
    entry = {
        "type": "negotiation",
        "pos": "any",
        "patterns": patterns,
        "source": source or ["subject"],
        "target": [],
    }
    return build_trigger_table({"trigger": [entry]}, {}, _TYPES)


def _found(patterns: list[str], text: str) -> list[str]:
    tokens = tokenize(text)
    matches = find_triggers(_table(patterns), tokens, 0, len(tokens.lower) - 1, frozenset())
    return [" ".join(tokens.lower[m.first : m.last + 1]) for m in matches]


def test_a_closing_negative_part_forbids_the_word_after_the_match() -> None:
    assert _found(["round !of"], "a third round in Ankara") == ["round"]
    assert _found(["round !of"], "a third round of voting") == []
    assert _found(["round !of|for"], "a round for peace, the last round") == ["round"]


def test_a_gap_stops_where_and_opens_another_verb() -> None:
    assert _found(["arrived on .. in"], "arrived on Wednesday and greeted Putin in Astana") == []
    # an irregular past form (verbs.toml) opens a verb phrase as well
    entry = {
        "type": "negotiation",
        "pos": "any",
        "patterns": ["arrived on .. in"],
        "source": ["subject"],
        "target": [],
    }
    table = build_trigger_table({"trigger": [entry]}, {"irregular": {"meet": ["met"]}}, _TYPES)
    tokens = tokenize("arrived on Wednesday and met Putin in Astana")
    assert find_triggers(table, tokens, 0, len(tokens.lower) - 1, frozenset()) == []
    assert _found(["arrived on .. in"], "arrived on Wednesday and Thursday in Astana") == [
        "arrived on wednesday and thursday in"
    ]
    # ... unless that verb is the word the gap runs to
    assert _found(["round ... mediated by"], "the round, hosted and mediated by Qatar") == [
        "round , hosted and mediated by"
    ]


@pytest.mark.parametrize(
    ("patterns", "source", "message"),
    [
        (["!of round"], None, "can only close a pattern"),
        ([".. round"], None, "a gap cannot open"),
        (["round"], ["nowhere"], "unknown slot"),
    ],
)
def test_malformed_entries_are_refused_naming_the_entry(
    patterns: list[str], source: list[str] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message) as error:
        _table(patterns, source)
    assert "trigger #1 (negotiation)" in str(error.value)


def test_base_forms_are_the_lemmas_no_past_form_shares() -> None:
    entry = {
        "type": "negotiation",
        "pos": "verb",
        "patterns": ["~meet", "~cut .. ties", "hold"],
        "source": ["subject"],
        "target": [],
    }
    verbs = {"irregular": {"meet": ["met"], "cut": ["cut"]}}
    table = build_trigger_table({"trigger": [entry]}, verbs, _TYPES)
    assert table.base_forms == {"meet"}
