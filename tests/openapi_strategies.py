"""Hypothesis strategies for Discord payloads, built from the OpenAPI spec's component schemas.

```python
from tests.openapi_strategies import payloads_for

@given(payloads_for("MessageResponse"))
def test_decodes(payload: dict[str, Any]) -> None: ...
```

* `payloads_for(name)`: JSON objects valid for the component schema `name` (e.g.
  `"UserResponse"`), exploring what the spec allows and Discord may send next:
  optional fields absent, nullable fields null, unknown extra keys at every object level,
  enum values (named `oneOf` consts) outside the known set, snowflakes as plausible numeric
  strings, timestamps as Discord's ISO 8601 strings.
* `values_for(schema)`: the same for any (sub)schema dict, `$ref`s resolved.
* `schema_names()` / `schema(name)`: the spec's component schemas.

The schemas are `tests/data/openapi_schemas.json` (the `components.schemas` of
discord/discord-api-spec's openapi.json, MIT; see the `.LICENSE` file beside it). What is
understood: `$ref`, `oneOf`/`anyOf` (a union; of `const`s: an enum), `allOf` (merged), `enum`,
`const`, `type` lists with `"null"`, `properties`/`required`, `additionalProperties`,
`items`/`minItems`/`maxItems`/`uniqueItems`, `minimum`/`maximum`, `minLength`/`maxLength`,
and the formats `date-time`, `snowflake` (the spec's `SnowflakeType`), `uri`, `int32`/`int64`.

Where the spec is looser than what Discord sends, `FIELD_HINTS` narrows a field by name
(permission bit sets are decimal strings, colours are 24-bit): a value outside that is not a
payload Discord can send, so it says nothing about a decoder. `SPEC_CORRECTIONS` replaces the
schema of one field of one schema where the spec contradicts Discord's docs and itself (each
with its reason).

Nesting is bounded: below `max_depth` levels of objects, optional fields are left out and
nullable ones are null, so recursive schemas (a message's referenced message) stay finite.
Strings and lists are kept short: decoders care about shape, not size.
"""

from __future__ import annotations

import datetime
import functools
import json
import pathlib
import typing

import orjson
from hypothesis import strategies as st

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "FIELD_HINTS",
    "SPEC_CORRECTIONS",
    "UNKNOWN_KEYS",
    "payloads_for",
    "schema",
    "schema_names",
    "snowflakes",
    "timestamps",
    "values_for",
]

Schema = dict[str, typing.Any]
_DATA: typing.Final = pathlib.Path(__file__).parent / "data" / "openapi_schemas.json"
_REF_PREFIX: typing.Final = "#/components/schemas/"
_MAX_TEXT: typing.Final = 16
_MAX_ITEMS: typing.Final = 3
_INT_RANGES: typing.Final = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}

snowflakes: st.SearchStrategy[str] = st.one_of(
    st.integers(min_value=80_000_000_000_000_000, max_value=2**63 - 1),  # realistic ids
    st.integers(min_value=0, max_value=2**64 - 1),  # anything the pattern allows
).map(str)
"""Plausible snowflakes, as Discord sends them: decimal strings."""

timestamps: st.SearchStrategy[str] = st.builds(
    lambda moment, style: moment.isoformat(timespec=style),
    st.datetimes(
        min_value=datetime.datetime(2015, 1, 1),
        max_value=datetime.datetime(2100, 1, 1),
        timezones=st.just(datetime.UTC),
    ),
    st.sampled_from(["microseconds", "milliseconds", "seconds"]),
)
"""ISO 8601 timestamps with an offset, at the precisions Discord uses."""

_json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53), st.text(max_size=8)
)
_json_values = st.recursive(
    _json_leaves,
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner, max_size=2)
    ),
    max_leaves=4,
)
UNKNOWN_KEYS: st.SearchStrategy[dict[str, typing.Any]] = st.dictionaries(
    st.sampled_from(["_trace", "future_field", "x_new_object", "x_new_list"]),
    _json_values,
    max_size=2,
)
"""Keys Discord may add tomorrow, with any JSON value: decoders must ignore them."""
_URIS = st.sampled_from(
    [
        "https://cdn.discordapp.com/attachments/1/2/a.png",
        "https://example.com/",
        "attachment://f.txt",
    ]
)


