"""Hypothesis round trips (decode → encode → decode) for the message, interaction and application families.

The property: `encode(decode(p))` is a fixed point, i.e. decoding what we encoded gives a
model that encodes identically; and the fields a bot reads survive the trip.
"""

from __future__ import annotations

import typing

from hypothesis import given, settings
from hypothesis import strategies as st

from anycord import models, serde
from anycord.serde import (
    audit_logs,
    auto_mod,
    components,
    embeds,
    gateway,
    interactions,
    messages,
    polls,
)

from . import _payload_strategies as s

fast = settings(max_examples=40, deadline=None, database=None)
heavy = settings(max_examples=8, deadline=None, database=None)


def _fixed_point(cls: type, payload: typing.Any, **kwargs: typing.Any) -> typing.Any:
    first: typing.Any = serde.decode(cls, payload, **kwargs)
    encoded = serde.encode(first)
    second: typing.Any = serde.decode(cls, encoded, **kwargs)
    assert serde.encode(second) == encoded
    return first, second


@heavy
@given(s.messages)
def test_message_round_trip(payload: typing.Any) -> None:
    first, second = _fixed_point(models.Message, payload)
    assert second.id == first.id == int(payload["id"])
    assert second.content == payload["content"]
    assert second.type == payload["type"]
    assert [e.title for e in second.embeds] == [e.get("title") for e in payload["embeds"]]
    assert len(second.components) == len(payload.get("components", ()))
    if payload.get("referenced_message") is not None:
        assert second.referenced_message.id == int(payload["referenced_message"]["id"])


@fast
@given(s.components)
def test_component_round_trip(payload: typing.Any) -> None:
    decoded = components.decode_component(payload)
    encoded = components.encode_component(decoded)
    assert components.encode_component(components.decode_component(encoded)) == encoded
    assert decoded.type == payload["type"]


@fast
@given(s.embeds)
def test_embed_round_trip(payload: typing.Any) -> None:
    decoded = embeds.decode_embed(payload)
    encoded = embeds.encode_embed_unchecked(decoded)
    assert embeds.decode_embed(encoded) == decoded


@fast
@given(s.polls)
def test_poll_round_trip(payload: typing.Any) -> None:
    decoded = polls.decode_poll(payload)
    assert polls.decode_poll(polls.encode_poll(decoded)) == decoded
    assert len(decoded.answers) == len(payload["answers"])


applications = s._opt(
    {"id": s.snowflakes, "name": s.names, "description": s.texts, "verify_key": s.names},
    icon=s.names,
    bot_public=st.booleans(),
    flags=st.integers(0, 1 << 24),
    owner=s.users,
    team=st.fixed_dictionaries(
        {
            "id": s.snowflakes,
            "name": s.names,
            "icon": st.none(),
            "owner_user_id": s.snowflakes,
            "members": st.lists(
                st.fixed_dictionaries(
                    {
                        "user": s.users,
                        "team_id": s.snowflakes,
                        "membership_state": st.sampled_from([1, 2]),
                        "role": st.sampled_from(["admin", "developer", "new_role"]),
                        "permissions": st.just(["*"]),
                    }
                ),
                max_size=2,
            ),
        }
    ),
    tags=st.lists(s.names, max_size=2),
    install_params=st.fixed_dictionaries(
        {
            "scopes": st.lists(
                st.sampled_from(["bot", "applications.commands", "new.scope"]), max_size=2
            ),
            "permissions": st.integers(0, 1 << 40).map(str),
        }
    ),
    integration_types_config=st.dictionaries(st.sampled_from(["0", "1"]), st.just({}), max_size=2),
    event_webhooks_status=st.sampled_from([1, 2, 3, 9]),
)


@fast
@given(applications)
def test_application_round_trip(payload: typing.Any) -> None:
    _first, second = _fixed_point(models.Application, payload)
    assert second.name == payload["name"]


