"""Every exception anycord raises, in one hierarchy.

```
AnycordError
├── ComponentStateConflictError     start/close/join called in the wrong lifecycle state
├── ComponentClosedError            the component (REST client, shard, bot) was closed under a waiter
├── MissingIntentError (+ ValueError)  an operation needs intents the bot did not ask for
├── UnrecognisedEntityError         a payload of a type this version does not model
├── BulkDeleteError                 a bulk delete stopped part way (which ids were deleted)
├── InteractionVerificationError    an interaction's Ed25519 signature did not verify
├── SessionBudgetExhaustedError     the daily IDENTIFY budget is spent (Discord would reset the token)
├── OrchestratorWorkerError         an orchestrator worker process failed fatally (its exit status)
├── ResourceFetchError              a URL attachment could not be downloaded (names the host only)
├── CommandDeclarationError (+ ValueError)  a command Discord would refuse, caught at definition
├── CommandError                    an invocation failed; its message is shown to the user
│   ├── CheckFailure                a check refused the invocation
│   ├── CooldownError               on cooldown (`retry_after` seconds)
│   ├── MaxConcurrencyError         too many runs of the command at once
│   └── OptionConversionError       an option's value could not be resolved
├── HTTPError                       anything that went wrong talking to the REST API
│   ├── MalformedResponseError      a 2xx answer whose JSON does not have the expected shape
│   ├── RateLimitTooLongError       Discord asked us to wait longer than max_rate_limit
│   │   └── CloudflareBanError      the API refuses this IP for a while (too many invalid requests)
│   └── HTTPResponseError           Discord answered with an error status
│       ├── ClientHTTPResponseError     4xx
│       │   ├── BadRequestError         400 (with the nested `errors` tree)
│       │   ├── UnauthorizedError       401
│       │   ├── ForbiddenError          403
│       │   ├── NotFoundError           404
│       │   └── RateLimitedError        429 that could not be retried
│       └── InternalServerError         5xx, after the retries ran out
└── GatewayError                    anything that went wrong on a gateway connection
    ├── GatewayConnectionError      could not connect, or the connection dropped
    ├── GatewayTransportError       a bad frame: undecodable, uninflatable, not JSON
    └── GatewayServerClosedConnectionError  Discord closed with a code (`code`, `can_reconnect`)
        └── GatewayFatalCloseError  a close code that must not be retried (4004, 4010–4014)
```

Warnings (not exceptions) live with what they warn about: `anycord.events.intents.MissingIntentWarning`
(a `UserWarning`) is given when a listener subscribes to events the bot's intents cannot deliver.

Guarantees: no exception's message, args or repr contains a token (the REST layer redacts
the `Authorization` header from any headers it attaches), and every HTTP error carries the
status, Discord's JSON error code and message, and the nested `errors` tree as sent.
"""

from __future__ import annotations

import enum
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.intents import Intents

__all__ = [
    "AnycordError",
    "BadRequestError",
    "BulkDeleteError",
    "CheckFailure",
    "ClientHTTPResponseError",
    "CloudflareBanError",
    "CommandDeclarationError",
    "CommandError",
    "ComponentClosedError",
    "ComponentStateConflictError",
    "CooldownError",
    "ForbiddenError",
    "GatewayConnectionError",
    "GatewayError",
    "GatewayFatalCloseError",
    "GatewayServerClosedConnectionError",
    "GatewayTransportError",
    "HTTPError",
    "HTTPResponseError",
    "InteractionVerificationError",
    "InternalServerError",
    "MalformedResponseError",
    "MaxConcurrencyError",
    "MissingIntentError",
    "NotFoundError",
    "OptionConversionError",
    "OrchestratorWorkerError",
    "RateLimitTooLongError",
    "RateLimitedError",
    "ResourceFetchError",
    "SessionBudgetExhaustedError",
    "ShardCloseCode",
    "UnauthorizedError",
    "UnrecognisedEntityError",
    "error_for_status",
]

_REDACTED_HEADERS: typing.Final = frozenset({"authorization", "proxy-authorization", "cookie"})


class AnycordError(Exception):
    """Base of every anycord exception."""


class ComponentStateConflictError(AnycordError):
    """A lifecycle method was called in a state that does not allow it (e.g. `start` twice)."""


