"""Plugins loaded and unloaded while the bot runs; handlers live and die in the bot's tree."""

from __future__ import annotations

import importlib

import anyio
import pytest

from anycord import commands
from tests.commands.harness import KINDS, running


@pytest.mark.parametrize("kind", KINDS)
async def test_a_plugin_loaded_at_run_time_serves_until_it_is_unloaded(kind: str) -> None:
    client = commands.CommandClient()
    async with running(client, kind, sync=False) as run:
        where = {"user": run.user, "channel_id": run.channel["id"]}
        loaded = client.load_module("tests.commands.extra_plugin")
        assert loaded.name in client.plugins
        seen: list[str] = importlib.import_module("tests.commands.extra_plugin").seen
        assert (await run.invoker.slash("extra", **where)).content == "from the plugin"
        if kind == "gateway":
            seen.clear()
            hello = run.fake.add_message(run.channel["id"], "hello plugin")
            await run.fake.gateway.flush()
            await run.invoker.slash("extra", **where)  # the listener ran before this answer
            with anyio.fail_after(5):
                # A plain module-level list is what the plugin's listener can reach; poll it.
                while hello["id"] not in seen:  # noqa: ASYNC110
                    await anyio.sleep(0.01)

        client.unload_module("tests.commands.extra_plugin")
        assert "extra" not in client.plugins
        if kind == "http":
            gone = await run.invoker.slash("extra", **where)
            assert (gone.content, gone.is_ephemeral) == ("This is no longer available.", True)
        else:
            after = run.fake.add_message(run.channel["id"], "after unload")
            await run.fake.gateway.flush()
            await anyio.sleep(0.2)
            assert after["id"] not in seen
        reloaded = client.load_module("tests.commands.extra_plugin")
        assert reloaded is not loaded  # imported afresh
        assert (await run.invoker.slash("extra", **where)).content == "from the plugin"


@pytest.mark.parametrize("kind", ["gateway", "orchestrator", "http"])
async def test_closing_the_bot_cancels_in_flight_handlers_after_the_grace_period(kind: str) -> None:
    client = commands.CommandClient()
    log: list[str] = []

    @client.slash()
    async def forever(ctx: commands.CommandContext) -> None:
        """Runs until cancelled."""
        await ctx.defer()
        log.append("started")
        try:
            await anyio.sleep_forever()
        finally:
            log.append("cancelled")

    async with running(client, kind, sync=False, grace=0.3) as run:
        started = await run.invoker.slash("forever", user=run.user, channel_id=run.channel["id"])
        assert started.response_type == 5
        await started.wait(lambda _: log == ["started"])
        began = anyio.current_time()
        with anyio.fail_after(10):
            await run.bot.close()
        assert log == ["started", "cancelled"]
        assert anyio.current_time() - began >= 0.25  # the grace period was given first