options = st.recursive(
    s._opt(
        {"type": st.integers(3, 11), "name": s.names, "description": s.texts},
        required=st.booleans(),
        choices=st.lists(
            st.fixed_dictionaries({"name": s.names, "value": st.one_of(s.names, s.small)}),
            max_size=2,
        ),
        min_value=s.small,
        autocomplete=st.booleans(),
    ),
    lambda children: s._opt(
        {"type": st.sampled_from([1, 2]), "name": s.names, "description": s.texts},
        options=st.lists(children, max_size=2),
    ),
    max_leaves=4,
)
commands = s._opt(
    {
        "id": s.snowflakes,
        "application_id": s.snowflakes,
        "name": s.names,
        "version": s.snowflakes,
        "type": st.sampled_from([1, 2, 3, 4, 9]),
    },
    guild_id=s.snowflakes,
    description=s.texts,
    options=st.lists(options, max_size=2),
    default_member_permissions=st.none() | st.integers(0, 1 << 40).map(str),
    contexts=st.none() | st.lists(st.integers(0, 2), max_size=3),
    integration_types=st.lists(st.integers(0, 1), max_size=2),
    handler=st.sampled_from([1, 2]),
    nsfw=st.booleans(),
)


@fast
@given(commands)
def test_command_round_trip(payload: typing.Any) -> None:
    _first, second = _fixed_point(models.PartialCommand, payload)
    assert second.type == payload["type"]
    if payload["type"] == 1:
        assert len(second.options or ()) == len(payload.get("options", ()))


@fast
@given(commands)
def test_command_builder_round_trip_is_exact(payload: typing.Any) -> None:
    payload = {
        k: v for k, v in payload.items() if k not in ("application_id", "version", "guild_id")
    }
    builder = serde.commands.decode_command_builder(payload)
    encoded = serde.encode(builder)
    assert serde.encode(serde.commands.decode_command_builder(encoded)) == encoded


interaction_options = st.recursive(
    s._opt(
        {"name": s.names, "type": st.integers(3, 10)},
        value=st.one_of(s.names, s.small, st.booleans()),
        focused=st.booleans(),
    ),
    lambda children: st.fixed_dictionaries(
        {
            "name": s.names,
            "type": st.sampled_from([1, 2]),
            "options": st.lists(children, max_size=2),
        }
    ),
    max_leaves=4,
)
_base = {
    "id": s.snowflakes,
    "application_id": s.snowflakes,
    "token": s.names,
    "version": st.just(1),
    "user": s.users,
}
_base_optional = {
    "channel_id": s.snowflakes,
    "locale": st.sampled_from(["en-US", "fr"]),
    "app_permissions": st.integers(0, 1 << 40).map(str),
    "context": st.integers(0, 2),
    "authorizing_integration_owners": st.dictionaries(
        st.sampled_from(["0", "1"]), s.snowflakes, max_size=2
    ),
    "entitlements": st.lists(
        st.fixed_dictionaries(
            {
                "id": s.snowflakes,
                "sku_id": s.snowflakes,
                "application_id": s.snowflakes,
                "type": st.integers(1, 8),
                "deleted": st.booleans(),
                "starts_at": st.none(),
                "ends_at": st.none(),
            }
        ),
        max_size=1,
    ),
}
interaction_payloads = st.one_of(
    s._opt(
        {
            **_base,
            "type": st.just(2),
            "data": s._opt(
                {"id": s.snowflakes, "name": s.names, "type": st.integers(1, 3)},
                options=st.lists(interaction_options, max_size=2),
                target_id=s.snowflakes,
                resolved=st.fixed_dictionaries(
                    {"users": st.dictionaries(s.snowflakes, s.users, max_size=2)}
                ),
            ),
        },
        **_base_optional,
    ),
    s._opt(
        {
            **_base,
            "type": st.just(4),
            "data": s._opt(
                {"id": s.snowflakes, "name": s.names, "type": st.just(1)},
                options=st.lists(interaction_options, max_size=2),
            ),
        },
        **_base_optional,
    ),
    s._opt(
        {
            **_base,
            "type": st.just(3),
            "message": s._message(st.none()),
            "data": s._opt(
                {"custom_id": s.names, "component_type": st.integers(2, 8)},
                values=st.lists(s.names, max_size=2),
            ),
        },
        **_base_optional,
    ),
    s._opt(
        {
            **_base,
            "type": st.just(5),
            "data": st.fixed_dictionaries(
                {"custom_id": s.names, "components": st.lists(s.components, max_size=2)}
            ),
        },
        **_base_optional,
    ),
)


