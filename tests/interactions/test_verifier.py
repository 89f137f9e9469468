"""Signature checks in the helper process: same verdicts as inline, nothing lost, no orphans."""

from __future__ import annotations

import logging
import os
import pathlib
import random
import signal
import sys
import threading

import anyio
import anyio.lowlevel
import nacl.exceptions
import nacl.signing
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.interactions import InteractionServer
from anycord.interactions import _verifier_child as child
from anycord.interactions import verifier as verifier_module
from anycord.interactions.verifier import (
    ProcessVerifier,
    cgroup_cpu_limit,
    check_inline,
    use_verifier_process,
)

from .signing import PUBLIC_KEY_HEX, SIGNING_KEY, FakeInteraction, fake_decoder, sign

VERIFY = nacl.signing.VerifyKey(bytes.fromhex(PUBLIC_KEY_HEX)).verify
KEY = bytes.fromhex(PUBLIC_KEY_HEX)


def signed(message: bytes) -> bytes:
    return SIGNING_KEY.sign(message).signature


def cases(count: int, seed: int) -> list[tuple[bytes, bytes, bool]]:
    """(message, signature, valid) triples: a third tampered, a third with a foreign key."""
    rng = random.Random(seed)
    other = nacl.signing.SigningKey(b"\x09" * 32)
    out = []
    for i in range(count):
        message = rng.randbytes(rng.randrange(0, 2048))
        kind = i % 3
        if kind == 0:
            out.append((message, signed(message), True))
        elif kind == 1:
            tampered = message + b"!"
            out.append((tampered, signed(message), False))
        else:
            out.append((message, other.sign(message).signature, False))
    return out


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_verdicts_match_inline_checks_under_concurrency() -> None:
    verifier = ProcessVerifier(KEY, VERIFY)
    assert not verifier.is_running
    results: dict[int, bool] = {}
    triples = cases(300, seed=1)

    async def one(i: int, message: bytes, signature: bytes) -> None:
        results[i] = await verifier.verify(message, signature)

    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)
        assert verifier.is_running
        assert verifier.pid is not None
        pid: int = verifier.pid
        assert alive(pid)
        async with anyio.create_task_group() as checks:
            for i, (message, signature, _) in enumerate(triples):
                checks.start_soon(one, i, message, signature)
        tg.cancel_scope.cancel()
    assert results == {i: valid for i, (_, _, valid) in enumerate(triples)}
    assert verifier.pid is None
    assert not alive(pid)  # killed and reaped with its task
    # Not running: checked inline, same verdicts.
    message, signature, _ = triples[0]
    assert await verifier.verify(message, signature) is True
    assert await verifier.verify(message + b"x", signature) is False


async def test_a_large_body_goes_through_the_backlog() -> None:
    # Bigger than a pipe's buffer (64 KiB on Linux): written in parts by the backlog task.
    message = os.urandom(900_000)
    verifier = ProcessVerifier(KEY, VERIFY)
    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)
        with anyio.fail_after(10):
            valid = await verifier.verify(message, signed(message))
            # Flip a bit of the last byte (replacing it with 0 left it unchanged 1 time in 256).
            tampered = await verifier.verify(
                message[:-1] + bytes([message[-1] ^ 1]), signed(message)
            )
        tg.cancel_scope.cancel()
    assert valid is True
    assert tampered is False


async def test_a_malformed_signature_is_refused_without_the_helper() -> None:
    verifier = ProcessVerifier(KEY, VERIFY)
    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)
        for bad in (b"", b"\x00" * 63, b"\x00" * 65):
            assert await verifier.verify(b"message", bad) is False
        assert await verifier.verify(b"m", signed(b"m")) is True
        tg.cancel_scope.cancel()


