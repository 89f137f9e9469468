"""GatewayBot's synchronous run forms: `anyio.run(bot.start)` and `bot.run()`.

These tests are plain functions, not async tests: each form creates its own event loop, so the
anyio plugin's backend parametrization does not apply and the backend is parametrized here
explicitly. FakeDiscord runs on asyncio in a thread of its own (a blocking portal), so the bot's
loop, whichever backend it uses, is the only one in the main thread; `bot.run()` with real
signals runs in a subprocess against that same fake.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import os
import signal
import subprocess
import sys
import textwrap
import threading
import typing

import anyio
import anyio.from_thread
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.errors import GatewayFatalCloseError
from anycord.events.lifetime import StartedEvent, StartingEvent, StoppedEvent, StoppingEvent
from anycord.intents import Intents
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

BACKENDS = ["asyncio", "trio"]


@contextlib.contextmanager
def fake_in_thread(
    **options: typing.Any,
) -> Iterator[tuple[FakeDiscord, anyio.from_thread.BlockingPortal]]:
    with anyio.from_thread.start_blocking_portal("asyncio") as portal:
        # Built in the portal's loop: the fake creates AnyIO primitives in its constructor.
        fake = portal.call(functools.partial(FakeDiscord, **options))
        with portal.wrap_async_context_manager(fake):
            portal.call(functools.partial(fake.add_guild, name="g", members=2, channels=1))
            yield fake, portal


def close_codes(
    fake: FakeDiscord, portal: anyio.from_thread.BlockingPortal
) -> list[tuple[int | None, str | None]]:
    def read() -> list[tuple[int | None, str | None]]:
        return [(c.close_code, c.closed_by) for c in fake.gateway.connections]

    return portal.call(read)


def make_bot(fake: FakeDiscord, **options: typing.Any) -> GatewayBot:
    options.setdefault("banner", None)
    options.setdefault("logs", None)
    return GatewayBot(fake.token, rest_url=fake.rest_url, **options)


def record_lifetime(bot: GatewayBot, order: list[str]) -> None:
    for event_type in (StartingEvent, StartedEvent, StoppingEvent, StoppedEvent):

        async def record(event: object, name: str = event_type.__name__) -> None:
            order.append(name)

        bot.subscribe(event_type, record)


@pytest.mark.parametrize("backend", BACKENDS)
def test_anyio_run_start_blocks_for_the_whole_life(backend: str) -> None:
    # max_concurrency 2: both shards identify at once (this test runs in real time).
    with fake_in_thread(shard_count=2, max_concurrency=2) as (fake, portal):
        bot = make_bot(fake)
        order: list[str] = []
        record_lifetime(bot, order)

        @bot.listen()
        async def on_started(event: StartedEvent) -> None:
            assert bot.is_alive
            assert sorted(bot.shards) == [0, 1]
            await bot.close()

        threads = threading.active_count()
        anyio.run(bot.start, backend=backend)
        assert not bot.is_alive
        assert order == ["StartingEvent", "StartedEvent", "StoppingEvent", "StoppedEvent"]
        assert close_codes(fake, portal) == [(1001, "client"), (1001, "client")]
        assert threading.active_count() <= threads


@pytest.mark.parametrize("backend", BACKENDS)
def test_run_in_process_options(backend: str) -> None:
    with fake_in_thread() as (fake, portal):
        executor = concurrent.futures.ThreadPoolExecutor(1)
        bot = make_bot(fake, executor=executor)
        seen: dict[str, object] = {}

        @bot.listen()
        async def on_started(event: StartedEvent) -> None:
            seen["depth"] = sys.get_coroutine_origin_tracking_depth()
            if backend == "asyncio":
                import asyncio

                seen["debug"] = asyncio.get_running_loop().get_debug()
            await bot.close()

        depth_before = sys.get_coroutine_origin_tracking_depth()
        bot.run(
            backend=backend,  # type: ignore[arg-type]
            close_passed_executor=True,
            asyncio_debug=True,
            coroutine_tracking_depth=7,
        )
        assert seen["depth"] == 7
        assert sys.get_coroutine_origin_tracking_depth() == depth_before
        if backend == "asyncio":
            assert seen["debug"] is True
        with pytest.raises(RuntimeError):  # shut down by run(close_passed_executor=True)
            executor.submit(print)
        assert close_codes(fake, portal) == [(1001, "client")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_run_raises_a_fatal_close(backend: str) -> None:
    with fake_in_thread(gateway_options={"enabled_privileged_intents": Intents.NONE}) as (fake, _):
        bot = make_bot(fake, intents=Intents.GUILDS | Intents.GUILD_MEMBERS)
        with pytest.raises(GatewayFatalCloseError) as info:
            bot.run(backend=backend)  # type: ignore[arg-type]
        assert info.value.code == 4014
        assert not bot.is_alive


SCRIPT = textwrap.dedent(
    """
    import os, sys
    from anycord.bots.gateway_bot import GatewayBot
    from anycord.events.lifetime import StartedEvent, StoppedEvent, StoppingEvent

    bot = GatewayBot(os.environ["FAKE_TOKEN"], rest_url=os.environ["FAKE_REST_URL"],
                     banner=None, logs=None)

    async def say(event):
        print(type(event).__name__, flush=True)

    for event_type in (StartedEvent, StoppingEvent, StoppedEvent):
        bot.subscribe(event_type, say)
    bot.run(backend=sys.argv[1], propagate_interrupts=sys.argv[2] == "1")
    print("exited", flush=True)
    """
)


@pytest.mark.parametrize(
    ("backend", "sig", "propagate", "status", "lines"),
    [
        ("asyncio", signal.SIGINT, False, 0, ["StoppingEvent", "StoppedEvent", "exited"]),
        ("asyncio", signal.SIGTERM, False, 0, ["StoppingEvent", "StoppedEvent", "exited"]),
        ("trio", signal.SIGINT, False, 0, ["StoppingEvent", "StoppedEvent", "exited"]),
        ("trio", signal.SIGTERM, False, 0, ["StoppingEvent", "StoppedEvent", "exited"]),
        # propagate_interrupts: the graceful close still runs, then the process ends as the
        # signal says (an uncaught KeyboardInterrupt makes Python die of SIGINT itself).
        ("asyncio", signal.SIGTERM, True, 128 + signal.SIGTERM, ["StoppingEvent", "StoppedEvent"]),
        ("trio", signal.SIGINT, True, -signal.SIGINT, ["StoppingEvent", "StoppedEvent"]),
    ],
)
def test_run_in_a_subprocess_closes_on_signals(
    backend: str, sig: signal.Signals, propagate: bool, status: int, lines: list[str]
) -> None:
    with fake_in_thread() as (fake, portal):
        env = dict(os.environ, FAKE_TOKEN=fake.token, FAKE_REST_URL=fake.rest_url)
        proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, backend, "1" if propagate else "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "StartedEvent"
            os.kill(proc.pid, sig)
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.returncode is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == status, err
        assert out.split() == lines
        assert close_codes(fake, portal) == [(1001, "client")]
