"""Imports in src/anycord run one way, and no import hides inside a function to dodge a cycle.

Layers, bottom first (a module may import its own layer and those below, at runtime; imports
under `if typing.TYPE_CHECKING:` are annotations only and are not counted):

core (errors, snowflakes, intents, config, logs, traits, …) ← models ← serde ←
rest / gateway / cache / voice ← events ← dispatch ← interactions ← bots / commands ←
orchestrator ← metrics ← testing / demo / the package root and the command lines
(`anycord.__main__`, `anycord.orchestrator.__main__`).

`anycord.codecs` (the decoder/encoder registry) is a core module, so the interaction response
builders (`anycord.models.response_builders`) encode models without importing serde;
`anycord.interactions.builders` re-exports them.
"""

from __future__ import annotations

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "_about", "_compat", "_groups", "codecs", "colors", "config", "enums", "errors",
            "files", "flags", "intents", "locales", "logs", "permissions", "snowflakes", "stats",
            "traits", "undefined", "urls",
        }
    ),
    frozenset({"models"}),
    frozenset({"serde", "interactions.builders"}),  # the builders' old import path
    frozenset({"rest", "gateway", "cache", "voice"}),
    frozenset({"events"}),
    frozenset({"dispatch"}),
    frozenset({"interactions"}),
    frozenset({"bots", "commands"}),
    frozenset({"orchestrator"}),
    frozenset({"metrics"}),
    # The command lines are programs on top of the library (`orchestrator.__main__` wires
    # `--metrics`); nothing imports them.
    frozenset({"testing", "demo", "__main__", "orchestrator.__main__", ""}),
)  # fmt: skip

OPTIONAL_EXTRAS: dict[str, str] = {
    "zstandard": "the zstd extra: zstd-stream only when installed",
    "coredis": "the redis extra: only the Redis coordinator needs it",
    "colorlog": "the colour extra: plain logging without it",
    "hypercorn": "the server extra: the built-in HTTP server needs nothing",
    "prometheus_client": "the metrics extra",
    "trio": "the trio extra",
}
"""Function-level imports of optional extras (not installed with anycord), by top-level name."""

LAZY_LOADS: dict[str, str] = {
    "nacl": "signature checks: loaded on the first check, or in the verifier's child process",
    "sniffio": "asks which backend runs, only when serving with hypercorn",
    "resource": "POSIX-only module, read only when raising the file limit",
}
"""Function-level imports of installed third-party or stdlib modules that some platforms lack or
that only one rarely used path needs, with the reason. Never a module of anycord's own: an
anycord import inside a function dodges a cycle, and none is allowed."""


def _modules() -> dict[str, ast.Module]:
    out: dict[str, ast.Module] = {}
    for path in sorted((SRC / "anycord").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ast.parse(path.read_text(), str(path))
    return out


def _layer(module: str) -> int | None:
    if module != "anycord" and not module.startswith("anycord."):
        return None
    rest = module.removeprefix("anycord").removeprefix(".")
    best: int | None = None
    best_len = -1
    for index, layer in enumerate(LAYERS):
        for name in layer:
            if (rest == name or rest.startswith(name + ".") or name == "") and len(name) > best_len:
                best, best_len = index, len(name)
    return best


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.module == "anycord":
        return [f"anycord.{alias.name}" for alias in node.names]
    return [node.module or ""]


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    out: list[ast.Import | ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(node)
    return out


def test_every_module_has_a_layer() -> None:
    assert [m for m in _modules() if _layer(m) is None] == []


def test_runtime_imports_point_down_the_layers() -> None:
    upward = []
    for module, tree in _modules().items():
        own = _layer(module)
        assert own is not None
        for node in _runtime_imports(tree):
            for target in _imported(node):
                layer = _layer(target)
                if layer is not None and layer > own:
                    upward.append(f"{module} imports {target}")
    assert upward == []


def _function_level_imports() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for module, tree in _modules().items():
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    found.update((module, target) for target in _imported(node))
    return found


def test_no_anycord_import_inside_a_function() -> None:
    # A function-level import of anycord's own modules hides a cycle: move the code instead.
    found = _function_level_imports()
    assert sorted(f for f in found if f[1].split(".")[0] == "anycord") == []


def test_function_level_imports_are_optional_extras_or_named_lazy_loads() -> None:
    found = _function_level_imports()
    tables = OPTIONAL_EXTRAS.keys() | LAZY_LOADS.keys()
    unexplained = sorted(
        (module, target)
        for module, target in found
        if target.split(".")[0] != "anycord" and target.split(".")[0] not in tables
    )
    assert unexplained == [], "a function-level import that is neither an extra nor listed"
    used = {target.split(".")[0] for _, target in found}
    assert sorted(LAZY_LOADS.keys() - used) == [], "no longer imported lazily: remove it"
