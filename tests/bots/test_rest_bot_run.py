"""`RESTBot.run()`: its own event loop on either backend, in a thread without signal handlers,
and the executor shut down after close when asked (hikari's `run` arguments)."""

from __future__ import annotations

import concurrent.futures
import threading
import typing

import anyio
import anyio.from_thread
import anyio.lowlevel
import pytest
import sniffio

from anycord.bots.rest_bot import RESTBot

if typing.TYPE_CHECKING:
    from collections.abc import Callable

PUBLIC_KEY = "00" * 32
BACKENDS = ["asyncio", "trio"]


def _bot(executor: concurrent.futures.Executor | None = None) -> RESTBot:
    # Given the public key, the bot needs no REST call to start: nothing listens at rest_url.
    return RESTBot(
        "token.secret",
        public_key=PUBLIC_KEY,
        rest_url="http://127.0.0.1:9/api/v10",
        executor=executor,
        banner=None,
    )


def _run_in_thread(bot: RESTBot, **run: typing.Any) -> tuple[dict[str, object], Callable[[], None]]:
    """Run `bot.run(**run)` in a thread; return what its startup saw and a `stop()`."""
    seen: dict[str, object] = {}
    started = threading.Event()

    async def on_start(_: object) -> None:
        seen["backend"] = sniffio.current_async_library()
        seen["token"] = anyio.lowlevel.current_token()
        started.set()

    bot.add_startup_callback(on_start)
    errors: list[BaseException] = []

    def target() -> None:
        try:
            bot.run("127.0.0.1", 0, **run)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    assert started.wait(30), errors

    def stop() -> None:
        anyio.from_thread.run(bot.close, token=seen["token"])  # type: ignore[arg-type]
        thread.join(30)
        assert not thread.is_alive()
        assert errors == []

    return seen, stop


@pytest.mark.parametrize("backend", BACKENDS)
def test_run_in_another_thread_without_signal_handlers(backend: str) -> None:
    # Signal handlers can only be installed in the main thread: with
    # enable_signal_handlers=False, run() works anywhere.
    bot = _bot()
    seen, stop = _run_in_thread(
        bot, backend=backend, enable_signal_handlers=False, check_for_updates=True
    )
    assert seen["backend"] == backend
    assert bot.is_alive
    stop()
    assert not bot.is_alive


def test_run_in_another_thread_needs_signal_handlers_off() -> None:
    bot = _bot()
    errors: list[BaseException] = []

    def target() -> None:
        try:
            bot.run("127.0.0.1", 0, backend="asyncio")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    assert len(errors) == 1
    assert isinstance(errors[0], RuntimeError)
    assert "enable_signal_handlers=False" in str(errors[0])
    assert not bot.is_alive


@pytest.mark.parametrize("close_executor", [True, False])
def test_close_passed_executor(close_executor: bool) -> None:
    executor = concurrent.futures.ThreadPoolExecutor(1)
    bot = _bot(executor)
    _, stop = _run_in_thread(
        bot,
        backend="asyncio",
        enable_signal_handlers=False,
        close_passed_executor=close_executor,
    )
    stop()
    if close_executor:
        with pytest.raises(RuntimeError):  # shut down by run(close_passed_executor=True)
            executor.submit(print)
    else:
        assert executor.submit(lambda: 7).result() == 7
        executor.shutdown()


def test_the_backend_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANYCORD_BACKEND", "trio")
    seen, stop = _run_in_thread(_bot(), enable_signal_handlers=False)
    assert seen["backend"] == "trio"
    stop()
