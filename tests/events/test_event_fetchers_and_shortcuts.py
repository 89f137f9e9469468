"""hikari's `fetch_…` methods and reaction shortcuts on events: a GatewayBot receives events from
FakeDiscord (both backends) and each fetch asks the emulator's REST API for what the event is
about; hand-built events say why they cannot fetch."""

from __future__ import annotations

import typing

import anyio
import pytest

import anycord
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

E = typing.TypeVar("E", bound=anycord.Event)


class Running:
    """A bot on FakeDiscord with every event it receives kept in order."""

    def __init__(
        self, fake: FakeDiscord, bot: anycord.GatewayBot, guild: dict[str, typing.Any]
    ) -> None:
        self.fake = fake
        self.bot = bot
        self.guild = guild
        self.seen: list[anycord.Event] = []
        bot.subscribe(anycord.Event, self._keep)

    async def _keep(self, event: anycord.Event) -> None:
        self.seen.append(event)

    async def dispatch(self, name: str, payload: dict[str, typing.Any], kind: type[E]) -> E:
        before = len(self.seen)
        guild_id = payload.get("guild_id")
        await self.fake.gateway.dispatch(
            name, payload, guild_id=int(guild_id) if guild_id else None
        )
        with anyio.fail_after(5):
            while True:
                for event in self.seen[before:]:
                    if isinstance(event, kind):
                        return event
                await anyio.sleep(0.01)


@pytest.fixture
async def running() -> AsyncIterator[Running]:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="fetched", channels=2, members=3)
        intents = (
            anycord.Intents.ALL_UNPRIVILEGED
            | anycord.Intents.GUILD_MEMBERS
            | anycord.Intents.MESSAGE_CONTENT
        )
        bot = anycord.GatewayBot(
            fake.token, rest_url=fake.rest_url, banner=None, logs=None, intents=intents
        )
        run = Running(fake, bot, guild)
        async with bot:
            yield run


async def test_typing_fetches_its_guild_channel_user_and_member(running: Running) -> None:
    guild = running.guild
    channel_id = guild["channels"][0]["id"]
    user = guild["members"][-1]["user"]
    event = await running.dispatch(
        "TYPING_START",
        {
            "channel_id": channel_id,
            "guild_id": guild["id"],
            "user_id": user["id"],
            "timestamp": 0,
        },
        anycord.GuildTypingEvent,
    )
    assert (await event.fetch_guild()).name == "fetched"
    assert (await event.fetch_guild_preview()).id == int(guild["id"])
    assert (await event.fetch_channel()).id == int(channel_id)
    assert (await event.fetch_user()).id == int(user["id"])
    assert (await event.fetch_member()).user.id == int(user["id"])


async def test_ban_invite_pins_and_webhooks_fetch_what_they_are_about(running: Running) -> None:
    gid = int(running.guild["id"])
    rest = running.bot.rest
    channel = running.guild["channels"][0]
    victim = running.fake.add_user(username="victim")
    await rest.ban_user(gid, victim["id"], reason="spam")
    ban = await running.dispatch(
        "GUILD_BAN_ADD", {"guild_id": str(gid), "user": victim}, anycord.BanCreateEvent
    )
    assert ban.user_id == int(victim["id"])
    assert (await ban.fetch_user()).username == "victim"
    assert (await ban.fetch_ban()).user.id == int(victim["id"])

    invite = await rest.create_invite(channel["id"])
    created = await running.dispatch(
        "INVITE_CREATE",
        {
            "channel_id": channel["id"],
            "guild_id": str(gid),
            "code": invite.code,
            "created_at": "2026-12-05T00:00:00+00:00",
            "max_age": 0,
            "max_uses": 0,
            "temporary": False,
            "uses": 0,
        },
        anycord.InviteCreateEvent,
    )
    assert (await created.fetch_invite()).code == invite.code
    assert (await created.fetch_channel()).id == int(channel["id"])

    message = await rest.create_message(channel["id"], "pin me")
    await rest.pin_message(channel["id"], message)
    pins = await running.dispatch(
        "CHANNEL_PINS_UPDATE",
        {"channel_id": channel["id"], "guild_id": str(gid)},
        anycord.GuildPinsUpdateEvent,
    )
    assert [m.id for m in await pins.fetch_pins()] == [message.id]

    hook = running.fake.world.add_webhook(channel["id"], name="hook")
    update = await running.dispatch(
        "WEBHOOKS_UPDATE",
        {"channel_id": channel["id"], "guild_id": str(gid)},
        anycord.WebhookUpdateEvent,
    )
    assert [w.id for w in await update.fetch_channel_webhooks()] == [int(hook["id"])]
    assert int(hook["id"]) in [w.id for w in await update.fetch_guild_webhooks()]


