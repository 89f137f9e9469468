"""Every gateway dispatch name builds its event from a payload in the docs' shape."""

from __future__ import annotations

import json
import pathlib
import typing

import anyio
import pytest

from anycord import events as ev
from anycord.dispatch.manager import EventManager
from anycord.events.registry import HANDLED_BY_SHARD, REGISTRY
from tests.cache import payloads as p

G = p.GUILD
C = p.TEXT
U = "700000000000000001"
M = "800000000000000001"

EMOJI = {"id": None, "name": "🔥"}
AUTOMOD_RULE = {
    "id": "1",
    "guild_id": G,
    "name": "rule",
    "creator_id": U,
    "event_type": 1,
    "trigger_type": 1,
    "trigger_metadata": {"keyword_filter": ["x"]},
    "actions": [{"type": 1, "metadata": {}}],
    "enabled": True,
    "exempt_roles": [],
    "exempt_channels": [],
}
SCHEDULED = {
    "id": "2",
    "guild_id": G,
    "channel_id": None,
    "creator_id": U,
    "name": "party",
    "description": None,
    "scheduled_start_time": "2030-01-01T00:00:00+00:00",
    "scheduled_end_time": "2030-01-01T01:00:00+00:00",
    "privacy_level": 2,
    "status": 1,
    "entity_type": 3,
    "entity_id": None,
    "entity_metadata": {"location": "here"},
}
ENTITLEMENT = {
    "id": "3",
    "sku_id": "4",
    "application_id": "5",
    "user_id": U,
    "type": 8,
    "deleted": False,
    "starts_at": None,
    "ends_at": None,
    "consumed": False,
}
SUBSCRIPTION = {
    "id": "6",
    "user_id": U,
    "sku_ids": ["4"],
    "entitlement_ids": ["3"],
    "current_period_start": "2030-01-01T00:00:00+00:00",
    "current_period_end": "2030-02-01T00:00:00+00:00",
    "status": 0,
    "canceled_at": None,
}
SOUND = {
    "name": "boom",
    "sound_id": "7",
    "volume": 1.0,
    "emoji_id": None,
    "emoji_name": None,
    "guild_id": G,
    "available": True,
}
INTEGRATION = {
    "id": "8",
    "name": "twitch",
    "type": "twitch",
    "enabled": True,
    "account": {"id": "9", "name": "acc"},
    "guild_id": G,
}
INTERACTION = {
    "id": "10",
    "application_id": "5",
    "type": 2,
    "data": {"id": "11", "name": "ping", "type": 1},
    "guild_id": G,
    "channel_id": C,
    "member": {**p.member(U), "permissions": "0"},
    "token": "tok",
    "version": 1,
    "app_permissions": "0",
    "locale": "en-US",
    "entitlements": [],
    "authorizing_integration_owners": {},
    "attachment_size_limit": 1000,
}

