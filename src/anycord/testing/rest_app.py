"""The fake's REST API: a raw ASGI 3 app serving `/api/v10` over the shared world.

`FakeRestApp` is what `fake.asgi_app` and `fake.rest` are. In order, each request is:
logged (`requests`), refused while the caller is banned for too many invalid requests
(`invalid_request_limit`: a Cloudflare-style 429, counted in `stats.cloudflare_bans`),
delayed (`latency`), possibly failed (`fail_next`; a `"drop_after"`
fault instead lets the request be handled and drops the answer), authenticated (401
for anything but the fake's bot token or a registered Bearer token, unless the route needs
no auth), rate limited (`ratelimits.ServerRateLimits`: headers on every bucketed response,
429s, counters), then answered by a `stub` if one matches, else refused with Discord's 403
if the bot lacks a permission the route needs (`enforce_permissions`, `permissions`), else by
the route's handler (the stateful emulation in `rest_handlers` / `rest_guilds`), else 501
naming the route.
Attachments uploaded in messages are served back at `/attachments/…` on the same host.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import time
import typing
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping

import anyio
import attrs
import httpx
import orjson

from anycord.rest.routes import MAJOR_PARAMETERS
from anycord.testing import (
    permissions,
    rest_extras,
    rest_guilds,
    rest_handlers,
    rest_moderation,
    rest_oauth2,
    rest_webhooks,
)
from anycord.testing._http import (
    ApiError,
    RecordedFile,
    RecordedRequest,
    Reply,
    Request,
    Router,
    parse_content_type,
    parse_multipart,
    split_path,
)
from anycord.testing.ratelimits import (
    CLOUDFLARE_BODY,
    InvalidRequestLimit,
    RateLimitStats,
    ServerRateLimits,
)

if typing.TYPE_CHECKING:
    from anycord.testing.world import World

__all__ = ["FakeRestApp", "RecordedFile", "RecordedRequest"]

_LOGGER = logging.getLogger("anycord.testing.rest")
_MAX_BODY = 26 * 1024 * 1024
_EXTRA_ROUTES = (
    ("POST", "/oauth2/token", "optional"),
    ("POST", "/oauth2/token/revoke", "optional"),
)

Scope = MutableMapping[str, typing.Any]
Message = MutableMapping[str, typing.Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
StubBody = typing.Any


@attrs.frozen(slots=True)
class _Stub:
    status: int
    json: StubBody
    headers: tuple[tuple[str, str], ...]
    times: int | None


@attrs.frozen(slots=True)
class _Fault:
    status: int | str
    retry_after: float


class FakeRestApp:
    """The REST side of a FakeDiscord (an ASGI 3 application; see the module docstring)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.requests: list[RecordedRequest] = []
        """Every request received, in arrival order."""
        self.latency: float = 0.0
        """Seconds to wait before answering each request (on the fake's clock)."""
        self.ratelimits = ServerRateLimits()
        self.enforce_permissions = True
        """Answer 403 when the bot lacks a permission a route needs (`testing.permissions`:
        the routes bots use most, Discord's overwrite algorithm; the guild owner, which the
        bot is unless `add_guild(owner_id=...)` says otherwise, may do everything)."""
        self.invalid_request_limit = InvalidRequestLimit()
        """Discord's invalid-request limit (10,000 401/403/429 answers per 600 s ban the
        caller); set `.limit`, `.window`, `.ban_duration` to exercise it."""
        self._router = Router(_EXTRA_ROUTES)
        self._stubs: dict[tuple[str, str], list[_Stub]] = {}
        self._faults: list[_Fault] = []
        self._wall_offset: float | None = None
        self._handlers: dict[tuple[str, str], rest_handlers.Handler] = {
            **rest_handlers.HANDLERS,
            **rest_guilds.HANDLERS,
            **rest_webhooks.HANDLERS,
            **rest_moderation.HANDLERS,
            **rest_oauth2.HANDLERS,
            **rest_extras.HANDLERS,
        }
        if not any(getattr(f, "func", None) is rest_extras.record_audit for f in world.listeners):
            world.listeners.append(functools.partial(rest_extras.record_audit, world))

    # -- configuration ----------------------------------------------------------------------

    @property
    def bearer_tokens(self) -> set[str]:
        """OAuth2 access tokens the fake accepts as `Bearer <token>` (the world's set: POST
        /oauth2/token adds to it)."""
        return self.world.bearer_tokens

    @property
    def stats(self) -> RateLimitStats:
        """Rate-limit counters: `too_many_requests`, `global_429s`, `exhausted_sends`, …"""
        return self.ratelimits.stats

    @property
    def global_limit(self) -> int:
        """Requests per second per token (interaction and webhook-token routes exempt)."""
        return self.ratelimits.global_limit

    @global_limit.setter
    def global_limit(self, value: int) -> None:
        self.ratelimits.global_limit = value

    def limit(
        self, method: str, route: str, *, limit: int, per: float, bucket: str | None = None
    ) -> None:
        """Set a route's rate limit (`route` is the spec's path template); routes given the
        same `bucket` name share one window and one `X-RateLimit-Bucket`."""
        self._check_route(method, route)
        self.ratelimits.limit(method, route, limit=limit, per=per, bucket=bucket)

    def stub(
        self,
        method: str,
        route: str,
        *,
        json: StubBody = None,
        status: int = 200,
        headers: typing.Mapping[str, str] | None = None,
        times: int | None = None,
    ) -> None:
        """Answer `method route` with a canned body (or `json(recorded_request)` if callable)
        instead of the emulation; `times` limits how often (None: until `unstub`). A `bytes`
        body is sent as it is, under the `content-type` of `headers` (default
        `application/octet-stream`); anything else is sent as JSON."""
        self._check_route(method, route)
        hdrs = tuple((k.lower(), v) for k, v in (headers or {}).items())
        self._stubs.setdefault((method.upper(), route), []).append(_Stub(status, json, hdrs, times))

    def unstub(self, method: str, route: str) -> None:
        """Remove every stub of a route."""
        self._stubs.pop((method.upper(), route), None)

    def fail_next(
        self, count: int = 1, *, status: int | str = 500, retry_after: float = 1.0
    ) -> None:
        """Make the next `count` requests fail: a 5xx (or any) status, `"drop"` to drop the
        connection mid-response before handling the request, `"drop_after"` to handle it
        (the world changes, events are emitted) and then drop the connection before the
        answer's body, or 429 for a `shared`-scope rate limit of `retry_after` s."""
        if status not in ("drop", "drop_after") and not isinstance(status, int):
            msg = f"status must be an int, 'drop' or 'drop_after', got {status!r}"
            raise ValueError(msg)
        self._faults.extend(_Fault(status, retry_after) for _ in range(count))

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        """The logged requests that matched `method route`."""
        return [r for r in self.requests if r.method == method.upper() and r.route == route]

    def _check_route(self, method: str, route: str) -> None:
        segments = [s if not s.startswith("{") else "x" for s in route.strip("/").split("/")]
        found = self._router.match(method.upper(), segments)
        if not found or found.template != route:
            msg = f"{method} {route} is not a route of Discord's API (use the spec's path template)"
            raise ValueError(msg)

    # -- ASGI -------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI 3 entry point (http and lifespan)."""
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        await self._http(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        now = anyio.current_time()
        if self._wall_offset is None:
            self._wall_offset = time.time() - now
            self.ratelimits.wall_offset = self._wall_offset
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        raw_path = raw_path.split(b"?", 1)[0]
        method: str = scope["method"]
        if raw_path.startswith(b"/attachments/"):
            await self._serve_attachment(raw_path, send)
            return
        segments = split_path(raw_path)
        if len(segments) >= 2 and segments[0] == "api" and segments[1][:1] == "v":
            segments = segments[2:]
        elif segments and segments[0] == "api":
            segments = segments[1:]
        path = "/" + "/".join(segments)
        query = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
        record = RecordedRequest(
            method=method, path=path, route=None, query=query, headers=headers, time=now
        )
        self.requests.append(record)
        banned = self.invalid_request_limit.banned_for(now)
        if banned > 0:
            self.stats.cloudflare_bans += 1
            ban_headers = (
                ("content-type", "text/plain; charset=UTF-8"),
                ("retry-after", str(math.ceil(banned))),
            )
            await self._respond(send, record, 429, CLOUDFLARE_BODY, ban_headers, invalid=False)
            return
        try:
            body = await _read_body(receive)
        except ApiError as exc:
            await self._respond(send, record, exc.status, exc.body, ())
            return
        match = self._router.match(method, segments)
        if match:
            record.route = match.template
        if self.latency > 0:
            await anyio.sleep(self.latency)
            now = anyio.current_time()
        if self._faults:
            fault = self._faults.pop(0)
            if fault.status != "drop_after":
                # Logged with its body, so tests can compare what each retry sent.
                with contextlib.suppress(ApiError):
                    self._parse_body(record, headers.get("content-type", ""), body)
                await self._fault(send, record, fault)
                return
            send = _dropping_after_handling(send, record)
        if match is None:
            await self._respond(send, record, 404, {"message": "404: Not Found", "code": 0}, ())
            return
        if match is False:
            body405 = {"message": "405: Method Not Allowed", "code": 0}
            await self._respond(send, record, 405, body405, ())
            return
        if not self._authorised(headers.get("authorization"), match.auth):
            await self._respond(send, record, 401, {"message": "401: Unauthorized", "code": 0}, ())
            return
        try:
            self._parse_body(record, headers.get("content-type", ""), body)
        except ApiError as exc:
            await self._respond(send, record, exc.status, exc.body, ())
            return
        params = match.params
        major = ":".join(params[p] for p in MAJOR_PARAMETERS if p in params)
        template = match.template
        is_callback = template.startswith("/interactions/")
        verdict = self.ratelimits.check(
            method,
            template,
            major,
            headers.get("authorization", ""),
            now,
            global_exempt=is_callback
            or template.startswith("/webhooks/{webhook_id}/{webhook_token}"),
            bucketed=not is_callback,
        )
        if not verdict.allowed:
            await self._respond(send, record, 429, verdict.body, verdict.headers)
            return
        stub = self._take_stub(method, template)
        if stub is not None:
            payload = stub.json(record) if callable(stub.json) else stub.json
            await self._respond(send, record, stub.status, payload, verdict.headers + stub.headers)
            return
        if self.enforce_permissions and headers.get("authorization", "").startswith("Bot "):
            denied = permissions.check_route(
                self.world, method, template, params, int(self.world.bot_user["id"])
            )
            if denied is not None:
                await self._respond(send, record, 403, denied, verdict.headers)
                return
        handler = self._handlers.get((method, template))
        if handler is None:
            msg = f"FakeDiscord does not emulate {method} {template}; use fake.rest.stub()"
            await self._respond(send, record, 501, {"message": msg, "code": 0}, verdict.headers)
            return
        request = Request(
            method=method,
            template=template,
            params=params,
            query=query,
            headers=headers,
            json=record.json,
            files=record.files,
            form=record.form,
            base_url=_base_url(scope, headers),
            now=now,
        )
        try:
            reply = handler(self.world, request)
        except ApiError as exc:
            reply = Reply(exc.status, exc.body)
        await self._respond(send, record, reply.status, reply.body, verdict.headers)

    def _authorised(self, value: str | None, auth: str) -> bool:
        if value is None:
            return auth == "optional"
        kind, _, token = value.partition(" ")
        if kind == "Bot":
            return auth != "oauth2" and token == self.world.token
        if kind == "Bearer":
            return token in self.bearer_tokens
        # Client credentials (`Basic id:secret`) are checked by the OAuth2 token handler.
        return kind == "Basic" and auth == "optional"

    def _parse_body(self, record: RecordedRequest, content_type: str, body: bytes) -> None:
        if not body:
            return
        ctype, params = parse_content_type(content_type)
        if ctype == "application/json":
            try:
                record.json = orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise ApiError(400, 50109, "The request body contains invalid JSON.") from exc
        elif ctype == "multipart/form-data":
            parsed = parse_multipart(body, params.get("boundary", ""))
            record.json, record.files, record.form = parsed.payload, parsed.files, parsed.fields
        elif ctype == "application/x-www-form-urlencoded":
            pairs = urllib.parse.parse_qsl(body.decode("utf-8", "replace"))
            record.form = dict(pairs)
        else:
            raise ApiError(400, 50035, f"Invalid Form Body: unsupported content type {ctype!r}")

    def _take_stub(self, method: str, template: str) -> _Stub | None:
        stubs = self._stubs.get((method, template))
        if not stubs:
            return None
        stub = stubs[0]
        if stub.times is not None:
            remaining = stub.times - 1
            if remaining <= 0:
                stubs.pop(0)
            else:
                stubs[0] = attrs.evolve(stub, times=remaining)
        return stub

    async def _fault(self, send: Send, record: RecordedRequest, fault: _Fault) -> None:
        if fault.status == "drop":
            record.status = -1
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
                }
            )
            # An exception after the response started makes hypercorn close the connection
            # and httpx's ASGITransport re-raise it: both look like a dropped connection.
            msg = "FakeDiscord dropped the connection (fail_next(status='drop'))"
            raise httpx.ReadError(msg)
        status = int(fault.status)
        if status == 429:
            self.stats.too_many_requests += 1
            self.stats.shared_429s += 1
            retry = fault.retry_after
            hdrs = (("retry-after", str(int(-(-retry // 1)))), ("x-ratelimit-scope", "shared"))
            body = {
                "message": "The resource is being rate limited.",
                "retry_after": retry,
                "global": False,
            }
            await self._respond(send, record, 429, body, hdrs)
            return
        await self._respond(
            send, record, status, {"message": f"{status}: injected fault", "code": 0}, ()
        )

    async def _respond(
        self,
        send: Send,
        record: RecordedRequest,
        status: int,
        body: object,
        headers: typing.Iterable[tuple[str, str]],
        *,
        invalid: bool = True,
    ) -> None:
        record.status = status
        headers = list(headers)
        if invalid:
            scope = next((v for k, v in headers if k == "x-ratelimit-scope"), None)
            if self.invalid_request_limit.record(status, scope, anyio.current_time()):
                self.stats.invalid_requests += 1
        if isinstance(body, bytes):
            # A non-JSON answer (Discord's `text/csv` target users): the stub's own
            # content-type header, else a generic one.
            raw, ctype = body, "application/octet-stream"
        else:
            raw = b"" if body is None or status == 204 else orjson.dumps(body)
            ctype = "application/json"
        out = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        if raw and not any(k == "content-type" for k, _ in headers):
            out.append((b"content-type", ctype.encode("latin-1")))
        out.append((b"content-length", str(len(raw)).encode()))
        if _LOGGER.isEnabledFor(logging.DEBUG):
            _LOGGER.debug("%s %s -> %s", record.method, record.route or record.path, status)
        await send({"type": "http.response.start", "status": status, "headers": out})
        await send({"type": "http.response.body", "body": raw})

    async def _serve_attachment(self, raw_path: bytes, send: Send) -> None:
        segments = split_path(raw_path)
        found = None
        if len(segments) == 4:
            found = rest_handlers.find_attachment(self.world, segments[1], segments[2])
        if found is None:
            status, raw, ctype = 404, b"Not Found", b"text/plain"
        else:
            status, raw, ctype = 200, found.data, found.content_type.encode("latin-1")
        hdrs = [(b"content-type", ctype), (b"content-length", str(len(raw)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": hdrs})
        await send({"type": "http.response.body", "body": raw})


def _dropping_after_handling(send: Send, record: RecordedRequest) -> Send:
    """`send` that drops the connection instead of sending the answer's body."""

    async def dropping(message: Message) -> None:
        if message["type"] == "http.response.body":
            record.status = -1
            # Raised after the response started, like the "drop" fault (see `_fault`).
            msg = "FakeDiscord dropped the connection (fail_next(status='drop_after'))"
            raise httpx.ReadError(msg)
        await send(message)

    return dropping


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > _MAX_BODY:
            raise ApiError(413, 40005, "Request entity too large")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _base_url(scope: Scope, headers: dict[str, str]) -> str:
    host = headers.get("host")
    if host is None:
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}"
