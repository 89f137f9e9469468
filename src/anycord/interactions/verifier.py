"""Ed25519 checks in a helper process, so the event loop's core does everything else.

Why: the signature check is the largest single cost of an interaction request (libsodium's
verify, 55–80 µs of the 140–200 µs a request costs on the benchmark machine). In the server's
own process it runs on the event loop's thread; a thread does not help, because a thread
that needs the GIL back after each check starves while the loop is busy (measured: 0.8× the
inline throughput). A helper process has no GIL to share: the loop writes each request to a
pipe and parses, routes and answers other requests while the check runs on another core.

The wire (both pipes are the child's stdin/stdout; see `_verifier_child.py`):

```
server → helper   >II id, length | 64-byte signature | message (timestamp + body)
helper → server   >IB id, 1 if the signature verifies else 0
```

Guarantees:

* every check gets a verdict, and a verdict always comes from a full Ed25519 check: checks
  waiting when the helper exits (shutdown, or a crash) are done inline, and so are later
  ones until a new helper runs (a dead helper is restarted, with a warning in the log and
  a growing delay while it keeps dying), or for good when no helper can be started at all;
  a helper that gives no verdict for `unresponsive_after` seconds (2 s) while checks wait
  is killed, which counts as dying;
* the helper lives exactly as long as `ProcessVerifier.run`, which is a task of the server's
  tree: it is started there and killed and reaped on the way out (shielded, with a deadline);
  if the server's process dies instead, the helper reads EOF and exits;
* it holds only the application's public key, and ignores SIGINT/SIGTERM sent to the whole
  process group (Ctrl-C, a service manager): the server decides when it stops.

`use_verifier_process()` says whether the helper pays off here: a POSIX system (the pipes are
waited on with `anyio.wait_readable`), a real Python interpreter as `sys.executable` (not a
frozen application), and at least two usable CPUs, counting both the CPU affinity and a
container's CPU quota (`cgroup_cpu_limit`).
"""

from __future__ import annotations

import itertools
import logging
import os
import pathlib
import sys
import typing

import anyio

from anycord.interactions._verifier_child import ANSWER, REQUEST, SIGNATURE_SIZE

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ProcessVerifier", "cgroup_cpu_limit", "check_inline", "use_verifier_process"]

_LOGGER = logging.getLogger("anycord.interactions")
_CHILD: typing.Final = str(pathlib.Path(__file__).with_name("_verifier_child.py"))
_STOP_DEADLINE: typing.Final = 5.0
"""Seconds to wait for the killed helper to be reaped."""
_STABLE_AFTER: typing.Final = 60.0
"""A helper that ran this long before dying is restarted after the first delay again."""
_MAX_RESTART_DELAY: typing.Final = 60.0

Verify = typing.Callable[[bytes, bytes], object]


def check_inline(verify: Verify, message: bytes, signature: bytes) -> bool:
    """Whether `verify(message, signature)` accepts the pair (any exception means no)."""
    try:
        verify(message, signature)
    except Exception:
        return False
    return True