CASES: dict[str, tuple[dict[str, typing.Any], type[ev.Event]]] = {
    "READY": (p.ready(), ev.ShardReadyEvent),
    "RESUMED": ({}, ev.ShardResumedEvent),
    "RATE_LIMITED": (
        {"opcode": 8, "retry_after": 2.5, "meta": {"guild_id": G}},
        ev.ShardRateLimitedEvent,
    ),
    "GUILD_MEMBERS_CHUNK": (
        {
            "guild_id": G,
            "members": [p.member(U)],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": ["1"],
        },
        ev.MemberChunkEvent,
    ),
    "APPLICATION_COMMAND_PERMISSIONS_UPDATE": (
        {
            "id": "11",
            "application_id": "5",
            "guild_id": G,
            "permissions": [{"id": U, "type": 2, "permission": True}],
        },
        ev.ApplicationCommandPermissionsUpdateEvent,
    ),
    "AUTO_MODERATION_RULE_CREATE": (AUTOMOD_RULE, ev.AutoModRuleCreateEvent),
    "AUTO_MODERATION_RULE_UPDATE": (AUTOMOD_RULE, ev.AutoModRuleUpdateEvent),
    "AUTO_MODERATION_RULE_DELETE": (AUTOMOD_RULE, ev.AutoModRuleDeleteEvent),
    "AUTO_MODERATION_ACTION_EXECUTION": (
        {
            "guild_id": G,
            "action": {"type": 1, "metadata": {}},
            "rule_id": "1",
            "rule_trigger_type": 1,
            "user_id": U,
            "channel_id": C,
            "content": "bad",
            "matched_keyword": "bad",
            "matched_content": "bad",
        },
        ev.AutoModActionExecutionEvent,
    ),
    "CHANNEL_CREATE": (p.text_channel(guild_id=G), ev.GuildChannelCreateEvent),
    "CHANNEL_UPDATE": (p.text_channel(guild_id=G), ev.GuildChannelUpdateEvent),
    "CHANNEL_DELETE": (p.text_channel(guild_id=G), ev.GuildChannelDeleteEvent),
    "CHANNEL_INFO": ({"guild_id": G, "channels": [{"id": C, "status": "hi"}]}, ev.ChannelInfoEvent),
    "CHANNEL_PINS_UPDATE": (
        {"guild_id": G, "channel_id": C, "last_pin_timestamp": None},
        ev.GuildPinsUpdateEvent,
    ),
    "VOICE_CHANNEL_STATUS_UPDATE": (
        {"id": C, "guild_id": G, "status": "live"},
        ev.VoiceChannelStatusUpdateEvent,
    ),
    "VOICE_CHANNEL_START_TIME_UPDATE": (
        {"id": C, "guild_id": G, "voice_start_time": 1700000000},
        ev.VoiceChannelStartTimeUpdateEvent,
    ),
    "THREAD_CREATE": ({**p.thread(), "newly_created": True}, ev.GuildThreadCreateEvent),
    "THREAD_UPDATE": (p.thread(), ev.GuildThreadUpdateEvent),
    "THREAD_DELETE": (
        {"id": p.THREAD, "guild_id": G, "parent_id": C, "type": 11},
        ev.GuildThreadDeleteEvent,
    ),
    "THREAD_LIST_SYNC": (
        {"guild_id": G, "threads": [p.thread()], "members": []},
        ev.ThreadListSyncEvent,
    ),
    "THREAD_MEMBER_UPDATE": (
        {
            "id": p.THREAD,
            "user_id": U,
            "join_timestamp": "2024-01-01T00:00:00+00:00",
            "flags": 0,
            "guild_id": G,
        },
        ev.ThreadMemberUpdateEvent,
    ),
    "THREAD_MEMBERS_UPDATE": (
        {"id": p.THREAD, "guild_id": G, "member_count": 2, "removed_member_ids": [U]},
        ev.ThreadMembersUpdateEvent,
    ),
    "ENTITLEMENT_CREATE": (ENTITLEMENT, ev.EntitlementCreateEvent),
    "ENTITLEMENT_UPDATE": (ENTITLEMENT, ev.EntitlementUpdateEvent),
    "ENTITLEMENT_DELETE": (ENTITLEMENT, ev.EntitlementDeleteEvent),
    "SUBSCRIPTION_CREATE": (SUBSCRIPTION, ev.SubscriptionCreateEvent),
    "SUBSCRIPTION_UPDATE": (SUBSCRIPTION, ev.SubscriptionUpdateEvent),
    "SUBSCRIPTION_DELETE": (SUBSCRIPTION, ev.SubscriptionDeleteEvent),
    "GUILD_CREATE": (p.guild_create(), ev.GuildJoinEvent),
    "GUILD_UPDATE": (
        {k: v for k, v in p.guild_create().items() if k != "unavailable"},
        ev.GuildUpdateEvent,
    ),
    "GUILD_DELETE": ({"id": G, "unavailable": True}, ev.GuildUnavailableEvent),
    "GUILD_AUDIT_LOG_ENTRY_CREATE": (
        {
            "id": "12",
            "guild_id": G,
            "user_id": U,
            "target_id": U,
            "action_type": 22,
            "changes": [],
            "reason": "spam",
        },
        ev.AuditLogEntryCreateEvent,
    ),
    "GUILD_BAN_ADD": ({"guild_id": G, "user": p.user(U)}, ev.BanCreateEvent),
    "GUILD_BAN_REMOVE": ({"guild_id": G, "user": p.user(U)}, ev.BanDeleteEvent),
    "GUILD_EMOJIS_UPDATE": ({"guild_id": G, "emojis": [p.emoji()]}, ev.EmojisUpdateEvent),
    "GUILD_STICKERS_UPDATE": ({"guild_id": G, "stickers": [p.sticker()]}, ev.StickersUpdateEvent),
    "GUILD_INTEGRATIONS_UPDATE": ({"guild_id": G}, ev.GuildIntegrationsUpdateEvent),
    "INTEGRATION_CREATE": (INTEGRATION, ev.IntegrationCreateEvent),
    "INTEGRATION_UPDATE": (INTEGRATION, ev.IntegrationUpdateEvent),
    "INTEGRATION_DELETE": (
        {"id": "8", "guild_id": G, "application_id": "5"},
        ev.IntegrationDeleteEvent,
    ),
    "PRESENCE_UPDATE": (p.presence(U), ev.PresenceUpdateEvent),
    "GUILD_SOUNDBOARD_SOUND_CREATE": (SOUND, ev.SoundboardSoundCreateEvent),
    "GUILD_SOUNDBOARD_SOUND_UPDATE": (SOUND, ev.SoundboardSoundUpdateEvent),
    "GUILD_SOUNDBOARD_SOUND_DELETE": (
        {"sound_id": "7", "guild_id": G},
        ev.SoundboardSoundDeleteEvent,
    ),
    "GUILD_SOUNDBOARD_SOUNDS_UPDATE": (
        {"guild_id": G, "soundboard_sounds": [SOUND]},
        ev.SoundboardSoundsUpdateEvent,
    ),
    "SOUNDBOARD_SOUNDS": ({"guild_id": G, "soundboard_sounds": [SOUND]}, ev.SoundboardSoundsEvent),
    "GUILD_MEMBER_ADD": ({**p.member(U), "guild_id": G}, ev.MemberCreateEvent),
    "GUILD_MEMBER_UPDATE": ({**p.member(U), "guild_id": G}, ev.MemberUpdateEvent),
    "GUILD_MEMBER_REMOVE": ({"guild_id": G, "user": p.user(U)}, ev.MemberDeleteEvent),
    "GUILD_ROLE_CREATE": ({"guild_id": G, "role": p.role(p.ROLE)}, ev.RoleCreateEvent),
    "GUILD_ROLE_UPDATE": ({"guild_id": G, "role": p.role(p.ROLE)}, ev.RoleUpdateEvent),
    "GUILD_ROLE_DELETE": ({"guild_id": G, "role_id": p.ROLE}, ev.RoleDeleteEvent),
    "GUILD_SCHEDULED_EVENT_CREATE": (SCHEDULED, ev.ScheduledEventCreateEvent),
    "GUILD_SCHEDULED_EVENT_UPDATE": (SCHEDULED, ev.ScheduledEventUpdateEvent),
    "GUILD_SCHEDULED_EVENT_DELETE": (SCHEDULED, ev.ScheduledEventDeleteEvent),
    "GUILD_SCHEDULED_EVENT_USER_ADD": (
        {"guild_scheduled_event_id": "2", "user_id": U, "guild_id": G},
        ev.ScheduledEventUserAddEvent,
    ),
    "GUILD_SCHEDULED_EVENT_USER_REMOVE": (
        {"guild_scheduled_event_id": "2", "user_id": U, "guild_id": G},
        ev.ScheduledEventUserRemoveEvent,
    ),
    "STAGE_INSTANCE_CREATE": (
        {
            "id": "13",
            "guild_id": G,
            "channel_id": C,
            "topic": "t",
            "privacy_level": 2,
            "discoverable_disabled": False,
        },
        ev.StageInstanceCreateEvent,
    ),
    "STAGE_INSTANCE_UPDATE": (
        {
            "id": "13",
            "guild_id": G,
            "channel_id": C,
            "topic": "t",
            "privacy_level": 2,
            "discoverable_disabled": False,
        },
        ev.StageInstanceUpdateEvent,
    ),
    "STAGE_INSTANCE_DELETE": (
        {
            "id": "13",
            "guild_id": G,
            "channel_id": C,
            "topic": "t",
            "privacy_level": 2,
            "discoverable_disabled": False,
        },
        ev.StageInstanceDeleteEvent,
    ),
    "MESSAGE_CREATE": (p.message(M), ev.GuildMessageCreateEvent),
    "MESSAGE_UPDATE": ({"id": M, "channel_id": C, "content": "x"}, ev.DMMessageUpdateEvent),
    "MESSAGE_DELETE": ({"id": M, "channel_id": C}, ev.DMMessageDeleteEvent),
    "MESSAGE_DELETE_BULK": (
        {"ids": [M], "channel_id": C, "guild_id": G},
        ev.GuildBulkMessageDeleteEvent,
    ),
    "MESSAGE_REACTION_ADD": (
        {
            "user_id": U,
            "channel_id": C,
            "message_id": M,
            "guild_id": G,
            "member": p.member(U),
            "emoji": EMOJI,
            "burst": False,
            "type": 0,
        },
        ev.GuildReactionAddEvent,
    ),
    "MESSAGE_REACTION_REMOVE": (
        {"user_id": U, "channel_id": C, "message_id": M, "emoji": EMOJI, "burst": False, "type": 0},
        ev.DMReactionDeleteEvent,
    ),
    "MESSAGE_REACTION_REMOVE_ALL": (
        {"channel_id": C, "message_id": M, "guild_id": G},
        ev.GuildReactionDeleteAllEvent,
    ),
    "MESSAGE_REACTION_REMOVE_EMOJI": (
        {"channel_id": C, "message_id": M, "emoji": EMOJI},
        ev.DMReactionDeleteEmojiEvent,
    ),
    "MESSAGE_POLL_VOTE_ADD": (
        {"user_id": U, "channel_id": C, "message_id": M, "guild_id": G, "answer_id": 1},
        ev.PollVoteCreateEvent,
    ),
    "MESSAGE_POLL_VOTE_REMOVE": (
        {"user_id": U, "channel_id": C, "message_id": M, "answer_id": 1},
        ev.PollVoteDeleteEvent,
    ),
    "TYPING_START": (
        {
            "channel_id": C,
            "guild_id": G,
            "user_id": U,
            "timestamp": 1700000000,
            "member": p.member(U),
        },
        ev.GuildTypingEvent,
    ),
    "USER_UPDATE": (p.ready()["user"], ev.OwnUserUpdateEvent),
    "VOICE_STATE_UPDATE": (p.voice_state(U), ev.VoiceStateUpdateEvent),
    "VOICE_SERVER_UPDATE": (
        {"token": "secret", "guild_id": G, "endpoint": "voice.example"},
        ev.VoiceServerUpdateEvent,
    ),
    "VOICE_CHANNEL_EFFECT_SEND": (
        {
            "channel_id": C,
            "guild_id": G,
            "user_id": U,
            "emoji": EMOJI,
            "animation_type": 0,
            "animation_id": 1,
        },
        ev.VoiceChannelEffectSendEvent,
    ),
    "INTERACTION_CREATE": (INTERACTION, ev.CommandInteractionCreateEvent),
    "WEBHOOKS_UPDATE": ({"guild_id": G, "channel_id": C}, ev.WebhookUpdateEvent),
    "INVITE_CREATE": (
        {
            "channel_id": C,
            "code": "abc",
            "created_at": "2024-01-01T00:00:00+00:00",
            "guild_id": G,
            "max_age": 0,
            "max_uses": 0,
            "temporary": False,
            "uses": 0,
        },
        ev.InviteCreateEvent,
    ),
    "INVITE_DELETE": ({"channel_id": C, "guild_id": G, "code": "abc"}, ev.InviteDeleteEvent),
}

