"""`REGISTRY`: every gateway dispatch name anycord understands, to its `Row`.

Gathered from the `ROWS` each event family declares beside its events; a name may appear
in one family only. HELLO, RECONNECT and INVALID_SESSION, which the docs list with the
received events, are opcodes the shard acts on itself (`HANDLED_BY_SHARD`); they reach
listeners as shard state events.
"""

from __future__ import annotations

import typing

from anycord.events import (
    application,
    channel,
    guild,
    interaction,
    member,
    message,
    reaction,
    role,
    shard,
    thread,
    voice,
)
from anycord.events import typing as typing_events

if typing.TYPE_CHECKING:
    from anycord.events.rows import Row

__all__ = ["HANDLED_BY_SHARD", "REGISTRY"]

HANDLED_BY_SHARD: typing.Final = frozenset({"HELLO", "RECONNECT", "INVALID_SESSION"})
"""Received events that are opcodes, not dispatches: the shard acts on them."""


def _gather() -> dict[str, Row[typing.Any]]:
    out: dict[str, Row[typing.Any]] = {}
    for family in (
        shard, application, channel, thread, guild, member, role, message, reaction,
        typing_events, voice, interaction,
    ):  # fmt: skip
        for row in family.ROWS:
            if row.name in out:
                msg = f"gateway event {row.name} is declared twice"
                raise RuntimeError(msg)
            out[row.name] = row
    return out


REGISTRY: typing.Final[typing.Mapping[str, Row[typing.Any]]] = _gather()
"""Dispatch name → its row (module doc)."""
