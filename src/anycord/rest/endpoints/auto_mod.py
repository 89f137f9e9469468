"""REST endpoints: auto-moderation rules (resources/auto-moderation.mdx).

Bodies are built by `anycord.rest.builders.AutoModRuleBuilder`, which checks every limit
Discord documents (keywords, regexes, allow lists, mentions, exemptions, action metadata)
before anything is sent.
"""

from __future__ import annotations

import typing

import attrs

from anycord.rest.builders import AutoModRuleBuilder
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.auto_mod import decode_auto_mod_rule
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.auto_mod import AutoModAction, AutoModEventType, AutoModRule, AutoModTrigger
    from anycord.rest.routes import CompiledRoute
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["AutoModEndpoints"]

GET_RULES = Route("GET", "/guilds/{guild_id}/auto-moderation/rules")
POST_RULE = Route("POST", "/guilds/{guild_id}/auto-moderation/rules")
GET_RULE = Route("GET", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")
PATCH_RULE = Route("PATCH", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")
DELETE_RULE = Route("DELETE", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")

_RULE_FIELDS = frozenset(attrs.fields_dict(AutoModRuleBuilder))


class AutoModEndpoints(EndpointBase):
    """Auto-moderation rules."""

    __slots__ = ()

    async def _send_rule(
        self, route: CompiledRoute, arguments: Mapping[str, typing.Any], *, creating: bool
    ) -> AutoModRule:
        # The builder's fields are named as the endpoints' arguments; it checks every limit.
        fields = {k: v for k, v in arguments.items() if k in _RULE_FIELDS}
        body = AutoModRuleBuilder(**fields).build(creating=creating)
        payload = await self._request(route, json=body, reason=arguments["reason"])
        return decode_auto_mod_rule(payload, self._app)

    async def fetch_auto_mod_rules(self, guild: SnowflakeishOr) -> list[AutoModRule]:
        """Every auto-moderation rule of a guild."""
        payload = await self._request(GET_RULES.compile(guild_id=sid(guild)))
        return [decode_auto_mod_rule(r, self._app) for r in payload or ()]

    async def fetch_auto_mod_rule(self, guild: SnowflakeishOr, rule: SnowflakeishOr) -> AutoModRule:
        """One auto-moderation rule."""
        route = GET_RULE.compile(guild_id=sid(guild), rule_id=sid(rule))
        return decode_auto_mod_rule(await self._request(route), self._app)

    async def create_auto_mod_rule(
        self,
        guild: SnowflakeishOr,
        *,
        name: str,
        event_type: AutoModEventType,
        trigger: AutoModTrigger,
        actions: Sequence[AutoModAction],
        enabled: UndefinedOr[bool] = UNDEFINED,
        exempt_roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        exempt_channels: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> AutoModRule:
        """Create a rule; the trigger (e.g. `KeywordTrigger`) decides its type and metadata."""
        route = POST_RULE.compile(guild_id=sid(guild))
        return await self._send_rule(route, locals(), creating=True)

    async def edit_auto_mod_rule(
        self,
        guild: SnowflakeishOr,
        rule: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        event_type: UndefinedOr[AutoModEventType] = UNDEFINED,
        trigger: UndefinedOr[AutoModTrigger] = UNDEFINED,
        actions: UndefinedOr[Sequence[AutoModAction]] = UNDEFINED,
        enabled: UndefinedOr[bool] = UNDEFINED,
        exempt_roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        exempt_channels: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> AutoModRule:
        """Change a rule; only given fields are sent (a trigger's type cannot change)."""
        route = PATCH_RULE.compile(guild_id=sid(guild), rule_id=sid(rule))
        return await self._send_rule(route, locals(), creating=False)

    async def delete_auto_mod_rule(
        self,
        guild: SnowflakeishOr,
        rule: SnowflakeishOr,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a rule."""
        route = DELETE_RULE.compile(guild_id=sid(guild), rule_id=sid(rule))
        await self._request(route, reason=reason)
