"""A bot on Redis started from the command line (`run --address ... --health-port`) serves
`/livez` and `/readyz` for the shards it leases, and stops serving when it exits.

Real time and a real process: one run, with the supervisor on asyncio here and the bot on
trio (the in-process health tests run on both backends).
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
import signal
import subprocess
import sys

import anyio
import httpx
import orjson
import pytest

from anycord.orchestrator import start_server
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import FAKE_WINDOW, PLAN_WINDOW, poll

ROOT = str(pathlib.Path(__file__).resolve().parents[2])
URL = re.compile(r"health endpoint on (http://127\.0\.0\.1:\d+) \(/livez, /readyz\)")


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_a_redis_bot_from_the_command_line_serves_its_health(
    tmp_path: pathlib.Path, redis_url: str, anyio_backend: str
) -> None:
    namespace = f"health{os.getpid()}"
    stderr_path = tmp_path / "bot.stderr"
    urls: list[str] = []

    def logged_url() -> bool:
        urls[:] = URL.findall(stderr_path.read_text(errors="replace"))
        return bool(urls)

    async with FakeDiscord(shard_count=2, heartbeat_interval=1.0) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        with anyio.fail_after(45):
            async with anyio.create_task_group() as tg:
                await tg.start(
                    functools.partial(
                        start_server,
                        fake.token,
                        redis_url,
                        namespace=namespace,
                        identify_window=PLAN_WINDOW,
                        rest_url=fake.rest_url,
                    )
                )
                with stderr_path.open("wb") as stderr:
                    process = await anyio.open_process(
                        [sys.executable, "-m", "anycord.orchestrator", "run",
                         "--address", redis_url, "--namespace", namespace,
                         "--local-shard-count", "2", "--lease-ttl", "3",
                         "--rest-url", fake.rest_url, "--backend", "trio",
                         "--health-port", "0", "--health-host", "127.0.0.1"],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                        # This checkout's package first, whatever is installed.
                        env={**os.environ, "ANYCORD_TOKEN": fake.token,
                             "PYTHONPATH": f"{ROOT}/src:{ROOT}"},
                    )  # fmt: skip
                async with process:
                    await poll(logged_url)
                    (base,) = urls
                    async with httpx.AsyncClient(base_url=base) as client:
                        while (ready := await client.get("/readyz")).status_code != 200:  # noqa: ASYNC110
                            await anyio.sleep(0.1)
                        live = await client.get("/livez")
                    process.send_signal(signal.SIGTERM)
                    assert await process.wait() == 0
                tg.cancel_scope.cancel()
    assert orjson.loads(ready.content) == {
        "status": "ready",
        "state": "running",
        "shards": {"ready": 2, "total": 2},
    }
    assert live.status_code == 200
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient(base_url=base) as client:
            await client.get("/livez")
