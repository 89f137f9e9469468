"""Serve an ASGI app with hypercorn inside the caller's task tree, on asyncio or Trio.

`serve(app, ...)` serves on sockets from `bind_sockets` (TCP host/port, a Unix socket path,
or a socket the caller already bound; optionally TLS with the caller's `SSLContext`), reports
ready through `task_status` once they listen, and runs hypercorn's worker for the running
backend until `shutdown_trigger` returns. Then hypercorn stops accepting, lets in-flight
requests finish for up to `shutdown_timeout` seconds, and runs the app's lifespan shutdown.

hypercorn bounds a request's head (its keep-alive timer runs until the head is whole) but
not its body: a client sending one byte a second held a connection for ever, and at
shutdown made hypercorn wait its whole graceful timeout and then cancel the connection
(a traceback per connection on asyncio). `RequestDeadlines` closes that gap at the ASGI
level: a request's body must arrive within `request_timeout` seconds of the request's
start (**408** otherwise), and at shutdown every body still arriving is cut at once
(**503**), so hypercorn's graceful phase only waits for requests that are being answered.
Both answers carry `connection: close`, which (the body being unread) ends the connection.

hypercorn has one worker per backend (`hypercorn.asyncio`, `hypercorn.trio`); the backend is
the one this coroutine runs on (sniffio), so nothing here imports asyncio or Trio itself.
"""

from __future__ import annotations

import logging
import os
import socket as socket_module
import stat
import typing

import anyio

if typing.TYPE_CHECKING:
    import ssl
    from collections.abc import Awaitable, Callable, Sequence

    from anycord.interactions.asgi import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestDeadlines", "bind_sockets", "describe", "serve"]

_LOGGER = logging.getLogger("anycord.interactions.server")


def bind_sockets(
    *,
    host: str | Sequence[str] | None = None,
    port: int | None = None,
    path: str | os.PathLike[str] | None = None,
    socket: socket_module.socket | None = None,
    backlog: int = 128,
    reuse_address: bool | None = None,
    reuse_port: bool | None = None,
) -> list[socket_module.socket]:
    """Bound, listening, non-blocking sockets for these options.

    With neither `host`, `port`, `path` nor `socket`, listens on `localhost:8080` (hikari's
    default). `port=0` picks a free port (read it from `getsockname()`).
    """
    sockets: list[socket_module.socket] = []
    try:
        if socket is not None:
            socket.setblocking(False)
            socket.listen(backlog)
            sockets.append(socket)
        if path is not None:
            sockets.append(_bind_unix(os.fspath(path), backlog))
        if host is not None or port is not None or not sockets:
            hosts = [host] if isinstance(host, str) or host is None else list(host)
            for one in hosts:
                sockets.extend(
                    _bind_tcp(
                        one or "localhost",
                        8080 if port is None else port,
                        backlog,
                        reuse_address,
                        reuse_port,
                    )
                )
    except BaseException:
        for sock in sockets:
            if sock is not socket:
                sock.close()
        raise
    return sockets


def _bind_unix(path: str, backlog: int) -> socket_module.socket:
    try:
        if stat.S_ISSOCK(os.stat(path).st_mode):
            os.unlink(path)
    except FileNotFoundError:
        pass
    sock = socket_module.socket(socket_module.AF_UNIX, socket_module.SOCK_STREAM)
    try:
        sock.bind(path)
        sock.setblocking(False)
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    return sock


def _bind_tcp(
    host: str, port: int, backlog: int, reuse_address: bool | None, reuse_port: bool | None
) -> list[socket_module.socket]:
    sockets: list[socket_module.socket] = []
    seen: set[tuple[int, typing.Any]] = set()
    infos = socket_module.getaddrinfo(
        host, port, type=socket_module.SOCK_STREAM, flags=socket_module.AI_PASSIVE
    )
    for family, kind, proto, _, address in infos:
        if (family, address) in seen:
            continue
        seen.add((family, address))
        sock = socket_module.socket(family, kind, proto)
        try:
            if reuse_address is None or reuse_address:
                sock.setsockopt(socket_module.SOL_SOCKET, socket_module.SO_REUSEADDR, 1)
            if reuse_port:
                sock.setsockopt(socket_module.SOL_SOCKET, socket_module.SO_REUSEPORT, 1)
            if family == socket_module.AF_INET6:
                sock.setsockopt(socket_module.IPPROTO_IPV6, socket_module.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.setblocking(False)
            sock.listen(backlog)
        except BaseException:
            sock.close()
            for other in sockets:
                other.close()
            raise
        sockets.append(sock)
        if port == 0:
            # Every address family must share the one port the kernel picked first.
            port = sock.getsockname()[1]
    return sockets


class _BodyCut(Exception):
    """A request body did not arrive in time (or the server is shutting down)."""


class RequestDeadlines:
    """ASGI middleware: each HTTP request's body must arrive within `request_timeout` seconds.

    The deadline runs from the moment the app is called (the head has arrived). When it
    passes while the app waits for body bytes, the app is abandoned and the client gets
    **408** with `connection: close`; after `close()`, every wait for body bytes ends at
    once with **503**. A request whose response has started is never answered twice: its
    connection is left to the server to close. Other scope types pass through untouched.
    """

    __slots__ = ("_app", "_closing", "_request_timeout", "_waits")

    def __init__(self, app: ASGIApp, request_timeout: float) -> None:
        if not request_timeout > 0:
            msg = f"request_timeout must be positive, got {request_timeout}"
            raise ValueError(msg)
        self._app = app
        self._request_timeout = request_timeout
        self._closing = False
        self._waits: set[anyio.CancelScope] = set()

    def close(self) -> None:
        """Cut every body still arriving, now and from now on (shutdown)."""
        self._closing = True
        for scope in self._waits:
            scope.cancel()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        deadline = anyio.current_time() + self._request_timeout
        body_done = started = False

        async def bounded_receive() -> Message:
            nonlocal body_done
            if body_done:
                # After the body, a receive waits for the disconnect: not the client's delay.
                return await receive()
            with anyio.CancelScope(deadline=deadline) as wait:
                if self._closing:
                    wait.cancel()
                self._waits.add(wait)
                try:
                    message = await receive()
                finally:
                    self._waits.discard(wait)
            if wait.cancelled_caught:
                raise _BodyCut
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self._app(scope, bounded_receive, tracking_send)
        except _BodyCut:
            if started:
                return
            status, text = (503, b"Shutting down") if self._closing else (408, b"Request timeout")
            _LOGGER.debug("cut a request body that did not arrive in time: %d", status)
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", b"%d" % len(text)),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": text, "more_body": False})


