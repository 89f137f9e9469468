"""The local back-end's wire: a `ShardCoordinator` served over a worker's stdin/stdout.

One JSON object per line, in both directions (no pickle anywhere):

```
worker → parent   {"id": 7, "method": "claim", "params": {"shard_ids": null, "ttl": 15.0}}
parent → worker   {"id": 7, "result": {"shard_id": 3, "owner": "local-0.0", "epoch": 2, "ttl": 15.0}}
parent → worker   {"id": 8, "error": {"type": "SessionBudgetExhaustedError", "message": "...", "reset_after": 3600}}
worker → parent   {"id": 9, "method": "subscribe", "params": {"sub": 4, "shard_id": 3}}
parent → worker   {"sub": 4, "command": {"shard_id": 3, "kind": "presence", "payload": {...}}}
```

`serve_worker` (parent side) answers with the parent's `MemoryCoordinator`; it runs every
request in its own task, so a worker waiting for its identify bucket does not hold up its other
calls. The parent pins every lease to the worker's owner name: a worker cannot claim, renew or
write under another worker's name. `PipeCoordinator` (worker side) is the coordinator a worker's
`Bot` uses; its reader is a task of the worker's tree (`await tg.start(pipe.run)`), and EOF
from the parent (it exited or was killed) calls `on_eof`, which stops the worker's bot.
Lines are capped at 1 MiB.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import typing

import anyio
import anyio.abc
import orjson

from anycord import errors
from anycord.orchestrator.coordinator import (
    Lease,
    SessionInfo,
    ShardCommand,
    ShardPlan,
    ShardStatus,
)

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Mapping, Sequence

    from anyio.streams.memory import MemoryObjectSendStream

    from anycord.orchestrator.memory import MemoryCoordinator

__all__ = ["PipeCoordinator", "serve_worker"]

_LOGGER = logging.getLogger("anycord.orchestrator")
MAX_LINE: typing.Final = 1 << 20
_COMMAND_BUFFER: typing.Final = 256


def _lease_json(lease: Lease) -> dict[str, typing.Any]:
    return {
        "shard_id": lease.shard_id,
        "owner": lease.owner,
        "epoch": lease.epoch,
        "ttl": lease.ttl,
    }


def _lease_from(data: Mapping[str, typing.Any]) -> Lease:
    return Lease(
        shard_id=int(data["shard_id"]),
        owner=str(data["owner"]),
        epoch=int(data["epoch"]),
        ttl=float(data["ttl"]),
    )


def _error_json(exc: Exception) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {"type": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, errors.SessionBudgetExhaustedError):
        out["reset_after"] = exc.reset_after
    return out


def _error_from(data: Mapping[str, typing.Any]) -> Exception:
    kind = data.get("type")
    if kind == "SessionBudgetExhaustedError":
        return errors.SessionBudgetExhaustedError(data.get("reset_after"))
    if kind == "ValueError":
        return ValueError(str(data.get("message", "")))
    return errors.ComponentStateConflictError(f"orchestrator parent: {data.get('message', kind)}")


class _LineReader:
    """Splits a byte stream into lines, refusing any longer than `MAX_LINE`."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[bytes]:
        self._buffer += chunk
        lines: list[bytes] = []
        while (end := self._buffer.find(b"\n")) >= 0:
            lines.append(bytes(self._buffer[:end]))
            del self._buffer[: end + 1]
        if len(self._buffer) > MAX_LINE:
            msg = f"a line on the orchestrator pipe exceeded {MAX_LINE} bytes"
            raise errors.ComponentStateConflictError(msg)
        return lines


# -- parent side --------------------------------------------------------------------------