RAW_FIELDS: typing.Final = frozenset({"raw", "payload", "meta", "channels", "user"})


def test_every_received_gateway_event_has_one_registry_row_and_a_case() -> None:
    index = pathlib.Path("/work/shared/discord-api/docs/examples/event_index.json")
    names = set(CASES) | HANDLED_BY_SHARD
    if index.exists():
        documented = {
            e["name"]
            for e in json.loads(index.read_text())
            if e["direction"] != "send" and e["kind"] == "event"
        }
        assert documented == set(REGISTRY) | HANDLED_BY_SHARD
        assert len(documented) == 82
    assert set(REGISTRY) == set(CASES)
    assert names == set(REGISTRY) | HANDLED_BY_SHARD
    assert all(name == row.name for name, row in REGISTRY.items())


@pytest.mark.parametrize("name", sorted(CASES))
async def test_factory_builds_declared_event(name: str) -> None:
    payload, expected = CASES[name]
    manager = EventManager()
    got: list[ev.Event] = []

    async def on_event(event: ev.Event) -> None:
        got.append(event)

    manager.subscribe(expected, on_event)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.on_shard_dispatch(None, name, json.loads(json.dumps(payload)))
        await manager.wait_idle()
        await manager.aclose()
    assert len(got) == 1, f"{name} produced {got}"
    assert type(got[0]) is expected
    assert expected in REGISTRY[name].events
    # Model-bearing events hold decoded models, never the raw-mapping stand-in.
    for field in type(got[0]).__attrs_attrs__:
        if field.name not in RAW_FIELDS:
            value = getattr(got[0], field.name)
            is_json_object = isinstance(value, dict) and any(isinstance(key, str) for key in value)
            assert not is_json_object, f"{name}.{field.name} is a raw JSON object"