_bit_sets = st.integers(0, 2**53).map(str)
_colours = st.integers(0, 0xFFFFFF)
FIELD_HINTS: typing.Final[dict[str, st.SearchStrategy[typing.Any]]] = {
    "permissions": _bit_sets,
    "allow": _bit_sets,
    "deny": _bit_sets,
    "default_member_permissions": _bit_sets,
    "launch_id": snowflakes,
    "color": _colours,
    "accent_color": _colours,
    "primary_color": _colours,
    "secondary_color": _colours,
    "tertiary_color": _colours,
    "accent_colour": _colours,
}
"""Field name → the values Discord actually sends where the spec only says string/integer."""

SPEC_CORRECTIONS: typing.Final[Mapping[tuple[str, str], tuple[Schema, str]]] = {
    ("ExternalConnectionIntegrationResponse", "id"): (
        {"$ref": _REF_PREFIX + "SnowflakeType"},
        "the spec types this one integration ID as any string, but Discord's docs give every "
        "integration a snowflake ID, the spec's own partial form of the same integration "
        "(PartialExternalConnectionIntegrationResponse) has a snowflake, and DELETE "
        "/guilds/{guild_id}/integrations/{integration_id} takes one",
    ),
}
"""(schema, field) → the field's schema as Discord sends it, and why the spec's is wrong. Only
for a field whose spec type contradicts Discord's docs and the spec itself."""


@functools.cache
def _schemas() -> Mapping[str, Schema]:
    loaded: dict[str, Schema] = json.loads(_DATA.read_text("utf-8"))["components"]["schemas"]
    for (name, field), (corrected, _why) in SPEC_CORRECTIONS.items():
        loaded[name]["properties"][field] = corrected
    return loaded


def schema_names() -> list[str]:
    """Every component schema name in the spec."""
    return sorted(_schemas())


def schema(name: str) -> Schema:
    """One component schema (`KeyError` for an unknown name)."""
    return _schemas()[name]


def payloads_for(name: str, *, max_depth: int = 3) -> st.SearchStrategy[dict[str, typing.Any]]:
    """JSON objects valid for component schema `name` (see the module docstring)."""
    if name not in _schemas():
        msg = f"the spec has no component schema {name!r}"
        raise KeyError(msg)
    return typing.cast("st.SearchStrategy[dict[str, typing.Any]]", _builder(max_depth).ref(name, 0))


def values_for(sub_schema: Schema, *, max_depth: int = 3) -> st.SearchStrategy[typing.Any]:
    """Values valid for any schema dict (`$ref`s resolved against the spec)."""
    return _builder(max_depth).value(sub_schema, 0)


@functools.cache
def _builder(max_depth: int) -> _Builder:
    return _Builder(max_depth)


def _ref_name(ref: str) -> str:
    if not ref.startswith(_REF_PREFIX):
        msg = f"only local component $refs are supported, not {ref!r}"
        raise ValueError(msg)
    return ref.removeprefix(_REF_PREFIX)


