"""hikari parity: compare anycord's public surface with hikari 2.7's and write the table.

Run `PYTHONPATH=src python tools/parity.py` to rewrite the parity table in
docs/migrating-from-hikari.md (between `<!-- parity:begin -->` and `<!-- parity:end -->`);
`--check` exits 1 when the committed table is stale or a deviation has no reason.

What is compared (hikari is a dev dependency, imported here only):

- `top`: every public non-module name of `hikari`'s top level exists on `anycord`.
- `RESTClient`, `GatewayBot`, `RESTBot`, `LazyIterator`: every public member of hikari's class
  (`hikari.impl.RESTClientImpl` for `RESTClient`, `hikari.iterators.LazyIterator`) exists on
  anycord's class of the same name, a method where hikari has a method and a value where hikari
  has a value, and the constructors of the two bots too.
- `cache`, `EventManager`: every public member of hikari's interfaces `hikari.api.Cache` (what
  `bot.cache` offers) and `hikari.api.EventManager` against `anycord.Cache` and
  `anycord.EventManager`, by the same rule.
- `events`: every public member of each hikari event class exists on anycord's class of the
  same name.
- `builders`: the constructor and every public member of each of hikari's builders
  (`hikari.impl`'s classes named `*Builder`) against anycord's top-level class of the same
  name, so fluent builder code ports (a hikari builder anycord has no class for is counted
  under `top`).

`--models` prints, without touching the table, the same comparison for the models: every
hikari class that is neither an event, a builder, a bot, the REST client, an exception nor
an enum, against anycord's top-level class of the same name. Those rows are not in the
table yet (not every deviation has a reason); the report counts them so the gap can only
shrink.

A method (or constructor) is compatible when every call hikari accepts, anycord accepts with
the same meaning: each of hikari's positional parameters has anycord's parameter of the same
name at the same position (hikari's positional-only ones may be positional-or-keyword here),
each keyword parameter exists by name, nothing optional in hikari is required here, and every
extra parameter of anycord's is optional. Default values are not compared (hikari's
`UNDEFINED` and ours are different objects with one meaning).

Every deviation needs a reason in tools/parity_reasons.toml: a key `surface.name` (for events
`events.Class.member`), where `*` in a key stands for any run of characters so one reason can
cover a family (`events.*.fetch_guild`).
"""

from __future__ import annotations

import argparse
import fnmatch
import inspect
import sys
import tomllib
import typing
from pathlib import Path

import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "migrating-from-hikari.md"
REASONS = ROOT / "tools" / "parity_reasons.toml"
BEGIN = "<!-- parity:begin -->"
END = "<!-- parity:end -->"

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


@attrs.frozen
class Deviation:
    """One way anycord differs from hikari: `key` names it, `what` says how."""

    surface: str
    name: str
    what: str

    @property
    def key(self) -> str:
        return f"{self.surface}.{self.name}"


@attrs.frozen
class Count:
    """How many of hikari's names one surface compares, and how many deviate."""

    surface: str
    hikari: int
    deviating: int


def _public(obj: object) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def _is_method(cls: type, name: str) -> bool:
    for klass in cls.__mro__:
        if name in vars(klass):
            raw = vars(klass)[name]
            if isinstance(raw, staticmethod | classmethod):
                return True
            return inspect.isfunction(raw)
    return callable(getattr(cls, name, None)) and not isinstance(getattr(cls, name), type)


def _signature(obj: typing.Any) -> inspect.Signature | None:  # noqa: ANN401  any public member
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    params = [p for p in sig.parameters.values() if p.name not in ("self", "cls")]
    return sig.replace(parameters=params)


def signature_problems(
    hikari_fn: typing.Any,  # noqa: ANN401  any public member of hikari
    anycord_fn: typing.Any,  # noqa: ANN401  the same name's member of anycord
) -> list[str]:
    """Why a call valid for hikari's `hikari_fn` could fail or mean otherwise on anycord's."""
    h_sig, a_sig = _signature(hikari_fn), _signature(anycord_fn)
    if h_sig is None or a_sig is None:
        return []
    a_params = list(a_sig.parameters.values())
    a_by_name = {p.name: p for p in a_params}
    a_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in a_params)
    a_varargs = any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in a_params)
    problems: list[str] = []
    matched: set[str] = set()
    for index, h in enumerate(h_sig.parameters.values()):
        if h.kind is inspect.Parameter.VAR_POSITIONAL:
            if not a_varargs:
                problems.append(f"no `*{h.name}`")
            continue
        if h.kind is inspect.Parameter.VAR_KEYWORD:
            if not a_kwargs:
                problems.append(f"no `**{h.name}`")
            continue
        a = a_by_name.get(h.name)
        if h.kind in _POSITIONAL:
            at = a_params[index] if index < len(a_params) else None
            if at is None or at.kind not in _POSITIONAL:
                problems.append(f"`{h.name}` not positional at {index + 1}")
                if a is not None:
                    matched.add(a.name)
                continue
            if h.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and (
                at.name != h.name or at.kind is not h.kind
            ):
                problems.append(f"`{h.name}` at {index + 1} is `{at.name}`")
            a = at
        elif a is None:
            if not a_kwargs:
                problems.append(f"no `{h.name}`")
            continue
        elif a.kind is inspect.Parameter.POSITIONAL_ONLY:
            problems.append(f"`{h.name}` positional-only")
        matched.add(a.name)
        if h.default is not inspect.Parameter.empty and a.default is inspect.Parameter.empty:
            problems.append(f"`{h.name}` required")
    for a in a_params:
        if a.name in matched or a.kind in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        ):
            continue
        if a.default is inspect.Parameter.empty:
            problems.append(f"requires `{a.name}`")
    return problems


