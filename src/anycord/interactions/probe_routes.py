"""Read-only `GET`/`HEAD` routes beside the interaction path: health probes and metrics.

A route is a callable that returns `(status, content_type, body)` for the current moment
(`anycord.bots.health` builds the health ones; a metrics exposition returns
`(content_type, body)` and is wrapped by `metrics_route`). `answer(route, method)` is the
one decision for every transport: `GET` runs the route; `HEAD` runs it too and answers the
same status and headers (`content-length` of the `GET` body) without the body; any other
method is **405** with `allow: GET, HEAD`. Every answer carries `cache-control: no-store`,
so no proxy or load balancer caches a probe's verdict.

`AsgiAdapter` consults its routes for any path other than the interaction path (so the
built-in HTTP/1.1 server's limits and timeouts apply to them unchanged), and `ProbeApp` is
a tiny ASGI app serving routes alone (404 elsewhere), for `anycord.bots.health_server`.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["Answer", "ProbeApp", "Route", "answer", "metrics_route"]

Route = typing.Callable[[], tuple[int, str, bytes]]
"""`() -> (status, content_type, body)`, evaluated per request."""

Answer = tuple[int, str, bytes, tuple[tuple[bytes, bytes], ...]]
"""`(status, content_type, body, extra_headers)`. The transport adds `content-length` (of
`body`) and, for `HEAD`, sends no body."""

_TEXT: typing.Final = "text/plain; charset=utf-8"
_NO_STORE: typing.Final = ((b"cache-control", b"no-store"),)
_NOT_ALLOWED: typing.Final = (
    405,
    _TEXT,
    b"Method not allowed",
    ((b"allow", b"GET, HEAD"), *_NO_STORE),
)


def answer(route: Route, method: str) -> Answer:
    """The answer to `method` on `route` (module docstring); an error from the route
    propagates (the transport answers it 500 and logs it)."""
    if method not in ("GET", "HEAD"):
        return _NOT_ALLOWED
    status, content_type, body = route()
    return status, content_type, body, _NO_STORE


def metrics_route(exposition: Callable[[], tuple[str, bytes]]) -> Route:
    """A route answering **200** with `exposition()`'s `(content_type, body)` (for example
    `anycord.metrics.exposition`, or `functools.partial(exposition, registry)`)."""

    def route() -> tuple[int, str, bytes]:
        content_type, body = exposition()
        return 200, content_type, body

    return route


class ProbeApp:
    """An ASGI 3 app serving `routes` by exact path (`answer`), **404** for any other path.

    Only `http` scopes are served; a `websocket` handshake is refused and `lifespan` is
    acknowledged, so it runs under any ASGI server. A request body is never read.
    """

    __slots__ = ("_routes",)

    def __init__(self, routes: Mapping[str, Route]) -> None:
        self._routes = dict(routes)

    async def __call__(
        self,
        scope: typing.MutableMapping[str, typing.Any],
        receive: Callable[[], typing.Awaitable[typing.Any]],
        send: Callable[[typing.Any], typing.Awaitable[None]],
    ) -> None:
        kind = scope["type"]
        if kind == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        route = self._routes.get(scope["path"])
        found: Answer = (
            (404, _TEXT, b"Not found", _NO_STORE)
            if route is None
            else answer(route, scope["method"])
        )
        status, content_type, body, extra = found
        headers = [
            (b"content-type", content_type.encode("latin-1")),
            (b"content-length", b"%d" % len(body)),
            *extra,
        ]
        if scope["method"] == "HEAD":
            body = b""
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