def cgroup_cpu_limit(root: pathlib.Path = pathlib.Path("/sys/fs/cgroup")) -> float | None:
    """The CPUs a Linux control group's quota allows this process (`docker --cpus`, a
    Kubernetes limit), or `None` when there is no quota (or no cgroup file to read).

    Reads cgroup v2's `cpu.max` ("quota period" or "max period"), else v1's
    `cpu/cpu.cfs_quota_us` and `cpu/cpu.cfs_period_us` (quota -1 means none).
    """
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota_us = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period_us = int((root / "cpu" / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return None if quota_us <= 0 or period_us <= 0 else quota_us / period_us


def use_verifier_process() -> bool:
    """Whether a helper process can run here and has a core of its own to run on: POSIX, a
    real interpreter as `sys.executable`, and two or more CPUs by affinity and cgroup quota."""
    if os.name != "posix" or getattr(sys, "frozen", False) or not sys.executable:
        return False
    try:
        cpus: float = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    limit = cgroup_cpu_limit()
    if limit is not None:
        cpus = min(cpus, limit)
    return cpus >= 2


class _Check:
    __slots__ = ("done", "message", "ok", "signature")

    def __init__(self, message: bytes, signature: bytes) -> None:
        self.message = message
        self.signature = signature
        self.ok = False
        self.done = anyio.Event()


class ProcessVerifier:
    """Check signatures in a helper process while `run` is active; inline otherwise."""

    __slots__ = (
        "_active",
        "_backlog",
        "_flush",
        "_ids",
        "_pending",
        "_pid",
        "_progress",
        "_public_key",
        "_restart_delay",
        "_unresponsive_after",
        "_verify",
        "_write_fd",
    )

    def __init__(
        self,
        public_key: bytes,
        verify: Verify,
        *,
        unresponsive_after: float = 2.0,
        restart_delay: float = 1.0,
    ) -> None:
        """`unresponsive_after`: seconds without a verdict, while checks wait, after which
        the helper counts as stuck (stopped, starved) and is killed. `restart_delay`: the
        first wait before a dead helper is replaced."""
        self._public_key = public_key
        self._restart_delay = restart_delay
        self._active = False
        self._verify = verify
        self._unresponsive_after = unresponsive_after
        self._progress = 0.0
        self._ids = itertools.count(1)
        self._pending: dict[int, _Check] = {}
        self._write_fd: int | None = None
        self._backlog = bytearray()
        self._flush: anyio.Event | None = None
        self._pid: int | None = None

    @property
    def is_running(self) -> bool:
        """Whether checks currently go to the helper process."""
        return self._write_fd is not None

    async def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether `signature` is a valid Ed25519 signature of `message` by the key."""
        fd = self._write_fd
        if fd is None or len(signature) != SIGNATURE_SIZE:
            return check_inline(self._verify, message, signature)
        request_id = next(self._ids) & 0xFFFFFFFF
        if not self._pending:
            self._progress = anyio.current_time()  # the stall clock starts with the first wait
        check = self._pending[request_id] = _Check(message, signature)
        frame = REQUEST.pack(request_id, len(message)) + signature + message
        try:
            if self._backlog:
                self._backlog += frame  # behind what is already waiting, in order
            else:
                try:
                    written = os.write(fd, frame)
                except BlockingIOError:
                    written = 0
                if written < len(frame):
                    self._backlog += frame[written:]
                    if self._flush is not None:
                        self._flush.set()
            await check.done.wait()
        except OSError:
            # The helper is gone (its pipe broke); `run` is about to notice.
            return check_inline(self._verify, message, signature)
        finally:
            self._pending.pop(request_id, None)
        return check.ok

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        """Start the helper and serve checks until cancelled; restart it when it dies.

        Ready as soon as the helper is started (or could not be). A helper that dies is
        restarted after `restart_delay` seconds, doubling while it keeps dying young (up to
        a minute); checks are inline meanwhile. One that cannot be started at all leaves
        every check inline for the rest of `run`.
        """
        if self._active:
            msg = "this verifier is already running"
            raise RuntimeError(msg)
        self._active = True
        readiness: list[bool] = []

        def ready() -> None:
            if not readiness:
                readiness.append(True)
                task_status.started()

        try:
            delay = self._restart_delay
            while True:
                started_at = anyio.current_time()
                returncode = await self._serve_helper(ready)
                if returncode is None:  # could not start: stay inline
                    ready()
                    await anyio.sleep_forever()
                if anyio.current_time() - started_at > _STABLE_AFTER:
                    delay = self._restart_delay
                _LOGGER.warning(
                    "the signature verifier process exited (status %s); checking signatures "
                    "inline until it is restarted in %.1f s",
                    returncode,
                    delay,
                )
                await anyio.sleep(delay)
                delay = min(delay * 2, _MAX_RESTART_DELAY)
        finally:
            self._active = False

    async def _serve_helper(self, ready: Callable[[], None]) -> int | None:
        """Run one helper until it exits; its exit status, or `None` if it could not start."""
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        try:
            process = await anyio.open_process(
                [sys.executable, _CHILD, self._public_key.hex()],
                stdin=child_in,
                stdout=child_out,
                stderr=None,
            )
        except BaseException as exc:
            for fd in (to_child, from_child):
                os.close(fd)
            if not isinstance(exc, OSError):
                raise
            # An optimisation must not stop the bot: where no process can be started
            # (a sandbox, a missing interpreter), every check is done inline.
            _LOGGER.warning(
                "could not start the signature verifier process (%s); checking signatures inline",
                exc,
            )
            return None
        finally:
            os.close(child_in)
            os.close(child_out)
        os.set_blocking(to_child, False)
        os.set_blocking(from_child, False)
        self._write_fd = to_child
        self._pid = process.pid
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._write_backlog, to_child)
                tg.start_soon(self._watch, process)
                ready()
                await self._read_verdicts(from_child)
                tg.cancel_scope.cancel()
        finally:
            self._write_fd = None
            self._pid = None
            self._backlog.clear()
            os.close(to_child)
            # Nothing is lost: checks still waiting get their verdict here, inline. So the
            # helper (which keeps no state) is simply killed, not asked to finish.
            for check in list(self._pending.values()):
                check.ok = check_inline(self._verify, check.message, check.signature)
                check.done.set()
            with anyio.CancelScope(shield=True):
                if process.returncode is None:
                    process.kill()
                with anyio.move_on_after(_STOP_DEADLINE):
                    await process.wait()
                await process.aclose()
                os.close(from_child)
        return process.returncode

    @property
    def pid(self) -> int | None:
        """The helper's process id while it runs (for monitoring), else `None`."""
        return self._pid

    async def _read_verdicts(self, fd: int) -> None:
        """Hand out verdicts as they arrive; returns when the helper closes its stdout."""
        buffer = b""
        size = ANSWER.size
        pending = self._pending
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                await anyio.wait_readable(fd)
                continue
            if not chunk:
                return
            buffer += chunk
            self._progress = anyio.current_time()
            whole = len(buffer) - len(buffer) % size
            for request_id, ok in ANSWER.iter_unpack(buffer[:whole]):
                check = pending.pop(request_id, None)
                if check is not None:  # None: its request was cancelled meanwhile
                    check.ok = ok == 1
                    check.done.set()
            buffer = buffer[whole:]

    async def _watch(self, process: anyio.abc.Process) -> None:
        """Kill a helper that gives no verdict for `unresponsive_after` seconds while checks
        wait (stopped with SIGSTOP, starved, wedged): its end of the pipe then closes, and
        `run` answers the waiting checks inline."""
        period = self._unresponsive_after / 4
        while True:
            await anyio.sleep(period)
            stalled = anyio.current_time() - self._progress
            if self._pending and stalled > self._unresponsive_after:
                _LOGGER.warning(
                    "the signature verifier process gave no verdict for %.1f s; killing it",
                    stalled,
                )
                process.kill()
                return

    async def _write_backlog(self, fd: int) -> None:
        """Write what did not fit into the pipe at once (large bodies, a slow helper)."""
        while True:
            self._flush = anyio.Event()
            if not self._backlog:
                await self._flush.wait()
            while self._backlog:
                await anyio.wait_writable(fd)
                try:
                    del self._backlog[: os.write(fd, self._backlog)]
                except BlockingIOError:
                    continue
                except OSError:
                    return  # the helper is gone: its stdout ends too, and `run` takes over
