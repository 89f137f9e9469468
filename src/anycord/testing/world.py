"""The fake's one world: every user, guild, channel, message … that REST and gateway share.

State is plain Discord-shaped payload dicts (what the API would send), keyed by integer ID.
The scenario methods (`add_guild`, `add_user`, …) are synchronous and return the stored dict.

`listeners` is how the gateway sees the world change: every mutation made through the REST
app (or a scenario method that a bot would observe) calls `emit(event, payload, guild_id)`,
and each listener is called synchronously with `(event_name, payload, guild_id)`. The
gateway routes a guild event to shard `(guild_id >> 22) % shard_count`, anything else to
shard 0. A listener must not block; it may buffer.
"""

from __future__ import annotations

import base64
import datetime
import secrets
import time
import typing

import attrs

from anycord.snowflakes import DISCORD_EPOCH, Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["NONCE_WINDOW", "InteractionRecord", "Listener", "World"]

Payload = dict[str, typing.Any]
Listener = typing.Callable[[str, Payload, int | None], None]
"""A world listener: `(event_name, payload, guild_id)`."""

NONCE_WINDOW: typing.Final = 300.0
"""Default `World.nonce_window`: Discord documents only "the past few minutes"."""

_EVERYONE_PERMISSIONS = (1 << 0) | (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16)


def iso(ts: float | None = None) -> str:
    """An ISO-8601 timestamp as Discord writes them (UTC, microseconds, `+00:00`)."""
    moment = datetime.datetime.fromtimestamp(time.time() if ts is None else ts, tz=datetime.UTC)
    return moment.isoformat()


@attrs.define(slots=True, kw_only=True)
class InteractionRecord:
    """An interaction the fake sent, and what was done with its token."""

    id: int
    application_id: int
    token: str = attrs.field(repr=False)
    type: int
    channel_id: int | None
    guild_id: int | None
    created_at: float
    """`anyio.current_time()` when it was sent (the 3 s / 15 min windows count from here)."""
    response: Payload | None = None
    """The initial response (inline body or callback), once given."""
    original_message_id: int | None = None
    followup_ids: list[int] = attrs.field(factory=list)
    message_id: int | None = None
    """The message a component interaction came from (what response types 6 and 7 update)."""


