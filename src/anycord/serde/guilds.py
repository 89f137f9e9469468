"""Guilds ↔ JSON, including the whole of GUILD_CREATE (`decode_gateway_guild_definition`)."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.guild_enums import (
    GuildExplicitContentFilterLevel,
    GuildFeature,
    GuildMessageNotificationsLevel,
    GuildMFALevel,
    GuildNSFWLevel,
    GuildPremiumTier,
    GuildSystemChannelFlag,
    GuildVerificationLevel,
)
from anycord.models.guild_satellites import (
    GuildBan,
    GuildOnboarding,
    GuildOnboardingMode,
    GuildPreview,
    GuildWidget,
    GuildWidgetInfo,
    Integration,
    IntegrationAccount,
    IntegrationApplication,
    IntegrationExpireBehaviour,
    IntegrationType,
    OnboardingPrompt,
    OnboardingPromptOption,
    OnboardingPromptType,
    VanityURL,
    WelcomeChannel,
    WelcomeScreen,
)
from anycord.models.guilds import (
    GatewayGuild,
    GatewayGuildDefinition,
    Guild,
    PartialGuild,
    RESTGuild,
    UnavailableGuild,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.channels import decode_channel
from anycord.serde.emojis import (
    decode_emoji,
    decode_known_custom_emoji,
    encode_emoji,
    encode_known_custom_emoji,
)
from anycord.serde.members import RoleIdInterner, decode_members
from anycord.serde.presences import decode_member_presence
from anycord.serde.roles import decode_role, encode_role
from anycord.serde.stickers import decode_guild_sticker, encode_sticker
from anycord.serde.threads import decode_thread
from anycord.serde.users import decode_user, encode_user
from anycord.serde.voices import decode_voice_state
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.channels import GuildChannel
    from anycord.traits import RESTAware

__all__ = [
    "decode_gateway_guild",
    "decode_gateway_guild_definition",
    "decode_guild_ban",
    "decode_guild_onboarding",
    "decode_guild_preview",
    "decode_guild_widget",
    "decode_guild_widget_info",
    "decode_integration",
    "decode_partial_guild",
    "decode_rest_guild",
    "decode_unavailable_guild",
    "decode_vanity_url",
    "decode_welcome_screen",
    "encode_guild",
    "encode_welcome_screen",
]


def _features(raw: Sequence[str]) -> tuple[GuildFeature, ...]:
    return tuple(try_enum(GuildFeature, f) for f in raw)


def _sf(value: Snowflake | None) -> str | None:
    return str(value) if value is not None else None


def decode_partial_guild(payload: JSONObject, app: RESTAware | None = None) -> PartialGuild:
    """A guild's ID, name and icon."""
    return PartialGuild(
        id=Snowflake(payload["id"]), app=app, name=payload["name"], icon_hash=payload.get("icon")
    )


def _guild_fields(payload: JSONObject, app: RESTAware | None) -> dict[str, typing.Any]:
    return {
        "id": Snowflake(payload["id"]),
        "app": app,
        "name": payload["name"],
        "icon_hash": payload.get("icon"),
        "features": _features(payload.get("features", ())),
        "owner_id": Snowflake(payload["owner_id"]),
        "description": payload.get("description"),
        "splash_hash": payload.get("splash"),
        "discovery_splash_hash": payload.get("discovery_splash"),
        "banner_hash": payload.get("banner"),
        "application_id": opt_snowflake(payload.get("application_id")),
        "afk_channel_id": opt_snowflake(payload.get("afk_channel_id")),
        "afk_timeout": payload.get("afk_timeout", 0),
        "is_widget_enabled": payload.get("widget_enabled"),
        "widget_channel_id": opt_snowflake(payload.get("widget_channel_id")),
        "verification_level": try_enum(
            GuildVerificationLevel, payload.get("verification_level") or 0
        ),
        "default_message_notifications": try_enum(
            GuildMessageNotificationsLevel, payload.get("default_message_notifications", 0)
        ),
        "explicit_content_filter": try_enum(
            GuildExplicitContentFilterLevel, payload.get("explicit_content_filter", 0)
        ),
        "mfa_level": try_enum(GuildMFALevel, payload.get("mfa_level", 0)),
        "nsfw_level": try_enum(GuildNSFWLevel, payload.get("nsfw_level") or 0),
        "system_channel_id": opt_snowflake(payload.get("system_channel_id")),
        "system_channel_flags": GuildSystemChannelFlag(payload.get("system_channel_flags", 0)),
        "rules_channel_id": opt_snowflake(payload.get("rules_channel_id")),
        "public_updates_channel_id": opt_snowflake(payload.get("public_updates_channel_id")),
        "safety_alerts_channel_id": opt_snowflake(payload.get("safety_alerts_channel_id")),
        "vanity_url_code": payload.get("vanity_url_code"),
        "premium_tier": try_enum(GuildPremiumTier, payload.get("premium_tier", 0)),
        "premium_subscription_count": payload.get("premium_subscription_count"),
        "preferred_locale": payload.get("preferred_locale", "en-US"),
        "max_presences": payload.get("max_presences"),
        "max_members": payload.get("max_members"),
        "max_video_channel_users": payload.get("max_video_channel_users"),
        "max_stage_video_channel_users": payload.get("max_stage_video_channel_users"),
        "is_premium_progress_bar_enabled": payload.get("premium_progress_bar_enabled", False),
        "incidents_data": payload.get("incidents_data"),
    }


