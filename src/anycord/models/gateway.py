"""Shapes that only the gateway sends: READY's data and GUILD_MEMBERS_CHUNK
(events/gateway-events.mdx "Ready", "Guild Members Chunk").
"""

from __future__ import annotations

import typing

import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.applications import Application
    from anycord.models.guilds import UnavailableGuild
    from anycord.models.members import Member
    from anycord.models.presences import MemberPresence
    from anycord.models.users import OwnUser
    from anycord.snowflakes import Snowflake

__all__ = ["MemberChunk", "ReadyData"]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ReadyData:
    """READY: who the bot is, its guilds (all unavailable at first), and how to resume."""

    version: int
    user: OwnUser
    guilds: Mapping[Snowflake, UnavailableGuild] = attrs.field(factory=dict)
    session_id: str = attrs.field(repr=False)
    resume_gateway_url: str
    shard: tuple[int, int] | None = None
    """`(shard_id, shard_count)` when sharding."""
    application: Application

    @property
    def unavailable_guild_ids(self) -> Sequence[Snowflake]:
        """The IDs of the guilds that will arrive as GUILD_CREATE."""
        return tuple(self.guilds)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberChunk:
    """One GUILD_MEMBERS_CHUNK answer to a Request Guild Members."""

    guild_id: Snowflake
    members: Mapping[Snowflake, Member] = attrs.field(factory=dict)
    chunk_index: int
    chunk_count: int
    not_found: Sequence[Snowflake] = ()
    presences: Mapping[Snowflake, MemberPresence] = attrs.field(factory=dict)
    nonce: str | None = None
