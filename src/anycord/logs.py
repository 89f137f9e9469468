"""Logging set-up: levels, TRACE, colour, the banner, and token redaction.

`init_logging(logs, allow_color, force_color)` takes what hikari users know:

* `None`: leave logging alone;
* a level name or number (`"INFO"`, `"TRACE"`, `10`): a console handler on the root logger;
* a dict: handed to `logging.config.dictConfig` as is.

It never adds a second handler when logging is already configured. Colour comes from
`colorlog` when it is installed, the stream is a TTY and colour is allowed; `CLICOLOR=0`
turns it off, `CLICOLOR_FORCE=1` (or `force_color=True`) turns it on regardless.

`redact()` replaces with `***` every registered secret (each bot registers its token at
construction; OAuth2 strategies register their secret and access tokens) and every credential
recognisable by its place: the token segment of `/webhooks/<id>/<token>` and
`/interactions/<id>/<token>` paths, the value after `Bot `/`Bearer `/`Basic `, and the values
of `access_token`, `refresh_token`, `client_secret`, `code` and `token` form, query and JSON
fields. `TokenRedactor` is the logging filter that applies it to a record's message,
arguments and exception text.

`protect_loggers()` puts that filter on anycord's loggers and on the loggers of the HTTP
stack (`httpx`, `httpcore.*`, `hpack.*`, `hypercorn.*`), because a filter on a logger only
sees records made on that exact logger. It also keeps the per-request lines of `httpx`,
`httpcore` and `hpack` quiet by default: a logger whose level the application has not set
gets `WARNING`. Setting one yourself (`logging.getLogger("httpx").setLevel(logging.INFO)`)
opts back in; its lines are still redacted. `hpack` logs encoded header blocks, which
pattern redaction cannot read, so its records below WARNING are dropped whatever its level.
Every REST client and `init_logging()` call `protect_loggers()`.
"""

from __future__ import annotations

import importlib.metadata
import logging
import logging.config
import os
import platform
import re
import sys
import threading
import typing

import anyio

from anycord._about import __version__

__all__ = [
    "TRACE",
    "TokenRedactor",
    "init_logging",
    "print_banner",
    "protect_loggers",
    "redact",
    "register_secret",
]

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


_CREDENTIAL_PATTERNS: typing.Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    # The token segment of webhook and interaction URLs (execute, callback, follow-ups).
    (re.compile(r"(/(?:webhooks|interactions)/\d+/)(?!\*\*\*)[^/?#\s\"'>)]+"), r"\1***"),
    # Authorization header values, as text or as the bytes pairs httpcore and hpack print.
    (re.compile(r"\b(Bot|Bearer|Basic) (?!\*\*\*)[A-Za-z0-9._~+/=-]{20,}"), r"\1 ***"),
    # OAuth2 fields in form bodies and query strings ...
    (
        re.compile(
            r"\b(access_token|refresh_token|client_secret|code|token)=(?!\*\*\*|\d+\b)[^&\s\"',]+"
        ),
        r"\1=***",
    ),
    # ... and in JSON (string values only: Discord's numeric error `code` stays readable).
    (
        re.compile(
            r"([\"'](?:access_token|refresh_token|client_secret|code|token)[\"']\s*:\s*)"
            r"([\"'])(?!\*\*\*)[^\"']*\2"
        ),
        r"\1\2***\2",
    ),
)
"""Credentials recognised by their place, whoever's they are: (pattern, replacement)."""


def redact(text: str) -> str:
    """`text` with every registered secret and every recognisable credential as `***`."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, "***")
    for pattern, replacement in _CREDENTIAL_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class TokenRedactor(logging.Filter):
    """A filter that redacts registered secrets from each record, in place."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("hpack") and record.levelno < logging.WARNING:
            return False
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


_THIRD_PARTY_LOGGERS: typing.Final = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
    "hypercorn.access",
    "hypercorn.error",
)
"""The HTTP stack's loggers (records are made on these exact names)."""

_QUIET_BY_DEFAULT: typing.Final = ("httpx", "httpcore", "hpack")
"""Loggers that print a line per request: WARNING unless the application set a level."""


def protect_loggers() -> None:
    """Redact credentials on anycord's and the HTTP stack's loggers; quiet per-request lines.

    Idempotent. See the module docstring for what it does and how to opt back in.
    """
    names = [
        name
        for name in list(logging.Logger.manager.loggerDict)
        if name == "anycord" or name.startswith("anycord.")
    ]
    for name in (*names, "anycord", *_THIRD_PARTY_LOGGERS):
        logger = logging.getLogger(name)
        if _redactor not in logger.filters:
            logger.addFilter(_redactor)
    for name in _QUIET_BY_DEFAULT:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)


def _install_redactor() -> None:
    # Filters on handlers see records from every logger that propagates to them; filters on
    # loggers only see records made on that exact logger. So attach to the root's handlers,
    # and to every logger that may print a credential (protect_loggers).
    root = logging.getLogger()
    for handler in root.handlers:
        if _redactor not in handler.filters:
            handler.addFilter(_redactor)
    protect_loggers()


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
    anyio_version = getattr(anyio, "__version__", None)
    if anyio_version is None:
        anyio_version = importlib.metadata.version("anyio")
    text = _BANNER.format(
        version=__version__,
        python=f"{platform.python_implementation()} {platform.python_version()}",
        platform=f"{platform.system()} {platform.machine()}",
        anyio_version=anyio_version,
    )
    print(text, file=file or sys.stdout)
