"""hikari's channel and message conveniences (`channel.send`, `fetch_history`, pins, typing,
bulk deletes, overwrites, `fetch_guild`; `message.make_link`, `remove_all_reactions`, mention
views) act on FakeDiscord through the REST client the models are bound to; the cache-backed
ones (`get_guild`, `get_member_mentions`, `get_role_mentions`) read a cache fed the gateway
payloads the same fake world produces."""

from __future__ import annotations

import datetime
import typing

import httpx
import pytest

from anycord.cache import Cache
from anycord.colors import Color
from anycord.dispatch.manager import EventManager
from anycord.models.channels import (
    ChannelFollow,
    DMChannel,
    ForumLayoutType,
    ForumTag,
    GroupDMChannel,
    GuildMediaChannel,
    GuildTextChannel,
    PermissionOverwrite,
    PermissionOverwriteType,
)
from anycord.models.embeds import Embed, EmbedField, EmbedImage
from anycord.models.emojis import UnicodeEmoji
from anycord.models.messages import Message, MessageReference, PartialMessage
from anycord.models.threads import GuildPublicThread
from anycord.permissions import Permissions
from anycord.rest.client import RESTClient
from anycord.serde.channels import decode_channel, encode_channel
from anycord.serde.messages import decode_message, decode_partial_message
from anycord.serde.roles import decode_role
from anycord.serde.users import decode_user
from anycord.snowflakes import Snowflake
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World
from anycord.undefined import UNDEFINED
from tests.models._compare import same_fields

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anycord.traits import ModelCache, ModelREST


class Fake:
    """A FakeDiscord world with one guild (text channel, two members, a role) served in process."""

    def __init__(self) -> None:
        self.world = World()
        self.rest = FakeRestApp(self.world)
        self.guild = self.world.add_guild(name="g", channels=0)
        self.gid = int(self.guild["id"])
        self.channel = self.world.add_channel(self.gid)
        self.cid = int(self.channel["id"])
        self.role = self.world.add_role(self.gid, name="mods")
        self.users = [self.world.add_user(), self.world.add_user()]
        for user in self.users:
            self.world.add_member(self.gid, user)

    def client(self) -> RESTClient:
        return RESTClient(
            self.world.token,
            rest_url="http://fake.test/api/v10",
            transport=httpx.ASGITransport(app=self.rest),
        )

    def contents(self) -> list[str]:
        return sorted(m["content"] for m in self.world.messages[self.cid].values())


class CachedApp:
    """An app with a REST client and a cache: what `GatewayBot` gives its models."""

    def __init__(self, rest: ModelREST, cache: ModelCache) -> None:
        self._rest, self._cache = rest, cache

    @property
    def rest(self) -> ModelREST:
        return self._rest

    @property
    def cache(self) -> ModelCache:
        return self._cache


@pytest.fixture
def fake() -> Fake:
    return Fake()


@pytest.fixture
async def rest(fake: Fake) -> AsyncIterator[RESTClient]:
    async with fake.client() as client:
        yield client


async def text_channel(fake: Fake, rest: RESTClient) -> GuildTextChannel:
    channel = await rest.fetch_channel(fake.cid)
    assert isinstance(channel, GuildTextChannel)
    assert channel.app is rest
    return channel


# -- textable channels ------------------------------------------------------------------------


async def test_send_fetch_history_and_fetch_message_act_on_the_channel(
    fake: Fake, rest: RESTClient
) -> None:
    channel = await text_channel(fake, rest)
    sent = [await channel.send(text) for text in ("one", "two", "three")]
    assert fake.contents() == ["one", "three", "two"]
    assert [m.content for m in await channel.fetch_history()] == ["three", "two", "one"]
    assert [m.content for m in await channel.fetch_history(after=sent[0])] == ["two", "three"]
    assert [m.content for m in await channel.fetch_history(before=sent[2]).limit(1)] == ["two"]
    assert (await channel.fetch_message(sent[1].id)).content == "two"


async def test_pins_go_through_the_channel(fake: Fake, rest: RESTClient) -> None:
    channel = await text_channel(fake, rest)
    first, second = await channel.send("first"), await channel.send("second")
    await channel.pin_message(first)
    await channel.pin_message(second.id)
    assert set(fake.world.pins[fake.cid]) == {first.id, second.id}
    assert {m.content for m in await channel.fetch_pins()} == {"first", "second"}
    await channel.unpin_message(first)
    assert set(fake.world.pins[fake.cid]) == {second.id}
    assert [m.content for m in await channel.fetch_pins()] == ["second"]