async def test_a_killed_helper_loses_nothing_and_checks_go_inline(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="anycord.interactions")
    verifier = ProcessVerifier(KEY, VERIFY)
    triples = cases(400, seed=2)
    results: dict[int, bool] = {}

    async def one(i: int, message: bytes, signature: bytes) -> None:
        results[i] = await verifier.verify(message, signature)

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            await tg.start(verifier.run)
            assert verifier.pid is not None
            pid: int = verifier.pid
            async with anyio.create_task_group() as checks:
                for i, (message, signature, _) in enumerate(triples):
                    checks.start_soon(one, i, message, signature)
                await anyio.lowlevel.checkpoint()  # the first checks are written to the pipe
                os.kill(pid, signal.SIGKILL)
            # The helper's death was noticed; checks are inline until it is restarted.
            while verifier.is_running:  # noqa: ASYNC110 (the reader notices EOF)
                await anyio.sleep(0.01)
            message, signature, _ = triples[0]
            assert await verifier.verify(message, signature) is True
            tg.cancel_scope.cancel()
    assert results == {i: valid for i, (_, _, valid) in enumerate(triples)}
    assert any("verifier process exited" in r.getMessage() for r in caplog.records)
    assert not alive(pid)


async def test_a_stuck_helper_is_killed_and_its_checks_answered_inline(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="anycord.interactions")
    verifier = ProcessVerifier(KEY, VERIFY, unresponsive_after=0.3, restart_delay=30)
    message = b"stuck"
    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)
        assert await verifier.verify(message, signed(message)) is True  # it works, then
        assert verifier.pid is not None
        pid: int = verifier.pid
        os.kill(pid, signal.SIGSTOP)
        try:
            with anyio.fail_after(10):
                started = anyio.current_time()
                assert await verifier.verify(message, signed(message)) is True
                assert await verifier.verify(message + b"!", signed(message)) is False
            assert anyio.current_time() - started >= 0.3
            assert not verifier.is_running
        finally:
            if alive(pid):
                os.kill(pid, signal.SIGCONT)
        tg.cancel_scope.cancel()
    assert any("gave no verdict" in r.getMessage() for r in caplog.records)
    assert any("verifier process exited" in r.getMessage() for r in caplog.records)
    assert not alive(pid)


async def test_a_helper_that_cannot_start_leaves_checks_inline(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="anycord.interactions")
    monkeypatch.setattr(sys, "executable", "/nonexistent/python3")
    verifier = ProcessVerifier(KEY, VERIFY)
    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)  # ready at once, and not running
        assert not verifier.is_running
        assert await verifier.verify(b"m", signed(b"m")) is True
        assert await verifier.verify(b"n", signed(b"m")) is False
        tg.cancel_scope.cancel()
    assert any("could not start" in r.getMessage() for r in caplog.records)


async def test_a_dead_helper_is_replaced() -> None:
    verifier = ProcessVerifier(KEY, VERIFY, restart_delay=0.1)
    message = b"again"
    with anyio.fail_after(15):
        async with anyio.create_task_group() as tg:
            await tg.start(verifier.run)
            assert verifier.pid is not None
            first: int = verifier.pid
            os.kill(first, signal.SIGKILL)
            while verifier.pid in (None, first):  # noqa: ASYNC110 (no event for a restart)
                await anyio.sleep(0.02)
            assert verifier.is_running
            assert await verifier.verify(message, signed(message)) is True
            assert not alive(first)
            tg.cancel_scope.cancel()
    assert verifier.pid is None


async def test_run_twice_at_once_is_refused() -> None:
    verifier = ProcessVerifier(KEY, VERIFY)
    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)
        with pytest.raises(RuntimeError, match="already running"):
            await verifier.run()
        tg.cancel_scope.cancel()


async def test_a_cancelled_check_does_not_disturb_the_others() -> None:
    verifier = ProcessVerifier(KEY, VERIFY)
    message = b"payload"
    async with anyio.create_task_group() as tg:
        await tg.start(verifier.run)
        with anyio.CancelScope() as scope:
            scope.cancel()
            await verifier.verify(message, signed(message))
        assert scope.cancelled_caught
        assert await verifier.verify(message, signed(message)) is True
        assert not verifier._pending  # the cancelled check's slot was dropped
        tg.cancel_scope.cancel()


