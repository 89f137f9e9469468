"""REST endpoints: gateway discovery (`GET /gateway`, `GET /gateway/bot`)."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.routes import Route
from anycord.serde.sessions import decode_gateway_bot_info

if typing.TYPE_CHECKING:
    from anycord.models.sessions import GatewayBotInfo

__all__ = ["GatewayEndpoints"]

GET_GATEWAY = Route("GET", "/gateway")
GET_GATEWAY_BOT = Route("GET", "/gateway/bot")


class GatewayEndpoints(EndpointBase):
    """Where and how the gateway should be connected to."""

    __slots__ = ()

    async def fetch_gateway_url(self) -> str:
        """The gateway URL (needs no token)."""
        payload = await self._request(GET_GATEWAY.compile(), auth=None)
        return str(payload["url"])

    async def fetch_gateway_bot_info(self) -> GatewayBotInfo:
        """URL, recommended shard count and session start limit for this bot."""
        return decode_gateway_bot_info(await self._request(GET_GATEWAY_BOT.compile()), self._app)
