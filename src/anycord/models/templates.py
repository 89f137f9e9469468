"""Guild templates (resources/guild-template.mdx)."""

from __future__ import annotations

import typing

import attrs

from anycord import urls
from anycord.models.base import require_app
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping

    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["GuildTemplate", "Template"]


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class Template:
    """A snapshot of a guild to create new guilds from; equal by `code`."""

    app: RESTAware | None = attrs.field(default=None, repr=False, eq=False)
    code: str
    name: str = attrs.field(eq=False)
    description: str | None = attrs.field(default=None, eq=False)
    usage_count: int = attrs.field(default=0, eq=False)
    creator_id: Snowflake = attrs.field(eq=False)
    creator: User | None = attrs.field(default=None, eq=False)
    created_at: datetime.datetime = attrs.field(eq=False)
    updated_at: datetime.datetime = attrs.field(eq=False)
    source_guild_id: Snowflake = attrs.field(eq=False)
    source_guild: Mapping[str, typing.Any] = attrs.field(factory=dict, eq=False)
    """The guild snapshot as Discord sends it (its IDs are placeholders, not snowflakes)."""
    is_unsynced: bool | None = attrs.field(default=None, eq=False)
    """Whether the source guild changed since the snapshot (`is_dirty`)."""

    @property
    def url(self) -> str:
        """The template's share link."""
        return f"{urls.BASE_URL}/template/{self.code}"

    async def fetch_self(self) -> Template:
        """Fetch this template again."""
        app = require_app(self.app, "Template.fetch_self")
        return await app.rest.fetch_template(self.code)

    async def edit(
        self,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
    ) -> Template:
        """Rename the template or change its description (`None` clears it)."""
        app = require_app(self.app, "Template.edit")
        guild = self.source_guild_id
        return await app.rest.edit_template(guild, self.code, name=name, description=description)

    async def sync(self) -> Template:
        """Update the template to its source guild's current state."""
        app = require_app(self.app, "Template.sync")
        return await app.rest.sync_guild_template(self.source_guild_id, self.code)

    async def delete(self) -> None:
        """Delete the template."""
        app = require_app(self.app, "Template.delete")
        await app.rest.delete_template(self.source_guild_id, self.code)


GuildTemplate = Template
"""Alias of `Template`."""
