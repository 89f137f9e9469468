"""REST endpoints: entitlements and SKU subscriptions (resources/entitlement.mdx,
resources/subscription.mdx). `fetch_skus` lives with the other application routes of R1 if
present; the rest are here."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import cursor, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.monetization import decode_entitlement, decode_subscription
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.monetization import Entitlement, Subscription
    from anycord.rest.pagination import LazyIterator
    from anycord.rest.routes import CompiledRoute
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["MonetizationEndpoints"]

_ENT = "/applications/{application_id}/entitlements"
GET_ENTITLEMENTS = Route("GET", _ENT)
POST_ENTITLEMENT = Route("POST", _ENT)
GET_ENTITLEMENT = Route("GET", _ENT + "/{entitlement_id}")
DELETE_ENTITLEMENT = Route("DELETE", _ENT + "/{entitlement_id}")
POST_CONSUME = Route("POST", _ENT + "/{entitlement_id}/consume")
GET_MY_ENTITLEMENTS = Route("GET", "/users/@me/applications/{application_id}/entitlements")
GET_SUBSCRIPTIONS = Route("GET", "/skus/{sku_id}/subscriptions")
GET_SUBSCRIPTION = Route("GET", "/skus/{sku_id}/subscriptions/{subscription_id}")


class MonetizationEndpoints(EndpointBase):
    """Entitlements and subscriptions."""

    __slots__ = ()

    def fetch_entitlements(
        self,
        application: SnowflakeishOr,
        *,
        user: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        skus: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        exclude_ended: UndefinedOr[bool] = UNDEFINED,
        exclude_deleted: UndefinedOr[bool] = UNDEFINED,
        after: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[Entitlement]:
        """An application's entitlements, 100 per request, by ascending ID."""
        route = GET_ENTITLEMENTS.compile(application_id=sid(application))
        filters = put(
            {},
            user_id=opt_id(user),
            guild_id=opt_id(guild),
            sku_ids=_joined(skus),
            exclude_ended=exclude_ended,
            exclude_deleted=exclude_deleted,
        )
        app = self._app
        return self._paginate(
            route,
            lambda raw: decode_entitlement(raw, app),
            page_size=100,
            query=filters,
            first_cursor=cursor(after),
        )

    async def fetch_entitlement(
        self, application: SnowflakeishOr, entitlement: SnowflakeishOr
    ) -> Entitlement:
        """One entitlement."""
        route = _entitlement(GET_ENTITLEMENT, application, entitlement)
        return decode_entitlement(await self._request(route), self._app)

    async def create_test_entitlement(
        self,
        application: SnowflakeishOr,
        *,
        sku: SnowflakeishOr,
        owner: SnowflakeishOr,
        owner_type: int,
    ) -> Entitlement:
        """Grant a test entitlement to a guild (`owner_type` 1) or user (2)."""
        body = {"sku_id": str(sid(sku)), "owner_id": str(sid(owner)), "owner_type": int(owner_type)}
        route = POST_ENTITLEMENT.compile(application_id=sid(application))
        return decode_entitlement(await self._request(route, json=body), self._app)

    async def delete_test_entitlement(
        self, application: SnowflakeishOr, entitlement: SnowflakeishOr
    ) -> None:
        """Delete a test entitlement."""
        route = _entitlement(DELETE_ENTITLEMENT, application, entitlement)
        await self._request(route)

    async def consume_entitlement(
        self, application: SnowflakeishOr, entitlement: SnowflakeishOr
    ) -> None:
        """Mark a one-time purchase as consumed."""
        route = _entitlement(POST_CONSUME, application, entitlement)
        await self._request(route)

    async def fetch_my_entitlements(
        self,
        application: SnowflakeishOr,
        *,
        skus: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        exclude_consumed: UndefinedOr[bool] = UNDEFINED,
    ) -> list[Entitlement]:
        """The current user's entitlements for an application (Bearer token)."""
        query = put(
            {},
            sku_ids=_joined(skus),
            exclude_consumed=exclude_consumed,
        )
        route = GET_MY_ENTITLEMENTS.compile(application_id=sid(application))
        payload = await self._request(route, query=query)
        return [decode_entitlement(e, self._app) for e in payload]

    def fetch_sku_subscriptions(
        self,
        sku: SnowflakeishOr,
        *,
        user: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        after: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[Subscription]:
        """Subscriptions to an SKU (`user` is required unless the token is a user's), 100 per
        request by ascending ID."""
        route = GET_SUBSCRIPTIONS.compile(sku_id=sid(sku))
        app = self._app
        return self._paginate(
            route,
            lambda raw: decode_subscription(raw, app),
            page_size=100,
            query=put({}, user_id=opt_id(user)),
            first_cursor=cursor(after),
        )

    async def fetch_sku_subscription(
        self, sku: SnowflakeishOr, subscription: SnowflakeishOr
    ) -> Subscription:
        """One subscription to an SKU."""
        route = GET_SUBSCRIPTION.compile(sku_id=sid(sku), subscription_id=sid(subscription))
        return decode_subscription(await self._request(route), self._app)


def _entitlement(
    route: Route, application: SnowflakeishOr, entitlement: SnowflakeishOr
) -> CompiledRoute:
    return route.compile(application_id=sid(application), entitlement_id=sid(entitlement))


def _joined(skus: UndefinedOr[Sequence[SnowflakeishOr]]) -> UndefinedOr[str]:
    # Discord reads a comma-separated list here, not a repeated key.
    return UNDEFINED if skus is UNDEFINED else ",".join(str(sid(s)) for s in skus)
