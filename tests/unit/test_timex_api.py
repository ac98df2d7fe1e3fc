"""The public surface of service.extract.timex that other modules code against."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest
from service.extract import timex

from tests.unit.build import COMPILED

_TIMEX_FIELDS = [
    ("start", "int"),
    ("end", "int"),
    ("text", "str"),
    ("type", "str"),
    ("value", "str"),
    ("end_value", "str | None"),
    ("relative", "bool"),
    ("direction_sensitive", "bool"),
]


def test_timex_fields_in_order() -> None:
    names = [f.name for f in dataclasses.fields(timex.Timex)]
    assert names == [name for name, _ in _TIMEX_FIELDS]


@pytest.mark.skipif(COMPILED, reason="compiled classes keep no precise annotations")
def test_timex_field_types() -> None:
    assert [(f.name, f.type) for f in dataclasses.fields(timex.Timex)] == _TIMEX_FIELDS


def test_timex_is_frozen_and_slotted() -> None:
    found = timex.Timex(0, 4, "2024", "DATE", "2024", None, False, False)
    assert not hasattr(found, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        (timex.TimexTagger.__init__, ["self", "resources"]),
        (timex.TimexTagger.tag, ["self", "text", "dct"]),
        (timex.TimexTagger.renormalize, ["self", "timex", "dct", "future"]),
        (timex.TimexTagger.reanchor, ["self", "timex", "day"]),
        (timex.load_timex_resources, []),
    ],
)
@pytest.mark.skipif(COMPILED, reason="compiled functions keep no signature")
def test_signatures(function: object, parameters: list[str]) -> None:
    assert list(inspect.signature(function).parameters) == parameters  # type: ignore[arg-type]


def test_exports() -> None:
    assert set(timex.__all__) >= {
        "Timex",
        "TimexResources",
        "TimexTagger",
        "load_timex_resources",
        "TimexResourceError",
    }
    assert all(hasattr(timex, name) for name in timex.__all__)


def test_resources_are_immutable() -> None:
    field_names = {f.name for f in dataclasses.fields(timex.TimexResources)}
    assert field_names == {"data", "grammar"}
    assert timex.TimexResources.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.mark.skipif(COMPILED, reason="compiled functions keep no signature")
def test_tag_takes_a_date() -> None:
    hints = inspect.signature(timex.TimexTagger.tag).parameters["dct"].annotation
    assert hints in ("dt.date", dt.date)


def test_reanchor_resolves_a_deictic_word_against_another_day() -> None:
    tagger = timex.TimexTagger(timex.load_timex_resources())
    [today] = tagger.tag("They cut ties today.", dt.date(2021, 8, 25))
    assert today.value == "2021-08-25"
    assert tagger.reanchor(today, dt.date(2021, 8, 24)).value == "2021-08-24"
    [year] = tagger.tag("They cut ties in 1976.", dt.date(2021, 8, 25))
    assert tagger.reanchor(year, dt.date(2021, 8, 24)).value == "1976"
