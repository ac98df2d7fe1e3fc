"""The JSON-lines protocol of shared/eval/score_timex.py."""

from __future__ import annotations

import json

import pytest
from service.extract.timex import TimexTagger, build_timex_resources
from service.extract.timex_protocol import run_protocol

FILES = {
    "patterns.toml": "# fixture\n[weekday]\nalternatives = '''\nmoonday\n'''\n",
    "normalizations.toml": '# fixture\n[weekday]\nmoonday = "1"\n',
    "rules_fixture.toml": (
        "# fixture\n[[rule]]\n"
        'name = "weekday"\ntype = "DATE"\npattern = "{weekday}"\n'
        'value = "weekday({weekday}, )"\n'
        'examples = [{ text = "moonday", dct = 2024-01-26, value = "2024-01-22" }]\n'
    ),
    "tense.toml": (
        "# fixture\n[tense]\nwindow_before = 40\nwindow_after = 20\nwindow_fronted = 50\n"
        "future = 'will'\npast = 'said'\nignore = 'united'\ndeadline = 'by'\n"
        "prospective = 'agreed to'\nnot_after = 'be'\n"
    ),
}


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger(build_timex_resources(FILES))


def answers(tagger: TimexTagger, *lines: str) -> list[dict[str, object]]:
    return [json.loads(out) for out in run_protocol(lines, tagger)]


def test_one_output_line_per_document(tagger: TimexTagger) -> None:
    line = json.dumps(
        {"doc_id": "d1", "dct": "2024-01-26", "dct_value": "2024-01-26", "text": "On moonday."}
    )
    assert answers(tagger, line) == [
        {
            "doc_id": "d1",
            "timexes": [{"start": 3, "end": 10, "type": "DATE", "value": "2024-01-22"}],
        }
    ]


def test_dct_falls_back_to_the_raw_dct_value(tagger: TimexTagger) -> None:
    line = json.dumps({"doc_id": "d2", "dct_value": "2024-01-26T10:00", "text": "moonday"})
    assert answers(tagger, line)[0]["timexes"] == [
        {"start": 0, "end": 7, "type": "DATE", "value": "2024-01-22"}
    ]


def test_blank_lines_are_skipped(tagger: TimexTagger) -> None:
    line = json.dumps({"doc_id": "d3", "dct": "2024-01-26", "text": ""})
    assert answers(tagger, "", line, "  \n") == [{"doc_id": "d3", "timexes": []}]


@pytest.mark.parametrize(
    ("line", "doc_id", "message"),
    [
        ("{not json", None, "line 1: Expecting property name"),
        ("[1, 2]", None, "line 1: expected a JSON object"),
        ('{"doc_id": "x", "dct": "2024-01-26"}', "x", "'text' must be a string"),
        ('{"doc_id": "y", "dct": "2024-13-45", "text": "t"}', "y", "no valid 'dct'"),
    ],
    ids=["not-json", "not-object", "no-text", "bad-dct"],
)
def test_bad_line_gives_an_error_line(
    tagger: TimexTagger, line: str, doc_id: str | None, message: str
) -> None:
    (answer,) = answers(tagger, line)
    assert answer["doc_id"] == doc_id
    assert message in str(answer["error"])


def test_bad_line_does_not_stop_the_run(tagger: TimexTagger) -> None:
    good = json.dumps({"doc_id": "ok", "dct": "2024-01-26", "text": "moonday"})
    assert [a.get("doc_id") for a in answers(tagger, "{", good)] == [None, "ok"]
