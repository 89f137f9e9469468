import subprocess
import sys

from anycord.__main__ import describe, main


def test_describe_lists_versions_backends_and_extras() -> None:
    text = describe()
    assert text.startswith("anycord ")
    for word in (
        "Python",
        "Platform",
        "AnyIO",
        "Backends",
        "asyncio",
        "trio",
        "Extras",
        "zstd",
        "server",
    ):
        assert word in text


def test_unknown_command_exits_2() -> None:
    assert main(["frobnicate"]) == 2


def test_python_dash_m_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "anycord"], capture_output=True, text=True, check=True, timeout=60
    )
    assert "AnyIO" in out.stdout