def decode_gateway_guild(payload: JSONObject, app: RESTAware | None = None) -> GatewayGuild:
    """The guild fields of GUILD_CREATE / GUILD_UPDATE (members etc. are not decoded)."""
    fields = _guild_fields(payload, app)
    joined_at = payload.get("joined_at")
    return GatewayGuild(
        **fields,
        is_large=payload.get("large"),
        joined_at=datetime.datetime.fromisoformat(joined_at) if joined_at is not None else None,
        member_count=payload.get("member_count"),
    )


def decode_rest_guild(payload: JSONObject, app: RESTAware | None = None) -> RESTGuild:
    """`GET /guilds/{id}`: the guild with its roles, emojis and stickers."""
    fields = _guild_fields(payload, app)
    guild_id = fields["id"]
    roles = {r.id: r for r in (decode_role(p, app, guild_id) for p in payload.get("roles", ()))}
    emojis = {
        e.id: e
        for e in (decode_known_custom_emoji(p, app, guild_id) for p in payload.get("emojis", ()))
    }
    stickers = {
        s.id: s
        for s in (decode_guild_sticker(p, app, guild_id) for p in payload.get("stickers", ()))
    }
    return RESTGuild(
        **fields,
        roles=roles,
        emojis=emojis,
        stickers=stickers,
        approximate_member_count=payload.get("approximate_member_count"),
        approximate_active_member_count=payload.get("approximate_presence_count"),
    )


def decode_gateway_guild_definition(
    payload: JSONObject, app: RESTAware | None = None
) -> GatewayGuildDefinition:
    """Everything in a GUILD_CREATE, decoded eagerly: the guild, roles, emojis, stickers,
    channels, threads, members, presences and voice states (absent lists give empty maps)."""
    guild = decode_gateway_guild(payload, app)
    gid = guild.id
    interner = RoleIdInterner()
    roles = {}
    for raw in payload.get("roles", ()):
        role = decode_role(raw, app, gid)
        roles[role.id] = role
    channels: dict[Snowflake, GuildChannel] = {}
    for raw in payload.get("channels", ()):
        channel = decode_channel(raw, app, gid)
        channels[channel.id] = channel  # type: ignore[assignment]  # guild_id given: guild channel
    threads = {}
    for raw in payload.get("threads", ()):
        thread = decode_thread(raw, app, gid)
        threads[thread.id] = thread
    presences = {}
    for raw in payload.get("presences", ()):
        presence = decode_member_presence(raw, app, gid)
        presences[presence.user_id] = presence
    voice_states = {}
    for raw in payload.get("voice_states", ()):
        state = decode_voice_state(raw, app, gid)
        voice_states[state.user_id] = state
    return GatewayGuildDefinition(
        guild=guild,
        roles=roles,
        emojis={
            e.id: e
            for e in (decode_known_custom_emoji(p, app, gid) for p in payload.get("emojis", ()))
        },
        stickers={
            s.id: s
            for s in (decode_guild_sticker(p, app, gid) for p in payload.get("stickers", ()))
        },
        channels=channels,
        threads=threads,
        members=decode_members(payload.get("members", ()), gid, app, role_ids=interner),
        presences=presences,
        voice_states=voice_states,
    )