class World:
    """The shared state of one fake Discord."""

    def __init__(self, *, shard_count: int = 1) -> None:
        self.shard_count = shard_count
        self.listeners: list[Listener] = []
        """Called with `(event_name, payload, guild_id)` for every observable change."""
        self.events: list[tuple[str, Payload, int | None]] = []
        """Every event emitted, in order (for tests that do not connect a gateway)."""
        self._last_ms = 0
        self._increment = 0
        self.users: dict[int, Payload] = {}
        self.guilds: dict[int, Payload] = {}
        self.channels: dict[int, Payload] = {}
        self.members: dict[int, dict[int, Payload]] = {}
        self.roles: dict[int, dict[int, Payload]] = {}
        self.messages: dict[int, dict[int, Payload]] = {}
        self.reactions: dict[tuple[int, int, str], list[int]] = {}
        """(channel_id, message_id, emoji key) → user ids, in reaction order."""
        self.webhooks: dict[int, Payload] = {}
        self.commands: dict[int, Payload] = {}
        self.command_permissions: dict[tuple[int, int], list[Payload]] = {}
        """(guild id, command id) → the command's permission overwrites in that guild."""
        self.interactions: dict[str, InteractionRecord] = {}
        """Interaction token → record."""
        self.bans: dict[int, dict[int, Payload]] = {}
        """Guild id → user id → ban (`{"reason", "user"}`)."""
        self.emojis: dict[int, dict[int, Payload]] = {}
        """Guild id → emoji id → emoji (mirrored in the guild payload's `emojis`)."""
        self.pins: dict[int, dict[int, str]] = {}
        """Channel id → pinned message id → `pinned_at`, in pin order."""
        self.thread_members: dict[int, dict[int, Payload]] = {}
        self.invites: dict[str, Payload] = {}
        """Invite code → invite (with `guild_id` / `channel_id` for filtering)."""
        self.scheduled_events: dict[int, dict[int, Payload]] = {}
        """Guild id → scheduled event id → scheduled event."""
        self.stickers: dict[int, dict[int, Payload]] = {}
        """Guild id → sticker id → guild sticker."""
        self.templates: dict[str, Payload] = {}
        """Template code → guild template (with `source_guild_id`)."""
        self.audit_log: dict[int, list[Payload]] = {}
        """Guild id → audit log entries, oldest first (see `rest_extras.record_audit`)."""
        """Thread id → user id → thread member."""
        self.bearer_tokens: set[str] = set()
        """OAuth2 access tokens accepted as `Bearer <token>` (issued by POST /oauth2/token)."""
        self.oauth2_codes: dict[str, Payload] = {}
        """Authorization code → its grant (`user_id`, `scopes`, `redirect_uri`, PKCE challenge)."""
        self.oauth2_grants: dict[str, Payload] = {}
        """Access or refresh token → its grant (`user_id`, `scopes`, both tokens)."""
        self.dm_channels: dict[int, int] = {}
        """Recipient user id → DM channel id."""
        self.attachments: dict[int, typing.Any] = {}
        """Attachment id → the uploaded `RecordedFile` (served at `/attachments/…`)."""
        self.nonces: dict[tuple[int, str], tuple[float, int, int]] = {}
        """(author id, nonce) → (time created, channel id, message id) of messages created with
        `enforce_nonce` (see `message_by_nonce`)."""
        self.nonce_window: float = NONCE_WINDOW
        """Seconds an enforced nonce stays unique (Discord: "the past few minutes")."""
        self.gateway_url = ""
        """Set by FakeDiscord once the gateway listens; returned by GET /gateway(/bot)."""
        self.gateway_bot: Callable[[], Payload] | None = None
        """Set by FakeDiscord to the gateway's own GET /gateway/bot answer (session budget)."""
        self.max_concurrency = 1
        self.session_start_total = 1000
        self.session_start_remaining = 1000
        """The gateway decrements this on every IDENTIFY."""
        self.session_reset_after_ms = 86_400_000
        # The fields Discord sends only for the token's own user (READY, GET /users/@me).
        self.bot_user = self.add_user(
            username="fakebot", bot=True, mfa_enabled=False, verified=True, flags=0, email=None
        )
        self.application_id = int(self.bot_user["id"])
        # The owner is a user of its own, as on Discord (clients such as discord.py require it),
        # kept out of `users` so that scenarios never pick it as a guild member or an invoker.
        owner = self._user_payload("fakeowner", bot=False)
        # Every field Discord's PrivateApplicationResponse requires, plus what bots read.
        self.application: Payload = {
            "id": str(self.application_id),
            "name": "fakebot",
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "",
            "flags": 0,
            "flags_new": "0",
            "bot": self.bot_user,
            "owner": owner,
            "team": None,
            "rpc_origins": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "tags": [],
            "approximate_guild_count": 0,
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "eligible_oauth2_scopes": ["bot", "applications.commands"],
        }
        self.token: str = (
            f"{_b64_id(self.application_id)}.{secrets.token_urlsafe(5)}.{secrets.token_urlsafe(27)}"
        )
        self.client_secret: str = secrets.token_urlsafe(24)
        """The application's OAuth2 client secret (POST /oauth2/token checks it)."""

    # -- ids and events ---------------------------------------------------------------------

    def new_id(self) -> int:
        """A real, strictly increasing snowflake for the current wall-clock millisecond."""
        ms = max(int(time.time() * 1000) - DISCORD_EPOCH, self._last_ms)
        if ms == self._last_ms:
            self._increment += 1
            if self._increment >= 4096:
                ms, self._increment = ms + 1, 0
        else:
            self._increment = 0
        self._last_ms = ms
        return int(Snowflake.from_data(ms, 1, 1, self._increment))

    def emit(self, event_name: str, payload: Payload, guild_id: int | str | None = None) -> None:
        """Tell every listener that `event_name` happened (a gateway dispatch)."""
        gid = int(guild_id) if guild_id is not None else None
        self.events.append((event_name, payload, gid))
        for listener in tuple(self.listeners):
            listener(event_name, payload, gid)

    def shard_for(self, guild_id: int | None) -> int:
        """The shard that receives a guild's events (shard 0 for DMs and guildless events)."""
        return 0 if guild_id is None else (guild_id >> 22) % self.shard_count

    # -- users ------------------------------------------------------------------------------

    def add_user(
        self, /, *, username: str | None = None, bot: bool = False, **fields: object
    ) -> Payload:
        """A user; `fields` override the payload (e.g. `global_name`, `avatar`)."""
        user = self._user_payload(username or f"user{len(self.users)}", bot=bot, **fields)
        self.users[int(user["id"])] = user
        return user

    def _user_payload(self, username: str, *, bot: bool, **fields: object) -> Payload:
        user: Payload = {
            "id": str(self.new_id()),
            "username": username,
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }
        user.update(fields)
        return user

    # -- guilds, roles, members, channels -----------------------------------------------------

    def add_guild(
        self,
        /,
        *,
        name: str = "guild",
        members: int = 0,
        channels: int = 1,
        owner_id: int | str | None = None,
        emit: bool = True,
        **fields: object,
    ) -> Payload:
        """A guild with an @everyone role, the bot as member, `members` more scripted users,
        and `channels` text channels. Emits GUILD_CREATE; returns that GUILD_CREATE payload
        (with `roles`, `channels`, `members` …)."""
        gid = self.new_id()
        owner = int(owner_id) if owner_id is not None else int(self.bot_user["id"])
        guild: Payload = {
            "id": str(gid),
            "name": name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(owner),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "emojis": [],
            "stickers": [],
        }
        guild.update(fields)
        self.guilds[gid] = guild
        self.roles[gid] = {}
        self.members[gid] = {}
        self._add_role_record(gid, gid, "@everyone", _EVERYONE_PERMISSIONS, position=0)
        self.add_member(gid, self.bot_user["id"], emit=False)
        for _ in range(members):
            self.add_member(gid, emit=False)
        for n in range(channels):
            self.add_channel(gid, name=f"channel-{n}", emit=False)
        payload = self.guild_create_payload(gid)
        if emit:
            self.emit("GUILD_CREATE", payload, gid)
        return payload

    def guild_create_payload(self, guild_id: int | str) -> Payload:
        """The full GUILD_CREATE payload of a guild (roles, channels, members, counts …)."""
        gid = int(guild_id)
        guild = dict(self.guilds[gid])
        chans = [c for c in self.channels.values() if c.get("guild_id") == str(gid)]
        guild.update(
            roles=list(self.roles[gid].values()),
            channels=[c for c in chans if c["type"] not in (10, 11, 12)],
            threads=[c for c in chans if c["type"] in (10, 11, 12)],
            members=list(self.members[gid].values()),
            member_count=len(self.members[gid]),
            joined_at=self.members[gid].get(int(self.bot_user["id"]), {}).get("joined_at", iso()),
            large=len(self.members[gid]) > 250,
            unavailable=False,
            voice_states=[],
            presences=[],
            stage_instances=[],
            guild_scheduled_events=[],
            soundboard_sounds=[],
        )
        return guild

    def _add_role_record(
        self,
        gid: int,
        rid: int,
        name: str,
        permissions: int,
        *,
        position: int,
        **fields: object,
    ) -> Payload:
        role: Payload = {
            "id": str(rid),
            "name": name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": position,
            "permissions": str(permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        role.update(fields)
        self.roles[gid][rid] = role
        return role

    def add_role(
        self,
        /,
        guild_id: int | str,
        *,
        name: str = "role",
        permissions: int = 0,
        emit: bool = True,
        **fields: object,
    ) -> Payload:
        """A role in a guild. Emits GUILD_ROLE_CREATE."""
        gid = int(guild_id)
        role = self._add_role_record(
            gid, self.new_id(), name, permissions, position=len(self.roles[gid]), **fields
        )
        if emit:
            self.emit("GUILD_ROLE_CREATE", {"guild_id": str(gid), "role": role}, gid)
        return role

    def add_member(
        self,
        /,
        guild_id: int | str,
        user: Payload | int | str | None = None,
        *,
        roles: Iterable[int | str] = (),
        nick: str | None = None,
        emit: bool = True,
    ) -> Payload:
        """Add a user (a new scripted one if `user` is None) to a guild; emits GUILD_MEMBER_ADD."""
        gid = int(guild_id)
        if user is None:
            user = self.add_user()
        elif not isinstance(user, dict):
            user = self.users[int(user)]
        member: Payload = {
            "user": user,
            "nick": nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in roles],
            "joined_at": iso(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        self.members[gid][int(user["id"])] = member
        if emit:
            self.emit("GUILD_MEMBER_ADD", {**member, "guild_id": str(gid)}, gid)
        return member

    def add_channel(
        self,
        /,
        guild_id: int | str | None = None,
        *,
        name: str = "general",
        type: int | None = None,
        emit: bool = True,
        **fields: object,
    ) -> Payload:
        """A channel: a guild text channel by default, or without a guild a DM (type 1, with a
        new scripted user as recipient unless `recipients` is given) or a group DM (type 3).
        Emits CHANNEL_CREATE for guild channels; raises `ValueError` for a guild channel type
        without a guild."""
        cid = self.new_id()
        if guild_id is None and type not in (None, 1, 3):
            msg = f"a channel of type {type} needs a guild_id (without one: 1 DM or 3 group DM)"
            raise ValueError(msg)
        kind = type if type is not None else (0 if guild_id is not None else 1)
        channel: Payload = {"id": str(cid), "type": kind, "last_message_id": None, "flags": 0}
        if guild_id is not None:
            gid = int(guild_id)
            siblings = sum(1 for c in self.channels.values() if c.get("guild_id") == str(gid))
            channel.update(
                guild_id=str(gid),
                name=name,
                position=siblings,
                permission_overwrites=[],
                topic=None,
                nsfw=False,
                parent_id=None,
                rate_limit_per_user=0,
            )
        else:
            recipients = fields.pop("recipients", None) or [self.add_user()]
            channel["recipients"] = recipients
            if kind == 3:
                channel.update(name=name, icon=None, owner_id=self.bot_user["id"])
        channel.update(fields)
        self.channels[cid] = channel
        self.messages[cid] = {}
        if emit and guild_id is not None:
            self.emit("CHANNEL_CREATE", channel, int(guild_id))
        return channel

    def dm_channel(self, user_id: int | str) -> Payload:
        """The bot's DM channel with a user (created on first use)."""
        uid = int(user_id)
        if uid not in self.dm_channels:
            channel = self.add_channel(None, type=1, recipients=[self.users[uid]], emit=False)
            self.dm_channels[uid] = int(channel["id"])
        return self.channels[self.dm_channels[uid]]

    # -- messages ---------------------------------------------------------------------------

    def add_message(
        self,
        /,
        channel_id: int | str,
        content: str = "",
        *,
        author: Payload | int | str | None = None,
        emit: bool = True,
        **fields: object,
    ) -> Payload:
        """A message (by a new scripted user unless `author` is given). Emits MESSAGE_CREATE."""
        cid = int(channel_id)
        channel = self.channels[cid]
        if author is None:
            author = self.add_user()
        elif not isinstance(author, dict):
            author = self.users[int(author)]
        mid = self.new_id()
        message: Payload = {
            "id": str(mid),
            "channel_id": str(cid),
            "type": 0,
            "author": author,
            "content": content,
            "timestamp": iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "reactions": [],
            "pinned": False,
            "flags": 0,
            "components": [],
        }
        message.update(fields)
        self.messages[cid][mid] = message
        channel["last_message_id"] = str(mid)
        guild_id = channel.get("guild_id")
        if emit:
            event = dict(message)
            if guild_id is not None:
                event["guild_id"] = guild_id
                member = self.members.get(int(guild_id), {}).get(int(author["id"]))
                if member is not None:
                    event["member"] = {k: v for k, v in member.items() if k != "user"}
            self.emit("MESSAGE_CREATE", event, int(guild_id) if guild_id else None)
        return message

    def find_message(self, channel_id: int | str, message_id: int | str) -> Payload | None:
        """A stored message, or None."""
        return self.messages.get(int(channel_id), {}).get(int(message_id))

    def message_by_nonce(
        self, author_id: int | str, nonce: str | int, now: float
    ) -> Payload | None:
        """The message `author_id` created with `enforce_nonce` and this `nonce` less than
        `nonce_window` seconds before `now` (on the REST app's clock), if it still exists.

        Ints and their decimal strings are the same nonce."""
        key = (int(author_id), str(nonce))
        found = self.nonces.get(key)
        if found is None:
            return None
        created, channel_id, message_id = found
        message = self.find_message(channel_id, message_id)
        if now - created >= self.nonce_window or message is None:
            del self.nonces[key]
            return None
        return message

    def remember_nonce(self, message: Payload, nonce: str | int, now: float) -> None:
        """Record that `message` was created with `enforce_nonce` and `nonce` at `now`."""
        key = (int(message["author"]["id"]), str(nonce))
        self.nonces[key] = (now, int(message["channel_id"]), int(message["id"]))

    # -- webhooks, commands, interactions ---------------------------------------------------

    def add_webhook(
        self, /, channel_id: int | str, *, name: str = "webhook", **fields: object
    ) -> Payload:
        """An incoming webhook (type 1) with a token."""
        channel = self.channels[int(channel_id)]
        wid = self.new_id()
        webhook: Payload = {
            "id": str(wid),
            "type": 1,
            "guild_id": channel.get("guild_id"),
            "channel_id": str(channel_id),
            "user": self.bot_user,
            "name": name,
            "avatar": None,
            "token": secrets.token_urlsafe(48),
            "application_id": None,
        }
        webhook.update(fields)
        self.webhooks[wid] = webhook
        return webhook

    def add_command(
        self,
        /,
        *,
        name: str,
        description: str = "a command",
        guild_id: int | str | None = None,
        **fields: object,
    ) -> Payload:
        """An application command of the bot's application (global unless `guild_id`)."""
        command: Payload = {
            "id": str(self.new_id()),
            "type": 1,
            "application_id": str(self.application_id),
            "name": name,
            "description": description,
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "version": str(self.new_id()),
        }
        if guild_id is not None:
            command["guild_id"] = str(guild_id)
        command.update(fields)
        self.commands[int(command["id"])] = command
        return command

    def new_interaction(
        self,
        *,
        type: int,
        channel_id: int | None = None,
        guild_id: int | None = None,
        now: float = 0.0,
    ) -> InteractionRecord:
        """Register an interaction (id + token) the sender is about to deliver."""
        record = InteractionRecord(
            id=self.new_id(),
            application_id=self.application_id,
            token=f"aW50ZXJhY3Rpb24{secrets.token_urlsafe(64)}",
            type=type,
            channel_id=channel_id,
            guild_id=guild_id,
            created_at=now,
        )
        self.interactions[record.token] = record
        return record


def _b64_id(value: int) -> str:
    return base64.b64encode(str(value).encode()).decode().rstrip("=")