class _WorkerSession:
    """The parent's half of one worker's pipe."""

    def __init__(
        self,
        coordinator: MemoryCoordinator,
        owner: str,
        send: anyio.abc.ByteSendStream,
    ) -> None:
        self._coordinator = coordinator
        self._owner = owner
        self._send_stream = send
        self._lock = anyio.Lock()
        self._subscriptions: dict[int, anyio.CancelScope] = {}

    async def send(self, message: Mapping[str, typing.Any]) -> None:
        async with self._lock:
            await self._send_stream.send(orjson.dumps(message) + b"\n")

    def _own(self, data: Mapping[str, typing.Any]) -> Lease:
        lease = _lease_from(data)
        if lease.owner != self._owner:
            msg = f"worker {self._owner} sent a lease of {lease.owner}"
            raise ValueError(msg)
        return lease

    async def handle(self, raw: bytes, tg: anyio.abc.TaskGroup) -> None:
        try:
            message = orjson.loads(raw)
            request_id = message["id"]
            method = str(message["method"])
            params: dict[str, typing.Any] = message.get("params") or {}
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            _LOGGER.warning("worker %s sent a malformed request: %s", self._owner, exc)
            return
        if method == "subscribe":
            after = params.get("after")
            tg.start_soon(
                self._subscribe,
                request_id,
                int(params["sub"]),
                int(params["shard_id"]),
                None if after is None else str(after),
            )
            return
        try:
            result = await self._call(method, params)
        except (ValueError, KeyError, TypeError, errors.AnycordError) as exc:
            await self.send({"id": request_id, "error": _error_json(exc)})
        else:
            await self.send({"id": request_id, "result": result})

    async def _call(self, method: str, params: dict[str, typing.Any]) -> object:
        coord = self._coordinator
        if method == "get_plan":
            return (await coord.get_plan()).to_json()
        if method == "acquire_identify":
            await coord.acquire_identify(int(params["shard_id"]))
            return None
        if method == "claim":
            ids = params.get("shard_ids")
            lease = await coord.claim(
                self._owner, None if ids is None else [int(i) for i in ids], ttl=params["ttl"]
            )
            return None if lease is None else _lease_json(lease)
        if method == "renew":
            return await coord.renew(self._own(params["lease"]))
        if method == "release":
            await coord.release(self._own(params["lease"]))
            return None
        if method == "save_session":
            session = params.get("session")
            return await coord.save_session(
                self._own(params["lease"]),
                None if session is None else SessionInfo.from_json(session),
            )
        if method == "load_session":
            session_info = await coord.load_session(int(params["shard_id"]))
            return None if session_info is None else session_info.to_json()
        if method == "report":
            return await coord.report(
                self._own(params["lease"]), ShardStatus.from_json(params["status"])
            )
        if method == "statuses":
            return {str(i): s.to_json() for i, s in (await coord.statuses()).items()}
        if method == "owners":
            return {str(i): list(o) for i, o in (await coord.owners()).items()}
        if method == "store_presence":
            return await coord.store_presence(params["presence"])
        if method == "load_presence":
            return await coord.load_presence()
        if method == "send_command":
            await coord.send_command(ShardCommand.from_json(params["command"]))
            return None
        if method == "unsubscribe":
            scope = self._subscriptions.pop(int(params["sub"]), None)
            if scope is not None:
                scope.cancel()
            return None
        msg = f"unknown method {method!r}"
        raise ValueError(msg)

    async def _subscribe(
        self, request_id: object, sub: int, shard_id: int, after: str | None
    ) -> None:
        with anyio.CancelScope() as scope:
            self._subscriptions[sub] = scope
            try:
                async with self._coordinator.commands(shard_id, after=after) as stream:
                    await self.send({"id": request_id, "result": None})
                    async for command in stream:
                        await self.send(
                            {"sub": sub, "command": command.to_json(), "cursor": command.cursor}
                        )
            finally:
                self._subscriptions.pop(sub, None)


