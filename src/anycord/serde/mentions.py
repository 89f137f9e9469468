"""`allowed_mentions` ↔ JSON (what a message may ping), for REST bodies and the fakes."""

from __future__ import annotations

import typing

from anycord.models.messages import AllowedMentions
from anycord.serde._core import JSONObject, register
from anycord.snowflakes import Snowflake, to_snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

    from anycord.snowflakes import SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = ["decode_allowed_mentions", "encode_allowed_mentions"]


MAX_MENTION_IDS = 100
"""Discord's limit on the IDs of each kind (users, roles) in `allowed_mentions`."""


def _ids(kind: str, value: Iterable[SnowflakeishOr]) -> list[str]:
    # Each ID once, in the order given; more than Discord takes is refused here, not by a 400.
    ids = list(dict.fromkeys(str(to_snowflake(v)) for v in value))
    if len(ids) > MAX_MENTION_IDS:
        msg = f"allowed_mentions.{kind} takes at most {MAX_MENTION_IDS} IDs, got {len(ids)}"
        raise ValueError(msg)
    return ids


def encode_allowed_mentions(mentions: AllowedMentions) -> JSONObject:
    """`allowed_mentions` exactly as Discord reads it: `parse` for kinds given as `True`, ID lists
    otherwise (each ID once; more than 100 of a kind is a `ValueError`)."""
    parse: list[str] = []
    out: JSONObject = {}
    if mentions.everyone is True:
        parse.append("everyone")
    for kind, value in (("users", mentions.users), ("roles", mentions.roles)):
        if value is True:
            parse.append(kind)
        elif value is not UNDEFINED and value is not False:
            out[kind] = _ids(kind, value)
    out["parse"] = parse
    if mentions.replied_user is not UNDEFINED:
        out["replied_user"] = mentions.replied_user
    return out


def decode_allowed_mentions(payload: JSONObject, app: RESTAware | None = None) -> AllowedMentions:
    """`allowed_mentions` back into the model (for fakes that read what a bot sent).

    The spec lets every list hold nulls and every field be null: a null ID is skipped, a null
    `replied_user` is left `UNDEFINED`, as if absent.
    """
    del app
    parse = payload.get("parse") or ()
    replied_user = payload.get("replied_user")
    users = payload.get("users")
    roles = payload.get("roles")
    return AllowedMentions(
        everyone="everyone" in parse,
        users=True
        if "users" in parse
        else [Snowflake(u) for u in users if u is not None]
        if users is not None
        else False,
        roles=True
        if "roles" in parse
        else [Snowflake(r) for r in roles if r is not None]
        if roles is not None
        else False,
        replied_user=UNDEFINED if replied_user is None else replied_user,
    )


register(AllowedMentions, decode=decode_allowed_mentions, encode=encode_allowed_mentions)
