"""Three slash commands registered at start-up: /ping, /info and /ephemeral."""

import os

import hikari

bot = hikari.GatewayBot(token=os.environ["BOT_TOKEN"])

# The guild to register the commands in.
COMMAND_GUILD_ID = int(os.environ["COMMAND_GUILD_ID"])


@bot.listen()
async def register_commands(_: hikari.StartingEvent) -> None:
    application = await bot.rest.fetch_application()
    commands = [
        bot.rest.slash_command_builder("ping", "Get the bot's latency."),
        bot.rest.slash_command_builder("info", "Learn something about the bot."),
        bot.rest.slash_command_builder("ephemeral", "Send a very secret message."),
    ]
    await bot.rest.set_application_commands(
        application=application.id, commands=commands, guild=COMMAND_GUILD_ID
    )


@bot.listen()
async def handle_interactions(event: hikari.InteractionCreateEvent) -> None:
    if not isinstance(event.interaction, hikari.CommandInteraction):
        return
    name = event.interaction.command_name
    if name == "ping":
        await event.interaction.create_initial_response(
            hikari.ResponseType.MESSAGE_CREATE, f"Pong! {bot.heartbeat_latency * 1_000:.0f}ms"
        )
    elif name == "info":
        await event.interaction.create_initial_response(
            hikari.ResponseType.MESSAGE_CREATE, "Hello, this is an example bot!"
        )
    elif name == "ephemeral":
        await event.interaction.create_initial_response(
            hikari.ResponseType.MESSAGE_CREATE,
            "Only you can see this, keep it a secret :)",
            flags=hikari.MessageFlag.EPHEMERAL,
        )


bot.run()