async def test_the_interaction_server_uses_the_helper_while_running() -> None:
    server = InteractionServer(
        public_key=PUBLIC_KEY_HEX, decoder=fake_decoder, verifier_process=True
    )

    async def reply(interaction: FakeInteraction) -> None:
        return None

    server.set_listener(FakeInteraction, reply)
    body = b'{"type":2,"data":{"name":"x"}}'
    signature, timestamp = sign(body)
    assert server.verifier is None
    async with server.run(shutdown_timeout=1):
        verifier = server.verifier
        assert verifier is not None
        assert verifier.is_running
        assert verifier.pid is not None
        pid: int = verifier.pid
        ok = await server.on_interaction(body, bytes.fromhex(signature), timestamp.encode())
        forged = await server.on_interaction(
            body + b" ", bytes.fromhex(signature), timestamp.encode()
        )
    assert (ok.status_code, forged.status_code) == (202, 401)
    assert server.verifier is None
    assert not alive(pid)


def test_the_helper_is_used_only_where_it_pays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verifier_module, "cgroup_cpu_limit", lambda: None)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    assert use_verifier_process() is (os.name == "posix")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0}, raising=False)
    assert use_verifier_process() is False
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert use_verifier_process() is False


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu.max": "150000 100000\n"}, 1.5),
        ({"cpu.max": "200000 100000\n"}, 2.0),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 0.5),
        ({"cpu.max": "garbage"}, None),
        ({}, None),
    ],
)
def test_cgroup_cpu_limit_reads_v2_then_v1(
    tmp_path: pathlib.Path, files: dict[str, str], expected: float | None
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert cgroup_cpu_limit(tmp_path) == expected


def test_a_container_quota_below_two_cpus_keeps_checks_inline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(verifier_module, "cgroup_cpu_limit", lambda: 1.0)
    assert use_verifier_process() is False
    monkeypatch.setattr(verifier_module, "cgroup_cpu_limit", lambda: 2.0)
    assert use_verifier_process() is (os.name == "posix")


def test_check_inline_treats_any_error_as_invalid() -> None:
    def broken(message: bytes, signature: bytes) -> None:
        raise TypeError("not bytes")

    assert check_inline(broken, b"m", b"s") is False
    assert check_inline(VERIFY, b"m", signed(b"m")) is True


@settings(max_examples=60, deadline=None)
@given(
    messages=st.lists(st.binary(max_size=300), min_size=1, max_size=12),
    flips=st.lists(st.booleans(), min_size=12, max_size=12),
    cuts=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=30),
)
def test_the_helper_program_frames_any_chunking(
    messages: list[bytes], flips: list[bool], cuts: list[int]
) -> None:
    """The child's loop, run in-process over a pipe fed in arbitrary pieces."""
    frames, expected = [], []
    for i, message in enumerate(messages):
        signature = signed(message)
        if flips[i]:
            signature = bytes([signature[0] ^ 1]) + signature[1:]
        frames.append(child.REQUEST.pack(i, len(message)) + signature + message)
        expected.append((i, 0 if flips[i] else 1))
    data = b"".join(frames)
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    bad = (nacl.exceptions.BadSignatureError, ValueError)

    def feed() -> None:
        view, k = memoryview(data), 0
        while view:
            size = cuts[k % len(cuts)]
            k += 1
            os.write(to_child_w, view[:size])
            view = view[size:]
        os.close(to_child_w)

    writer = threading.Thread(target=feed)
    writer.start()
    child._serve(VERIFY, bad, to_child_r, from_child_w)
    writer.join()
    os.close(from_child_w)
    answers = b""
    while chunk := os.read(from_child_r, 65536):
        answers += chunk
    os.close(to_child_r)
    os.close(from_child_r)
    assert list(child.ANSWER.iter_unpack(answers)) == expected


def test_the_helper_program_is_a_file_next_to_the_module() -> None:
    # Started by path, so it must ship with the package (and not import anycord itself).
    source = pathlib.Path(verifier_module._CHILD).read_text(encoding="utf-8")
    assert "import anycord" not in source
    assert "from anycord" not in source
