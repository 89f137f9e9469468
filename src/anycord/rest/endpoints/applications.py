"""REST endpoints: applications, role-connection metadata, activity instances, attachments,
and application command permissions.

Shapes from resources/application.mdx, resources/application-role-connection-metadata.mdx,
resources/user.mdx ("Application Role Connection") and interactions/application-commands.mdx
("Permissions"). The user's role connection routes need a Bearer token with the
`role_connections.write` scope (`RESTApp.acquire(token, "Bearer")`).
"""

from __future__ import annotations

import typing

from anycord.files import ensure_resource, to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.applications import (
    decode_activity_instance,
    decode_application,
    decode_role_connection_metadata,
    encode_role_connection_metadata,
)
from anycord.serde.commands import decode_guild_command_permissions, encode_command_permission
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.files import Resourceish
    from anycord.models.applications import (
        ActivityInstance,
        Application,
        ApplicationRoleConnectionMetadata,
    )
    from anycord.models.commands import CommandPermission, GuildCommandPermissions
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["ApplicationEndpoints"]

GET_MY_APP = Route("GET", "/applications/@me")
PATCH_MY_APP = Route("PATCH", "/applications/@me")
GET_APP = Route("GET", "/applications/{application_id}")
PATCH_APP = Route("PATCH", "/applications/{application_id}")
GET_ACTIVITY = Route("GET", "/applications/{application_id}/activity-instances/{instance_id}")
POST_ATTACHMENT = Route("POST", "/applications/{application_id}/attachment")
GET_ROLE_METADATA = Route("GET", "/applications/{application_id}/role-connections/metadata")
PUT_ROLE_METADATA = Route("PUT", "/applications/{application_id}/role-connections/metadata")
_ME_ROLE = "/users/@me/applications/{application_id}/role-connection"
GET_MY_ROLE_CONNECTION = Route("GET", _ME_ROLE)
PUT_MY_ROLE_CONNECTION = Route("PUT", _ME_ROLE)
DELETE_MY_ROLE_CONNECTION = Route("DELETE", _ME_ROLE)
_PERMS = "/applications/{application_id}/guilds/{guild_id}/commands"
GET_GUILD_PERMISSIONS = Route("GET", _PERMS + "/permissions")
GET_COMMAND_PERMISSIONS = Route("GET", _PERMS + "/{command_id}/permissions")
PUT_COMMAND_PERMISSIONS = Route("PUT", _PERMS + "/{command_id}/permissions")


