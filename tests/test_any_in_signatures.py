"""ruff's ANN401 (no bare `Any` in a signature) holds in every module of src/.

No module is exempt: where a bare `Any` is right (a JSON value whose shape the caller knows),
the line says so as `# noqa: ANN401 (reason)`. One ruff run and a scan, no backend involved:
runs once.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "anycord"


def test_no_module_of_src_is_exempt_from_ann401() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    ignores = config["tool"]["ruff"]["lint"]["per-file-ignores"]
    exempt = sorted(p for p, rules in ignores.items() if p.startswith("src") and "ANN401" in rules)
    assert exempt == []


def test_no_bare_any_in_a_signature_of_src() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "ANN401",
         "--output-format", "concise", "--exit-zero", str(SRC)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert [line for line in result.stdout.splitlines() if "ANN401" in line] == []


def test_every_waiver_gives_its_reason() -> None:
    waiver = re.compile(r"#\s*noqa:\s*ANN401\b(.*)$")
    bare = []
    count = 0
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            found = waiver.search(line)
            if found is None:
                continue
            count += 1
            if not re.match(r"\s*\(\S.*\)", found.group(1)):
                bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert count > 0  # the scan reads the waivers' form
    assert bare == [], "a `# noqa: ANN401` needs its reason in parentheses"
