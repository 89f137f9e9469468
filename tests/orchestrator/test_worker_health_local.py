"""Local worker processes serve `/livez` and `/readyz` (`spawn_subprocesses(health_port=...)`),
each for the shards it holds, and stop serving when the fleet stops.

Real time: the workers are other processes. One backend for the parent (asyncio) and the other
(trio) for the workers, as in test_local.py: processes cost seconds, so the backends are crossed.
"""

from __future__ import annotations

import functools
import pathlib
import re
import typing

import anyio
import httpx
import orjson
import pytest

from anycord.orchestrator import spawn_subprocesses
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import FAKE_WINDOW, PLAN_WINDOW, poll

if typing.TYPE_CHECKING:
    from anycord.orchestrator import LocalFleet

ROOT = str(pathlib.Path(__file__).resolve().parents[2])
URL = re.compile(r"health endpoint on (http://127\.0\.0\.1:\d+) \(/livez, /readyz\)")


async def readyz(base: str) -> tuple[int, dict[str, typing.Any]]:
    async with httpx.AsyncClient(base_url=base) as client:
        response = await client.get("/readyz")
    return response.status_code, orjson.loads(response.content)


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_each_worker_answers_for_its_own_shards(
    capfd: pytest.CaptureFixture[str], anyio_backend: str
) -> None:
    urls: list[str] = []

    def logged_urls() -> bool:
        urls.extend(URL.findall(capfd.readouterr().err))
        return len(urls) >= 2

    async with FakeDiscord(shard_count=4, heartbeat_interval=1.0) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        with anyio.fail_after(45):
            async with anyio.create_task_group() as tg:
                fleet: LocalFleet = await tg.start(
                    functools.partial(
                        spawn_subprocesses,
                        fake.token,
                        subprocess_count=2,
                        rest_url=fake.rest_url,
                        lease_ttl=4.0,
                        identify_window=PLAN_WINDOW,
                        backend="trio",
                        # This checkout's package first, whatever is installed.
                        env={"PYTHONPATH": f"{ROOT}/src:{ROOT}"},
                        health_port=0,  # every worker a free port, logged
                    )
                )
                await fake.gateway.wait_ready(4)
                await poll(logged_urls)
                assert len(set(urls)) == 2
                answers: list[tuple[int, dict[str, typing.Any]]] = []

                async def every_worker_ready() -> bool:
                    answers[:] = [await readyz(url) for url in urls]
                    return all(status == 200 for status, _ in answers)

                # Polling: the state lives in other processes (as `poll` says).
                while not await every_worker_ready():  # noqa: ASYNC110
                    await anyio.sleep(0.1)
                totals = sorted(body["shards"]["total"] for _, body in answers)
                assert totals == [2, 2]
                assert fleet.subprocess_count == 2
                tg.cancel_scope.cancel()
        for url in urls:
            with pytest.raises(httpx.ConnectError):
                await readyz(url)
