"""The hikari parity table in docs/migrating-from-hikari.md is current and fully explained.

`tools/parity.py` compares anycord's public surface with hikari's (a dev dependency); these
tests regenerate its table and fail when the committed one differs, when a deviation has no
reason in tools/parity_reasons.toml, or when a reason no longer matches any deviation.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import types

pytest.importorskip("hikari")

ROOT = Path(__file__).resolve().parent.parent


def _load_tool() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "anycord_parity_tool", ROOT / "tools" / "parity.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


parity = _load_tool()


def test_committed_table_is_current() -> None:
    document, _ = parity.generate()
    assert document == parity.DOC.read_text(), "run `PYTHONPATH=src python tools/parity.py`"


def test_every_deviation_has_a_reason() -> None:
    _, missing = parity.generate()
    assert missing == []


def test_no_reason_outlives_its_deviation() -> None:
    assert parity.stale_reasons() == []


def test_table_counts_every_surface() -> None:
    counts, deviations = parity.compare()
    surfaces = [c.surface for c in counts]
    assert surfaces == [
        "top",
        "RESTClient",
        "GatewayBot",
        "RESTBot",
        "LazyIterator",
        "cache",
        "EventManager",
        "events",
        "builders",
    ]
    for c in counts:
        assert c.deviating == sum(1 for d in deviations if d.surface == c.surface)
    text = parity.DOC.read_text()
    for c in counts:
        assert f"| {c.surface} | {c.hikari} | {c.hikari - c.deviating} | {c.deviating} |" in text


# -- the signature rule itself, on small functions ------------------------------------------


def _h(a: int, /, b: int, *, c: int = 0) -> None: ...


def test_positional_or_keyword_superset_is_compatible() -> None:
    def a(a: int, b: int, *, c: int = 0, extra: int = 1) -> None: ...

    assert parity.signature_problems(_h, a) == []


def test_keyword_only_where_hikari_is_positional_deviates() -> None:
    def a(a: int, *, b: int, c: int = 0) -> None: ...

    assert parity.signature_problems(_h, a) == ["`b` not positional at 2"]


def test_missing_parameter_and_extra_required_deviate() -> None:
    def a(a: int, b: int, *, d: int) -> None: ...

    assert parity.signature_problems(_h, a) == ["no `c`", "requires `d`"]


def test_optional_in_hikari_must_stay_optional() -> None:
    def a(a: int, b: int, *, c: int) -> None: ...

    assert parity.signature_problems(_h, a) == ["`c` required"]


def test_renamed_positional_or_keyword_deviates() -> None:
    def a(a: int, bee: int, *, c: int = 0) -> None: ...

    assert parity.signature_problems(_h, a) == ["`b` at 2 is `bee`"]


def test_glob_reasons_prefer_exact_then_longest() -> None:
    reasons = {"events.*.get_*": "broad", "events.*.get_guild": "narrow", "x.y": "exact"}
    assert parity.reason_for("events.E.get_guild", reasons) == "narrow"
    assert parity.reason_for("events.E.get_user", reasons) == "broad"
    assert parity.reason_for("x.y", reasons) == "exact"
    assert parity.reason_for("x.z", reasons) is None


def test_wait_for_and_stream_take_hikaris_positional_timeout() -> None:
    import hikari

    import anycord

    for name in ("wait_for", "stream"):
        h = inspect.signature(getattr(hikari.GatewayBot, name))
        assert (
            parity.signature_problems(
                getattr(hikari.GatewayBot, name), getattr(anycord.GatewayBot, name)
            )
            == []
        ), (name, h)


MODELS_CEILING = 672
"""Deviations the models report (`tools/parity.py --models`) may show at most: shrink-only."""


def test_the_models_gap_only_shrinks() -> None:
    count, deviations = parity.compare_models()
    assert count.hikari > 2000, "the models report compares every hikari model class"
    assert count.deviating == len(deviations)
    assert count.deviating <= MODELS_CEILING, (
        f"{count.deviating} model deviations, more than {MODELS_CEILING}: a model lost a name"
    )
