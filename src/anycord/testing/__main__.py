"""`python -m anycord.testing serve [--host H] [--port P] [--guilds N] [--backend asyncio|trio]`.

Runs a FakeDiscord in the foreground, prints its REST URL, gateway URL, bot token and
interaction public key, and serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import typing

import anyio

from anycord.testing.fake import FakeDiscord

__all__ = ["main"]


async def _serve(args: argparse.Namespace) -> None:
    async with FakeDiscord(host=args.host, rest_port=args.port, shard_count=args.shards) as fake:
        for n in range(args.guilds):
            fake.add_guild(name=f"guild-{n}", members=args.members, channels=2)
        print(f"REST URL:    {fake.rest_url}")
        print(f"Gateway URL: {fake.gateway_url}")
        print(f"Bot token:   {fake.token}")
        print(f"Public key:  {fake.public_key}")
        print("Serving until Ctrl-C.", flush=True)
        await anyio.sleep_forever()


def main(argv: typing.Sequence[str] | None = None) -> int:
    """Entry point of `python -m anycord.testing`."""
    parser = argparse.ArgumentParser(prog="python -m anycord.testing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run a fake Discord on loopback")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="REST port (0: any free port)")
    serve.add_argument("--shards", type=int, default=1)
    serve.add_argument("--guilds", type=int, default=1, help="guilds to create at start")
    serve.add_argument("--members", type=int, default=3, help="scripted members per guild")
    serve.add_argument("--backend", choices=("asyncio", "trio"), default="asyncio")
    args = parser.parse_args(argv)
    try:
        anyio.run(_serve, args, backend=args.backend)
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
