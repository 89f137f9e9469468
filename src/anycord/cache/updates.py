"""Raw gateway payload → cache: one entry per gateway dispatch name that changes state.

`CACHE_UPDATES[name] = (update, components)`: `update(cache, payload)` applies the payload
synchronously and returns a zero-argument callable that builds what the cache held before
(the `old_*` of update and delete events), or `None`; the callable is only called when an
event is built, so nothing is decoded for nobody. `components` are the `CacheComponents`
the update touches: when none of them is enabled the dispatcher does not call it.
"""

from __future__ import annotations

import typing

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C

__all__ = ["CACHE_UPDATES", "CacheUpdate"]

CacheUpdate = typing.Callable[[typing.Any, dict[str, typing.Any]], typing.Any]

_GUILD_ALL = (
    C.GUILDS | C.GUILD_CHANNELS | C.GUILD_THREADS | C.ROLES | C.EMOJIS | C.GUILD_STICKERS | C.MEMBERS
    | C.PRESENCES | C.VOICE_STATES | C.INVITES | C.STAGE_INSTANCES | C.SCHEDULED_EVENTS
    | C.THREAD_MEMBERS | C.SOUNDBOARD_SOUNDS
)  # fmt: skip

CACHE_UPDATES: typing.Final[dict[str, tuple[CacheUpdate, C]]] = {
    "READY": (Cache._on_ready, C.ME | C.GUILDS),
    "USER_UPDATE": (Cache._on_user_update, C.ME),
    "GUILD_CREATE": (Cache._on_guild_create, _GUILD_ALL),
    "GUILD_UPDATE": (Cache._on_guild_update, C.GUILDS | C.ROLES | C.EMOJIS | C.GUILD_STICKERS),
    "GUILD_DELETE": (Cache._on_guild_delete, _GUILD_ALL),
    "CHANNEL_CREATE": (Cache._on_channel_create, C.GUILD_CHANNELS | C.DM_CHANNEL_IDS),
    "CHANNEL_UPDATE": (Cache._on_channel_update, C.GUILD_CHANNELS),
    "CHANNEL_DELETE": (Cache._on_channel_delete, C.GUILD_CHANNELS),
    "THREAD_CREATE": (Cache._on_thread_create, C.GUILD_THREADS),
    "THREAD_UPDATE": (Cache._on_thread_update, C.GUILD_THREADS),
    "THREAD_DELETE": (Cache._on_thread_delete, C.GUILD_THREADS),
    "THREAD_LIST_SYNC": (Cache._on_thread_list_sync, C.GUILD_THREADS),
    "GUILD_ROLE_CREATE": (Cache._on_role_create, C.ROLES),
    "GUILD_ROLE_UPDATE": (Cache._on_role_update, C.ROLES),
    "GUILD_ROLE_DELETE": (Cache._on_role_delete, C.ROLES),
    "GUILD_EMOJIS_UPDATE": (Cache._on_emojis_update, C.EMOJIS),
    "GUILD_STICKERS_UPDATE": (Cache._on_stickers_update, C.GUILD_STICKERS),
    "GUILD_MEMBER_ADD": (Cache._on_member_add, C.MEMBERS),
    "GUILD_MEMBER_UPDATE": (Cache._on_member_update, C.MEMBERS),
    "GUILD_MEMBER_REMOVE": (Cache._on_member_remove, C.MEMBERS),
    "GUILD_MEMBERS_CHUNK": (Cache._on_members_chunk, C.MEMBERS | C.PRESENCES),
    "PRESENCE_UPDATE": (Cache._on_presence_update, C.PRESENCES | C.MEMBERS),
    "VOICE_STATE_UPDATE": (Cache._on_voice_state_update, C.VOICE_STATES),
    "INVITE_CREATE": (Cache._on_invite_create, C.INVITES),
    "INVITE_DELETE": (Cache._on_invite_delete, C.INVITES),
    "MESSAGE_CREATE": (Cache._on_message_create, C.MESSAGES | C.DM_CHANNEL_IDS),
    "MESSAGE_UPDATE": (Cache._on_message_update, C.MESSAGES),
    "MESSAGE_DELETE": (Cache._on_message_delete, C.MESSAGES),
    "MESSAGE_DELETE_BULK": (Cache._on_message_delete_bulk, C.MESSAGES),
    "MESSAGE_REACTION_ADD": (Cache._on_reaction_add, C.MESSAGES),
    "MESSAGE_REACTION_REMOVE": (Cache._on_reaction_remove, C.MESSAGES),
    "MESSAGE_REACTION_REMOVE_ALL": (Cache._on_reaction_remove_all, C.MESSAGES),
    "MESSAGE_REACTION_REMOVE_EMOJI": (Cache._on_reaction_remove_emoji, C.MESSAGES),
    # Thread members are stored only while GUILD_THREADS is on too (`anycord.cache.threads`).
    "THREAD_MEMBER_UPDATE": (Cache._on_thread_member_update, C.THREAD_MEMBERS),
    # Also sets the thread's member count.
    "THREAD_MEMBERS_UPDATE": (Cache._on_thread_members_update, C.THREAD_MEMBERS | C.GUILD_THREADS),
    "STAGE_INSTANCE_CREATE": (Cache._on_stage_instance_create, C.STAGE_INSTANCES),
    "STAGE_INSTANCE_UPDATE": (Cache._on_stage_instance_update, C.STAGE_INSTANCES),
    "STAGE_INSTANCE_DELETE": (Cache._on_stage_instance_delete, C.STAGE_INSTANCES),
    "GUILD_SCHEDULED_EVENT_CREATE": (Cache._on_scheduled_event_create, C.SCHEDULED_EVENTS),
    "GUILD_SCHEDULED_EVENT_UPDATE": (Cache._on_scheduled_event_update, C.SCHEDULED_EVENTS),
    "GUILD_SCHEDULED_EVENT_DELETE": (Cache._on_scheduled_event_delete, C.SCHEDULED_EVENTS),
    "GUILD_SCHEDULED_EVENT_USER_ADD": (Cache._on_scheduled_event_user_add, C.SCHEDULED_EVENTS),
    "GUILD_SCHEDULED_EVENT_USER_REMOVE": (
        Cache._on_scheduled_event_user_remove,
        C.SCHEDULED_EVENTS,
    ),
    "GUILD_SOUNDBOARD_SOUND_CREATE": (Cache._on_soundboard_sound_create, C.SOUNDBOARD_SOUNDS),
    "GUILD_SOUNDBOARD_SOUND_UPDATE": (Cache._on_soundboard_sound_update, C.SOUNDBOARD_SOUNDS),
    "GUILD_SOUNDBOARD_SOUND_DELETE": (Cache._on_soundboard_sound_delete, C.SOUNDBOARD_SOUNDS),
    "GUILD_SOUNDBOARD_SOUNDS_UPDATE": (Cache._on_soundboard_sounds_update, C.SOUNDBOARD_SOUNDS),
    "SOUNDBOARD_SOUNDS": (Cache._on_soundboard_sounds, C.SOUNDBOARD_SOUNDS),
}
