"""REST endpoints: guild templates (resources/guild-template.mdx).

Names are 1-100 characters and descriptions up to 120.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.templates import decode_template
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.templates import Template
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["TemplateEndpoints"]

GET_TEMPLATE = Route("GET", "/guilds/templates/{code}")
GET_GUILD_TEMPLATES = Route("GET", "/guilds/{guild_id}/templates")
POST_GUILD_TEMPLATE = Route("POST", "/guilds/{guild_id}/templates")
PUT_GUILD_TEMPLATE = Route("PUT", "/guilds/{guild_id}/templates/{code}")
PATCH_GUILD_TEMPLATE = Route("PATCH", "/guilds/{guild_id}/templates/{code}")
DELETE_GUILD_TEMPLATE = Route("DELETE", "/guilds/{guild_id}/templates/{code}")


def _code(template: str | Template) -> str:
    return template if isinstance(template, str) else str(template.code)


class TemplateEndpoints(EndpointBase):
    """Guild templates."""

    __slots__ = ()

    async def fetch_template(self, template: str | Template) -> Template:
        """A template by code (no token needed)."""
        payload = await self._request(GET_TEMPLATE.compile(code=_code(template)))
        return decode_template(payload, self._app)

    async def fetch_guild_templates(self, guild: SnowflakeishOr) -> list[Template]:
        """Every template of a guild."""
        payload = await self._request(GET_GUILD_TEMPLATES.compile(guild_id=sid(guild)))
        return [decode_template(t, self._app) for t in payload or ()]

    async def create_template(
        self,
        guild: SnowflakeishOr,
        name: str,
        *,
        description: UndefinedNoneOr[str] = UNDEFINED,
    ) -> Template:
        """Snapshot a guild as a new template."""
        check_len("template name", name, 1, 100)
        check_len("template description", description, 0, 120)
        body = put({"name": name}, description=description)
        route = POST_GUILD_TEMPLATE.compile(guild_id=sid(guild))
        return decode_template(await self._request(route, json=body), self._app)

    async def sync_guild_template(
        self, guild: SnowflakeishOr, template: str | Template
    ) -> Template:
        """Update a template to the guild's current state."""
        route = PUT_GUILD_TEMPLATE.compile(guild_id=sid(guild), code=_code(template))
        return decode_template(await self._request(route), self._app)

    async def edit_template(
        self,
        guild: SnowflakeishOr,
        template: str | Template,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
    ) -> Template:
        """Rename a template or change its description."""
        check_len("template name", name, 1, 100)
        check_len("template description", description, 0, 120)
        body = put({}, name=name, description=description)
        route = PATCH_GUILD_TEMPLATE.compile(guild_id=sid(guild), code=_code(template))
        return decode_template(await self._request(route, json=body), self._app)

    async def delete_template(self, guild: SnowflakeishOr, template: str | Template) -> Template:
        """Delete a template; returns what it was."""
        route = DELETE_GUILD_TEMPLATE.compile(guild_id=sid(guild), code=_code(template))
        return decode_template(await self._request(route), self._app)