@heavy
@given(interaction_payloads)
def test_interaction_round_trip(payload: typing.Any) -> None:
    first = interactions.decode_interaction(payload)
    encoded = interactions.encode_interaction(first)
    second = interactions.decode_interaction(encoded)
    assert interactions.encode_interaction(second) == encoded
    assert type(second) is type(first)
    assert second.token == payload["token"]
    assert second.user.id == int(payload["user"]["id"])


changes = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"key": st.sampled_from(["permissions", "allow", "deny"])},
            optional={
                "new_value": st.integers(0, 1 << 40).map(str),
                "old_value": st.integers(0, 99).map(str),
            },
        ),
        st.fixed_dictionaries(
            {
                "key": st.sampled_from(["$add", "$remove"]),
                "new_value": st.lists(
                    st.fixed_dictionaries({"id": s.snowflakes, "name": s.names}), max_size=2
                ),
            }
        ),
        st.fixed_dictionaries(
            {"key": st.sampled_from(["owner_id", "channel_id"]), "new_value": s.snowflakes}
        ),
        st.fixed_dictionaries(
            {
                "key": st.sampled_from(["name", "new_key_from_2030"]),
                "new_value": s.texts,
                "old_value": s.texts,
            }
        ),
        st.fixed_dictionaries({"key": st.just("color"), "new_value": st.integers(0, 0xFFFFFF)}),
    ),
    max_size=4,
)
audit_log_payloads = st.fixed_dictionaries(
    {
        "audit_log_entries": st.lists(
            s._opt(
                {
                    "id": s.snowflakes,
                    "action_type": st.integers(1, 200),
                    "user_id": st.none() | s.snowflakes,
                    "target_id": st.none() | s.snowflakes,
                    "changes": changes,
                },
                reason=s.texts,
                options=s._opt(
                    {}, count=s.small.map(str), channel_id=s.snowflakes, role_name=s.names
                ),
            ),
            max_size=3,
        ),
        "users": st.lists(s.users, max_size=2),
        "auto_moderation_rules": st.lists(
            st.just(
                {
                    "id": "5",
                    "guild_id": "6",
                    "name": "r",
                    "creator_id": "7",
                    "event_type": 1,
                    "trigger_type": 3,
                    "trigger_metadata": {},
                    "actions": [],
                    "enabled": True,
                    "exempt_roles": [],
                    "exempt_channels": [],
                }
            ),
            max_size=1,
        ),
    }
)


@fast
@given(audit_log_payloads)
def test_audit_log_round_trip(payload: typing.Any) -> None:
    first = audit_logs.decode_audit_log(payload)
    encoded = audit_logs.encode_audit_log(first)
    assert audit_logs.encode_audit_log(audit_logs.decode_audit_log(encoded)) == encoded
    assert set(first.entries) == {int(e["id"]) for e in payload["audit_log_entries"]}


rules = st.fixed_dictionaries(
    {
        "id": s.snowflakes,
        "guild_id": s.snowflakes,
        "name": s.names,
        "creator_id": s.snowflakes,
        "event_type": st.integers(1, 3),
        "trigger_type": st.sampled_from([1, 3, 4, 5, 6, 42]),
        "trigger_metadata": s._opt(
            {},
            keyword_filter=st.lists(s.names, max_size=2),
            presets=st.lists(st.integers(1, 4), max_size=2),
            mention_total_limit=s.small,
            allow_list=st.lists(s.names, max_size=2),
        ),
        "actions": st.lists(
            st.one_of(
                s._opt(
                    {"type": st.just(1)},
                    metadata=st.fixed_dictionaries({"custom_message": s.names}),
                ),
                st.fixed_dictionaries(
                    {
                        "type": st.just(2),
                        "metadata": st.fixed_dictionaries({"channel_id": s.snowflakes}),
                    }
                ),
                st.fixed_dictionaries(
                    {
                        "type": st.just(3),
                        "metadata": st.fixed_dictionaries({"duration_seconds": s.small}),
                    }
                ),
                st.fixed_dictionaries({"type": st.sampled_from([4, 77])}),
            ),
            max_size=3,
        ),
        "enabled": st.booleans(),
        "exempt_roles": st.lists(s.snowflakes, max_size=2),
        "exempt_channels": st.lists(s.snowflakes, max_size=2),
    }
)


