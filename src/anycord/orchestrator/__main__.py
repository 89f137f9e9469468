"""`python -m anycord.orchestrator server|run|worker`.

```
# one machine: a parent and N worker processes
ANYCORD_TOKEN=... python -m anycord.orchestrator run mybot.app:setup --subprocess-count 4

# many machines: one supervisor, then bots anywhere that reach the same Redis/Valkey
ANYCORD_TOKEN=... python -m anycord.orchestrator server rediss://redis:6379/0 --ca-cert ca.pem
ANYCORD_TOKEN=... python -m anycord.orchestrator run mybot.app:setup \
    --address rediss://redis:6379/0 --local-shard-count 8 --health-port 8081 --health-host 0.0.0.0
```

`--health-port` serves `/livez` and `/readyz` (docs/health.md): on that port for a Redis bot
or the `server`, on that port plus the worker's index for local workers. `--metrics` (the
`metrics` extra) adds `GET /metrics` there, each process serving its own (docs/metrics.md);
with local workers the parent serves its own too, on the port after the last worker's.

The token is read from `$ANYCORD_TOKEN` (or `$DISCORD_TOKEN`), never from the command line,
so it does not show in `ps`. The entry point `module:function` is called with the `Bot` before
it starts (register listeners there). Exit status: 0 after a clean stop (Ctrl-C/SIGTERM),
1 when the fleet or a worker failed fatally, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import typing

import anycord.metrics
from anycord import errors
from anycord.bots.health_server import HealthServer
from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.intents import Intents
from anycord.logs import init_logging, register_secret
from anycord.orchestrator.bot import Bot
from anycord.orchestrator.local import TOKEN_ENV, load_entrypoint, run_subprocesses, run_worker
from anycord.orchestrator.server import run_server

__all__ = ["main"]

_LOGGER = logging.getLogger("anycord.orchestrator")


def _token() -> str:
    token = os.environ.get(TOKEN_ENV) or os.environ.get("DISCORD_TOKEN") or ""
    if not token.strip():
        msg = f"set the bot token in ${TOKEN_ENV} (or $DISCORD_TOKEN)"
        raise SystemExit(msg)
    return token.strip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m anycord.orchestrator")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--backend", choices=["asyncio", "trio"], default="asyncio")
        sub.add_argument("--rest-url", default=None, help="another REST base URL (tests, proxies)")
        sub.add_argument("--log-level", default="INFO")

    def health(sub: argparse.ArgumentParser, where: str) -> None:
        sub.add_argument(
            "--health-port", type=int, default=None, help=f"serve /livez and /readyz: {where}"
        )
        sub.add_argument("--health-host", default="127.0.0.1", help="the health endpoint's host")
        sub.add_argument(
            "--metrics",
            action="store_true",
            help="also serve GET /metrics (Prometheus) on the health endpoint: needs "
            "--health-port and the metrics extra (pip install 'anycord[metrics]')",
        )

    def tls(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--namespace", default=None, help="Redis key namespace (default: bot id)")
        sub.add_argument("--ca-cert", default=os.environ.get("ORCHESTRATOR_CA_CERT"))
        sub.add_argument("--certificate", default=os.environ.get("ORCHESTRATOR_CERTIFICATE"))
        sub.add_argument("--private-key", default=os.environ.get("ORCHESTRATOR_PRIVATE_KEY"))

    server = commands.add_parser("server", help="publish the plan to Redis and watch the fleet")
    server.add_argument("address", help="redis:// or rediss:// URL")
    server.add_argument("--shard-count", type=int, default=None)
    server.add_argument("--intents", type=int, default=int(Intents.ALL_UNPRIVILEGED))
    server.add_argument("--identify-window", type=float, default=IDENTIFY_WINDOW)
    health(server, "this port")
    common(server)
    tls(server)

    run = commands.add_parser("run", help="run shards: local workers, or a Bot on Redis")
    run.add_argument("entrypoint", nargs="?", default=None, help="module:function(bot)")
    run.add_argument("--address", default=None, help="redis:// URL (default: local workers)")
    run.add_argument("--local-shard-count", type=int, default=1)
    run.add_argument("--subprocess-count", type=int, default=None)
    run.add_argument("--shard-count", type=int, default=None)
    run.add_argument("--intents", type=int, default=int(Intents.ALL_UNPRIVILEGED))
    run.add_argument("--lease-ttl", type=float, default=15.0)
    health(
        run,
        "this port (Redis), or this port + the worker's index for local workers (with "
        "--metrics, the parent: this port + the worker count)",
    )
    common(run)
    tls(run)

    worker = commands.add_parser("worker", help="internal: one worker of `run`")
    worker.add_argument("--entrypoint", default=None)
    worker.add_argument("--local-shard-count", type=int, required=True)
    worker.add_argument("--owner", required=True)
    worker.add_argument("--lease-ttl", type=float, default=15.0)
    health(worker, "this port")
    common(worker)
    return parser


class _Metrics:
    """This process's registry: what `--metrics` installs into and serves."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry  # the metrics extra

        self.registry = CollectorRegistry()

    def exposition(self) -> tuple[str, bytes]:
        return anycord.metrics.exposition(self.registry)

    def install(self, target: object) -> None:
        anycord.metrics.install(target, self.registry)


