"""The one seam between anycord and the network: an `httpx.AsyncClient` built from settings.

`build_http_client()` turns `HTTPSettings` and `ProxySettings` into a client with keep-alive,
pool limits, timeouts, TLS, optional HTTP/2 and the proxy. Passing `transport=` (any
`httpx.AsyncBaseTransport`, e.g. `httpx.ASGITransport(app=fake.asgi_app)`) replaces the
network entirely, which is how tests and `FakeDiscord` run in process.

Without a proxy, a custom transport, HTTP/2 or `trust_env`, the client runs on
`AnycordTransport` (HTTP/1.1 on AnyIO streams, `pool.py`), and `fast_transport(client)`
hands `RESTClient` that transport, whose `request()` skips httpx's per-request machinery
(URL merging, cookies, event hooks, `httpx.Request`/`Response` objects): the REST hot path
costs a fraction of `AsyncClient.request` (see benchmarks/rest.py). Everything a user
configures through httpx (proxies, TLS and `verify`, custom transports, HTTP/2) takes the
general httpx path instead, unchanged.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import platform
import typing
import urllib.parse
import weakref
import zlib

import httpx

from anycord import logs
from anycord._about import __url__, __version__
from anycord.config import HTTPSettings, ProxySettings
from anycord.rest import http1
from anycord.rest.pool import ConnectionPool, Origin, PoolTimeouts, RawResponse

if typing.TYPE_CHECKING:
    import ssl
    from collections.abc import AsyncIterable, AsyncIterator, Mapping, Sequence

__all__ = [
    "USER_AGENT",
    "AnycordTransport",
    "Response",
    "build_http_client",
    "build_timeout",
    "fast_transport",
]

_LOGGER = logging.getLogger("anycord.rest")

USER_AGENT: typing.Final[str] = (
    f"DiscordBot ({__url__}, {__version__}) anycord httpx/{httpx.__version__} "
    f"{platform.python_implementation()}/{platform.python_version()}"
)
"""Discord requires `DiscordBot (<url>, <version>)` first; the rest is informative."""


def build_timeout(settings: HTTPSettings) -> httpx.Timeout:
    """httpx's per-phase timeouts from `settings.timeouts` (`total` is applied per attempt)."""
    t = settings.timeouts
    return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)


def keepalive_connections(http: HTTPSettings) -> int:
    """Idle connections to keep: `max_keepalive_connections`, or when it is `None`, as many as
    the limiter lets requests start in a second (`global_rate_limit`), within `max_connections`.

    Sized so from the concurrency the limiter allows, a steady load reuses its connections
    instead of opening one per request for every caller beyond a fixed bound.
    """
    if not http.keep_alive:
        return 0
    wanted = http.max_keepalive_connections
    if wanted is None:
        wanted = http.global_rate_limit
    return wanted if http.max_connections is None else min(wanted, http.max_connections)


def _ssl_context(http: HTTPSettings, proxy: ProxySettings) -> ssl.SSLContext:
    if not isinstance(http.ssl, bool):
        return http.ssl  # the user's own context, used as given
    context = httpx.create_ssl_context(verify=http.ssl, trust_env=proxy.trust_env)
    context.set_alpn_protocols(["http/1.1"])
    return context


_FAST: weakref.WeakKeyDictionary[httpx.AsyncClient, AnycordTransport] = weakref.WeakKeyDictionary()


def fast_transport(client: httpx.AsyncClient) -> AnycordTransport | None:
    """The `AnycordTransport` behind a client `build_http_client` made, else `None`.

    Only clients built here qualify: a client built elsewhere may carry event hooks, auth or
    mounts that its user expects on every request, so it always takes the httpx path.
    """
    return _FAST.get(client)


