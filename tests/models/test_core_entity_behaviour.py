"""CDN validation, tolerance of unknown fields and enum values, role ID sharing, and the REST
conveniences of members (driven through a fake REST client)."""

from __future__ import annotations

import typing

import pytest

from anycord import models, serde
from anycord.models import cdn
from anycord.permissions import Permissions
from anycord.serde import channels as channel_serde
from anycord.serde import guilds as guild_serde
from anycord.serde import members as member_serde
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

USER = {
    "id": "80351110224678912",
    "username": "nelly",
    "discriminator": "0",
    "avatar": "8342729096ea3675442027381ff50dfe",
}


# -- CDN ---------------------------------------------------------------------------------------


def test_cdn_defaults_and_formats() -> None:
    assert cdn.avatar_url(1, "abc") == "https://cdn.discordapp.com/avatars/1/abc.png"
    assert cdn.avatar_url(1, "a_abc") == "https://cdn.discordapp.com/avatars/1/a_abc.gif"
    assert (
        cdn.avatar_url(1, "a_abc", ext="webp", size=64)
        == "https://cdn.discordapp.com/avatars/1/a_abc.webp?size=64"
    )
    assert cdn.guild_icon_url(2, "h", ext="JPG") == "https://cdn.discordapp.com/icons/2/h.jpg"
    assert (
        cdn.member_avatar_url(3, 4, "h")
        == "https://cdn.discordapp.com/guilds/3/users/4/avatars/h.png"
    )
    assert cdn.emoji_url(5, animated=True) == "https://cdn.discordapp.com/emojis/5.gif"
    assert cdn.sticker_url(6, 4) == "https://media.discordapp.net/stickers/6.gif"
    assert cdn.sticker_url(6, 3) == "https://cdn.discordapp.com/stickers/6.json"
    # Splashes never animate: an animated hash still defaults to PNG.
    assert cdn.guild_splash_url(7, "a_h") == "https://cdn.discordapp.com/splashes/7/a_h.png"


@pytest.mark.parametrize("size", [0, 8, 15, 100, 8192, True, -16])
def test_cdn_rejects_bad_sizes(size: int) -> None:
    with pytest.raises(ValueError, match="size"):
        cdn.avatar_url(1, "abc", size=size)


@pytest.mark.parametrize("size", [16, 32, 64, 128, 256, 512, 1024, 2048, 4096])
def test_cdn_accepts_powers_of_two(size: int) -> None:
    assert cdn.avatar_url(1, "abc", size=size).endswith(f"?size={size}")


def test_cdn_rejects_bad_formats() -> None:
    with pytest.raises(ValueError, match="'gif'"):
        cdn.avatar_url(1, "static", ext="gif")
    with pytest.raises(ValueError, match="bmp"):
        cdn.avatar_url(1, "abc", ext="bmp")
    with pytest.raises(ValueError, match="gif"):
        cdn.role_icon_url(1, "a_abc", ext="gif")
    with pytest.raises(ValueError, match="static"):
        cdn.emoji_url(1, ext="gif")


def test_default_avatar_index() -> None:
    assert cdn.default_avatar_url(80351110224678912) == (
        f"https://cdn.discordapp.com/embed/avatars/{(80351110224678912 >> 22) % 6}.png"
    )
    assert cdn.default_avatar_index(1, "1337") == 1337 % 5


def test_user_url_properties() -> None:
    user = serde.decode(models.User, USER)
    assert (
        user.avatar_url == f"https://cdn.discordapp.com/avatars/{USER['id']}/{USER['avatar']}.png"
    )
    assert user.display_avatar_url == user.avatar_url
    assert user.banner_url is None
    no_avatar = serde.decode(models.User, USER | {"avatar": None})
    assert no_avatar.avatar_url is None
    assert no_avatar.display_avatar_url.startswith("https://cdn.discordapp.com/embed/avatars/")
    with pytest.raises(ValueError, match="size"):
        user.make_avatar_url(size=17)


# -- tolerance ---------------------------------------------------------------------------------


