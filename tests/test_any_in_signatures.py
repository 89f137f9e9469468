"""ruff's ANN401 (no bare `Any` in a signature) holds in src/ but for the modules pyproject lists.

The list may only shrink: a listed module that no longer has a bare `Any` in a signature must
leave it. One ruff run, no backend involved: runs once.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_module_listed_for_ann401_still_needs_it() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    ignores = config["tool"]["ruff"]["lint"]["per-file-ignores"]
    listed = sorted(path for path, rules in ignores.items() if rules == ["ANN401"])
    assert listed, "the ANN401 list is gone: remove this test"
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "ANN401",
         "--output-format", "concise", "--exit-zero", *listed],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    still = {line.split(":")[0] for line in result.stdout.splitlines() if "ANN401" in line}
    assert sorted(set(listed) - still) == [], "no bare Any left: remove it from pyproject"
