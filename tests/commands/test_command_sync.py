"""Command sync by difference against FakeDiscord's record of requests."""

from __future__ import annotations

import pytest

from anycord import commands
from anycord.rest.app import RESTApp
from anycord.testing import FakeDiscord
from tests.commands.harness import KINDS, running

PUT_GLOBAL = "/applications/{application_id}/commands"
PUT_GUILD = "/applications/{application_id}/guilds/{guild_id}/commands"


def make_client(description: str = "Ping it.", guild: int | None = None) -> commands.CommandClient:
    client = commands.CommandClient()

    @client.slash(description=description)
    async def ping(ctx: commands.CommandContext, text: str = "pong") -> None:
        await ctx.respond(text)

    @client.user_command("Inspect", guilds=[guild] if guild else None)
    async def inspect(ctx: commands.CommandContext, user: commands.Mentionable) -> None:
        await ctx.respond("ok")

    return client


async def test_a_second_sync_of_the_same_commands_writes_nothing() -> None:
    async with FakeDiscord() as fake, RESTApp(rest_url=fake.rest_url).acquire(fake.token) as rest:
        guild = fake.add_guild(name="g")
        client = make_client(guild=int(guild["id"]))
        first = await client.sync(rest)
        assert [bool(d) for d in first] == [True, True]
        assert [d.written for d in first] == [True, True]
        assert len(fake.rest.requests_to("PUT", PUT_GLOBAL)) == 1
        assert len(fake.rest.requests_to("PUT", PUT_GUILD)) == 1

        second = await make_client(guild=int(guild["id"])).sync(rest)
        assert not any(second)
        assert [str(d) for d in second] == [
            "global: up to date",
            f"guild {guild['id']}: up to date",
        ]
        assert len(fake.rest.requests_to("PUT", PUT_GLOBAL)) == 1
        assert len(fake.rest.requests_to("PUT", PUT_GUILD)) == 1
        assert len(fake.rest.requests_to("GET", PUT_GLOBAL)) == 2


async def test_a_change_is_one_bulk_overwrite_and_a_dry_run_writes_nothing() -> None:
    async with FakeDiscord() as fake, RESTApp(rest_url=fake.rest_url).acquire(fake.token) as rest:
        await make_client().sync(rest)
        fake.add_command(name="stale", description="left over")
        ids_before = {c["name"]: c["id"] for c in fake.world.commands.values()}

        dry = await make_client("Ping it again.").sync(rest, dry_run=True)
        assert (dry[0].changed, dry[0].removed, dry[0].written) == (("ping",), ("stale",), False)
        assert "~ ping" in str(dry[0])
        assert "- stale" in str(dry[0])
        assert len(fake.rest.requests_to("PUT", PUT_GLOBAL)) == 1

        (real,) = await make_client("Ping it again.").sync(rest)
        assert real.written
        assert len(fake.rest.requests_to("PUT", PUT_GLOBAL)) == 2
        now = {c["name"]: c for c in fake.world.commands.values()}
        assert sorted(now) == ["Inspect", "ping"]
        assert now["ping"]["description"] == "Ping it again."
        assert now["ping"]["id"] == ids_before["ping"]  # overwrite by name keeps the id


@pytest.mark.parametrize("kind", KINDS)
async def test_attached_bots_sync_at_start_and_not_again_on_restart(kind: str) -> None:
    async with FakeDiscord() as fake:
        async with running(make_client(), kind, fake=fake):
            pass
        async with running(make_client(), kind, fake=fake) as run:
            assert (
                await run.invoker.slash("ping", user=run.user, channel_id=run.channel["id"])
            ).content == "pong"
        assert len(fake.rest.requests_to("PUT", PUT_GLOBAL)) == 1