def test_unknown_channel_type_never_raises() -> None:
    in_guild = channel_serde.decode_channel(
        {"id": "1", "type": 99, "guild_id": "2", "name": "new", "shiny": True}
    )
    assert isinstance(in_guild, models.GuildChannel)
    assert in_guild.type == 99
    assert in_guild.type.name == "UNKNOWN_99"
    assert serde.encode(in_guild)["type"] == 99
    outside = channel_serde.decode_channel({"id": "1", "type": 98})
    assert type(outside) is models.PartialChannel


def test_unknown_enum_values_and_fields_in_guilds() -> None:
    guild = guild_serde.decode_gateway_guild(
        {
            "id": "1",
            "name": "g",
            "owner_id": "2",
            "features": ["COMMUNITY", "HOVERBOARDS"],
            "verification_level": 42,
            "premium_tier": 7,
            "nsfw_level": 9,
            "system_channel_flags": 1 << 20,
            "brand_new_field": {"x": 1},
        }
    )
    assert guild.features[1] == "HOVERBOARDS"
    assert not guild.features[1].is_known
    assert guild.verification_level == 42
    assert guild.premium_tier == 7
    assert int(guild.system_channel_flags) == 1 << 20
    assert serde.encode(guild)["features"] == ["COMMUNITY", "HOVERBOARDS"]


def test_unknown_values_elsewhere() -> None:
    presence = serde.decode(
        models.MemberPresence,
        {
            "user": {"id": "1"},
            "guild_id": "2",
            "status": "meditating",
            "activities": [{"name": "x", "type": 77, "future": 1}],
            "client_status": {"vr": "online"},
        },
    )
    assert presence.visible_status == "meditating"
    assert presence.activities[0].type == 77
    webhook = serde.decode(models.PartialWebhook, {"id": "1", "type": 9, "name": "w"})
    assert type(webhook) is models.PartialWebhook
    assert webhook.type == 9
    sticker = serde.decode(models.PartialSticker, {"id": "1", "name": "s", "format_type": 12})
    assert sticker.format_type == 12
    member = serde.decode(
        models.Member,
        {
            "user": USER,
            "guild_id": "3",
            "roles": [],
            "joined_at": None,
            "unknown": 1,
            "flags": 1 << 30,
        },
    )
    assert int(member.flags) == 1 << 30


def test_missing_optional_fields_take_defaults() -> None:
    member = member_serde.decode_member({"user": USER, "roles": []}, guild_id=Snowflake(5))
    assert member.joined_at is None
    assert member.nickname is None
    assert member.is_deaf is UNDEFINED
    role = serde.decode(models.Role, {"id": "1", "guild_id": "1", "name": "@everyone"})
    assert role.is_everyone
    assert role.mention == "@everyone"


# -- members -----------------------------------------------------------------------------------


def test_members_share_role_tuples_and_snowflakes() -> None:
    payloads = [
        {
            "user": USER | {"id": str(1000 + i)},
            "roles": ["11", "12"] if i % 2 else ["12"],
            "joined_at": "2020-01-01T00:00:00+00:00",
        }
        for i in range(10)
    ]
    decoded = member_serde.decode_members(payloads, Snowflake(9))
    tuples = {id(m.role_ids) for m in decoded.values()}
    assert len(tuples) == 2
    twelves = {id(r) for m in decoded.values() for r in m.role_ids if r == 12}
    assert len(twelves) == 1
    assert all(isinstance(r, Snowflake) for m in decoded.values() for r in m.role_ids)


def test_guild_create_definition_decodes_everything() -> None:
    payload = {
        "id": "10",
        "name": "g",
        "owner_id": "1",
        "roles": [{"id": "10", "name": "@everyone", "permissions": "0"}],
        "channels": [
            {"id": "20", "type": 0, "name": "general"},
            {"id": "21", "type": 55, "name": "future"},
        ],
        "threads": [
            {
                "id": "30",
                "type": 11,
                "parent_id": "20",
                "name": "t",
                "thread_metadata": {"archive_timestamp": "2024-01-01T00:00:00+00:00"},
            }
        ],
        "members": [{"user": USER, "roles": ["10"], "joined_at": "2021-01-01T00:00:00+00:00"}],
        "presences": [{"user": {"id": USER["id"]}, "status": "online", "activities": []}],
        "voice_states": [{"user_id": USER["id"], "channel_id": "20", "session_id": "s"}],
        "emojis": [{"id": "40", "name": "e"}],
    }
    d = guild_serde.decode_gateway_guild_definition(payload)
    assert d.id == 10
    assert isinstance(d.channels[Snowflake(20)], models.GuildTextChannel)
    assert d.channels[Snowflake(21)].guild_id == 10
    assert d.threads[Snowflake(30)].guild_id == 10
    member = d.members[Snowflake(USER["id"])]
    assert member.guild_id == 10
    assert member.role_ids == (10,)
    assert d.presences[Snowflake(USER["id"])].visible_status is models.Status.ONLINE
    assert d.voice_states[Snowflake(USER["id"])].guild_id == 10
    assert d.emojis[Snowflake(40)].guild_id == 10


