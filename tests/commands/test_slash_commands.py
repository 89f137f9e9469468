"""Slash commands, sub-commands, context menus and autocomplete, end to end on both paths."""

import enum
from typing import Annotated, Literal

import pytest

from anycord import commands
from anycord.models.channels import GuildTextChannel
from anycord.models.messages import Message
from anycord.models.users import User
from tests.commands.harness import KINDS, running


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


def make_client() -> commands.CommandClient:
    client = commands.CommandClient()

    @client.slash()
    async def echo(
        ctx: commands.CommandContext,
        text: Annotated[str, commands.Option("What to say", max_length=50)],
        times: Annotated[int, commands.Option("How often", min_value=1, max_value=3)] = 1,
        loud: bool = False,
    ) -> None:
        """Say it back."""
        out = " ".join([text] * times)
        await ctx.respond(out.upper() if loud else out)

    @client.slash()
    async def pick(
        ctx: commands.CommandContext, colour: Colour, size: Literal["s", "m"] = "m"
    ) -> None:
        """Pick a colour."""
        assert isinstance(colour, Colour)
        await ctx.respond(f"{colour.name}/{size}", ephemeral=True)

    @client.slash()
    async def whois(
        ctx: commands.CommandContext, user: User, where: GuildTextChannel | None = None
    ) -> None:
        """Who is that."""
        await ctx.respond(f"{user.username} in {where.name if where else '-'}")

    tags = client.group("tag", "Tags")

    @tags.command()
    async def show(ctx: commands.CommandContext, name: str) -> None:
        """Show a tag."""
        await ctx.respond(f"tag {name}")

    admin = tags.group("admin", "Tag admin")

    async def complete(ctx: commands.AutocompleteContext, value: str) -> list[str]:
        return [n for n in ("alpha", "beta", "gamma") if n.startswith(value)]

    @admin.command()
    async def delete(
        ctx: commands.CommandContext,
        name: Annotated[str, commands.Option("Tag", autocomplete=complete)],
    ) -> None:
        """Delete a tag."""
        await ctx.respond(f"deleted {name}")

    @client.user_command("Greet")
    async def greet(ctx: commands.CommandContext, user: User) -> None:
        await ctx.respond(f"hello {user.username}")

    @client.message_command("Shout")
    async def shout(ctx: commands.CommandContext, message: Message) -> None:
        await ctx.respond(message.content.upper())

    return client


@pytest.mark.parametrize("kind", KINDS)
async def test_slash_commands_answer_with_converted_options(kind: str) -> None:
    async with running(make_client(), kind) as run:
        invoke = run.invoker
        where = {"user": run.user, "channel_id": run.channel["id"]}
        assert (await invoke.slash("echo", {"text": "hi", "times": 2}, **where)).content == "hi hi"
        assert (await invoke.slash("echo", {"text": "hi", "loud": True}, **where)).content == "HI"
        picked = await invoke.slash("pick", {"colour": "blue"}, **where)
        assert picked.content == "BLUE/m"
        assert picked.is_ephemeral
        who = await invoke.slash("whois", {"user": run.user, "where": run.channel}, **where)
        assert who.content == f"{run.user['username']} in {run.channel['name']}"
        assert (
            await invoke.slash("tag", {"name": "x"}, subcommand="show", **where)
        ).content == "tag x"
        deleted = await invoke.slash("tag", {"name": "y"}, subcommand=("admin", "delete"), **where)
        assert deleted.content == "deleted y"
        choices = await invoke.autocomplete(
            "tag",
            "name",
            "g",
            subcommand=("admin", "delete"),
            user=run.user,
            channel_id=run.channel["id"],
        )
        assert choices == [{"name": "gamma", "value": "gamma"}]
        greeted = await invoke.context_menu("Greet", run.user, **where)
        assert greeted.content == f"hello {run.user['username']}"
        message = run.fake.add_message(run.channel["id"], "quiet please")
        assert (
            await invoke.context_menu("Shout", message, user=run.user)
        ).content == "QUIET PLEASE"


@pytest.mark.parametrize("kind", KINDS)
async def test_sync_registers_declared_commands_with_their_schema(kind: str) -> None:
    async with running(make_client(), kind) as run:
        registered = {c["name"]: c for c in run.fake.world.commands.values()}
        assert sorted(registered) == ["Greet", "Shout", "echo", "pick", "tag", "whois"]
        echo = registered["echo"]
        assert echo["description"] == "Say it back."
        text, times, loud = echo["options"]
        assert (text["type"], text["required"], text["max_length"]) == (3, True, 50)
        assert (times["type"], times["min_value"], times["max_value"]) == (4, 1, 3)
        assert loud["type"] == 5
        assert [c["value"] for c in registered["pick"]["options"][0]["choices"]] == ["red", "blue"]
        assert registered["whois"]["options"][1]["channel_types"] == [0]
        assert registered["tag"]["options"][1]["options"][0]["options"][0]["autocomplete"] is True
