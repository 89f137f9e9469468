"""The fake's permission checks: Discord's algorithm over the world, and which routes need what.

`member_permissions` computes a member's permissions in a guild or a channel exactly as
developers/topics/permissions.mdx "Permission Overwrites" describes: the owner and
ADMINISTRATOR have everything; otherwise @everyone's permissions and the member's roles,
then the channel's overwrites in order (@everyone deny/allow, roles deny/allow combined,
the member's own deny/allow). Threads use their parent's overwrites. Without VIEW_CHANNEL a
channel grants nothing ("Implicit Permissions").

`required_permissions` says what a bot needs for a route, for the routes bots use most
(messages, reactions, channels, roles, bans, kicks, the guild, audit logs, webhooks). A
missing VIEW_CHANNEL is answered 403 `Missing Access` (code 50001), anything else 403
`Missing Permissions` (50013), as Discord does. What is not checked: role hierarchy (who may
ban or edit whom), field-level rules of member edits, and Bearer (user) tokens.
"""

from __future__ import annotations

import typing

from anycord.permissions import Permissions

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.testing.world import World

__all__ = ["ALL", "check_route", "member_permissions", "required_permissions"]

ALL: typing.Final = int(Permissions.all_permissions())
_ADMINISTRATOR: typing.Final = int(Permissions.ADMINISTRATOR)
_VIEW_CHANNEL: typing.Final = int(Permissions.VIEW_CHANNEL)
_THREAD_TYPES: typing.Final = frozenset({10, 11, 12})

P = Permissions
_CHANNEL: typing.Final[Mapping[tuple[str, str], int]] = {
    ("GET", "/channels/{channel_id}/messages"): int(P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY),
    ("POST", "/channels/{channel_id}/messages"): int(P.VIEW_CHANNEL | P.SEND_MESSAGES),
    ("POST", "/channels/{channel_id}/messages/bulk-delete"): int(
        P.VIEW_CHANNEL | P.MANAGE_MESSAGES
    ),
    ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"): int(
        P.VIEW_CHANNEL | P.READ_MESSAGE_HISTORY | P.ADD_REACTIONS
    ),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions"): int(
        P.VIEW_CHANNEL | P.MANAGE_MESSAGES
    ),
    ("PATCH", "/channels/{channel_id}"): int(P.VIEW_CHANNEL | P.MANAGE_CHANNELS),
    ("DELETE", "/channels/{channel_id}"): int(P.VIEW_CHANNEL | P.MANAGE_CHANNELS),
    ("POST", "/channels/{channel_id}/webhooks"): int(P.VIEW_CHANNEL | P.MANAGE_WEBHOOKS),
}
"""Channel routes: what the bot needs in that channel."""
_GUILD: typing.Final[Mapping[tuple[str, str], int]] = {
    ("PATCH", "/guilds/{guild_id}"): int(P.MANAGE_GUILD),
    ("POST", "/guilds/{guild_id}/channels"): int(P.MANAGE_CHANNELS),
    ("POST", "/guilds/{guild_id}/roles"): int(P.MANAGE_ROLES),
    ("PATCH", "/guilds/{guild_id}/roles/{role_id}"): int(P.MANAGE_ROLES),
    ("DELETE", "/guilds/{guild_id}/roles/{role_id}"): int(P.MANAGE_ROLES),
    ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"): int(P.MANAGE_ROLES),
    ("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"): int(P.MANAGE_ROLES),
    ("DELETE", "/guilds/{guild_id}/members/{user_id}"): int(P.KICK_MEMBERS),
    ("PUT", "/guilds/{guild_id}/bans/{user_id}"): int(P.BAN_MEMBERS),
    ("DELETE", "/guilds/{guild_id}/bans/{user_id}"): int(P.BAN_MEMBERS),
    ("GET", "/guilds/{guild_id}/bans"): int(P.BAN_MEMBERS),
    ("POST", "/guilds/{guild_id}/bulk-ban"): int(P.BAN_MEMBERS | P.MANAGE_GUILD),
    ("GET", "/guilds/{guild_id}/audit-logs"): int(P.VIEW_AUDIT_LOG),
}
"""Guild routes: what the bot needs in the guild."""
_MANAGE_MESSAGES: typing.Final = int(P.MANAGE_MESSAGES)
_SEND_IN_THREADS: typing.Final = int(P.SEND_MESSAGES_IN_THREADS)
_SEND: typing.Final = int(P.SEND_MESSAGES)


