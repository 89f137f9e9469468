"""Whether a failed REST attempt may be sent again: the one idempotency rule.

A request that failed can be sent again without risk only when doing so cannot repeat its
effect. `may_resend()` decides, for every route, from three facts:

* **Never sent.** The transport raised `httpx.ConnectError` or `httpx.ConnectTimeout`. The
  transport's contract (tested in tests/rest/test_transport_contract.py) is that these two
  are raised only when no byte of the request was written, so Discord cannot have acted.
  Every other failure (a reset, a read timeout, a 5xx answer, the per-attempt `total`
  timeout) may come after Discord acted on the request.
* **Idempotent.** Sending the request twice has the effect of sending it once: `GET`, `PUT`,
  `PATCH` and `DELETE`, plus the routes in `_OVERRIDES`. `POST` creates something each time,
  so it is not resent once it may have arrived.

  `PATCH` (decision, issue 16): every PATCH route Discord has (operations.txt lists 31) sets
  the fields in its body on one resource named in the path; none appends, counts or creates,
  so a repeat leaves the state a single PATCH leaves. If the first attempt did take effect, the
  repeat either succeeds with the same result or fails in a way that names what happened
  (a 403 after a PATCH that removed the bot's own permission, a 429 after a second channel
  rename inside Discord's 10-minute window); without the retry the caller gets an error in
  every such case anyway, and also when Discord never acted (a 502 before handling), which the
  retry turns into success. RFC 5789's objection (a repeat overwrites a change someone else
  made between the attempts) holds for `PUT` as much, which has always been retried: the
  window is the retry's backoff, at most a few seconds. A repeated message edit re-uploads
  its new files (the first upload is dropped, as it is not listed), never doubling them.
* **Protected.** The body carries a message `nonce` with `enforce_nonce: true`: Discord
  answers a repeat within a few minutes with the message the first attempt created
  (developers/resources/message.mdx "Create Message"), so no duplicate can appear.
  `create_message` and `forward_message` send one by default.

A 429 never counts as a failure here (Discord did not act on it), and a 401 retried after a
token refresh was refused before anything happened.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

import httpx

if typing.TYPE_CHECKING:
    from anycord.config import HTTPTimeoutSettings
    from anycord.rest.routes import Route

__all__ = [
    "NOT_SENT_ERRORS",
    "describe_failure",
    "is_idempotent",
    "is_protected",
    "may_resend",
    "was_sent",
]

NOT_SENT_ERRORS: typing.Final = (httpx.ConnectError, httpx.ConnectTimeout)
"""Transport errors raised only before the first byte of the request was written."""

_IDEMPOTENT_METHODS: typing.Final = frozenset({"GET", "PUT", "PATCH", "DELETE"})

_OVERRIDES: typing.Final[Mapping[tuple[str, str], bool]] = {
    # Triggering the typing indicator again only extends it; nothing is created.
    ("POST", "/channels/{channel_id}/typing"): True,
}
"""Routes whose idempotency differs from their method's default: `(method, template)` → bool."""


def was_sent(error: BaseException) -> bool:
    """Whether a failed attempt may have reached the server (False only before any byte)."""
    return not isinstance(error, NOT_SENT_ERRORS)


def is_idempotent(route: Route) -> bool:
    """Whether sending `route` twice has the effect of sending it once."""
    override = _OVERRIDES.get((route.method, route.path_template))
    if override is not None:
        return override
    return route.method in _IDEMPOTENT_METHODS


def is_protected(body: object) -> bool:
    """Whether Discord deduplicates the body: a message `nonce` with `enforce_nonce: true`."""
    return (
        isinstance(body, Mapping)
        and body.get("enforce_nonce") is True
        and body.get("nonce") not in (None, "")
    )


def may_resend(route: Route, body: object, *, sent: bool) -> bool:
    """Whether an attempt that failed (`sent`: it may have reached Discord) may be repeated."""
    return not sent or is_idempotent(route) or is_protected(body)


def describe_failure(error: BaseException, timeouts: HTTPTimeoutSettings) -> str:
    """What went wrong in one attempt, in words, with its cause (never empty)."""
    if isinstance(error, httpx.TimeoutException):
        limit, what = _TIMEOUT_PHASES.get(type(error), (None, "the request timed out"))
        seconds = getattr(timeouts, limit) if limit is not None else None
        detail = f"{what} ({seconds}s)" if seconds is not None else what
        return f"{type(error).__name__}: {detail}"
    if isinstance(error, TimeoutError):
        return f"TimeoutError: no answer within the total timeout ({timeouts.total}s) per attempt"
    text = str(error)
    cause = error.__cause__ or error.__context__
    if not text and cause is not None:
        text = str(cause) or type(cause).__name__
    return f"{type(error).__name__}: {text or 'the connection failed'}"


_TIMEOUT_PHASES: typing.Final[Mapping[type[BaseException], tuple[str, str]]] = {
    httpx.ConnectTimeout: ("connect", "connecting timed out"),
    httpx.ReadTimeout: ("read", "no answer within the read timeout"),
    httpx.WriteTimeout: ("write", "sending the request timed out"),
    httpx.PoolTimeout: ("pool", "no free connection within the pool timeout"),
}
