"""Imports in src/anycord run one way, and no import hides inside a function to dodge a cycle.

Layers, bottom first (a module may import its own layer and those below, at runtime; imports
under `if typing.TYPE_CHECKING:` are annotations only and are not counted):

core (errors, snowflakes, intents, config, logs, traits, …) ← models ← serde ←
rest / gateway / cache / voice ← events ← dispatch ← interactions ← bots / commands ←
orchestrator ← metrics ← testing / demo / the package root.

`anycord.interactions.builders` (response builders REST sends) sits with serde.
"""

from __future__ import annotations

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "_about", "_compat", "_groups", "colors", "config", "enums", "errors", "files",
            "flags", "intents", "locales", "logs", "permissions", "snowflakes", "stats",
            "traits", "undefined", "urls",
        }
    ),
    frozenset({"models"}),
    frozenset({"serde", "interactions.builders"}),
    frozenset({"rest", "gateway", "cache", "voice"}),
    frozenset({"events"}),
    frozenset({"dispatch"}),
    frozenset({"interactions"}),
    frozenset({"bots", "commands"}),
    frozenset({"orchestrator"}),
    frozenset({"metrics"}),
    frozenset({"testing", "demo", "__main__", ""}),
)  # fmt: skip

OPTIONAL_EXTRAS: dict[str, str] = {
    "zstandard": "the zstd extra: zstd-stream only when installed",
    "coredis": "the redis extra: only the Redis coordinator needs it",
    "colorlog": "the colour extra: plain logging without it",
    "hypercorn": "the server extra: the built-in HTTP server needs nothing",
    "prometheus_client": "the metrics extra",
    "nacl": "loaded in the verifier's child process / on first signature check only",
    "sniffio": "asks which backend runs, only when serving with hypercorn",
    "resource": "POSIX-only module, read only when raising the file limit",
    "httpx": "the demo's own client, only when the demo runs",
    "importlib.metadata": "the installed version, only for the banner",
    "os.path": "a file name's suffix, only for uploads given as paths",
    "anyio": "logs is a core module: the running backend's name, only for the banner",
}
"""Function-level imports allowed, by top-level package, with the reason."""

KNOWN_LOCAL_IMPORTS: frozenset[tuple[str, str]] = frozenset(
    {
        # Cycle dodges and lazy loads that predate this test; the set may only shrink.
        ("anycord.__main__", "anycord.demo"),
        ("anycord.bots.asgi_bot", "anycord.bots.run"),
        ("anycord.bots.rest_bot", "anycord.bots.run"),
        ("anycord.bots.rest_bot", "anycord.interactions.http11"),
        ("anycord.bots.rest_bot", "anycord.interactions.serving"),
        ("anycord.bots.rest_bot", "anycord.rest.client"),
        ("anycord.commands.client", "anycord.commands.sync"),
        ("anycord.commands.invoke", "anycord.events.interaction"),
        ("anycord.commands.invoke", "anycord.events.lifetime"),
        ("anycord.commands.invoke", "anycord.models.interactions"),
        ("anycord.demo", "anycord"),
        ("anycord.demo", "anycord.testing"),
        ("anycord.interactions.builders", "anycord.serde._core"),
        ("anycord.interactions.http11", "anycord.interactions.serving"),
        ("anycord.interactions.server", "anycord.interactions._files"),
        ("anycord.interactions.server", "anycord.serde.interactions"),
        ("anycord.models.commands", "anycord.models.base"),
        ("anycord.models.interactions", "anycord.interactions.builders"),
        ("anycord.orchestrator.__main__", "anycord.logs"),
        ("anycord.orchestrator.__main__", "anycord.orchestrator.bot"),
        ("anycord.orchestrator.__main__", "anycord.orchestrator.local"),
        ("anycord.orchestrator.__main__", "anycord.orchestrator.server"),
        ("anycord.orchestrator.local", "anycord.orchestrator.bot"),
        ("anycord.rest.routes", "anycord.rest"),
        ("anycord.serde.guilds", "anycord.serde.emojis"),
        ("anycord.serde.guilds", "anycord.serde.roles"),
        ("anycord.serde.guilds", "anycord.serde.stickers"),
        ("anycord.serde.messages", "anycord.models.applications"),
        ("anycord.serde.messages", "anycord.models.interactions"),
        ("anycord.serde.messages", "anycord.serde.interactions"),
        ("anycord.testing.interactions", "anycord.testing.rest_webhooks"),
    }
)


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


def test_no_import_inside_a_function_except_optional_extras() -> None:
    found: set[tuple[str, str]] = set()
    for module, tree in _modules().items():
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    for target in _imported(node):
                        top = target.split(".")[0]
                        if top in OPTIONAL_EXTRAS or target in OPTIONAL_EXTRAS:
                            continue
                        found.add((module, target))
    assert sorted(found - KNOWN_LOCAL_IMPORTS) == [], "a new function-level import"
    assert sorted(KNOWN_LOCAL_IMPORTS - found) == [], "fixed: remove it from the known list"


def test_the_event_path_modules_import_nothing_inside_functions() -> None:
    # The modules this test was written with hold none: events, dispatch, cache, gateway and
    # the bots' shard runners.
    clean = ("anycord.events", "anycord.dispatch", "anycord.cache", "anycord.gateway")
    known = {m for m, _ in KNOWN_LOCAL_IMPORTS}
    assert [m for m in known if m.startswith(clean)] == []
