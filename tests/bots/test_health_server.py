"""`HealthServer` and the health core: answers, routes, and hostile input (both backends)."""

from __future__ import annotations

import contextlib
import enum
import functools
import logging
import re
import typing

import anyio
import attrs
import httpx
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anycord.bots.health import MAX_REASONS, Health, assess
from anycord.bots.health_server import HealthServer
from anycord.bots.lifecycle import LifecycleState
from anycord.interactions.http11_head import MAX_HEAD
from tests.virtual_clock import asyncio_virtual_options, trio_virtual_options

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Mapping

    from anycord.gateway.shard import GatewayShard

STATUS = re.compile(rb"HTTP/1\.1 (\d{3}) ")
BACKENDS = ["asyncio", "trio"]


class _State(enum.Enum):
    CONNECTED = "connected"
    RESUMING = "resuming"


@attrs.frozen
class FakeShard:
    """What `assess` reads of a shard: its id, its protocol state, whether it is connected."""

    id: int
    state: _State
    is_connected: bool


def shards(states: Mapping[int, bool]) -> Mapping[int, GatewayShard]:
    fakes = {
        shard_id: FakeShard(shard_id, _State.CONNECTED if up else _State.RESUMING, up)
        for shard_id, up in states.items()
    }
    return typing.cast("Mapping[int, GatewayShard]", fakes)


# -- the sans-IO core --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "live", "ready"),
    [
        (LifecycleState.NOT_STARTED, False, False),
        (LifecycleState.STARTING, True, False),
        (LifecycleState.RUNNING, True, True),
        (LifecycleState.CLOSING, True, False),
        (LifecycleState.CLOSED, False, False),
    ],
)
def test_lifecycle_decides_live_and_ready(state: LifecycleState, live: bool, ready: bool) -> None:
    health = assess(state)
    assert (health.live, health.ready) == (live, ready)
    status, content_type, body = health.answer("ready")
    assert content_type == "application/json"
    assert status == (200 if ready else 503)
    decoded = orjson.loads(body)
    assert decoded["state"] == state.value
    assert ("reasons" in decoded) is not ready
    assert health.answer("live")[0] == (200 if live else 503)


def test_one_shard_down_makes_a_running_bot_not_ready_and_says_which() -> None:
    health = assess(LifecycleState.RUNNING, shards({0: True, 1: False, 2: True}))
    assert health.live
    assert not health.ready
    assert health.reasons == ("shard 1 is not ready (resuming)",)
    status, _, body = health.answer("ready")
    assert status == 503
    assert orjson.loads(body)["shards"] == {"ready": 2, "total": 3}
    assert health.answer("live")[0] == 200


def test_reasons_stay_small_for_a_thousand_shards() -> None:
    health = assess(LifecycleState.STARTING, shards(dict.fromkeys(range(1024), False)))
    assert len(health.reasons) == 1 + MAX_REASONS + 1
    assert health.reasons[0] == "the bot is starting"
    assert health.reasons[-1] == f"and {1024 - MAX_REASONS} more shard(s) not connected"
    assert len(health.answer("ready")[2]) < 1024


def test_a_worker_without_leases_is_ready() -> None:
    health = assess(LifecycleState.RUNNING, shards({}))
    assert health.ready
    assert health.answer("ready") == (
        200,
        "application/json",
        b'{"status":"ready","state":"running","shards":{"ready":0,"total":0}}',
    )


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="port"):
        HealthServer(70000)
    with pytest.raises(ValueError, match="max_connections"):
        HealthServer(0, max_connections=0)


# -- the server --------------------------------------------------------------------------------


def run(backend: str, scenario: Callable[[], typing.Awaitable[None]]) -> None:
    options = asyncio_virtual_options() if backend == "asyncio" else trio_virtual_options()
    anyio.run(scenario, backend=backend, backend_options=options)


@contextlib.asynccontextmanager
async def health_server(
    probe: Callable[[], Health], **options: typing.Any
) -> AsyncIterator[tuple[str, int]]:
    server = HealthServer(0, **options)
    async with anyio.create_task_group() as tg:
        (address,) = await tg.start(server.run, probe)
        assert server.addresses == (address,)
        yield address, int(address.rpartition(":")[2])
        tg.cancel_scope.cancel()
    assert server.addresses == ()


async def exchange(port: int, data: bytes) -> bytes:
    """Send `data`, then read until the server closes (bounded by its own timeouts)."""
    received = bytearray()
    with anyio.fail_after(120):
        async with await anyio.connect_tcp("127.0.0.1", port) as stream:
            with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
                if data:
                    await stream.send(data)
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, OSError):
                while True:
                    received += await stream.receive()
    return bytes(received)


