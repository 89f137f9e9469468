"""Presences and activities ↔ JSON. `encode_activity` is exact: it is what a bot sends in
UPDATE_PRESENCE and IDENTIFY (`name`, `type`, and `url`/`state` only when set)."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.presences import (
    Activity,
    ActivityAssets,
    ActivityFlag,
    ActivityParty,
    ActivitySecret,
    ActivityTimestamps,
    ActivityType,
    ClientStatus,
    MemberPresence,
    RichActivity,
    Status,
    StatusDisplayType,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.emojis import decode_emoji, encode_emoji
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_activity",
    "decode_member_presence",
    "encode_activity",
    "encode_member_presence",
    "encode_rich_activity",
]

_UTC = datetime.UTC


def _from_ms(value: int | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(value / 1000, tz=_UTC) if value is not None else None


def _to_ms(value: datetime.datetime | None) -> int | None:
    return round(value.timestamp() * 1000) if value is not None else None


def encode_activity(activity: Activity) -> JSONObject:
    """The activity a bot sends: exactly `name`, `type`, and `url`/`state` when set."""
    out: JSONObject = {"name": activity.name, "type": int(activity.type)}
    if activity.url is not None:
        out["url"] = activity.url
    if activity.state is not None:
        out["state"] = activity.state
    return out


def decode_activity(payload: JSONObject, app: RESTAware | None = None) -> RichActivity:
    """An activity as Discord reports it."""
    timestamps = payload.get("timestamps")
    party = payload.get("party")
    assets = payload.get("assets")
    secrets = payload.get("secrets")
    emoji = payload.get("emoji")
    flags = payload.get("flags")
    display = payload.get("status_display_type")
    application_id = opt_snowflake(payload.get("application_id"))
    size = party.get("size") if party is not None else None
    buttons = payload.get("buttons") or ()
    return RichActivity(
        name=payload["name"],
        type=try_enum(ActivityType, payload.get("type", 0)),
        url=payload.get("url"),
        state=payload.get("state"),
        created_at=_from_ms(payload.get("created_at")),
        timestamps=ActivityTimestamps(
            start=_from_ms(timestamps.get("start")), end=_from_ms(timestamps.get("end"))
        )
        if timestamps is not None
        else None,
        application_id=application_id,
        details=payload.get("details"),
        details_url=payload.get("details_url"),
        state_url=payload.get("state_url"),
        status_display_type=try_enum(StatusDisplayType, display) if display is not None else None,
        emoji=decode_emoji(emoji) if emoji is not None else None,
        party=ActivityParty(
            id=party.get("id"),
            current_size=size[0] if size else None,
            max_size=size[1] if size else None,
        )
        if party is not None
        else None,
        assets=ActivityAssets(
            application_id=application_id,
            large_image=assets.get("large_image"),
            large_text=assets.get("large_text"),
            large_url=assets.get("large_url"),
            small_image=assets.get("small_image"),
            small_text=assets.get("small_text"),
            small_url=assets.get("small_url"),
        )
        if assets is not None
        else None,
        secrets=ActivitySecret(
            join=secrets.get("join"), spectate=secrets.get("spectate"), match=secrets.get("match")
        )
        if secrets is not None
        else None,
        is_instance=payload.get("instance"),
        flags=ActivityFlag(flags) if flags is not None else None,
        buttons=tuple(b if isinstance(b, str) else b.get("label", "") for b in buttons),
    )


def _drop_none(d: dict[str, typing.Any]) -> JSONObject:
    return {k: v for k, v in d.items() if v is not None}


def encode_rich_activity(activity: RichActivity) -> JSONObject:
    """A received activity back in Discord's shape (absent fields stay absent)."""
    out = encode_activity(activity)
    if activity.created_at is not None:
        out["created_at"] = _to_ms(activity.created_at)
    if activity.timestamps is not None:
        out["timestamps"] = _drop_none(
            {"start": _to_ms(activity.timestamps.start), "end": _to_ms(activity.timestamps.end)}
        )
    if activity.application_id is not None:
        out["application_id"] = str(activity.application_id)
    for key in ("details", "details_url", "state_url"):
        value = getattr(activity, key)
        if value is not None:
            out[key] = value
    if activity.status_display_type is not None:
        out["status_display_type"] = int(activity.status_display_type)
    if activity.emoji is not None:
        out["emoji"] = encode_emoji(activity.emoji)
    if activity.party is not None:
        p = activity.party
        party: JSONObject = {} if p.id is None else {"id": p.id}
        if p.current_size is not None and p.max_size is not None:
            party["size"] = [p.current_size, p.max_size]
        out["party"] = party
    if activity.assets is not None:
        a = activity.assets
        out["assets"] = _drop_none(
            {
                "large_image": a.large_image,
                "large_text": a.large_text,
                "large_url": a.large_url,
                "small_image": a.small_image,
                "small_text": a.small_text,
                "small_url": a.small_url,
            }
        )
    if activity.secrets is not None:
        s = activity.secrets
        out["secrets"] = _drop_none({"join": s.join, "spectate": s.spectate, "match": s.match})
    if activity.is_instance is not None:
        out["instance"] = activity.is_instance
    if activity.flags is not None:
        out["flags"] = int(activity.flags)
    if activity.buttons:
        out["buttons"] = list(activity.buttons)
    return out


def _encode_any_activity(activity: Activity) -> JSONObject:
    return (
        encode_rich_activity(activity)
        if isinstance(activity, RichActivity)
        else encode_activity(activity)
    )


def _status(value: str | None) -> Status:
    return try_enum(Status, value) if value is not None else Status.OFFLINE


def decode_member_presence(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> MemberPresence:
    """A PRESENCE_UPDATE / GUILD_CREATE presence (`user` holds at least the `id`)."""
    client = payload.get("client_status") or {}
    return MemberPresence(
        app=app,
        user_id=Snowflake(payload["user"]["id"]),
        guild_id=guild_id if guild_id is not None else Snowflake(payload["guild_id"]),
        visible_status=_status(payload.get("status")),
        activities=tuple(decode_activity(a) for a in payload.get("activities") or ()),
        client_status=ClientStatus(
            desktop=_status(client.get("desktop")),
            mobile=_status(client.get("mobile")),
            web=_status(client.get("web")),
        ),
    )


def encode_member_presence(presence: MemberPresence) -> JSONObject:
    """A presence as PRESENCE_UPDATE sends it."""
    cs = presence.client_status
    return {
        "user": {"id": str(presence.user_id)},
        "guild_id": str(presence.guild_id),
        "status": str(presence.visible_status),
        "activities": [encode_rich_activity(a) for a in presence.activities],
        "client_status": {
            k: str(v)
            for k, v in (("desktop", cs.desktop), ("mobile", cs.mobile), ("web", cs.web))
            if v is not Status.OFFLINE
        },
    }


register(Activity, decode=decode_activity, encode=_encode_any_activity)
register(RichActivity, decode=decode_activity, encode=encode_rich_activity)
register(MemberPresence, decode=decode_member_presence, encode=encode_member_presence)
