"""hikari's conveniences on roles, stickers, scheduled events, invites, audit logs, widgets and
webhooks: properties read the decoded payload, REST-backed methods act on FakeDiscord."""

from __future__ import annotations

import datetime
import typing

import httpx
import pytest

from anycord import RESTClient
from anycord.files import Bytes
from anycord.models import channels, stickers, webhooks
from anycord.models.audit_logs import AuditLog, AuditLogEntry, AuditLogEventType
from anycord.models.guild_satellites import GuildWidget
from anycord.models.invites import InviteWithMetadata
from anycord.models.scheduled_events import (
    ScheduledEventStatus,
    ScheduledEventType,
    ScheduledExternalEvent,
)
from anycord.serde.invites import decode_invite, decode_invite_with_metadata, encode_invite
from anycord.serde.roles import decode_role
from anycord.snowflakes import Snowflake
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World
from tests.cache import payloads as p

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

CDN = "https://cdn.discordapp.com"
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
PNG = Bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "avatar.png")


class Discord:
    """FakeDiscord's world with a guild and a webhook, and a REST client talking to it."""

    def __init__(self) -> None:
        self.world = World()
        guild = self.world.add_guild(name="g")
        self.channel_id = int(guild["channels"][0]["id"])
        self.hook = self.world.add_webhook(self.channel_id, name="hook")


@pytest.fixture
def discord() -> Discord:
    return Discord()


@pytest.fixture
async def client(discord: Discord) -> AsyncIterator[RESTClient]:
    transport = httpx.ASGITransport(app=FakeRestApp(discord.world))
    rest_url = "http://fake.test/api/v10"
    async with RESTClient(discord.world.token, rest_url=rest_url, transport=transport) as rest:
        yield rest


def test_role_tag_properties_and_icon_formats() -> None:
    payload = {
        **p.role(p.ROLE, "vip"),
        "icon": "abc",
        "tags": {
            "subscription_listing_id": "900000000000000001",
            "available_for_purchase": None,
            "guild_connections": None,
        },
    }
    role = decode_role(payload, None, Snowflake(int(p.GUILD)))
    assert role.subscription_listing_id == 900000000000000001
    assert role.is_available_for_purchase
    assert role.is_guild_linked_role
    assert role.colours is role.colors
    assert role.make_icon_url(file_format="WEBP", size=32) == (
        f"{CDN}/role-icons/{p.ROLE}/abc.webp?lossless=true&size=32"
    )
    plain = decode_role(p.role(p.ROLE), None, Snowflake(int(p.GUILD)))
    assert plain.subscription_listing_id is None
    assert not plain.is_available_for_purchase
    assert not plain.is_guild_linked_role
    assert plain.make_icon_url() is None


def test_sticker_types_pack_banners_and_event_images() -> None:
    guild_sticker = stickers.GuildSticker(id=Snowflake(1), name="s", guild_id=Snowflake(2))
    standard = stickers.StandardSticker(id=Snowflake(1), name="s")
    assert guild_sticker.type is stickers.StickerType.GUILD
    assert standard.type is stickers.StickerType.STANDARD
    pack = stickers.StickerPack(id=Snowflake(3), name="p", sku_id=Snowflake(4))
    assert pack.make_banner_url() is None
    with_banner = stickers.StickerPack(
        id=Snowflake(3), name="p", sku_id=Snowflake(4), banner_asset_id=Snowflake(5)
    )
    assert with_banner.make_banner_url(file_format="JPEG") == (
        f"{CDN}/app-assets/710982414301790216/store/5.jpeg"
    )
    event = ScheduledExternalEvent(
        id=Snowflake(6),
        guild_id=Snowflake(2),
        name="e",
        start_time=NOW,
        status=ScheduledEventStatus.SCHEDULED,
        entity_type=ScheduledEventType.EXTERNAL,
    )
    assert event.make_image_url() is None
    event.image_hash = "a_cover"
    # Covers never animate: the animated hash is still served as PNG, and GIF is refused.
    assert event.make_image_url(size=64) == f"{CDN}/guild-events/6/a_cover.png?size=64"
    with pytest.raises(ValueError, match="gif"):
        event.make_image_url(file_format="GIF")


def test_invite_uses_left_and_audit_log_as_a_sequence() -> None:
    limited = InviteWithMetadata(code="abc", uses=3, max_uses=10)
    assert limited.uses_left == 7
    assert InviteWithMetadata(code="abc", uses=3).uses_left is None
    first = AuditLogEntry(id=Snowflake(1), action_type=AuditLogEventType.GUILD_UPDATE)
    second = AuditLogEntry(id=Snowflake(2), action_type=AuditLogEventType.GUILD_UPDATE)
    log = AuditLog(entries={first.id: first, second.id: second})
    assert log.index(second) == 1
    assert log.count(first) == 1
    with pytest.raises(ValueError, match="not in list"):
        log.index(second, 0, 1)
    assert log.auto_mod_rules is log.auto_moderation_rules


async def test_audit_log_entry_and_widget_fetches(discord: Discord, client: RESTClient) -> None:
    bot_id = Snowflake(int(discord.world.bot_user["id"]))
    entry = AuditLogEntry(
        id=Snowflake(1), app=client, user_id=bot_id, action_type=AuditLogEventType.GUILD_UPDATE
    )
    user = await entry.fetch_user()
    assert user is not None
    assert user.id == bot_id
    assert await AuditLogEntry(id=Snowflake(1), action_type=entry.action_type).fetch_user() is None
    widget = GuildWidget(app=client, channel_id=Snowflake(discord.channel_id), is_enabled=True)
    channel = await widget.fetch_channel()
    assert isinstance(channel, channels.GuildTextChannel)
    assert await GuildWidget(app=client).fetch_channel() is None
    with pytest.raises(RuntimeError, match=r"AuditLogEntry\.fetch_user"):
        await AuditLogEntry(
            id=Snowflake(1), user_id=bot_id, action_type=entry.action_type
        ).fetch_user()