def _member_roles(world: World, guild_id: int, user_id: int) -> list[str]:
    member = world.members.get(guild_id, {}).get(user_id)
    return [] if member is None else list(member.get("roles", ()))


def member_permissions(
    world: World, guild_id: int, user_id: int, channel: Mapping[str, typing.Any] | None = None
) -> int:
    """The permission bits `user_id` has in the guild, or in `channel` when given."""
    guild = world.guilds[guild_id]
    if int(guild["owner_id"]) == user_id:
        return ALL
    roles = world.roles[guild_id]
    everyone = roles.get(guild_id)
    permissions = int(everyone["permissions"]) if everyone is not None else 0
    member_roles = _member_roles(world, guild_id, user_id)
    for role_id in member_roles:
        role = roles.get(int(role_id))
        if role is not None:
            permissions |= int(role["permissions"])
    if permissions & _ADMINISTRATOR:
        return ALL
    if channel is None:
        return permissions
    if channel.get("type") in _THREAD_TYPES and channel.get("parent_id"):
        channel = world.channels.get(int(channel["parent_id"]), channel)
    overwrites = {str(o["id"]): o for o in channel.get("permission_overwrites") or ()}
    everyone_overwrite = overwrites.get(str(guild_id))
    if everyone_overwrite is not None:
        permissions &= ~int(everyone_overwrite.get("deny", 0))
        permissions |= int(everyone_overwrite.get("allow", 0))
    allow = deny = 0
    for role_id in member_roles:
        overwrite = overwrites.get(str(role_id))
        if overwrite is not None:
            allow |= int(overwrite.get("allow", 0))
            deny |= int(overwrite.get("deny", 0))
    permissions = (permissions & ~deny) | allow
    member_overwrite = overwrites.get(str(user_id))
    if member_overwrite is not None:
        permissions &= ~int(member_overwrite.get("deny", 0))
        permissions |= int(member_overwrite.get("allow", 0))
    if not permissions & _VIEW_CHANNEL:
        return 0  # implicit: a channel one cannot see grants nothing
    return permissions


def required_permissions(
    world: World, method: str, template: str, params: Mapping[str, str], user_id: int
) -> tuple[int, int, Mapping[str, typing.Any] | None] | None:
    """`(guild_id, permission bits, channel or None)` a route needs, or `None` if unchecked
    (not a listed route, a DM channel, an unknown guild or channel: those answer 404)."""
    key = (method, template)
    if key in _GUILD:
        guild_id = int(params["guild_id"])
        return (guild_id, _GUILD[key], None) if guild_id in world.guilds else None
    needed = _CHANNEL.get(key)
    if needed is None:
        if method == "DELETE" and template == "/channels/{channel_id}/messages/{message_id}":
            needed = _VIEW_CHANNEL
        else:
            return None
    channel = world.channels.get(int(params["channel_id"]))
    if channel is None or channel.get("guild_id") is None:
        return None
    guild_id = int(channel["guild_id"])
    if guild_id not in world.guilds:
        return None
    if needed & _SEND and channel.get("type") in _THREAD_TYPES:
        needed = (needed & ~_SEND) | _SEND_IN_THREADS
    if template == "/channels/{channel_id}/messages/{message_id}":
        message = world.messages.get(int(params["channel_id"]), {}).get(int(params["message_id"]))
        if message is not None and int(message["author"]["id"]) != user_id:
            needed |= _MANAGE_MESSAGES  # deleting someone else's message
    return guild_id, needed, channel


def check_route(
    world: World, method: str, template: str, params: Mapping[str, str], user_id: int
) -> dict[str, typing.Any] | None:
    """The 403 body Discord would send the bot for this request, or `None` when allowed."""
    found = required_permissions(world, method, template, params, user_id)
    if found is None:
        return None
    guild_id, needed, channel = found
    have = member_permissions(world, guild_id, user_id, channel)
    if channel is not None and not have & _VIEW_CHANNEL:
        return {"message": "Missing Access", "code": 50001}
    if needed & ~have:
        return {"message": "Missing Permissions", "code": 50013}
    return None