async def test_trigger_typing_posts_the_indicator(fake: Fake, rest: RESTClient) -> None:
    channel = await text_channel(fake, rest)
    await channel.trigger_typing()
    assert fake.rest.requests[-1].method == "POST"
    assert fake.rest.requests[-1].path == f"/channels/{fake.cid}/typing"
    typing_events = [e for e in fake.world.events if e[0] == "TYPING_START"]
    assert len(typing_events) == 1


async def test_delete_messages_takes_one_an_iterable_an_async_iterable_and_more(
    fake: Fake, rest: RESTClient
) -> None:
    channel = await text_channel(fake, rest)
    messages = [await channel.send(str(i)) for i in range(8)]

    await channel.delete_messages(messages[0])
    assert fake.contents() == [str(i) for i in range(1, 8)]

    await channel.delete_messages([messages[1], messages[2].id], messages[3])
    assert fake.contents() == [str(i) for i in range(4, 8)]

    async def more() -> AsyncIterator[Message]:
        for m in messages[4:6]:
            yield m

    await channel.delete_messages(more(), messages[6].id)
    assert fake.contents() == ["7"]
    bulk = [r for r in fake.rest.requests if r.path.endswith("/bulk-delete")]
    assert len(bulk) == 2  # the lone first message went through the single delete


async def test_dm_channel_sends_and_reads_history(fake: Fake, rest: RESTClient) -> None:
    dm = await rest.create_dm_channel(int(fake.users[0]["id"]))
    assert isinstance(dm, DMChannel)
    assert dm.shard_id == 0
    await dm.send("hello")
    assert [m.content for m in await dm.fetch_history()] == ["hello"]
    await dm.trigger_typing()
    assert fake.rest.requests[-1].path == f"/channels/{dm.id}/typing"


# -- guild channels ---------------------------------------------------------------------------


async def test_edit_overwrite_takes_the_type_from_the_target(fake: Fake, rest: RESTClient) -> None:
    channel = await text_channel(fake, rest)
    role = decode_role(fake.role, rest, guild_id=Snowflake(fake.gid))
    user = decode_user(fake.users[0], rest)
    member = await rest.fetch_member(fake.gid, int(fake.users[1]["id"]))

    await channel.edit_overwrite(role, allow=Permissions.SEND_MESSAGES)
    await channel.edit_overwrite(user, deny=Permissions.VIEW_CHANNEL, reason="quiet")
    await channel.edit_overwrite(member, allow=Permissions.ADD_REACTIONS)
    assert fake.rest.requests[-2].headers["x-audit-log-reason"] == "quiet"
    overwrites = {o["id"]: o for o in fake.world.channels[fake.cid]["permission_overwrites"]}
    assert overwrites[str(role.id)]["type"] == 0
    assert overwrites[str(role.id)]["allow"] == str(int(Permissions.SEND_MESSAGES))
    assert overwrites[str(user.id)]["type"] == 1
    assert overwrites[str(user.id)]["deny"] == str(int(Permissions.VIEW_CHANNEL))
    assert overwrites[str(member.id)]["type"] == 1

    existing = PermissionOverwrite(id=role.id, type=PermissionOverwriteType.ROLE)
    await channel.edit_overwrite(existing, deny=Permissions.ATTACH_FILES)
    assert fake.world.channels[fake.cid]["permission_overwrites"][-1] == {
        "id": str(role.id),
        "type": 0,
        "allow": "0",
        "deny": str(int(Permissions.ATTACH_FILES)),
    }
    await channel.edit_overwrite(int(user.id), target_type=PermissionOverwriteType.MEMBER)
    with pytest.raises(TypeError, match="target_type"):
        await channel.edit_overwrite(12345)

    await channel.remove_overwrite(existing)
    await channel.remove_overwrite(user)
    await channel.remove_overwrite(member.id)
    assert fake.world.channels[fake.cid]["permission_overwrites"] == []


