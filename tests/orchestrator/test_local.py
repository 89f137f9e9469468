"""The local back-end: real worker processes coordinated by the parent, against FakeDiscord.

Real time: the workers are other processes. Windows and TTLs are short (see fleet.py).
"""

from __future__ import annotations

import functools
import math
import os
import pathlib
import signal
import typing

import anyio
import pytest

from anycord.errors import OrchestratorWorkerError
from anycord.intents import Intents
from anycord.orchestrator import Client, spawn_subprocesses
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
from tests.orchestrator.worker_app import read_log

if typing.TYPE_CHECKING:
    from anycord.orchestrator import LocalFleet

ROOT = str(pathlib.Path(__file__).resolve().parents[2])
INTENTS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS
IDLE = encode_presence(status="idle")


def sent(fake: FakeDiscord, op: int, shard_id: int) -> list[typing.Any]:
    return [
        p["d"]
        for c in fake.gateway.live_connections(shard_id)
        for p in c.received
        if isinstance(p, dict) and p.get("op") == op
    ]


FENCING_WARNINGS = ("stopping at once", "could not renew", "lease not confirmed")


# One run per test, not one per backend: worker processes cost seconds of real time. The
# backends are crossed instead: here the parent runs on asyncio and the workers on trio, in
# the fatal-error test below the parent runs on trio and the workers on asyncio.
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_four_workers_share_buckets_report_route_and_survive_sigkill(
    tmp_path: pathlib.Path, capfd: pytest.CaptureFixture[str], anyio_backend: str
) -> None:
    log = str(tmp_path / "events.log")
    async with FakeDiscord(shard_count=16, max_concurrency=2, heartbeat_interval=1.0) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        guild = fake.add_guild(name="g", members=3)
        guild_shard = calculate_shard_id(16, int(guild["id"]))
        with anyio.fail_after(45):
            async with anyio.create_task_group() as tg:
                fleet: LocalFleet = await tg.start(
                    functools.partial(
                        spawn_subprocesses,
                        fake.token,
                        callback="tests.orchestrator.worker_app:setup",
                        subprocess_count=4,
                        intents=INTENTS,
                        rest_url=fake.rest_url,
                        lease_ttl=4.0,  # headroom for a loaded 2-core CI machine (see below)
                        identify_window=PLAN_WINDOW,
                        backend="trio" if anyio_backend == "asyncio" else "asyncio",
                        restart_delay=0.1,
                        env={"PYTHONPATH": ROOT, "ANYCORD_TEST_LOG": log},
                    )
                )
                await fake.gateway.wait_ready(16)
                # The identify rule held across the four processes.
                assert fake.gateway.identify_rejections == []
                assert sorted(s for _, s in fake.gateway.identify_log) == list(range(16))
                assert min(identify_gaps(fake.gateway.identify_log, 2)) >= FAKE_WINDOW
                coordinator = fleet.coordinator
                owners = await coordinator.owners()
                assert sorted(owners) == list(range(16))
                assert {o for o, _ in owners.values()} == set(fleet.owners.values())

                async with Client(fake.token, coordinator, refresh_interval=0.1) as client:
                    await poll(
                        lambda: all(
                            s.is_connected and not math.isnan(s.heartbeat_latency)
                            for s in client.remote_shards.values()
                        )
                    )
                    for shard_id, remote in client.remote_shards.items():
                        assert remote.owner == owners[shard_id][0]
                        conn = fake.gateway.live_connections(shard_id)[0]
                        assert remote.session_id == conn.session_id
                    await client.update_presence(status="dnd")
                    await client.request_guild_members(guild["id"], query="", limit=2, nonce="x")
                    await fake.gateway.wait_until(
                        lambda: (
                            all(sent(fake, 3, s) for s in range(16))
                            and bool(sent(fake, 8, guild_shard))
                        )
                    )
                    assert all(sent(fake, 3, s)[-1]["status"] == "dnd" for s in range(16))
                    assert not any(sent(fake, 8, s) for s in range(16) if s != guild_shard)

                # SIGKILL worker 0: its shards come back, resumed, within the lease TTL.
                victim_owner = fleet.owners[0]
                victims = sorted(s for s, (o, _) in owners.items() if o == victim_owner)
                old = {s: fake.gateway.live_connections(s)[0] for s in victims}
                for n in range(1, 6):
                    for s in victims:
                        await fake.gateway.dispatch("ANYCORD_TEST", {"n": n}, shard_id=s)

                async def saved() -> bool:
                    statuses = await coordinator.statuses()
                    return all((statuses[s].sequence or 0) >= old[s].sequence for s in victims)

                while not await saved():  # noqa: ASYNC110 (the workers report over their pipes)
                    await anyio.sleep(0.05)
                os.kill(fleet.processes[0].pid, signal.SIGKILL)
                killed_at = anyio.current_time()
                # Sent while the shards have no owner: replayed to the next one, from the
                # command cursor saved with the session.
                for s in victims:
                    await coordinator.send_command(
                        ShardCommand(shard_id=s, kind="presence", payload=IDLE)
                    )
                n = 5
                while not all(
                    any(c.resumed for c in fake.gateway.live_connections(s)) for s in victims
                ):
                    n += 1
                    for s in victims:
                        fake.gateway.dispatch_nowait("ANYCORD_TEST", {"n": n}, shard_id=s)
                    await anyio.sleep(0.05)
                # The parent saw the worker die and dropped its leases at once: no TTL to wait out.
                assert anyio.current_time() - killed_at < 6.5  # restart + a loaded worker's start
                assert fleet.restarts[0] == 1
                for s in victims:
                    new = fake.gateway.live_connections(s)[0]
                    assert new.session_id == old[s].session_id
                    closed_at, opened_at = old[s].closed_at, new.opened_at
                    assert closed_at is not None
                    assert opened_at is not None
                    assert closed_at <= opened_at
                assert len(fake.gateway.identify_log) == 16  # nothing re-identified
                await fake.gateway.wait_until(
                    lambda: all(
                        any(d.get("status") == "idle" for d in sent(fake, 3, s)) for s in victims
                    )
                )
                expected = {(s, m) for s in victims for m in range(1, n + 1)}
                await poll(lambda: expected <= read_log(log))  # at-least-once: none lost
                tg.cancel_scope.cancel()
        assert fleet.processes == {}  # every worker was stopped and reaped
    # The parent dropped whatever an exited worker held; the workers stopped cleanly: each
    # handed its shards back (sessions cleared), none fenced its own shards.
    assert await coordinator.owners() == {}
    assert [await coordinator.load_session(i) for i in range(16)] == [None] * 16
    err = capfd.readouterr().err
    assert "leased shard" in err  # the workers' logs were captured
    assert not [w for w in FENCING_WARNINGS if w in err], err


@pytest.mark.parametrize("anyio_backend", ["trio"])  # crossed, see above
async def test_a_fatal_worker_error_stops_the_fleet(
    tmp_path: pathlib.Path, anyio_backend: str
) -> None:
    async with FakeDiscord(shard_count=2) as fake:
        with anyio.fail_after(30), pytest.raises(OrchestratorWorkerError) as caught:
            await spawn_subprocesses(
                fake.token,
                callback="tests.orchestrator.worker_app:fail",
                subprocess_count=2,
                rest_url=fake.rest_url,
                backend="trio" if anyio_backend == "asyncio" else "asyncio",
                env={"PYTHONPATH": ROOT},
            )
        assert caught.value.returncode == 3
