"""`RESTClient`: every endpoint mixin on one request pipeline.

The pipeline of one call (`_request`): wait for the rate limiter's grant (`ratelimits.py`,
waiting with AnyIO), send through the httpx seam (`transport.py`), teach the limiter what the
answer said, then return the JSON or raise the typed error. 5xx answers and connection
failures are retried `max_retries` times with capped, jittered exponential backoff, when
`retries.may_resend` allows it (a request that may have reached Discord is repeated only when
repeating it cannot duplicate its effect); 429s are
retried after the wait Discord asked for (raising `RateLimitTooLongError` when it exceeds
`max_rate_limit`); a 401 makes a refreshable token strategy fetch a new token once.

Lifecycle: a client runs under a task group, either `async with RESTClient(...) as rest:` or
`await tg.start(rest.run)` and later `await rest.close()`. Its background task (forgetting
idle buckets) is a child of that group. Closing cancels every call in progress or waiting
on a rate limit; those calls raise `ComponentClosedError`.
"""

from __future__ import annotations

import contextlib
import logging
import math
import random
import typing
import urllib.parse
import uuid
from collections.abc import Mapping

import anyio
import anyio.abc
import httpx
import orjson

from anycord import errors, logs, urls
from anycord import files as files_
from anycord._groups import single_error
from anycord.config import HTTPSettings, ProxySettings
from anycord.rest import retries as retries_
from anycord.rest import shapes
from anycord.rest import transport as transport_
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints.applications import ApplicationEndpoints
from anycord.rest.endpoints.audit_logs import AuditLogEndpoints
from anycord.rest.endpoints.auto_mod import AutoModEndpoints
from anycord.rest.endpoints.builders import BuilderEndpoints
from anycord.rest.endpoints.channel_admin import ChannelAdminEndpoints
from anycord.rest.endpoints.channels import ChannelEndpoints
from anycord.rest.endpoints.commands import CommandEndpoints
from anycord.rest.endpoints.emojis import EmojiEndpoints
from anycord.rest.endpoints.gateway import GatewayEndpoints
from anycord.rest.endpoints.guild_admin import GuildAdminEndpoints
from anycord.rest.endpoints.guild_settings import GuildSettingsEndpoints
from anycord.rest.endpoints.guilds import GuildEndpoints
from anycord.rest.endpoints.interactions import InteractionEndpoints
from anycord.rest.endpoints.invites import InviteEndpoints
from anycord.rest.endpoints.lobbies import LobbyEndpoints
from anycord.rest.endpoints.members import MemberEndpoints
from anycord.rest.endpoints.messages import MessageEndpoints
from anycord.rest.endpoints.monetization import MonetizationEndpoints
from anycord.rest.endpoints.oauth2 import OAuth2Endpoints
from anycord.rest.endpoints.partner_sdk import PartnerSDKEndpoints
from anycord.rest.endpoints.polls import PollEndpoints
from anycord.rest.endpoints.reactions import ReactionEndpoints
from anycord.rest.endpoints.roles import RoleEndpoints
from anycord.rest.endpoints.scheduled_events import ScheduledEventEndpoints
from anycord.rest.endpoints.soundboard import SoundboardEndpoints
from anycord.rest.endpoints.stage_instances import StageInstanceEndpoints
from anycord.rest.endpoints.stickers import StickerEndpoints
from anycord.rest.endpoints.templates import TemplateEndpoints
from anycord.rest.endpoints.threads import ThreadEndpoints
from anycord.rest.endpoints.user_extras import UserExtraEndpoints
from anycord.rest.endpoints.users import UserEndpoints
from anycord.rest.endpoints.voice import VoiceEndpoints
from anycord.rest.endpoints.voice_messages import VoiceMessageEndpoints
from anycord.rest.endpoints.webhook_tokens import WebhookTokenEndpoints
from anycord.rest.endpoints.webhooks import WebhookEndpoints
from anycord.rest.ratelimits import (
    CLOUDFLARE_SCOPE,
    GLOBAL_KEY,
    Grant,
    RateLimiter,
    RateLimitInfo,
    Wait,
)
from anycord.rest.tokens import StaticToken, TokenStrategy
from anycord.rest.waiters import TICK, Waiter, WaitQueues
from anycord.stats import RESTStats
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterable, AsyncIterator, Iterable, Sequence
    from types import TracebackType

    from anycord.files import Resource
    from anycord.rest.endpoints._base import QueryValue
    from anycord.rest.routes import CompiledRoute
    from anycord.traits import RESTAware

