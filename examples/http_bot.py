"""An HTTP-only bot served by any ASGI server: `AsgiBot` + `anycord.commands`.

    DISCORD_TOKEN=... DISCORD_PUBLIC_KEY=... hypercorn examples.http_bot:app

/roll [sides]          a die roll, with a cooldown per user
/remind <seconds> <what>  answers at once, then follows up later (the handler keeps
                          running in the bot's task tree after the HTTP response)
/feedback              opens a modal; its submission is routed by custom_id

`tests/commands/test_examples.py` serves it in-process and sends it signed interactions.
"""

import os
import random
import typing
from typing import Annotated

import anyio

import anycord
from anycord import commands
from anycord.commands import ui


def build_client() -> commands.CommandClient:
    """The bot's commands."""
    client = commands.CommandClient()

    @client.slash(cooldown=commands.Cooldown(3, 10.0, "user"))
    async def roll(
        ctx: commands.CommandContext,
        sides: Annotated[int, commands.Option("Sides of the die", min_value=2, max_value=100)] = 6,
    ) -> None:
        """Roll a die."""
        await ctx.respond(f"🎲 {random.randint(1, sides)} (d{sides})")

    @client.slash()
    async def remind(
        ctx: commands.CommandContext,
        seconds: Annotated[
            float, commands.Option("In how many seconds", min_value=0, max_value=600)
        ],
        what: Annotated[str, commands.Option("What to remind you of", max_length=200)],
    ) -> None:
        """Remind me later."""
        await ctx.respond(f"I will remind you in {seconds:g} s.", ephemeral=True)
        await anyio.sleep(seconds)
        await ctx.followup(f"<@{ctx.user.id}> reminder: {what}")

    @client.slash()
    async def feedback(ctx: commands.CommandContext) -> None:
        """Send feedback."""
        await ctx.respond_with_modal(
            "Feedback", "feedback:v1", [ui.label("What do you think?", ui.text_input("text"))]
        )

    @client.modal("feedback:{version}")
    async def got_feedback(ctx: commands.ModalContext, version: str) -> None:
        await ctx.respond(
            f"Thanks! ({version}: {len(ctx.fields['text'])} characters)", ephemeral=True
        )

    return client


def build_bot(token: str, public_key: str, **options: typing.Any) -> anycord.AsgiBot:
    """An ASGI app serving the commands (`options` go to `AsgiBot`)."""
    bot = anycord.AsgiBot(token, public_key=public_key, **options)
    build_client().attach(bot)
    return bot


if __name__ != "__main__" and "DISCORD_TOKEN" in os.environ:
    app = build_bot(os.environ["DISCORD_TOKEN"], os.environ["DISCORD_PUBLIC_KEY"])
