"""AsgiBot under real ASGI servers: hypercorn's asyncio and Trio workers, and uvicorn."""

from __future__ import annotations

import functools
import socket
import typing

import anyio
import pytest

from anycord.bots.asgi_bot import AsgiBot
from anycord.errors import ComponentStateConflictError
from anycord.interactions import InteractionMessageBuilder, ResponseType
from anycord.interactions.serving import bind_sockets, serve
from anycord.models.interactions import CommandInteraction
from anycord.testing import FakeDiscord


def make_bot(fake: FakeDiscord, log: list[str], **kwargs: typing.Any) -> AsgiBot:
    bot = AsgiBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url, **kwargs)

    async def hello(interaction: CommandInteraction) -> InteractionMessageBuilder:
        log.append(f"listener:{bot.rest.is_alive}")
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="hello")

    async def started(b: AsgiBot) -> None:
        log.append(f"startup:{b.rest.is_alive}")

    async def stopping(b: AsgiBot) -> None:
        log.append(f"shutdown:{b.rest.is_alive}")

    async def stopping_too(b: AsgiBot) -> None:
        log.append("shutdown-2")

    bot.set_listener(CommandInteraction, hello)
    bot.add_startup_callback(started)
    bot.add_shutdown_callback(stopping)
    bot.add_shutdown_callback(stopping_too)
    return bot


def started_event(bot: AsgiBot) -> anyio.Event:
    event = anyio.Event()

    async def mark(_: AsgiBot) -> None:
        event.set()

    bot.add_startup_callback(mark)
    return event


async def exercise(fake: FakeDiscord, bot: AsgiBot, url: str) -> None:
    assert bot.is_alive
    assert (await fake.interactions.send(url, fake.interactions.ping())).json == {"type": 1}
    answer = await fake.interactions.send(url, fake.interactions.command("hello"))
    assert answer.json == {"type": 4, "data": {"content": "hello"}}
    assert (
        await fake.interactions.send(url, fake.interactions.ping(), bad_signature=True)
    ).status == 401


EXPECTED = ["startup:True", "listener:True", "shutdown:True", "shutdown-2"]


@pytest.mark.parametrize("verifier_process", [False, True])
async def test_hypercorn_worker_of_the_running_backend_runs_the_whole_lifespan(
    verifier_process: bool,
) -> None:
    # Under the asyncio backend this is hypercorn's asyncio worker, under Trio its Trio worker.
    # With the verifier process, the lifespan task holds it and requests use it.
    log: list[str] = []
    async with FakeDiscord() as fake:
        bot = make_bot(fake, log, verifier_process=verifier_process)
        started = started_event(bot)
        stop = anyio.Event()
        sockets = bind_sockets(host="127.0.0.1", port=0)
        async with anyio.create_task_group() as tg:
            (url,) = await tg.start(
                functools.partial(serve, bot, shutdown_trigger=stop.wait, sockets=sockets)
            )
            with anyio.fail_after(5):
                await started.wait()
            await exercise(fake, bot, url + "/")  # served once the lifespan started
            verifier = bot.interaction_server.verifier
            assert (verifier is not None and verifier.is_running) is verifier_process
            stop.set()
        assert log == EXPECTED
        assert bot.interaction_server.verifier is None
        assert not bot.is_alive
        with pytest.raises(ComponentStateConflictError):
            _ = bot.rest


@pytest.mark.parametrize("anyio_backend", ["asyncio"])  # uvicorn runs on asyncio only
async def test_uvicorn_runs_the_whole_lifespan() -> None:
    import uvicorn

    log: list[str] = []
    async with FakeDiscord() as fake:
        bot = make_bot(fake, log)
        started = started_event(bot)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(bot, lifespan="on", log_level="warning", access_log=False)
        server = uvicorn.Server(config)
        async with anyio.create_task_group() as tg:
            tg.start_soon(functools.partial(server.serve, sockets=[sock]))
            with anyio.fail_after(5):
                await started.wait()
                # The startup callbacks run inside the lifespan, before uvicorn listens.
                while not server.started:  # noqa: ASYNC110 (uvicorn offers no event)
                    await anyio.sleep(0.01)
            await exercise(fake, bot, f"http://127.0.0.1:{port}/")
            server.should_exit = True
        assert log == EXPECTED
        assert not bot.is_alive


async def test_asgi_managed_bot_refuses_manual_lifecycle() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake, [])
        assert bot.is_asgi_managed
        with pytest.raises(ComponentStateConflictError, match="lifespan"):
            await bot.start()
        with pytest.raises(ComponentStateConflictError, match="lifespan"):
            await bot.close()
        with pytest.raises(ComponentStateConflictError, match="lifespan"):
            bot.run()


async def test_application_managed_bot_under_hypercorn() -> None:
    log: list[str] = []
    async with FakeDiscord() as fake:
        bot = make_bot(fake, log, asgi_managed=False)
        stop = anyio.Event()
        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            assert log == ["startup:True"]
            sockets = bind_sockets(host="127.0.0.1", port=0)
            (url,) = await tg.start(
                functools.partial(serve, bot, shutdown_trigger=stop.wait, sockets=sockets)
            )
            await exercise(fake, bot, url + "/")
            stop.set()
            await bot.close()
        assert log == EXPECTED
        assert not bot.is_alive


async def test_failing_startup_callback_fails_the_lifespan_and_closes_rest() -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake, [])

        async def broken(b: AsgiBot) -> None:
            raise RuntimeError("no config")

        bot.add_startup_callback(broken)
        sent: list[dict[str, typing.Any]] = []
        messages = [{"type": "lifespan.startup"}]

        async def receive() -> dict[str, typing.Any]:
            return messages.pop(0)

        async def send(message: typing.Any) -> None:
            sent.append(message)

        await bot({"type": "lifespan"}, receive, send)
        assert sent[0]["type"] == "lifespan.startup.failed"
        assert "no config" in sent[0]["message"]
        assert not bot.is_alive