def compare_class(
    surface: str, h_cls: type, a_cls: type | None, *, constructor: bool = False
) -> tuple[Count, list[Deviation]]:
    """Members of hikari's `h_cls` against anycord's `a_cls` (absent: every member deviates)."""
    names = _public(h_cls)
    out: list[Deviation] = []
    if constructor and a_cls is not None:
        problems = signature_problems(h_cls, a_cls)
        if problems:
            out.append(Deviation(surface, "__init__", "; ".join(problems)))
    for name in names:
        if a_cls is None or not hasattr(a_cls, name):
            out.append(Deviation(surface, name, "absent"))
            continue
        h_method, a_method = _is_method(h_cls, name), _is_method(a_cls, name)
        if h_method != a_method:
            kind = "a method" if h_method else "a property"
            out.append(Deviation(surface, name, f"hikari has {kind}, anycord not"))
        elif h_method:
            problems = signature_problems(getattr(h_cls, name), getattr(a_cls, name))
            if problems:
                out.append(Deviation(surface, name, "; ".join(problems)))
    return Count(surface, len(names) + (1 if constructor else 0), len(out)), out


def compare() -> tuple[list[Count], list[Deviation]]:
    """Every surface compared, in the table's order."""
    import hikari
    import hikari.api
    import hikari.impl
    import hikari.iterators

    import anycord

    counts: list[Count] = []
    deviations: list[Deviation] = []
    top = [n for n in _public(hikari) if not inspect.ismodule(getattr(hikari, n))]
    top_out: list[Deviation] = []
    for name in top:
        if not hasattr(anycord, name):
            top_out.append(Deviation("top", name, "absent"))
            continue
        h, a = getattr(hikari, name), getattr(anycord, name)
        if inspect.isfunction(h) and callable(a):
            problems = signature_problems(h, a)
            if problems:
                top_out.append(Deviation("top", name, "; ".join(problems)))
    counts.append(Count("top", len(top), len(top_out)))
    deviations += top_out
    classes: list[tuple[str, type, type | None, bool]] = [
        ("RESTClient", hikari.impl.RESTClientImpl, anycord.RESTClient, False),
        ("GatewayBot", hikari.GatewayBot, anycord.GatewayBot, True),
        ("RESTBot", hikari.RESTBot, anycord.RESTBot, True),
        ("LazyIterator", hikari.iterators.LazyIterator, anycord.LazyIterator, False),
        ("cache", hikari.api.Cache, anycord.Cache, False),
        ("EventManager", hikari.api.EventManager, anycord.EventManager, False),
    ]
    for surface, h_cls, a_cls, ctor in classes:
        count, out = compare_class(surface, h_cls, a_cls, constructor=ctor)
        counts.append(count)
        deviations += out
    total, found = 0, []
    for name in top:
        h = getattr(hikari, name)
        if isinstance(h, type) and issubclass(h, hikari.Event):
            a = getattr(anycord, name, None)
            if a is None:
                continue  # counted under `top`
            count, out = compare_class("events", h, a)
            total += count.hikari
            found += [Deviation("events", f"{name}.{d.name}", d.what) for d in out]
    counts.append(Count("events", total, len(found)))
    deviations += found
    total, found = 0, []
    for name in _public(hikari.impl):
        h = getattr(hikari.impl, name)
        a = getattr(anycord, name, None)
        if isinstance(h, type) and name.endswith("Builder") and isinstance(a, type):
            count, out = compare_class("builders", h, a, constructor=True)
            total += count.hikari
            found += [Deviation("builders", f"{name}.{d.name}", d.what) for d in out]
    counts.append(Count("builders", total, len(found)))
    deviations += found
    return counts, deviations


