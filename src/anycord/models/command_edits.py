"""The fields `RESTClient.edit_application_command` (and `PartialCommand.edit`) can change."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.commands import CommandOption
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["CommandEditFields"]


class CommandEditFields(typing.TypedDict, total=False):
    """`edit_application_command`'s fields, by their JSON names ("Edit Global Application
    Command", interactions/application-commands.mdx); `None` clears a field."""

    name: UndefinedOr[str]
    name_localizations: UndefinedNoneOr[Mapping[str, str]]
    description: UndefinedNoneOr[str]
    description_localizations: UndefinedNoneOr[Mapping[str, str]]
    options: UndefinedNoneOr[Sequence[CommandOption | Mapping[str, typing.Any]]]
    default_member_permissions: UndefinedNoneOr[int | str]
    dm_permission: UndefinedNoneOr[bool]
    contexts: UndefinedNoneOr[Sequence[int]]
    integration_types: UndefinedNoneOr[Sequence[int]]
    handler: UndefinedNoneOr[int]
    nsfw: UndefinedOr[bool]
