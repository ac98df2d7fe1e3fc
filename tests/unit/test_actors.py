"""Actor mentions: invariants of the hot-path helpers."""

from __future__ import annotations

import dataclasses

from service.extract.actors import Mention


def test_mention_copy_keeps_every_field() -> None:
    # Mention.copy lists the fields by hand (dataclasses.replace is slow on the
    # hot path): a field added to Mention must be added there too.
    values = {
        f.name: f"value-{n}" if f.type in {"str", "str | None"} else n
        for n, f in enumerate(dataclasses.fields(Mention))
    }
    original = Mention(**values)  # type: ignore[arg-type]
    copy = original.copy()
    assert copy is not original
    assert {f.name: getattr(copy, f.name) for f in dataclasses.fields(Mention)} == values
