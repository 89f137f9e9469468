"""REST endpoints: polls (resources/poll.mdx): answer voters and ending a poll early."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import cursor
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.messages import decode_message
from anycord.serde.users import decode_user
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.messages import Message
    from anycord.models.users import User
    from anycord.rest.pagination import LazyIterator
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["PollEndpoints"]

GET_ANSWER_VOTERS = Route("GET", "/channels/{channel_id}/polls/{message_id}/answers/{answer_id}")
POST_EXPIRE_POLL = Route("POST", "/channels/{channel_id}/polls/{message_id}/expire")


class PollEndpoints(EndpointBase):
    """Polls."""

    __slots__ = ()

    def fetch_poll_voters(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        answer_id: int,
        *,
        after: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[User]:
        """The users who voted for one answer, 100 per request, by ascending ID."""
        route = GET_ANSWER_VOTERS.compile(
            channel_id=sid(channel), message_id=sid(message), answer_id=int(answer_id)
        )
        app = self._app

        return self._paginate(
            route,
            lambda raw: decode_user(raw, app),
            page_size=100,
            first_cursor=cursor(after),
            items="users",
        )

    async def end_poll(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> Message:
        """End a poll now (only the bot's own polls); returns the message with final results."""
        route = POST_EXPIRE_POLL.compile(channel_id=sid(channel), message_id=sid(message))
        return decode_message(await self._request(route), self._app)
