"""The packed `User`/`Member` models and the codec's fast constructors.

What is checked: every constructor keyword and attribute of `User`, `OwnUser`, `Member` and
`InteractionMember` still works (read, assign, `attrs.evolve`, repr, equality by ID); users
and members of a guild share interned shapes; `joined_at` stored as a float is exact to the
microsecond; a decoded member costs well under the 434 bytes it used to (tracemalloc); the
slot constructors refuse an incomplete field list and bypass attrs' converter hook; the fast
message and embed decoders give the same models as the keyword constructors, with and without
the rare message fields.
"""

from __future__ import annotations

import datetime
import gc
import tracemalloc
import typing

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.colors import Color
from anycord.models import base, users
from anycord.models.embeds import Embed, EmbedField, EmbedFooter, EmbedImage
from anycord.models.members import InteractionMember, Member, MemberFlag
from anycord.models.users import OwnUser, PremiumType, User, UserFlag
from anycord.permissions import Permissions
from anycord.serde import embeds as embed_serde
from anycord.serde import members as member_serde
from anycord.serde import messages as message_serde
from anycord.serde import users as user_serde
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

from ._compare import same_fields

GUILD = Snowflake(290926798626357999)
UTC = datetime.UTC


class _App:
    rest: typing.Any = None


def _user_payload(i: int, **extra: typing.Any) -> dict[str, typing.Any]:
    return {
        "id": str(80351110224678912 + i),
        "username": f"user{i}",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "public_flags": 0,
        **extra,
    }


def _member_payload(i: int, **extra: typing.Any) -> dict[str, typing.Any]:
    return {
        "user": _user_payload(i),
        "roles": [],
        "joined_at": "2021-03-04T05:06:07.123456+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        **extra,
    }


# -- User ----------------------------------------------------------------------------------------


def test_user_keywords_attributes_and_repr() -> None:
    app = _App()
    user = User(
        id=Snowflake(5),
        app=app,
        username="nelly",
        discriminator="1234",
        global_name="Nelly",
        avatar_hash="a_1",
        banner_hash="b",
        accent_color=Color(0x123456),
        is_bot=True,
        is_system=True,
        flags=UserFlag.HYPESQUAD_BRAVERY,
        avatar_decoration={"asset": "x"},
    )
    assert user.app is app
    assert (user.username, user.discriminator, user.global_name) == ("nelly", "1234", "Nelly")
    assert (user.avatar_hash, user.banner_hash, user.accent_color) == ("a_1", "b", 0x123456)
    assert user.is_bot is True
    assert user.is_system is True
    assert user.flags is UserFlag.HYPESQUAD_BRAVERY
    assert user.avatar_decoration == {"asset": "x"}
    assert str(user) == "nelly#1234"
    text = repr(user)
    assert text.startswith("User(id=5, username='nelly', discriminator='1234'")
    assert "_shape" not in text
    assert "app=" not in text

    user.flags = 3  # type: ignore[assignment]
    user.is_bot = False
    user.banner_hash = None
    assert user.flags == UserFlag.DISCORD_EMPLOYEE | UserFlag.PARTNERED_SERVER_OWNER
    assert type(user.flags) is UserFlag
    assert (user.is_bot, user.banner_hash, user.discriminator) == (False, None, "1234")


def test_user_setters_do_not_leak_into_shared_shapes() -> None:
    a = user_serde.decode_user(_user_payload(1))
    b = user_serde.decode_user(_user_payload(2))
    assert a._shape is b._shape
    a.is_bot = True
    assert (a.is_bot, b.is_bot) == (True, False)


def test_user_evolve_keeps_and_changes_fields() -> None:
    user = User(id=Snowflake(5), username="a", is_bot=True, flags=UserFlag.VERIFIED_BOT)
    changed = attrs.evolve(user, username="b", is_system=True)
    assert (changed.username, changed.is_bot, changed.is_system) == ("b", True, True)
    assert changed.flags is UserFlag.VERIFIED_BOT
    other_app = _App()
    moved = attrs.evolve(user, app=other_app, flags=4)  # type: ignore[arg-type]
    assert moved.app is other_app
    assert moved.is_bot is True
    assert moved.flags is UserFlag.HYPESQUAD_EVENTS
    assert (user.username, user.is_system) == ("a", False)
    assert changed == user
    assert hash(changed) == hash(user)


