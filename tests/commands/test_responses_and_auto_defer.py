"""Answering: respond, defer, edit, follow-ups, modals, and the automatic defer, on both paths."""

from __future__ import annotations

import anyio
import pytest

from anycord import commands
from tests.commands.harness import ALL_KINDS, KINDS, running


def make_client(auto_defer: float | None = 0.05) -> commands.CommandClient:
    # 0.05 of Discord's 3 s: an unanswered handler is deferred after 0.15 s.
    client = commands.CommandClient(auto_defer=auto_defer)

    @client.slash()
    async def slow(ctx: commands.CommandContext, seconds: float = 0.6) -> None:
        """Sleep past the window, then answer."""
        await anyio.sleep(seconds)
        await ctx.respond("finally")
        await ctx.respond("and more")

    @client.slash()
    async def thinking(ctx: commands.CommandContext) -> None:
        """Defer first."""
        await ctx.defer(ephemeral=True)
        await ctx.edit("edited")
        await ctx.followup("a follow-up", ephemeral=True)

    @client.slash()
    async def form(ctx: commands.CommandContext) -> None:
        """Open a modal."""
        row = {
            "type": 1,
            "components": [{"type": 4, "custom_id": "why", "label": "Why", "style": 1}],
        }
        await ctx.respond_with_modal("Tell me", "form:1", [row])

    @client.slash()
    async def silent(ctx: commands.CommandContext) -> None:
        """Never answers."""

    return client


@pytest.mark.parametrize("kind", ALL_KINDS)
async def test_a_handler_sleeping_past_the_window_answers_through_the_deferred_message(
    kind: str,
) -> None:
    async with running(make_client(), kind) as run:
        slow = await run.invoker.slash("slow", user=run.user, channel_id=run.channel["id"])
        assert slow.response_type == 5  # deferred by the client, in time
        if slow.http is not None:
            assert slow.http.elapsed < 1.0
        await slow.wait(lambda r: r.content == "finally" and len(r.followups) == 1)
        assert slow.followups[0]["content"] == "and more"
        assert slow.record.response is not None


@pytest.mark.parametrize("kind", KINDS)
async def test_without_auto_defer_a_slow_handler_misses_discords_window(kind: str) -> None:
    # The control for the test above: the same handler, no automatic defer. Over HTTP the
    # answer comes too late for Discord's 3 s (the sender flags it); over the gateway the
    # callback is refused with 10062 Unknown Interaction, which the user sees as an error.
    async with running(make_client(auto_defer=None), kind) as run:
        if kind == "http":
            from anycord.testing.interactions import InteractionResponseError

            with pytest.raises(InteractionResponseError, match="Discord waits 3 s"):
                await run.invoker.slash(
                    "slow", {"seconds": 3.2}, user=run.user, channel_id=run.channel["id"]
                )
        else:
            run.invoker.timeout = 4.0
            with pytest.raises(TimeoutError):
                await run.invoker.slash(
                    "slow", {"seconds": 3.2}, user=run.user, channel_id=run.channel["id"]
                )


@pytest.mark.parametrize("kind", KINDS)
async def test_defer_edit_followup_and_modal(kind: str) -> None:
    async with running(make_client(), kind) as run:
        where = {"user": run.user, "channel_id": run.channel["id"]}
        thinking = await run.invoker.slash("thinking", **where)
        assert thinking.response_type == 5
        assert thinking.is_ephemeral
        await thinking.wait(lambda r: r.content == "edited" and len(r.followups) == 1)
        assert thinking.followups[0]["flags"] & 64

        form = await run.invoker.slash("form", **where)
        assert form.response_type == 9
        assert form.data["custom_id"] == "form:1"

        silent = await run.invoker.slash("silent", **where)
        assert silent.response_type == 5  # acknowledged rather than left to fail