def running() -> Health:
    return assess(LifecycleState.RUNNING, shards({0: True, 1: False}))


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_methods_and_head(backend: str, caplog: pytest.LogCaptureFixture) -> None:
    answers: dict[str, httpx.Response] = {}

    async def scenario() -> None:
        metrics = functools.partial(tuple, ("text/plain; version=0.0.4", b"up 1\n"))
        async with (
            health_server(running, metrics=metrics) as (base, _),
            httpx.AsyncClient(base_url=base) as client,
        ):
            for name, method, path in [
                ("live", "GET", "/livez"),
                ("healthz", "GET", "/healthz"),
                ("ready", "GET", "/readyz"),
                ("head", "HEAD", "/readyz"),
                ("metrics", "GET", "/metrics"),
                ("post", "POST", "/livez"),
                ("delete", "DELETE", "/readyz"),
                ("unknown", "GET", "/"),
                ("query", "GET", "/livez?verbose=1"),
            ]:
                answers[name] = await client.request(method, path)

    with caplog.at_level(logging.INFO, logger="anycord.health"):
        run(backend, scenario)
    assert [r.getMessage() for r in caplog.records if r.name == "anycord.health"] == [
        f"health endpoint on {answers['live'].url.scheme}://127.0.0.1:"
        f"{answers['live'].url.port} (/livez, /readyz, /metrics)"
    ]
    assert answers["live"].status_code == answers["healthz"].status_code == 200
    assert answers["live"].content == answers["healthz"].content
    ready = answers["ready"]
    assert ready.status_code == 503
    assert orjson.loads(ready.content)["reasons"] == ["shard 1 is not ready (resuming)"]
    head = answers["head"]
    assert (head.status_code, head.content) == (503, b"")
    assert head.headers["content-length"] == str(len(ready.content))
    assert head.headers["content-type"] == "application/json"
    assert (answers["metrics"].status_code, answers["metrics"].content) == (200, b"up 1\n")
    for name in ("post", "delete"):
        assert answers[name].status_code == 405
        assert answers[name].headers["allow"] == "GET, HEAD"
    assert answers["unknown"].status_code == 404
    assert answers["query"].status_code == 200


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /livez HTTP/1.1\r\n\r\n", b"400"),  # no Host
        (b"GET /livez HTTP/1.1\nHost: x\n\n", b"400"),  # bare LF
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", b"400"),  # TLS to a plain port
        (b"GET /livez HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", b"411"),
        (
            b"GET /livez HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
            b"400",
        ),
        (b"GET /" + b"a" * (MAX_HEAD + 10) + b" HTTP/1.1\r\n\r\n", b"431"),
        (b"GET /livez HTTP/2.0\r\nHost: x\r\n\r\n", b"400"),
    ],
)
@pytest.mark.parametrize("backend", BACKENDS)
def test_bad_requests_get_a_clear_4xx_and_the_server_keeps_serving(
    backend: str, request_bytes: bytes, status: bytes
) -> None:
    seen: list[list[bytes]] = []

    async def scenario() -> None:
        async with health_server(running) as (_, port):
            seen.append(STATUS.findall(await exchange(port, request_bytes)))
            good = await exchange(
                port, b"GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            seen.append(STATUS.findall(good))

    run(backend, scenario)
    assert seen == [[status], [b"200"]]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_silent_connection_is_dropped_after_the_request_timeout(backend: str) -> None:
    took: list[float] = []

    async def scenario() -> None:
        async with health_server(running, request_timeout=2.0) as (_, port):
            start = anyio.current_time()
            assert await exchange(port, b"GET /livez HTTP/1.1\r\n") == b""
            took.append(anyio.current_time() - start)

    run(backend, scenario)
    assert 2.0 <= took[0] <= 3.5


TOKENS = st.sampled_from(
    [b"GET", b"HEAD", b"POST", b" ", b"/livez", b"/readyz", b"/metrics", b"HTTP/1.1", b"\r\n",
     b"Host: x", b"Content-Length: 3", b"abc", b"Connection: close", b":", b"\x00", b"\n"]
)  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), st.lists(TOKENS, max_size=40).map(b"".join)))
def test_hostile_input_never_crashes_the_server(backend: str, data: bytes) -> None:
    seen: list[bytes] = []

    async def scenario() -> None:
        async with health_server(running) as (_, port):
            seen.extend(STATUS.findall(await exchange(port, data)))
            good = await exchange(
                port, b"GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            assert STATUS.findall(good) == [b"200"]

    run(backend, scenario)
    assert set(seen) <= {b"200", b"400", b"404", b"405", b"411", b"431", b"503"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_failing_probe_is_a_500_and_the_server_keeps_serving(backend: str) -> None:
    seen: list[list[bytes]] = []
    calls = [0]

    def flaky() -> Health:
        calls[0] += 1
        if calls[0] == 1:
            raise RuntimeError("broken probe")
        return running()

    async def scenario() -> None:
        async with health_server(flaky) as (_, port):
            for _ in range(2):
                request = b"GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                seen.append(STATUS.findall(await exchange(port, request)))

    run(backend, scenario)
    assert seen == [[b"500"], [b"200"]]
