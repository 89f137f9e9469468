"""Gateway (bot) info ↔ JSON. `reset_after` is milliseconds on the wire."""

from __future__ import annotations

import datetime
import typing

from anycord.models.sessions import GatewayBotInfo, GatewayInfo, SessionStartLimit
from anycord.serde._core import JSONObject, register

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_gateway_bot_info",
    "decode_gateway_info",
    "encode_gateway_bot_info",
    "encode_gateway_info",
]


def decode_gateway_info(p: JSONObject, app: RESTAware | None = None) -> GatewayInfo:
    """GET /gateway."""
    del app
    return GatewayInfo(url=p["url"])


def encode_gateway_info(g: GatewayInfo) -> JSONObject:
    """GET /gateway as Discord sends it."""
    return {"url": g.url}


def decode_gateway_bot_info(p: JSONObject, app: RESTAware | None = None) -> GatewayBotInfo:
    """GET /gateway/bot."""
    del app
    limit = p["session_start_limit"]
    return GatewayBotInfo(
        url=p["url"],
        shard_count=p["shards"],
        session_start_limit=SessionStartLimit(
            total=limit["total"],
            remaining=limit["remaining"],
            reset_after=datetime.timedelta(milliseconds=limit["reset_after"]),
            max_concurrency=limit.get("max_concurrency", 1),
        ),
    )


def encode_gateway_bot_info(g: GatewayBotInfo) -> JSONObject:
    """GET /gateway/bot as Discord sends it (milliseconds, rounded)."""
    limit = g.session_start_limit
    return {
        "url": g.url,
        "shards": g.shard_count,
        "session_start_limit": {
            "total": limit.total,
            "remaining": limit.remaining,
            "reset_after": round(limit.reset_after / datetime.timedelta(milliseconds=1)),
            "max_concurrency": limit.max_concurrency,
        },
    }


register(GatewayInfo, decode=decode_gateway_info, encode=encode_gateway_info)
register(GatewayBotInfo, decode=decode_gateway_bot_info, encode=encode_gateway_bot_info)