class ComponentClosedError(AnycordError):
    """The component closed while this call was waiting on it."""


class MissingIntentError(AnycordError, ValueError):
    """The operation needs gateway intents the bot was not started with."""

    def __init__(self, intents: Intents, message: str = "") -> None:
        self.intents = intents
        super().__init__(message or f"missing intents: {intents!r}")


class UnrecognisedEntityError(AnycordError):
    """A payload described an entity type this version of anycord does not know."""


class BulkDeleteError(AnycordError):
    """A bulk delete failed after deleting some of the messages."""

    def __init__(
        self, deleted: Sequence[int], remaining: Sequence[int], cause: BaseException
    ) -> None:
        self.deleted = tuple(deleted)
        self.remaining = tuple(remaining)
        super().__init__(
            f"bulk delete stopped after {len(self.deleted)} of "
            f"{len(self.deleted) + len(self.remaining)} messages: {cause}"
        )


class InteractionVerificationError(AnycordError):
    """An interaction request's signature or timestamp did not verify."""


class SessionBudgetExhaustedError(AnycordError):
    """The daily session-start budget (`session_start_limit.remaining`) is spent.

    Identifying anyway would make Discord terminate every session and reset the token, so
    anycord refuses and says when the budget resets.
    """

    def __init__(self, reset_after: float | None = None) -> None:
        self.reset_after = reset_after
        when = f"; it resets in {reset_after:.0f}s" if reset_after is not None else ""
        super().__init__(f"the daily session start budget is exhausted{when}")


class OrchestratorWorkerError(AnycordError):
    """A worker process of the orchestrator's local back-end failed fatally.

    `worker` is the worker's index and `returncode` its exit status; the worker's own
    traceback went to its stderr.
    """

    def __init__(self, worker: int, returncode: int | None, reason: str = "") -> None:
        self.worker = worker
        self.returncode = returncode
        detail = f": {reason}" if reason else ""
        super().__init__(
            f"orchestrator worker {worker} failed with exit status {returncode}{detail}"
        )


class ResourceFetchError(AnycordError):
    """A URL resource (an attachment, an icon, an emoji by URL) could not be downloaded.

    Raised before anything is sent to Discord, so no message goes out with a missing or empty
    file. The message names the host, never the whole URL (its path or query may carry a
    credential); `status` is the HTTP status when the server answered with an error.
    """

    def __init__(self, filename: str, host: str, detail: str, status: int | None = None) -> None:
        self.filename = filename
        self.host = host
        self.status = status
        super().__init__(f"could not fetch {filename!r} from {host}: {detail}")


# -- HTTP ---------------------------------------------------------------------------------


class HTTPError(AnycordError):
    """Talking to the REST API failed."""


class MalformedResponseError(HTTPError):
    """Discord answered 2xx, but the JSON does not have the shape the endpoint documents.

    `route` is the method and path template (`POST /guilds/{guild_id}/roles`), never the
    URL; `detail` says what was missing or wrong (the original error is the `__cause__`).
    """

    def __init__(self, route: str, detail: str) -> None:
        self.route = route
        self.detail = detail
        super().__init__(f"{route}: the answer does not have the expected shape ({detail})")


class RateLimitTooLongError(HTTPError):
    """Discord asked for a wait longer than the client's `max_rate_limit`.

    Raised instead of sleeping, so a bot never silently stalls for minutes.
    """

    def __init__(
        self, *, route: str, retry_after: float, max_rate_limit: float, is_global: bool
    ) -> None:
        self.route = route
        self.retry_after = retry_after
        self.max_rate_limit = max_rate_limit
        self.is_global = is_global
        scope = "global" if is_global else "route"
        super().__init__(
            f"{route}: {scope} rate limit asks for {retry_after:.2f}s, "
            f"more than max_rate_limit={max_rate_limit:.2f}s"
        )


