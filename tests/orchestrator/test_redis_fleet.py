"""The Redis back-end across real processes: `start_server` in the test, bots started with
`python -m anycord.orchestrator run --address redis://...`, against FakeDiscord.

One fleet serves every assertion (starting five interpreters is most of the cost).
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import pathlib
import signal
import subprocess
import sys
import typing

import anyio
import anyio.abc
import pytest

from anycord.intents import Intents
from anycord.orchestrator import Client, RedisCoordinator, connect_redis, start_server
from anycord.orchestrator._wire import encode_presence
from anycord.orchestrator.coordinator import ShardCommand
from anycord.snowflakes import calculate_shard_id
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import (
    FAKE_WINDOW,
    PLAN_WINDOW,
    identify_gaps,
    poll,
)
from tests.orchestrator.worker_app import read_log, read_started

ROOT = str(pathlib.Path(__file__).resolve().parents[2])
INTENTS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS
IDLE = encode_presence(status="idle")
TTL = 3.0  # a 1.5 s TTL let renewals miss on a loaded 2-core CI machine (see test_local)
FENCING_WARNINGS = ("stopping at once", "could not renew", "lease not confirmed")
_namespaces = itertools.count()


def sent(fake: FakeDiscord, op: int, shard_id: int) -> list[typing.Any]:
    return [
        p["d"]
        for c in fake.gateway.live_connections(shard_id)
        for p in c.received
        if isinstance(p, dict) and p.get("op") == op
    ]


# One run, not one per backend: five interpreters cost seconds of real time, and crossing
# the backends covers both anyway (the supervisor and Client run on asyncio here, the bots,
# through the real command line, on trio; test_fleet.py runs Bot and Client in-process on both).
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_bots_on_redis_share_buckets_route_commands_and_adopt_a_killed_bots_shards(
    tmp_path: pathlib.Path, redis_url: str, anyio_backend: str
) -> None:
    log = str(tmp_path / "events.log")
    namespace = f"procs{os.getpid()}-{next(_namespaces)}"
    bots_backend = "trio" if anyio_backend == "asyncio" else "asyncio"
    async with FakeDiscord(shard_count=16, max_concurrency=2, heartbeat_interval=1.0) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        guild = fake.add_guild(name="g", members=3)
        guild_shard = calculate_shard_id(16, int(guild["id"]))
        env = {
            **os.environ,
            "ANYCORD_TOKEN": fake.token,
            "PYTHONPATH": ROOT,
            "ANYCORD_TEST_LOG": log,
        }
        stderr_paths: dict[int, pathlib.Path] = {}

        async def bot_process() -> anyio.abc.Process:
            path = tmp_path / f"bot{len(stderr_paths)}.stderr"
            with path.open("wb") as stderr:
                process = await anyio.open_process(
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
                        str(TTL),
                        "--rest-url",
                        fake.rest_url,
                        "--backend",
                        bots_backend,
                        "--log-level",
                        "INFO",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    env=env,
                )
            stderr_paths[process.pid] = path
            return process

        processes: list[anyio.abc.Process] = []
        try:
            with anyio.fail_after(50):
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
                    async with connect_redis(redis_url) as redis:
                        store = RedisCoordinator(redis, namespace)
                        # Once the four bots hold every lease (they identify afterwards), a
                        # fifth one starts as a standby with four free slots.
                        while len(await store.owners()) < 16:  # noqa: ASYNC110 (another process)
                            await anyio.sleep(0.05)
                        spare = await bot_process()
                        processes.append(spare)
                    await fake.gateway.wait_ready(16)
                    # The identify rule held across four processes sharing two buckets.
                    assert fake.gateway.identify_rejections == []
                    assert sorted(s for _, s in fake.gateway.identify_log) == list(range(16))
                    assert min(identify_gaps(fake.gateway.identify_log, 2)) >= FAKE_WINDOW
                    await poll(lambda: len(read_started(log)) == 5)

                    async with Client(
                        fake.token, redis_url, namespace=namespace, refresh_interval=0.1
                    ) as client:
                        # remote_shards shows the real state, session and latency.
                        await poll(
                            lambda: all(
                                s.is_connected and not math.isnan(s.heartbeat_latency)
                                for s in client.remote_shards.values()
                            )
                        )
                        owners = {i: s.owner for i, s in client.remote_shards.items()}
                        assert sorted(owners) == list(range(16))
                        assert sorted(
                            list(owners.values()).count(o) for o in set(owners.values())
                        ) == [4, 4, 4, 4]
                        for shard_id, remote in client.remote_shards.items():
                            conn = fake.gateway.live_connections(shard_id)[0]
                            assert remote.session_id == conn.session_id
                            assert 0 <= remote.heartbeat_latency < 1

                        # Presence reaches every shard; a member request only the guild's.
                        await client.update_presence(status="dnd")
                        await client.request_guild_members(
                            guild["id"], query="", limit=2, nonce="x"
                        )
                        await fake.gateway.wait_until(
                            lambda: (
                                all(sent(fake, 3, s) for s in range(16))
                                and bool(sent(fake, 8, guild_shard))
                            )
                        )
                        assert all(sent(fake, 3, s)[-1]["status"] == "dnd" for s in range(16))
                        assert sent(fake, 8, guild_shard)[-1]["nonce"] == "x"
                        assert not any(sent(fake, 8, s) for s in range(16) if s != guild_shard)

                        # SIGKILL one bot once its sessions are saved past five test events.
                        victim_owner = owners[0]
                        assert victim_owner is not None
                        victims = sorted(s for s, o in owners.items() if o == victim_owner)
                        old = {s: fake.gateway.live_connections(s)[0] for s in victims}
                        for n in range(1, 6):
                            for s in victims:
                                await fake.gateway.dispatch("ANYCORD_TEST", {"n": n}, shard_id=s)
                        await poll(
                            lambda: all(
                                (client.remote_shards[s].seq or 0) >= old[s].sequence
                                for s in victims
                            )
                        )
                        victim_pid = int(victim_owner.split("-")[-2])
                        victim = next(p for p in processes if p.pid == victim_pid)
                        victim.kill()
                        killed_at = anyio.current_time()
                        # Sent while the shards have no owner: replayed to the standby from
                        # the command cursor saved with each session.
                        for s in victims:
                            await client.coordinator.send_command(
                                ShardCommand(shard_id=s, kind="presence", payload=IDLE)
                            )
                        n = 5
                        while not all(
                            any(c.resumed for c in fake.gateway.live_connections(s))
                            for s in victims
                        ):
                            n += 1
                            for s in victims:
                                fake.gateway.dispatch_nowait("ANYCORD_TEST", {"n": n}, shard_id=s)
                            await anyio.sleep(0.05)
                        # Re-leased and resumed by the standby within the TTL, one adopt poll
                        # (TTL / 3) and a connection's set-up.
                        assert anyio.current_time() - killed_at < TTL + TTL / 3 + 1.0
                        for s in victims:
                            new = fake.gateway.live_connections(s)[0]
                            assert new.session_id == old[s].session_id
                            # Never twice at once: the old connection was gone first.
                            closed_at, opened_at = old[s].closed_at, new.opened_at
                            assert closed_at is not None
                            assert opened_at is not None
                            assert closed_at <= opened_at
                        assert len(fake.gateway.identify_log) == 16  # resumed, not re-identified
                        await fake.gateway.wait_until(
                            lambda: all(
                                any(d.get("status") == "idle" for d in sent(fake, 3, s))
                                for s in victims
                            )
                        )
                        # At-least-once: every dispatch reached some bot, none was lost.
                        expected = {(s, m) for s in victims for m in range(1, n + 1)}
                        await poll(lambda: expected <= read_log(log))
                        await client.refresh()
                        standby = next(
                            o for o in read_started(log) if o.split("-")[-2] == str(spare.pid)
                        )
                        assert {client.remote_shards[s].owner for s in victims} == {standby}

                    # A clean stop (SIGTERM): every bot exits 0, without a fencing warning,
                    # having released its leases and ended its sessions.
                    survivors = [p for p in processes if p is not victim]
                    for process in survivors:
                        process.send_signal(signal.SIGTERM)
                    for process in survivors:
                        assert await process.wait() == 0
                    async with connect_redis(redis_url) as redis:
                        store = RedisCoordinator(redis, namespace)
                        assert await store.owners() == {}
                        assert [await store.load_session(i) for i in range(16)] == [None] * 16
                    for process in survivors:
                        text = stderr_paths[process.pid].read_text()
                        assert "leased shard" in text  # its log was captured
                        assert not [w for w in FENCING_WARNINGS if w in text], text
                    tg.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                for process in processes:
                    if process.returncode is None:
                        process.kill()
                    await process.wait()
                    await process.aclose()
