"""Command sync by difference: write to Discord only what changed.

For each scope (global, and every guild a command names or `default_guilds` gives) the
registered commands are fetched once (`with_localizations=true`) and compared with the
declared ones field by field, after both sides are put in one normal form (Discord leaves
out false and empty fields; so do we). A scope whose commands all match gets no write at
all; a scope with any difference gets one bulk overwrite (`PUT .../commands`), which keeps
unchanged commands' ids and counts once against Discord's daily command-creation limit
(200 per guild) instead of once per command. Rate limits are the REST client's (it waits on
Discord's buckets). `dry_run=True` only computes and returns the differences.
"""

from __future__ import annotations

import typing

import attrs

from anycord.serde.commands import encode_command, encode_command_builder
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from anycord.commands.declare import TopLevel
    from anycord.models.commands import CommandBuilder, PartialCommand
    from anycord.rest.client import RESTClient
    from anycord.snowflakes import Snowflake

__all__ = ["CommandDiff", "normal_form", "sync_commands"]

_OPTION_KEYS: typing.Final = (
    "min_value",
    "max_value",
    "min_length",
    "max_length",
)


@attrs.frozen
class CommandDiff:
    """How one scope's registered commands differ from the declared ones."""

    guild_id: int | None
    """`None` for global commands."""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    written: bool = False
    """Whether the declared commands were written (false when equal, or on a dry run)."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __str__(self) -> str:
        scope = "global" if self.guild_id is None else f"guild {self.guild_id}"
        if not self:
            return f"{scope}: up to date"
        lines = [f"{scope}:"]
        lines += [f"  + {name}" for name in self.added]
        lines += [f"  - {name}" for name in self.removed]
        lines += [f"  ~ {name}" for name in self.changed]
        return "\n".join(lines)


def _option(p: dict[str, typing.Any]) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "type": int(p["type"]),
        "name": p["name"],
        "description": p.get("description", ""),
        "required": bool(p.get("required", False)),
        "autocomplete": bool(p.get("autocomplete", False)),
        "name_localizations": dict(p.get("name_localizations") or {}),
        "description_localizations": dict(p.get("description_localizations") or {}),
        "choices": [
            (c["name"], c["value"], dict(c.get("name_localizations") or {}))
            for c in p.get("choices") or ()
        ],
        "channel_types": sorted(p.get("channel_types") or ()),
        "options": [_option(o) for o in p.get("options") or ()],
    }
    for key in _OPTION_KEYS:
        if p.get(key) is not None:
            out[key] = p[key]
    return out


def normal_form(payload: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """A command's JSON (as sent or as registered) in the form the comparison uses."""
    contexts = payload.get("contexts")
    return {
        "type": int(payload.get("type", 1)),
        "name": payload["name"],
        "description": payload.get("description", ""),
        "name_localizations": dict(payload.get("name_localizations") or {}),
        "description_localizations": dict(payload.get("description_localizations") or {}),
        "default_member_permissions": payload.get("default_member_permissions"),
        "nsfw": bool(payload.get("nsfw", False)),
        "contexts": None if contexts is None else sorted(contexts),
        "integration_types": sorted(payload.get("integration_types") or [0]),
        "options": [_option(o) for o in payload.get("options") or ()],
    }


def diff_scope(
    guild_id: int | None,
    declared: Iterable[CommandBuilder],
    registered: Iterable[PartialCommand],
) -> CommandDiff:
    """Compare one scope's declared builders with what Discord has."""
    want = {(int(b.type), b.name): normal_form(encode_command_builder(b)) for b in declared}
    have = {(int(c.type), c.name): normal_form(encode_command(c)) for c in registered}
    return CommandDiff(
        guild_id,
        added=tuple(sorted(name for key, name in want if (key, name) not in have)),
        removed=tuple(sorted(name for key, name in have if (key, name) not in want)),
        changed=tuple(sorted(k[1] for k in want.keys() & have.keys() if want[k] != have[k])),
    )


async def sync_commands(
    rest: RESTClient,
    commands: Iterable[TopLevel],
    *,
    default_guilds: Sequence[int] | None = None,
    application_id: Snowflake | None = None,
    extra_guilds: Sequence[int] = (),
    dry_run: bool = False,
) -> list[CommandDiff]:
    """Sync every scope (see the module docstring); returns one `CommandDiff` per scope."""
    if application_id is None:
        application_id = (await rest.fetch_application()).id
    scopes: dict[int | None, list[CommandBuilder]] = {None: []}
    for command in commands:
        targets: Sequence[int | None] = command.meta.guild_ids or default_guilds or [None]
        for target in targets:
            scopes.setdefault(target, []).append(command.build())
    for extra in extra_guilds:
        scopes.setdefault(extra, [])
    diffs: list[CommandDiff] = []
    for scope, builders in scopes.items():
        where = UNDEFINED if scope is None else scope
        registered = await rest.fetch_application_commands(
            application_id, where, with_localizations=True
        )
        diff = diff_scope(scope, builders, registered)
        if diff and not dry_run:
            await rest.set_application_commands(application_id, builders, where)
            diff = attrs.evolve(diff, written=True)
        diffs.append(diff)
    return diffs
