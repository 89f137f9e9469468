"""The supervisor rides out a Redis restart: its watchdog logs, waits and publishes again."""

from __future__ import annotations

import logging
import socket

import anyio
import pytest

from anycord.orchestrator import RedisCoordinator, connect_redis, start_server
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import poll
from tests.orchestrator.redis_server import redis_server


def _shutdown(url: str) -> None:
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n")
        # The server closes the connection as it exits.
        while sock.recv(1024):
            pass


# coredis 6.9 leaks the streams of every refused connection (see conftest.py), and this test
# refuses connections on purpose: their collection must not fail it.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function MemoryObject:pytest.PytestUnraisableExceptionWarning"
)
async def test_the_supervisor_survives_a_redis_restart_and_publishes_the_plan_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, "anycord.orchestrator")
    with redis_server() as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        async with FakeDiscord(shard_count=2) as fake, anyio.create_task_group() as tg:
            plan = await tg.start(
                lambda task_status: start_server(
                    fake.token,
                    url,
                    rest_url=fake.rest_url,
                    namespace="outage",
                    watch_interval=0.05,
                    task_status=task_status,
                )
            )
            await anyio.to_thread.run_sync(_shutdown, url)
            # The watchdog meets a refused connection (a coredis error, not an OSError).
            await poll(
                lambda: any("watchdog round failed" in r.getMessage() for r in caplog.records)
            )
            # Started again, empty (no persistence): the supervisor publishes plan and budget.
            with redis_server(port=port):
                async with connect_redis(url) as client:
                    coordinator = RedisCoordinator(client, "outage")

                    async def budget() -> int | None:
                        return await coordinator.remaining_sessions()

                    while await budget() is None:  # noqa: ASYNC110 (another task writes it)
                        await anyio.sleep(0.05)
                    assert await coordinator.get_plan() == plan
                tg.cancel_scope.cancel()
