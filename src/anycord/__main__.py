"""`python -m anycord`: version and environment; `python -m anycord demo`: see a bot work.

The demo runs an example bot against `anycord.testing.FakeDiscord`, needs no token and no
network, and exits 0 when the scripted conversation completes.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import platform
import sys
import typing

from anycord._about import __version__
from anycord.demo import main as demo_main

_EXTRAS: typing.Final = {
    "server": ("hypercorn",),
    "zstd": ("zstandard",),
    "redis": ("coredis",),
    "trio": ("trio",),
    "color": ("colorlog",),
}


def _version_of(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def describe() -> str:
    """The text `python -m anycord` prints."""
    lines = [
        f"anycord {__version__}",
        f"Python {platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        f"Platform {platform.platform()}",
        f"AnyIO {_version_of('anyio')}",
    ]
    backends = ["asyncio"]
    if importlib.util.find_spec("trio") is not None:
        backends.append(f"trio {_version_of('trio')}")
    lines.append("Backends " + ", ".join(backends))
    extras = []
    for extra, modules in _EXTRAS.items():
        present = all(importlib.util.find_spec(m) is not None for m in modules)
        version = _version_of(modules[0]) if present else None
        extras.append(
            f"{extra} ({modules[0]} {version})" if present else f"{extra} (not installed)"
        )
    lines.append("Extras " + ", ".join(extras))
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The command line of `python -m anycord` (and the `anycord` script)."""
    top = argparse.ArgumentParser(
        prog="python -m anycord",
        description="anycord: with no command, print its version and environment.",
    )
    top.add_argument(
        "-V", "--version", action="store_true", help="print the version and environment"
    )
    commands = top.add_subparsers(dest="command", metavar="command")
    commands.add_parser("version", help="print the version and environment (the default)")
    demo = commands.add_parser(
        "demo", help="run an example bot against FakeDiscord (no token, no network)"
    )
    demo.add_argument(
        "--backend",
        choices=("asyncio", "trio"),
        default="asyncio",
        help="the async backend to run on (default: asyncio)",
    )
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m anycord` and the `anycord` script; returns the exit status."""
    try:
        args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:  # argparse exits 0 after --help, 2 on bad usage
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command == "demo":
        if args.backend == "trio" and importlib.util.find_spec("trio") is None:
            print("the trio backend needs Trio: pip install 'anycord[trio]'", file=sys.stderr)
            return 2

        return demo_main(["--backend", args.backend])
    print(describe())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
