"""Logging set-up: levels, TRACE, colour, the banner, and token redaction.

`init_logging(logs, allow_color, force_color)` takes what hikari users know:

* `None`: leave logging alone;
* a level name or number (`"INFO"`, `"TRACE"`, `10`): a console handler on the root logger;
* a dict: handed to `logging.config.dictConfig` as is.

It never adds a second handler when logging is already configured. Colour comes from
`colorlog` when it is installed, the stream is a TTY and colour is allowed; `CLICOLOR=0`
turns it off, `CLICOLOR_FORCE=1` (or `force_color=True`) turns it on regardless.

`TokenRedactor` is a logging filter that replaces every registered secret in a record's
message and arguments with `***`. Each bot registers its token at construction, so a token
that reaches a log call by mistake (in a URL, a header dict, an exception) is never written.
"""

from __future__ import annotations

import logging
import logging.config
import os
import platform
import sys
import threading
import typing

from anycord._about import __version__

__all__ = ["TRACE", "TokenRedactor", "init_logging", "print_banner", "redact", "register_secret"]

TRACE: typing.Final[int] = 5
"""A level below DEBUG for per-frame and per-request detail."""
logging.addLevelName(TRACE, "TRACE")

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secret(secret: str) -> None:
    """Redact `secret` (and the token part of `Bot <token>` / `Bearer <token>`) from all logs."""
    secret = secret.strip()
    for prefix in ("Bot ", "Bearer "):
        secret = secret.removeprefix(prefix)
    if len(secret) >= 8:  # short strings would redact ordinary words
        with _secrets_lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    """`text` with every registered secret replaced by `***`."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


class TokenRedactor(logging.Filter):
    """A filter that redacts registered secrets from each record, in place."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _secrets:
            return True
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if redact(text) != text:
                record.exc_text = redact(text)
        return True


_redactor = TokenRedactor()


def _install_redactor() -> None:
    # Filters on handlers see records from every logger that propagates to them; filters on
    # loggers only see records made on that exact logger. So attach to the root's handlers,
    # and to our own logger for handlers added later.
    root = logging.getLogger()
    for handler in root.handlers:
        if _redactor not in handler.filters:
            handler.addFilter(_redactor)
    anycord_logger = logging.getLogger("anycord")
    if _redactor not in anycord_logger.filters:
        anycord_logger.addFilter(_redactor)


def _supports_color(allow_color: bool, force_color: bool) -> bool:
    if os.environ.get("CLICOLOR_FORCE", "0") != "0":
        return True
    if force_color:
        return True
    if not allow_color or os.environ.get("CLICOLOR", "1") == "0":
        return False
    stream = sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


def init_logging(
    logs: int | str | dict[str, typing.Any] | None,
    allow_color: bool = True,
    force_color: bool = False,
) -> None:
    """Configure logging as described in the module docstring. Safe to call more than once."""
    if logs is None:
        _install_redactor()
        return
    if isinstance(logs, dict):
        logging.config.dictConfig(logs)
        _install_redactor()
        return
    level = logging.getLevelName(logs.upper()) if isinstance(logs, str) else logs
    if not isinstance(level, int):
        msg = f"unknown log level {logs!r}"
        raise ValueError(msg)
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        fmt = "%(levelname)-1.1s %(asctime)23.23s %(name)s: %(message)s"
        formatter: logging.Formatter = logging.Formatter(fmt)
        if _supports_color(allow_color, force_color):
            try:
                import colorlog
            except ImportError:
                pass
            else:
                formatter = colorlog.ColoredFormatter("%(log_color)s" + fmt, force_color=True)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    logging.getLogger("anycord").setLevel(level)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    _install_redactor()


_BANNER = r"""
   __ _ _ __  _   _  ___ ___  _ __ __| |
  / _` | '_ \| | | |/ __/ _ \| '__/ _` |   anycord {version}
 | (_| | | | | |_| | (_| (_) | | | (_| |   {python} on {platform}
  \__,_|_| |_|\__, |\___\___/|_|  \__,_|   anyio {anyio_version} · one task tree
              |___/
"""


def print_banner(banner: str | None = "anycord", *, file: typing.TextIO | None = None) -> None:
    """Print the start-up banner to `file` (stdout by default); `banner=None` prints nothing."""
    if banner is None:
        return
    import anyio

    anyio_version = getattr(anyio, "__version__", None)
    if anyio_version is None:
        from importlib.metadata import version

        anyio_version = version("anyio")
    text = _BANNER.format(
        version=__version__,
        python=f"{platform.python_implementation()} {platform.python_version()}",
        platform=f"{platform.system()} {platform.machine()}",
        anyio_version=anyio_version,
    )
    print(text, file=file or sys.stdout)
