"""Fleets started from the command line with `--health-port 0 --metrics`: every process (the
supervisor and each bot) serves its own `GET /metrics`, with the fleet families and no token,
every shard's dispatch reaches a listener in the worker that holds it, and a SIGTERM leaves
no process, no port and (after `forget_fleet`) no Redis key behind.

These are the fleet smoke tests: real processes, the real command line (`python -m
anycord.orchestrator`, which is `main()`), against FakeDiscord on 127.0.0.1. One run each, not
one per backend: interpreters cost seconds, so the backends are crossed instead (the test and
FakeDiscord on asyncio, the command-line processes on trio, the Redis supervisor on asyncio).
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import re
import signal
import subprocess
import sys

import anyio
import anyio.abc
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from anycord.orchestrator import RedisCoordinator, connect_redis
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import FAKE_WINDOW, PLAN_WINDOW, poll

ROOT = str(pathlib.Path(__file__).resolve().parents[2])
URL = re.compile(r"health endpoint on (http://127\.0\.0\.1:\d+) \(/livez, /readyz, /metrics\)")
BUDGET = 100
SHARDS = 4

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def command(line: str, *args: str) -> list[str]:
    """`python -m anycord.orchestrator` with `line`'s words, then `args`."""
    return [sys.executable, "-m", "anycord.orchestrator", *line.split(), *args]


def environment(fake: FakeDiscord, log: pathlib.Path) -> dict[str, str]:
    # This checkout's package first, whatever is installed; the token only in the environment.
    return {
        **os.environ,
        "ANYCORD_TOKEN": fake.token,
        "PYTHONPATH": f"{ROOT}/src:{ROOT}",
        "ANYCORD_TEST_LOG": str(log),
    }


class Fleet:
    """The processes a test started, their stderr files and the endpoints they logged."""

    def __init__(self, tmp_path: pathlib.Path) -> None:
        self.tmp_path = tmp_path
        self.processes: list[anyio.abc.Process] = []
        self.stderr: list[pathlib.Path] = []

    async def start(self, args: list[str], env: dict[str, str]) -> anyio.abc.Process:
        path = self.tmp_path / f"process{len(self.stderr)}.stderr"
        with path.open("wb") as stderr:
            process = await anyio.open_process(
                args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, env=env
            )
        self.processes.append(process)
        self.stderr.append(path)
        return process

    def urls(self) -> list[str]:
        return [u for p in self.stderr for u in URL.findall(p.read_text(errors="replace"))]

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.stderr)

    async def kill_leftovers(self) -> None:
        with anyio.CancelScope(shield=True):
            for process in self.processes:
                if process.returncode is None:
                    process.kill()
                await process.wait()
                await process.aclose()


async def scrape(base: str) -> tuple[str, Samples]:
    async with httpx.AsyncClient(base_url=base) as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[sample.name, frozenset(sample.labels.items())] = sample.value
    return response.text, samples


def total(samples: Samples, name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= ls)


async def every_endpoint_ready(urls: list[str]) -> None:
    async with httpx.AsyncClient() as client:
        for url in urls:
            while (await client.get(url + "/readyz")).status_code != 200:  # noqa: ASYNC110
                await anyio.sleep(0.1)


async def dispatch_to_every_shard(fake: FakeDiscord, log: pathlib.Path) -> set[str]:
    """One test dispatch per shard; returns the owners whose listeners logged them."""
    for shard_id in range(SHARDS):
        await fake.gateway.dispatch("ANYCORD_TEST", {"n": 1}, shard_id=shard_id)

    def logged() -> set[tuple[str, str]]:
        with contextlib.suppress(FileNotFoundError):
            return {(a, c) for a, _, c in (line.split() for line in log.read_text().splitlines())}
        return set()

    await poll(lambda: {s for s, _ in logged()} == {str(s) for s in range(SHARDS)})
    return {owner for _, owner in logged()}


def no_process_mentions(marker: str) -> bool:
    """No live process has `marker` (this test's fake REST URL) in its command line."""
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if marker.encode() in (entry / "cmdline").read_bytes():
                    return False
    return True


