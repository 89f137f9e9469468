"""Prefix commands in guilds: `,ping` answers "Pong!" and `,value` the dashboard's value.

hikari's example keeps the value in a rillrate web dashboard (a separate, third-party UI
library); this port keeps it in a plain object set from the environment, since what it shows
of hikari is the guild message listener and `respond`.
"""

import os

import hikari

PREFIX = ","
COMMANDS = {"ping", "value"}


class Dashboard:
    """The value a web UI would set (read once from the environment here)."""

    def __init__(self) -> None:
        self.value = int(os.environ.get("DASHBOARD_VALUE", "0"))


bot = hikari.GatewayBot(token=os.environ["BOT_TOKEN"])
dashboard = Dashboard()


@bot.listen()
async def on_guild_message(event: hikari.GuildMessageCreateEvent) -> None:
    content = event.content or ""
    name = content.removeprefix(PREFIX)
    if not event.is_human or not content.startswith(PREFIX) or name not in COMMANDS:
        return
    if name == "ping":
        await event.message.respond("Pong!")
    else:
        await event.message.respond(f"Current value: {dashboard.value}")


bot.run()