def _metrics(parser: argparse.ArgumentParser, args: argparse.Namespace) -> _Metrics | None:
    """The registry `--metrics` asks for; a usage error (exit 2) when it cannot be served."""
    if not args.metrics:
        return None
    if args.health_port is None:
        parser.error("--metrics serves GET /metrics on the health endpoint: give --health-port")
    try:
        return _Metrics()
    except ImportError:
        parser.error(f"--metrics: {anycord.metrics.EXTRA_MISSING}")


def main(argv: typing.Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    metrics = _metrics(parser, args)
    exposition = None if metrics is None else metrics.exposition
    install = None if metrics is None else metrics.install
    if args.command == "worker":
        return run_worker(
            entrypoint=args.entrypoint,
            local_shard_count=args.local_shard_count,
            owner=args.owner,
            lease_ttl=args.lease_ttl,
            backend=args.backend,
            rest_url=args.rest_url,
            logs=args.log_level,
            health_port=args.health_port,
            health_host=args.health_host,
            metrics=exposition,
            instrument=install,
        )
    token = _token()

    register_secret(token)
    init_logging(args.log_level)
    try:
        if args.command == "server":
            run_server(
                token,
                args.address,
                intents=args.intents,
                ca_cert=args.ca_cert,
                certificate=args.certificate,
                private_key=args.private_key,
                shard_count=args.shard_count,
                backend=args.backend,
                identify_window=args.identify_window,
                rest_url=args.rest_url,
                namespace=args.namespace,
                health_server=_health_server(args, exposition),
                instrument=install,
            )
        elif args.address is None:
            run_subprocesses(
                token,
                callback=args.entrypoint,
                shard_count=args.shard_count,
                intents=args.intents,
                subprocess_count=args.subprocess_count,
                backend=args.backend,
                rest_url=args.rest_url,
                lease_ttl=args.lease_ttl,
                health_port=args.health_port,
                health_host=args.health_host,
                worker_args=["--metrics"] if metrics else [],
                metrics=exposition,
                instrument=install,
            )
        else:
            bot = Bot(
                args.address,
                token,
                local_shard_count=args.local_shard_count,
                global_shard_count=args.shard_count,
                lease_ttl=args.lease_ttl,
                ca_cert=args.ca_cert,
                certificate=args.certificate,
                private_key=args.private_key,
                namespace=args.namespace,
                rest_url=args.rest_url,
                logs=args.log_level,
                health_server=_health_server(args, exposition),
            )
            if install is not None:
                install(bot)
            if args.entrypoint:
                load_entrypoint(args.entrypoint)(bot)
            bot.run(backend=args.backend)
    except (errors.AnycordError, ValueError, OSError) as exc:
        _LOGGER.error("%s", exc)
        return 1
    except BaseExceptionGroup as group:
        _LOGGER.error("the fleet failed: %s", group)
        return 1
    return 0


def _health_server(
    args: argparse.Namespace, exposition: typing.Callable[[], tuple[str, bytes]] | None
) -> HealthServer | None:
    if args.health_port is None:
        return None
    return HealthServer(args.health_port, host=args.health_host, metrics=exposition)


if __name__ == "__main__":
    sys.exit(main())