def load_reasons(path: Path = REASONS) -> dict[str, str]:
    """The reasons file's `[deviations]` table: key (glob) → reason."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    table = data.get("deviations", {})
    return {str(k): str(v) for k, v in table.items()}


def reason_for(key: str, reasons: Mapping[str, str]) -> str | None:
    """The reason for `key`: an exact key first, else the longest matching glob."""
    if key in reasons:
        return reasons[key]
    hits = [k for k in reasons if "*" in k and fnmatch.fnmatchcase(key, k)]
    return reasons[max(hits, key=len)] if hits else None


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(counts: list[Count], deviations: list[Deviation], reasons: Mapping[str, str]) -> str:
    """The markdown between the markers: counts, then one row per reason and surface."""
    lines = [
        "Generated by `tools/parity.py` from hikari "
        f"{_hikari_version()} and `tools/parity_reasons.toml`; do not edit by hand.",
        "",
        "| Surface | hikari names | same in anycord | deviations |",
        "| --- | ---: | ---: | ---: |",
    ]
    for c in counts:
        lines.append(f"| {c.surface} | {c.hikari} | {c.hikari - c.deviating} | {c.deviating} |")
    total_h = sum(c.hikari for c in counts)
    total_d = sum(c.deviating for c in counts)
    lines.append(f"| **all** | **{total_h}** | **{total_h - total_d}** | **{total_d}** |")
    lines += ["", "| Surface | Name | Deviation | Reason |", "| --- | --- | --- | --- |"]
    for d in deviations:
        reason = reason_for(d.key, reasons) or "**no reason given**"
        lines.append(f"| {d.surface} | `{d.name}` | {_cell(d.what)} | {_cell(reason)} |")
    return "\n".join(lines)


def _hikari_version() -> str:
    import hikari

    return str(hikari.__version__)


def unexplained(deviations: list[Deviation], reasons: Mapping[str, str]) -> list[str]:
    """Keys of deviations that no reason covers."""
    return [d.key for d in deviations if reason_for(d.key, reasons) is None]


def splice(document: str, table: str) -> str:
    """`document` with the text between the markers replaced by `table`."""
    head, sep, rest = document.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        msg = f"{DOC} lacks the {BEGIN} / {END} markers"
        raise ValueError(msg)
    return f"{head}{BEGIN}\n{table}\n{END}{tail}"


def generate() -> tuple[str, list[str]]:
    """The document as it should be, and the deviations that have no reason."""
    counts, deviations = compare()
    reasons = load_reasons()
    return splice(DOC.read_text(), render(counts, deviations, reasons)), unexplained(
        deviations, reasons
    )


def _iter_stale(reasons: Mapping[str, str], deviations: list[Deviation]) -> Iterator[str]:
    keys = [d.key for d in deviations]
    for k in reasons:
        if not any(fnmatch.fnmatchcase(key, k) if "*" in k else key == k for key in keys):
            yield k


def stale_reasons() -> list[str]:
    """Reasons that no longer match any deviation (the gap was closed: delete them)."""
    _, deviations = compare()
    return list(_iter_stale(load_reasons(), deviations))


_NOT_MODELS = frozenset({"GatewayBot", "RESTBot", "RESTClient", "LazyIterator"})


def compare_models() -> tuple[Count, list[Deviation]]:
    """The models' members (see `--models` in the module doc), one count for all."""
    import hikari

    import anycord

    total, found = 0, []
    for name in _public(hikari):
        h, a = getattr(hikari, name), getattr(anycord, name, None)
        if not (isinstance(h, type) and isinstance(a, type)) or name in _NOT_MODELS:
            continue
        if issubclass(h, (hikari.Event, BaseException, int, str)) or name.endswith("Builder"):
            continue
        count, out = compare_class("models", h, a)
        total += count.hikari
        found += [Deviation("models", f"{name}.{d.name}", d.what) for d in out]
    return Count("models", total, len(found)), found


def main(argv: list[str] | None = None, out: Callable[[str], object] = print) -> int:
    """Rewrite the table (or with `--check`, report whether it is current)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the table is stale")
    parser.add_argument("--models", action="store_true", help="report the models' deviations")
    args = parser.parse_args(argv)
    if args.models:
        count, deviations = compare_models()
        for d in deviations:
            out(f"{d.key}: {d.what}")
        out(f"models: {count.hikari} hikari names, {count.hikari - count.deviating} the same")
        return 0
    document, missing = generate()
    for key in missing:
        out(f"no reason for {key}")
    if args.check:
        if document != DOC.read_text():
            out(f"{DOC.relative_to(ROOT)} is stale: run tools/parity.py")
            return 1
        return 1 if missing else 0
    DOC.write_text(document)
    out(f"wrote {DOC.relative_to(ROOT)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