def test_own_user_keywords() -> None:
    me = OwnUser(
        id=Snowflake(1),
        username="me",
        is_bot=True,
        email="me@example.com",
        locale="en-US",
        is_mfa_enabled=True,
        is_verified=True,
        premium_type=PremiumType.NITRO,
    )
    assert (me.is_bot, me.email, me.locale, me.is_mfa_enabled) == (
        True,
        "me@example.com",
        "en-US",
        True,
    )
    assert me.premium_type is PremiumType.NITRO
    assert "me@example.com" not in repr(me)
    assert attrs.evolve(me, locale="fr").locale == "fr"
    assert attrs.evolve(me, locale="fr").is_bot is True
    assert me == User(id=Snowflake(1), username="other")


def test_decoded_users_share_shapes_per_app_and_fields() -> None:
    app = _App()
    plain = [user_serde.decode_user(_user_payload(i), app) for i in range(20)]
    assert len({id(u._shape) for u in plain}) == 1
    bot = user_serde.decode_user(_user_payload(99, bot=True), app)
    other_app = user_serde.decode_user(_user_payload(98))
    rare = user_serde.decode_user(_user_payload(97, banner="abc"), app)
    assert bot._shape is not plain[0]._shape
    assert bot.is_bot
    assert other_app._shape is not plain[0]._shape
    assert other_app.app is None
    assert plain[0].app is app
    assert rare._shape is not plain[0]._shape
    assert rare.banner_hash == "abc"


def test_user_shape_table_is_bounded() -> None:
    for flags in range(3000):
        users.user_shape(None, "0", False, False, flags)
    assert len(users._USER_SHAPES) <= users._MAX_SHAPES
    assert users.user_shape(None, "0", False, False, 2999).flags == 2999


# -- Member --------------------------------------------------------------------------------------