@fast
@given(rules)
def test_auto_mod_rule_round_trip(payload: typing.Any) -> None:
    _first, second = _fixed_point(models.AutoModRule, payload)
    assert second.trigger.type == payload["trigger_type"]
    assert [a.type for a in second.actions] == [a["type"] for a in payload["actions"]]


@fast
@given(
    st.fixed_dictionaries(
        {
            "guild_id": s.snowflakes,
            "action": st.just({"type": 1}),
            "rule_id": s.snowflakes,
            "rule_trigger_type": st.integers(1, 9),
            "user_id": s.snowflakes,
            "content": s.texts,
            "matched_keyword": st.none() | s.names,
            "matched_content": st.none() | s.texts,
        },
        optional={"channel_id": s.snowflakes, "message_id": s.snowflakes},
    )
)
def test_auto_mod_execution_round_trip(payload: typing.Any) -> None:
    decoded = auto_mod.decode_action_execution(payload)
    assert auto_mod.encode_action_execution(decoded) == payload


events = s._opt(
    {
        "id": s.snowflakes,
        "guild_id": s.snowflakes,
        "name": s.names,
        "scheduled_start_time": s.timestamps,
        "privacy_level": st.just(2),
        "status": st.integers(1, 5),
        "entity_type": st.integers(1, 4),
    },
    channel_id=st.none() | s.snowflakes,
    creator_id=s.snowflakes,
    creator=s.users,
    description=st.none() | s.texts,
    scheduled_end_time=st.none() | s.timestamps,
    entity_metadata=st.fixed_dictionaries({"location": s.names}),
    user_count=s.small,
    image=st.none() | s.names,
    recurrence_rule=st.fixed_dictionaries(
        {
            "start": s.timestamps,
            "end": st.none(),
            "frequency": st.integers(0, 3),
            "interval": st.integers(1, 3),
            "by_weekday": st.none() | st.lists(st.integers(0, 6), max_size=2),
            "by_n_weekday": st.none(),
            "by_month": st.none(),
            "by_month_day": st.none(),
            "by_year_day": st.none(),
            "count": st.none(),
        }
    ),
)


@fast
@given(events)
def test_scheduled_event_round_trip(payload: typing.Any) -> None:
    _first, second = _fixed_point(models.ScheduledEvent, payload)
    assert second.name == payload["name"]
    if payload["entity_type"] == 3:
        assert isinstance(second, models.ScheduledExternalEvent)


@fast
@given(
    st.one_of(
        st.tuples(
            st.just(models.StageInstance),
            st.fixed_dictionaries(
                {
                    "id": s.snowflakes,
                    "guild_id": s.snowflakes,
                    "channel_id": s.snowflakes,
                    "topic": s.names,
                    "privacy_level": st.integers(1, 3),
                    "discoverable_disabled": st.booleans(),
                    "guild_scheduled_event_id": st.none() | s.snowflakes,
                }
            ),
        ),
        st.tuples(
            st.just(models.SKU),
            st.fixed_dictionaries(
                {
                    "id": s.snowflakes,
                    "type": st.integers(1, 7),
                    "application_id": s.snowflakes,
                    "name": s.names,
                    "slug": s.names,
                    "flags": st.integers(0, 511),
                }
            ),
        ),
        st.tuples(
            st.just(models.Entitlement),
            s._opt(
                {
                    "id": s.snowflakes,
                    "sku_id": s.snowflakes,
                    "application_id": s.snowflakes,
                    "type": st.integers(1, 9),
                    "deleted": st.booleans(),
                    "starts_at": st.none() | s.timestamps,
                    "ends_at": st.none() | s.timestamps,
                },
                user_id=s.snowflakes,
                guild_id=s.snowflakes,
                consumed=st.booleans(),
            ),
        ),
        st.tuples(
            st.just(models.Subscription),
            s._opt(
                {
                    "id": s.snowflakes,
                    "user_id": s.snowflakes,
                    "sku_ids": st.lists(s.snowflakes, max_size=2),
                    "entitlement_ids": st.lists(s.snowflakes, max_size=2),
                    "renewal_sku_ids": st.none() | st.lists(s.snowflakes, max_size=1),
                    "current_period_start": s.timestamps,
                    "current_period_end": s.timestamps,
                    "status": st.integers(0, 3),
                    "canceled_at": st.none() | s.timestamps,
                },
                country=s.names,
            ),
        ),
        st.tuples(
            st.just(models.SoundboardSound),
            s._opt(
                {
                    "sound_id": s.snowflakes,
                    "name": s.names,
                    "volume": st.floats(0, 1),
                    "emoji_id": st.none() | s.snowflakes,
                    "emoji_name": st.none() | s.names,
                    "available": st.booleans(),
                },
                guild_id=s.snowflakes,
            ),
        ),
        st.tuples(
            st.just(models.GatewayBotInfo),
            st.fixed_dictionaries(
                {
                    "url": s.names,
                    "shards": st.integers(1, 100),
                    "session_start_limit": st.fixed_dictionaries(
                        {
                            "total": s.small,
                            "remaining": s.small,
                            "reset_after": st.integers(0, 86_400_000),
                            "max_concurrency": st.integers(1, 16),
                        }
                    ),
                }
            ),
        ),
    )
)
def test_exact_round_trip_of_flat_families(case: typing.Any) -> None:
    cls, payload = case
    decoded = serde.decode(cls, payload)
    assert serde.encode(decoded) == payload


