"""Every example in service/resources/timex/rules*.toml, run as a test.

HeidelTime's rule files carry example lines that nothing runs; ours are
checked here: each example's text, tagged against its DCT, must yield a
timex from that very rule with the expected value (and span and range end,
where the example gives them), and no timex at all over its `untagged`
words. Test ids name the rule.
"""

from __future__ import annotations

from importlib import resources

import pytest
from service.extract.timex import TimexResources, TimexTagger, load_timex_resources
from service.extract.timex_data import ExampleDef, RuleDef, parse_resource_files


def _rule_examples() -> list[tuple[RuleDef, ExampleDef]]:
    # Parsing (not compiling) the packaged files is cheap enough for collection.
    folder = resources.files("service.resources.timex")
    files = {
        f.name: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".toml")
    }
    data = parse_resource_files(files)
    return [(rule, example) for rule in data.rules for example in rule.examples]


EXAMPLES = _rule_examples()


@pytest.fixture(scope="module")
def timex_resources() -> TimexResources:
    return load_timex_resources()


@pytest.fixture(scope="module")
def tagger(timex_resources: TimexResources) -> TimexTagger:
    return TimexTagger(timex_resources)


@pytest.mark.parametrize(
    ("rule", "example"),
    EXAMPLES,
    ids=[f"{rule.name}-{rule.examples.index(example) + 1}" for rule, example in EXAMPLES],
)
def test_rule_example(tagger: TimexTagger, rule: RuleDef, example: ExampleDef) -> None:
    found = [m for m in tagger.explain(example.text, example.dct) if m.rule == rule.name]
    assert found, f"rule {rule.name!r} found nothing in {example.text!r}"
    got = [(m.timex.value, m.timex.text, m.timex.end_value) for m in found]
    assert any(
        t.value == example.value
        and (example.span is None or t.text == example.span)
        and (example.end_value is None or t.end_value == example.end_value)
        for t in (m.timex for m in found)
    ), f"{example.text!r} (dct {example.dct}): expected {example.value!r}, got {got}"
    if example.untagged is not None:
        start = example.text.index(example.untagged)
        end = start + len(example.untagged)
        tagged = tagger.tag(example.text, example.dct)
        assert not [t for t in tagged if t.start < end and start < t.end], (
            f"{example.untagged!r} in {example.text!r} must stay untagged; "
            f"tagged {[t.text for t in tagged]}"
        )


def test_every_rule_has_an_example() -> None:
    assert len({rule.name for rule, _ in EXAMPLES}) == len(
        parse_resource_files(
            {
                f.name: f.read_text(encoding="utf-8")
                for f in resources.files("service.resources.timex").iterdir()
                if f.name.endswith(".toml")
            }
        ).rules
    )


def test_every_resource_file_starts_with_a_header_comment() -> None:
    for f in resources.files("service.resources.timex").iterdir():
        if f.name.endswith(".toml"):
            assert f.read_text(encoding="utf-8").startswith("# "), f.name


def test_packaged_resources_load_with_a_version(timex_resources: TimexResources) -> None:
    assert len(timex_resources.version) == 16
