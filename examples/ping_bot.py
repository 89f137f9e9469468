"""A small gateway bot: answers `!ping`, echoes `!echo <text>`, and greets on start.

Run it against Discord with a real token::

    DISCORD_TOKEN=... python examples/ping_bot.py

or see it work with no token, against the built-in emulator: `python -m anycord demo`.
"""

from __future__ import annotations

import os
import typing

import anycord


def build_bot(token: str, **options: typing.Any) -> anycord.GatewayBot:
    """The bot, with its listeners. `options` go to `GatewayBot` (e.g. `rest_url=`)."""
    intents = anycord.Intents.ALL_UNPRIVILEGED | anycord.Intents.MESSAGE_CONTENT
    bot = anycord.GatewayBot(token, intents=intents, **options)

    @bot.listen()
    async def on_message(event: anycord.GuildMessageCreateEvent) -> None:
        if event.is_bot or not event.content:
            return
        if event.content == "!ping":
            latency = bot.heartbeat_latency
            shown = (
                "?" if latency != latency else f"{latency * 1000:.0f} ms"
            )  # nan before the first ACK
            await event.message.respond(f"Pong! (heartbeat {shown})")
        elif event.content.startswith("!echo "):
            await event.message.respond(event.content.removeprefix("!echo "))

    @bot.listen()
    async def on_started(event: anycord.StartedEvent) -> None:
        me = bot.get_me()
        print(f"logged in as {me.username if me else '?'} on {bot.shard_count} shard(s)")

    return bot


if __name__ == "__main__":
    build_bot(os.environ["DISCORD_TOKEN"]).run()
