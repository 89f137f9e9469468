"""The code in the docs runs: a page whose example is broken teaches the wrong thing."""

from __future__ import annotations

import re
import typing
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text()
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


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
