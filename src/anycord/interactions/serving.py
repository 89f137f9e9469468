"""Serve an ASGI app with hypercorn inside the caller's task tree, on asyncio or Trio.

`serve(app, ...)` binds the listening sockets itself (TCP host/port, a Unix socket path, or
a socket the caller already bound; optionally TLS with the caller's `SSLContext`), reports
ready through `task_status` once they listen, and runs hypercorn's worker for the running
backend until `shutdown_trigger` returns. Then hypercorn stops accepting, lets in-flight
requests finish for up to `shutdown_timeout` seconds, and runs the app's lifespan shutdown.

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

__all__ = ["bind_sockets", "describe", "serve"]

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


def _config(
    *,
    backlog: int,
    shutdown_timeout: float,
    ssl_context: ssl.SSLContext | None,
    keep_alive_timeout: float,
) -> typing.Any:
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
    app: typing.Any,
    *,
    shutdown_trigger: Callable[[], Awaitable[None]],
    sockets: Sequence[socket_module.socket],
    ssl_context: ssl.SSLContext | None = None,
    backlog: int = 128,
    shutdown_timeout: float = 60.0,
    keep_alive_timeout: float = 5.0,
    task_status: anyio.abc.TaskStatus[list[str]] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Serve `app` on `sockets` (see `bind_sockets`) until `shutdown_trigger()` returns.

    `task_status.started(addresses)` is called once the sockets listen. The sockets are
    closed when this returns.
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
    wrapped = wrap_app(app, config.wsgi_max_body_size, "asgi")
    scheme = "https" if ssl_context is not None else "http"
    addresses = [f"{scheme}://{describe(sock)}" for sock in sockets]
    try:
        backend = _running_backend()
        if backend == "trio":
            from hypercorn.trio.run import worker_serve as trio_serve

            task_status.started(addresses)
            await trio_serve(wrapped, config, sockets=bound, shutdown_trigger=shutdown_trigger)
        else:
            from hypercorn.asyncio.run import worker_serve as asyncio_serve

            task_status.started(addresses)
            await asyncio_serve(wrapped, config, sockets=bound, shutdown_trigger=shutdown_trigger)
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
