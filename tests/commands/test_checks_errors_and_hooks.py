"""Checks, cooldowns, concurrency limits, hooks and error handlers, end to end on both paths."""

from __future__ import annotations

import logging

import anyio
import pytest

from anycord import commands
from anycord.permissions import Permissions
from tests.commands.harness import KINDS, running


def make_client(log: list[str]) -> commands.CommandClient:
    client = commands.CommandClient(auto_defer=None)

    @client.before
    async def before_all(ctx: commands.AnyContext) -> None:
        log.append("before:client")

    @client.after
    async def after_all(ctx: commands.AnyContext) -> None:
        log.append("after:client")

    @client.slash(checks=[commands.guild_only()])
    async def here(ctx: commands.CommandContext) -> None:
        """Guild only."""
        log.append("here")
        await ctx.respond("in a guild")

    @client.slash(checks=[commands.has_permissions(Permissions.BAN_MEMBERS)])
    async def ban(ctx: commands.CommandContext) -> None:
        """Needs BAN_MEMBERS."""
        await ctx.respond("banned")

    @client.slash(checks=[lambda ctx: ctx.user.username.startswith("nobody")])
    async def picky(ctx: commands.CommandContext) -> None:
        """A custom predicate."""
        await ctx.respond("never")

    @client.slash(cooldown=commands.Cooldown(2, 60.0, "user"))
    async def limited(ctx: commands.CommandContext) -> None:
        """Twice a minute."""
        await ctx.respond("ok")

    @client.slash(max_concurrency=commands.MaxConcurrency(1))
    async def single(ctx: commands.CommandContext) -> None:
        """One at a time."""
        await ctx.respond("started")
        await anyio.sleep(0.5)

    @client.slash()
    async def crash(ctx: commands.CommandContext) -> None:
        """Raises."""
        raise RuntimeError("secret internals /home/bot/token.txt")

    @client.slash()
    async def handled(ctx: commands.CommandContext) -> None:
        """Raises, handled by its own handler."""
        raise KeyError("x")

    @handled.layer.add_error_handler
    async def on_handled_error(ctx: commands.AnyContext, exc: Exception) -> None:
        log.append(f"command handler: {type(exc).__name__}")
        raise ValueError("passed on")

    group = client.group("grp", "A group")

    @group.layer.add_error_handler
    async def on_group_error(ctx: commands.AnyContext, exc: Exception) -> None:
        log.append(f"group handler: {exc}")
        await ctx.respond("the group handled it", ephemeral=True)

    @group.command()
    async def fail(ctx: commands.CommandContext) -> None:
        """Fails inside a group."""
        raise ValueError("inner")

    @client.error_handler
    async def on_any_error(ctx: commands.AnyContext, exc: Exception) -> None:
        log.append(f"global handler: {exc}")
        raise exc

    return client


@pytest.mark.parametrize("kind", KINDS)
async def test_checks_refuse_with_a_message_and_hooks_wrap_the_handler(kind: str) -> None:
    log: list[str] = []
    async with running(make_client(log), kind) as run:
        invoke = run.invoker
        where = {"user": run.user, "channel_id": run.channel["id"]}
        here = await invoke.slash("here", **where)
        assert here.content == "in a guild"
        await here.wait(lambda _: "after:client" in log)  # the hook runs after the answer
        assert log == ["before:client", "here", "after:client"]

        dm = run.fake.dm_channel(run.user["id"])
        refused = await invoke.slash("here", user=run.user, channel_id=dm["id"])
        assert (refused.content, refused.is_ephemeral) == (
            "This can only be used in a server.",
            True,
        )

        assert (
            await invoke.slash("ban", **where)
        ).content == "You need these permissions: BAN_MEMBERS."
        allowed = await invoke.slash("ban", permissions=int(Permissions.BAN_MEMBERS), **where)
        assert allowed.content == "banned"
        admin = await invoke.slash("ban", permissions=int(Permissions.ADMINISTRATOR), **where)
        assert admin.content == "banned"
        assert (await invoke.slash("picky", **where)).content == "You cannot use this here."


@pytest.mark.parametrize("kind", KINDS)
async def test_cooldowns_and_concurrency_limits(kind: str) -> None:
    async with running(make_client([]), kind) as run:
        invoke = run.invoker
        where = {"user": run.user, "channel_id": run.channel["id"]}
        assert (await invoke.slash("limited", **where)).content == "ok"
        assert (await invoke.slash("limited", **where)).content == "ok"
        third = await invoke.slash("limited", **where)
        assert third.content is not None
        assert third.content.startswith("This is on cooldown; try again in")
        other = next(
            m["user"]
            for m in run.guild["members"]
            if m["user"]["id"] not in (run.user["id"],) and not m["user"].get("bot")
        )
        assert (
            await invoke.slash("limited", user=other, channel_id=run.channel["id"])
        ).content == "ok"

        async with anyio.create_task_group() as tg:
            first = await invoke.slash("single", **where)
            second = await invoke.slash("single", **where)
            tg.cancel_scope.cancel()
        assert first.content == "started"
        assert second.content == "This is already running; try again when it has finished."


@pytest.mark.parametrize("kind", KINDS)
async def test_errors_reach_handlers_innermost_first_and_never_leak_a_traceback(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    log: list[str] = []
    async with running(make_client(log), kind) as run:
        invoke = run.invoker
        where = {"user": run.user, "channel_id": run.channel["id"]}
        with caplog.at_level(logging.ERROR, "anycord.commands"):
            crash = await invoke.slash("crash", **where)
        assert crash.content == "Something went wrong while running this."
        assert crash.is_ephemeral
        assert "secret" not in str(crash.response)
        assert any("secret internals" in str(r.exc_info) for r in caplog.records)

        log.clear()
        handled = await invoke.slash("handled", **where)
        await handled.wait(lambda _: len(log) == 4)
        assert log == [
            "before:client",
            "after:client",
            "command handler: KeyError",
            "global handler: passed on",
        ]
        assert handled.content == "Something went wrong while running this."

        log.clear()
        grouped = await invoke.slash("grp", subcommand="fail", **where)
        assert grouped.content == "the group handled it"
        await grouped.wait(lambda _: len(log) == 3)
        assert log == ["before:client", "after:client", "group handler: inner"]
