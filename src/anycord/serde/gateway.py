"""Gateway-only shapes ↔ JSON: READY data and member chunks."""

from __future__ import annotations

import typing

from anycord.models.gateway import MemberChunk, ReadyData
from anycord.serde._core import JSONObject, register
from anycord.serde.applications import decode_application
from anycord.serde.guilds import decode_unavailable_guild
from anycord.serde.members import decode_members, encode_member
from anycord.serde.presences import decode_member_presence, encode_member_presence
from anycord.serde.users import decode_own_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_member_chunk", "decode_ready", "encode_member_chunk", "encode_ready"]


def decode_ready(p: JSONObject, app: RESTAware | None = None) -> ReadyData:
    """The `d` of READY."""
    shard = p.get("shard")
    guilds = (decode_unavailable_guild(g, app) for g in p.get("guilds", ()))
    return ReadyData(
        version=p["v"],
        user=decode_own_user(p["user"], app),
        guilds={g.id: g for g in guilds},
        session_id=p["session_id"],
        resume_gateway_url=p["resume_gateway_url"],
        shard=None if shard is None else (int(shard[0]), int(shard[1])),
        application=decode_application(p["application"], app),
    )


def encode_ready(r: ReadyData) -> JSONObject:
    """The `d` of READY as Discord sends it (the fake gateway uses this)."""
    out: JSONObject = {
        "v": r.version,
        "user": encode_user(r.user),
        "guilds": [{"id": str(g.id), "unavailable": g.is_unavailable} for g in r.guilds.values()],
        "session_id": r.session_id,
        "resume_gateway_url": r.resume_gateway_url,
        "application": {"id": str(r.application.id), "flags": int(r.application.flags)},
    }
    if r.shard is not None:
        out["shard"] = list(r.shard)
    return out


def decode_member_chunk(p: JSONObject, app: RESTAware | None = None) -> MemberChunk:
    """The `d` of GUILD_MEMBERS_CHUNK."""
    guild_id = Snowflake(p["guild_id"])
    presences = (decode_member_presence(x, app, guild_id) for x in p.get("presences") or ())
    return MemberChunk(
        guild_id=guild_id,
        members=decode_members(p.get("members", ()), guild_id, app),
        chunk_index=p["chunk_index"],
        chunk_count=p["chunk_count"],
        not_found=tuple(Snowflake(x) for x in p.get("not_found") or ()),
        presences={x.user_id: x for x in presences},
        nonce=p.get("nonce"),
    )


def encode_member_chunk(c: MemberChunk) -> JSONObject:
    """The `d` of GUILD_MEMBERS_CHUNK as Discord sends it."""
    out: JSONObject = {
        "guild_id": str(c.guild_id),
        "members": [encode_member(m) for m in c.members.values()],
        "chunk_index": c.chunk_index,
        "chunk_count": c.chunk_count,
    }
    if c.not_found:
        out["not_found"] = [str(x) for x in c.not_found]
    if c.presences:
        out["presences"] = [encode_member_presence(x) for x in c.presences.values()]
    if c.nonce is not None:
        out["nonce"] = c.nonce
    return out


register(ReadyData, decode=decode_ready, encode=encode_ready)
register(MemberChunk, decode=decode_member_chunk, encode=encode_member_chunk)
