"""`AsgiAdapter`: an `InteractionServer` as an ASGI 3 application.

Mount it in any ASGI server (hypercorn on asyncio or Trio, uvicorn, …) or inside an existing
ASGI app. It adds the transport checks to the server's status table: `POST` only (405 with
`Allow: POST`), on `path` only (404), `Content-Type: application/json` (415), both signature
headers present and hex (401), `Content-Length` and the streamed body at most `max_body_size`
(413, checked before the body is read when the length is declared), non-empty body (400).
Headers are checked before the body is read. Other paths are 404, except the read-only
`GET`/`HEAD` routes given as `routes` (health probes, metrics; `anycord.interactions.probe_routes`),
which are answered before any body is read, under the same server limits. A `HEAD` request
is answered with its `GET` answer's status and headers and no body.

Lifespan is handled the way the ASGI spec asks, in one long-lived call: on
`lifespan.startup` every startup callback runs, in the order added (the first failure stops
the rest and reports `lifespan.startup.failed`); the adapter then keeps the interaction
server's task group open (generator listeners continue there) until `lifespan.shutdown`,
when it waits for those continuations and runs **every** shutdown callback in order, even if
one fails (failures are reported together with `lifespan.shutdown.failed`). Nothing here is
asyncio- or Trio-specific, so it works under hypercorn's Trio worker too.
"""

from __future__ import annotations

import logging
import typing

from anycord.interactions.probe_routes import answer
from anycord.interactions.server import InteractionServer, Response, check_request, error_response

if typing.TYPE_CHECKING:
    import concurrent.futures
    from collections.abc import Mapping, Sequence

    from anycord.interactions.probe_routes import Route

__all__ = ["ASGIApp", "AsgiAdapter", "Scope"]

_LOGGER = logging.getLogger("anycord.interactions.asgi")

Scope = typing.MutableMapping[str, typing.Any]
Message = typing.Any
"""An ASGI event (a dict); typed loosely so any server's own event types fit."""
Receive = typing.Callable[[], typing.Awaitable[Message]]
Send = typing.Callable[[Message], typing.Awaitable[None]]
Callback = typing.Callable[[], typing.Awaitable[None]]
ASGIApp = typing.Callable[[Scope, Receive, Send], typing.Awaitable[None]]

_CLOSE: typing.Final = ((b"connection", b"close"),)
"""Sent with answers given before the body was read: the unread body makes the connection
unusable for another request, so the client must not reuse it."""
_ALLOW_POST: typing.Final = ((b"allow", b"POST"), *_CLOSE)
_NOT_FOUND: typing.Final = error_response(404, "Not found")
_NOT_ALLOWED: typing.Final = error_response(405, "Method not allowed")
_EMPTY_BODY: typing.Final = error_response(400, "POST request must have a body")


