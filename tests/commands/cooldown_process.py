"""One bot process of the shared-cooldown test: an HTTP bot whose `/roll` cooldown lives on Redis.

Run as `python -m tests.commands.cooldown_process BACKEND REDIS_URL NAMESPACE REST_URL`, with
the fake's token in `ANYCORD_TOKEN` and its public key in `ANYCORD_PUBLIC_KEY` (never argv).
It prints the address it serves on, one line, and runs until its stdin closes.
"""

from __future__ import annotations

import functools
import os
import sys

import anyio

from anycord import commands
from anycord.bots.rest_bot import RESTBot
from anycord.commands.redis import RedisCooldownStore
from anycord.orchestrator.redis import connect_redis


async def main(redis_url: str, namespace: str, rest_url: str) -> None:
    async with connect_redis(redis_url) as redis:
        client = commands.CommandClient(
            cooldown_store=RedisCooldownStore(redis, namespace=namespace)
        )

        @client.slash(cooldown=commands.Cooldown(1, 60.0, "user"))
        async def roll(ctx: commands.CommandContext) -> None:
            """Once a minute per user, across every process."""
            await ctx.respond(f"rolled by {os.getpid()}")

        bot = RESTBot(
            os.environ["ANYCORD_TOKEN"],
            public_key=os.environ["ANYCORD_PUBLIC_KEY"],
            rest_url=rest_url,
            verifier_process=False,
            banner=None,
            logs=None,
        )
        client.attach(bot, sync=False)
        async with anyio.create_task_group() as tg:
            await tg.start(functools.partial(bot.start, "127.0.0.1", 0, shutdown_timeout=1.0))
            print(bot.addresses[0], flush=True)
            # The parent closes our stdin when it is done (or dies): then we close.
            await anyio.to_thread.run_sync(sys.stdin.read)
            await bot.close()


if __name__ == "__main__":
    backend, url, space, rest = sys.argv[1:5]
    anyio.run(main, url, space, rest, backend=backend)