class ApplicationEndpoints(EndpointBase):
    """The application and what hangs off it."""

    __slots__ = ()

    async def fetch_application(
        self, application: UndefinedOr[SnowflakeishOr] = UNDEFINED
    ) -> Application:
        """The bot's own application (`/applications/@me`), or one by ID."""
        route = (
            GET_MY_APP.compile()
            if application is UNDEFINED
            else GET_APP.compile(application_id=sid(application))
        )
        return decode_application(await self._request(route), self._app)

    async def edit_application(
        self,
        application: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        icon: UndefinedNoneOr[Resourceish] = UNDEFINED,
        cover_image: UndefinedNoneOr[Resourceish] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
        interactions_endpoint_url: UndefinedNoneOr[str] = UNDEFINED,
        role_connections_verification_url: UndefinedNoneOr[str] = UNDEFINED,
        custom_install_url: UndefinedNoneOr[str] = UNDEFINED,
        tags: UndefinedOr[Sequence[str]] = UNDEFINED,
        install_params: UndefinedNoneOr[Mapping[str, typing.Any]] = UNDEFINED,
        integration_types_config: UndefinedOr[Mapping[str, typing.Any]] = UNDEFINED,
        event_webhooks_url: UndefinedNoneOr[str] = UNDEFINED,
        event_webhooks_status: UndefinedOr[int] = UNDEFINED,
        event_webhooks_types: UndefinedOr[Sequence[str]] = UNDEFINED,
    ) -> Application:
        """Change the application (at most 5 tags of 20 characters each)."""
        check_len("tags", tags, 0, 5)
        check_len("interactions_endpoint_url", interactions_endpoint_url, 0, 2048)
        if tags is not UNDEFINED:
            for tag in tags:
                check_len("tag", tag, 1, 20)
        body = put(
            {},
            description=description,
            flags=flags if flags is UNDEFINED else int(flags),
            interactions_endpoint_url=interactions_endpoint_url,
            role_connections_verification_url=role_connections_verification_url,
            custom_install_url=custom_install_url,
            tags=tags if tags is UNDEFINED else list(tags),
            install_params=install_params
            if install_params in (UNDEFINED, None)
            else dict(install_params),
            integration_types_config=(
                integration_types_config
                if integration_types_config is UNDEFINED
                else dict(integration_types_config)
            ),
            event_webhooks_url=event_webhooks_url,
            event_webhooks_status=event_webhooks_status,
            event_webhooks_types=(
                event_webhooks_types
                if event_webhooks_types is UNDEFINED
                else list(event_webhooks_types)
            ),
        )
        if icon is not UNDEFINED:
            body["icon"] = None if icon is None else await to_data_uri(icon)
        if cover_image is not UNDEFINED:
            body["cover_image"] = None if cover_image is None else await to_data_uri(cover_image)
        if application is UNDEFINED:
            route = PATCH_MY_APP.compile()
        else:
            route = PATCH_APP.compile(application_id=sid(application))
        return decode_application(await self._request(route, json=body), self._app)

    async def fetch_activity_instance(
        self, application: SnowflakeishOr, instance_id: str
    ) -> ActivityInstance:
        """A running instance of an activity (for checking a launch is genuine)."""
        route = GET_ACTIVITY.compile(application_id=sid(application), instance_id=instance_id)
        return decode_activity_instance(await self._request(route), self._app)

    async def upload_application_attachment(
        self, application: SnowflakeishOr, file: Resourceish
    ) -> dict[str, typing.Any]:
        """Upload a file for an activity to share; returns `{"attachment": {...}}`."""
        route = POST_ATTACHMENT.compile(application_id=sid(application))
        payload = await self._request(route, files=[ensure_resource(file)])
        return typing.cast("dict[str, typing.Any]", payload)

    async def fetch_application_role_connection_metadata_records(
        self, application: SnowflakeishOr
    ) -> list[ApplicationRoleConnectionMetadata]:
        """The role-connection metadata records of an application."""
        route = GET_ROLE_METADATA.compile(application_id=sid(application))
        return [
            decode_role_connection_metadata(r, self._app) for r in await self._request(route) or ()
        ]

    async def set_application_role_connection_metadata_records(
        self,
        application: SnowflakeishOr,
        records: Sequence[ApplicationRoleConnectionMetadata],
    ) -> list[ApplicationRoleConnectionMetadata]:
        """Replace the records (at most 5; keys 1-50 characters a-z, 0-9 or _)."""
        check_len("role connection metadata records", records, 0, 5)
        body = [encode_role_connection_metadata(r) for r in records]
        for record in body:
            check_len("metadata key", record["key"], 1, 50)
            check_len("metadata name", record["name"], 1, 100)
            check_len("metadata description", record["description"], 1, 200)
        route = PUT_ROLE_METADATA.compile(application_id=sid(application))
        payload = await self._request(route, json=body)
        return [decode_role_connection_metadata(r, self._app) for r in payload or ()]

    async def fetch_my_user_application_role_connection(
        self, application: SnowflakeishOr
    ) -> dict[str, typing.Any]:
        """The current user's role connection for an application (Bearer token)."""
        route = GET_MY_ROLE_CONNECTION.compile(application_id=sid(application))
        return typing.cast("dict[str, typing.Any]", await self._request(route))

    async def set_my_user_application_role_connection(
        self,
        application: SnowflakeishOr,
        *,
        platform_name: UndefinedOr[str] = UNDEFINED,
        platform_username: UndefinedOr[str] = UNDEFINED,
        metadata: UndefinedOr[Mapping[str, str | int]] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Set the current user's role connection (Bearer token with `role_connections.write`)."""
        check_len("platform_name", platform_name, 0, 50)
        check_len("platform_username", platform_username, 0, 100)
        body = put(
            {},
            platform_name=platform_name,
            platform_username=platform_username,
            metadata=metadata
            if metadata is UNDEFINED
            else {k: str(v) for k, v in metadata.items()},
        )
        route = PUT_MY_ROLE_CONNECTION.compile(application_id=sid(application))
        return typing.cast("dict[str, typing.Any]", await self._request(route, json=body))

    async def delete_my_user_application_role_connection(self, application: SnowflakeishOr) -> None:
        """Remove the current user's role connection (Bearer token)."""
        await self._request(DELETE_MY_ROLE_CONNECTION.compile(application_id=sid(application)))

    async def fetch_application_guild_commands_permissions(
        self, application: SnowflakeishOr, guild: SnowflakeishOr
    ) -> list[GuildCommandPermissions]:
        """The permission overwrites of every command of the application in a guild."""
        route = GET_GUILD_PERMISSIONS.compile(application_id=sid(application), guild_id=sid(guild))
        return [
            decode_guild_command_permissions(p, self._app) for p in await self._request(route) or ()
        ]

    async def fetch_application_command_permissions(
        self, application: SnowflakeishOr, guild: SnowflakeishOr, command: SnowflakeishOr
    ) -> GuildCommandPermissions:
        """The permission overwrites of one command in a guild."""
        route = GET_COMMAND_PERMISSIONS.compile(
            application_id=sid(application), guild_id=sid(guild), command_id=sid(command)
        )
        return decode_guild_command_permissions(await self._request(route), self._app)

    async def set_application_command_permissions(
        self,
        application: SnowflakeishOr,
        guild: SnowflakeishOr,
        command: SnowflakeishOr,
        permissions: Sequence[CommandPermission],
    ) -> GuildCommandPermissions:
        """Replace a command's overwrites in a guild (at most 100; needs a Bearer token
        with `applications.commands.permissions.update`, as Discord requires)."""
        check_len("command permissions", permissions, 0, 100)
        body = {"permissions": [encode_command_permission(p) for p in permissions]}
        route = PUT_COMMAND_PERMISSIONS.compile(
            application_id=sid(application), guild_id=sid(guild), command_id=sid(command)
        )
        return decode_guild_command_permissions(await self._request(route, json=body), self._app)