def decode_unavailable_guild(payload: JSONObject, app: RESTAware | None = None) -> UnavailableGuild:
    """`{"id", "unavailable"}` (READY, outages, GUILD_DELETE)."""
    return UnavailableGuild(
        id=Snowflake(payload["id"]), is_unavailable=payload.get("unavailable", False)
    )


def encode_guild(guild: Guild) -> JSONObject:
    """A guild's own fields as Discord sends them (roles/emojis/stickers for a `RESTGuild`)."""
    out: JSONObject = {
        "id": str(guild.id),
        "name": guild.name,
        "icon": guild.icon_hash,
        "features": [str(f) for f in guild.features],
        "owner_id": str(guild.owner_id),
        "description": guild.description,
        "splash": guild.splash_hash,
        "discovery_splash": guild.discovery_splash_hash,
        "banner": guild.banner_hash,
        "application_id": _sf(guild.application_id),
        "afk_channel_id": _sf(guild.afk_channel_id),
        "afk_timeout": guild.afk_timeout,
        "widget_channel_id": _sf(guild.widget_channel_id),
        "verification_level": int(guild.verification_level),
        "default_message_notifications": int(guild.default_message_notifications),
        "explicit_content_filter": int(guild.explicit_content_filter),
        "mfa_level": int(guild.mfa_level),
        "nsfw_level": int(guild.nsfw_level),
        "system_channel_id": _sf(guild.system_channel_id),
        "system_channel_flags": int(guild.system_channel_flags),
        "rules_channel_id": _sf(guild.rules_channel_id),
        "public_updates_channel_id": _sf(guild.public_updates_channel_id),
        "safety_alerts_channel_id": _sf(guild.safety_alerts_channel_id),
        "vanity_url_code": guild.vanity_url_code,
        "premium_tier": int(guild.premium_tier),
        "preferred_locale": guild.preferred_locale,
        "premium_progress_bar_enabled": guild.is_premium_progress_bar_enabled,
    }
    for key, value in (
        ("widget_enabled", guild.is_widget_enabled),
        ("premium_subscription_count", guild.premium_subscription_count),
        ("max_presences", guild.max_presences),
        ("max_members", guild.max_members),
        ("max_video_channel_users", guild.max_video_channel_users),
        ("max_stage_video_channel_users", guild.max_stage_video_channel_users),
        ("incidents_data", guild.incidents_data),
    ):
        if value is not None:
            out[key] = value
    if isinstance(guild, GatewayGuild):
        if guild.is_large is not None:
            out["large"] = guild.is_large
        if guild.joined_at is not None:
            out["joined_at"] = guild.joined_at.isoformat()
        if guild.member_count is not None:
            out["member_count"] = guild.member_count
    elif isinstance(guild, RESTGuild):
        out["roles"] = [encode_role(r) for r in guild.roles.values()]
        out["emojis"] = [encode_known_custom_emoji(e) for e in guild.emojis.values()]
        out["stickers"] = [encode_sticker(s) for s in guild.stickers.values()]
        if guild.approximate_member_count is not None:
            out["approximate_member_count"] = guild.approximate_member_count
        if guild.approximate_active_member_count is not None:
            out["approximate_presence_count"] = guild.approximate_active_member_count
    return out


def decode_guild_preview(payload: JSONObject, app: RESTAware | None = None) -> GuildPreview:
    """`GET /guilds/{id}/preview`."""
    gid = Snowflake(payload["id"])
    return GuildPreview(
        id=gid,
        app=app,
        name=payload["name"],
        icon_hash=payload.get("icon"),
        features=_features(payload.get("features", ())),
        splash_hash=payload.get("splash"),
        discovery_splash_hash=payload.get("discovery_splash"),
        emojis={
            e.id: e
            for e in (decode_known_custom_emoji(p, app, gid) for p in payload.get("emojis", ()))
        },
        stickers={
            s.id: s
            for s in (decode_guild_sticker(p, app, gid) for p in payload.get("stickers", ()))
        },
        approximate_member_count=payload.get("approximate_member_count", 0),
        approximate_active_member_count=payload.get("approximate_presence_count", 0),
        description=payload.get("description"),
    )


