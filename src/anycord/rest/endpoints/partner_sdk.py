"""REST endpoints: Social SDK provisional accounts and external moderation metadata.

Shapes from the spec (`partner_sdk_*`, `bot_partner_sdk_*`). The non-`/bot` token routes
authenticate with the application's client ID and secret in the body, not a bot token, so
they send no `Authorization` header. Responses are returned as the JSON Discord sends.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.snowflakes import SnowflakeishOr

__all__ = ["PartnerSDKEndpoints"]

POST_TOKEN = Route("POST", "/partner-sdk/token")
POST_BOT_TOKEN = Route("POST", "/partner-sdk/token/bot")
POST_UNMERGE = Route("POST", "/partner-sdk/provisional-accounts/unmerge")
POST_BOT_UNMERGE = Route("POST", "/partner-sdk/provisional-accounts/unmerge/bot")
PUT_DM_MODERATION = Route(
    "PUT",
    "/partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata",
)


def _external(
    client_id: SnowflakeishOr,
    external_auth_type: str,
    external_auth_token: str,
    client_secret: UndefinedOr[str],
) -> dict[str, typing.Any]:
    check_len("external_auth_token", external_auth_token, 1, 10240)
    return put(
        {
            "client_id": str(sid(client_id)),
            "external_auth_type": external_auth_type,
            "external_auth_token": external_auth_token,
        },
        client_secret=client_secret,
    )


class PartnerSDKEndpoints(EndpointBase):
    """Provisional accounts for players without a Discord account."""

    __slots__ = ()

    async def create_provisional_token(
        self,
        client_id: SnowflakeishOr,
        external_auth_type: str,
        external_auth_token: str,
        *,
        client_secret: UndefinedOr[str] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Exchange an external identity for a provisional account's access token."""
        body = _external(client_id, external_auth_type, external_auth_token, client_secret)
        payload = await self._request(POST_TOKEN.compile(), json=body, auth=None)
        return typing.cast("dict[str, typing.Any]", payload)

    async def unmerge_provisional_account(
        self,
        client_id: SnowflakeishOr,
        external_auth_type: str,
        external_auth_token: str,
        *,
        client_secret: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Split a provisional account back out of the Discord account it was merged into."""
        body = _external(client_id, external_auth_type, external_auth_token, client_secret)
        await self._request(POST_UNMERGE.compile(), json=body, auth=None)

    async def create_bot_provisional_token(
        self,
        external_user_id: str,
        *,
        provisional_user: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        preferred_global_name: UndefinedOr[str] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """A provisional account token for one of your game's users (bot token)."""
        check_len("external_user_id", external_user_id, 1, 1024)
        check_len("preferred_global_name", preferred_global_name, 1, 32)
        body = put(
            {"external_user_id": external_user_id},
            provisional_user_id=opt_id(provisional_user),
            preferred_global_name=preferred_global_name,
        )
        payload = await self._request(POST_BOT_TOKEN.compile(), json=body)
        return typing.cast("dict[str, typing.Any]", payload)

    async def unmerge_bot_provisional_account(self, external_user_id: str) -> None:
        """Unmerge a provisional account by your game's user ID (bot token)."""
        check_len("external_user_id", external_user_id, 1, 1024)
        body = {"external_user_id": external_user_id}
        await self._request(POST_BOT_UNMERGE.compile(), json=body)

    async def set_dm_message_moderation_metadata(
        self,
        user_1: SnowflakeishOr,
        user_2: SnowflakeishOr,
        message: SnowflakeishOr,
        metadata: Mapping[str, str],
    ) -> None:
        """Attach your moderation system's verdict to a DM between two users."""
        route = PUT_DM_MODERATION.compile(
            user_id_1=sid(user_1), user_id_2=sid(user_2), message_id=sid(message)
        )
        await self._request(route, json=dict(metadata))
