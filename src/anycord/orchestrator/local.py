"""The single-machine back-end: one parent process coordinating worker processes.

```
spawn_subprocesses()                 the parent's tree
├── REST client                      GET /gateway/bot once: the plan and the session budget
├── MemoryCoordinator                identify buckets, leases, sessions, status, commands
├── health endpoint (with metrics)   /livez, /readyz, /metrics of the parent itself
└── worker i (one per subprocess)    supervise: open_process → serve its pipe → wait → restart
    └── python -m anycord.orchestrator worker --entrypoint module:function …
        └── Bot(PipeCoordinator)     leases shards from the parent over stdin/stdout
```

Guarantees:

* Workers are started with `anyio.open_process` and import their `module:function` entry
  point themselves: nothing is pickled, and nothing is forked from a running event loop. The
  token reaches them through the environment (`ANYCORD_TOKEN`), never their argv.
* A worker runs `ceil(shard_count / subprocess_count)` slots; the parent's coordinator hands
  out shards, enforces the identify buckets for all of them, and stores their sessions.
* A worker that dies (killed, crashed) has its leases dropped at once (the parent saw it
  exit, so nobody runs those shards) and is started again; the new worker RESUMEs the shards'
  stored sessions. Restarts back off from `restart_delay` up to 30 s while a worker keeps dying
  within a minute of its start.
* A worker that fails fatally (a bad token, a spent session budget, an entry point that does
  not import or raises) exits with status 3: the parent stops every worker and raises
  `OrchestratorWorkerError`, so `python -m anycord.orchestrator run` exits non-zero.
* Stopping (Ctrl-C/SIGTERM in `run_subprocesses`, or cancelling `spawn_subprocesses`) sends
  SIGTERM to every worker, which closes its bot gracefully; a worker still running after
  `stop_grace` seconds is killed. The parent serves a stopping worker's pipe until the worker
  has exited, so it can still release its leases and clear its sessions. Workers run in their
  own session, so a terminal's Ctrl-C reaches only the parent, which stops them in order. If
  the parent dies, each worker sees EOF on its pipe and stops on its own.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import math
import os
import subprocess
import sys
import typing

import anyio
import anyio.abc

from anycord import errors
from anycord.bots.health_server import HealthServer
from anycord.bots.run import run_blocking
from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.intents import Intents
from anycord.logs import register_secret
from anycord.orchestrator.bot import Bot
from anycord.orchestrator.coordinator import ShardPlan
from anycord.orchestrator.memory import MemoryCoordinator
from anycord.orchestrator.pipe import PipeCoordinator, serve_worker
from anycord.orchestrator.supervisor_health import SupervisorHealth
from anycord.rest.client import RESTClient

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.bots.run import Backend

    class _SpawnOptions(typing.TypedDict, total=False):
        # The keywords of `spawn_subprocesses` that `run_subprocesses` passes on.
        rest_url: str | None
        lease_ttl: float
        identify_window: float
        restart_delay: float
        stop_grace: float
        env: Mapping[str, str] | None
        worker_args: Sequence[str]
        health_port: int | None
        health_host: str
        metrics: Callable[[], tuple[str, bytes]] | None
        instrument: Callable[[MemoryCoordinator], object] | None


__all__ = [
    "EXIT_FATAL",
    "TOKEN_ENV",
    "LocalFleet",
    "load_entrypoint",
    "run_subprocesses",
    "run_worker",
    "spawn_subprocesses",
]

_LOGGER = logging.getLogger("anycord.orchestrator")

EXIT_FATAL: typing.Final = 3
"""A worker's exit status for a fatal error: the parent stops the fleet instead of restarting."""
TOKEN_ENV: typing.Final = "ANYCORD_TOKEN"
"""The environment variable that carries the token to workers (never argv)."""
_MAX_RESTART_DELAY: typing.Final = 30.0
_STABLE_AFTER: typing.Final = 60.0


def load_entrypoint(entrypoint: str) -> Callable[..., typing.Any]:
    """Import `module:function` (dots allowed after the colon); `ValueError` when malformed."""
    module_name, sep, attribute = entrypoint.partition(":")
    if not sep or not module_name or not attribute:
        msg = f"an entry point is 'module:function', not {entrypoint!r}"
        raise ValueError(msg)
    target: typing.Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        target = getattr(target, part)
    if not callable(target):
        msg = f"entry point {entrypoint!r} is not callable"
        raise TypeError(msg)
    return typing.cast("Callable[..., typing.Any]", target)