def test_dm_and_guild_flavours() -> None:
    from anycord.events import message, reaction

    dm = message.on_message_create(None, None, p.message(M, guild=False), None)
    assert type(dm) is ev.DMMessageCreateEvent
    guild = message.on_message_create(None, None, p.message(M), None)
    assert type(guild) is ev.GuildMessageCreateEvent
    assert guild.guild_id == int(G)
    assert guild.content == "hi"
    assert guild.is_human
    added = reaction.on_reaction_add(
        None, None, {"user_id": U, "channel_id": C, "message_id": M, "emoji": EMOJI}, None
    )
    assert type(added) is ev.DMReactionAddEvent
    assert isinstance(added, ev.ReactionAddEvent)
    assert isinstance(added, ev.DMReactionEvent)


def test_guild_create_is_available_only_when_the_dispatcher_knew_the_guild() -> None:
    from anycord.events import guild

    # `unavailable: false` is in every real GUILD_CREATE: it says nothing about joins.
    for payload in (p.guild_create(unavailable_key=False), p.guild_create(unavailable_key=True)):
        assert type(guild.on_guild_create(None, None, payload, None)) is ev.GuildJoinEvent
        assert type(guild.on_guild_create(None, None, payload, True)) is ev.GuildAvailableEvent
    assert guild.on_guild_create(None, None, {"id": G, "unavailable": True}, True) is None


