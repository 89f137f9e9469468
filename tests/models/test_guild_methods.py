"""hikari's guild conveniences on anycord's guild models: the REST-backed ones change
FakeDiscord's world, the cache-backed ones read a bot's cache fed with gateway payloads, and
both kinds fail or answer empty as documented when the model has no app or no cache."""

from __future__ import annotations

import datetime
import typing

import httpx
import pytest

from anycord import GatewayBot, RESTClient
from anycord.files import Bytes
from anycord.models import channels, guild_enums, guilds
from anycord.models.guild_satellites import GuildPreview
from anycord.models.invites import InviteGuild
from anycord.snowflakes import Snowflake
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World
from tests.cache import payloads as p

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

REST_URL = "http://fake.test/api/v10"
S5 = Snowflake(5)
PNG = Bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image.png")


class Discord:
    """FakeDiscord's world, one guild in it, and a REST client talking to it in process."""

    def __init__(self) -> None:
        self.world = World()
        self.guild_id = int(self.world.add_guild(name="g", members=1)["id"])

    def client(self) -> RESTClient:
        transport = httpx.ASGITransport(app=FakeRestApp(self.world))
        return RESTClient(self.world.token, rest_url=REST_URL, transport=transport)


@pytest.fixture
def discord() -> Discord:
    return Discord()


@pytest.fixture
async def guild(discord: Discord) -> AsyncIterator[guilds.RESTGuild]:
    async with discord.client() as client:
        yield await client.fetch_guild(discord.guild_id)


async def test_fetches_read_the_guilds_roles_emojis_and_itself(
    discord: Discord, guild: guilds.RESTGuild
) -> None:
    discord.world.add_role(discord.guild_id, name="mods")
    roles = await guild.fetch_roles()
    assert {r.name for r in roles} == {"@everyone", "mods"}
    assert (await guild.fetch_self()).name == "g"
    assert await guild.fetch_emojis() == []
    created = await guild.app.rest.create_emoji(guild.id, "blob", PNG)  # type: ignore[union-attr]
    assert [e.name for e in await guild.fetch_emojis()] == ["blob"]
    assert (await guild.fetch_emoji(created.id)).name == "blob"


async def test_fetch_owner_and_the_configured_channels(
    discord: Discord, guild: guilds.RESTGuild
) -> None:
    owner = await guild.fetch_owner()
    assert owner.user.id == guild.owner_id
    assert await guild.fetch_afk_channel() is None
    assert await guild.fetch_rules_channel() is None
    text = discord.world.add_channel(discord.guild_id, name="rules")
    voice = discord.world.add_channel(discord.guild_id, name="afk", type=2)
    edited = await guild.edit(rules_channel=int(text["id"]), afk_channel=int(voice["id"]))
    rules = await edited.fetch_rules_channel()
    assert isinstance(rules, channels.GuildTextChannel)
    assert rules.name == "rules"
    afk = await edited.fetch_afk_channel()
    assert isinstance(afk, channels.GuildVoiceChannel)
    # A channel of the wrong kind is a clear TypeError, not a silently wrong object.
    wrong = await guild.edit(system_channel=int(voice["id"]))
    with pytest.raises(TypeError, match="GuildTextChannel"):
        await wrong.fetch_system_channel()


async def test_create_channels_of_each_kind_and_delete_one(
    discord: Discord, guild: guilds.RESTGuild
) -> None:
    category = await guild.create_category("cat")
    text = await guild.create_text_channel(
        "talk", topic="t", rate_limit_per_user=datetime.timedelta(seconds=30), category=category
    )
    voice = await guild.create_voice_channel("vc", user_limit=5, bitrate=64000)
    stage = await guild.create_stage_channel("stage")
    news = await guild.create_news_channel("news")
    forum = await guild.create_forum_channel(
        "forum",
        available_tags=[channels.ForumTag(name="bug", moderated=True)],
        default_reaction_emoji="👍",
    )
    assert isinstance(category, channels.GuildCategory)
    assert isinstance(text, channels.GuildTextChannel)
    assert isinstance(voice, channels.GuildVoiceChannel)
    assert isinstance(stage, channels.GuildStageChannel)
    assert isinstance(news, channels.GuildNewsChannel)
    assert isinstance(forum, channels.GuildForumChannel)
    stored = discord.world.channels
    assert stored[int(text.id)]["rate_limit_per_user"] == 30
    assert stored[int(text.id)]["parent_id"] == str(category.id)
    assert stored[int(voice.id)]["user_limit"] == 5
    assert stored[int(forum.id)]["available_tags"] == [{"name": "bug", "moderated": True}]
    assert stored[int(forum.id)]["default_reaction_emoji"] == {"emoji_name": "👍"}
    deleted = await guild.delete_channel(text)
    assert deleted.id == text.id
    assert int(text.id) not in stored