async def test_fetch_guild_and_shard_id(fake: Fake, rest: RESTClient) -> None:
    channel = await text_channel(fake, rest)
    guild = await channel.fetch_guild()
    assert (guild.id, guild.name) == (fake.gid, "g")
    assert channel.shard_id is None  # a bare REST client knows no shard count

    class ShardedApp(CachedApp):
        shard_count = 4

    sharded = GuildTextChannel(
        id=Snowflake(1),
        type=channel.type,
        guild_id=Snowflake(5 << 22 | 7),
        app=ShardedApp(rest, Cache()),
    )
    assert sharded.shard_id == 1


async def test_get_guild_reads_the_cache(fake: Fake, rest: RESTClient) -> None:
    cache = Cache()
    await EventManager(cache=cache).on_shard_dispatch(
        None, "GUILD_CREATE", fake.world.guild_create_payload(fake.gid)
    )
    cached = decode_channel(fake.channel, CachedApp(rest, cache))
    assert isinstance(cached, GuildTextChannel)
    found = cached.get_guild()
    assert found is not None
    assert found.name == "g"
    assert (await text_channel(fake, rest)).get_guild() is None  # no cache: None, no error


async def test_channel_without_an_app_names_the_method() -> None:
    channel = GuildTextChannel(id=Snowflake(1), type=0, guild_id=Snowflake(2))  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="fetch_history"):
        channel.fetch_history()
    with pytest.raises(RuntimeError, match="edit_overwrite"):
        await channel.edit_overwrite(3, target_type=0)
    assert channel.get_guild() is None


# -- messages ---------------------------------------------------------------------------------


async def test_make_link_uses_the_given_guild(fake: Fake, rest: RESTClient) -> None:
    message = await (await text_channel(fake, rest)).send("x")
    base = "https://discord.com/channels"
    assert message.make_link(fake.gid) == f"{base}/{fake.gid}/{fake.cid}/{message.id}"
    assert message.make_link(None) == f"{base}/@me/{fake.cid}/{message.id}"
    assert message.make_link(str(fake.gid)) == message.make_link(fake.gid)


async def test_remove_all_reactions_of_one_emoji_or_all(fake: Fake, rest: RESTClient) -> None:
    message = await (await text_channel(fake, rest)).send("react")
    world = fake.world
    raw = world.find_message(fake.cid, message.id)
    assert raw is not None
    for emoji in ("🔥", "👍"):
        for user in fake.users:
            world.reactions.setdefault((fake.cid, message.id, emoji), []).append(int(user["id"]))

    def emojis() -> set[str]:
        return {k[2] for k, users in world.reactions.items() if k[:2] == (fake.cid, message.id)}

    await message.remove_all_reactions("🔥")
    assert emojis() == {"👍"}
    await message.remove_all_reactions()
    assert emojis() == set()


def _mentioning(fake: Fake, *, with_channels: bool = True) -> dict[str, typing.Any]:
    other = {"id": "77", "guild_id": "78", "type": 0, "name": "elsewhere"}
    return {
        "id": "90",
        "channel_id": str(fake.cid),
        "guild_id": str(fake.gid),
        "author": fake.users[0],
        "content": "hi",
        "timestamp": "2024-01-01T00:00:00+00:00",
        "mentions": fake.users,
        "mention_roles": [fake.role["id"], "404"],
        "mention_everyone": True,
        "mention_channels": [other] if with_channels else [],
    }


async def test_mention_views_and_cached_mentions(fake: Fake, rest: RESTClient) -> None:
    cache = Cache()
    await EventManager(cache=cache).on_shard_dispatch(
        None, "GUILD_CREATE", fake.world.guild_create_payload(fake.gid)
    )
    message = decode_message(_mentioning(fake), CachedApp(rest, cache))
    ids = [Snowflake(u["id"]) for u in fake.users]
    assert list(message.user_mentions) == ids
    assert message.user_mentions[ids[0]].username == fake.users[0]["username"]
    assert message.channel_mention_ids == (77,)
    assert message.channel_mentions[Snowflake(77)].name == "elsewhere"
    assert set(message.get_member_mentions()) == set(ids)
    assert list(message.get_role_mentions()) == [int(fake.role["id"])]  # 404 is not cached

    rest_only = decode_message(_mentioning(fake), rest)
    assert rest_only.get_member_mentions() == {}
    assert rest_only.get_role_mentions() == {}