async def serve_worker(
    coordinator: MemoryCoordinator,
    owner: str,
    receive: anyio.abc.ByteReceiveStream,
    send: anyio.abc.ByteSendStream,
) -> None:
    """Answer one worker's requests until it closes its end (EOF); see the module docstring.

    Raises `ComponentStateConflictError` when the worker sends a line over `MAX_LINE`.
    """
    session = _WorkerSession(coordinator, owner, send)
    lines = _LineReader()
    async with anyio.create_task_group() as tg:
        try:
            async for chunk in receive:
                for line in lines.feed(chunk):
                    if line.strip():
                        tg.start_soon(session.handle, line, tg)
        except (anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError):
            pass
        tg.cancel_scope.cancel()


# -- worker side --------------------------------------------------------------------------


class _Pending:
    __slots__ = ("done", "error", "result")

    def __init__(self) -> None:
        self.done = anyio.Event()
        self.result: typing.Any = None
        self.error: Exception | None = None


class PipeCoordinator:
    """A worker's `ShardCoordinator`: every call is a request to the parent over the pipe.

    `read_fd`/`write_fd` are the worker's ends (its stdin and its original stdout). Run
    `await tg.start(pipe.run, on_eof)` before using it. Calls made after EOF raise
    `ComponentClosedError`.
    """

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._read_fd = read_fd
        self._write_fd = write_fd
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._subscribers: dict[int, MemoryObjectSendStream[ShardCommand]] = {}
        self._write_lock: anyio.Lock | None = None
        self._closed = False
        self._plan: ShardPlan | None = None

    async def run(
        self,
        on_eof: Callable[[], None] | None = None,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        """Read the parent's answers until EOF, then fail pending calls and call `on_eof`."""
        os.set_blocking(self._read_fd, False)
        os.set_blocking(self._write_fd, False)
        self._write_lock = anyio.Lock()
        lines = _LineReader()
        task_status.started()
        try:
            while True:
                await anyio.wait_readable(self._read_fd)
                try:
                    chunk = os.read(self._read_fd, 65536)
                except BlockingIOError:
                    continue
                if not chunk:
                    break
                for line in lines.feed(chunk):
                    if line.strip():
                        self._dispatch(orjson.loads(line))
        finally:
            self._closed = True
            for pending in self._pending.values():
                pending.error = errors.ComponentClosedError("the orchestrator parent went away")
                pending.done.set()
            for stream in self._subscribers.values():
                stream.close()
        _LOGGER.warning("the orchestrator parent closed the pipe; stopping")
        if on_eof is not None:
            on_eof()

    def _dispatch(self, message: Mapping[str, typing.Any]) -> None:
        if "sub" in message:
            stream = self._subscribers.get(int(message["sub"]))
            if stream is not None:
                command = ShardCommand.from_json(message["command"])
                cursor = message.get("cursor")
                if cursor is not None:
                    command = command.delivered(str(cursor))
                try:
                    stream.send_nowait(command)
                except anyio.WouldBlock:
                    _LOGGER.warning("command queue is full; dropped a command")
            return
        pending = self._pending.pop(int(message["id"]), None)
        if pending is None:
            return
        if "error" in message:
            pending.error = _error_from(message["error"])
        else:
            pending.result = message.get("result")
        pending.done.set()

    async def _write(self, data: bytes) -> None:
        if self._write_lock is None:
            msg = "PipeCoordinator.run() has not started"
            raise errors.ComponentStateConflictError(msg)
        async with self._write_lock:
            view = memoryview(data)
            while view:
                try:
                    written = os.write(self._write_fd, view)
                except BlockingIOError:
                    await anyio.wait_writable(self._write_fd)
                    continue
                except (BrokenPipeError, OSError) as exc:
                    raise errors.ComponentClosedError(
                        f"the orchestrator pipe is closed: {exc}"
                    ) from None
                view = view[written:]

    async def _call(self, method: str, **params: object) -> typing.Any:  # noqa: ANN401 (the decoded JSON result, whose shape the method knows)
        if self._closed:
            msg = "the orchestrator parent went away"
            raise errors.ComponentClosedError(msg)
        request_id = next(self._ids)
        pending = self._pending[request_id] = _Pending()
        try:
            await self._write(
                orjson.dumps({"id": request_id, "method": method, "params": params}) + b"\n"
            )
            await pending.done.wait()
        finally:
            self._pending.pop(request_id, None)
        if pending.error is not None:
            raise pending.error
        return pending.result

    # -- ShardCoordinator ---------------------------------------------------------------

    async def get_plan(self) -> ShardPlan:
        if self._plan is None:
            self._plan = ShardPlan.from_json(await self._call("get_plan"))
        return self._plan

    async def acquire_identify(self, shard_id: int) -> None:
        await self._call("acquire_identify", shard_id=shard_id)

    async def acquire(self, shard_id: int) -> None:
        """`IdentifyGate.acquire`."""
        await self.acquire_identify(shard_id)

    async def claim(
        self, owner: str, shard_ids: Sequence[int] | None = None, *, ttl: float
    ) -> Lease | None:
        # The parent names the owner (the worker's name); `owner` is only checked locally.
        result = await self._call(
            "claim", shard_ids=None if shard_ids is None else list(shard_ids), ttl=ttl
        )
        if result is None:
            return None
        lease = _lease_from(result)
        if lease.owner != owner:
            _LOGGER.debug("the parent leased shard %s to %s", lease.shard_id, lease.owner)
        return lease

    async def renew(self, lease: Lease) -> bool:
        return bool(await self._call("renew", lease=_lease_json(lease)))

    async def release(self, lease: Lease) -> None:
        await self._call("release", lease=_lease_json(lease))

    async def save_session(self, lease: Lease, session: SessionInfo | None) -> bool:
        return bool(
            await self._call(
                "save_session",
                lease=_lease_json(lease),
                session=None if session is None else session.to_json(),
            )
        )

    async def load_session(self, shard_id: int) -> SessionInfo | None:
        result = await self._call("load_session", shard_id=shard_id)
        return None if result is None else SessionInfo.from_json(result)

    async def report(self, lease: Lease, status: ShardStatus) -> bool:
        return bool(await self._call("report", lease=_lease_json(lease), status=status.to_json()))

    async def statuses(self) -> dict[int, ShardStatus]:
        result = await self._call("statuses")
        return {int(i): ShardStatus.from_json(s) for i, s in result.items()}

    async def owners(self) -> dict[int, tuple[str, int]]:
        result = await self._call("owners")
        return {int(i): (str(o[0]), int(o[1])) for i, o in result.items()}

    async def store_presence(self, presence: Mapping[str, typing.Any]) -> dict[str, typing.Any]:
        return dict(await self._call("store_presence", presence=dict(presence)))

    async def load_presence(self) -> dict[str, typing.Any] | None:
        result = await self._call("load_presence")
        return None if result is None else dict(result)

    async def send_command(self, command: ShardCommand) -> None:
        await self._call("send_command", command=command.to_json())

    @contextlib.asynccontextmanager
    async def commands(
        self, shard_id: int, *, after: str | None = None
    ) -> AsyncIterator[AsyncIterator[ShardCommand]]:
        sub = next(self._ids)
        send, receive = anyio.create_memory_object_stream[ShardCommand](_COMMAND_BUFFER)
        # Registered before asking, so a command pushed right after the answer is not missed.
        self._subscribers[sub] = send
        try:
            async with receive:  # closed also when the subscription is refused
                await self._call("subscribe", sub=sub, shard_id=shard_id, after=after)
                yield receive
        finally:
            self._subscribers.pop(sub, None)
            send.close()
            if not self._closed:
                with (
                    anyio.CancelScope(shield=True),
                    anyio.move_on_after(2.0),
                    contextlib.suppress(errors.ComponentClosedError),
                ):
                    await self._call("unsubscribe", sub=sub)