async def test_incoming_webhook_fetches_and_deletes_itself(
    discord: Discord, client: RESTClient
) -> None:
    token = discord.hook["token"]
    hook = await client.fetch_webhook_with_token(int(discord.hook["id"]), token)
    assert isinstance(hook, webhooks.IncomingWebhook)
    hook.token = token
    assert hook.webhook_id == hook.id
    assert hook.default_avatar_url == f"{CDN}/embed/avatars/0.png"
    assert hook.make_avatar_url() is None
    channel = await hook.fetch_channel()
    assert channel.id == discord.channel_id
    by_token = await hook.fetch_self()
    by_bot = await hook.fetch_self(use_token=False)
    assert by_token.id == by_bot.id == hook.id
    sent = await hook.execute("hi")
    fetched = await hook.fetch_message(sent.id)
    assert fetched.content == "hi"
    await hook.delete(use_token=True)
    assert int(hook.id) not in discord.world.webhooks


async def test_webhook_token_rules(discord: Discord, client: RESTClient) -> None:
    hook = await client.fetch_webhook(int(discord.hook["id"]))
    assert isinstance(hook, webhooks.IncomingWebhook)
    hook.token = None
    with pytest.raises(ValueError, match="no token"):
        await hook.fetch_self(use_token=True)
    with pytest.raises(ValueError, match="no token"):
        await hook.fetch_message(1)
    hook.avatar_hash = "a_av"
    assert hook.make_avatar_url(file_format="GIF") == f"{CDN}/avatars/{hook.id}/a_av.gif"
    # Without a token the bot's authorization deletes it.
    await hook.delete(reason="gone")
    assert int(hook.id) not in discord.world.webhooks


async def test_webhook_edit_by_token_or_by_the_bot(discord: Discord, client: RESTClient) -> None:
    token = discord.hook["token"]
    hook = await client.fetch_webhook(int(discord.hook["id"]))
    assert isinstance(hook, webhooks.IncomingWebhook)
    hook.token = token
    stored = discord.world.webhooks[int(hook.id)]
    renamed = await hook.edit(name="renamed", avatar=PNG)
    assert stored["name"] == renamed.name == "renamed"
    assert renamed.avatar_hash is not None
    with pytest.raises(ValueError, match="cannot move"):
        await hook.edit(channel=discord.channel_id)
    other = discord.world.add_channel(int(stored["guild_id"]), name="other")
    moved = await hook.edit(channel=int(other["id"]), avatar=None, use_token=False)
    assert stored["channel_id"] == other["id"]
    assert moved.avatar_hash is None
    follower = webhooks.ChannelFollowerWebhook(
        id=hook.id, app=client, type=webhooks.WebhookType.CHANNEL_FOLLOWER
    )
    assert (await follower.edit(name="third")).name == "third"


def test_invites_carry_their_roles_and_scheduled_event() -> None:
    payload = {
        "code": "abc",
        "type": 0,
        "guild": {"id": p.GUILD, "name": "g", "icon": None, "features": []},
        "channel": {"id": p.TEXT, "name": "general", "type": 0},
        "guild_scheduled_event": p.scheduled_event(),
        "roles": [p.role(p.ROLE, "vip")],
    }
    invite = decode_invite(payload)
    assert [r.name for r in invite.roles] == ["vip"]
    assert invite.role_ids == (int(p.ROLE),)
    assert invite.guild_scheduled_event is not None
    assert invite.guild_scheduled_event.name == "town hall"
    assert decode_invite(encode_invite(invite)).role_ids == invite.role_ids
    # Gateway invites name the roles by ID only.
    created = decode_invite_with_metadata(
        {"code": "xyz", "channel_id": p.TEXT, "role_ids": [p.ROLE], "uses": 0, "max_uses": 5}
    )
    assert created.roles == ()
    assert created.role_ids == (int(p.ROLE),)
    assert decode_invite_with_metadata(encode_invite(created)).role_ids == (int(p.ROLE),)
    assert created.uses_left == 5
    assert decode_invite({"code": "plain"}).role_ids == ()


def test_sticker_make_url_formats() -> None:
    media = "https://media.discordapp.net/stickers"
    png = stickers.GuildSticker(id=Snowflake(1), name="s", guild_id=Snowflake(2))
    assert png.make_url() == png.url
    assert png.make_url(size=64) == f"{media}/1.png?passthrough=false&size=64"
    assert png.make_url(file_format="WEBP", lossless=False) == f"{media}/1.webp?lossless=false"
    with pytest.raises(ValueError, match="GIF"):
        png.make_url(file_format="GIF")
    gif = stickers.StandardSticker(
        id=Snowflake(3), name="g", format_type=stickers.StickerFormatType.GIF
    )
    assert gif.make_url(file_format="AWEBP") == f"{media}/3.webp?animated=true&lossless=true"
    with pytest.raises(ValueError, match="APNG"):
        gif.make_url(file_format="APNG")
    apng = stickers.PartialSticker(
        id=Snowflake(4), name="a", format_type=stickers.StickerFormatType.APNG
    )
    assert apng.make_url(file_format="APNG", size=32) == f"{media}/4.png?size=32"
    lottie = stickers.PartialSticker(
        id=Snowflake(5), name="l", format_type=stickers.StickerFormatType.LOTTIE
    )
    assert lottie.make_url(file_format="lottie") == f"{CDN}/stickers/5.json"
    with pytest.raises(ValueError, match="LOTTIE"):
        lottie.make_url(file_format="PNG")
