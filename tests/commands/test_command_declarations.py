"""A declaration Discord would refuse fails when it is made, naming the command and option."""

import re
from typing import Annotated, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anycord import commands
from anycord.models.messages import Message


async def _noop(ctx: commands.CommandContext) -> None:
    return None


def test_bad_command_names_fail_at_definition() -> None:
    client = commands.CommandClient()
    with pytest.raises(commands.CommandDeclarationError, match=r"'Ping'.*lower case"):
        client.slash("Ping")(_noop)
    with pytest.raises(commands.CommandDeclarationError, match=r"1-32 characters"):
        client.slash("x" * 33)(_noop)
    with pytest.raises(commands.CommandDeclarationError, match=r"description.*1-100"):
        client.slash("ok", "d" * 101)(_noop)


def test_bad_options_fail_at_definition_naming_command_and_option() -> None:
    client = commands.CommandClient()

    async def bounds(
        ctx: commands.CommandContext, n: Annotated[int, commands.Option(min_value=5, max_value=1)]
    ) -> None:
        return None

    with pytest.raises(
        commands.CommandDeclarationError,
        match=r"option 'n' of command 'bounds'.*min_value 5 is above max_value 1",
    ):
        client.slash()(bounds)

    async def length_on_int(
        ctx: commands.CommandContext, n: Annotated[int, commands.Option(max_length=3)]
    ) -> None:
        return None

    with pytest.raises(commands.CommandDeclarationError, match=r"max_length is only for STRING"):
        client.slash()(length_on_int)

    async def unknown_type(ctx: commands.CommandContext, when: bytes) -> None:
        return None

    with pytest.raises(
        commands.CommandDeclarationError,
        match=r"unknown_type.*'when'.*not a type an option can have",
    ):
        client.slash()(unknown_type)

    async def optional_without_default(ctx: commands.CommandContext, n: int | None) -> None:
        return None

    with pytest.raises(commands.CommandDeclarationError, match=r"'n'.*needs a default"):
        client.slash()(optional_without_default)

    async def mixed_literal(ctx: commands.CommandContext, n: Literal["a", 1]) -> None:
        return None

    with pytest.raises(
        commands.CommandDeclarationError, match=r"Literal option needs values of one type"
    ):
        client.slash()(mixed_literal)

    def not_async(ctx: commands.CommandContext) -> None:
        return None

    with pytest.raises(commands.CommandDeclarationError, match=r"async def"):
        client.slash()(not_async)  # type: ignore[arg-type]


def test_the_26th_option_and_the_26th_choice_are_refused() -> None:
    client = commands.CommandClient()
    params = ", ".join(f"o{i}: int" for i in range(26))
    namespace: dict[str, object] = {"commands": commands}
    exec(f"async def wide(ctx: commands.CommandContext, {params}) -> None: pass", namespace)
    with pytest.raises(
        commands.CommandDeclarationError, match=r"command 'wide' has 26 options; the limit is 25"
    ):
        client.slash()(namespace["wide"])  # type: ignore[arg-type]

    many = {f"c{i}": i for i in range(26)}

    async def choosy(
        ctx: commands.CommandContext, n: Annotated[int, commands.Option(choices=many)]
    ) -> None:
        return None

    with pytest.raises(commands.CommandDeclarationError, match=r"26 choices; the limit is 25"):
        client.slash()(choosy)


def test_sub_commands_are_validated_with_their_whole_command() -> None:
    client = commands.CommandClient()
    group = client.group("tag", "Tags")
    inner = group.group("admin", "Admin")
    with pytest.raises(commands.CommandDeclarationError, match=r"groups nest one level only"):
        inner.group("deeper", "Too deep")
    group.command("show")(_noop)
    with pytest.raises(commands.CommandDeclarationError, match=r"already has a sub-command 'show'"):
        group.command("show")(_noop)
    with pytest.raises(commands.CommandDeclarationError, match=r"'Bad'"):
        group.command("Bad")(_noop)
    assert list(group.children) == ["admin", "show"]  # the refused one was not kept


def test_context_menu_and_route_declarations_are_checked() -> None:
    client = commands.CommandClient()

    async def two_targets(ctx: commands.CommandContext, a: Message, b: Message) -> None:
        return None

    with pytest.raises(commands.CommandDeclarationError, match=r"exactly \(ctx, target\)"):
        client.message_command("Two")(two_targets)

    async def vote(ctx: commands.ComponentContext, poll: int) -> None:
        return None

    with pytest.raises(commands.CommandDeclarationError, match=r"must be the holes \['poll_id'\]"):
        client.component("vote:{poll_id:int}")(vote)

    async def typed(ctx: commands.ComponentContext, poll_id: str) -> None:
        return None

    with pytest.raises(
        commands.CommandDeclarationError, match=r"'poll_id' is .*str.* but the hole gives int"
    ):
        client.component("vote:{poll_id:int}")(typed)

    async def fine(ctx: commands.ComponentContext) -> None:
        return None

    client.component("same")(fine)
    with pytest.raises(
        commands.CommandDeclarationError, match=r"two component handlers for 'same'"
    ):
        client.component("same")(fine)


def test_two_plugins_with_one_command_name_cannot_both_load() -> None:
    client = commands.CommandClient()
    client.slash("ping")(_noop)
    plugin = commands.Plugin("extra")
    plugin.slash("ping")(_noop)
    with pytest.raises(commands.CommandDeclarationError, match=r"two commands are named 'ping'"):
        client.load(plugin)
    assert "extra" not in client.plugins


@given(st.text(min_size=1, max_size=40))
def test_a_name_is_accepted_exactly_when_discord_would_accept_it(name: str) -> None:
    discord_accepts = (
        len(name) <= 32
        and name == name.lower()
        and all(
            c.isalnum() or c in "-_'" or 0x0900 <= ord(c) <= 0x097F or 0x0E00 <= ord(c) <= 0x0E7F
            for c in name
        )
    )
    client = commands.CommandClient()
    if discord_accepts:
        client.slash(name, "d")(_noop)
    else:
        with pytest.raises(commands.CommandDeclarationError, match=r"slash command") as info:
            client.slash(name, "d")(_noop)
        assert re.search(re.escape(repr(name)) + "|characters", str(info.value))