def _config(
    *,
    backlog: int,
    shutdown_timeout: float,
    ssl_context: ssl.SSLContext | None,
    keep_alive_timeout: float,
) -> typing.Any:  # noqa: ANN401 (hypercorn's Config: hypercorn is an optional extra)
    from hypercorn.config import Config

    class _Config(Config):  # type: ignore[misc,unused-ignore]
        # hypercorn builds its SSLContext from files; this one serves the caller's context.
        @property
        def ssl_enabled(self) -> bool:
            return ssl_context is not None

        def create_ssl_context(self) -> ssl.SSLContext | None:
            return ssl_context

    config = _Config()
    config.backlog = backlog
    config.graceful_timeout = shutdown_timeout
    config.keep_alive_timeout = keep_alive_timeout
    config.accesslog = None
    config.errorlog = logging.getLogger("anycord.interactions.hypercorn")
    config.alpn_protocols = ["http/1.1"]
    return config


async def serve(
    app: ASGIApp,
    *,
    shutdown_trigger: Callable[[], Awaitable[None]],
    sockets: Sequence[socket_module.socket],
    ssl_context: ssl.SSLContext | None = None,
    backlog: int = 128,
    shutdown_timeout: float = 60.0,
    keep_alive_timeout: float = 5.0,
    request_timeout: float = 10.0,
    task_status: anyio.abc.TaskStatus[list[str]] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Serve `app` on `sockets` (see `bind_sockets`) until `shutdown_trigger()` returns.

    `task_status.started(addresses)` is called once the sockets listen. A request's body
    must arrive within `request_timeout` seconds of its head (`RequestDeadlines`). The
    sockets are closed when this returns.
    """
    from hypercorn.config import Sockets
    from hypercorn.utils import wrap_app

    config = _config(
        backlog=backlog,
        shutdown_timeout=shutdown_timeout,
        ssl_context=ssl_context,
        keep_alive_timeout=keep_alive_timeout,
    )
    secure = list(sockets) if ssl_context is not None else []
    insecure = [] if ssl_context is not None else list(sockets)
    bound = Sockets(secure_sockets=secure, insecure_sockets=insecure, quic_sockets=[])
    deadlines = RequestDeadlines(app, request_timeout)
    # hypercorn types scopes and events as its own TypedDicts; the loose ASGI aliases fit
    # any server's, so they are wider than hypercorn's declared ones.
    wrapped = wrap_app(deadlines, config.wsgi_max_body_size, "asgi")  # type: ignore[arg-type,unused-ignore]

    async def stop() -> None:
        await shutdown_trigger()
        deadlines.close()

    scheme = "https" if ssl_context is not None else "http"
    addresses = [f"{scheme}://{describe(sock)}" for sock in sockets]
    try:
        backend = _running_backend()
        if backend == "trio":
            from hypercorn.trio.run import worker_serve as trio_serve

            task_status.started(addresses)
            await trio_serve(wrapped, config, sockets=bound, shutdown_trigger=stop)
        else:
            from hypercorn.asyncio.run import worker_serve as asyncio_serve

            task_status.started(addresses)
            await asyncio_serve(wrapped, config, sockets=bound, shutdown_trigger=stop)
    finally:
        for sock in sockets:
            sock.close()


def _running_backend() -> str:
    try:
        import sniffio
    except ImportError:  # Trio depends on sniffio: without it, this must be asyncio
        return "asyncio"
    return str(sniffio.current_async_library())


def describe(sock: socket_module.socket) -> str:
    """`host:port` (IPv6 in brackets) or `unix:/path` for a listening socket."""
    name = sock.getsockname()
    if isinstance(name, tuple):
        host = name[0]
        return f"[{host}]:{name[1]}" if ":" in host else f"{host}:{name[1]}"
    return f"unix:{name}"