__all__ = ["RETRY_STATUSES", "RESTClient", "encode_multipart", "encode_query"]

_LOGGER = logging.getLogger("anycord.rest")

RETRY_STATUSES: typing.Final = frozenset({500, 502, 503, 504})
"""Statuses retried with backoff (they say nothing about the request itself)."""

_MAX_429_RETRIES: typing.Final = 10
_BACKOFF_CAP: typing.Final = 16.0
_GC_PERIOD: typing.Final = 20.0
_CLOSE_DEADLINE: typing.Final = 5.0
"""How long closing an upload's stream (a file, a download) may take once its body stopped."""


def encode_query(
    query: Mapping[str, QueryValue] | None,
) -> list[tuple[str, str | int | float | bool | None]]:
    """Query pairs as Discord reads them: `true`/`false`, repeated keys for sequences."""
    out: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in (query or {}).items():
        if isinstance(value, bool):
            out.append((key, "true" if value else "false"))
        elif isinstance(value, (str, int)):
            out.append((key, str(int(value)) if isinstance(value, int) else value))
        else:
            out.extend((key, str(v)) for v in value)
    return out


def _quote_header_param(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


async def encode_multipart(
    boundary: str,
    payload: object,
    files: Sequence[Resource] | Mapping[str, Resource],
    form: Mapping[str, str] | None = None,
) -> AsyncIterator[bytes]:
    """A `multipart/form-data` body, each file streamed in chunks.

    In order: the `form` fields as plain parts, `payload_json` (when `payload` is not None),
    then the files: a sequence as `files[n]`, a mapping under the part names it gives (a
    guild sticker's `file`, an invite's `target_users_file`). Every multipart body anycord
    sends is written here: REST requests and the interaction server's answers with files. A
    file's stream is closed when the body stops early (a dropped connection, a cancellation),
    not left to the garbage collector.
    """
    sep = f"--{boundary}\r\n".encode()
    for name, value in (form or {}).items():
        yield sep
        yield f'Content-Disposition: form-data; name="{_quote_header_param(name)}"\r\n\r\n'.encode()
        yield value.encode()
        yield b"\r\n"
    if payload is not None:
        yield sep
        yield (
            b'Content-Disposition: form-data; name="payload_json"\r\n'
            b"Content-Type: application/json\r\n\r\n"
        )
        yield orjson.dumps(payload)
        yield b"\r\n"
    named = (
        files.items()
        if isinstance(files, Mapping)
        else ((f"files[{index}]", resource) for index, resource in enumerate(files))
    )
    for name, resource in named:
        yield sep
        yield (
            f'Content-Disposition: form-data; name="{_quote_header_param(name)}"; '
            f'filename="{_quote_header_param(resource.filename)}"\r\n'
            f"Content-Type: {resource.content_type}\r\n\r\n"
        ).encode()
        stream = resource.stream()
        try:
            async for chunk in stream:
                yield chunk
        finally:
            # Async generators (every anycord resource) close their file or response now.
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                with anyio.move_on_after(_CLOSE_DEADLINE, shield=True):
                    await aclose()
        yield b"\r\n"
    yield f"--{boundary}--\r\n".encode()


def _backoff(attempt: int, rng: random.Random) -> float:
    base = min(_BACKOFF_CAP, 2.0 ** (attempt - 1))
    return base * (0.5 + 0.5 * rng.random())


class RESTClient(
    BuilderEndpoints,
    GatewayEndpoints,
    UserEndpoints,
    ChannelEndpoints,
    MessageEndpoints,
    VoiceMessageEndpoints,
    ReactionEndpoints,
    InteractionEndpoints,
    WebhookEndpoints,
    CommandEndpoints,
    GuildEndpoints,
    MemberEndpoints,
    RoleEndpoints,
    ThreadEndpoints,
    ApplicationEndpoints,
    AuditLogEndpoints,
    AutoModEndpoints,
    ChannelAdminEndpoints,
    EmojiEndpoints,
    GuildAdminEndpoints,
    GuildSettingsEndpoints,
    InviteEndpoints,
    LobbyEndpoints,
    MonetizationEndpoints,
    OAuth2Endpoints,
    PartnerSDKEndpoints,
    PollEndpoints,
    ScheduledEventEndpoints,
    SoundboardEndpoints,
    StageInstanceEndpoints,
    StickerEndpoints,
    TemplateEndpoints,
    UserExtraEndpoints,
    VoiceEndpoints,
    WebhookTokenEndpoints,
    EndpointBase,
):
    """Discord's REST API for one token.

    Args:
        token: the token, a `TokenStrategy`, or `None` (only token-authenticated webhook and
            interaction routes work then).
        token_type: `"Bot"` or `"Bearer"` for a string token.
        http_settings: connection behaviour (keep-alive, timeouts, the proactive global limit
            `HTTPSettings.global_rate_limit`).
        proxy_settings: the proxy to connect through.
        max_rate_limit: the longest rate-limit wait accepted, in seconds; longer ones raise
            `RateLimitTooLongError` instead of stalling.
        max_retries: retries after a 5xx or a connection failure (0 to 5).
        rest_url: the API base URL (default Discord's v10; FakeDiscord's `rest_url` in tests).
        transport: an httpx transport to use instead of the network (`httpx.ASGITransport`).
        http_client: a shared `httpx.AsyncClient` (from `RESTApp`); the client does not close it.
        app: what decoded models get as `app` (default: this client).
    """

    def __init__(
        self,
        token: str | TokenStrategy | None = None,
        token_type: str = "Bot",
        *,
        http_settings: HTTPSettings | None = None,
        proxy_settings: ProxySettings | None = None,
        max_rate_limit: float = 300.0,
        max_retries: int = 3,
        rest_url: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        app: RESTAware | None = None,
        rate_limiter: RateLimiter | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if not 0 <= max_retries <= 5:
            msg = f"max_retries must be between 0 and 5, not {max_retries}"
            raise ValueError(msg)
        if not max_rate_limit > 0:
            msg = f"max_rate_limit must be positive, not {max_rate_limit}"
            raise ValueError(msg)
        self._strategy: TokenStrategy | None = (
            StaticToken(token, token_type) if isinstance(token, str) else token
        )
        self._http_settings = http_settings or HTTPSettings()
        self._proxy_settings = proxy_settings or ProxySettings()
        self.max_rate_limit = max_rate_limit
        self.max_retries = max_retries
        self.rest_url = (rest_url or urls.REST_API_URL).rstrip("/")
        self._transport = transport
        self._shared_http = http_client
        self._http: httpx.AsyncClient | None = http_client
        self._fast: transport_.AnycordTransport | None = None
        self._app_ref = app
        self.rate_limiter = (
            rate_limiter
            if rate_limiter is not None
            else RateLimiter(global_limit=self._http_settings.global_rate_limit)
        )
        self._rng = rng or random.Random()
        self._waiters = WaitQueues()
        self._scopes: set[anyio.CancelScope] = set()
        self.stats = RESTStats()
        """Requests, latency, 429s and rate-limit waits by route (`anycord.stats.RESTStats`)."""
        self._state = "new"
        self._stop: anyio.Event | None = None
        self._stopped: anyio.Event | None = None
        self._exit_stack: contextlib.AsyncExitStack | None = None

    def __repr__(self) -> str:
        kind = self._strategy.token_type if self._strategy else "none"
        return f"RESTClient(rest_url={self.rest_url!r}, token_type={kind!r}, state={self._state!r})"

    # -- identity --------------------------------------------------------------------------

    @property
    def rest(self) -> RESTClient:
        """This client (so a standalone client is itself `RESTAware`)."""
        return self

    @property
    def _app(self) -> RESTAware:
        return self._app_ref if self._app_ref is not None else self

    @property
    def token_type(self) -> str | None:
        """`Bot`, `Bearer`, or `None` without a token."""
        return None if self._strategy is None else self._strategy.token_type

    @property
    def is_alive(self) -> bool:
        """Whether the client is running (between start and close)."""
        return self._state == "running"

    @property
    def is_fresh(self) -> bool:
        """Whether the client was never started nor closed (a client runs once)."""
        return self._state == "new"

    @property
    def http_settings(self) -> HTTPSettings:
        """The HTTP settings in use (the defaults when none were given)."""
        return self._http_settings

    @property
    def proxy_settings(self) -> ProxySettings:
        """The proxy settings in use (the defaults when none were given)."""
        return self._proxy_settings

    @property
    def http_client(self) -> httpx.AsyncClient | None:
        """The httpx client in use (while running)."""
        return self._http

    # -- lifecycle -------------------------------------------------------------------------

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        """Run until `close()`: `await tg.start(rest.run)` returns once requests can be made."""
        if self._state != "new":
            msg = f"this REST client cannot start: it is {self._state}"
            raise errors.ComponentStateConflictError(msg)
        self._state = "running"
        self._stop = anyio.Event()
        self._stopped = anyio.Event()
        owned = self._http is None
        if owned:
            self._http = transport_.build_http_client(
                self._http_settings, self._proxy_settings, transport=self._transport
            )
        assert self._http is not None
        self._fast = transport_.fast_transport(self._http)
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._collect_garbage)
                task_status.started()
                await self._stop.wait()
                tg.cancel_scope.cancel()
        finally:
            self._state = "closed"
            self._cancel_calls()
            if owned and self._http is not None:
                with anyio.CancelScope(shield=True), anyio.move_on_after(5.0):
                    await self._http.aclose()
            self._stopped.set()

    async def close(self) -> None:
        """Stop: calls in progress or waiting raise `ComponentClosedError`; returns when done."""
        if not self._request_stop():
            return
        assert self._stopped is not None
        await self._stopped.wait()

    def _request_stop(self) -> bool:
        """Start stopping without awaiting; False when there is no running client to wait for."""
        if self._state == "new":
            self._state = "closed"
            return False
        if self._stop is None or self._stopped is None:
            return False
        self._state = "closing" if self._state == "running" else self._state
        self._cancel_calls()
        self._stop.set()
        return True

    def _cancel_calls(self) -> None:
        for scope in list(self._scopes):
            scope.cancel()

    async def __aenter__(self) -> RESTClient:
        stack = contextlib.AsyncExitStack()
        tg = await stack.enter_async_context(anyio.create_task_group())
        try:
            await tg.start(self.run)
        except BaseException:
            await stack.aclose()
            raise
        self._exit_stack = stack
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Nothing is awaited before the task group exits: if this exit is a cancellation, an
        # await here would raise at once and leave the group's cancel scope open on the task.
        stack, self._exit_stack = self._exit_stack, None
        self._request_stop()
        if stack is None:
            return
        try:
            await stack.__aexit__(exc_type, exc, tb)
        except BaseExceptionGroup as group:
            # The background task group is ours, not the caller's: the body's own error
            # comes out as itself (returning lets the `with` statement re-raise it).
            error = single_error(group)
            if error is exc:
                return
            raise error from None

    async def _collect_garbage(self) -> None:
        while True:
            await anyio.sleep(_GC_PERIOD)
            self.rate_limiter.gc(anyio.current_time())

    # -- the request pipeline ----------------------------------------------------------------

    async def _request(
        self,
        route: CompiledRoute,
        *,
        query: Mapping[str, QueryValue] | None = None,
        json: object = None,
        files: Sequence[Resource] | Mapping[str, Resource] = (),
        form: Mapping[str, str] | None = None,
        reason: UndefinedOr[str] = UNDEFINED,
        auth: UndefinedNoneOr[str] = UNDEFINED,
        raw: bool = False,
    ) -> typing.Any:  # noqa: ANN401 (the decoded JSON body, whose shape the endpoint knows)
        if self._state != "running":
            msg = f"the REST client is {self._state}; start it (async with, or tg.start(rest.run))"
            if self._state in ("closing", "closed"):
                raise errors.ComponentClosedError(msg)
            raise errors.ComponentStateConflictError(msg)
        with anyio.CancelScope() as scope:
            self._scopes.add(scope)
            try:
                return await self._perform(route, query, json, files, form, reason, auth, raw=raw)
            finally:
                self._scopes.discard(scope)
        msg = f"{route}: the REST client was closed while the request was in progress"
        raise errors.ComponentClosedError(msg)

    def _ask(self, route: CompiledRoute, now: float) -> Grant | Wait | str:
        """The limiter's answer now, or the key of the queue of callers already held on this
        route's global slot or bucket: first come, first served, a newcomer queues behind
        them instead of overtaking them (`waiters.py`)."""
        queues = self._waiters
        if route.route.global_limit and GLOBAL_KEY in queues:
            return GLOBAL_KEY
        state = self.rate_limiter.state_key(route)
        if state is not None and state in queues:
            return state
        return self.rate_limiter.acquire(route, now)

    async def _wait_for_grant(self, route: CompiledRoute, asked: Wait | str) -> Grant:
        """Queue on the key `_ask` answered until this caller is granted."""
        limiter = self.rate_limiter
        queues = self._waiters
        decision: Grant | Wait | None = None
        if isinstance(asked, str):
            key = asked
        else:
            decision = asked
            key = asked.key
        waiter = Waiter(route)
        queues.join(key, waiter)
        try:
            while True:
                # `decision` is None (queued behind others), a grant, or a wait on the queue
                # this caller is in (`serve` moves callers it tells to wait elsewhere).
                delay = None
                if decision is not None:
                    if isinstance(decision, Grant):
                        return decision
                    if decision.delay is not None and decision.delay > self.max_rate_limit:
                        raise errors.RateLimitTooLongError(
                            route=str(route),
                            retry_after=decision.delay,
                            max_rate_limit=self.max_rate_limit,
                            is_global=decision.is_global,
                        )
                    if _LOGGER.isEnabledFor(logs.TRACE):
                        _LOGGER.log(
                            logs.TRACE, "%s waits %s on %s", route, decision.delay, decision.key
                        )
                    if queues.is_head(decision.key, waiter):
                        delay = decision.delay
                        if delay is not None and decision.key == GLOBAL_KEY:
                            delay = self._global_timer(delay)
                await queues.wait(waiter, delay)
                # Handed an answer by the head that served the queue, or (as the head, after
                # its timer or a response) serve the queue now, from this caller on.
                decision = waiter.take()
                if decision is None and waiter.key is not None:
                    decision = queues.serve(waiter.key, waiter, self._acquire)
        finally:
            queues.leave(waiter)
            handed = waiter.take()
            if isinstance(handed, Grant):
                # Granted by the head, then cancelled before it could send: the slot it
                # consumed stays consumed; its bucket's next caller may go.
                self._wake(limiter.release(handed, anyio.current_time()))

    def _global_timer(self, delay: float) -> float:
        """The global queue's head timer: until as many sends have left the window as
        callers are queued, at most `TICK` past the first (a burst's sends leave it one by
        one, microseconds apart), so the callers are granted together on one wake-up."""
        queued = self._waiters.queued(GLOBAL_KEY)
        room = self.rate_limiter.global_limiter.delay(anyio.current_time(), queued)
        return min(max(delay, room), delay + TICK)

    def _acquire(self, route: CompiledRoute) -> Grant | Wait:
        return self.rate_limiter.acquire(route, anyio.current_time())

    def _wake(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._waiters.wake(key)

    async def _perform(
        self,
        route: CompiledRoute,
        query: Mapping[str, QueryValue] | None,
        json: object,
        files: Sequence[Resource] | Mapping[str, Resource],
        form: Mapping[str, str] | None,
        reason: UndefinedOr[str],
        auth: UndefinedNoneOr[str],
        *,
        raw: bool,
    ) -> typing.Any:  # noqa: ANN401 (the decoded JSON body, whose shape the endpoint knows)
        assert self._http is not None
        if files:
            # URL attachments are downloaded now: a failed download raises before Discord
            # sees anything, and retries re-send the same bytes.
            files = await files_.prefetch(files)
        url = self.rest_url + route.path
        shown_url = self.rest_url + (route.safe_path or route.path)
        params = encode_query(query)
        template = str(route)  # the only name metrics see: no ids, no tokens
        stats = self.stats
        retries = 0
        limited = 0
        refreshed = False
        total = self._http_settings.timeouts.total
        while True:
            header = await self._authorization(auth)
            headers: dict[str, str] = {}
            if header is not None:
                headers["Authorization"] = header
            if reason is not UNDEFINED:
                headers["X-Audit-Log-Reason"] = urllib.parse.quote(reason, safe=" ")
            content: bytes | AsyncIterable[bytes] | None = None
            if files:
                boundary = uuid.uuid4().hex
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
                content = encode_multipart(boundary, json, files, form)
            elif form is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                content = urllib.parse.urlencode(form).encode()
            elif json is not None:
                headers["Content-Type"] = "application/json"
                content = orjson.dumps(json)

            asked = anyio.current_time()
            decision = self._ask(route, asked)
            if isinstance(decision, Grant):
                grant, started = decision, asked
            else:
                grant = await self._wait_for_grant(route, decision)
                started = anyio.current_time()
                if started > asked:
                    stats.wait(template, started - asked)
            try:
                deadline = math.inf if total is None else started + total
                response = await self._send(route.method, url, params, headers, content, deadline)
            except (httpx.TransportError, TimeoutError) as exc:
                self._wake(self.rate_limiter.release(grant, anyio.current_time()))
                problem = logs.redact(
                    retries_.describe_failure(exc, self._http_settings.timeouts).replace(
                        url, shown_url
                    )
                )
                sent = retries_.was_sent(exc)
                if not retries_.may_resend(route.route, json, sent=sent):
                    msg = (
                        f"{route.method} {shown_url} failed: {problem}; not retried, because "
                        f"the request may have reached Discord and {route} is not idempotent"
                    )
                    raise errors.HTTPError(msg) from None
                if retries >= self.max_retries:
                    msg = (
                        f"{route.method} {shown_url} failed after {retries + 1} attempts: {problem}"
                    )
                    raise errors.HTTPError(msg) from None
                retries += 1
                delay = _backoff(retries, self._rng)
                _LOGGER.warning(
                    "%s %s: %s; retry %d in %.2fs", route.method, shown_url, problem, retries, delay
                )
                await anyio.sleep(delay)
                continue
            except BaseException:
                self._wake(self.rate_limiter.release(grant, anyio.current_time()))
                raise

            status = response.status_code
            raw_body = response.content
            body = _decode_body(response)
            info = RateLimitInfo.parse(response.headers, body if status == 429 else None)
            now = anyio.current_time()
            if status >= 500 and info.bucket is None:
                self._wake(self.rate_limiter.release(grant, now))
            else:
                woken, crossed = self.rate_limiter.on_response(grant, now, status, info)
                self._wake(woken)
                if crossed is not None:
                    _LOGGER.warning(
                        "%d%% of Discord's invalid-request budget (%d per %.0fs) used: "
                        "401, 403 and 429 answers lead to a temporary IP ban",
                        round(crossed * 100),
                        self.rate_limiter.invalid.limit,
                        self.rate_limiter.invalid.period,
                    )
            stats.answered(template, status, now - started)
            if _LOGGER.isEnabledFor(logging.DEBUG):
                # One line per request: method and template only (no IDs, no tokens).
                _LOGGER.debug("%s -> %d in %.3fs", route, status, now - started)

            if 200 <= status < 300:
                shapes.note_answer(route)
                if raw:
                    return b"" if status == 204 else raw_body
                if status == 204 or not raw_body:
                    return None
                if body is _NOT_JSON:
                    kind = response.headers.get("content-type")
                    raise errors.MalformedResponseError(str(route), f"expected JSON, got {kind!r}")
                return body
            if status == 429:
                stats.limited(template, info.scope)
                if info.retry_after is None:
                    raise _error(shown_url, response, body, raw_body)
                if info.scope == CLOUDFLARE_SCOPE:
                    _LOGGER.error(
                        "%s: Discord's API refuses this IP address for %.0fs (a Cloudflare ban "
                        "after too many 401, 403 and 429 answers); every request waits",
                        route,
                        info.retry_after,
                    )
                    if info.retry_after > self.max_rate_limit:
                        raise errors.CloudflareBanError(
                            route=str(route),
                            retry_after=info.retry_after,
                            max_rate_limit=self.max_rate_limit,
                        )
                if info.retry_after > self.max_rate_limit:
                    raise errors.RateLimitTooLongError(
                        route=str(route),
                        retry_after=info.retry_after,
                        max_rate_limit=self.max_rate_limit,
                        is_global=info.is_global,
                    )
                limited += 1
                if limited > _MAX_429_RETRIES:
                    raise _error(shown_url, response, body, raw_body)
                _LOGGER.warning(
                    "%s: 429 (scope %s, global %s), retrying after %.3fs",
                    route,
                    info.scope,
                    info.is_global,
                    info.retry_after,
                )
                continue
            if (
                status == 401
                and not refreshed
                and auth is UNDEFINED
                and self._strategy is not None
                and self._strategy.can_refresh
            ):
                refreshed = True
                self._strategy.invalidate(header)
                continue
            if (
                status in RETRY_STATUSES
                and retries < self.max_retries
                and retries_.may_resend(route.route, json, sent=True)
            ):
                retries += 1
                delay = _backoff(retries, self._rng)
                _LOGGER.warning(
                    "%s %s: %d; retry %d in %.2fs", route.method, shown_url, status, retries, delay
                )
                await anyio.sleep(delay)
                continue
            raise _error(shown_url, response, body, raw_body)

    async def _send(
        self,
        method: str,
        url: str,
        params: list[tuple[str, str | int | float | bool | None]],
        headers: dict[str, str],
        content: bytes | AsyncIterable[bytes] | None,
        deadline: float,
    ) -> _Response:
        """One attempt; past `deadline` (the attempt's `total` timeout), `TimeoutError`."""
        fast = self._fast
        if fast is not None:
            # The transport times the attempt within its own cancel scope (one per request).
            return await fast.request(
                method, url, params=params, headers=headers, content=content, deadline=deadline
            )
        assert self._http is not None
        with anyio.fail_at(deadline):
            return await self._http.request(
                method, url, params=params, headers=headers, content=content
            )

    async def _authorization(self, auth: UndefinedNoneOr[str]) -> str | None:
        if auth is not UNDEFINED:
            return auth
        if self._strategy is None:
            return None
        return await self._strategy.acquire(self)


_NOT_JSON: typing.Final = object()
_Response: typing.TypeAlias = "httpx.Response | transport_.Response"
"""What a request answers: httpx's response, or the fast transport's (the same attributes)."""


def _decode_body(response: _Response) -> typing.Any:  # noqa: ANN401 (a JSON value, or _NOT_JSON)
    raw = response.content
    if not raw:
        return None
    if "json" not in response.headers.get("content-type", "application/json"):
        return _NOT_JSON
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _NOT_JSON


def _error(url: str, response: _Response, body: object, raw: bytes) -> errors.HTTPResponseError:
    status = response.status_code
    message = response.reason_phrase
    code = 0
    tree: Mapping[str, typing.Any] | None = None
    if isinstance(body, dict):
        message = str(body.get("message", message))
        raw_code = body.get("code", 0)
        code = raw_code if isinstance(raw_code, int) else 0
        nested = body.get("errors")
        tree = nested if isinstance(nested, dict) else None
    cls = errors.error_for_status(status)
    return cls(url, status, dict(response.headers), raw, message, code, tree)