def test_partial_message_mention_views_are_undefined_until_sent() -> None:
    fake = Fake()
    bare = decode_partial_message({"id": "1", "channel_id": "2", "content": "edited"})
    assert isinstance(bare, PartialMessage)
    for name in ("user_mentions", "user_mentions_ids", "role_mention_ids", "mentions_everyone"):
        assert getattr(bare, name) is UNDEFINED, name
    assert bare.channel_mentions is UNDEFINED
    assert bare.channel_mention_ids is UNDEFINED
    assert bare.get_member_mentions() is UNDEFINED
    assert bare.get_role_mentions() is UNDEFINED

    partial = decode_partial_message(_mentioning(fake, with_channels=False))
    assert partial.user_mentions_ids == tuple(Snowflake(u["id"]) for u in fake.users)
    assert partial.role_mention_ids == (int(fake.role["id"]), 404)
    assert partial.mentions_everyone is True
    assert partial.get_member_mentions() == {}  # no app, no cache


async def test_message_without_an_app_names_the_method() -> None:
    message = Message(
        id=Snowflake(1),
        channel_id=Snowflake(2),
        author=decode_user({"id": "3", "username": "u"}),
        timestamp=datetime.datetime.now(datetime.UTC),
    )
    with pytest.raises(RuntimeError, match="remove_all_reactions"):
        await message.remove_all_reactions()


# -- hikari's derived properties ---------------------------------------------------------------


def test_embed_fields_length_icons_and_received_constructor() -> None:
    embed = Embed(title="t").add_field().add_field("n", "v", inline=True)
    assert [(f.name, f.value, f.is_inline) for f in embed.fields] == [
        ("", "", False),
        ("n", "v", True),
    ]
    assert embed.total_length() == 3
    assert embed.clear_fields() is embed
    assert embed.fields == []
    embed.set_author(name="a", icon="https://x.test/a.png").set_footer("f")
    assert embed.author is not None
    assert embed.author.icon == EmbedImage(url="https://x.test/a.png")
    assert embed.footer is not None
    assert embed.footer.icon is None

    field = EmbedField(name="k", value="v")
    received = Embed.from_received_embed(
        title="t",
        description=None,
        url=None,
        color=Color(0x123456),
        timestamp=None,
        image=None,
        thumbnail=None,
        video=None,
        author=None,
        provider=None,
        footer=None,
        fields=[field],
    )
    assert (received.title, received.color, received.fields) == ("t", 0x123456, [field])


