"""Packed cache values rebuild exactly the models the serde decoders build from the payload,
stored alone or through the cache (reads, views, `old_*` snapshots)."""

from __future__ import annotations

import sys
import typing

from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.cache.cache import Cache
from anycord.cache.records import member_model, pack_member, pack_user, user_model
from anycord.serde.members import RoleIdInterner, decode_member
from anycord.serde.users import decode_user
from anycord.snowflakes import Snowflake

names = st.text(min_size=1, max_size=40)
hashes = st.one_of(
    st.none(),
    st.from_regex(r"\A(a_)?[0-9a-f]{32}\Z"),
    st.text(max_size=40),  # anything else Discord might send one day
)
snowflakes = st.integers(min_value=1, max_value=(1 << 63) - 1).map(str)
timestamps = st.datetimes(
    min_value=__import__("datetime").datetime(2015, 1, 1),
    max_value=__import__("datetime").datetime(2100, 1, 1),
).map(lambda d: d.isoformat() + "+00:00")

users = st.fixed_dictionaries(
    {"id": snowflakes, "username": names},
    optional={
        "global_name": st.one_of(st.none(), names),
        "avatar": hashes,
        "discriminator": st.sampled_from(["0", "1234"]),
        "bot": st.booleans(),
        "system": st.booleans(),
        "public_flags": st.one_of(st.integers(0, 1 << 23), st.integers(1 << 32, 1 << 40)),
        "banner": st.one_of(st.none(), st.text(max_size=10), hashes),
        "accent_color": st.one_of(st.none(), st.integers(0, 0xFFFFFF)),
        "avatar_decoration_data": st.one_of(
            st.none(), st.fixed_dictionaries({"asset": st.text(max_size=8), "sku_id": snowflakes})
        ),
    },
)
members = st.fixed_dictionaries(
    {
        "user": users,
        "roles": st.lists(snowflakes, max_size=4),
        "joined_at": st.one_of(st.none(), timestamps),
    },
    optional={
        "nick": st.one_of(st.none(), names),
        "avatar": hashes,
        "premium_since": st.one_of(st.none(), timestamps),
        "deaf": st.booleans(),
        "mute": st.booleans(),
        "pending": st.booleans(),
        "flags": st.one_of(st.integers(0, 1 << 10), st.integers(1 << 26, 1 << 70)),
        "communication_disabled_until": st.one_of(st.none(), timestamps),
        "banner": hashes,
    },
)


def _user_id(member: dict[str, typing.Any]) -> str:
    return typing.cast("str", member["user"]["id"])


def _fields(obj: typing.Any) -> dict[str, typing.Any]:
    import attrs

    return {
        f.name: getattr(obj, f.name)
        for f in attrs.fields(type(obj))
        if f.name not in ("app", "user")
    }


@settings(max_examples=100, deadline=None)
@given(users)
def test_packed_user_round_trips(payload: dict[str, typing.Any]) -> None:
    value = pack_user(payload)
    assert _fields(user_model(int(payload["id"]), value)) == _fields(decode_user(payload))
    assert pack_user(dict(payload)) == value


@settings(max_examples=100, deadline=None)
@given(members)
def test_packed_member_round_trips(payload: dict[str, typing.Any]) -> None:
    interner = RoleIdInterner()
    user_id = int(payload["user"]["id"])
    value = pack_member(payload, interner)
    expected = decode_member(payload, None, Snowflake(1))
    built = member_model(user_id, value, pack_user(payload["user"]), 1, interner)
    assert _fields(built) == _fields(expected)
    assert _fields(built.user) == _fields(expected.user)


@settings(max_examples=50, deadline=None)
@given(st.lists(members, min_size=1, max_size=5, unique_by=_user_id), members)
def test_cache_reads_views_and_old_members_match_the_payloads(
    payloads: list[dict[str, typing.Any]], update: dict[str, typing.Any]
) -> None:
    cache = Cache()
    guild = {"id": "1", "name": "g", "members": payloads}
    cache.apply_guild_create(guild)
    view = cache.get_members_view_for_guild(1)
    for payload in payloads:
        user_id = int(payload["user"]["id"])
        expected = decode_member(payload, None, Snowflake(1))
        for built in (cache.get_member(1, user_id), view[Snowflake(user_id)]):
            assert built is not None
            assert _fields(built) == _fields(expected)
            assert _fields(built.user) == _fields(expected.user)
        user = cache.get_user(user_id)
        assert user is not None
        assert _fields(user) == _fields(decode_user(payload["user"]))
        assert _fields(cache.get_users_view()[Snowflake(user_id)]) == _fields(user)
    # GUILD_MEMBER_UPDATE of the first member: the old member is the state before it.
    first = payloads[0]
    changed = {**update, "user": {**update["user"], "id": first["user"]["id"]}, "guild_id": "1"}
    old = cache.apply_member_update(changed)
    assert old is not None
    expected_old = decode_member(first, None, Snowflake(1))
    assert _fields(old()) == _fields(expected_old)
    assert _fields(old().user) == _fields(expected_old.user)
    new = cache.get_member(1, int(first["user"]["id"]))
    assert new is not None
    assert new.nickname == changed.get("nick")
    assert _fields(new.user) == _fields(decode_user(changed["user"]))
    removed = cache.apply_member_remove({"guild_id": "1", "user": changed["user"]})
    assert removed is not None
    assert _fields(removed()) == _fields(new)
    assert cache.get_member(1, int(first["user"]["id"])) is None


def test_member_update_keeps_the_booleans_it_leaves_out() -> None:
    interner = RoleIdInterner()
    user = {"id": "5", "username": "u"}
    before = pack_member(
        {"user": user, "roles": [], "deaf": True, "mute": False, "pending": True}, interner
    )
    after = pack_member({"user": user, "roles": ["7"], "nick": "n"}, interner, before)
    member = member_model(5, after, pack_user(user), 1, interner)
    assert (member.is_deaf, member.is_mute, member.is_pending) == (True, False, True)
    assert member.role_ids == (Snowflake(7),)


def test_members_past_65536_role_sets_keep_their_roles() -> None:
    interner = RoleIdInterner()
    for n in range(1 << 16):
        interner.index([str(n + 1)])
    user = {"id": "5", "username": "u"}
    value = pack_member({"user": user, "roles": ["99", "100"], "flags": 3}, interner)
    member = member_model(5, value, pack_user(user), 1, interner)
    assert member.role_ids == (Snowflake(99), Snowflake(100))
    assert member.flags == 3


def test_a_plain_member_is_one_small_bytes_object() -> None:
    interner = RoleIdInterner()
    payload: dict[str, typing.Any] = {
        "user": {"id": "5", "username": "user12345"},
        "roles": [],
        "joined_at": "2021-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
    }
    member = pack_member(payload, interner)
    user = pack_user(payload["user"])
    assert type(member) is bytes
    assert type(user) is bytes
    # 48-byte allocations each, and neither tracked by the garbage collector.
    assert sys.getsizeof(member) <= 48
    assert sys.getsizeof(user) <= 48


def test_packed_user_is_smaller_than_three_strings() -> None:
    payload = {
        "id": "1",
        "username": "someone",
        "global_name": "Some One",
        "avatar": "a_" + "ab" * 16,
    }
    value = pack_user(payload)
    assert isinstance(value, bytes)
    assert len(value) == 1 + 2 + 7 + 2 + 8 + 16
    user = user_model(1, value)
    assert (user.username, user.global_name, user.avatar_hash) == (
        "someone",
        "Some One",
        "a_" + "ab" * 16,
    )