class AsgiAdapter:
    """Serve an `InteractionServer` over ASGI 3.

    Args:
        server: the interaction server.
        executor: kept for API compatibility with yuyo; file reads use AnyIO worker threads.
        max_body_size: the largest request body accepted (bytes; 413 above it).
        path: the one path interactions are posted to (relative to the mount's `root_path`).
        shutdown_timeout: how long generator listeners get to finish at shutdown.
        routes: read-only `GET`/`HEAD` routes by exact path, beside `path` (for example
            `anycord.bots.health.health_routes(bot.health)`); `ValueError` if one is `path`.
    """

    __slots__ = (
        "_executor",
        "_max_body_size",
        "_on_shutdown",
        "_on_startup",
        "_path",
        "_routes",
        "_server",
        "_shutdown_timeout",
    )

    def __init__(
        self,
        server: InteractionServer,
        /,
        *,
        executor: concurrent.futures.Executor | None = None,
        max_body_size: int = 1024**2,
        path: str = "/",
        shutdown_timeout: float = 60.0,
        routes: Mapping[str, Route] | None = None,
    ) -> None:
        if max_body_size < 1:
            msg = f"max_body_size must be positive, got {max_body_size}"
            raise ValueError(msg)
        if routes and path in routes:
            msg = f"the route {path!r} is the interaction path"
            raise ValueError(msg)
        self._routes = dict(routes or {})
        self._server = server
        self._executor = executor
        self._max_body_size = max_body_size
        self._path = path
        self._shutdown_timeout = shutdown_timeout
        self._on_startup: list[Callback] = []
        self._on_shutdown: list[Callback] = []

    @property
    def server(self) -> InteractionServer:
        """The interaction server."""
        return self._server

    @property
    def routes(self) -> Mapping[str, Route]:
        """The read-only routes beside the interaction path, by path (a copy)."""
        return dict(self._routes)

    @property
    def max_body_size(self) -> int:
        """The request body limit in bytes."""
        return self._max_body_size

    @property
    def executor(self) -> concurrent.futures.Executor | None:
        """The executor given; accepted for compatibility with yuyo and unused (AnyIO's worker
        threads read files)."""
        return self._executor

    @property
    def on_startup(self) -> Sequence[Callback]:
        """The startup callbacks, in the order they run."""
        return tuple(self._on_startup)

    @property
    def on_shutdown(self) -> Sequence[Callback]:
        """The shutdown callbacks, in the order they run."""
        return tuple(self._on_shutdown)

    def add_startup_callback(self, callback: Callback, /) -> typing.Self:
        """Run `await callback()` at lifespan startup (adding twice is a no-op).

        Returns the adapter, for chaining.
        """
        if callback not in self._on_startup:
            self._on_startup.append(callback)
        return self

    def remove_startup_callback(self, callback: Callback, /) -> typing.Self:
        """Remove a startup callback (`ValueError` if unknown); returns the adapter."""
        self._on_startup.remove(callback)
        return self

    def add_shutdown_callback(self, callback: Callback, /) -> typing.Self:
        """Run `await callback()` at lifespan shutdown (adding twice is a no-op).

        Returns the adapter, for chaining.
        """
        if callback not in self._on_shutdown:
            self._on_shutdown.append(callback)
        return self

    def remove_shutdown_callback(self, callback: Callback, /) -> typing.Self:
        """Remove a shutdown callback (`ValueError` if unknown); returns the adapter."""
        self._on_shutdown.remove(callback)
        return self

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        elif kind == "websocket":
            # Refuse the handshake: this app only takes interaction POSTs.
            await send({"type": "websocket.close", "code": 1008})
        else:
            msg = f"unsupported ASGI scope type {kind!r}"
            raise NotImplementedError(msg)

    # -- lifespan ----------------------------------------------------------------------------

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        message = await receive()
        if message["type"] != "lifespan.startup":
            return
        try:
            for callback in self._on_startup:
                await callback()
        except Exception as exc:
            _LOGGER.exception("an ASGI startup callback failed")
            await send(
                {"type": "lifespan.startup.failed", "message": f"{type(exc).__name__}: {exc}"}
            )
            return
        failures: list[str] = []
        if self._server.is_running:
            # Someone else (RESTBot) runs the server's task group.
            await send({"type": "lifespan.startup.complete"})
            await self._wait_for_shutdown(receive)
        else:
            async with self._server.run(shutdown_timeout=self._shutdown_timeout):
                await send({"type": "lifespan.startup.complete"})
                await self._wait_for_shutdown(receive)
        for callback in self._on_shutdown:
            try:
                await callback()
            except Exception as exc:
                _LOGGER.exception("an ASGI shutdown callback failed")
                failures.append(f"{type(exc).__name__}: {exc}")
        if failures:
            await send({"type": "lifespan.shutdown.failed", "message": "; ".join(failures)})
        else:
            await send({"type": "lifespan.shutdown.complete"})

    @staticmethod
    async def _wait_for_shutdown(receive: Receive) -> None:
        while (await receive())["type"] != "lifespan.shutdown":
            pass

    # -- HTTP --------------------------------------------------------------------------------

    def _path_of(self, scope: Scope) -> str:
        path: str = scope.get("path", "/")
        root: str = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        return path

    def check_head(
        self,
        method: str,
        path: str,
        *,
        content_type: bytes | None,
        signature: bytes | None,
        timestamp: bytes | None,
        content_length: int | None,
    ) -> tuple[Response | None, tuple[tuple[bytes, bytes], ...], bytes, bytes]:
        """Every decision this adapter makes before it reads the body, in its order.

        For HTTP servers that call the adapter directly rather than through ASGI (the
        built-in server does, for speed): `path` is relative to the mount, `content_length`
        the declared body length (`None` when absent or not a number). Returns
        `(failure, extra_headers, signature, timestamp)`: answer `failure` (with
        `extra_headers`) when it is not `None`; otherwise read the body, answer an empty one
        with `empty_body_response()`, and pass the rest to `server.on_interaction` with the
        hex-decoded signature and the timestamp returned here. A failure on the interaction
        path (or a path that is nothing's) is counted in the server's `stats`.
        """
        extra: tuple[tuple[bytes, bytes], ...] = _CLOSE
        sig = ts = b""
        if path != self._path:
            route = self._routes.get(path)
            if route is not None:  # a health probe: not an interaction request
                try:
                    status, kind, body, extra = answer(route, method)
                except Exception:
                    _LOGGER.exception("the %s route failed", path)
                    return error_response(500, "Internal server error"), _CLOSE, b"", b""
                if content_length:  # a body the server will not read: this connection ends
                    extra = (*extra, *_CLOSE)
                response = Response(status_code=status, payload=body, content_type=kind)
                return response, extra, b"", b""
            failure: Response | None = _NOT_FOUND
        elif method != "POST":
            failure, extra = _NOT_ALLOWED, _ALLOW_POST
        else:
            failure, sig, ts = check_request(
                content_type=content_type, signature=signature, timestamp=timestamp
            )
            if (
                failure is None
                and content_length is not None
                and content_length > self._max_body_size
            ):
                failure = error_response(413, "Content too large")
        if failure is None:
            return None, (), sig, ts
        self._server.stats.answered(failure.status_code)
        return failure, extra, b"", b""

    def empty_body_response(self) -> Response:
        """The answer to a request whose body is empty (the connection stays usable)."""
        self._server.stats.answered(400)
        return _EMPTY_BODY

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        content_type = signature = timestamp = length = None
        # ASGI servers give header names in lower case (ASGI HTTP spec).
        for name, value in scope["headers"]:
            if name == b"content-type":
                content_type = value
            elif name == b"x-signature-ed25519":
                signature = value
            elif name == b"x-signature-timestamp":
                timestamp = value
            elif name == b"content-length":
                length = value
        failure, extra, sig, ts = self.check_head(
            scope["method"],
            self._path_of(scope),
            content_type=content_type,
            signature=signature,
            timestamp=timestamp,
            content_length=int(length) if length is not None and length.isdigit() else None,
        )
        if failure is not None:
            await _send_response(send, failure, extra=extra, bodiless=scope["method"] == "HEAD")
            return
        body = await self._read_body(receive)
        if body is None:
            await _send_response(send, error_response(413, "Content too large"), extra=_CLOSE)
            return
        if not body:
            await _send_response(send, self.empty_body_response())
            return

        async def write(early: Response) -> None:
            # ASGI lets the app keep running after the response is complete: a listener's
            # first answer is sent now, while the listener goes on (see `Responder`).
            await _send_response(send, early)

        response = await self._server.on_interaction(body, sig, ts, write=write)
        try:
            if not response.early:
                await _send_response(send, response)
        finally:
            response.mark_sent()

    async def _read_body(self, receive: Receive) -> bytes | None:
        limit = self._max_body_size
        message = await receive()
        body: bytes = message.get("body", b"")
        if not message.get("more_body", False):
            return body if len(body) <= limit else None
        chunks = [body]
        size = len(body)
        while message.get("more_body", False):
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)


async def _send_response(
    send: Send,
    response: Response,
    *,
    extra: tuple[tuple[bytes, bytes], ...] = (),
    bodiless: bool = False,
) -> None:
    # `bodiless`: a HEAD request's answer, with the headers of the GET answer but no body.
    if not response.files:
        body = response.payload or b""
        headers = [(b"content-length", b"%d" % len(body))]
        if response.content_type is not None:
            headers.append((b"content-type", response.content_type.encode()))
        headers.extend(extra)
        await send(
            {"type": "http.response.start", "status": response.status_code, "headers": headers}
        )
        await send(
            {"type": "http.response.body", "body": b"" if bodiless else body, "more_body": False}
        )
        return
    headers = [(k.encode(), v.encode()) for k, v in response.headers.items()]
    headers.extend(extra)
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    async for chunk in response.iter_body():
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
