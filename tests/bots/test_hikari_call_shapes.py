"""Calls shaped like hikari's work here: positional `wait_for`/`stream` timeouts, hikari's
aliases, `reason` by position, `colour`, RESTBot's settings, AsgiAdapter chaining."""

from __future__ import annotations

import anyio
import pytest

import anycord
from anycord.interactions.asgi import AsgiAdapter
from anycord.testing import FakeDiscord


def make_bot(fake: FakeDiscord) -> anycord.GatewayBot:
    intents = anycord.Intents.ALL_UNPRIVILEGED | anycord.Intents.MESSAGE_CONTENT
    return anycord.GatewayBot(
        fake.token, rest_url=fake.rest_url, banner=None, logs=None, intents=intents
    )


async def test_wait_for_takes_timeout_and_predicate_by_position() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        channel_id = guild["channels"][0]["id"]
        bot = make_bot(fake)
        async with bot:
            with pytest.raises(TimeoutError):
                await bot.wait_for(anycord.GuildMessageCreateEvent, 0.1)
            got: list[str] = []

            async def waiter() -> None:
                event = await bot.wait_for(
                    anycord.GuildMessageCreateEvent, 5, lambda e: e.content == "second"
                )
                got.append(event.content or "")

            async with anyio.create_task_group() as tg:
                tg.start_soon(waiter)
                await anyio.sleep(0.05)
                fake.add_message(channel_id, "first")
                fake.add_message(channel_id, "second")
            assert got == ["second"]


async def test_stream_takes_timeout_and_limit_by_position() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        channel_id = guild["channels"][0]["id"]
        bot = make_bot(fake)
        async with bot:
            async with bot.stream(anycord.GuildMessageCreateEvent, 0.2, 10) as stream:
                fake.add_message(channel_id, "one")
                fake.add_message(channel_id, "two")
                contents = [event.content async for event in stream]
            # The stream ended by itself after 0.2 s without an event.
            assert contents == ["one", "two"]


async def test_hikari_aliases_and_positional_reason_reach_the_emulator() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1, members=2)
        gid = guild["id"]
        user_id = guild["members"][-1]["user"]["id"]
        async with anycord.RESTApp(rest_url=fake.rest_url).acquire(fake.token) as rest:
            role = await rest.create_role(gid, name="r", colour=0x123456)
            assert role.color == 0x123456
            role = await rest.edit_role(gid, role, colour=0x654321)
            assert role.color == 0x654321
            with pytest.raises(TypeError, match="not both"):
                await rest.create_role(gid, color=1, colour=2)
            await rest.delete_role(gid, role, "tidying up")
            assert all(r.id != role.id for r in await rest.fetch_roles(gid))
            await rest.ban_member(gid, user_id, reason="spam")
            assert (await rest.fetch_ban(gid, user_id)).user.id == int(user_id)
            await rest.unban_member(gid, user_id)
            with pytest.raises(anycord.NotFoundError):
                await rest.fetch_ban(gid, user_id)
            assert isinstance(rest.http_settings, anycord.HTTPSettings)
            assert isinstance(rest.proxy_settings, anycord.ProxySettings)


def test_hikari_names_are_the_same_objects() -> None:
    assert anycord.HikariError is anycord.AnycordError
    assert anycord.StageInstancePrivacyLevel is anycord.StagePrivacyLevel
    assert anycord.ApplicationContextType is anycord.InteractionContextType
    assert anycord.MessageActionRowComponent is anycord.ActionRowComponent
    assert anycord.InviteFlags is anycord.InviteFlag


def test_rest_bot_exposes_its_settings_and_callbacks() -> None:
    http = anycord.HTTPSettings()
    bot = anycord.RESTBot("token", public_key=b"\x00" * 32, http_settings=http)
    assert bot.http_settings is http
    assert isinstance(bot.proxy_settings, anycord.ProxySettings)

    async def hook(_: object) -> None: ...

    bot.add_startup_callback(hook)
    bot.add_shutdown_callback(hook)
    assert bot.on_startup == (hook,) == bot.startup_callbacks
    assert bot.on_shutdown == (hook,)


def test_asgi_adapter_callback_methods_chain() -> None:
    bot = anycord.RESTBot("token", public_key=b"\x00" * 32)
    adapter = bot.adapter

    async def up() -> None: ...

    async def down() -> None: ...

    assert adapter.add_startup_callback(up).add_shutdown_callback(down) is adapter
    assert adapter.on_startup == (up,)
    assert adapter.on_shutdown == (down,)
    assert adapter.remove_startup_callback(up).remove_shutdown_callback(down) is adapter
    assert not adapter.on_startup
    assert not adapter.on_shutdown
    assert isinstance(adapter, AsgiAdapter)