async def test_edit_sends_hikari_keywords_as_discord_fields(
    discord: Discord, guild: guilds.RESTGuild
) -> None:
    edited = await guild.edit(
        name="renamed",
        afk_timeout=datetime.timedelta(minutes=5),
        icon=PNG,
        verification_level=guild_enums.GuildVerificationLevel.HIGH,
        preferred_locale="fr",
        reason="tidy",
    )
    stored = discord.world.guilds[discord.guild_id]
    assert stored["name"] == "renamed"
    assert stored["afk_timeout"] == 300
    assert stored["icon"].startswith("data:image/png;base64,")
    assert stored["verification_level"] == 3
    assert edited.preferred_locale == "fr"
    # Unchanged fields are not sent.
    assert stored["splash"] is None


async def test_sticker_lifecycle(discord: Discord, guild: guilds.RESTGuild) -> None:
    sticker = await guild.create_sticker("wave", "👋", PNG, description="hello")
    assert [s.name for s in await guild.fetch_stickers()] == ["wave"]
    edited = await guild.edit_sticker(sticker, name="hi")
    assert edited.name == "hi"
    assert (await guild.fetch_sticker(sticker.id)).name == "hi"
    await guild.delete_sticker(sticker, reason="old")
    assert discord.world.stickers[discord.guild_id] == {}


async def test_set_incident_actions(discord: Discord, guild: guilds.RESTGuild) -> None:
    until = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    answer = await guild.set_incident_actions(invites_disabled_until=until)
    assert answer["invites_disabled_until"] is not None
    assert answer["dms_disabled_until"] is None
    refreshed = await guild.fetch_self()
    assert refreshed.invites_disabled
    assert not guild.invites_disabled


async def test_rest_conveniences_need_an_app() -> None:
    guild = guilds.PartialGuild(id=Snowflake(1), name="g")
    with pytest.raises(RuntimeError, match=r"PartialGuild\.fetch_roles"):
        await guild.fetch_roles()
    with pytest.raises(RuntimeError, match=r"PartialGuild\.create_text_channel"):
        await guild.create_text_channel("x")


# -- cache reads --------------------------------------------------------------------------------


@pytest.fixture
async def cached_bot() -> GatewayBot:
    bot = GatewayBot("a.b.c", logs=None, banner=None)
    manager = bot.event_manager
    await manager.on_shard_dispatch(None, "READY", p.ready())
    await manager.on_shard_dispatch(None, "GUILD_CREATE", p.guild_create(members=3))
    other = {**p.guild_create(members=1), "id": p.OTHER_GUILD, "roles": [], "emojis": []}
    other["stickers"] = []
    other["channels"] = []
    other["threads"] = []
    await manager.on_shard_dispatch(None, "GUILD_CREATE", other)
    return bot


