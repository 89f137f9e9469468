"""Components and modals routed by custom_id pattern, collectors, and Components V2 layouts."""

from __future__ import annotations

import anyio
import pytest

from anycord import commands
from anycord.commands import ui
from tests.commands.harness import KINDS, running


def make_client(log: list[str]) -> commands.CommandClient:
    client = commands.CommandClient()

    @client.component("vote:{poll_id:int}:{choice}")
    async def vote(ctx: commands.ComponentContext, poll_id: int, choice: str) -> None:
        log.append(f"{poll_id!r}/{choice!r}")
        await ctx.edit(f"poll {poll_id}: {choice} leads")

    @client.slash()
    async def poll(ctx: commands.CommandContext, poll_id: int) -> None:
        """Start a poll."""
        buttons = [
            ui.button(c, custom_id=vote.custom_id(poll_id=poll_id, choice=c))
            for c in ("yes", "no:maybe")
        ]
        await ctx.respond("vote now", components=[ui.action_row(*buttons)])

    @client.component("colour")
    async def colour(ctx: commands.ComponentContext) -> None:
        await ctx.respond(f"you chose {', '.join(ctx.values)}", ephemeral=True)

    @client.component("ask:{topic}")
    async def ask(ctx: commands.ComponentContext, topic: str) -> None:
        await ctx.respond_with_modal(
            "Tell me more", f"answer:{topic}", [ui.label("Why?", ui.text_input("why"))]
        )

    @client.modal("answer:{topic}")
    async def answer(ctx: commands.ModalContext, topic: str) -> None:
        await ctx.respond(f"{topic}: {ctx.fields['why']}")

    @client.slash()
    async def confirm(ctx: commands.CommandContext) -> None:
        """Ask, then wait for the click on this message only."""
        prefix = f"confirm:{ctx.interaction.id}:"
        async with ctx.client.collect(prefix) as clicks:
            row = ui.action_row(
                ui.button("Yes", custom_id=prefix + "yes"), ui.button("No", custom_id=prefix + "no")
            )
            await ctx.respond("sure?", components=[row])
            with anyio.move_on_after(5):
                async for click in clicks:
                    await click.edit("decided", components=[])
                    await ctx.followup(f"answer: {click.interaction.custom_id.rsplit(':', 1)[1]}")
                    break

    @client.slash()
    async def card(ctx: commands.CommandContext) -> None:
        """A Components V2 message."""
        await ctx.respond(
            components=[
                ui.container(
                    ui.text("# Card"),
                    ui.separator(),
                    ui.section(ui.text("press"), accessory=ui.button("Go", custom_id="colour")),
                    accent_color=0x5865F2,
                )
            ]
        )

    return client


def test_custom_ids_are_built_checked_and_round_trip() -> None:
    client = commands.CommandClient()

    async def vote(ctx: commands.ComponentContext, poll_id: int, choice: str) -> None:
        return None

    route = client.component("vote:{poll_id:int}:{choice}")(vote)
    assert route.custom_id(poll_id=-3, choice="a:b") == "vote:-3:a:b"
    assert route.match("vote:-3:a:b") == {"poll_id": -3, "choice": "a:b"}
    assert route.match("vote:x:a") is None
    with pytest.raises(ValueError, match="must be int"):
        route.custom_id(poll_id="3", choice="a")
    with pytest.raises(ValueError, match="over 100 characters"):
        route.custom_id(poll_id=1, choice="c" * 100)


@pytest.mark.parametrize("kind", KINDS)
async def test_buttons_selects_and_modals_route_by_pattern(kind: str) -> None:
    log: list[str] = []
    async with running(make_client(log), kind) as run:
        invoke = run.invoker
        where = {"user": run.user, "channel_id": run.channel["id"]}
        started = await invoke.slash("poll", {"poll_id": 7}, **where)
        message = started.message
        assert message is not None
        ids = [b["custom_id"] for b in message["components"][0]["components"]]
        assert ids == ["vote:7:yes", "vote:7:no:maybe"]

        clicked = await invoke.click(ids[1], message, user=run.user)
        assert log == ["7/'no:maybe'"]
        assert clicked.response_type == 7  # the message itself was updated
        assert (
            run.fake.world.messages[int(run.channel["id"])][int(message["id"])]["content"]
            == "poll 7: no:maybe leads"
        )

        chose = await invoke.click(
            "colour", message, values=["red", "blue"], component_type=3, user=run.user
        )
        assert (chose.content, chose.is_ephemeral) == ("you chose red, blue", True)

        asked = await invoke.click("ask:pets", message, user=run.user)
        assert (asked.response_type, asked.data["custom_id"]) == (9, "answer:pets")
        answered = await invoke.submit_modal("answer:pets", {"why": "they are nice"}, **where)
        assert answered.content == "pets: they are nice"

        unknown = (
            await invoke.click("nobody:handles", message, user=run.user) if kind == "http" else None
        )
        if unknown is not None:
            assert unknown.is_ephemeral


@pytest.mark.parametrize("kind", KINDS)
async def test_a_collector_receives_clicks_on_its_own_message(kind: str) -> None:
    async with running(make_client([]), kind) as run:
        asked = await run.invoker.slash("confirm", user=run.user, channel_id=run.channel["id"])
        assert asked.message is not None
        button = asked.message["components"][0]["components"][0]["custom_id"]
        click = await run.invoker.click(button, asked.message, user=run.user)
        assert click.response_type == 7
        await asked.wait(lambda r: len(r.followups) == 1)
        assert asked.followups[0]["content"] == "answer: yes"
        assert asked.content == "decided"


@pytest.mark.parametrize("kind", KINDS)
async def test_components_v2_layouts_get_the_v2_flag(kind: str) -> None:
    async with running(make_client([]), kind) as run:
        card = await run.invoker.slash("card", user=run.user, channel_id=run.channel["id"])
        assert card.data["flags"] & (1 << 15)
        assert [c["type"] for c in card.data["components"][0]["components"]] == [10, 14, 9]
