"""`event.get_guild()`, `get_channel()`, `get_member()`, `get_user()` read the bot's cache
(GatewayBot against FakeDiscord, both backends); hand-built events answer `None`."""

from __future__ import annotations

import anyio

import anycord
from anycord.testing import FakeDiscord


def make_bot(fake: FakeDiscord) -> anycord.GatewayBot:
    intents = (
        anycord.Intents.ALL_UNPRIVILEGED
        | anycord.Intents.GUILD_MEMBERS
        | anycord.Intents.MESSAGE_CONTENT
    )
    return anycord.GatewayBot(
        fake.token, rest_url=fake.rest_url, banner=None, logs=None, intents=intents
    )


async def test_message_and_typing_events_reach_the_cache() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="cached", channels=1, members=3)
        gid = int(guild["id"])
        channel_id = guild["channels"][0]["id"]
        author = guild["members"][-1]["user"]
        bot = make_bot(fake)
        async with bot:
            async with anyio.create_task_group() as tg:

                async def wait_message() -> anycord.GuildMessageCreateEvent:
                    return await bot.wait_for(anycord.GuildMessageCreateEvent, 5)

                got: list[anycord.GuildMessageCreateEvent] = []

                async def run() -> None:
                    got.append(await wait_message())

                tg.start_soon(run)
                await anyio.sleep(0.05)
                fake.add_message(channel_id, "hello", author=author["id"])
            event = got[0]
            guild_obj = event.get_guild()
            assert guild_obj is not None
            assert guild_obj.id == gid
            assert guild_obj.name == "cached"
            channel = event.get_channel()
            assert channel is not None
            assert channel.id == int(channel_id)
            member = event.get_member()
            assert member is not None
            assert member.user.id == int(author["id"])

            async with anyio.create_task_group() as tg:
                typed: list[anycord.GuildTypingEvent] = []

                async def run_typing() -> None:
                    typed.append(await bot.wait_for(anycord.GuildTypingEvent, 5))

                tg.start_soon(run_typing)
                await anyio.sleep(0.05)
                await fake.gateway.dispatch(
                    "TYPING_START",
                    {
                        "channel_id": channel_id,
                        "guild_id": str(gid),
                        "user_id": author["id"],
                        "timestamp": 0,
                    },
                    guild_id=gid,
                )
            typing_event = typed[0]
            assert typing_event.get_guild() is not None
            assert typing_event.get_channel() is not None
            user = typing_event.get_user()
            assert user is not None
            assert user.id == int(author["id"])
            member = typing_event.get_member()
            assert member is not None
            assert member.user.id == int(author["id"])


def test_events_without_a_bot_answer_none() -> None:
    event = anycord.GuildMessageDeleteEvent(
        message_id=anycord.Snowflake(1),
        channel_id=anycord.Snowflake(2),
        guild_id=anycord.Snowflake(3),
    )
    assert event.get_guild() is None
    assert event.get_channel() is None