async def test_get_reads_the_cache_for_this_guild_only(cached_bot: GatewayBot) -> None:
    guild = cached_bot.cache.get_guild(int(p.GUILD))
    assert guild is not None
    assert guild.get_member(int(p.ME)) is not None
    assert len(guild.get_members()) == 3
    mine = guild.get_my_member()
    assert mine is not None
    assert mine.user.id == int(p.ME)
    assert guild.get_presence(int(p.ME)) is not None
    assert set(guild.get_presences()) == {int(p.ME)}
    voice = guild.get_voice_state(int(p.ME))
    assert voice is not None
    assert voice.channel_id == int(p.VOICE)
    assert set(guild.get_voice_states()) == {int(p.ME)}
    assert set(guild.get_channels()) == {int(p.TEXT), int(p.VOICE)}
    channel = guild.get_channel(int(p.TEXT))
    assert channel is not None
    assert channel.name == "general"
    assert set(guild.get_roles()) == {int(p.GUILD), int(p.ROLE)}
    role = guild.get_role(int(p.ROLE))
    assert role is not None
    assert role.name == "mods"
    emoji = guild.get_emoji(int(p.EMOJI))
    assert emoji is not None
    assert emoji.name == "blob"
    assert set(guild.get_emojis()) == {int(p.EMOJI)}
    sticker = guild.get_sticker(int(p.STICKER))
    assert sticker is not None
    assert sticker.name == "sticker"
    assert set(guild.get_stickers()) == {int(p.STICKER)}
    # Another guild's objects are not this guild's.
    other = cached_bot.cache.get_guild(int(p.OTHER_GUILD))
    assert other is not None
    assert other.get_channel(int(p.TEXT)) is None
    assert other.get_role(int(p.ROLE)) is None
    assert other.get_emoji(int(p.EMOJI)) is None
    assert other.get_sticker(int(p.STICKER)) is None
    assert other.get_member(int(p.ME)) is not None
    assert dict(other.get_channels()) == {}


async def test_get_answers_empty_without_a_cache(guild: guilds.RESTGuild) -> None:
    assert guild.get_member(1) is None
    assert guild.get_my_member() is None
    assert guild.get_channel(1) is None
    assert guild.get_role(guild.id) is None
    assert guild.get_emoji(1) is None
    assert guild.get_sticker(1) is None
    assert guild.get_presence(1) is None
    assert guild.get_voice_state(1) is None
    for mapping in (
        guild.get_members(),
        guild.get_channels(),
        guild.get_roles(),
        guild.get_emojis(),
        guild.get_stickers(),
        guild.get_presences(),
        guild.get_voice_states(),
    ):
        assert dict(mapping) == {}


# -- image URLs ---------------------------------------------------------------------------------


def test_make_urls_take_hikaris_file_format_and_lossless() -> None:
    guild = guilds.RESTGuild(
        id=S5, name="g", owner_id=Snowflake(1), icon_hash="a_i", banner_hash="b", splash_hash="s"
    )
    cdn = "https://cdn.discordapp.com"
    assert guild.make_icon_url() == f"{cdn}/icons/5/a_i.gif"
    assert guild.make_icon_url(file_format="PNG", size=64) == f"{cdn}/icons/5/a_i.png?size=64"
    assert guild.make_icon_url(file_format="AWEBP") == (
        f"{cdn}/icons/5/a_i.webp?animated=true&lossless=true"
    )
    assert guild.make_banner_url(file_format="WEBP", lossless=False) == (
        f"{cdn}/banners/5/b.webp?lossless=false"
    )
    assert guild.make_splash_url(file_format="jpg") == f"{cdn}/splashes/5/s.jpg"
    assert guild.make_discovery_splash_url() is None
    with pytest.raises(ValueError, match="AWEBP"):
        guild.make_banner_url(file_format="AWEBP")
    with pytest.raises(ValueError, match="file_format"):
        guild.make_icon_url(file_format="BMP")
    with pytest.raises(ValueError, match="not both"):
        guild.make_icon_url(file_format="PNG", ext="png")
    preview = GuildPreview(id=S5, name="g", discovery_splash_hash="d")
    assert preview.make_discovery_splash_url(size=16) == f"{cdn}/discovery-splashes/5/d.png?size=16"
    assert preview.make_splash_url() is None
    invite_guild = InviteGuild(id=S5, name="g", banner_hash="a_b")
    assert invite_guild.make_banner_url() == f"{cdn}/banners/5/a_b.gif"


async def test_template_edit_sync_fetch_and_delete(
    discord: Discord, guild: guilds.RESTGuild
) -> None:
    rest = typing.cast("RESTClient", guild.app)
    template = await rest.create_template(guild.id, "base")
    edited = await template.edit(name="renamed", description="d")
    assert edited.name == "renamed"
    assert discord.world.templates[template.code]["description"] == "d"
    await guild.edit(name="new name")
    synced = await template.sync()
    assert synced.source_guild["name"] == "new name"
    assert (await template.fetch_self()).name == "renamed"
    await template.delete()
    assert template.code not in discord.world.templates