def test_member_keywords_attributes_and_repr() -> None:
    user = User(id=Snowflake(7), username="u")
    joined = datetime.datetime(2020, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    boost = datetime.datetime(2021, 1, 1, tzinfo=UTC)
    member = Member(
        user=user,
        guild_id=GUILD,
        nickname="nick",
        role_ids=(Snowflake(1),),
        joined_at=joined,
        premium_since=boost,
        is_deaf=True,
        is_mute=False,
        is_pending=UNDEFINED,
        flags=MemberFlag.DID_REJOIN,
        raw_communication_disabled_until=boost,
        guild_avatar_hash="gav",
        guild_banner_hash="gban",
        guild_avatar_decoration={"asset": "y"},
    )
    assert (member.user, member.guild_id, member.nickname) == (user, GUILD, "nick")
    assert member.role_ids == (1,)
    assert member.joined_at == joined
    assert member.joined_at.tzinfo is UTC
    assert member.premium_since == boost
    assert (member.is_deaf, member.is_mute, member.is_pending) == (True, False, UNDEFINED)
    assert member.flags is MemberFlag.DID_REJOIN
    assert member.raw_communication_disabled_until == boost
    assert (member.guild_avatar_hash, member.guild_banner_hash) == ("gav", "gban")
    assert member.guild_avatar_decoration == {"asset": "y"}
    text = repr(member)
    assert "guild_id=290926798626357999, nickname='nick'" in text
    assert "_shape" not in text

    member.joined_at = None
    member.is_mute = True
    member.guild_id = Snowflake(1)
    assert (member.joined_at, member.is_mute, member.guild_id) == (None, True, 1)


def test_member_evolve_and_equality() -> None:
    member = member_serde.decode_member(_member_payload(1, nick="a"), None, GUILD)
    changed = attrs.evolve(member, nickname="b", is_pending=True)
    assert (changed.nickname, changed.is_pending, changed.is_deaf) == ("b", True, False)
    assert changed.joined_at == member.joined_at
    assert changed.guild_id == GUILD
    assert (member.nickname, member.is_pending) == ("a", UNDEFINED)
    assert changed == member
    assert hash(changed) == hash(member)
    moved = attrs.evolve(member, guild_id=Snowflake(3), flags=2)  # type: ignore[arg-type]
    assert member != moved
    assert (moved.guild_id, moved.is_deaf, moved.nickname) == (3, False, "a")
    assert moved.flags is MemberFlag.COMPLETED_ONBOARDING
    assert member.guild_id == GUILD
    with pytest.raises(TypeError, match="guild_id"):
        Member(user=member.user)


def test_interaction_member_keywords() -> None:
    member = InteractionMember(
        user=User(id=Snowflake(7), username="u"),
        guild_id=GUILD,
        is_deaf=False,
        permissions=Permissions.ADMINISTRATOR,
    )
    assert member.permissions == Permissions.ADMINISTRATOR
    assert member.is_deaf is False
    assert "permissions=" in repr(member)
    assert attrs.evolve(member, nickname="n").permissions == Permissions.ADMINISTRATOR


def test_members_of_a_guild_share_shapes() -> None:
    decoded = member_serde.decode_members([_member_payload(i) for i in range(50)], GUILD)
    assert len({id(m._shape) for m in decoded.values()}) == 1
    assert len({id(m.user._shape) for m in decoded.values()}) == 1
    boosted = member_serde.decode_member(
        _member_payload(51, premium_since="2022-01-01T00:00:00+00:00"), None, GUILD
    )
    assert boosted._shape is not next(iter(decoded.values()))._shape
    assert boosted.premium_since == datetime.datetime(2022, 1, 1, tzinfo=UTC)


timestamps = st.datetimes(
    min_value=datetime.datetime(2015, 1, 1),
    max_value=datetime.datetime(2105, 12, 31),
    timezones=st.just(UTC),
)


@settings(max_examples=300, deadline=None)
@given(timestamps)
def test_joined_at_round_trips_exactly(joined: datetime.datetime) -> None:
    text = joined.isoformat()
    member = member_serde.decode_member(_member_payload(1, joined_at=text), None, GUILD)
    assert type(member._joined) is float
    assert member.joined_at == joined
    assert member.joined_at.isoformat() == text
    assert member_serde.encode_member(member)["joined_at"] == text
    built = Member(user=member.user, guild_id=GUILD, joined_at=joined)
    assert built.joined_at == joined
    assert built._joined == member._joined


def test_non_utc_and_naive_joined_at_are_kept_as_given() -> None:
    user = User(id=Snowflake(7), username="u")
    plus_two = datetime.datetime(
        2020, 1, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    naive = datetime.datetime(2020, 1, 1, 12)
    kept = Member(user=user, guild_id=GUILD, joined_at=plus_two).joined_at
    assert kept is not None
    assert kept.isoformat() == plus_two.isoformat()
    assert Member(user=user, guild_id=GUILD, joined_at=naive).joined_at == naive


def test_decoded_member_memory() -> None:
    """tracemalloc per member (member, user, ID, timestamp, dict entry): 434 B before packing."""
    payloads = [_member_payload(i, nick=None if i % 4 else f"n{i}") for i in range(1000)]
    member_serde.decode_members(payloads[:10], GUILD)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = member_serde.decode_members(payloads, GUILD)
        gc.collect()
        per_member = (tracemalloc.get_traced_memory()[0] - before) / len(payloads)
    finally:
        tracemalloc.stop()
    assert len(kept) == 1000
    assert per_member < 300, per_member


# -- slot constructors ---------------------------------------------------------------------------


def test_slots_constructor_requires_every_field() -> None:
    with pytest.raises(TypeError, match=r"missing \['is_inline'\]"):
        base.slots_constructor(EmbedField, "name", "value")
    with pytest.raises(TypeError, match=r"unknown \['nope'\]"):
        base.slots_constructor(EmbedField, "name", "value", "is_inline", "nope")


def test_slots_constructor_matches_init_and_skips_the_converter_hook() -> None:
    make = base.slots_constructor(EmbedField, "value", "name", "is_inline")
    assert make("v", "n", True) == EmbedField(name="n", value="v", is_inline=True)
    # Embed has a converter on `color`, so attrs gives it a __setattr__ hook; the fast path
    # must not run it (it would wrap again) yet must set the slot.
    assert Embed.__setattr__ is not object.__setattr__
    color = Color(5)
    embed = embed_serde._make_embed(*([None] * 3), color, *([None] * 8), [])
    assert embed.color is color
    assert embed == Embed(color=5)


def test_fast_embed_decoder_equals_keyword_models() -> None:
    payload = {
        "type": "rich",
        "title": "t",
        "color": 0x5865F2,
        "timestamp": "2024-01-02T03:04:05.678000+00:00",
        "footer": {"text": "f", "icon_url": "https://x/f.png"},
        "image": {"url": "https://x/i.png", "width": 4, "height": 3, "flags": 32},
        "fields": [{"name": "a", "value": "b"}, {"name": "c", "value": "d", "inline": True}],
    }
    expected = Embed(
        type="rich",
        title="t",
        color=0x5865F2,
        timestamp=datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        footer=EmbedFooter(text="f", icon_url="https://x/f.png"),
        image=EmbedImage(url="https://x/i.png", width=4, height=3, flags=32),  # type: ignore[arg-type]
        fields=[EmbedField(name="a", value="b"), EmbedField(name="c", value="d", is_inline=True)],
    )
    assert embed_serde.decode_embed(payload) == expected
    assert embed_serde.decode_embed({}) == Embed()


def _message_payload(**extra: typing.Any) -> dict[str, typing.Any]:
    return {
        "id": "1100000000000000001",
        "channel_id": "41771983423143937",
        "guild_id": str(GUILD),
        "author": _user_payload(1),
        "member": {
            "roles": [],
            "joined_at": "2020-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
        },
        "content": "hi",
        "timestamp": "2024-05-01T12:00:00.000000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [_user_payload(2)],
        "mention_roles": ["5"],
        "attachments": [],
        "embeds": [],
        "reactions": [
            {"count": 2, "me": True, "emoji": {"id": None, "name": "x"}, "burst_colors": ["#fff"]}
        ],
        "pinned": False,
        "type": 0,
        "flags": 0,
        **extra,
    }


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"webhook_id": "77", "position": 3},
        {"referenced_message": None, "sticker_items": [{"id": "9", "name": "s", "format_type": 1}]},
    ],
)
def test_fast_message_decoder_fields(extra: dict[str, typing.Any]) -> None:
    payload = _message_payload(**extra)
    message = message_serde.decode_message(payload, None)
    assert (message.id, message.channel_id, message.guild_id) == (
        1100000000000000001,
        41771983423143937,
        GUILD,
    )
    assert message.author.username == "user1"
    assert message.member is not None
    assert message.member.user is message.author
    assert message.member.guild_id == GUILD
    assert (message.content, message.is_tts, message.is_pinned) == ("hi", False, False)
    assert message.timestamp == datetime.datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert message.reactions[0].count_details.normal == 2
    assert message.reactions[0].is_me
    assert message.reactions[0].burst_colors == ("#fff",)
    assert list(message.mentions.users) == [80351110224678914]
    assert message.mentions.role_ids == (5,)
    assert message.webhook_id == (77 if "webhook_id" in extra else None)
    assert message.position == extra.get("position")
    assert message.referenced_message is (None if "referenced_message" in extra else UNDEFINED)
    assert len(message.stickers) == len(extra.get("sticker_items", ()))
    assert (message.activity, message.application, message.poll, message.call) == (None,) * 4
    assert message.message_snapshots == ()
    assert message.interaction is None
    again = message_serde.decode_message(message_serde.encode_message(message))
    same_fields(again, message)
