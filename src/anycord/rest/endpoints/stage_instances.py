"""REST endpoints: stage instances (resources/stage-instance.mdx; topics 1-120 characters)."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.stage_instances import decode_stage_instance
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.stage_instances import StageInstance
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["StageInstanceEndpoints"]

POST_STAGE = Route("POST", "/stage-instances")
GET_STAGE = Route("GET", "/stage-instances/{channel_id}")
PATCH_STAGE = Route("PATCH", "/stage-instances/{channel_id}")
DELETE_STAGE = Route("DELETE", "/stage-instances/{channel_id}")


class StageInstanceEndpoints(EndpointBase):
    """Live stages."""

    __slots__ = ()

    async def fetch_stage_instance(self, channel: SnowflakeishOr) -> StageInstance:
        """The live stage of a stage channel."""
        payload = await self._request(GET_STAGE.compile(channel_id=sid(channel)))
        return decode_stage_instance(payload, self._app)

    async def create_stage_instance(
        self,
        channel: SnowflakeishOr,
        *,
        topic: str,
        privacy_level: UndefinedOr[int] = UNDEFINED,
        send_start_notification: UndefinedOr[bool] = UNDEFINED,
        scheduled_event: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> StageInstance:
        """Start a stage in a stage channel."""
        check_len("stage topic", topic, 1, 120)
        body = put(
            {"channel_id": str(sid(channel)), "topic": topic},
            privacy_level=privacy_level if privacy_level is UNDEFINED else int(privacy_level),
            send_start_notification=send_start_notification,
            guild_scheduled_event_id=opt_id(scheduled_event),
        )
        payload = await self._request(POST_STAGE.compile(), json=body, reason=reason)
        return decode_stage_instance(payload, self._app)

    async def edit_stage_instance(
        self,
        channel: SnowflakeishOr,
        *,
        topic: UndefinedOr[str] = UNDEFINED,
        privacy_level: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> StageInstance:
        """Change a live stage's topic or privacy level."""
        check_len("stage topic", topic, 1, 120)
        body = put(
            {},
            topic=topic,
            privacy_level=privacy_level if privacy_level is UNDEFINED else int(privacy_level),
        )
        route = PATCH_STAGE.compile(channel_id=sid(channel))
        payload = await self._request(route, json=body, reason=reason)
        return decode_stage_instance(payload, self._app)

    async def delete_stage_instance(
        self, channel: SnowflakeishOr, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """End a live stage."""
        await self._request(DELETE_STAGE.compile(channel_id=sid(channel)), reason=reason)
