"""Components: /modal-text opens a modal with a labelled text input, /message-components
answers with a Components V2 message (container, section with a button, action rows of
buttons and selects, media gallery, separators), and clicks and modal submissions are echoed
back ephemerally."""

import os

import hikari

bot = hikari.GatewayBot(token=os.environ["BOT_TOKEN"])

COMMAND_GUILD_ID = int(os.environ["COMMAND_GUILD_ID"])
GALLERY = ("https://cdn.discordapp.com/embed/avatars/1.png",)


@bot.listen()
async def register_commands(_: hikari.StartingEvent) -> None:
    application = await bot.rest.fetch_application()
    commands = [
        bot.rest.slash_command_builder("modal-text", "Open a text input modal."),
        bot.rest.slash_command_builder("message-components", "Send message components."),
    ]
    await bot.rest.set_application_commands(
        application=application.id, commands=commands, guild=COMMAND_GUILD_ID
    )


def buttons() -> hikari.MessageActionRowBuilder:
    row = hikari.MessageActionRowBuilder()
    row.add_interactive_button(hikari.ButtonStyle.PRIMARY, "v2:btn:primary", label="Primary")
    row.add_interactive_button(hikari.ButtonStyle.DANGER, "v2:btn:danger", label="Danger")
    row.add_link_button("https://example.com", label="Docs")
    return row


def flavours() -> hikari.MessageActionRowBuilder:
    row = hikari.MessageActionRowBuilder()
    menu = row.add_text_menu("v2:sel:flavour", placeholder="Pick a flavour", min_values=1)
    for label, value in (("Vanilla", "vanilla"), ("Chocolate", "chocolate")):
        menu.add_option(label, value)
    return row


def v2_message() -> list[hikari.ContainerComponentBuilder]:
    container = hikari.ContainerComponentBuilder(accent_color=hikari.Color(0x5865F2))
    container.add_text_display("# Components v2 demo")
    container.add_component(
        hikari.SectionComponentBuilder(
            components=[hikari.TextDisplayComponentBuilder(content="A section with a button.")],
            accessory=hikari.InteractiveButtonBuilder(
                style=hikari.ButtonStyle.SECONDARY, custom_id="v2:btn:section", label="Click"
            ),
        )
    )
    container.add_separator(divider=True, spacing=hikari.SpacingType.LARGE)
    container.add_component(buttons())
    container.add_component(flavours())
    container.add_media_gallery(
        items=[hikari.MediaGalleryItemBuilder(media=url) for url in GALLERY]
    )
    return [container]


@bot.listen()
async def on_command(event: hikari.CommandInteractionCreateEvent) -> None:
    name = event.interaction.command_name
    if name == "modal-text":
        await event.interaction.create_modal_response(
            title="Quick question",
            custom_id="modal:text",
            components=[
                hikari.LabelComponentBuilder(
                    label="What's your favourite colour?",
                    component=hikari.TextInputBuilder(
                        custom_id="favourite-colour", placeholder="e.g. blurple", max_length=40
                    ),
                )
            ],
        )
    elif name == "message-components":
        await event.interaction.create_initial_response(
            hikari.ResponseType.MESSAGE_CREATE,
            components=v2_message(),
            flags=hikari.MessageFlag.IS_COMPONENTS_V2,
        )


@bot.listen()
async def on_component(event: hikari.InteractionCreateEvent) -> None:
    if not isinstance(event.interaction, hikari.ComponentInteraction):
        return
    await event.interaction.create_initial_response(
        hikari.ResponseType.MESSAGE_CREATE,
        f"Button `{event.interaction.custom_id}` clicked.",
        flags=hikari.MessageFlag.EPHEMERAL,
    )


bot.run()
