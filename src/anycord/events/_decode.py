"""The one seam between event factories (and the cache) and the serde families.

Each function here decodes one kind of payload with the serde family that owns it,
resolved on first use. Keyword arguments a family's decoder does not take are not passed
(`guild_id` is given to those that accept it), so the families can evolve their signatures
without breaking events. While a family is missing, the stand-in keeps the raw mapping.
"""

from __future__ import annotations

import importlib
import inspect
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.snowflakes import Snowflake

__all__ = ["decode", "decoder_for", "is_available"]

_Decoder = typing.Callable[..., typing.Any]

# kind -> candidate (module, function) pairs, first found wins.
_CANDIDATES: typing.Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "user": (("anycord.serde.users", "decode_user"),),
    "own_user": (("anycord.serde.users", "decode_own_user"),),
    "message": (("anycord.serde.messages", "decode_message"),),
    "partial_message": (("anycord.serde.messages", "decode_partial_message"),),
    "member": (("anycord.serde.members", "decode_member"),),
    "presence": (
        ("anycord.serde.presences", "decode_member_presence"),
        ("anycord.serde.presences", "decode_presence"),
    ),
    "role": (("anycord.serde.roles", "decode_role"),),
    "channel": (("anycord.serde.channels", "decode_channel"),),
    "thread_member": (("anycord.serde.threads", "decode_thread_member"),),
    "guild": (("anycord.serde.guilds", "decode_gateway_guild"),),
    "unavailable_guild": (("anycord.serde.guilds", "decode_unavailable_guild"),),
    "integration": (("anycord.serde.guilds", "decode_integration"),),
    "emoji": (
        ("anycord.serde.emojis", "decode_known_custom_emoji"),
        ("anycord.serde.emojis", "decode_emoji"),
    ),
    "partial_emoji": (
        ("anycord.serde.emojis", "decode_partial_emoji"),
        ("anycord.serde.emojis", "decode_emoji"),
    ),
    "sticker": (
        ("anycord.serde.stickers", "decode_guild_sticker"),
        ("anycord.serde.stickers", "decode_sticker"),
    ),
    "voice_state": (("anycord.serde.voices", "decode_voice_state"),),
    "invite": (
        ("anycord.serde.invites", "decode_invite_with_metadata"),
        ("anycord.serde.invites", "decode_invite"),
    ),
    "interaction": (("anycord.serde.interactions", "decode_interaction"),),
    "command_permissions": (
        ("anycord.serde.commands", "decode_guild_command_permissions"),
        ("anycord.serde.commands", "decode_command_permissions"),
    ),
    "automod_rule": (("anycord.serde.auto_mod", "decode_auto_mod_rule"),),
    "automod_action": (("anycord.serde.auto_mod", "decode_action"),),
    "scheduled_event": (("anycord.serde.scheduled_events", "decode_scheduled_event"),),
    "stage_instance": (("anycord.serde.stage_instances", "decode_stage_instance"),),
    "entitlement": (("anycord.serde.monetization", "decode_entitlement"),),
    "subscription": (("anycord.serde.monetization", "decode_subscription"),),
    "soundboard_sound": (("anycord.serde.soundboard", "decode_soundboard_sound"),),
    "audit_log_entry": (("anycord.serde.audit_logs", "decode_audit_log_entry"),),
}

_RESOLVED: dict[str, tuple[_Decoder, frozenset[str], bool]] = {}


def _raw(payload: typing.Any, *_: typing.Any, **__: typing.Any) -> typing.Any:
    # Stand-in while the owning family is missing: the payload as received.
    return dict(payload) if isinstance(payload, dict) else payload


def _resolve(kind: str) -> tuple[_Decoder, frozenset[str], bool]:
    for module_name, attr in _CANDIDATES[kind]:
        try:
            fn = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError):
            continue
        try:
            params = inspect.signature(fn).parameters
        except (TypeError, ValueError):  # pragma: no cover - builtins without signatures
            params = {}  # type: ignore[assignment]
        names = frozenset(params)
        takes_app = "app" in params or len(params) > 1
        return fn, names, takes_app
    return _raw, frozenset(), False


def decoder_for(kind: str) -> tuple[_Decoder, frozenset[str], bool]:
    """`(decoder, its parameter names, whether it takes app)` for `kind`."""
    found = _RESOLVED.get(kind)
    if found is None:
        found = _RESOLVED[kind] = _resolve(kind)
    return found


def is_available(kind: str) -> bool:
    """Whether the serde family for `kind` is present (not the raw stand-in)."""
    return decoder_for(kind)[0] is not _raw


def decode(
    kind: str,
    payload: typing.Any,
    app: typing.Any = None,
    guild_id: Snowflake | None = None,
    **extra: typing.Any,
) -> typing.Any:
    """Decode `payload` as `kind` (see the module doc)."""
    fn, names, takes_app = decoder_for(kind)
    kwargs = {k: v for k, v in extra.items() if k in names}
    if guild_id is not None and "guild_id" in names:
        kwargs["guild_id"] = guild_id
    if takes_app:
        return fn(payload, app, **kwargs)
    return fn(payload, **kwargs)


def bind(kind: str) -> Callable[..., typing.Any]:
    """`decode` with `kind` fixed."""

    def decoder(
        payload: typing.Any,
        app: typing.Any = None,
        guild_id: Snowflake | None = None,
        **extra: typing.Any,
    ) -> typing.Any:
        return decode(kind, payload, app, guild_id, **extra)

    return decoder


decode_member = bind("member")
decode_presence = bind("presence")
