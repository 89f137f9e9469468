"""hikari's user and member methods: REST-backed ones against FakeDiscord (the effect shows in
the emulator's world), cache-backed ones against a cache fed gateway payloads, URL helpers."""

from __future__ import annotations

import datetime
import typing

import pytest

from anycord.colors import Color
from anycord.models import cdn
from anycord.models.members import Member
from anycord.models.users import OwnUser, User
from anycord.serde import members as member_serde
from anycord.serde.users import (
    decode_partial_user,
    decode_user,
    encode_partial_user,
    encode_user,
)
from anycord.snowflakes import Snowflake
from tests.cache import payloads as p
from tests.models.cached_app import CachedApp

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from anycord.testing.world import World
    from tests.rest.conftest import Fake


def dm_contents(world: World, user_id: int) -> list[str]:
    channel = world.dm_channels[user_id]
    return [m["content"] for m in world.messages[channel].values()]


# -- users: REST ------------------------------------------------------------------------------


async def test_user_send_opens_the_dm_and_posts_there(fake: Fake, rest: RESTClient) -> None:
    uid = int(fake.world.add_user(username="ann")["id"])
    user = await rest.fetch_user(uid)
    message = await user.send("hi there")
    assert message.content == "hi there"
    assert dm_contents(fake.world, uid) == ["hi there"]
    channel = await user.fetch_dm_channel()
    assert channel.id == fake.world.dm_channels[uid]


async def test_user_fetch_self_sees_the_current_state(fake: Fake, rest: RESTClient) -> None:
    payload = fake.world.add_user(username="ann")
    user = await rest.fetch_user(int(payload["id"]))
    payload["global_name"] = "Ann B."
    fresh = await user.fetch_self()
    assert (user.global_name, fresh.global_name) == (None, "Ann B.")


async def test_partial_user_methods_reach_the_same_user(fake: Fake, rest: RESTClient) -> None:
    payload = fake.world.add_user(username="bo", global_name="Bo")
    partial = decode_partial_user({"id": payload["id"]}, rest)
    assert partial.display_name is partial.username  # nothing known: UNDEFINED
    assert (await partial.fetch_self()).display_name == "Bo"
    await partial.send("to a partial")
    assert dm_contents(fake.world, int(payload["id"])) == ["to a partial"]
    assert (await partial.fetch_dm_channel()).id == fake.world.dm_channels[int(payload["id"])]


async def test_own_user_fetches_itself_and_cannot_dm_itself(fake: Fake, rest: RESTClient) -> None:
    me = await rest.fetch_my_user()
    fake.world.bot_user["username"] = "renamed"
    fresh = await me.fetch_self()
    assert isinstance(fresh, OwnUser)
    assert fresh.username == "renamed"
    with pytest.raises(TypeError, match="own user"):
        await me.send("hi")
    with pytest.raises(TypeError, match="own user"):
        await me.fetch_dm_channel()


async def test_user_methods_need_an_app() -> None:
    user = User(id=Snowflake(5), username="x")
    with pytest.raises(RuntimeError, match=r"User\.send"):
        await user.send("hi")
    with pytest.raises(RuntimeError, match=r"PartialUser\.fetch_self"):
        await decode_partial_user({"id": "5"}).fetch_self()


# -- members: REST ----------------------------------------------------------------------------


async def test_member_fetch_self_and_fetch_roles(fake: Fake, rest: RESTClient) -> None:
    world = fake.world
    mods = world.add_role(int(fake.guild["id"]), name="mods")
    world.add_role(int(fake.guild["id"]), name="unrelated")
    uid = int(world.add_member(int(fake.guild["id"]), roles=[mods["id"]])["user"]["id"])
    member = await rest.fetch_member(int(fake.guild["id"]), uid)
    world.members[int(fake.guild["id"])][uid]["nick"] = "nicky"
    assert (await member.fetch_self()).nickname == "nicky"
    roles = await member.fetch_roles()
    assert sorted(r.name for r in roles) == ["@everyone", "mods"]


async def test_member_send_dms_the_user(fake: Fake, rest: RESTClient) -> None:
    uid = int(fake.world.add_member(int(fake.guild["id"]))["user"]["id"])
    member = await rest.fetch_member(int(fake.guild["id"]), uid)
    await member.send("welcome")
    assert dm_contents(fake.world, uid) == ["welcome"]


# -- members: cache ---------------------------------------------------------------------------


MOD = "400000000000000002"


async def cached_member(uid: str = p.ME) -> Member:
    app = CachedApp()
    guild = p.guild_create()
    guild["roles"].append(p.role(MOD, "top", position=5))
    guild["members"][0]["roles"].append(MOD)
    await app.feed("GUILD_CREATE", guild)
    member = app.cache.get_member(Snowflake(p.GUILD), Snowflake(uid))
    assert member is not None
    return member


async def test_member_cache_reads() -> None:
    member = await cached_member()
    assert [r.name for r in member.get_roles()] == ["mods", "top", "@everyone"]
    top = member.get_top_role()
    assert top is not None
    assert top.name == "top"
    guild = member.get_guild()
    assert guild is not None
    assert guild.name == "a guild"
    presence = member.get_presence()
    assert presence is not None
    assert presence.user_id == member.id


async def test_member_without_roles_has_everyone_as_top_role() -> None:
    member = await cached_member("700000000000000001")
    assert [r.name for r in member.get_roles()] == ["@everyone"]
    assert member.get_presence() is None