def test_guild_visibility_follows_ready_outages_and_leaves() -> None:
    from anycord.events.guild import GuildVisibility

    other = "100000000000000002"
    new = "100000000000000003"
    vis = GuildVisibility()
    create = {"id": G, "unavailable": False}
    assert vis.ready(None, {"guilds": [{"id": G, "unavailable": True}]}) is False
    assert vis.guild_create(None, create) is True  # READY backfill
    assert vis.guild_create(None, create) is False  # no longer awaited
    assert vis.guild_create(None, {"id": other, "unavailable": False}) is False  # a join
    assert vis.guild_delete(None, {"id": G, "unavailable": True}) is False  # outage
    assert vis.guild_create(None, create) is True  # back from the outage
    assert vis.guild_delete(None, {"id": G, "unavailable": True}) is False
    assert vis.guild_delete(None, {"id": G}) is False  # removed while unavailable
    assert vis.guild_create(None, create) is False  # so this is a (re)join
    # Joined during an outage: the unavailable GUILD_CREATE first, then the full one.
    assert vis.guild_create(None, {"id": new, "unavailable": True}) is False
    assert vis.guild_create(None, {"id": new, "unavailable": False}) is False
    # Joined during an outage *after* READY listed it stays "already in".
    assert vis.ready(None, {"guilds": [{"id": new, "unavailable": True}]}) is False
    assert vis.guild_create(None, {"id": new, "unavailable": True}) is False
    assert vis.guild_create(None, {"id": new, "unavailable": False}) is True


def test_voice_server_token_not_in_repr() -> None:
    from anycord.events import voice

    event = voice.on_voice_server_update(
        None, None, {"token": "secret-token", "guild_id": G, "endpoint": None}, None
    )
    assert "secret-token" not in repr(event)
