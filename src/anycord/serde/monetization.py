"""SKUs, entitlements and subscriptions ↔ JSON."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.monetization import (
    SKU,
    Entitlement,
    EntitlementType,
    SKUFlags,
    SKUType,
    Subscription,
    SubscriptionStatus,
)
from anycord.serde._core import JSONObject, from_iso, opt_iso, opt_snowflake, register, to_iso
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    import datetime

    from anycord.traits import RESTAware

__all__ = [
    "decode_entitlement",
    "decode_sku",
    "decode_subscription",
    "encode_entitlement",
    "encode_sku",
    "encode_subscription",
]


def _iso(value: datetime.datetime | None) -> str | None:
    return None if value is None else to_iso(value)


def decode_sku(p: JSONObject, app: RESTAware | None = None) -> SKU:
    """A SKU object."""
    del app
    return SKU(
        id=Snowflake(p["id"]),
        type=try_enum(SKUType, p["type"]),
        application_id=Snowflake(p["application_id"]),
        name=p["name"],
        slug=p["slug"],
        flags=SKUFlags(p.get("flags", 0)),
    )


def encode_sku(s: SKU) -> JSONObject:
    """A SKU as Discord sends it."""
    return {
        "id": str(s.id),
        "type": int(s.type),
        "application_id": str(s.application_id),
        "name": s.name,
        "slug": s.slug,
        "flags": int(s.flags),
    }


def decode_entitlement(p: JSONObject, app: RESTAware | None = None) -> Entitlement:
    """An entitlement object."""
    del app
    return Entitlement(
        id=Snowflake(p["id"]),
        sku_id=Snowflake(p["sku_id"]),
        application_id=Snowflake(p["application_id"]),
        user_id=opt_snowflake(p.get("user_id")),
        guild_id=opt_snowflake(p.get("guild_id")),
        type=try_enum(EntitlementType, p["type"]),
        is_deleted=p.get("deleted", False),
        starts_at=opt_iso(p.get("starts_at")),
        ends_at=opt_iso(p.get("ends_at")),
        is_consumed=p.get("consumed"),
        subscription_id=opt_snowflake(p.get("subscription_id")),
        promotion_id=opt_snowflake(p.get("promotion_id")),
        gift_code_flags=p.get("gift_code_flags"),
    )


def encode_entitlement(e: Entitlement) -> JSONObject:
    """An entitlement as Discord sends it."""
    out: JSONObject = {
        "id": str(e.id),
        "sku_id": str(e.sku_id),
        "application_id": str(e.application_id),
        "type": int(e.type),
        "deleted": e.is_deleted,
        "starts_at": _iso(e.starts_at),
        "ends_at": _iso(e.ends_at),
    }
    for key, value in (
        ("user_id", e.user_id),
        ("guild_id", e.guild_id),
        ("subscription_id", e.subscription_id),
        ("promotion_id", e.promotion_id),
    ):
        if value is not None:
            out[key] = str(value)
    if e.is_consumed is not None:
        out["consumed"] = e.is_consumed
    if e.gift_code_flags is not None:
        out["gift_code_flags"] = e.gift_code_flags
    return out


def decode_subscription(p: JSONObject, app: RESTAware | None = None) -> Subscription:
    """A subscription object."""
    del app
    renewal = p.get("renewal_sku_ids")
    return Subscription(
        id=Snowflake(p["id"]),
        user_id=Snowflake(p["user_id"]),
        sku_ids=tuple(Snowflake(x) for x in p.get("sku_ids", ())),
        entitlement_ids=tuple(Snowflake(x) for x in p.get("entitlement_ids", ())),
        renewal_sku_ids=None if renewal is None else tuple(Snowflake(x) for x in renewal),
        current_period_start=from_iso(p["current_period_start"]),
        current_period_end=from_iso(p["current_period_end"]),
        status=try_enum(SubscriptionStatus, p["status"]),
        canceled_at=opt_iso(p.get("canceled_at")),
        country=p.get("country"),
    )


def encode_subscription(s: Subscription) -> JSONObject:
    """A subscription as Discord sends it."""
    out: JSONObject = {
        "id": str(s.id),
        "user_id": str(s.user_id),
        "sku_ids": [str(x) for x in s.sku_ids],
        "entitlement_ids": [str(x) for x in s.entitlement_ids],
        "renewal_sku_ids": None
        if s.renewal_sku_ids is None
        else [str(x) for x in s.renewal_sku_ids],
        "current_period_start": to_iso(s.current_period_start),
        "current_period_end": to_iso(s.current_period_end),
        "status": int(s.status),
        "canceled_at": _iso(s.canceled_at),
    }
    if s.country is not None:
        out["country"] = s.country
    return out


register(SKU, decode=decode_sku, encode=encode_sku)
register(Entitlement, decode=decode_entitlement, encode=encode_entitlement)
register(Subscription, decode=decode_subscription, encode=encode_subscription)
