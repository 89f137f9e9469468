"""REST endpoints: the guild audit log (resources/audit-log.mdx), paged newest first."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.pagination import LazyIterator
from anycord.rest.routes import Route
from anycord.serde.audit_logs import decode_audit_log
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import AsyncGenerator

    from anycord.models.audit_logs import AuditLog
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["AuditLogEndpoints"]

GET_AUDIT_LOG = Route("GET", "/guilds/{guild_id}/audit-logs")

_PAGE = 100


class AuditLogEndpoints(EndpointBase):
    """The audit log."""

    __slots__ = ()

    def fetch_audit_log(
        self,
        guild: SnowflakeishOr,
        *,
        before: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        user: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        event_type: UndefinedOr[int] = UNDEFINED,
        target: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[AuditLog]:
        """Pages of a guild's audit log (100 entries each), newest first.

        Each item is an `AuditLog` page: its entries plus the users, threads, webhooks,
        integrations, commands, rules and events they refer to. Iteration ends on a short page.
        """
        guild_id = sid(guild)
        route = GET_AUDIT_LOG.compile(guild_id=guild_id)
        filters = put(
            {},
            user_id=UNDEFINED if user is UNDEFINED else str(sid(user)),
            action_type=UNDEFINED if event_type is UNDEFINED else int(event_type),
            target_id=UNDEFINED if target is UNDEFINED else str(sid(target)),
        )
        first = None if before is UNDEFINED else str(sid(before))

        async def gen() -> AsyncGenerator[AuditLog, None]:
            cursor = first
            while True:
                query: dict[str, typing.Any] = {**filters, "limit": _PAGE}
                if cursor is not None:
                    query["before"] = cursor
                payload = await self._request(route, query=query)
                raw_entries = payload.get("audit_log_entries", ())
                if not raw_entries:
                    return
                yield decode_audit_log(payload, self._app, guild_id)
                if len(raw_entries) < _PAGE:
                    return
                cursor = str(min(int(e["id"]) for e in raw_entries))

        return LazyIterator(gen)
