"""`/livez` and `/readyz` over HTTP, flipping across start, a lost gateway and close, for
GatewayBot (on its `HealthServer`), RESTBot (on its interaction server) and AsgiBot (on its
ASGI app), under both backends with virtual time."""

from __future__ import annotations

import functools
import socket
import typing

import anyio
import httpx
import orjson
import pytest

from anycord.bots.asgi_bot import AsgiBot
from anycord.bots.gateway_bot import GatewayBot
from anycord.bots.health_server import HealthServer
from anycord.bots.rest_bot import RESTBot
from anycord.events.lifetime import StartingEvent, StoppingEvent
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from anycord.gateway.shard import GatewayShard


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Identify windows and reconnect backoff run in virtual time.
    return request.param


Probe = tuple[int, dict[str, typing.Any]]


async def probe(base: str, path: str) -> Probe:
    async with httpx.AsyncClient(base_url=base) as client:
        response = await client.get(path)
    assert response.headers["cache-control"] == "no-store"
    return response.status_code, orjson.loads(response.content)


async def both(base: str) -> tuple[Probe, Probe]:
    return await probe(base, "/livez"), await probe(base, "/readyz")


def gateway_bot(fake: FakeDiscord, server: HealthServer) -> GatewayBot:
    return GatewayBot(
        fake.token, rest_url=fake.rest_url, banner=None, logs=None, health_server=server
    )


async def test_gateway_bot_ready_only_between_every_shard_ready_and_close() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        server = HealthServer(0)
        bot = gateway_bot(fake, server)
        seen: dict[str, tuple[Probe, Probe]] = {}

        async def on_starting(event: StartingEvent) -> None:
            seen["starting"] = await both(server.addresses[0])

        async def on_ready(shard: GatewayShard | None, payload: dict[str, typing.Any]) -> None:
            # The shard's reader waits for this hook: READY is in, the bot not started yet.
            seen.setdefault("first READY", await both(server.addresses[0]))

        async def on_stopping(event: StoppingEvent) -> None:
            seen["closing"] = await both(server.addresses[0])

        bot.subscribe(StartingEvent, on_starting)
        bot.subscribe(StoppingEvent, on_stopping)
        bot.event_manager.subscribe_raw("READY", on_ready)
        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            (base,) = server.addresses
            seen["running"] = await both(base)
            assert bot.health().ready
            await bot.close()
        assert server.addresses == ()
        with pytest.raises(httpx.ConnectError):
            await probe(base, "/livez")
    live, ready = seen["starting"]
    no_shards_yet = {"ready": 0, "total": 0}
    assert live == (200, {"status": "live", "state": "starting", "shards": no_shards_yet})
    assert ready[0] == 503
    assert ready[1]["status"] == "not ready"
    assert ready[1]["reasons"] == ["the bot is starting"]
    live, ready = seen["first READY"]
    assert live[0] == 200
    assert ready[0] == 503
    assert ready[1]["reasons"][0] == "the bot is starting"
    assert any(reason.startswith("shard ") for reason in ready[1]["reasons"][1:])
    live, ready = seen["running"]
    assert live[0] == 200
    assert ready == (
        200,
        {"status": "ready", "state": "running", "shards": {"ready": 2, "total": 2}},
    )
    live, ready = seen["closing"]
    assert live == (200, {"status": "live", "state": "closing", "shards": live[1]["shards"]})
    assert ready[0] == 503
    assert ready[1]["reasons"][0] == "the bot is closing"
    health = bot.health()
    assert (health.live, health.ready, health.state.value) == (False, False, "closed")


@pytest.mark.parametrize("loss", ["closed 4000", "zombie"])
async def test_gateway_bot_not_ready_from_a_lost_connection_until_resumed(loss: str) -> None:
    async with FakeDiscord(shard_count=2) as fake:
        server = HealthServer(0)
        bot = gateway_bot(fake, server)
        during: list[tuple[Probe, Probe]] = []
        resumed = anyio.Event()

        async def on_resumed(shard: GatewayShard | None, payload: dict[str, typing.Any]) -> None:
            # RESUMED is in, but the shard's reader waits for this hook before it marks the
            # connection ready: the window between the lost connection and the resume.
            fake.gateway.zombie(1, enabled=False)
            during.append(await both(server.addresses[0]))
            resumed.set()

        bot.event_manager.subscribe_raw("RESUMED", on_resumed)
        async with bot:
            (base,) = server.addresses
            assert (await probe(base, "/readyz"))[0] == 200
            session = bot.shards[1].session_id
            if loss == "zombie":
                # No more heartbeat ACKs: the shard finds its connection dead and resumes.
                fake.gateway.zombie(1)
            else:
                await fake.gateway.close(1, 4000, "lost")
            # A zombie is found after a missed ACK: up to two 41.25 s heartbeat intervals.
            with anyio.fail_after(300):
                await resumed.wait()
                await fake.gateway.wait_until(lambda: bot.shards[1].is_connected)
            after = await both(base)
            assert bot.shards[1].session_id == session
        ((live, ready),) = during
        assert live[0] == 200
        assert ready[0] == 503
        assert ready[1]["state"] == "running"
        assert ready[1]["reasons"] == ["shard 1 is not ready (connected)"]
        assert ready[1]["shards"] == {"ready": 1, "total": 2}
        assert after[0][0] == after[1][0] == 200
        # Nothing that could resume the session is in any answer.
        assert session is not None
        assert all(session not in orjson.dumps(body).decode() for _, body in (*during[0], *after))