async def test_emoji_and_sticker_updates_fetch_the_guilds_lists(running: Running) -> None:
    gid = running.guild["id"]
    emojis = await running.dispatch(
        "GUILD_EMOJIS_UPDATE", {"guild_id": gid, "emojis": []}, anycord.EmojisUpdateEvent
    )
    assert list(await emojis.fetch_emojis()) == []
    stickers = await running.dispatch(
        "GUILD_STICKERS_UPDATE", {"guild_id": gid, "stickers": []}, anycord.StickersUpdateEvent
    )
    assert list(await stickers.fetch_stickers()) == []


def _reaction(emoji: dict[str, typing.Any], **extra: typing.Any) -> dict[str, typing.Any]:
    return {"user_id": "10", "channel_id": "20", "message_id": "30", "emoji": emoji, **extra}


async def test_reaction_shortcuts_read_the_emoji(running: Running) -> None:
    custom = await running.dispatch(
        "MESSAGE_REACTION_ADD",
        _reaction({"id": "777", "name": "party", "animated": True}),
        anycord.ReactionAddEvent,
    )
    assert custom.emoji_id == 777
    assert custom.emoji_name == "party"
    assert custom.is_animated
    assert custom.is_for_emoji(anycord.CustomEmoji(id=anycord.Snowflake(777), name="other"))
    assert not custom.is_for_emoji(anycord.CustomEmoji(id=anycord.Snowflake(778), name="party"))
    assert not custom.is_for_emoji("party")

    unicode = await running.dispatch(
        "MESSAGE_REACTION_REMOVE",
        _reaction({"id": None, "name": "👍"}),
        anycord.ReactionDeleteEvent,
    )
    assert unicode.emoji_id is None
    assert unicode.emoji_name == "👍"
    assert unicode.is_for_emoji("👍")
    assert unicode.is_for_emoji(anycord.UnicodeEmoji(name="👍"))
    assert not unicode.is_for_emoji("👎")

    cleared = await running.dispatch(
        "MESSAGE_REACTION_REMOVE_EMOJI",
        {"channel_id": "20", "message_id": "30", "emoji": {"id": "5", "name": None}},
        anycord.ReactionDeleteEmojiEvent,
    )
    assert cleared.emoji_id == 5
    assert cleared.emoji_name is None  # a deleted custom emoji has no name any more


def test_a_hand_built_event_says_why_it_cannot_fetch() -> None:
    event = anycord.GuildTypingEvent(
        channel_id=anycord.Snowflake(1),
        user_id=anycord.Snowflake(2),
        guild_id=anycord.Snowflake(3),
        timestamp=anycord.Snowflake(1).created_at,
    )

    async def fetch() -> None:
        await event.fetch_guild()

    with pytest.raises(RuntimeError, match="has no app"):
        anyio.run(fetch)


async def test_an_invite_outside_a_guild_cannot_fetch_its_guild(running: Running) -> None:
    event = anycord.InviteDeleteEvent(
        app=running.bot, channel_id=anycord.Snowflake(1), code="abc", guild_id=None
    )
    with pytest.raises(ValueError, match="guild ID"):
        await event.fetch_guild()


async def test_message_update_shortcuts_read_what_the_update_carried(running: Running) -> None:
    channel_id = running.guild["channels"][0]["id"]
    gid = running.guild["id"]
    author = running.guild["members"][-1]["user"]
    full = await running.dispatch(
        "MESSAGE_UPDATE",
        {
            "id": "900",
            "channel_id": channel_id,
            "guild_id": gid,
            "author": author,
            "content": "edited",
            "embeds": [{"title": "t"}],
            "member": {"roles": [], "joined_at": "2026-12-05T00:00:00+00:00"},
        },
        anycord.GuildMessageUpdateEvent,
    )
    assert full.content == "edited"
    assert full.author_id == int(author["id"])
    assert full.is_human is True
    assert full.is_bot is False
    assert full.is_webhook is False
    assert [e.title for e in full.embeds or ()] == ["t"]
    assert full.member is not anycord.UNDEFINED
    partial = await running.dispatch(
        "MESSAGE_UPDATE",
        {"id": "901", "channel_id": channel_id, "guild_id": gid, "embeds": []},
        anycord.GuildMessageUpdateEvent,
    )
    for unknown in (partial.author, partial.author_id, partial.content, partial.is_human):
        assert unknown is anycord.UNDEFINED
    assert partial.member is anycord.UNDEFINED
    assert partial.get_member() is None  # no author: nothing to look up
    webhook = await running.dispatch(
        "MESSAGE_UPDATE",
        {
            "id": "902",
            "channel_id": channel_id,
            "guild_id": gid,
            "author": {**author, "bot": True},
            "webhook_id": "55",
        },
        anycord.GuildMessageUpdateEvent,
    )
    assert webhook.is_webhook is True
    assert webhook.is_bot is True
    assert webhook.is_human is False