def _entrypoint_name(callback: str | Callable[..., typing.Any] | None) -> str | None:
    if callback is None or isinstance(callback, str):
        return callback
    module = getattr(callback, "__module__", None)
    qualname = getattr(callback, "__qualname__", "")
    if not module or module == "__main__" or "<" in qualname:
        msg = (
            f"callback {callback!r} cannot be imported by a worker; pass 'module:function' "
            "naming a function of an importable module"
        )
        raise ValueError(msg)
    return f"{module}:{qualname}"


class LocalFleet:
    """The parent's state while `spawn_subprocesses` runs (what `task_status` reports)."""

    def __init__(self, coordinator: MemoryCoordinator, subprocess_count: int) -> None:
        self.coordinator = coordinator
        """The coordinator the workers share (read its statuses, send it commands)."""
        self.subprocess_count = subprocess_count
        self.processes: dict[int, anyio.abc.Process] = {}
        """The live worker process of each index."""
        self.restarts: dict[int, int] = dict.fromkeys(range(subprocess_count), 0)
        """How many times each worker was started again."""
        self.owners: dict[int, str] = {}
        """The current lease owner name of each worker."""


async def spawn_subprocesses(
    token: str,
    *,
    callback: str | Callable[..., typing.Any] | None = None,
    shard_count: int | None = None,
    intents: Intents | int = Intents.ALL_UNPRIVILEGED,
    subprocess_count: int | None = None,
    rest_url: str | None = None,
    lease_ttl: float = 15.0,
    identify_window: float = IDENTIFY_WINDOW,
    backend: Backend = "asyncio",
    restart_delay: float = 1.0,
    stop_grace: float = 15.0,
    env: Mapping[str, str] | None = None,
    worker_args: Sequence[str] = (),
    health_port: int | None = None,
    health_host: str = "127.0.0.1",
    metrics: Callable[[], tuple[str, bytes]] | None = None,
    instrument: Callable[[MemoryCoordinator], object] | None = None,
    task_status: anyio.abc.TaskStatus[LocalFleet] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Run the fleet in `subprocess_count` worker processes until cancelled.

    `callback` is the entry point each worker calls with its `Bot` before starting it
    (`"module:function"`, or a module-level function, which is turned into that string).
    `task_status.started(fleet)` once every worker has been launched. Raises
    `OrchestratorWorkerError` when a worker fails fatally (see the module docstring).

    With `health_port`, worker `i` serves `/livez` and `/readyz` (`anycord.HealthServer`) on
    `health_host`, port `health_port + i` (a restarted worker keeps its index and port;
    `0`: every worker picks a free port and logs it). Workers serve `/metrics` when
    `worker_args` has `--metrics` (what `python -m anycord.orchestrator run --metrics` passes).

    With `health_port` and `metrics` (a `() -> (content_type, body)` exposition), the parent
    serves its own `/livez`, `/readyz` (ready once every worker is launched) and `/metrics` on
    port `health_port + N`, one past the last of the N workers (`0`: a free port, logged).
    `instrument` is called with the parent's `MemoryCoordinator` before any worker starts,
    for example `functools.partial(anycord.metrics.install, registry=registry)`.
    """
    entrypoint = _entrypoint_name(callback)
    if subprocess_count is not None and subprocess_count < 1:
        msg = f"subprocess_count must be at least 1, not {subprocess_count}"
        raise ValueError(msg)
    if shard_count is not None and shard_count < 1:
        msg = f"shard_count must be at least 1, not {shard_count}"
        raise ValueError(msg)
    register_secret(token)
    async with RESTClient(token, "Bot", rest_url=rest_url) as rest:
        info = await rest.fetch_gateway_bot_info()
    limit = info.session_start_limit
    plan = ShardPlan(
        shard_count=shard_count or info.shard_count,
        max_concurrency=limit.max_concurrency,
        intents=int(intents),
        gateway_url=info.url,
        identify_window=identify_window,
    )
    count = min(subprocess_count or os.cpu_count() or 1, plan.shard_count)
    local = math.ceil(plan.shard_count / count)
    coordinator = MemoryCoordinator(
        plan,
        remaining_sessions=limit.remaining,
        # 0 (a budget nothing has used yet): a day, as the Redis supervisor counts it, not
        # "already reset", which would stop counting the budget at the first identify.
        session_reset_after=limit.reset_after.total_seconds() or 86_400.0,
    )
    fleet = LocalFleet(coordinator, count)
    if instrument is not None:
        instrument(coordinator)
    command = [
        sys.executable,
        "-m",
        "anycord.orchestrator",
        "worker",
        "--local-shard-count",
        str(local),
        "--lease-ttl",
        str(lease_ttl),
        "--backend",
        backend,
    ]
    if entrypoint is not None:
        command += ["--entrypoint", entrypoint]
    if rest_url is not None:
        command += ["--rest-url", rest_url]
    command += list(worker_args)
    parent: HealthServer | None = None
    if health_port is not None and metrics is not None:
        parent = HealthServer(
            health_port and health_port + count, host=health_host, metrics=metrics
        )
    ports = count + (parent is not None)
    if health_port is not None and not 0 <= health_port <= 65536 - ports:
        msg = f"health_port must leave room for {ports} port(s), not {health_port}"
        raise ValueError(msg)
    worker_env = {**os.environ, **(env or {}), TOKEN_ENV: token}
    _LOGGER.info(
        "starting %d worker(s) × %d slot(s) for %d shard(s), max_concurrency %d",
        count,
        local,
        plan.shard_count,
        plan.max_concurrency,
    )
    health = SupervisorHealth()
    try:
        async with health.serving(parent), anyio.create_task_group() as tg:
            for index in range(count):
                own = command
                if health_port is not None:
                    port = health_port + index if health_port else 0
                    own = [*command, "--health-port", str(port), "--health-host", health_host]
                tg.start_soon(_supervise, fleet, index, own, worker_env, restart_delay, stop_grace)
            task_status.started(fleet)
            health.mark_ready()
    except BaseExceptionGroup as group:
        fatal = group.subgroup(errors.OrchestratorWorkerError)
        if fatal is not None:
            raise fatal.exceptions[0] from None
        raise


async def _supervise(
    fleet: LocalFleet,
    index: int,
    command: list[str],
    env: Mapping[str, str],
    restart_delay: float,
    stop_grace: float,
) -> None:
    delay = restart_delay
    generation = 0
    while True:
        owner = f"local-{index}.{generation}"
        fleet.owners[index] = owner
        started = anyio.current_time()
        try:
            returncode = await _run_worker(fleet, index, owner, command, env, stop_grace)
        finally:
            # Also when the fleet is stopping (cancelled): the worker has exited by now, so
            # whatever it still held (a lease it could not hand back in time) is nobody's.
            dropped = fleet.coordinator.drop_owner(owner)
        if returncode == 0:
            _LOGGER.info("worker %d exited; its shards %s are free for the others", index, dropped)
            return
        if returncode == EXIT_FATAL:
            raise errors.OrchestratorWorkerError(index, returncode, "fatal error (see its stderr)")
        _LOGGER.warning(
            "worker %d died (status %s); restarting it for shards %s", index, returncode, dropped
        )
        delay = (
            restart_delay
            if anyio.current_time() - started > _STABLE_AFTER
            else min(delay * 2, _MAX_RESTART_DELAY)
        )
        await anyio.sleep(restart_delay if generation == 0 else delay)
        generation += 1
        fleet.restarts[index] += 1


async def _run_worker(
    fleet: LocalFleet,
    index: int,
    owner: str,
    command: list[str],
    env: Mapping[str, str],
    stop_grace: float,
) -> int | None:
    process = await anyio.open_process(
        [*command, "--owner", owner],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=None,
        env=dict(env),
        start_new_session=True,
    )
    fleet.processes[index] = process
    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(_stop_when_cancelled, index, process, stop_grace)
            # Shielded: a stop request only signals the worker (above). Its pipe is served
            # until the worker is gone, so while it closes gracefully it can still renew,
            # write its sessions and release its leases; cutting it off first would make it
            # fence its own shards and wait for answers that never come.
            with anyio.CancelScope(shield=True):
                assert process.stdout is not None
                assert process.stdin is not None
                await serve_worker(fleet.coordinator, owner, process.stdout, process.stdin)
                await process.wait()
    finally:
        with anyio.CancelScope(shield=True):
            if process.returncode is None:  # only after an error in serve_worker
                process.kill()
                await process.wait()
            await process.aclose()
        if fleet.processes.get(index) is process:
            del fleet.processes[index]
    return process.returncode


async def _stop_when_cancelled(index: int, process: anyio.abc.Process, stop_grace: float) -> None:
    """Wait for the worker to exit; if cancelled first, SIGTERM it and SIGKILL it after
    `stop_grace` seconds (its pipe stays served meanwhile, see `_run_worker`)."""
    try:
        await process.wait()
    finally:
        if process.returncode is None:
            with anyio.CancelScope(shield=True):
                process.terminate()
                with anyio.move_on_after(stop_grace):
                    await process.wait()
                if process.returncode is None:
                    _LOGGER.warning(
                        "worker %d did not stop within %.0fs; killing it", index, stop_grace
                    )
                    process.kill()
                    await process.wait()


def run_subprocesses(
    token: str,
    *,
    callback: str | Callable[..., typing.Any] | None = None,
    shard_count: int | None = None,
    intents: Intents | int = Intents.ALL_UNPRIVILEGED,
    subprocess_count: int | None = None,
    backend: Backend = "asyncio",
    **kwargs: typing.Unpack[_SpawnOptions],
) -> None:
    """`spawn_subprocesses` in a new event loop until SIGINT/SIGTERM, which stop every worker.

    Raises `OrchestratorWorkerError` when a worker failed fatally.
    """
    scopes: list[anyio.CancelScope] = []

    async def main() -> None:
        with anyio.CancelScope() as scope:
            scopes.append(scope)
            await spawn_subprocesses(
                token,
                callback=callback,
                shard_count=shard_count,
                intents=intents,
                subprocess_count=subprocess_count,
                backend=backend,
                **kwargs,
            )

    def request_close() -> None:
        if not scopes:
            msg = "the workers are not running"
            raise errors.ComponentStateConflictError(msg)
        scopes[0].cancel()

    run_blocking(main, request_close, backend=backend)


# -- the worker process -------------------------------------------------------------------


def run_worker(
    *,
    entrypoint: str | None,
    local_shard_count: int,
    owner: str,
    lease_ttl: float = 15.0,
    backend: Backend = "asyncio",
    rest_url: str | None = None,
    logs: str | None = "INFO",
    health_port: int | None = None,
    health_host: str = "127.0.0.1",
    metrics: Callable[[], tuple[str, bytes]] | None = None,
    instrument: Callable[[Bot], object] | None = None,
) -> int:
    """The body of `python -m anycord.orchestrator worker`: returns the exit status.

    Takes the token from `ANYCORD_TOKEN`, keeps the real stdout for the pipe and points
    `sys.stdout` (and fd 1) at stderr, so prints cannot corrupt the channel. With
    `health_port`, the worker's `Bot` serves `/livez` and `/readyz` there, and `/metrics`
    with `metrics` (an exposition). `instrument` is called with the `Bot` once it is built,
    before the entry point (for example to `anycord.metrics.install` it).
    """
    token = os.environ.pop(TOKEN_ENV, "")
    if not token:
        print(f"the worker needs the token in ${TOKEN_ENV}", file=sys.stderr)
        return EXIT_FATAL
    register_secret(token)
    pipe_out = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    pipe = PipeCoordinator(0, pipe_out)
    try:
        bot = Bot(
            pipe,
            token,
            local_shard_count=local_shard_count,
            owner=owner,
            lease_ttl=lease_ttl,
            rest_url=rest_url,
            banner=None,
            logs=logs,
            health_server=None
            if health_port is None
            else HealthServer(health_port, host=health_host, metrics=metrics),
        )
        if instrument is not None:
            instrument(bot)
        setup = load_entrypoint(entrypoint)(bot) if entrypoint else None
    except Exception:
        _LOGGER.exception("worker %s: the entry point %r failed", owner, entrypoint)
        return EXIT_FATAL

    async def main() -> None:
        async with anyio.create_task_group() as tg:

            def on_eof() -> None:
                try:
                    bot.request_close()
                except errors.ComponentStateConflictError:
                    tg.cancel_scope.cancel()  # not started yet: nothing graceful to do

            await tg.start(pipe.run, on_eof)
            if inspect.isawaitable(setup):
                await setup
            await bot.start()
            tg.cancel_scope.cancel()

    try:
        run_blocking(main, bot.request_close, backend=backend)
    except Exception:
        _LOGGER.exception("worker %s failed", owner)
        return EXIT_FATAL
    return 0
