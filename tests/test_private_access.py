"""No module reaches into another module's private attributes.

`obj._name` (obj not `self`, `cls` or `super()`) is refused unless `_name` is defined in the
same module (a method, an attribute it assigns, a slot): a class may use the private parts of
its own module's helpers, never those of a class that lives elsewhere. A few stdlib names are
allowed; the reaches that predated this test are gone (KNOWN is empty and stays so).
"""

from __future__ import annotations

import ast
import pathlib
import re

SRC = pathlib.Path(__file__).resolve().parent.parent / "src" / "anycord"

STDLIB_PRIVATE: frozenset[str] = frozenset(
    {
        "_getframe",  # sys._getframe: a decorator's caller module
        "_value2member_map_",  # enum's documented-in-practice value index
    }
)

KNOWN: frozenset[tuple[str, str]] = frozenset()
"""(module path under src/anycord, attribute) reaches that predate the test: none are left,
and none may be added."""


def _own_private_names(tree: ast.Module) -> set[str]:
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            own.add(node.target.id)
        elif (  # __slots__ entries
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"_[a-z]\w*", node.value)
        ):
            own.add(node.value)
    return own


def _reaches() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        own = _own_private_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            name = node.attr
            if not name.startswith("_") or name.startswith("__") or name in own:
                continue
            base = node.value
            if isinstance(base, ast.Name) and base.id in ("self", "cls"):
                continue
            if isinstance(base, ast.Call) and ast.unparse(base.func) == "super":
                continue
            if name in STDLIB_PRIVATE:
                continue
            found.add((path.relative_to(SRC).as_posix(), name))
    return found


def test_no_module_reaches_into_another_modules_private_attributes() -> None:
    found = _reaches()
    assert sorted(found - KNOWN) == [], "a new reach into another module's private attribute"
    assert sorted(KNOWN - found) == [], "fixed: remove it from KNOWN"


def test_the_bots_and_the_orchestrator_reach_into_nothing() -> None:
    # Composed through the shard-runner seam: no bot or orchestrator module is listed.
    assert [m for m, _ in KNOWN if m.startswith(("bots/", "orchestrator/"))] == []
