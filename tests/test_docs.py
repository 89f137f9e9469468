"""The code in the docs runs: a page whose example is broken teaches the wrong thing."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import logging
import pkgutil
import re
import types
import typing
from pathlib import Path

import pytest

import anycord

DOCS = Path(__file__).resolve().parents[1] / "docs"


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text()
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


# Guides whose python blocks must compile; a block defining `async def test_…` functions is a
# self-contained example against FakeDiscord, and runs (under each backend) as a test.
GUIDES = (
    "cache.md",
    "components.md",
    "gateway-interactions.md",
    "testing-interactions.md",
    "embeds.md",
    "files.md",
    "pagination.md",
    "migrating-from-hikari.md",
    "migrating-from-discord-py.md",
    "commands.md",
    "health.md",
    "metrics.md",
)


def guide_blocks(*, runnable: bool) -> list[typing.Any]:
    return [
        pytest.param(page, block, id=f"{page}-{index}")
        for page in GUIDES
        for index, block in enumerate(python_blocks(page))
        if not runnable or "async def test_" in block
    ]


@pytest.mark.parametrize(("page", "block"), guide_blocks(runnable=False))
def test_guide_blocks_compile(page: str, block: str) -> None:
    # Snippets may await at top level: they are read as the body of an async function.
    compile(block, f"docs/{page}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


@pytest.mark.parametrize(("page", "block"), guide_blocks(runnable=True))
async def test_guide_examples_run(page: str, block: str) -> None:
    namespace: dict[str, typing.Any] = {"__name__": "docs_example"}
    exec(compile(block, f"docs/{page}", "exec"), namespace)
    tests = [f for name, f in namespace.items() if name.startswith("test_")]
    assert tests, f"a runnable block of {page} defines no test"
    for test in tests:
        assert inspect.iscoroutinefunction(test)
        await test()


async def test_the_testing_page_example_passes() -> None:
    # The page's first block is a complete test module; run its test under this backend.
    namespace: dict[str, typing.Any] = {"__name__": "docs_testing_example"}
    exec(compile(python_blocks("testing.md")[0], "docs/testing.md", "exec"), namespace)
    await namespace["test_bot_replies_to_ping"]()


def test_every_docs_page_is_linked_from_the_index() -> None:
    index = (DOCS / "index.md").read_text()
    for page in DOCS.glob("*.md"):
        if page.name != "index.md":
            assert f"({page.name})" in index, f"docs/index.md does not link {page.name}"


def nav_pages() -> set[str]:
    """The pages mkdocs.yml's `nav` lists (its block, up to the next top-level key)."""
    config = (DOCS.parent / "mkdocs.yml").read_text()
    block = re.search(r"^nav:\n(.*?)^\S", config, re.DOTALL | re.MULTILINE)
    assert block is not None, "mkdocs.yml has no nav"
    return set(re.findall(r":\s*(\S+\.md)\s*$", block.group(1), re.MULTILINE))


def test_every_docs_page_is_on_the_site() -> None:
    # With an explicit nav, a page left out of it is built but unreachable from the site.
    listed = nav_pages()
    for page in DOCS.glob("*.md"):
        assert page.name in listed, f"mkdocs.yml's nav does not list {page.name}"
    for name in listed:
        assert (DOCS / name).is_file(), f"mkdocs.yml's nav lists a missing page {name}"


def load_reference_hook() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("reference_hook", DOCS / "_hooks/reference.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_documents_every_exported_name() -> None:
    # Each name in `anycord.__all__` and in a public subpackage's `__all__` has a directive
    # (its own, or a `members:` entry of its module's) on a generated reference page.
    pages = "\n".join(text for _, text in load_reference_hook().reference_pages().values())
    directives = set()
    for block in pages.split("::: ")[1:]:
        path = block.split()[0]
        directives.add(path)
        members = re.search(r"^ +members: \[(.*)\]$", block, re.MULTILINE)
        if members:
            directives.update(f"{path}.{name.strip()}" for name in members.group(1).split(","))
    packages = [anycord] + [
        importlib.import_module(f"anycord.{info.name}")
        for info in pkgutil.iter_modules(anycord.__path__)
        if info.ispkg and not info.name.startswith("_")
    ]
    assert len(packages) > 10
    for package in packages:
        for name in getattr(package, "__all__", ()):
            if isinstance(getattr(package, name), types.ModuleType):
                assert f"{package.__name__}.{name}" not in directives  # documented as a module
                continue
            documented = {
                f"{package.__name__}.{name}",
                f"anycord.{name}",
                f"{getattr(getattr(package, name), '__module__', '')}.{name}",
            }
            assert documented & directives, f"{package.__name__}.{name} is not in the reference"


def test_every_docstring_parses_for_the_reference(caplog: pytest.LogCaptureFixture) -> None:
    # The reference site is built with `--strict`: a docstring griffe cannot read (an `Args:`
    # entry naming parameters that do not exist, such as `a / b: …`) fails CI there; this
    # catches it in the test run, in about a second.
    import griffe

    root = griffe.load("anycord", search_paths=[str(DOCS.parent / "src")], resolve_aliases=False)
    objects: list[typing.Any] = [root]
    with caplog.at_level(logging.WARNING, logger="griffe"):
        while objects:
            obj = objects.pop()
            if obj.docstring is not None:
                obj.docstring.parse("google")
            objects.extend(
                m for m in obj.members.values() if not m.is_alias and (m.is_module or m.is_class)
            )
            for member in obj.members.values():
                if not member.is_alias and member.docstring is not None and member.is_function:
                    member.docstring.parse("google")
    assert [r.getMessage() for r in caplog.records] == []
