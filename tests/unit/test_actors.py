"""Actor mentions: invariants of the hot-path helpers."""

from __future__ import annotations

import dataclasses

import pytest
from service.extract import Resources
from service.extract.actors import Mention
from service.extract.resources import ResourceError, build_resources

from tests.unit.build import COMPILED


# The values below are chosen from the field annotations, which only the
# interpreted build keeps; the compiled build runs the same copy() source.
@pytest.mark.skipif(COMPILED, reason="compiled classes keep no precise annotations")
def test_mention_copy_keeps_every_field() -> None:
    # Mention.copy lists the fields by hand (dataclasses.replace is slow on the
    # hot path): a field added to Mention must be added there too.
    # Every field gets a value unlike its default and unlike the others.
    values: dict[str, object] = {}
    for n, f in enumerate(dataclasses.fields(Mention)):
        annotation = str(f.type)
        if annotation == "bool":
            values[f.name] = True
        elif "list" in annotation:
            values[f.name] = []
        elif "int" in annotation:
            values[f.name] = n
        else:
            values[f.name] = f"value-{n}"
    original = Mention(**values)  # type: ignore[arg-type]
    copy = original.copy()
    assert copy is not original
    assert {f.name: getattr(copy, f.name) for f in dataclasses.fields(Mention)} == values


def test_a_rank_belongs_to_a_person_title_and_is_one_of_the_known(
    tiny_resources: Resources,
) -> None:
    for bad in (
        {"text": "Consul", "kind": "person", "rank": "mayor"},
        {"text": "Cabinet", "kind": "body", "rank": "head"},
    ):
        raw = {**tiny_resources.raw, "actors/titles.toml": {"title": [bad]}}
        with pytest.raises(ResourceError, match="bad rank"):
            build_resources(raw, tiny_resources.timex, "fixture")
