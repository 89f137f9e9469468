"""Real Discord clients (hikari, discord.py) run against FakeDiscord with only their URLs changed.

Each client logs in, receives READY, sends a message and receives its own MESSAGE_CREATE over
the gateway, and syncs an application command. Nothing of the client is replaced: hikari is
given `rest_url=`, discord.py its two base URLs (`Route.BASE` for REST and
`DiscordWebSocket.DEFAULT_GATEWAY`, the URL a non-sharded `Client` connects to).

These tests run under asyncio only: hikari and discord.py are asyncio libraries (aiohttp), so
there is nothing to run them on under Trio.
"""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from anycord.testing.world import Payload

pytestmark = pytest.mark.parametrize("anyio_backend", ["asyncio"])

PING = {"name": "ping", "description": "Replies with pong"}


def first_channel_id(guild: Payload) -> int:
    return int(guild["channels"][0]["id"])


def synced_names(fake: FakeDiscord) -> list[str]:
    return sorted(command["name"] for command in fake.world.commands.values())


async def test_hikari_runs_against_the_fake() -> None:
    import hikari

    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", members=2, channels=1)
        channel_id = first_channel_id(guild)
        bot = hikari.GatewayBot(
            fake.token,
            rest_url=fake.rest_url,  # the gateway URL comes from GET /gateway/bot
            intents=hikari.Intents.ALL_UNPRIVILEGED | hikari.Intents.MESSAGE_CONTENT,
            banner=None,
            logs=None,
        )
        received: list[str] = []
        arrived = anyio.Event()

        async def on_message(event: hikari.GuildMessageCreateEvent) -> None:
            received.append(event.content or "")
            arrived.set()

        bot.subscribe(hikari.GuildMessageCreateEvent, on_message)
        with anyio.fail_after(10):
            await bot.start(check_for_updates=False)  # returns once every shard is READY
            try:
                me = bot.get_me()
                assert me is not None
                assert me.id == int(fake.world.bot_user["id"])
                assert bot.cache.get_guild(int(guild["id"])) is not None

                await bot.rest.create_message(channel_id, "hello from hikari")
                await arrived.wait()
                assert received == ["hello from hikari"]

                application = await bot.rest.fetch_application()
                assert application.owner.username == "fakeowner"
                command = bot.rest.slash_command_builder(PING["name"], PING["description"])
                synced = await bot.rest.set_application_commands(application, [command])
                assert [c.name for c in synced] == ["ping"]
            finally:
                await bot.close()
    assert synced_names(fake) == ["ping"]


# discord.py imports the standard library's audioop, deprecated since Python 3.11.
@pytest.mark.filterwarnings("ignore:'audioop' is deprecated:DeprecationWarning")
async def test_discord_py_runs_against_the_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    import discord
    import discord.gateway
    import discord.http
    import yarl
    from discord import app_commands

    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", members=2, channels=1)
        channel_id = first_channel_id(guild)
        # discord.py has no base-URL option: its two class attributes are the seam.
        monkeypatch.setattr(discord.http.Route, "BASE", fake.rest_url)
        monkeypatch.setattr(
            discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url)
        )
        intents = discord.Intents.default()
        intents.message_content = True
        client = discord.Client(intents=intents)
        tree = app_commands.CommandTree(client)

        @tree.command(name=PING["name"], description=PING["description"])
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

        ready = anyio.Event()
        arrived = anyio.Event()
        received: list[str] = []

        @client.event
        async def on_ready() -> None:
            ready.set()

        @client.event
        async def on_message(message: discord.Message) -> None:
            received.append(message.content)
            arrived.set()

        async with anyio.create_task_group() as tg:
            tg.start_soon(client.start, fake.token)
            try:
                with anyio.fail_after(10):
                    await ready.wait()
                    assert client.user is not None
                    assert client.user.id == int(fake.world.bot_user["id"])
                    assert client.application is not None
                    assert client.application.owner.name == "fakeowner"
                    assert [g.id for g in client.guilds] == [int(guild["id"])]

                    channel = client.get_channel(channel_id)
                    assert isinstance(channel, discord.TextChannel)
                    await channel.send("hello from discord.py")
                    await arrived.wait()
                    assert received == ["hello from discord.py"]

                    synced = await tree.sync()
                    assert [c.name for c in synced] == ["ping"]
            finally:
                await client.close()  # client.start returns, so the task group exits
    assert synced_names(fake) == ["ping"]