def decode_guild_widget(payload: JSONObject, app: RESTAware | None = None) -> GuildWidget:
    """Widget settings (`GET /guilds/{id}/widget`)."""
    return GuildWidget(
        app=app, channel_id=opt_snowflake(payload.get("channel_id")), is_enabled=payload["enabled"]
    )


def encode_guild_widget(widget: GuildWidget) -> JSONObject:
    """Widget settings as Discord takes them."""
    return {"enabled": widget.is_enabled, "channel_id": _sf(widget.channel_id)}


def decode_guild_widget_info(payload: JSONObject, app: RESTAware | None = None) -> GuildWidgetInfo:
    """The public widget (`GET /guilds/{id}/widget.json`)."""
    return GuildWidgetInfo(
        id=Snowflake(payload["id"]),
        name=payload["name"],
        instant_invite=payload.get("instant_invite"),
        channels=tuple(payload.get("channels", ())),
        members=tuple(payload.get("members", ())),
        presence_count=payload.get("presence_count", 0),
    )


def decode_welcome_screen(payload: JSONObject, app: RESTAware | None = None) -> WelcomeScreen:
    """A welcome screen."""
    return WelcomeScreen(
        description=payload.get("description"),
        channels=tuple(
            WelcomeChannel(
                channel_id=Snowflake(c["channel_id"]),
                description=c.get("description", ""),
                emoji_id=opt_snowflake(c.get("emoji_id")),
                emoji_name=c.get("emoji_name"),
            )
            for c in payload.get("welcome_channels", ())
        ),
    )


def encode_welcome_screen(screen: WelcomeScreen) -> JSONObject:
    """A welcome screen as Discord sends it."""
    return {
        "description": screen.description,
        "welcome_channels": [
            {
                "channel_id": str(c.channel_id),
                "description": c.description,
                "emoji_id": _sf(c.emoji_id),
                "emoji_name": c.emoji_name,
            }
            for c in screen.channels
        ],
    }


def decode_guild_onboarding(payload: JSONObject, app: RESTAware | None = None) -> GuildOnboarding:
    """A guild's onboarding flow."""
    prompts = []
    for p in payload.get("prompts", ()):
        options = []
        for o in p.get("options", ()):
            emoji = o.get("emoji")
            if emoji is not None and emoji.get("id") is None and not emoji.get("name"):
                emoji = None
            options.append(
                OnboardingPromptOption(
                    id=Snowflake(o["id"]),
                    channel_ids=tuple(map(Snowflake, o.get("channel_ids", ()))),
                    role_ids=tuple(map(Snowflake, o.get("role_ids", ()))),
                    emoji=decode_emoji(emoji) if emoji is not None else None,
                    title=o["title"],
                    description=o.get("description"),
                )
            )
        prompts.append(
            OnboardingPrompt(
                id=Snowflake(p["id"]),
                type=try_enum(OnboardingPromptType, p.get("type", 0)),
                options=tuple(options),
                title=p["title"],
                is_single_select=p.get("single_select", False),
                is_required=p.get("required", False),
                is_in_onboarding=p.get("in_onboarding", False),
            )
        )
    return GuildOnboarding(
        guild_id=Snowflake(payload["guild_id"]),
        prompts=tuple(prompts),
        default_channel_ids=tuple(map(Snowflake, payload.get("default_channel_ids", ()))),
        is_enabled=payload.get("enabled", False),
        mode=try_enum(GuildOnboardingMode, payload.get("mode", 0)),
    )


def encode_guild_onboarding(onboarding: GuildOnboarding) -> JSONObject:
    """Onboarding exactly as `PUT /guilds/{id}/onboarding` takes it (plus `guild_id`)."""
    return {
        "guild_id": str(onboarding.guild_id),
        "prompts": [
            {
                "id": str(p.id),
                "type": int(p.type),
                "title": p.title,
                "single_select": p.is_single_select,
                "required": p.is_required,
                "in_onboarding": p.is_in_onboarding,
                "options": [
                    {
                        "id": str(o.id),
                        "title": o.title,
                        "description": o.description,
                        "channel_ids": [str(c) for c in o.channel_ids],
                        "role_ids": [str(r) for r in o.role_ids],
                        **({"emoji": encode_emoji(o.emoji)} if o.emoji is not None else {}),
                    }
                    for o in p.options
                ],
            }
            for p in onboarding.prompts
        ],
        "default_channel_ids": [str(c) for c in onboarding.default_channel_ids],
        "enabled": onboarding.is_enabled,
        "mode": int(onboarding.mode),
    }


