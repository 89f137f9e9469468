"""`!image` shows an image while typing: a mentioned user's avatar, the guild's icon
(`!image guild`), an emoji's image, or the author's avatar."""

import os
import re

import hikari

bot = hikari.GatewayBot(token=os.environ["BOT_TOKEN"])


@bot.listen()
async def on_message(event: hikari.GuildMessageCreateEvent) -> None:
    if not event.is_human or not event.content or not event.content.startswith("!"):
        return
    args = event.content[1:].split()
    if args[0] == "image":
        what = args[1] if len(args) > 1 else ""
        # Uploading can take a while: type until the answer is sent.
        async with bot.rest.trigger_typing(event.channel_id):
            await inspect_image(event, what.lstrip())


async def inspect_image(event: hikari.GuildMessageCreateEvent, what: str) -> None:
    if user_match := re.match(r"<@!?(\d+)>", what):
        user_id = hikari.Snowflake(user_match.group(1))
        user = bot.cache.get_user(user_id) or await bot.rest.fetch_user(user_id)
        await event.message.respond(
            "User avatar", attachment=user.avatar_url or user.default_avatar_url
        )
    elif what.casefold() in ("guild", "server", "here", "this"):
        guild = event.get_guild()
        if guild is None:
            await event.message.respond("Guild is missing from the cache :(")
        elif (icon_url := guild.icon_url) is None:
            await event.message.respond("This guild doesn't have an icon")
        else:
            await event.message.respond("Guild icon", attachment=icon_url)
    elif what:
        emoji = hikari.Emoji.parse(what)
        await event.message.respond(emoji.name, attachment=emoji)
    else:
        await event.message.respond(
            "Your avatar", attachment=event.author.avatar_url or event.author.default_avatar_url
        )


bot.run()
