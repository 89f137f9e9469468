"""Compact records rebuild exactly the models the serde decoders build from the payload."""

from __future__ import annotations

import typing

from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.cache.records import MemberRecord, UserRecord, member_model, user_model
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
        "public_flags": st.integers(0, 1 << 23),
        "banner": st.one_of(st.none(), st.text(max_size=10)),
        "accent_color": st.one_of(st.none(), st.integers(0, 0xFFFFFF)),
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
        "flags": st.integers(0, 1 << 10),
        "communication_disabled_until": st.one_of(st.none(), timestamps),
    },
)


def _fields(obj: typing.Any) -> dict[str, typing.Any]:
    import attrs

    return {
        f.name: getattr(obj, f.name)
        for f in attrs.fields(type(obj))
        if f.name not in ("app", "user")
    }


@settings(max_examples=50, deadline=None)
@given(users)
def test_user_record_round_trips(payload: dict[str, typing.Any]) -> None:
    record = UserRecord(int(payload["id"]), payload)
    assert _fields(user_model(record)) == _fields(decode_user(payload))
    assert record.same_as(payload)


@settings(max_examples=50, deadline=None)
@given(members)
def test_member_record_round_trips(payload: dict[str, typing.Any]) -> None:
    interner = RoleIdInterner()
    user = UserRecord(int(payload["user"]["id"]), payload["user"])
    record = MemberRecord(user, payload, interner)
    expected = decode_member(payload, None, Snowflake(1))
    built = member_model(record, 1)
    assert _fields(built) == _fields(expected)
    assert _fields(built.user) == _fields(expected.user)


def test_packed_user_is_smaller_than_three_strings() -> None:
    payload = {
        "id": "1",
        "username": "someone",
        "global_name": "Some One",
        "avatar": "a_" + "ab" * 16,
    }
    record = UserRecord(1, payload)
    assert len(record.packed) == 2 + 7 + 2 + 8 + 16
    assert record.unpack() == ("someone", "Some One", "a_" + "ab" * 16)
