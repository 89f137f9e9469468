"""A `!ping` bot: a human's `!ping` gets "Pong! <latency>ms" back."""

import os

import hikari

bot = hikari.GatewayBot(token=os.environ["BOT_TOKEN"])


@bot.listen()
async def on_message(event: hikari.MessageCreateEvent) -> None:
    # Bots and webhooks are ignored.
    if not event.is_human:
        return
    if event.content == "!ping":
        await event.message.respond(f"Pong! {bot.heartbeat_latency * 1_000:.0f}ms")


bot.run()
