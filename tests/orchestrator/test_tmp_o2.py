"""The Redis back-end across real processes: `run_server` in the test, bots started with
`python -m anycord.orchestrator run --address redis://...`, against FakeDiscord."""

from __future__ import annotations

import functools
import itertools
import math
import os
import pathlib
import subprocess
import sys

import anyio
import anyio.abc

from anycord.intents import Intents
from anycord.orchestrator import Client, start_server
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import (
    FAKE_WINDOW,
    PLAN_WINDOW,
    identify_gaps,
    poll,
)
from tests.orchestrator.worker_app import read_log

ROOT = str(pathlib.Path(__file__).resolve().parents[2])
INTENTS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS
_namespaces = itertools.count()


async def test_bots_on_redis_share_buckets_and_adopt_a_killed_bots_shards(
    tmp_path: pathlib.Path, redis_url: str
) -> None:
    log = str(tmp_path / "events.log")
    namespace = f"procs{os.getpid()}-{next(_namespaces)}"
    async with FakeDiscord(shard_count=16, max_concurrency=2, heartbeat_interval=0.5) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        env = {
            **os.environ,
            "ANYCORD_TOKEN": fake.token,
            "PYTHONPATH": ROOT,
            "ANYCORD_TEST_LOG": log,
        }

        async def bot_process() -> anyio.abc.Process:
            return await anyio.open_process(
                [
                    sys.executable,
                    "-m",
                    "anycord.orchestrator",
                    "run",
                    "tests.orchestrator.worker_app:setup",
                    "--address",
                    redis_url,
                    "--namespace",
                    namespace,
                    "--local-shard-count",
                    "4",
                    "--lease-ttl",
                    "1.5",
                    "--rest-url",
                    fake.rest_url,
                    "--log-level",
                    "INFO",
                ],
                stdin=subprocess.DEVNULL,
                stdout=None,
                stderr=None,
                env=env,
            )

        processes: list[anyio.abc.Process] = []
        try:
            with anyio.fail_after(45):
                async with anyio.create_task_group() as tg:
                    await tg.start(
                        functools.partial(
                            start_server,
                            fake.token,
                            redis_url,
                            intents=INTENTS,
                            namespace=namespace,
                            identify_window=PLAN_WINDOW,
                            rest_url=fake.rest_url,
                        )
                    )
                    processes += [await bot_process() for _ in range(4)]
                    await fake.gateway.wait_ready(16)
                    assert fake.gateway.identify_rejections == []
                    assert sorted(s for _, s in fake.gateway.identify_log) == list(range(16))
                    assert min(identify_gaps(fake.gateway.identify_log, 2)) >= FAKE_WINDOW
                    processes.append(await bot_process())  # a standby with four free slots

                    async with Client(
                        fake.token, redis_url, namespace=namespace, refresh_interval=0.1
                    ) as client:
                        await poll(
                            lambda: all(
                                s.is_connected and not math.isnan(s.heartbeat_latency)
                                for s in client.remote_shards.values()
                            )
                        )
                        owners = {i: s.owner for i, s in client.remote_shards.items()}
                        assert len(set(owners.values())) == 4
                        victim_owner = owners[0]
                        victims = sorted(s for s, o in owners.items() if o == victim_owner)
                        old = {s: fake.gateway.live_connections(s)[0] for s in victims}
                        for n in range(1, 6):
                            for s in victims:
                                await fake.gateway.dispatch("ANYCORD_TEST", {"n": n}, shard_id=s)
                        await anyio.sleep(1.2)  # a report interval: the sessions are saved
                        assert victim_owner is not None
                        victim_pid = int(victim_owner.split("-")[-2])
                        victim = next(p for p in processes if p.pid == victim_pid)
                        victim.kill()
                        killed_at = anyio.current_time()
                        n = 5
                        while not all(
                            any(c.resumed for c in fake.gateway.live_connections(s))
                            for s in victims
                        ):
                            n += 1
                            for s in victims:
                                fake.gateway.dispatch_nowait("ANYCORD_TEST", {"n": n}, shard_id=s)
                            await anyio.sleep(0.05)
                        # Re-leased and resumed by the standby within TTL + one adopt poll.
                        assert anyio.current_time() - killed_at < 1.5 + 0.5 + 1.0
                        for s in victims:
                            new = fake.gateway.live_connections(s)[0]
                            assert new.session_id == old[s].session_id
                        assert len(fake.gateway.identify_log) == 16
                        expected = {(s, m) for s in victims for m in range(1, n + 1)}
                        await poll(lambda: expected <= read_log(log))
                        await client.refresh()
                        new_owners = {client.remote_shards[s].owner for s in victims}
                        assert victim_owner not in new_owners
                    tg.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                for process in processes:
                    if process.returncode is None:
                        process.terminate()
                for process in processes:
                    with anyio.move_on_after(10):
                        await process.wait()
                    if process.returncode is None:
                        process.kill()
                        await process.wait()
                    await process.aclose()
