"""Field-by-field comparison of decoded models (models compare by ID, round trips need more)."""

from __future__ import annotations

import typing

import attrs


def same_fields(a: typing.Any, b: typing.Any, path: str = "") -> None:
    """Assert that `a` and `b` hold equal values in every attrs field (the `app` excepted)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            if field.name == "app":
                continue
            same_fields(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            same_fields(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same_fields(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"