class CloudflareBanError(RateLimitTooLongError):
    """Discord's edge refuses this IP address for `retry_after` seconds, longer than
    `max_rate_limit`: the answer to too many invalid requests (401, 403 and non-shared 429:
    10,000 per 10 minutes, developers/topics/rate-limits.mdx "Invalid Request Limit").

    Recognised as a 429 without Discord's JSON body and `X-RateLimit-Scope` header. A shorter
    ban is waited out like a global rate limit instead.
    """

    def __init__(self, *, route: str, retry_after: float, max_rate_limit: float) -> None:
        super().__init__(
            route=route, retry_after=retry_after, max_rate_limit=max_rate_limit, is_global=True
        )
        self.args = (
            f"{route}: Discord's API refuses this IP address for {retry_after:.0f}s (a "
            "Cloudflare ban after too many 401/403/429 answers; more than "
            f"max_rate_limit={max_rate_limit:.2f}s)",
        )


class HTTPResponseError(HTTPError):
    """Discord answered with an error status.

    Attributes:
        url: the request URL (no credentials are ever in it).
        status: the HTTP status code.
        headers: the response headers (credentials removed).
        raw_body: the body as received.
        code: Discord's JSON error code (0 when the body had none).
        message: Discord's message, or the HTTP reason.
        errors: the nested `errors` tree Discord sends with 400s (`{}` when absent).
    """

    def __init__(
        self,
        url: str,
        status: int,
        headers: Mapping[str, str],
        raw_body: bytes | str,
        message: str = "",
        code: int = 0,
        errors: Mapping[str, typing.Any] | None = None,
    ) -> None:
        self.url = url
        self.status = status
        self.headers = {k: v for k, v in headers.items() if k.lower() not in _REDACTED_HEADERS}
        self.raw_body = raw_body
        self.message = message
        self.code = code
        self.errors: Mapping[str, typing.Any] = errors or {}
        super().__init__(str(self))

    def __str__(self) -> str:
        # Discord's own message often repeats the status ("401: Unauthorized").
        message = self.message.removeprefix(f"{self.status}: ")
        head = f"{self.status} {message}".rstrip()
        if self.code:
            head += f" (Discord code {self.code})"
        text = f"{head} for {self.url}"
        if self.errors:
            details = "; ".join(f"{path}: {msg}" for path, msg in self.flat_errors())
            text += f": {details}"
        return text

    def flat_errors(self) -> list[tuple[str, str]]:
        """The `errors` tree flattened to `(path, message)` pairs, e.g. `("embeds.0.title", "...")`."""
        out: list[tuple[str, str]] = []

        def walk(node: object, path: str) -> None:
            if isinstance(node, dict):
                if "_errors" in node and isinstance(node["_errors"], list):
                    for err in node["_errors"]:
                        msg = err.get("message", "") if isinstance(err, dict) else str(err)
                        out.append((path or "<root>", str(msg)))
                for key, value in node.items():
                    if key != "_errors":
                        walk(value, f"{path}.{key}" if path else str(key))

        walk(self.errors, "")
        return out


class ClientHTTPResponseError(HTTPResponseError):
    """A 4xx response."""


class BadRequestError(ClientHTTPResponseError):
    """400: the request was malformed; `errors` says which fields."""


class UnauthorizedError(ClientHTTPResponseError):
    """401: the token is missing, malformed or revoked. The message says to check it."""

    def __str__(self) -> str:
        return (
            f"{super().__str__()}: Discord refused the token; check the token you passed "
            "(it is wrong, was reset in the Developer Portal, or is of the wrong type)"
        )


class ForbiddenError(ClientHTTPResponseError):
    """403: the token is valid but may not do this."""


class NotFoundError(ClientHTTPResponseError):
    """404: no such resource."""


class RateLimitedError(ClientHTTPResponseError):
    """A 429 that could not be retried (for example a malformed 429 from a proxy)."""


class InternalServerError(HTTPResponseError):
    """A 5xx response, after the client's retries ran out."""


_STATUS_ERRORS: typing.Final[dict[int, type[HTTPResponseError]]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitedError,
}


def error_for_status(status: int) -> type[HTTPResponseError]:
    """The exception class for an HTTP error status."""
    if status in _STATUS_ERRORS:
        return _STATUS_ERRORS[status]
    if 400 <= status < 500:
        return ClientHTTPResponseError
    if 500 <= status < 600:
        return InternalServerError
    return HTTPResponseError


# -- Gateway ------------------------------------------------------------------------------