def test_emoji_parse() -> None:
    custom = models.Emoji.parse("<a:party:123456789012345678>")
    assert isinstance(custom, models.CustomEmoji)
    assert custom.is_animated
    assert custom.name == "party"
    assert custom.id == 123456789012345678
    assert custom.url_name == "party:123456789012345678"
    assert custom.mention == "<a:party:123456789012345678>"
    unicode = models.Emoji.parse("👍")
    assert unicode == models.UnicodeEmoji(name="👍")
    assert unicode.url_name == "👍"
    with pytest.raises(ValueError, match="empty"):
        models.Emoji.parse("  ")


class FakeREST:
    """Records what the conveniences ask of REST."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[typing.Any, ...], dict[str, typing.Any]]] = []

    def __getattr__(self, name: str) -> typing.Any:
        async def call(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            self.calls.append((name, args, kwargs))
            return f"{name}-result"

        return call


class FakeApp:
    def __init__(self) -> None:
        self.rest = FakeREST()


async def test_member_conveniences_call_rest() -> None:
    app = FakeApp()
    member = member_serde.decode_member({"user": USER, "roles": []}, app, Snowflake(7))
    await member.add_role(55, reason="because")
    await member.remove_role(56)
    await member.kick(reason="bye")
    await member.ban(delete_message_seconds=60)
    await member.edit(nickname="new")
    await member.send("hi")
    names = [c[0] for c in app.rest.calls]
    assert names == [
        "add_role_to_member",
        "remove_role_from_member",
        "kick_user",
        "ban_user",
        "edit_member",
        "create_dm_channel",
        "create_message",
    ]
    assert app.rest.calls[0][1] == (7, member.user.id, 55)
    assert app.rest.calls[0][2] == {"reason": "because"}
    assert app.rest.calls[-1][1] == ("create_dm_channel-result", "hi")


async def test_conveniences_need_an_app() -> None:
    member = member_serde.decode_member({"user": USER, "roles": []}, None, Snowflake(7))
    with pytest.raises(RuntimeError, match=r"Member\.kick"):
        await member.kick()


def test_activity_encoding_is_exact() -> None:
    assert serde.encode(models.Activity(name="chess")) == {"name": "chess", "type": 0}
    streaming = models.Activity(
        name="live", type=models.ActivityType.STREAMING, url="https://twitch.tv/x"
    )
    assert serde.encode(streaming) == {"name": "live", "type": 1, "url": "https://twitch.tv/x"}
    custom = models.Activity(name="Custom Status", type=models.ActivityType.CUSTOM, state="coding")
    assert serde.encode(custom) == {"name": "Custom Status", "type": 4, "state": "coding"}


def test_permission_overwrite_encoding_is_exact() -> None:
    overwrite = models.PermissionOverwrite(
        id=Snowflake(5),
        type=models.PermissionOverwriteType.MEMBER,
        allow=Permissions(1024),
        deny=Permissions(2048),
    )
    assert serde.encode(overwrite) == {"id": "5", "type": 1, "allow": "1024", "deny": "2048"}


def test_webhook_token_hidden_from_repr() -> None:
    hook = serde.decode(
        models.PartialWebhook, {"id": "1", "type": 1, "token": "SECRET-TOKEN", "channel_id": "2"}
    )
    assert isinstance(hook, models.IncomingWebhook)
    assert "SECRET-TOKEN" not in repr(hook)
    assert hook.url is not None
    assert hook.url.endswith("/webhooks/1/SECRET-TOKEN")