def decode_guild_ban(payload: JSONObject, app: RESTAware | None = None) -> GuildBan:
    """A ban."""
    return GuildBan(user=decode_user(payload["user"], app), reason=payload.get("reason"))


def encode_guild_ban(ban: GuildBan) -> JSONObject:
    """A ban as Discord sends it."""
    return {"user": encode_user(ban.user), "reason": ban.reason}


def decode_integration(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> Integration:
    """An integration (`GET /guilds/{id}/integrations`, INTEGRATION_* events)."""
    user = payload.get("user")
    application = payload.get("application")
    account = payload.get("account") or {"id": "", "name": ""}
    expire = payload.get("expire_behavior")
    synced = payload.get("synced_at")
    return Integration(
        id=Snowflake(payload["id"]),
        guild_id=guild_id if guild_id is not None else opt_snowflake(payload.get("guild_id")),
        name=payload["name"],
        type=try_enum(IntegrationType, payload["type"]),
        is_enabled=payload.get("enabled", False),
        is_syncing=payload.get("syncing"),
        role_id=opt_snowflake(payload.get("role_id")),
        is_emojis_enabled=payload.get("enable_emoticons"),
        expire_behavior=try_enum(IntegrationExpireBehaviour, expire)
        if expire is not None
        else None,
        expire_grace_period=payload.get("expire_grace_period"),
        user=decode_user(user, app) if user is not None else None,
        account=IntegrationAccount(id=str(account["id"]), name=account["name"]),
        last_synced_at=datetime.datetime.fromisoformat(synced) if synced is not None else None,
        subscriber_count=payload.get("subscriber_count"),
        is_revoked=payload.get("revoked"),
        application=IntegrationApplication(
            id=Snowflake(application["id"]),
            name=application["name"],
            icon_hash=application.get("icon"),
            description=application.get("description", ""),
            bot=decode_user(application["bot"], app)
            if application.get("bot") is not None
            else None,
        )
        if application is not None
        else None,
        scopes=tuple(payload.get("scopes", ())),
    )


def decode_vanity_url(payload: JSONObject, app: RESTAware | None = None) -> VanityURL:
    """`GET /guilds/{id}/vanity-url`."""
    return VanityURL(app=app, code=payload.get("code"), uses=payload.get("uses", 0))


def encode_vanity_url(vanity: VanityURL) -> JSONObject:
    """`{"code", "uses"}`."""
    return {"code": vanity.code, "uses": vanity.uses}


register(
    PartialGuild,
    decode=decode_partial_guild,
    encode=lambda g: {"id": str(g.id), "name": g.name, "icon": g.icon_hash},
)
register(GatewayGuild, decode=decode_gateway_guild, encode=encode_guild)
register(RESTGuild, decode=decode_rest_guild, encode=encode_guild)
register(Guild, decode=decode_rest_guild, encode=encode_guild)
register(GatewayGuildDefinition, decode=decode_gateway_guild_definition)
register(
    UnavailableGuild,
    decode=decode_unavailable_guild,
    encode=lambda g: {"id": str(g.id), "unavailable": g.is_unavailable},
)
register(GuildPreview, decode=decode_guild_preview)
register(GuildWidget, decode=decode_guild_widget, encode=encode_guild_widget)
register(GuildWidgetInfo, decode=decode_guild_widget_info)
register(WelcomeScreen, decode=decode_welcome_screen, encode=encode_welcome_screen)
register(GuildOnboarding, decode=decode_guild_onboarding, encode=encode_guild_onboarding)
register(GuildBan, decode=decode_guild_ban, encode=encode_guild_ban)
register(Integration, decode=decode_integration)
register(VanityURL, decode=decode_vanity_url, encode=encode_vanity_url)