class ShardCloseCode(enum.IntEnum):
    """Close codes of Discord's gateway (topics/opcodes-and-status-codes.mdx)."""

    NORMAL_CLOSURE = 1000
    GOING_AWAY = 1001
    PROTOCOL_ERROR = 1002
    TYPE_ERROR = 1003
    ENCODING_ERROR = 1007
    POLICY_VIOLATION = 1008
    TOO_BIG = 1009
    UNEXPECTED_CONDITION = 1011
    UNKNOWN_ERROR = 4000
    UNKNOWN_OPCODE = 4001
    DECODE_ERROR = 4002
    NOT_AUTHENTICATED = 4003
    AUTHENTICATION_FAILED = 4004
    ALREADY_AUTHENTICATED = 4005
    INVALID_SEQ = 4007
    RATE_LIMITED = 4008
    SESSION_TIMEOUT = 4009
    INVALID_SHARD = 4010
    SHARDING_REQUIRED = 4011
    INVALID_VERSION = 4012
    INVALID_INTENT = 4013
    DISALLOWED_INTENT = 4014

    @property
    def is_fatal(self) -> bool:
        """Whether reconnecting is pointless (Discord documents these as "do not reconnect")."""
        return self in _FATAL_CLOSE_CODES

    @property
    def drops_session(self) -> bool:
        """Whether the next connection must IDENTIFY rather than RESUME."""
        return self in _SESSION_DROPPING_CLOSE_CODES


_FATAL_CLOSE_CODES: typing.Final = frozenset(
    {
        ShardCloseCode.AUTHENTICATION_FAILED,
        ShardCloseCode.INVALID_SHARD,
        ShardCloseCode.SHARDING_REQUIRED,
        ShardCloseCode.INVALID_VERSION,
        ShardCloseCode.INVALID_INTENT,
        ShardCloseCode.DISALLOWED_INTENT,
    }
)
_SESSION_DROPPING_CLOSE_CODES: typing.Final = frozenset(
    {ShardCloseCode.INVALID_SEQ, ShardCloseCode.SESSION_TIMEOUT}
)


class GatewayError(AnycordError):
    """A gateway connection failed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class GatewayConnectionError(GatewayError):
    """Could not connect to the gateway, or the connection dropped without a close frame."""


class GatewayTransportError(GatewayError):
    """A frame could not be decoded (bad compression, bad UTF-8, bad JSON, wrong shape)."""


class GatewayServerClosedConnectionError(GatewayError):
    """Discord closed the connection with a close code.

    `can_reconnect` is False for the codes Discord documents as final (4004, 4010–4014).
    """

    def __init__(
        self, reason: str, code: int | ShardCloseCode | None = None, *, can_reconnect: bool = True
    ) -> None:
        self.code = code
        self.can_reconnect = can_reconnect
        super().__init__(reason)

    def __str__(self) -> str:
        name = ""
        if self.code is not None:
            try:
                name = f" {ShardCloseCode(self.code).name}"
            except ValueError:
                name = ""
        text = f"server closed the connection with code {self.code}{name}: {self.reason}"
        if self.code == ShardCloseCode.AUTHENTICATION_FAILED:
            text += "; check the bot token (it is wrong or was reset in the Developer Portal)"
        return text


class GatewayFatalCloseError(GatewayServerClosedConnectionError):
    """A close code after which the shard must not reconnect; it ends the bot's tree."""

    def __init__(self, reason: str, code: int | ShardCloseCode | None = None) -> None:
        super().__init__(reason, code, can_reconnect=False)


class CommandDeclarationError(AnycordError, ValueError):
    """A command, option or route declaration Discord would refuse (or that cannot work),
    raised when it is declared; the message names the command and the option."""


class CommandError(AnycordError):
    """An invocation failed for a reason the invoking user is told (the message, no traceback)."""


class CheckFailure(CommandError):
    """A check refused the invocation."""


class CooldownError(CommandError):
    """The command is on cooldown for this user, member, channel or guild."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"This is on cooldown; try again in {retry_after:.1f} s.")


class MaxConcurrencyError(CommandError):
    """The command already runs as many times at once as it may."""


class OptionConversionError(CommandError):
    """An option's value could not be resolved (a member outside a guild, a missing channel)."""


HikariError = AnycordError
"""hikari's name for `AnycordError` (the root of every error this library raises)."""
