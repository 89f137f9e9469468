"""A poll bot with buttons: stateless routes, so votes survive restarts and work on any
process (the poll's state lives in the message itself, here in the button labels).

/poll <question> <choices>   choices separated by commas (2-5)
each button                  "vote:{poll_id:int}:{index:int}" -> counts the click

Runs on any bot; `tests/commands/test_examples.py` runs it on a gateway bot against
FakeDiscord.
"""

import os
import typing
from typing import Annotated

import anycord
from anycord import commands
from anycord.commands import ui


def build_client() -> commands.CommandClient:
    """The poll commands and their button route."""
    client = commands.CommandClient()

    @client.component("vote:{poll_id:int}:{index:int}")
    async def vote(ctx: commands.ComponentContext, poll_id: int, index: int) -> None:
        rows = ctx.interaction.message.components
        buttons: list[dict[str, typing.Any]] = []
        for row in rows:
            for button in getattr(row, "components", ()):
                label, _, count = str(button.label).rpartition(" · ")
                votes = int(count) + (1 if button.custom_id == ctx.interaction.custom_id else 0)
                buttons.append(ui.button(f"{label} · {votes}", custom_id=button.custom_id))
        await ctx.edit(ctx.interaction.message.content, components=[ui.action_row(*buttons)])

    @client.slash(contexts=[0, 1, 2])
    async def poll(
        ctx: commands.CommandContext,
        question: Annotated[str, commands.Option("What to ask", max_length=200)],
        choices: Annotated[str, commands.Option("2-5 choices, separated by commas")],
    ) -> None:
        """Start a poll."""
        options = [c.strip() for c in choices.split(",") if c.strip()]
        if not 2 <= len(options) <= 5:
            raise commands.CommandError("Give 2 to 5 choices, separated by commas.")
        poll_id = int(ctx.interaction.id) % 1_000_000
        buttons = [
            ui.button(f"{option} · 0", custom_id=vote.custom_id(poll_id=poll_id, index=i))
            for i, option in enumerate(options)
        ]
        await ctx.respond(f"**{question}**", components=[ui.action_row(*buttons)])

    return client


def build_bot(token: str, **options: typing.Any) -> anycord.GatewayBot:
    """A gateway bot serving the poll commands."""
    bot = anycord.GatewayBot(token, **options)
    build_client().attach(bot)
    return bot


if __name__ == "__main__":
    build_bot(os.environ["DISCORD_TOKEN"]).run()
