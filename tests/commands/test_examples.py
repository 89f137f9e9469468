"""The example bots in examples/, each run against FakeDiscord."""

from __future__ import annotations

import importlib.util
import pathlib
import typing

import anyio

from anycord.permissions import Permissions
from anycord.testing import CommandInvoker, FakeDiscord
from tests.commands.harness import running

EXAMPLES = pathlib.Path(__file__).parents[2] / "examples"


def load(name: str) -> typing.Any:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_moderation_bot() -> None:
    moderation = load("moderation_bot")
    async with running(moderation.build_client(), "gateway") as run:
        target = next(
            m["user"]
            for m in run.guild["members"]
            if not m["user"].get("bot") and m["user"]["id"] != run.user["id"]
        )
        where = {"user": run.user, "channel_id": run.channel["id"]}
        kick = {"member": target, "reason": "spam"}
        refused = await run.invoker.slash("mod", kick, subcommand="kick", **where)
        assert refused.content == "You need these permissions: KICK_MEMBERS."
        warned = await run.invoker.slash(
            "mod", {"user": target, "reason": "be nice"}, subcommand="warn", **where
        )
        assert warned.content == f"Warned {target['username']} (1 so far): be nice"
        listed = await run.invoker.context_menu("Warnings", target, **where)
        assert listed.is_ephemeral
        assert listed.content is not None
        assert "1. be nice" in listed.content
        perms = int(Permissions.KICK_MEMBERS)
        kicked = await run.invoker.slash(
            "mod", kick, subcommand="kick", permissions=perms, app_permissions=perms, **where
        )
        assert kicked.content == f"Kicked {target['username']}: spam"
        assert int(target["id"]) not in run.fake.world.members[int(run.guild["id"])]


async def test_poll_bot() -> None:
    poll = load("poll_bot")
    async with running(poll.build_client(), "gateway") as run:
        where = {"user": run.user, "channel_id": run.channel["id"]}
        bad = await run.invoker.slash("poll", {"question": "Q?", "choices": "only one"}, **where)
        assert bad.content == "Give 2 to 5 choices, separated by commas."
        started = await run.invoker.slash(
            "poll", {"question": "Tea?", "choices": "yes, no"}, **where
        )
        message = started.message
        assert message is not None
        yes = message["components"][0]["components"][0]["custom_id"]
        await run.invoker.click(yes, message, user=run.user)
        await run.invoker.click(yes, message, user=run.user)
        labels = [b["label"] for b in message["components"][0]["components"]]
        assert labels == ["yes · 2", "no · 0"]


async def test_http_bot_served_by_asgi() -> None:
    http_bot = load("http_bot")
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", members=1, channels=1)
        channel = guild["channels"][0]
        user = next(m["user"] for m in guild["members"] if not m["user"].get("bot"))
        bot = http_bot.build_bot(
            fake.token, fake.public_key, rest_url=fake.rest_url, asgi_managed=False
        )
        async with anyio.create_task_group() as tg:
            await tg.start(bot.start)
            invoker = CommandInvoker(fake, bot)
            where = {"user": user, "channel_id": channel["id"]}
            assert sorted(c["name"] for c in fake.world.commands.values()) == [
                "feedback",
                "remind",
                "roll",
            ]
            rolled = await invoker.slash("roll", {"sides": 2}, **where)
            assert rolled.content in ("🎲 1 (d2)", "🎲 2 (d2)")
            reminded = await invoker.slash("remind", {"seconds": 0.1, "what": "tea"}, **where)
            assert reminded.is_ephemeral
            await reminded.wait(lambda r: len(r.followups) == 1)
            assert reminded.followups[0]["content"] == f"<@{user['id']}> reminder: tea"
            opened = await invoker.slash("feedback", **where)
            assert opened.data["custom_id"] == "feedback:v1"
            thanked = await invoker.submit_modal("feedback:v1", {"text": "great"}, **where)
            assert thanked.content == "Thanks! (v1: 5 characters)"
            await bot.close()
