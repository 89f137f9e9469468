"""Monetization: SKUs, entitlements and subscriptions (resources/sku.mdx, entitlement.mdx, subscription.mdx)."""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums
from anycord.models.base import Unique

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from anycord.snowflakes import Snowflake

__all__ = [
    "SKU",
    "Entitlement",
    "EntitlementOwnerType",
    "EntitlementType",
    "SKUFlags",
    "SKUType",
    "Subscription",
    "SubscriptionStatus",
]


class SKUType(enums.IntEnum):
    """The kind of a SKU."""

    DURABLE = 2
    CONSUMABLE = 3
    SUBSCRIPTION = 5
    SUBSCRIPTION_GROUP = 6


class SKUFlags(enum.IntFlag, boundary=enum.KEEP):
    """SKU flags."""

    NONE = 0
    AVAILABLE = 1 << 2
    GUILD_SUBSCRIPTION = 1 << 7
    USER_SUBSCRIPTION = 1 << 8


class EntitlementType(enums.IntEnum):
    """How an entitlement was obtained."""

    PURCHASE = 1
    PREMIUM_SUBSCRIPTION = 2
    DEVELOPER_GIFT = 3
    TEST_MODE_PURCHASE = 4
    FREE_PURCHASE = 5
    USER_GIFT = 6
    PREMIUM_PURCHASE = 7
    APPLICATION_SUBSCRIPTION = 8


class EntitlementOwnerType(enums.IntEnum):
    """Who a test entitlement is granted to."""

    GUILD = 1
    USER = 2


class SubscriptionStatus(enums.IntEnum):
    """A subscription's state."""

    ACTIVE = 0
    INACTIVE = 1
    ENDING = 2


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class SKU(Unique):
    """A premium offering of an application."""

    type: SKUType
    application_id: Snowflake
    name: str
    slug: str
    flags: SKUFlags = SKUFlags.NONE


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Entitlement(Unique):
    """Access of a user or guild to a SKU."""

    sku_id: Snowflake
    application_id: Snowflake
    user_id: Snowflake | None = None
    guild_id: Snowflake | None = None
    type: EntitlementType
    is_deleted: bool = False
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    is_consumed: bool | None = None
    """Set for consumable SKUs only."""
    subscription_id: Snowflake | None = None
    promotion_id: Snowflake | None = None
    gift_code_flags: int | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Subscription(Unique):
    """A user's recurring payment for subscription SKUs."""

    user_id: Snowflake
    sku_ids: Sequence[Snowflake] = ()
    entitlement_ids: Sequence[Snowflake] = ()
    renewal_sku_ids: Sequence[Snowflake] | None = None
    current_period_start: datetime.datetime
    current_period_end: datetime.datetime
    status: SubscriptionStatus
    canceled_at: datetime.datetime | None = None
    country: str | None = None