async def test_member_cache_reads_without_a_cache_answer_nothing(rest: RESTClient) -> None:
    member = member_serde.decode_member(
        {"user": p.user(p.ME), "roles": [p.ROLE]}, rest, Snowflake(p.GUILD)
    )
    assert member.get_roles() == []
    assert member.get_top_role() is None
    assert member.get_guild() is None
    assert member.get_presence() is None


# -- URLs, aliases and delegated fields -------------------------------------------------------


def test_file_format_picks_the_format_the_hikari_way() -> None:
    user = User(id=Snowflake(80), username="x", avatar_hash="a_anim", banner_hash="still")
    base = "https://cdn.discordapp.com"
    assert user.make_avatar_url(file_format="AWEBP", size=64) == (
        f"{base}/avatars/80/a_anim.webp?animated=true&lossless=true&size=64"
    )
    assert user.make_avatar_url(file_format="webp", lossless=False) == (
        f"{base}/avatars/80/a_anim.webp?lossless=false"
    )
    assert user.make_avatar_url(file_format="JPEG") == f"{base}/avatars/80/a_anim.jpeg"
    assert user.make_banner_url(file_format="PNG") == f"{base}/banners/80/still.png"
    with pytest.raises(ValueError, match="animated"):
        user.make_banner_url(file_format="AWEBP")
    with pytest.raises(ValueError, match="file_format must be one of"):
        user.make_avatar_url(file_format="BMP")
    with pytest.raises(ValueError, match="not both"):
        user.make_avatar_url(ext="png", file_format="PNG")
    assert cdn.team_icon_url(1, "h", file_format="WEBP").endswith("h.webp?lossless=true")


def test_member_delegates_user_fields_and_prefers_guild_images() -> None:
    user = User(
        id=Snowflake(80),
        username="x",
        discriminator="1234",
        banner_hash="ub",
        accent_color=Color(0xABCDEF),
        is_system=True,
        avatar_decoration={"asset": "u"},
    )
    member = Member(user=user, guild_id=Snowflake(9))
    assert (member.accent_color, member.accent_colour) == (Color(0xABCDEF), Color(0xABCDEF))
    assert (member.discriminator, member.is_system, member.banner_hash) == ("1234", True, "ub")
    assert member.created_at == user.created_at
    assert member.default_avatar_url == user.default_avatar_url
    assert member.display_banner_url == user.banner_url
    assert member.display_avatar_decoration == {"asset": "u"}
    assert member.make_avatar_url(file_format="PNG") == user.make_avatar_url(file_format="PNG")
    assert member.guild_flags is member.flags
    assert member.make_guild_banner_url() is None
    member.guild_banner_hash = "gb"
    member.guild_avatar_decoration = {"asset": "g"}
    assert member.display_banner_url == member.guild_banner_url
    assert member.make_guild_banner_url(file_format="JPG", size=32) == (
        "https://cdn.discordapp.com/guilds/9/users/80/banners/gb.jpg?size=32"
    )
    assert member.display_avatar_decoration == {"asset": "g"}


def test_member_timeout_is_a_method_of_the_time_of_the_call() -> None:
    member = Member(user=User(id=Snowflake(1), username="x"), guild_id=Snowflake(9))
    assert member.communication_disabled_until() is None
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    member.raw_communication_disabled_until = soon
    assert member.communication_disabled_until() == soon
    member.raw_communication_disabled_until = soon - datetime.timedelta(hours=2)
    assert member.communication_disabled_until() is None


def test_partial_user_decodes_and_encodes_the_profile_fields() -> None:
    payload = {
        "id": "5",
        "banner": "b",
        "accent_color": 0x123456,
        "public_flags": 1 << 22,
        "avatar_decoration_data": {"asset": "d"},
    }
    partial = decode_partial_user(payload)
    assert (partial.banner_hash, partial.accent_colour) == ("b", Color(0x123456))
    assert partial.flags == 1 << 22
    assert partial.avatar_decoration == {"asset": "d"}
    assert encode_partial_user(partial) == payload
    user = decode_user({**p.user("5"), "banner": "b", "accent_color": 7})
    assert (user.accent_colour, user.display_banner_url) == (Color(7), user.banner_url)


def test_primary_guild_decodes_encodes_and_builds_the_badge_url() -> None:
    tag = {"identity_guild_id": "77", "identity_enabled": True, "tag": "DISC", "badge": "bh"}
    user = decode_user({**p.user("5"), "primary_guild": tag})
    assert user.primary_guild is not None
    assert (user.primary_guild.identity_guild_id, user.primary_guild.tag) == (77, "DISC")
    assert user.primary_guild.make_url(size=16) == (
        "https://cdn.discordapp.com/guild-tag-badges/77/bh.png?size=16"
    )
    assert decode_user(encode_user(user)).primary_guild == user.primary_guild
    assert Member(user=user, guild_id=Snowflake(9)).primary_guild is user.primary_guild
    assert decode_partial_user({"id": "5", "primary_guild": None}).primary_guild is None
    partial = decode_partial_user({"id": "5", "primary_guild": tag})
    assert encode_partial_user(partial)["primary_guild"] == tag
    cleared = decode_user({**p.user("5"), "primary_guild": {**tag, "identity_guild_id": None}})
    assert cleared.primary_guild is not None
    with pytest.raises(ValueError, match="identity_guild_id"):
        cleared.primary_guild.make_url()
    assert decode_user(p.user("5")).primary_guild is None
