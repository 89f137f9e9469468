"""A fleet simulation: FakeDiscord serving many shards to orchestrator workers on a real Redis.

Run (from the repository, with anycord importable, e.g. `PYTHONPATH=src`):

    python benchmarks/fleet.py                                  # 1,024 shards, mc 16, 8 workers
    python benchmarks/fleet.py --shards 64 --workers 2 --lease-ttl 6 --steady 5   # smoke run

What it starts, all on 127.0.0.1 with OS-chosen ports, all stopped again at the end:

* a `redis-server` in a temporary directory (no persistence files but the one snapshot the
  restart phase writes);
* FakeDiscord (in this process) with `--shards` shards, 1-2 small guilds per shard,
  `max_concurrency` enforced (one IDENTIFY per bucket per 5 s, op 9 otherwise) and a daily
  session-start budget;
* the orchestrator supervisor (`start_server`, in this process) publishing the plan;
* `--workers` worker processes: `python -m anycord.orchestrator run --address redis://...`,
  each with enough slots that the fleet can lose one worker and still run every shard.

Phases, each printed as it ends:

1. start-up: time until every shard is READY, against the identify lower bound
   (shards / max_concurrency x 5 s, Discord's window) and the bound of the fleet's own window;
2. steady state (`--steady` s): CPU and RSS of the workers per 100 idle shards, Redis
   commands per second (INFO deltas) and which commands;
3. SIGKILL of one worker: time until its shards are READY elsewhere, RESUMEs vs IDENTIFYs;
4. Redis restart (`SHUTDOWN SAVE`, down `--redis-down` s, started again from its snapshot):
   sessions that ended, new IDENTIFYs, time until steady again;
5. shutdown: workers get SIGTERM, the supervisor stops, the fleet's keys are cleared; then
   the script checks that no child process, listening port or Redis key is left.

Throughout, the emulator counts sessions per shard: two live sessions of one shard (two
owners) are reported as overlaps, and the session budget is reconciled at the end (starts
taken from Redis's counter vs IDENTIFYs Discord admitted). The output is self-contained: the
machine is described first (cores, CPU model, RAM, Python, redis-server version). Numbers on
a shared machine are noisy; the READY time is bounded by the identify rule, not the CPU.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import pathlib
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import typing

import anyio
import anyio.abc

from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.orchestrator import (
    RedisCoordinator,
    ShardCommand,
    ShardPlan,
    connect_redis,
    start_server,
)
from anycord.testing import FakeDiscord

DISCORD_WINDOW = 5.0
SHORT_RUN = 60.0  # identify bounds under this are not judged against the 5% target
ROOT = pathlib.Path(__file__).resolve().parents[1]
SRC = str(ROOT / "src") if (ROOT / "src" / "anycord").is_dir() else None
NAMESPACE = "fleet-sim"
IDLE = {"status": "idle"}  # a presence command's payload: the fields to change
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


# -- the machine ---------------------------------------------------------------------------


def describe_machine() -> str:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in pathlib.Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    binary = shutil.which("redis-server") or "redis-server"
    try:
        version = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=False, timeout=10
        ).stdout.strip()
    except OSError:
        version = "not found"
    load = " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])
    return (
        f"machine: {os.cpu_count()} cores, {model}, RAM {ram}, load average {load}\n"
        f"python {platform.python_version()} ({sys.executable}), {version}"
    )


# -- /proc sampling (psutil is not a dependency) ---------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 once it is gone)."""
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_bytes(pid: int) -> int:
    try:
        return int(pathlib.Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


def children_of(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    out = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            after = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(after[1]) == pid and after[0] != "Z":
                out.append(int(entry.name))
    return out


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- redis-server ----------------------------------------------------------------------------


def redis_call(port: int, *args: str) -> bytes:
    """One command over a fresh connection (RESP): works however the fleet's clients fare.

    Returns a simple reply's line or a bulk reply's body."""
    parts = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        parts.append(f"${len(arg.encode())}\r\n{arg}\r\n".encode())
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"".join(parts))
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, rest = data.partition(b"\r\n")
        if not head.startswith(b"$") or head == b"$-1":
            return head
        size = int(head[1:])
        while len(rest) < size:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return rest[:size]


def redis_info(port: int, section: str) -> dict[str, str]:
    raw = redis_call(port, "INFO", section).decode()
    return dict(
        line.split(":", 1) for line in raw.splitlines() if ":" in line and not line.startswith("#")
    )


class RedisServer:
    """A `redis-server` on a free loopback port in `workdir`; `start`/`stop` may repeat."""

    def __init__(self, workdir: str) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not installed")
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", self.workdir, "--protected-mode", "no"]
        args += ["--maxclients", "10000"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(OSError):
                if redis_call(self.port, "PING").startswith(b"+PONG"):
                    return
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("redis-server did not start")
            time.sleep(0.05)

    def shutdown_save(self) -> None:
        """`SHUTDOWN SAVE`: write the snapshot the next start loads, then exit."""
        with contextlib.suppress(OSError):
            redis_call(self.port, "SHUTDOWN", "SAVE")
        assert self.process is not None
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# -- the fleet --------------------------------------------------------------------------------


class Sampler:
    """CPU and RSS of the worker processes, sampled every `period` seconds."""

    def __init__(self) -> None:
        self.pids: dict[int, float] = {}
        self.peak_cpu = 0.0  # whole-fleet CPU, in cores, over one sampling period
        self.peak_rss = 0
        self.samples: list[tuple[float, float, int]] = []  # (time, cpu seconds, rss)

    def total(self) -> tuple[float, int]:
        pids = list(self.pids)
        return sum(cpu_seconds(p) for p in pids), sum(rss_bytes(p) for p in pids)

    async def run(self, period: float = 1.0) -> None:
        last_t, (last_cpu, _) = time.monotonic(), self.total()
        while True:
            await anyio.sleep(period)
            now = time.monotonic()
            cpu, rss = self.total()
            if cpu >= last_cpu:  # a killed worker's seconds vanish from the sum
                self.peak_cpu = max(self.peak_cpu, (cpu - last_cpu) / (now - last_t))
            self.peak_rss = max(self.peak_rss, rss)
            self.samples.append((now, cpu, rss))
            last_t, last_cpu = now, cpu


class Fleet:
    def __init__(self, args: argparse.Namespace, redis: RedisServer, workdir: str) -> None:
        self.args = args
        self.redis = redis
        self.workdir = workdir
        self.workers: list[anyio.abc.Process] = []
        self.logs: list[pathlib.Path] = []
        self.sampler = Sampler()
        self.max_sessions_seen = 0  # most live sessions of one shard at one sampling instant

    def slots(self) -> int:
        slots: int = self.args.slots or math.ceil(self.args.shards / max(self.args.workers - 1, 1))
        return slots

    async def start_worker(self, fake: FakeDiscord) -> anyio.abc.Process:
        index = len(self.logs)
        log = pathlib.Path(self.workdir) / f"worker{index}.log"
        self.logs.append(log)
        env = {**os.environ, "ANYCORD_TOKEN": fake.token}
        if SRC is not None:
            env["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH")) if p)
        command = [
            sys.executable, "-m", "anycord.orchestrator", "run",
            "--address", self.redis.url, "--namespace", NAMESPACE,
            "--local-shard-count", str(self.slots()), "--lease-ttl", str(self.args.lease_ttl),
            "--rest-url", fake.rest_url, "--log-level", "WARNING",
            "--backend", self.args.backend,
        ]  # fmt: skip
        with log.open("wb") as stderr:
            process = await anyio.open_process(
                command, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr, env=env
            )
        self.workers.append(process)
        self.sampler.pids[process.pid] = time.monotonic()
        return process

    def ready_shards(self, fake: FakeDiscord) -> set[int]:
        sessions: dict[int, set[str | None]] = {}
        for conn in fake.gateway.live_connections():
            if conn.shard_id is not None:
                sessions.setdefault(conn.shard_id, set()).add(conn.session_id)
        if sessions:
            self.max_sessions_seen = max(
                self.max_sessions_seen, max(len(s) for s in sessions.values())
            )
        return set(sessions)

    async def all_ready_after(
        self, fake: FakeDiscord, shards: set[int], after: float, within: float
    ) -> float | None:
        """Seconds from `after` (anyio time) until every shard in `shards` has a session on a
        connection opened since; None when that takes longer than `within` seconds."""
        with anyio.move_on_after(within):
            while True:
                fresh = {
                    c.shard_id
                    for c in fake.gateway.live_connections()
                    if c.opened_at >= after and c.shard_id in shards
                }
                self.ready_shards(fake)
                if fresh >= shards:
                    return anyio.current_time() - after
                await anyio.sleep(0.1)
        return None

    def progress(self, fake: FakeDiscord) -> str:
        gw = fake.gateway
        return (
            f"{len(self.ready_shards(fake))} shards READY, {len(gw.identify_log)} IDENTIFYs "
            f"admitted, {len(gw.identify_rejections)} refused (op 9), "
            f"{sum(c.is_open for c in gw.connections)} connections open, "
            f"{len(gw.connections)} opened in all"
        )

    async def report_progress(self, fake: FakeDiscord, period: float = 30.0) -> None:
        started = anyio.current_time()
        while True:
            await anyio.sleep(period)
            print(f"    ... {anyio.current_time() - started:.0f} s: {self.progress(fake)}")

    async def commands_delivered(self, fake: FakeDiscord, n: int, within: float) -> float | None:
        """When every shard's live connection had received an idle presence (op 3)."""
        with anyio.move_on_after(within):
            while True:
                done = {
                    c.shard_id
                    for c in fake.gateway.live_connections()
                    if any(
                        isinstance(p, dict) and p.get("op") == 3 and p["d"]["status"] == "idle"
                        for p in c.received
                    )
                }
                if len(done) == n:
                    return anyio.current_time()
                await anyio.sleep(0.1)
        return None

    def log_counts(self) -> dict[str, int]:
        counts = {"fenced (stopping at once)": 0, "renewal failed": 0, "tracebacks": 0}
        for log in self.logs:
            with contextlib.suppress(OSError):
                for line in log.read_text(errors="replace").splitlines():
                    if "stopping at once" in line:
                        counts["fenced (stopping at once)"] += 1
                    if "renewal failed" in line:
                        counts["renewal failed"] += 1
                    if "Traceback" in line:
                        counts["tracebacks"] += 1
        return counts