def build_http_client(
    http_settings: HTTPSettings | None = None,
    proxy_settings: ProxySettings | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """A new `httpx.AsyncClient` for the REST API; the caller closes it (`aclose`).

    Also applies `logs.protect_loggers()`: httpx's own request lines would print webhook and
    interaction tokens, which sit in URLs.
    """
    logs.protect_loggers()
    http = http_settings or HTTPSettings()
    proxy_cfg = proxy_settings or ProxySettings()
    http2 = http.http2
    if http2 and importlib.util.find_spec("h2") is None:
        _LOGGER.warning("HTTP/2 was asked for but the h2 package is not installed; using HTTP/1.1")
        http2 = False
    keepalive = keepalive_connections(http)
    limits = httpx.Limits(
        max_connections=http.max_connections,
        max_keepalive_connections=keepalive,
        keepalive_expiry=http.keepalive_expiry if http.keep_alive else 0,
    )
    proxy: httpx.Proxy | None = None
    if proxy_cfg.url is not None:
        proxy = httpx.Proxy(proxy_cfg.url, headers=proxy_cfg.all_headers or None)
    follow = http.max_redirects is not None and http.max_redirects > 0
    kwargs: dict[str, typing.Any] = {
        "timeout": build_timeout(http),
        "follow_redirects": follow,
        "headers": {"User-Agent": USER_AGENT},
        "trust_env": proxy_cfg.trust_env,
    }
    if follow:
        kwargs["max_redirects"] = http.max_redirects
    if transport is not None:
        return httpx.AsyncClient(transport=transport, **kwargs)
    if proxy is None and not http2 and not proxy_cfg.trust_env and not follow:
        own = AnycordTransport(http, proxy_cfg)
        client = httpx.AsyncClient(transport=own, **kwargs)
        _FAST[client] = own
        return client
    return httpx.AsyncClient(
        limits=limits,
        verify=http.ssl,
        http2=http2,
        proxy=proxy,
        **kwargs,
    )


class Response:
    """A complete response from `AnycordTransport.request`: the parts of an `httpx.Response`
    that the REST client reads. `headers` has lower-cased names (repeats joined by `, `)."""

    __slots__ = ("content", "headers", "reason_phrase", "status_code")

    def __init__(
        self, status_code: int, reason_phrase: str, headers: dict[str, str], content: bytes
    ) -> None:
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.headers = headers
        self.content = content

    def __repr__(self) -> str:
        return f"<Response [{self.status_code} {self.reason_phrase}]>"


def _decoded(raw: RawResponse) -> Response:
    headers: dict[str, str] = {}
    for name, value in raw.headers:
        key = name.decode("latin-1")
        text = value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    body = raw.body
    encoding = headers.get("content-encoding")
    if encoding and body:
        body = _decompress(encoding, body)
    return Response(raw.status, raw.reason.decode("latin-1"), headers, body)


def _decompress(encoding: str, body: bytes) -> bytes:
    codings = [c.strip().lower() for c in encoding.split(",")]
    try:
        for coding in reversed(codings):
            if coding in ("gzip", "x-gzip"):
                body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
            elif coding == "deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:
                    body = zlib.decompress(body, -zlib.MAX_WBITS)
            elif coding != "identity":
                msg = f"unsupported Content-Encoding {coding!r}"
                raise httpx.DecodingError(msg)
    except zlib.error as exc:
        msg = f"the response body does not decode as {encoding!r}: {exc}"
        raise httpx.DecodingError(msg) from None
    return body


class AnycordTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over AnyIO streams with an O(1) connection pool (`pool.ConnectionPool`).

    Usable as any httpx transport (`handle_async_request`), and directly by `RESTClient`
    through `request()`, which takes and returns plain values.

    Failure contract (the REST retry policy relies on it): `httpx.ConnectError` or
    `httpx.ConnectTimeout` only when no byte of the request was written; any failure after
    the first byte is another `httpx.TransportError` (`WriteError`, `WriteTimeout`,
    `ReadError`, `ReadTimeout`, `RemoteProtocolError`); `PoolTimeout` when no connection
    freed in time. A pooled connection the server closed while idle is replaced before use;
    one that fails as the request goes out is replaced and the request resent inside the
    transport only when that cannot duplicate it (see `pool.py`). Nothing is logged but
    the origin, at TRACE.
    """

    def __init__(
        self, http_settings: HTTPSettings | None = None, proxy_settings: ProxySettings | None = None
    ) -> None:
        http = http_settings or HTTPSettings()
        t = http.timeouts
        self.pool = ConnectionPool(
            ssl_context=_ssl_context(http, proxy_settings or ProxySettings()),
            max_connections=http.max_connections,
            max_idle=keepalive_connections(http),
            keepalive_expiry=http.keepalive_expiry,
            keep_alive=http.keep_alive,
            timeouts=PoolTimeouts(t.connect, t.read, t.write, t.pool),
        )
        self._fixed = [("User-Agent", USER_AGENT), ("Accept-Encoding", "gzip, deflate")]
        if not http.keep_alive:
            self._fixed.append(("Connection", "close"))
        self._origins: dict[str, tuple[Origin, str]] = {}

    def _origin(self, base: str) -> tuple[Origin, str]:
        found = self._origins.get(base)
        if found is not None:
            return found
        url = httpx.URL(base)
        if url.scheme not in ("http", "https"):
            msg = f"unsupported URL scheme {url.scheme!r} (http and https are)"
            raise httpx.UnsupportedProtocol(msg)
        if url.userinfo:
            msg = "credentials in the URL are not supported"
            raise httpx.UnsupportedProtocol(msg)
        port = url.port or (443 if url.scheme == "https" else 80)
        authority = base.partition("://")[2]
        found = self._origins[base] = (Origin(url.scheme, url.host, port), authority)
        return found

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Sequence[tuple[str, typing.Any]] = (),
        headers: Mapping[str, str] | None = None,
        content: bytes | AsyncIterable[bytes] | None = None,
        deadline: float = math.inf,
    ) -> Response:
        """Send one request to an absolute `http(s)` URL and read the whole response.

        `params` are appended as the query string; `headers` are sent after the
        transport's own (`Host`, `User-Agent`, `Accept-Encoding`); a bytes `content` gets a
        `Content-Length`, an iterable one is streamed chunked. Past `deadline` (on the
        `anyio.current_time()` clock), `TimeoutError`, as `anyio.fail_at(deadline)` would
        raise (`ConnectionPool.exchange`).
        """
        scheme, _, rest = url.partition("://")
        authority, _, path = rest.partition("/")
        origin, host = self._origin(url[: len(scheme) + 3 + len(authority)])
        target = "/" + path
        if not target.isascii() or " " in target:
            target = urllib.parse.quote(target, safe="/%:@!$&'()*+,;=?-._~")
        if params:
            target += ("&" if "?" in target else "?") + urllib.parse.urlencode(params)
        fields = list(self._fixed)
        if headers:
            fields += headers.items()
        chunked = False
        body: bytes | AsyncIterable[bytes] = b""
        if isinstance(content, bytes):
            body = content
            fields.append(("Content-Length", str(len(content))))
        elif content is not None:
            body = content
            chunked = True
            fields.append(("Transfer-Encoding", "chunked"))
        elif method in ("POST", "PUT", "PATCH"):
            fields.append(("Content-Length", "0"))
        try:
            head = http1.request_head(method, target, host, fields)
        except http1.ProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from None
        raw = await self.pool.exchange(
            origin, method.encode(), head, body, chunked=chunked, deadline=deadline
        )
        return _decoded(raw)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The httpx transport interface: httpx's own headers, its body, a streamed-less reply."""
        url = request.url
        origin, _ = self._origin(f"{url.scheme}://{url.netloc.decode('ascii')}")
        try:
            head = http1.raw_request_head(request.method, url.raw_path, request.headers.raw)
        except http1.ProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc), request=request) from None
        chunked = request.headers.get("transfer-encoding", "").lower() == "chunked"
        body: bytes | AsyncIterable[bytes] = b""
        if isinstance(request.stream, httpx.ByteStream):
            body = request.read()
        elif "content-length" in request.headers or chunked:
            # httpx's AsyncClient hands an async transport only async request streams.
            body = _stream(typing.cast("httpx.AsyncByteStream", request.stream))
        raw = await self.pool.exchange(origin, request.method.encode(), head, body, chunked=chunked)
        return httpx.Response(
            raw.status,
            headers=raw.headers,
            stream=httpx.ByteStream(raw.body),
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": raw.reason},
            request=request,
        )

    async def aclose(self) -> None:
        """Close the pool's idle connections."""
        await self.pool.aclose()


async def _stream(stream: AsyncIterable[bytes]) -> AsyncIterator[bytes]:
    async for chunk in stream:
        yield chunk