def test_tags_overwrites_reactions_and_references_derive_hikaris_properties() -> None:
    tag_id = Snowflake.from_datetime(datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    assert ForumTag(id=tag_id, name="t", emoji_name="🔥").unicode_emoji == UnicodeEmoji(name="🔥")
    assert ForumTag(id=tag_id, name="t").created_at == datetime.datetime(
        2024, 5, 1, tzinfo=datetime.UTC
    )
    assert ForumTag(name="new", emoji_id=Snowflake(5), emoji_name="blob").unicode_emoji is None
    assert ForumTag(name="new").created_at is None
    overwrite = PermissionOverwrite(id=tag_id, type=PermissionOverwriteType.ROLE)
    assert overwrite.created_at == tag_id.created_at

    raw = _mentioning(Fake(), with_channels=False)
    raw["reactions"] = [
        {"count": 1, "emoji": {"id": None, "name": "🔥"}, "burst_colors": ["#ff0000", "#00ff00"]}
    ]
    raw["message_reference"] = {"message_id": "5", "channel_id": "6", "guild_id": "7"}
    app = CachedApp(typing.cast("ModelREST", None), Cache())
    message = decode_message(raw, app)
    assert message.reactions[0].burst_colours == (Color(0xFF0000), Color(0x00FF00))
    reference = message.message_reference
    assert reference is not None
    assert reference.app is app
    assert reference.channel_link == "https://discord.com/channels/7/6"
    assert reference.message_link == "https://discord.com/channels/7/6/5"
    follow_notice = MessageReference(channel_id=Snowflake(6))
    assert follow_notice.channel_link == "https://discord.com/channels/@me/6"
    assert follow_notice.message_link is None


def test_application_id_and_media_layout_are_decoded_and_kept() -> None:
    base = {"guild_id": "1", "name": "c", "application_id": "42"}
    text = decode_channel({**base, "id": "2", "type": 0})
    thread = decode_channel({**base, "id": "3", "type": 11, "thread_metadata": {"archived": False}})
    media = decode_channel({**base, "id": "4", "type": 16, "default_forum_layout": 2})
    assert isinstance(text, GuildTextChannel)
    assert isinstance(thread, GuildPublicThread)
    assert isinstance(media, GuildMediaChannel)
    assert (text.application_id, thread.application_id) == (42, 42)
    assert media.default_layout is ForumLayoutType.GALLERY_VIEW
    for channel in (text, thread, media):
        same_fields(decode_channel(encode_channel(channel)), channel)
    assert "application_id" not in encode_channel(
        decode_channel({"id": "5", "type": 0, "guild_id": "1"})
    )


def test_partial_message_carries_hikaris_rare_fields_only_when_sent() -> None:
    bare = decode_partial_message({"id": "1", "channel_id": "2"})
    for name in (
        "nonce",
        "activity",
        "application",
        "message_snapshots",
        "referenced_message",
        "interaction_metadata",
        "webhook_id",
        "stickers",
        "message_reference",
    ):
        assert getattr(bare, name) is UNDEFINED, name

    replied = {
        "id": "3",
        "channel_id": "2",
        "author": {"id": "4", "username": "u"},
        "content": "original",
        "timestamp": "2024-01-01T00:00:00+00:00",
    }
    full = decode_partial_message(
        {
            "id": "1",
            "channel_id": "2",
            "nonce": "n-1",
            "activity": {"type": 1, "party_id": "p"},
            "application": {"id": "9", "name": "game"},
            "message_snapshots": [{"message": {"content": "fwd"}}],
            "referenced_message": replied,
            "interaction_metadata": {"id": "8", "type": 2, "user": {"id": "4", "username": "u"}},
            "sticker_items": [],
            "webhook_id": "7",
        }
    )
    assert full.nonce == "n-1"
    assert full.activity is not UNDEFINED
    assert full.activity is not None
    assert (full.activity.type, full.activity.party_id) == (1, "p")
    assert full.application is not UNDEFINED
    assert full.application is not None
    assert full.application.name == "game"
    assert full.message_snapshots is not UNDEFINED
    assert [s.content for s in full.message_snapshots] == ["fwd"]
    assert isinstance(full.referenced_message, Message)
    assert full.referenced_message.content == "original"
    assert full.interaction_metadata is not UNDEFINED
    assert full.interaction_metadata is not None
    assert full.interaction_metadata.id == 8
    assert (full.stickers, full.webhook_id) == ((), 7)
    deleted = decode_partial_message({"id": "1", "channel_id": "2", "referenced_message": None})
    assert deleted.referenced_message is None
    assert deleted.nonce is UNDEFINED


async def test_channel_follow_fetches_and_reads_its_channel_and_webhook(
    fake: Fake, rest: RESTClient
) -> None:
    webhook = await rest.create_webhook(fake.cid, "relay")
    follow = ChannelFollow(app=rest, channel_id=Snowflake(fake.cid), webhook_id=webhook.id)
    assert (await follow.fetch_channel()).id == fake.cid
    fetched = await follow.fetch_webhook()
    assert (fetched.id, fetched.name) == (webhook.id, "relay")
    assert follow.get_channel() is None  # a REST-only app has no cache

    cache = Cache()
    await EventManager(cache=cache).on_shard_dispatch(
        None, "GUILD_CREATE", fake.world.guild_create_payload(fake.gid)
    )
    cached = ChannelFollow(
        app=CachedApp(rest, cache), channel_id=Snowflake(fake.cid), webhook_id=webhook.id
    )
    found = cached.get_channel()
    assert found is not None
    assert found.id == fake.cid
    with pytest.raises(RuntimeError, match=r"ChannelFollow\.fetch_webhook"):
        await ChannelFollow(channel_id=Snowflake(1), webhook_id=Snowflake(2)).fetch_webhook()


def test_group_dm_icon_urls() -> None:
    group = decode_channel({"id": "5", "type": 3, "icon": "abc", "recipients": []})
    assert isinstance(group, GroupDMChannel)
    assert group.icon_url == "https://cdn.discordapp.com/channel-icons/5/abc.png"
    assert group.make_icon_url(file_format="WEBP", size=64, lossless=False) == (
        "https://cdn.discordapp.com/channel-icons/5/abc.webp?lossless=false&size=64"
    )
    with pytest.raises(ValueError, match="gif"):
        group.make_icon_url(ext="gif")
    no_icon = decode_channel({"id": "6", "type": 3, "recipients": []})
    assert isinstance(no_icon, GroupDMChannel)
    assert no_icon.make_icon_url() is None
