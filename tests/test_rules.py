"""The project's rules that a program can check."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import anycord

SRC = Path(anycord.__file__).resolve().parent


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_asyncio_no_trio_no_detached_tasks(path: Path) -> None:
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "").split(".")[0]]
        else:
            names = []
        assert "asyncio" not in names, (
            f"{path}:{getattr(node, 'lineno', 0)} imports asyncio (rule 1)"
        )
        assert "trio" not in names, f"{path}:{getattr(node, 'lineno', 0)} imports trio (rule 1)"
        if isinstance(node, ast.Attribute) and node.attr in ("create_task", "ensure_future"):
            pytest.fail(f"{path}:{node.lineno} calls {node.attr} (rule 1)")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_modules_stay_small(path: Path) -> None:
    lines = path.read_text().count("\n")
    if lines > 800:
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        assert "over 800 lines" in doc, f"{path} has {lines} lines and no written reason"


def test_all_is_sorted_complete_and_unique() -> None:
    names = anycord.__all__

    def isort_style(name: str) -> tuple[int, str]:
        # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical.
        return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)

    assert list(names) == sorted(names, key=isort_style), "anycord.__all__ must be sorted"
    assert len(names) == len(set(names)), "a name is exported twice"
    for name in names:
        assert hasattr(anycord, name), f"{name} in __all__ but not defined"
    # `annotations` is the `from __future__` feature flag, not an export.
    public = {n for n in vars(anycord) if not n.startswith("_")} - {"annotations"}
    modules = {n for n, v in vars(anycord).items() if type(v).__name__ == "module"}
    assert public - modules - set(names) == set(), "public names missing from __all__"


def test_every_module_imports() -> None:
    for info in pkgutil.walk_packages(anycord.__path__, "anycord."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