_ready_fields: dict[str, st.SearchStrategy[typing.Any]] = {
    "v": st.just(10),
    "user": s.users,
    "guilds": st.lists(
        st.fixed_dictionaries({"id": s.snowflakes, "unavailable": st.just(True)}),
        max_size=3,
        unique_by=lambda g: g["id"],
    ),
    "session_id": s.names,
    "resume_gateway_url": s.names,
    "application": st.fixed_dictionaries({"id": s.snowflakes, "flags": st.integers(0, 1 << 24)}),
}
ready_payloads = st.fixed_dictionaries(
    _ready_fields, optional={"shard": st.tuples(st.integers(0, 9), st.integers(10, 20)).map(list)}
)


@fast
@given(ready_payloads)
def test_ready_round_trip(payload: typing.Any) -> None:
    decoded = gateway.decode_ready(payload)
    again = gateway.decode_ready(gateway.encode_ready(decoded))
    assert again.session_id == payload["session_id"]
    assert set(again.guilds) == {int(g["id"]) for g in payload["guilds"]}
    assert again.shard == (tuple(payload["shard"]) if "shard" in payload else None)
    assert gateway.encode_ready(again) == gateway.encode_ready(decoded)


_chunk_member: st.SearchStrategy[dict[str, typing.Any]] = st.fixed_dictionaries(
    {
        "user": s.users,
        "roles": st.lists(s.snowflakes, max_size=2),
        "joined_at": s.timestamps,
        "deaf": st.booleans(),
        "mute": st.booleans(),
    }
)
_chunk_fields: dict[str, st.SearchStrategy[typing.Any]] = {
    "guild_id": s.snowflakes,
    "members": st.lists(_chunk_member, max_size=3, unique_by=lambda m: m["user"]["id"]),
    "chunk_index": st.integers(0, 5),
    "chunk_count": st.integers(6, 10),
}
_chunk_optional: dict[str, st.SearchStrategy[typing.Any]] = {
    "not_found": st.lists(s.snowflakes, max_size=2),
    "nonce": s.names,
}


@fast
@given(st.fixed_dictionaries(_chunk_fields, optional=_chunk_optional))
def test_member_chunk_round_trip(payload: typing.Any) -> None:
    decoded = gateway.decode_member_chunk(payload)
    encoded = gateway.encode_member_chunk(decoded)
    assert gateway.encode_member_chunk(gateway.decode_member_chunk(encoded)) == encoded
    assert set(decoded.members) == {int(m["user"]["id"]) for m in payload["members"]}
    assert decoded.nonce == payload.get("nonce")


def test_messages_module_is_used() -> None:
    # Guard: the message strategy exercises the module's decoder directly too.
    payload = {
        "id": "1",
        "channel_id": "2",
        "author": {"id": "3", "username": "x"},
        "timestamp": "2020-01-01T00:00:00+00:00",
    }
    assert messages.decode_message(payload).content == ""
