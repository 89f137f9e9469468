"""The gateway over TLS and through an HTTP CONNECT proxy, as `GatewayShard` runs it.

A TLS terminator (test CA made on the fly) and a small CONNECT proxy sit in front of the fake
gateway (`tests/gateway/tunnels.py`); the shard gets `HTTPSettings(ssl=<context trusting that
CA>)` and `ProxySettings`, exactly as a user would configure it.
"""

from __future__ import annotations

import base64
import contextlib
import typing
import urllib.parse

import anyio
import pytest

from anycord.config import BasicAuthHeader, HTTPSettings, ProxySettings
from anycord.errors import GatewayConnectionError
from anycord.gateway import GatewayShard
from anycord.gateway.websocket import WebSocketClient
from anycord.testing import FakeDiscord
from tests.gateway.conftest import INTENTS, RecordingSink
from tests.gateway.tunnels import ConnectProxy, ThrowawayCA, TLSTerminator, make_test_ca

if typing.TYPE_CHECKING:
    import pathlib
    from collections.abc import AsyncIterator


@pytest.fixture(scope="module")
def ca() -> ThrowawayCA:
    return make_test_ca()


def port_of(url: str) -> int:
    port = urllib.parse.urlsplit(url).port
    assert port is not None
    return port


@contextlib.asynccontextmanager
async def fake_behind_tls(ca: ThrowawayCA) -> AsyncIterator[tuple[FakeDiscord, TLSTerminator]]:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        fake.add_guild(name="g", channels=1)
        async with TLSTerminator(ca.server_context, port_of(fake.gateway.url)).running() as tls:
            yield fake, tls


async def run_until_typing(shard: GatewayShard, fake: FakeDiscord, sink: RecordingSink) -> None:
    """Start the shard, see one dispatch arrive through whatever is in between, close."""
    async with anyio.create_task_group() as tg:
        with anyio.fail_after(60):
            await tg.start(shard.run)
            gid = next(iter(fake.world.guilds))
            await fake.gateway.dispatch("TYPING_START", {"guild_id": str(gid), "user_id": "7"})
            await sink.wait_until(lambda: "TYPING_START" in sink.names())
        await shard.close()


async def test_shard_over_tls(ca: ThrowawayCA, sink: RecordingSink) -> None:
    async with fake_behind_tls(ca) as (fake, tls):
        shard = GatewayShard(
            token=fake.token,
            url=f"wss://127.0.0.1:{tls.port}",
            intents=INTENTS,
            sink=sink,
            http_settings=HTTPSettings(ssl=ca.client_context),
        )
        await run_until_typing(shard, fake, sink)
        assert tls.sessions == 1
        (conn,) = fake.gateway.connections
        assert conn.close_code == 1001  # the close handshake went through TLS too
        assert conn.compress == "zlib-stream"


async def test_tls_certificate_is_verified(ca: ThrowawayCA) -> None:
    async with fake_behind_tls(ca) as (fake, tls):
        url = f"wss://127.0.0.1:{tls.port}/?v=10&encoding=json"
        with anyio.fail_after(10), pytest.raises(GatewayConnectionError, match="CERTIFICATE"):
            await WebSocketClient.connect(url, ssl_context=True)  # the system CAs only
        # Verification off (HTTPSettings(ssl=False)) connects to the same untrusted server.
        with anyio.fail_after(10):
            ws = await WebSocketClient.connect(url, ssl_context=False)
            assert "heartbeat_interval" in str(await ws.receive())
            await ws.close(1000)
        assert tls.failed_handshakes == 1  # the server saw the client refuse its certificate
        assert tls.sessions == 1
        assert len(fake.gateway.connections) == 1


async def test_shard_through_proxy_with_credentials(sink: RecordingSink) -> None:
    auth = BasicAuthHeader(username="bot", password="s3cr:et")
    expected = "Basic " + base64.b64encode(b"bot:s3cr:et").decode()
    async with (
        FakeDiscord(rest_over_tcp=False) as fake,
        ConnectProxy(required_auth=expected).running() as proxy,
    ):
        fake.add_guild(name="g", channels=1)
        shard = GatewayShard(
            token=fake.token,
            url=fake.gateway.url,
            intents=INTENTS,
            sink=sink,
            proxy_settings=ProxySettings(url=proxy.url, auth=auth, headers={"X-Team": "g2"}),
        )
        async with anyio.create_task_group() as tg:
            with anyio.fail_after(60):
                await tg.start(shard.run)
                # The resumed connection goes through the proxy as well.
                await fake.gateway.reconnect(0)
                await sink.wait_until(lambda: sink.connected == 2)
            await shard.close()
    gateway_port = port_of(fake.gateway.url)
    assert [target for target, _ in proxy.requests] == [f"127.0.0.1:{gateway_port}"] * 2
    for _, headers in proxy.requests:
        assert headers["proxy-authorization"] == expected
        assert headers["x-team"] == "g2"
        assert headers["host"] == f"127.0.0.1:{gateway_port}"
    assert proxy.tunnels == 2
    assert [c.resumed for c in fake.gateway.connections] == [False, True]


async def test_shard_over_tls_through_proxy(ca: ThrowawayCA, sink: RecordingSink) -> None:
    async with fake_behind_tls(ca) as (fake, tls), ConnectProxy().running() as proxy:
        shard = GatewayShard(
            token=fake.token,
            url=f"wss://127.0.0.1:{tls.port}",
            intents=INTENTS,
            sink=sink,
            http_settings=HTTPSettings(ssl=ca.client_context),
            proxy_settings=ProxySettings(url=proxy.url),
        )
        await run_until_typing(shard, fake, sink)
    ((target, headers),) = proxy.requests
    assert target == f"127.0.0.1:{tls.port}"  # TLS runs end to end inside the tunnel
    assert "proxy-authorization" not in headers
    assert tls.sessions == 1


@pytest.mark.parametrize("auth", [None, "Basic d3Jvbmc6cGFzcw=="])
async def test_proxy_refusal_is_a_connection_error(auth: str | None) -> None:
    async with ConnectProxy(required_auth="Basic cmlnaHQ6cGFzcw==").running() as proxy:
        settings = ProxySettings(url=proxy.url, auth=auth)
        with anyio.fail_after(10), pytest.raises(GatewayConnectionError, match="407"):
            await WebSocketClient.connect("ws://127.0.0.1:9/", proxy=settings)
    ((_, headers),) = proxy.requests
    assert headers.get("proxy-authorization") == auth


async def test_proxy_from_the_environment(
    sink: RecordingSink, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    async with FakeDiscord(rest_over_tcp=False) as fake, ConnectProxy().running() as proxy:
        # Environment variables are the user's configuration, not our code: patching them is fine.
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        fake.add_guild(name="g", channels=1)
        shard = GatewayShard(
            token=fake.token,
            url=fake.gateway.url,
            intents=INTENTS,
            sink=sink,
            proxy_settings=ProxySettings(trust_env=True),
        )
        await run_until_typing(shard, fake, sink)
    assert proxy.tunnels == 1