def _json_key(value: typing.Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _is_null(option: Schema) -> bool:
    return option.get("type") == "null"


class _Builder:
    """Turns schemas into strategies; one per `max_depth`, with strategies cached per ref."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self._refs: dict[tuple[str, int], st.SearchStrategy[typing.Any]] = {}

    def ref(self, name: str, depth: int) -> st.SearchStrategy[typing.Any]:
        key = (name, min(depth, self.max_depth + 1))
        cached = self._refs.get(key)
        if cached is None:
            # Deferred: recursive schemas are only expanded as far as a draw goes.
            cached = st.deferred(lambda: self.value(schema(name), key[1]))
            self._refs[key] = cached
        return cached

    def value(self, s: Schema, depth: int) -> st.SearchStrategy[typing.Any]:
        if "$ref" in s:
            return self.ref(_ref_name(s["$ref"]), depth)
        if "const" in s:
            return st.just(s["const"])
        if "enum" in s:
            return st.sampled_from(s["enum"])
        if "allOf" in s:
            return self._all_of(s, depth)
        options = s.get("oneOf") or s.get("anyOf")
        if options:
            return self._one_of(s, options, depth)
        kind = s.get("type")
        if isinstance(kind, list):
            nullable = "null" in kind
            kinds = [k for k in kind if k != "null"]
            inner = st.one_of([self._typed(s, k, depth) for k in kinds]) if kinds else st.none()
            return self._maybe_null(inner, nullable, depth)
        if kind is None:
            return _json_values
        return self._typed(s, kind, depth)

    def _maybe_null(
        self, inner: st.SearchStrategy[typing.Any], nullable: bool, depth: int
    ) -> st.SearchStrategy[typing.Any]:
        if not nullable:
            return inner
        if depth > self.max_depth:
            return st.none()
        return st.none() | inner

    def _one_of(
        self, s: Schema, options: list[Schema], depth: int
    ) -> st.SearchStrategy[typing.Any]:
        if all("const" in o for o in options):  # a named enum: also values added after the spec
            known = st.sampled_from([o["const"] for o in options])
            kind = s.get("type")
            if kind == "integer":
                taken = {o["const"] for o in options}
                unknown = st.integers(0, 2**31 - 1).filter(lambda v: v not in taken)
                return known | unknown
            if kind == "string":
                return known | st.sampled_from(["FUTURE_VALUE", "future-value", "x"])
            return known
        nullable = any(_is_null(o) for o in options)
        rest = [self.value(o, depth) for o in options if not _is_null(o)]
        inner = st.one_of(rest) if rest else st.none()
        return self._maybe_null(inner, nullable, depth)

    def _all_of(self, s: Schema, depth: int) -> st.SearchStrategy[typing.Any]:
        merged: Schema = {k: v for k, v in s.items() if k != "allOf"}
        for part in s["allOf"]:
            resolved = schema(_ref_name(part["$ref"])) if "$ref" in part else part
            for key, value in resolved.items():
                if key == "properties":
                    merged["properties"] = {**value, **merged.get("properties", {})}
                elif key == "required":
                    merged["required"] = sorted({*value, *merged.get("required", [])})
                else:
                    merged.setdefault(key, value)
        return self.value(merged, depth)

    def _typed(self, s: Schema, kind: str, depth: int) -> st.SearchStrategy[typing.Any]:
        if kind == "string":
            return self._string(s)
        if kind == "integer":
            low, high = _INT_RANGES.get(s.get("format", ""), _INT_RANGES["int64"])
            return st.integers(s.get("minimum", low), s.get("maximum", high))
        if kind == "number":
            return st.floats(
                s.get("minimum"), s.get("maximum"), allow_nan=False, allow_infinity=False
            )
        if kind == "boolean":
            return st.booleans()
        if kind == "array":
            return self._array(s, depth)
        if kind == "object":
            return self._object(s, depth)
        if kind == "null":
            return st.none()
        msg = f"unsupported schema type {kind!r}"
        raise ValueError(msg)

    def _string(self, s: Schema) -> st.SearchStrategy[str]:
        fmt = s.get("format")
        if fmt == "snowflake":
            return snowflakes
        if fmt == "date-time":
            return timestamps
        if fmt == "uri":
            return _URIS
        low = s.get("minLength", 0)
        high = min(s.get("maxLength", _MAX_TEXT), max(low, _MAX_TEXT))
        return st.text(min_size=low, max_size=high)

    def _array(self, s: Schema, depth: int) -> st.SearchStrategy[list[typing.Any]]:
        items = self.value(s.get("items", {}), depth)
        low = s.get("minItems", 0)
        high = min(
            s.get("maxItems", low + _MAX_ITEMS),
            low + (_MAX_ITEMS if depth <= self.max_depth else 0),
        )
        if s.get("uniqueItems"):
            return st.lists(items, min_size=low, max_size=high, unique_by=_json_key)
        return st.lists(items, min_size=low, max_size=high)

    def _field(self, key: str, s: Schema, depth: int) -> st.SearchStrategy[typing.Any]:
        hint = FIELD_HINTS.get(key)
        kinds = s.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if hint is None or not {"string", "integer"} & set(kinds):
            return self.value(s, depth + 1)
        return self._maybe_null(hint, "null" in kinds, depth + 1)

    def _object(self, s: Schema, depth: int) -> st.SearchStrategy[dict[str, typing.Any]]:
        properties: dict[str, Schema] = s.get("properties") or {}
        extra = s.get("additionalProperties")
        if not properties:
            if isinstance(extra, dict):
                keys = self.value(s["propertyNames"], depth) if "propertyNames" in s else snowflakes
                return st.dictionaries(keys, self.value(extra, depth + 1), max_size=2)
            return st.dictionaries(st.text(max_size=6), _json_values, max_size=2)
        required = set(s.get("required", ()))
        deep = depth >= self.max_depth
        fixed = {k: self._field(k, v, depth) for k, v in properties.items() if k in required}
        optional = (
            {}
            if deep
            else {k: self._field(k, v, depth) for k, v in properties.items() if k not in required}
        )
        known = st.fixed_dictionaries(fixed, optional=optional)
        if deep:
            return known
        return st.builds(lambda extra_keys, payload: {**extra_keys, **payload}, UNKNOWN_KEYS, known)