def rest_bot(fake: FakeDiscord, **options: typing.Any) -> RESTBot:
    return RESTBot(
        fake.token,
        public_key=fake.public_key,
        rest_url=fake.rest_url,
        banner=None,
        logs=None,
        verifier_process=False,
        **options,
    )


async def test_rest_bot_serves_health_beside_interactions_and_flips_at_close() -> None:
    async with FakeDiscord() as fake:
        bot = rest_bot(fake, metrics=lambda: ("text/plain; version=0.0.4", b"# a metric\n"))
        assert bot.health().state.value == "not started"
        closing: list[httpx.Response] = []

        async def on_shutdown(app: object) -> None:
            # The listening socket is closed by now (a probe gets "connection refused", a
            # failure); the same routes, asked through the adapter, say why.
            transport = httpx.ASGITransport(bot.adapter)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                closing.append(await client.get("/readyz"))

        bot.add_shutdown_callback(on_shutdown)
        async with anyio.create_task_group() as tg:
            await tg.start(functools.partial(bot.start, host="127.0.0.1", port=0))
            (base,) = bot.addresses
            assert await both(base) == (
                (200, {"status": "live", "state": "running"}),
                (200, {"status": "ready", "state": "running"}),
            )
            async with httpx.AsyncClient(base_url=base) as client:
                head = await client.head("/readyz")
                get = await client.get("/readyz")
                metrics = await client.get("/metrics")
                post = await client.post("/readyz", content=b"{}")
                unknown = await client.get("/nope")
                interaction_get = await client.get("/")
            await bot.close()
        assert (head.status_code, head.content) == (200, b"")
        assert head.headers["content-length"] == str(len(get.content))
        assert (metrics.status_code, metrics.content) == (200, b"# a metric\n")
        assert metrics.headers["content-type"] == "text/plain; version=0.0.4"
        assert post.status_code == 405
        assert post.headers["allow"] == "GET, HEAD"
        assert unknown.status_code == 404
        assert interaction_get.status_code == 405  # the interaction path is unchanged
        assert [r.status_code for r in closing] == [503]
        assert orjson.loads(closing[0].content)["reasons"] == ["the bot is closing"]
        assert bot.health().state.value == "closed"


async def test_rest_bot_without_health_paths() -> None:
    async with FakeDiscord() as fake:
        bot = rest_bot(fake, serve_health=False)
        async with anyio.create_task_group() as tg:
            await tg.start(functools.partial(bot.start, host="127.0.0.1", port=0))
            async with httpx.AsyncClient(base_url=bot.addresses[0]) as client:
                statuses = [(await client.get(path)).status_code for path in ("/livez", "/readyz")]
            await bot.close()
    assert statuses == [404, 404]


async def test_asgi_bot_answers_health_through_its_lifespan() -> None:
    async with FakeDiscord() as fake:
        bot = AsgiBot(
            fake.token, public_key=fake.public_key, rest_url=fake.rest_url, banner=None, logs=None
        )
        client = httpx.AsyncClient(transport=httpx.ASGITransport(bot), base_url="http://bot")
        before = await client.get("/readyz"), await client.get("/livez")
        to_app: anyio.abc.ObjectSendStream[dict[str, str]]
        to_app, from_server = anyio.create_memory_object_stream[dict[str, str]](4)
        to_server, replies = anyio.create_memory_object_stream[dict[str, str]](4)
        async with anyio.create_task_group() as tg, to_app, replies, from_server, to_server:
            tg.start_soon(bot, {"type": "lifespan"}, from_server.receive, to_server.send)
            await to_app.send({"type": "lifespan.startup"})
            assert (await replies.receive())["type"] == "lifespan.startup.complete"
            running = await client.get("/readyz"), await client.head("/livez")
            closing: list[httpx.Response] = []

            async def on_shutdown(app: object) -> None:
                closing.append(await client.get("/readyz"))

            bot.add_shutdown_callback(on_shutdown)
            await to_app.send({"type": "lifespan.shutdown"})
            assert (await replies.receive())["type"] == "lifespan.shutdown.complete"
        after = await client.get("/livez")
        await client.aclose()
    assert [r.status_code for r in before] == [503, 503]
    assert orjson.loads(before[1].content)["reasons"] == ["the bot is not started"]
    assert running[0].status_code == 200
    assert (running[1].status_code, running[1].content) == (200, b"")
    assert [r.status_code for r in closing] == [503]
    assert orjson.loads(closing[0].content)["reasons"] == ["the bot is closing"]
    assert after.status_code == 503
    assert orjson.loads(after.content)["state"] == "closed"


