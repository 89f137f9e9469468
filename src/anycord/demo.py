"""`python -m anycord demo`: the example bot of examples/ping_bot.py against FakeDiscord.

No token and no network: the emulator runs on 127.0.0.1, a scripted user talks to the bot in
a guild channel, the bot answers through REST, the emulator delivers each answer back over the
gateway, and the conversation is printed. Exits 0 when every answer arrived.
"""

from __future__ import annotations

import importlib.util
import pathlib
import sys
import typing

import anyio
import httpx

import anycord
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from types import ModuleType

__all__ = ["main"]

_SCRIPT: typing.Final = ("!ping", "!echo structured concurrency", "hello there", "!ping")
_EXAMPLE: typing.Final = "ping_bot.py"


def _load_example() -> ModuleType:
    """examples/ping_bot.py from the checkout (editable installs) or the installed package."""
    here = pathlib.Path(__file__).resolve()
    for candidate in (here.parents[2] / "examples" / _EXAMPLE, here.parent / "examples" / _EXAMPLE):
        if candidate.exists():
            spec = importlib.util.spec_from_file_location("anycord_example_ping_bot", candidate)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module
    msg = f"cannot find examples/{_EXAMPLE}"
    raise FileNotFoundError(msg)


async def run_demo(out: typing.TextIO = sys.stdout) -> int:
    """Run the scripted conversation; returns the number of answers that did not arrive.

    Bounded in time: the whole conversation must finish within 30 seconds.
    """
    example = _load_example()

    def say(who: str, text: str) -> None:
        print(f"  {who:>10} │ {text}", file=out, flush=True)

    # Without hypercorn (anycord[server]) the fake's REST API is reached in process; the
    # gateway is a real websocket on 127.0.0.1 either way.
    over_tcp = importlib.util.find_spec("hypercorn") is not None
    # A short heartbeat interval, so the bot has measured its latency before the first !ping.
    async with FakeDiscord(heartbeat_interval=0.5, rest_over_tcp=over_tcp) as fake:
        guild = fake.add_guild(name="anycord demo", members=3, channels=1)
        channel_id = guild["channels"][0]["id"]
        alice = fake.add_user(username="alice")
        fake.add_member(guild["id"], alice)
        rest: dict[str, typing.Any] = {"rest_url": fake.rest_url}
        if not over_tcp:
            rest["http_transport"] = httpx.ASGITransport(app=fake.asgi_app)
        where = fake.rest_url if over_tcp else "in process (anycord[server] serves it over TCP)"
        print(f"FakeDiscord: REST {where}, gateway {fake.gateway_url}", file=out)
        bot = example.build_bot(fake.token, banner=None, logs="WARNING", **rest)
        bot_id = None
        missing = 0
        with anyio.fail_after(30):
            async with bot:
                me = bot.get_me()
                bot_id = me.id if me else None
                with anyio.move_on_after(3):
                    # Latency is a property the shard updates; no event announces it.
                    while bot.heartbeat_latency != bot.heartbeat_latency:  # noqa: ASYNC110 - nan until the first ACK
                        await anyio.sleep(0.05)
                print(f"bot ready on {bot.shard_count} shard(s); the conversation:\n", file=out)
                for line in _SCRIPT:
                    answered = line.startswith("!")
                    if answered:
                        waiter = _BotReply(bot, bot_id)
                        async with anyio.create_task_group() as tg:
                            await tg.start(waiter.wait)
                            say("alice", line)
                            fake.add_message(channel_id, line, author=alice)
                        say(
                            bot.get_me().username if bot.get_me() else "bot",
                            waiter.content or "(no answer)",
                        )
                        missing += waiter.content is None
                    else:
                        say("alice", line)
                        fake.add_message(channel_id, line, author=alice)
                        await anyio.sleep(0.05)
        sent = sum(
            1 for r in fake.rest.requests if r.method == "POST" and r.path.endswith("/messages")
        )
        print(f"\nbot closed cleanly; it sent {sent} message(s) over REST.", file=out)
        _ = anycord  # keeps the import honest for readers: the bot is plain anycord
    return missing


class _BotReply:
    """Waits for the bot's next message in the channel (started before the prompt is sent)."""

    def __init__(self, bot: anycord.GatewayBot, bot_id: anycord.Snowflake | None) -> None:
        self._bot = bot
        self._bot_id = bot_id
        self.content: str | None = None

    async def wait(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        async with self._bot.stream(anycord.MessageCreateEvent, limit=10) as stream:
            task_status.started()
            with anyio.move_on_after(5):
                async for event in stream:
                    if event.author_id == self._bot_id:
                        self.content = event.content
                        return


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m anycord demo [--backend asyncio|trio]`."""
    args = list(argv or [])
    backend = "asyncio"
    if "--backend" in args:
        backend = args[args.index("--backend") + 1]
    print(f"anycord demo on {backend}: an example bot against FakeDiscord, no token needed\n")
    missing = anyio.run(run_demo, backend=backend)
    if missing:
        print(f"{missing} answer(s) did not arrive", file=sys.stderr)
        return 1
    return 0
