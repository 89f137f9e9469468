"""REST endpoints: application commands, global and per guild (create, fetch, edit, delete,
bulk overwrite)."""

from __future__ import annotations

import typing

from anycord.models.command_edits import CommandEditFields
from anycord.models.commands import (
    CommandBuilder,
    CommandOption,
    check_command_set,
)
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.commands import decode_command, encode_command_builder, encode_command_option
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.commands import PartialCommand
    from anycord.serde._core import JSONObject
    from anycord.snowflakes import Snowflake, SnowflakeishOr

__all__ = ["CommandEditFields", "CommandEndpoints"]

_G = "/applications/{application_id}/commands"
_GG = "/applications/{application_id}/guilds/{guild_id}/commands"
GET_COMMANDS = Route("GET", _G)
PUT_COMMANDS = Route("PUT", _G)
POST_COMMAND = Route("POST", _G)
GET_COMMAND = Route("GET", _G + "/{command_id}")
PATCH_COMMAND = Route("PATCH", _G + "/{command_id}")
DELETE_COMMAND = Route("DELETE", _G + "/{command_id}")
GET_GUILD_COMMANDS = Route("GET", _GG)
PUT_GUILD_COMMANDS = Route("PUT", _GG)
POST_GUILD_COMMAND = Route("POST", _GG)
GET_GUILD_COMMAND = Route("GET", _GG + "/{command_id}")
PATCH_GUILD_COMMAND = Route("PATCH", _GG + "/{command_id}")
DELETE_GUILD_COMMAND = Route("DELETE", _GG + "/{command_id}")


def _encode(builder: CommandBuilder | JSONObject) -> JSONObject:
    if isinstance(builder, dict):
        return builder
    if isinstance(builder, CommandBuilder):
        # Discord's documented limits, checked before anything is sent.
        builder.validate()
    return encode_command_builder(builder)


class CommandEndpoints(EndpointBase):
    """Slash and context-menu commands. `guild=UNDEFINED` means global commands."""

    __slots__ = ()

    def _decode_commands(
        self, payload: list[JSONObject], guild_id: Snowflake | None
    ) -> list[PartialCommand]:
        return [decode_command(p, self._app, guild_id=guild_id) for p in payload]

    async def fetch_application_commands(
        self,
        application: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        *,
        with_localizations: bool = False,
    ) -> list[PartialCommand]:
        """Every command (global, or of one guild)."""
        app_id = sid(application)
        query = {"with_localizations": with_localizations}
        if guild is UNDEFINED:
            payload = await self._request(GET_COMMANDS.compile(application_id=app_id), query=query)
            return self._decode_commands(payload, None)
        guild_id = sid(guild)
        route = GET_GUILD_COMMANDS.compile(application_id=app_id, guild_id=guild_id)
        return self._decode_commands(await self._request(route, query=query), guild_id)

    async def fetch_application_command(
        self,
        application: SnowflakeishOr,
        command: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> PartialCommand:
        """One command."""
        app_id, command_id = sid(application), sid(command)
        if guild is UNDEFINED:
            route = GET_COMMAND.compile(application_id=app_id, command_id=command_id)
            return decode_command(await self._request(route), self._app)
        guild_id = sid(guild)
        route = GET_GUILD_COMMAND.compile(
            application_id=app_id, guild_id=guild_id, command_id=command_id
        )
        return decode_command(await self._request(route), self._app, guild_id=guild_id)

    async def create_application_command(
        self,
        application: SnowflakeishOr,
        command: CommandBuilder | JSONObject,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> PartialCommand:
        """Create (or overwrite by name) one command from a `CommandBuilder` or a dict.

        A builder is checked against Discord's limits first (`ValueError`, no request).
        """
        app_id = sid(application)
        if guild is UNDEFINED:
            route = POST_COMMAND.compile(application_id=app_id)
            return decode_command(await self._request(route, json=_encode(command)), self._app)
        guild_id = sid(guild)
        route = POST_GUILD_COMMAND.compile(application_id=app_id, guild_id=guild_id)
        payload = await self._request(route, json=_encode(command))
        return decode_command(payload, self._app, guild_id=guild_id)

    async def edit_application_command(
        self,
        application: SnowflakeishOr,
        command: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        **fields: typing.Unpack[CommandEditFields],
    ) -> PartialCommand:
        """Change fields of a command (by their JSON names: `name`, `description`, `options`
        (`CommandOption`s or dicts)...)."""
        app_id, command_id = sid(application), sid(command)
        body: JSONObject = {k: v for k, v in fields.items() if v is not UNDEFINED}
        options = fields.get("options")
        if options:
            body["options"] = [
                encode_command_option(o) if isinstance(o, CommandOption) else o for o in options
            ]
        if guild is UNDEFINED:
            route = PATCH_COMMAND.compile(application_id=app_id, command_id=command_id)
            return decode_command(await self._request(route, json=body), self._app)
        guild_id = sid(guild)
        route = PATCH_GUILD_COMMAND.compile(
            application_id=app_id, guild_id=guild_id, command_id=command_id
        )
        return decode_command(await self._request(route, json=body), self._app, guild_id=guild_id)

    async def delete_application_command(
        self,
        application: SnowflakeishOr,
        command: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Delete a command."""
        app_id, command_id = sid(application), sid(command)
        if guild is UNDEFINED:
            await self._request(
                DELETE_COMMAND.compile(application_id=app_id, command_id=command_id)
            )
            return
        route = DELETE_GUILD_COMMAND.compile(
            application_id=app_id, guild_id=sid(guild), command_id=command_id
        )
        await self._request(route)

    async def set_application_commands(
        self,
        application: SnowflakeishOr,
        commands: Sequence[CommandBuilder | JSONObject],
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> list[PartialCommand]:
        """Replace every command with `commands` (bulk overwrite; `[]` deletes them all).

        Builders are checked before the request: each one's limits (`CommandBuilder.validate`)
        and the set's (`check_command_set`: per-type counts, unique names); `ValueError`.
        """
        app_id = sid(application)
        check_command_set(c for c in commands if isinstance(c, CommandBuilder))
        body = [_encode(c) for c in commands]
        if guild is UNDEFINED:
            payload = await self._request(PUT_COMMANDS.compile(application_id=app_id), json=body)
            return self._decode_commands(payload, None)
        guild_id = sid(guild)
        route = PUT_GUILD_COMMANDS.compile(application_id=app_id, guild_id=guild_id)
        return self._decode_commands(await self._request(route, json=body), guild_id)