async def test_rest_bot_health_paths_share_the_servers_connection_cap() -> None:
    async with FakeDiscord() as fake:
        bot = rest_bot(fake)
        async with anyio.create_task_group() as tg:
            await tg.start(
                functools.partial(bot.start, host="127.0.0.1", port=0, max_connections=1)
            )
            port = int(bot.addresses[0].rpartition(":")[2])
            probe_request = b"GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            async with await anyio.connect_tcp("127.0.0.1", port) as holder:
                await holder.send(b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
                assert (await holder.receive()).startswith(b"HTTP/1.1 200 ")
                # The one connection allowed is open (keep-alive): a probe is refused too.
                async with await anyio.connect_tcp("127.0.0.1", port) as second:
                    await second.send(probe_request)
                    refused = await second.receive()
            async with await anyio.connect_tcp("127.0.0.1", port) as third:
                await third.send(probe_request)
                served = await third.receive()
            await bot.close()
    assert refused.startswith(b"HTTP/1.1 503 ")
    assert served.startswith(b"HTTP/1.1 200 ")


async def test_rest_bot_on_hypercorn_answers_get_and_head() -> None:
    async with FakeDiscord() as fake:
        bot = rest_bot(fake)
        async with anyio.create_task_group() as tg:
            await tg.start(
                functools.partial(bot.start, host="127.0.0.1", port=0, http_server="hypercorn")
            )
            async with httpx.AsyncClient(base_url=bot.addresses[0]) as client:
                get = await client.get("/readyz")
                head = await client.head("/readyz")
                live = await client.get("/healthz")
            await bot.close()
    assert (get.status_code, orjson.loads(get.content)["status"]) == (200, "ready")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-length"] == str(len(get.content))
    assert live.status_code == 200


async def test_a_health_port_in_use_fails_start_with_the_os_error() -> None:
    async with FakeDiscord() as fake:
        taken = socket.socket()
        with taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            bot = gateway_bot(fake, HealthServer(taken.getsockname()[1]))
            with pytest.raises(OSError, match="in use"):
                await bot.start()
        assert not bot.is_alive
        assert fake.gateway.connections == []  # it failed before any shard connected


async def test_a_failing_metrics_route_is_a_500_and_the_server_keeps_serving(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> tuple[str, bytes]:
        raise RuntimeError("no registry")

    async with FakeDiscord() as fake:
        bot = rest_bot(fake, metrics=broken)
        async with anyio.create_task_group() as tg:
            await tg.start(functools.partial(bot.start, host="127.0.0.1", port=0))
            async with httpx.AsyncClient(base_url=bot.addresses[0]) as client:
                metrics = await client.get("/metrics")
                live = await client.get("/livez")
            await bot.close()
    assert metrics.status_code == 500
    assert live.status_code == 200
    assert any("the /metrics route failed" in r.getMessage() for r in caplog.records)


async def test_the_health_server_serves_the_metrics_exposition() -> None:
    prometheus_client = pytest.importorskip("prometheus_client")
    import anycord.metrics

    async with FakeDiscord(shard_count=2) as fake:
        registry = prometheus_client.CollectorRegistry()
        server = HealthServer(0, metrics=functools.partial(anycord.metrics.exposition, registry))
        bot = gateway_bot(fake, server)
        anycord.metrics.install(bot, registry)
        async with bot, httpx.AsyncClient(base_url=server.addresses[0]) as client:
            scrape = await client.get("/metrics")
    assert scrape.status_code == 200
    assert scrape.headers["content-type"].startswith("text/plain")
    for shard in ("0", "1"):
        assert f'anycord_shard_state{{shard="{shard}",state="CONNECTED"}} 1.0' in scrape.text
    assert fake.token not in scrape.text
