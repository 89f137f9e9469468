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


def test_help_prints_usage_and_the_commands(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m anycord")
    assert "demo" in out
    assert "version" in out


def test_demo_help_names_the_backends(capsys) -> None:
    assert main(["demo", "--help"]) == 0
    assert "{asyncio,trio}" in capsys.readouterr().out


def test_a_bad_backend_is_a_usage_error(capsys) -> None:
    assert main(["demo", "--backend", "curio"]) == 2
    assert "invalid choice: 'curio'" in capsys.readouterr().err