def spread_guilds(fake: FakeDiscord, shards: int, per_shard: float, members: int) -> list[int]:
    """Add guilds one millisecond apart (the shard of a guild is its snowflake's millisecond
    modulo the shard count), so consecutive guilds land on consecutive shards."""
    last = 0
    for n in range(round(shards * per_shard)):
        while (now := int(time.time() * 1000)) == last:
            pass
        last = now
        fake.add_guild(name=f"g{n}", members=members, channels=1)
    counts = [0] * shards
    for gid in fake.world.guilds:
        counts[(gid >> 22) % shards] += 1
    return counts


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


async def run(
    args: argparse.Namespace, redis: RedisServer, workdir: str, ports: list[int]
) -> list[str]:
    """The phases; returns the problems found (empty when every target was met). `ports`
    gets the emulator's listening ports (checked closed afterwards)."""
    problems: list[str] = []
    n, mc = args.shards, args.max_concurrency
    fleet = Fleet(args, redis, workdir)
    async with (
        FakeDiscord(shard_count=n, max_concurrency=mc, session_start_limit=args.budget) as fake,
        connect_redis(redis.url) as client,
    ):
        for url in (fake.rest_url, fake.gateway_url):
            ports.append(int(url.split(":")[2].split("/")[0]))
        counts = spread_guilds(fake, n, args.guilds_per_shard, args.members)
        print(
            f"emulator: {n} shards, max_concurrency {mc}, {len(fake.world.guilds)} guilds "
            f"({min(counts)}-{max(counts)} per shard, {args.members} members each), "
            f"session budget {args.budget}"
        )
        coordinator = RedisCoordinator(client, NAMESPACE)
        server_scope = anyio.CancelScope()

        async def server(*, task_status: anyio.abc.TaskStatus[ShardPlan]) -> None:
            with server_scope:
                await start_server(
                    fake.token, redis.url, rest_url=fake.rest_url, shard_count=n,
                    namespace=NAMESPACE, task_status=task_status,
                )  # fmt: skip

        async with anyio.create_task_group() as tg:
            try:
                await tg.start(server)
                tg.start_soon(fleet.sampler.run)
                tg.start_soon(fleet.report_progress, fake)
                print(
                    f"fleet: {args.workers} worker processes x {fleet.slots()} slots, lease TTL "
                    f"{args.lease_ttl:g} s, identify window {IDENTIFY_WINDOW:g} s, backend {args.backend}"
                )

                # 1. start-up ------------------------------------------------------------------------
                started = anyio.current_time()
                for _ in range(args.workers):
                    await fleet.start_worker(fake)
                discord_bound = math.ceil(n / mc) * DISCORD_WINDOW
                own_bound = (math.ceil(n / mc) - 1) * IDENTIFY_WINDOW
                took = await fleet.all_ready_after(
                    fake, set(range(n)), started, discord_bound * 1.5 + 120
                )
                if took is None:
                    problems.append("start-up: not every shard became READY")
                    print(f"[1] start-up FAILED: {fleet.progress(fake)}; logs {fleet.log_counts()}")
                    for worker_log in fleet.logs[:2]:
                        print(f"--- tail of {worker_log.name}:")
                        tail = worker_log.read_text(errors="replace").splitlines()[-15:]
                        print("\n".join(tail))
                    return problems
                log = fake.gateway.identify_log
                first = min(t for t, _ in log) - started
                print(
                    f"\n[1] start-up: every shard READY after {took:.1f} s (from spawning the workers; "
                    f"first IDENTIFY at {first:.1f} s)\n"
                    f"    lower bound {n}/{mc} x {DISCORD_WINDOW:g} s = {discord_bound:.0f} s "
                    f"-> {took / discord_bound:.3f}x (target <= 1.05x); first to last IDENTIFY "
                    f"{max(t for t, _ in log) - min(t for t, _ in log):.1f} s, the fleet's own floor "
                    f"{own_bound:.1f} s ({math.ceil(n / mc) - 1} windows of {IDENTIFY_WINDOW:g} s)\n"
                    f"    IDENTIFYs admitted {len(log)}, refused with op 9 "
                    f"{len(fake.gateway.identify_rejections)}, peak fleet CPU so far "
                    f"{fleet.sampler.peak_cpu:.2f} cores, RSS {mib(fleet.sampler.peak_rss)}"
                )
                if took > discord_bound * 1.05:
                    if discord_bound >= SHORT_RUN:
                        problems.append(f"start-up took {took:.1f} s > bound + 5%")
                    else:  # interpreter start-up alone is seconds on a loaded machine
                        print(f"    (a bound under {SHORT_RUN:g} s: the 5% target is not judged)")

                # 2. steady state ----------------------------------------------------------------------
                await anyio.sleep(args.settle)
                stats0, cmds0 = (
                    redis_info(redis.port, "stats"),
                    redis_info(redis.port, "commandstats"),
                )
                t0 = time.monotonic()
                cpu0, _ = fleet.sampler.total()
                await anyio.sleep(args.steady)
                cpu1, rss = fleet.sampler.total()
                elapsed = time.monotonic() - t0
                stats1, cmds1 = (
                    redis_info(redis.port, "stats"),
                    redis_info(redis.port, "commandstats"),
                )
                total = int(stats1["total_commands_processed"]) - int(
                    stats0["total_commands_processed"]
                )
                per_cmd = {}
                for key, value in cmds1.items():
                    calls = int(value.split(",")[0].split("=")[1])
                    before = cmds0.get(key)
                    calls0 = int(before.split(",")[0].split("=")[1]) if before else 0
                    if calls > calls0:
                        per_cmd[key.removeprefix("cmdstat_")] = (calls - calls0) / elapsed
                top = ", ".join(
                    f"{k} {v:.0f}" for k, v in sorted(per_cmd.items(), key=lambda i: -i[1])[:8]
                )
                cores = (cpu1 - cpu0) / elapsed
                per_worker = rss / max(len(fleet.sampler.pids), 1)
                print(
                    f"\n[2] steady state over {elapsed:.0f} s ({n} idle shards):\n"
                    f"    workers' CPU {cores * 100:.1f}% of a core in all = "
                    f"{cores * 100 * 100 / n:.2f}% per 100 shards; peak during start-up "
                    f"{fleet.sampler.peak_cpu * 100:.0f}% ({fleet.sampler.peak_cpu * 100 * 100 / n:.1f}% "
                    f"per 100 shards)\n"
                    f"    workers' RSS {mib(rss)} in all ({mib(per_worker)} per worker) = "
                    f"{mib(rss * 100 / n)} per 100 shards; peak {mib(fleet.sampler.peak_rss)}\n"
                    f"    Redis: {total / elapsed:.0f} client commands/s "
                    f"({total / elapsed / n:.2f} per shard per second); inside them: {top}\n"
                    f"    this process (emulator + supervisor) {mib(rss_bytes(os.getpid()))} RSS; "
                    f"redis-server {mib(int(redis_info(redis.port, 'memory')['used_memory']))} used"
                )

                # 3. SIGKILL one worker ---------------------------------------------------------------
                if args.workers > 1:
                    victim = fleet.workers[0]
                    owners = await coordinator.owners()
                    lost = {s for s, (owner, _) in owners.items() if f"-{victim.pid}-" in owner}
                    identifies_before = len(fake.gateway.identify_log)
                    killed_at = anyio.current_time()
                    victim.send_signal(signal.SIGKILL)
                    await victim.wait()
                    fleet.sampler.pids.pop(victim.pid, None)
                    back = await fleet.all_ready_after(
                        fake,
                        lost,
                        killed_at,
                        args.lease_ttl + 3 * IDENTIFY_WINDOW + 60,
                    )
                    fresh = [
                        c
                        for c in fake.gateway.connections
                        if c.opened_at >= killed_at and c.shard_id in lost and c.session_id
                    ]
                    resumed = sum(1 for c in fresh if c.resumed)
                    target = args.lease_ttl + IDENTIFY_WINDOW
                    print(
                        f"\n[3] SIGKILL of one worker ({len(lost)} shards): "
                        + (
                            f"all READY elsewhere after {back:.1f} s (target <= TTL + one window = "
                            f"{target:.2f} s); {resumed} RESUMEd, {len(fresh) - resumed} new "
                            f"session(s), IDENTIFYs during the phase "
                            f"{len(fake.gateway.identify_log) - identifies_before}"
                            if back is not None
                            else "NOT all back"
                        )
                    )
                    if back is None or back > target:
                        problems.append("kill: shards not back within TTL + one identify window")

                # 4. Redis restart ---------------------------------------------------------------------
                if args.redis_down >= 0:
                    identifies_before = len(fake.gateway.identify_log)
                    fenced_before = fleet.log_counts()["fenced (stopping at once)"]
                    conns_before = len(fake.gateway.connections)
                    stopped_at = anyio.current_time()
                    await anyio.to_thread.run_sync(redis.shutdown_save)
                    await anyio.sleep(args.redis_down)
                    await anyio.to_thread.run_sync(redis.start)
                    restarted_at = anyio.current_time()
                    # Steady again: every shard has a live session, every one is leased, and no
                    # connection opened for 5 s.
                    steady_at: float | None = None
                    with anyio.move_on_after(args.lease_ttl * 4 + 120):
                        quiet_since, seen = anyio.current_time(), len(fake.gateway.connections)
                        while True:
                            await anyio.sleep(0.25)
                            if len(fake.gateway.connections) != seen:
                                quiet_since, seen = (
                                    anyio.current_time(),
                                    len(fake.gateway.connections),
                                )
                            with contextlib.suppress(Exception):
                                leased = len(await coordinator.owners())
                                if (
                                    len(fleet.ready_shards(fake)) == n
                                    and leased == n
                                    and anyio.current_time() - quiet_since >= 5
                                ):
                                    steady_at = quiet_since
                                    break
                    # Commands flow again: a presence for every shard, through the store.
                    sent_at = anyio.current_time()
                    for shard_id in range(n):
                        await coordinator.send_command(
                            ShardCommand(shard_id=shard_id, kind="presence", payload=IDLE)
                        )
                    delivered = await fleet.commands_delivered(fake, n, 30.0)
                    new_conns = fake.gateway.connections[conns_before:]
                    resumed = sum(1 for c in new_conns if c.resumed and c.session_id)
                    identified = len(fake.gateway.identify_log) - identifies_before
                    fenced = fleet.log_counts()["fenced (stopping at once)"] - fenced_before
                    print(
                        f"\n[4] Redis restart (SHUTDOWN SAVE, down {restarted_at - stopped_at:.1f} s, "
                        f"started again from its snapshot):\n"
                        f"    commands after the restart: a presence to every shard, "
                        + (
                            f"all applied within {delivered - sent_at:.1f} s\n"
                            if delivered is not None
                            else "NOT all applied within 30 s\n"
                        )
                        + f"    shards fenced {fenced}, new connections {len(new_conns)} "
                        f"({resumed} RESUMEd), new IDENTIFYs {identified}; "
                        + (
                            f"steady again {steady_at - stopped_at:.1f} s after the stop"
                            if steady_at is not None
                            else "NOT steady again"
                        )
                    )
                    if steady_at is None:
                        problems.append("redis restart: the fleet did not settle")
                    if delivered is None:
                        problems.append("redis restart: commands no longer reach the shards")
                    if identified:
                        problems.append(f"redis restart: {identified} session start(s) spent")

                # 5. budget, owners, shutdown ----------------------------------------------------------
                budget = await coordinator.remaining_sessions()
                admitted = len(fake.gateway.identify_log)
                granted = None if budget is None else args.budget - budget
                print(
                    f"\n[5] session budget: Discord admitted {admitted} IDENTIFY(s) "
                    f"(remaining {fake.gateway.identify_gate.remaining}); the fleet took "
                    f"{granted} start(s) from its Redis counter -> "
                    f"{'unknown' if granted is None else granted - admitted} start(s) lost; "
                    f"op 9 refusals {len(fake.gateway.identify_rejections)}\n"
                    f"    two owners of one shard: {len(fake.gateway.session_overlaps)} overlap(s) "
                    f"seen by the emulator; at most {fleet.max_sessions_seen} live session(s) of one "
                    f"shard when sampled\n    worker logs: {fleet.log_counts()}"
                )
                if fake.gateway.session_overlaps or fleet.max_sessions_seen > 1:
                    problems.append("two live sessions of one shard")
                if granted is not None and granted != admitted:
                    problems.append(f"session budget: {granted - admitted} start(s) lost")

                for process in fleet.workers:
                    if process.returncode is None:
                        process.send_signal(signal.SIGTERM)
                closing = anyio.current_time()
                for process in fleet.workers:
                    with anyio.move_on_after(30) as scope:
                        await process.wait()
                    if scope.cancelled_caught:
                        problems.append(f"worker {process.pid} ignored SIGTERM for 30 s")
                        process.kill()
                        await process.wait()
                print(f"    workers stopped {anyio.current_time() - closing:.1f} s after SIGTERM")
                server_scope.cancel()
            finally:
                with anyio.CancelScope(shield=True):
                    for process in fleet.workers:
                        if process.returncode is None:
                            process.kill()
                            await process.wait()
                tg.cancel_scope.cancel()
        cleared = await coordinator.forget_fleet()
        left = await client.dbsize()
        print(f"    fleet keys cleared: {cleared}; DBSIZE now {left}")
        if left:
            problems.append(f"{left} Redis key(s) left")
    return problems


