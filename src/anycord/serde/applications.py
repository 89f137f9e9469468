"""Applications, teams, role connection metadata and OAuth2 shapes ↔ JSON."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.applications import (
    ActivityInstance,
    ActivityLocation,
    Application,
    ApplicationEventWebhookStatus,
    ApplicationFlags,
    ApplicationIntegrationType,
    ApplicationRoleConnectionMetadata,
    ApplicationRoleConnectionMetadataType,
    AuthorizationInformation,
    InstallParameters,
    IntegrationTypeConfig,
    OAuth2AuthorizationToken,
    OAuth2Scope,
    PartialOAuth2Token,
    Team,
    TeamMember,
    TeamMemberRole,
    TeamMembershipState,
)
from anycord.permissions import Permissions
from anycord.serde._core import JSONObject, from_iso, opt_snowflake, register, to_iso
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

    from anycord.traits import RESTAware

__all__ = [
    "decode_activity_instance",
    "decode_application",
    "decode_authorization_information",
    "decode_oauth2_token",
    "decode_role_connection_metadata",
    "decode_team",
    "encode_activity_instance",
    "encode_application",
    "encode_role_connection_metadata",
    "encode_team",
]


def _scopes(values: Iterable[str] | None) -> tuple[OAuth2Scope, ...]:
    return tuple(try_enum(OAuth2Scope, s) for s in values or ())


def _install_params(p: JSONObject) -> InstallParameters:
    return InstallParameters(
        scopes=_scopes(p.get("scopes")), permissions=Permissions(int(p.get("permissions", 0)))
    )


def _encode_install_params(p: InstallParameters) -> JSONObject:
    return {"scopes": [str(s) for s in p.scopes], "permissions": str(int(p.permissions))}


def decode_team(p: JSONObject, app: RESTAware | None = None) -> Team:
    """A team object."""
    members = {}
    for m in p.get("members", ()):
        user = decode_user(m["user"], app)
        members[user.id] = TeamMember(
            user=user,
            team_id=Snowflake(m["team_id"]),
            membership_state=try_enum(TeamMembershipState, m["membership_state"]),
            role=try_enum(TeamMemberRole, m.get("role", "read_only")),
            permissions=tuple(m.get("permissions", ("*",))),
        )
    return Team(
        id=Snowflake(p["id"]),
        app=app,
        name=p["name"],
        icon_hash=p.get("icon"),
        owner_id=Snowflake(p["owner_user_id"]),
        members=members,
    )


def encode_team(t: Team) -> JSONObject:
    """A team as Discord sends it."""
    return {
        "id": str(t.id),
        "name": t.name,
        "icon": t.icon_hash,
        "owner_user_id": str(t.owner_id),
        "members": [
            {
                "user": encode_user(m.user),
                "team_id": str(m.team_id),
                "membership_state": int(m.membership_state),
                "role": str(m.role),
                "permissions": list(m.permissions),
            }
            for m in t.members.values()
        ],
    }


def decode_application(p: JSONObject, app: RESTAware | None = None) -> Application:
    """An application object (full or partial)."""
    team = p.get("team")
    bot = p.get("bot")
    owner = p.get("owner")
    install = p.get("install_params")
    status = p.get("event_webhooks_status")
    flags = p.get("flags")
    return Application(
        id=Snowflake(p["id"]),
        app=app,
        name=p.get("name", ""),
        description=p.get("description", ""),
        icon_hash=p.get("icon"),
        rpc_origins=tuple(p.get("rpc_origins", ())),
        is_bot_public=p.get("bot_public", False),
        is_bot_code_grant_required=p.get("bot_require_code_grant", False),
        bot=None if bot is None else decode_user(bot, app),
        terms_of_service_url=p.get("terms_of_service_url"),
        privacy_policy_url=p.get("privacy_policy_url"),
        owner=None if owner is None else decode_user(owner, app),
        public_key=p.get("verify_key", ""),
        team=None if team is None else decode_team(team, app),
        guild_id=opt_snowflake(p.get("guild_id")),
        guild=p.get("guild"),
        primary_sku_id=opt_snowflake(p.get("primary_sku_id")),
        slug=p.get("slug"),
        cover_image_hash=p.get("cover_image"),
        flags=ApplicationFlags(flags if flags is not None else int(p.get("flags_new", 0))),
        approximate_guild_count=p.get("approximate_guild_count"),
        approximate_user_install_count=p.get("approximate_user_install_count"),
        approximate_user_authorization_count=p.get("approximate_user_authorization_count"),
        redirect_uris=tuple(p.get("redirect_uris", ())),
        interactions_endpoint_url=p.get("interactions_endpoint_url"),
        role_connections_verification_url=p.get("role_connections_verification_url"),
        event_webhooks_url=p.get("event_webhooks_url"),
        event_webhooks_status=None
        if status is None
        else try_enum(ApplicationEventWebhookStatus, status),
        event_webhooks_types=tuple(p.get("event_webhooks_types", ())),
        tags=tuple(p.get("tags", ())),
        install_parameters=None if install is None else _install_params(install),
        integration_types_config={
            try_enum(ApplicationIntegrationType, int(k)): IntegrationTypeConfig(
                install_parameters=None
                if not v or v.get("oauth2_install_params") is None
                else _install_params(v["oauth2_install_params"])
            )
            for k, v in (p.get("integration_types_config") or {}).items()
        },
        custom_install_url=p.get("custom_install_url"),
    )


def encode_application(a: Application) -> JSONObject:
    """An application as Discord sends it."""
    out: JSONObject = {
        "id": str(a.id),
        "name": a.name,
        "description": a.description,
        "icon": a.icon_hash,
        "bot_public": a.is_bot_public,
        "bot_require_code_grant": a.is_bot_code_grant_required,
        "verify_key": a.public_key,
        "flags": int(a.flags),
        "team": None if a.team is None else encode_team(a.team),
        "interactions_endpoint_url": a.interactions_endpoint_url,
        "role_connections_verification_url": a.role_connections_verification_url,
        "event_webhooks_url": a.event_webhooks_url,
    }
    for key, value in (
        ("rpc_origins", list(a.rpc_origins)),
        ("redirect_uris", list(a.redirect_uris)),
        ("tags", list(a.tags)),
        ("event_webhooks_types", list(a.event_webhooks_types)),
    ):
        if value:
            out[key] = value
    for key, opt in (
        ("terms_of_service_url", a.terms_of_service_url),
        ("privacy_policy_url", a.privacy_policy_url),
        ("guild", a.guild),
        ("slug", a.slug),
        ("cover_image", a.cover_image_hash),
        ("approximate_guild_count", a.approximate_guild_count),
        ("approximate_user_install_count", a.approximate_user_install_count),
        ("approximate_user_authorization_count", a.approximate_user_authorization_count),
        ("custom_install_url", a.custom_install_url),
    ):
        if opt is not None:
            out[key] = opt
    if a.bot is not None:
        out["bot"] = encode_user(a.bot)
    if a.owner is not None:
        out["owner"] = encode_user(a.owner)
    if a.guild_id is not None:
        out["guild_id"] = str(a.guild_id)
    if a.primary_sku_id is not None:
        out["primary_sku_id"] = str(a.primary_sku_id)
    if a.event_webhooks_status is not None:
        out["event_webhooks_status"] = int(a.event_webhooks_status)
    if a.install_parameters is not None:
        out["install_params"] = _encode_install_params(a.install_parameters)
    if a.integration_types_config:
        out["integration_types_config"] = {
            str(int(k)): {}
            if v.install_parameters is None
            else {"oauth2_install_params": _encode_install_params(v.install_parameters)}
            for k, v in a.integration_types_config.items()
        }
    return out


def decode_role_connection_metadata(
    p: JSONObject, app: RESTAware | None = None
) -> ApplicationRoleConnectionMetadata:
    """An application role connection metadata record."""
    del app
    return ApplicationRoleConnectionMetadata(
        type=try_enum(ApplicationRoleConnectionMetadataType, p["type"]),
        key=p["key"],
        name=p["name"],
        description=p["description"],
        name_localizations=p.get("name_localizations") or {},
        description_localizations=p.get("description_localizations") or {},
    )


def encode_role_connection_metadata(m: ApplicationRoleConnectionMetadata) -> JSONObject:
    """A role connection metadata record as sent to PUT .../role-connections/metadata (exact)."""
    out: JSONObject = {
        "type": int(m.type),
        "key": m.key,
        "name": m.name,
        "description": m.description,
    }
    if m.name_localizations:
        out["name_localizations"] = dict(m.name_localizations)
    if m.description_localizations:
        out["description_localizations"] = dict(m.description_localizations)
    return out


def decode_activity_instance(p: JSONObject, app: RESTAware | None = None) -> ActivityInstance:
    """An activity instance."""
    del app
    loc = p["location"]
    return ActivityInstance(
        application_id=Snowflake(p["application_id"]),
        instance_id=p["instance_id"],
        launch_id=Snowflake(p["launch_id"]),
        location=ActivityLocation(
            id=loc["id"],
            kind=loc["kind"],
            channel_id=Snowflake(loc["channel_id"]),
            guild_id=opt_snowflake(loc.get("guild_id")),
        ),
        user_ids=tuple(Snowflake(u) for u in p.get("users", ())),
    )


def encode_activity_instance(a: ActivityInstance) -> JSONObject:
    """An activity instance as Discord sends it."""
    location: JSONObject = {
        "id": a.location.id,
        "kind": a.location.kind,
        "channel_id": str(a.location.channel_id),
    }
    if a.location.guild_id is not None:
        location["guild_id"] = str(a.location.guild_id)
    return {
        "application_id": str(a.application_id),
        "instance_id": a.instance_id,
        "launch_id": str(a.launch_id),
        "location": location,
        "users": [str(u) for u in a.user_ids],
    }


def decode_authorization_information(
    p: JSONObject, app: RESTAware | None = None
) -> AuthorizationInformation:
    """GET /oauth2/@me."""
    user = p.get("user")
    return AuthorizationInformation(
        application=decode_application(p["application"], app),
        scopes=_scopes(p.get("scopes")),
        expires_at=from_iso(p["expires"]),
        user=None if user is None else decode_user(user, app),
    )


def encode_authorization_information(a: AuthorizationInformation) -> JSONObject:
    """GET /oauth2/@me as Discord sends it."""
    out: JSONObject = {
        "application": encode_application(a.application),
        "scopes": [str(s) for s in a.scopes],
        "expires": to_iso(a.expires_at),
    }
    if a.user is not None:
        out["user"] = encode_user(a.user)
    return out


def decode_oauth2_token(p: JSONObject, app: RESTAware | None = None) -> PartialOAuth2Token:
    """An access token response: `OAuth2AuthorizationToken` when it has a refresh token, else `PartialOAuth2Token`."""
    del app
    common = {
        "access_token": p["access_token"],
        "token_type": p["token_type"],
        "expires_in": datetime.timedelta(seconds=p["expires_in"]),
        "scopes": _scopes(p.get("scope", "").split()),
    }
    if "refresh_token" in p or "webhook" in p or "guild" in p:
        return OAuth2AuthorizationToken(
            refresh_token=p.get("refresh_token"),
            webhook=p.get("webhook"),
            guild=p.get("guild"),
            **common,
        )
    return PartialOAuth2Token(**common)


def encode_oauth2_token(t: PartialOAuth2Token) -> JSONObject:
    """An access token response as Discord sends it (fakes use this)."""
    out: JSONObject = {
        "access_token": t.access_token,
        "token_type": t.token_type,
        "expires_in": int(t.expires_in.total_seconds()),
        "scope": " ".join(str(s) for s in t.scopes),
    }
    if isinstance(t, OAuth2AuthorizationToken):
        if t.refresh_token is not None:
            out["refresh_token"] = t.refresh_token
        if t.webhook is not None:
            out["webhook"] = t.webhook
        if t.guild is not None:
            out["guild"] = t.guild
    return out


register(Application, decode=decode_application, encode=encode_application)
register(Team, decode=decode_team, encode=encode_team)
register(
    ApplicationRoleConnectionMetadata,
    decode=decode_role_connection_metadata,
    encode=encode_role_connection_metadata,
)
register(ActivityInstance, decode=decode_activity_instance, encode=encode_activity_instance)
register(
    AuthorizationInformation,
    decode=decode_authorization_information,
    encode=encode_authorization_information,
)
register(PartialOAuth2Token, decode=decode_oauth2_token, encode=encode_oauth2_token)
register(OAuth2AuthorizationToken, decode=decode_oauth2_token, encode=encode_oauth2_token)
