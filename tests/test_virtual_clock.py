"""The virtual clock runs timing logic instantly, under both backends, and keeps sockets working."""

from __future__ import annotations

import time

import anyio
import pytest

from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def test_long_sleep_is_instant_and_advances_virtual_time() -> None:
    real_start = time.monotonic()
    start = anyio.current_time()
    await anyio.sleep(3600)
    assert anyio.current_time() - start == pytest.approx(3600, abs=1e-6)
    assert time.monotonic() - real_start < 1.0


async def test_sleep_longer_than_a_day_is_instant() -> None:
    # asyncio caps one select() at 24 h; the clock must keep jumping past it.
    real_start = time.monotonic()
    start = anyio.current_time()
    await anyio.sleep(3 * 86400)
    assert anyio.current_time() - start == pytest.approx(3 * 86400, abs=1e-6)
    assert time.monotonic() - real_start < 1.0


async def test_fail_after_fires_at_the_virtual_deadline() -> None:
    start = anyio.current_time()
    with pytest.raises(TimeoutError):
        with anyio.fail_after(5):
            await anyio.sleep(100)
    assert anyio.current_time() - start == pytest.approx(5, abs=1e-6)


async def test_move_on_after_lets_short_work_finish() -> None:
    start = anyio.current_time()
    with anyio.move_on_after(10) as scope:
        await anyio.sleep(2)
    assert not scope.cancelled_caught
    assert anyio.current_time() - start == pytest.approx(2, abs=1e-6)


async def test_concurrent_sleeps_wake_in_deadline_order() -> None:
    woke: list[tuple[int, float]] = []
    start = anyio.current_time()

    async def sleeper(n: int, delay: float) -> None:
        await anyio.sleep(delay)
        woke.append((n, anyio.current_time() - start))

    async with anyio.create_task_group() as tg:
        for n, delay in enumerate([30.0, 5.0, 17.5, 0.25, 60.0, 5.5]):
            tg.start_soon(sleeper, n, delay)
    assert [n for n, _ in woke] == [3, 1, 5, 2, 0, 4]
    assert [t for _, t in woke] == pytest.approx([0.25, 5.0, 5.5, 17.5, 30.0, 60.0], abs=1e-6)


async def test_loopback_socket_io_still_works() -> None:
    received: list[bytes] = []
    start = anyio.current_time()
    real_start = time.monotonic()

    async def handle(stream: anyio.abc.SocketStream) -> None:
        async with stream:
            data = await stream.receive()
            await anyio.sleep(10)  # a server that takes a long (virtual) time to answer
            await stream.send(data.upper())

    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    async with listener, anyio.create_task_group() as tg:
        tg.start_soon(listener.serve, handle)
        for word in (b"ping", b"pong", b"zing"):
            async with await anyio.connect_tcp("127.0.0.1", port) as client:
                await client.send(word)
                with anyio.fail_after(60):
                    received.append(await client.receive())
        tg.cancel_scope.cancel()
    assert received == [b"PING", b"PONG", b"ZING"]
    assert anyio.current_time() - start == pytest.approx(30, abs=0.5)
    assert time.monotonic() - real_start < 1.5


async def test_io_wait_without_a_timer_blocks_for_real() -> None:
    # A thread finishing real work must not be skipped when no timer is pending.
    def work() -> str:
        time.sleep(0.05)
        return "done"

    assert await anyio.to_thread.run_sync(work) == "done"


async def test_many_short_sleeps_accumulate_exactly() -> None:
    start = anyio.current_time()
    for _ in range(1000):
        await anyio.sleep(0.5)
    assert anyio.current_time() - start == pytest.approx(500, abs=1e-6)