def main(argv: typing.Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--shards", type=int, default=1024)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--max-concurrency", type=int, default=16)
    parser.add_argument("--slots", type=int, default=0, help="slots per worker (default: room "
                        "for every shard on one worker fewer)")  # fmt: skip
    parser.add_argument("--lease-ttl", type=float, default=15.0)
    parser.add_argument("--guilds-per-shard", type=float, default=1.5)
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument("--budget", type=int, default=5000, help="daily session starts")
    parser.add_argument("--settle", type=float, default=10.0, help="s after READY before [2]")
    parser.add_argument("--steady", type=float, default=30.0, help="steady-state window, s")
    parser.add_argument("--redis-down", type=float, default=2.0, help="<0 skips the restart")
    parser.add_argument("--backend", choices=["asyncio", "trio"], default="asyncio")
    args = parser.parse_args(argv)
    print(describe_machine())
    print(f"started {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
    problems: list[str] = []
    me = os.getpid()
    fake_ports: list[int] = []
    with tempfile.TemporaryDirectory(prefix="anycord-fleet-") as workdir:
        redis = RedisServer(workdir)
        redis.start()
        try:
            problems = anyio.run(run, args, redis, workdir, fake_ports, backend=args.backend)
        finally:
            redis.stop()
        leftovers = children_of(me)
        open_ports = [p for p in (redis.port, *fake_ports) if port_open(p)]
        problems += [f"port {port} still open" for port in open_ports]
        print(
            f"\ncleanup: child processes left {len(leftovers)}; ports of redis-server and the "
            f"emulator {[redis.port, *fake_ports]}: {open_ports or 'all closed'}"
        )
        if leftovers:
            problems.append(f"child processes left: {leftovers}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("result:", "all targets met" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
