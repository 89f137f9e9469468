"""Gateway intents: which event families a shard asks Discord for.

Values are from Discord's gateway documentation (events/gateway.mdx, "List of Intents").
`Intents` is an `enum.IntFlag` that keeps unknown bits (`boundary=KEEP`), so a value from a
newer Discord never raises.
"""

from __future__ import annotations

import enum

__all__ = ["Intents"]


class Intents(enum.IntFlag, boundary=enum.KEEP):
    """The gateway intents bit field."""

    NONE = 0
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    """Privileged: member add/update/remove and requesting every member."""
    GUILD_MODERATION = 1 << 2
    GUILD_EXPRESSIONS = 1 << 3
    """Emojis, stickers and soundboard sounds."""
    GUILD_INTEGRATIONS = 1 << 4
    GUILD_WEBHOOKS = 1 << 5
    GUILD_INVITES = 1 << 6
    GUILD_VOICE_STATES = 1 << 7
    GUILD_PRESENCES = 1 << 8
    """Privileged: presence updates and presences in member chunks."""
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    GUILD_MESSAGE_TYPING = 1 << 11
    DIRECT_MESSAGES = 1 << 12
    DIRECT_MESSAGE_REACTIONS = 1 << 13
    DIRECT_MESSAGE_TYPING = 1 << 14
    MESSAGE_CONTENT = 1 << 15
    """Privileged: the content, embeds, attachments and components of messages."""
    GUILD_SCHEDULED_EVENTS = 1 << 16
    AUTO_MODERATION_CONFIGURATION = 1 << 20
    AUTO_MODERATION_EXECUTION = 1 << 21
    GUILD_MESSAGE_POLLS = 1 << 24
    DIRECT_MESSAGE_POLLS = 1 << 25

    # Aliases kept for hikari users.
    GUILD_BANS = GUILD_MODERATION
    GUILD_EMOJIS = GUILD_EXPRESSIONS

    ALL_GUILDS_UNPRIVILEGED = (
        GUILDS
        | GUILD_MODERATION
        | GUILD_EXPRESSIONS
        | GUILD_INTEGRATIONS
        | GUILD_WEBHOOKS
        | GUILD_INVITES
        | GUILD_VOICE_STATES
        | GUILD_MESSAGES
        | GUILD_MESSAGE_REACTIONS
        | GUILD_MESSAGE_TYPING
        | GUILD_SCHEDULED_EVENTS
        | AUTO_MODERATION_CONFIGURATION
        | AUTO_MODERATION_EXECUTION
        | GUILD_MESSAGE_POLLS
    )
    ALL_DMS = (
        DIRECT_MESSAGES | DIRECT_MESSAGE_REACTIONS | DIRECT_MESSAGE_TYPING | DIRECT_MESSAGE_POLLS
    )
    ALL_MESSAGES = GUILD_MESSAGES | DIRECT_MESSAGES
    ALL_MESSAGE_REACTIONS = GUILD_MESSAGE_REACTIONS | DIRECT_MESSAGE_REACTIONS
    ALL_MESSAGE_TYPING = GUILD_MESSAGE_TYPING | DIRECT_MESSAGE_TYPING
    ALL_UNPRIVILEGED = ALL_GUILDS_UNPRIVILEGED | ALL_DMS
    ALL_PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
    ALL = ALL_UNPRIVILEGED | ALL_PRIVILEGED

    @property
    def is_privileged(self) -> bool:
        """Whether any privileged intent is set (they must be enabled in the Developer Portal)."""
        return bool(self & Intents.ALL_PRIVILEGED)
