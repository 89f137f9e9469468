"""A bot with a `CommandClient` attached, running against FakeDiscord, over either path.

`kind="gateway"`: a `GatewayBot` receives INTERACTION_CREATE and answers over REST.
`kind="http"`: a `RESTBot` listens on 127.0.0.1 and receives signed HTTP interactions.
`kind="asgi"`: an `AsgiBot` served by hypercorn (the backend's worker) on 127.0.0.1.
`kind="orchestrator"`: the orchestrator's `Bot` (one shard on a memory coordinator), over the
gateway like `"gateway"`.
The same client (the same command code) is attached in every case.
"""

from __future__ import annotations

import contextlib
import functools
import typing

import anyio
import attrs

from anycord.bots.asgi_bot import AsgiBot
from anycord.bots.gateway_bot import GatewayBot
from anycord.bots.rest_bot import RESTBot
from anycord.interactions.serving import bind_sockets, serve
from anycord.orchestrator import Bot, MemoryCoordinator, ShardPlan
from anycord.testing import FakeDiscord
from anycord.testing.commands import CommandInvoker

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anycord.commands import CommandClient
    from anycord.testing.world import Payload

KINDS = ["gateway", "http"]
HTTP_KINDS = ["http", "asgi"]
"""The two ways an HTTP bot is served: the built-in HTTP/1.1 server, and an ASGI server."""
ALL_KINDS = ["gateway", "orchestrator", "http", "asgi"]


@attrs.define
class Running:
    fake: FakeDiscord
    invoker: CommandInvoker
    bot: GatewayBot | RESTBot | AsgiBot | Bot
    guild: Payload
    channel: Payload
    user: Payload
    """A member of the guild (not the bot)."""


@contextlib.asynccontextmanager
async def running(
    client: CommandClient,
    kind: str,
    *,
    sync: bool = True,
    fake: FakeDiscord | None = None,
    grace: float = 5.0,
) -> AsyncIterator[Running]:
    """`grace`: how long in-flight handlers get at close before they are cancelled."""
    async with contextlib.AsyncExitStack() as stack:
        if fake is None:
            fake = await stack.enter_async_context(FakeDiscord())
        guild = fake.add_guild(name="guild", members=2, channels=1)
        channel = guild["channels"][0]
        user = next(m["user"] for m in guild["members"] if not m["user"].get("bot"))
        bot: GatewayBot | RESTBot | AsgiBot | Bot
        stop = anyio.Event()
        async with anyio.create_task_group() as tg:
            if kind == "gateway":
                bot = GatewayBot(
                    fake.token, rest_url=fake.rest_url, banner=None, logs=None, close_grace=grace
                )
                client.attach(bot, sync=sync)
                await tg.start(bot.start)
                invoker = CommandInvoker(fake)
            elif kind == "orchestrator":
                plan = ShardPlan(shard_count=1, gateway_url=fake.gateway_url)
                bot = Bot(
                    MemoryCoordinator(plan),
                    fake.token,
                    rest_url=fake.rest_url,
                    banner=None,
                    logs=None,
                    close_grace=grace,
                )
                client.attach(bot, sync=sync)
                await tg.start(bot.start)
                invoker = CommandInvoker(fake)
            elif kind == "asgi":
                bot = AsgiBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
                client.attach(bot, sync=sync)
                ready = anyio.Event()

                async def started(_: AsgiBot) -> None:
                    ready.set()

                bot.add_startup_callback(started)
                sockets = bind_sockets(host="127.0.0.1", port=0)
                (url,) = await tg.start(
                    functools.partial(
                        serve,
                        bot,
                        shutdown_trigger=stop.wait,
                        sockets=sockets,
                        shutdown_timeout=grace,
                    )
                )
                with anyio.fail_after(10):
                    await ready.wait()
                invoker = CommandInvoker(fake, url + "/")
            else:
                bot = RESTBot(
                    fake.token,
                    public_key=fake.public_key,
                    rest_url=fake.rest_url,
                    verifier_process=False,
                )
                client.attach(bot, sync=sync)
                await tg.start(functools.partial(bot.start, "127.0.0.1", 0, shutdown_timeout=grace))
                invoker = CommandInvoker(fake, bot.addresses[0])
            try:
                yield Running(fake, invoker, bot, guild, channel, user)
            finally:
                if kind == "asgi":
                    stop.set()
                elif bot.is_alive:
                    await bot.close()
