"""A moderation bot on the gateway, written with `anycord.commands`.

/mod kick <member> [reason]     needs Kick Members (checked for the moderator and the bot)
/mod warn <user> <reason>       records a warning
/mod warnings <user>            lists them (ephemeral)
"Warnings" (user context menu)  the same list from a right-click

Run it with a real token (`DISCORD_TOKEN=... python examples/moderation_bot.py`); the test
`tests/commands/test_examples.py` runs it against FakeDiscord.
"""

import os
import typing
from typing import Annotated

import anycord
from anycord import commands
from anycord.models.members import InteractionMember
from anycord.models.users import User
from anycord.permissions import Permissions


def build_client() -> commands.CommandClient:
    """The bot's commands (attach them to any bot)."""
    client = commands.CommandClient()
    warnings: dict[int, list[str]] = {}
    mod = client.group(
        "mod",
        "Moderation",
        default_member_permissions=Permissions.KICK_MEMBERS,
        contexts=[0],
        checks=[commands.guild_only()],
    )

    @mod.command(
        checks=[
            commands.has_permissions(Permissions.KICK_MEMBERS),
            commands.bot_has_permissions(Permissions.KICK_MEMBERS),
        ]
    )
    async def kick(
        ctx: commands.CommandContext,
        member: Annotated[InteractionMember, commands.Option("Who to kick")],
        reason: Annotated[str, commands.Option("Why", max_length=200)] = "no reason given",
    ) -> None:
        """Kick a member."""
        assert ctx.guild_id is not None
        await ctx.rest.kick_user(ctx.guild_id, member.user.id, reason=reason)
        await ctx.respond(f"Kicked {member.user.username}: {reason}")

    @mod.command()
    async def warn(
        ctx: commands.CommandContext,
        user: Annotated[User, commands.Option("Who to warn")],
        reason: Annotated[str, commands.Option("Why", min_length=3, max_length=200)],
    ) -> None:
        """Warn a user."""
        warnings.setdefault(int(user.id), []).append(reason)
        count = len(warnings[int(user.id)])
        await ctx.respond(f"Warned {user.username} ({count} so far): {reason}")

    async def list_warnings(ctx: commands.CommandContext, user: User) -> None:
        found = warnings.get(int(user.id), [])
        lines = [f"{i}. {r}" for i, r in enumerate(found, 1)] or ["none"]
        await ctx.respond(f"Warnings of {user.username}:\n" + "\n".join(lines), ephemeral=True)

    @mod.command("warnings")
    async def show_warnings(
        ctx: commands.CommandContext, user: Annotated[User, commands.Option("Whose")]
    ) -> None:
        """List a user's warnings."""
        await list_warnings(ctx, user)

    @client.user_command("Warnings", default_member_permissions=Permissions.KICK_MEMBERS)
    async def warnings_menu(ctx: commands.CommandContext, user: User) -> None:
        await list_warnings(ctx, user)

    return client


def build_bot(token: str, **options: typing.Any) -> anycord.GatewayBot:
    """A gateway bot serving the commands (`options` go to `GatewayBot`, e.g. `rest_url=`)."""
    bot = anycord.GatewayBot(token, **options)
    build_client().attach(bot)
    return bot


if __name__ == "__main__":
    build_bot(os.environ["DISCORD_TOKEN"]).run()