async def assert_stopped_cleanly(fleet: Fleet, urls: list[str], marker: str) -> None:
    """No endpoint answers (its port is released), no process is left, none fenced a shard."""
    async with httpx.AsyncClient() as client:
        for url in urls:
            with pytest.raises(httpx.ConnectError):
                await client.get(url + "/livez")
    assert no_process_mentions(marker)
    assert "stopping at once" not in fleet.logs()


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # crossed with trio, see above
async def test_local_fleet_from_the_command_line_serves_metrics_per_process(
    tmp_path: pathlib.Path, anyio_backend: str
) -> None:
    log = tmp_path / "events.log"
    fleet = Fleet(tmp_path)
    async with FakeDiscord(
        shard_count=SHARDS, max_concurrency=SHARDS, session_start_limit=BUDGET
    ) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        try:
            with anyio.fail_after(45):
                parent = await fleet.start(
                    command(
                        "run tests.orchestrator.worker_app:setup --subprocess-count 2 "
                        "--lease-ttl 4 --backend trio --health-port 0 --metrics --rest-url",
                        fake.rest_url,
                    ),
                    environment(fake, log),
                )
                await fake.gateway.wait_ready(SHARDS)
                await poll(lambda: len(fleet.urls()) == 3)  # two workers and the parent
                urls = fleet.urls()
                await every_endpoint_ready(urls)
                owners = await dispatch_to_every_shard(fake, log)
                assert len(owners) == 2  # a listener in each worker got its shards' dispatch

                scrapes = [await scrape(url) for url in urls]
                for text, _ in scrapes:
                    assert fake.token not in text
                    assert fake.token.split(".")[-1] not in text
                (coordinator,) = [
                    s for _, s in scrapes if total(s, "anycord_orchestrator_fleet_shards")
                ]
                workers = [s for _, s in scrapes if s is not coordinator]
                # The parent: the whole fleet by owner, and the budget its identifies used.
                assert total(coordinator, "anycord_orchestrator_fleet_shards", state="running") == 4
                assert coordinator[
                    "anycord_orchestrator_session_budget_remaining", frozenset()
                ] == (BUDGET - SHARDS)
                assert not total(coordinator, "anycord_shard_state")  # it runs no shard
                # Each worker: the two shards it leases, its claims, its own shards' families.
                for samples in workers:
                    assert total(samples, "anycord_orchestrator_shards", state="running") == 2
                    assert total(samples, "anycord_orchestrator_lease_claims_total") == 2
                    assert total(samples, "anycord_shard_state", state="CONNECTED") == 2
                    assert (
                        total(samples, "anycord_shard_events_received_total", event="ANYCORD_TEST")
                        == 2
                    )
                worker_owners = {
                    dict(labels)["owner"]
                    for samples in workers
                    for (name, labels) in samples
                    if name == "anycord_orchestrator_lease_claims_total"
                }
                assert worker_owners == owners

                parent.send_signal(signal.SIGTERM)
                assert await parent.wait() == 0
        finally:
            await fleet.kill_leftovers()
        await assert_stopped_cleanly(fleet, urls, fake.rest_url)


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # crossed with trio, see above
async def test_redis_fleet_from_the_command_line_serves_metrics_per_process(
    tmp_path: pathlib.Path, redis_url: str, anyio_backend: str
) -> None:
    log = tmp_path / "events.log"
    namespace = f"metrics-cli{os.getpid()}"
    fleet = Fleet(tmp_path)
    async with FakeDiscord(
        shard_count=SHARDS, max_concurrency=SHARDS, session_start_limit=BUDGET
    ) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        env = environment(fake, log)
        redis = ["--namespace", namespace, "--rest-url", fake.rest_url]
        health = ["--health-port", "0", "--metrics"]
        try:
            with anyio.fail_after(45):
                server = await fleet.start(
                    command(
                        "server", redis_url, *redis, *health, "--identify-window", str(PLAN_WINDOW)
                    ),
                    env,
                )
                await poll(lambda: len(fleet.urls()) == 1)
                bots = [
                    await fleet.start(
                        command(
                            "run tests.orchestrator.worker_app:setup --local-shard-count 2 "
                            "--lease-ttl 3 --backend trio --address",
                            redis_url,
                            *redis,
                            *health,
                        ),
                        env,
                    )
                    for _ in range(2)
                ]
                await fake.gateway.wait_ready(SHARDS)
                await poll(lambda: len(fleet.urls()) == 3)
                urls = fleet.urls()
                supervisor_url = urls[0]  # the first process started logs first
                await every_endpoint_ready(urls)
                assert len(await dispatch_to_every_shard(fake, log)) == 2

                # The supervisor re-reads the shared budget every second (its watchdog).
                async def budget_seen() -> float | None:
                    _, samples = await scrape(supervisor_url)
                    return samples.get(
                        ("anycord_orchestrator_session_budget_remaining", frozenset())
                    )

                while await budget_seen() != BUDGET - SHARDS:  # noqa: ASYNC110
                    await anyio.sleep(0.1)
                scrapes = [await scrape(url) for url in urls]
                for text, _ in scrapes:
                    assert fake.token not in text
                    assert fake.token.split(".")[-1] not in text
                assert not total(scrapes[0][1], "anycord_shard_state")  # it runs no shard
                for _, samples in scrapes[1:]:
                    assert total(samples, "anycord_orchestrator_shards", state="running") == 2
                    assert total(samples, "anycord_orchestrator_lease_claims_total") == 2
                    assert total(samples, "anycord_shard_state", state="CONNECTED") == 2

                for process in [*bots, server]:
                    process.send_signal(signal.SIGTERM)
                    assert await process.wait() == 0
        finally:
            await fleet.kill_leftovers()
        await assert_stopped_cleanly(fleet, urls, fake.rest_url)
    async with connect_redis(redis_url) as client:
        store = RedisCoordinator(client, namespace)
        assert await store.owners() == {}  # every lease was released
        assert await store.forget_fleet() > 0
        assert [key async for key in client.scan_iter(match=f"anycord:{{{namespace}}}:*")] == []


def test_metrics_without_a_health_port_or_the_extra_is_a_usage_error() -> None:
    env = {**os.environ, "ANYCORD_TOKEN": "x.y.z", "PYTHONPATH": f"{ROOT}/src:{ROOT}"}
    for kind in (
        ["run"],
        ["server", "redis://127.0.0.1:1/0"],
        ["worker", "--local-shard-count", "1", "--owner", "o"],
    ):
        no_port = subprocess.run(
            command("", *kind, "--metrics"), env=env, capture_output=True, text=True, timeout=30
        )
        assert no_port.returncode == 2, no_port.stderr
        assert (
            "--metrics serves GET /metrics on the health endpoint: give --health-port"
            in no_port.stderr
        )
    # Without prometheus-client (hidden from this interpreter), the error names the extra.
    hide = (
        "import sys; sys.modules['prometheus_client'] = None; "
        "from anycord.orchestrator.__main__ import main; sys.exit(main(sys.argv[1:]))"
    )
    missing = subprocess.run(
        [sys.executable, "-c", hide, "run", "--health-port", "0", "--metrics"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert missing.returncode == 2, missing.stderr
    assert "pip install 'anycord[metrics]'" in missing.stderr
