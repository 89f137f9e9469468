"""What `anycord.commands` costs per request on the HTTP path, against a raw listener.

Two `RESTBot`s answer the same signed `/ping` with "pong", loaded by `wrk` exactly as
`benchmarks/interactions.py` loads them (same request, same measurement: the server
process's CPU time per request, over 32 keep-alive connections):

* `raw`: `bot.set_listener(CommandInteraction, on_command)` returning a builder;
* `commands`: a `CommandClient` with `@client.slash() async def ping(ctx)` that calls
  `await ctx.respond("pong")`, attached with `client.attach(bot, sync=False)`. Per request it
  routes by name, builds the context, runs the (empty) check/cooldown/hook layers, runs the
  handler in the request's own task and writes the HTTP response from its `respond` call
  (the request is registered with the automatic-defer clock and unregistered);
* `baseline` (only with `--baseline-src DIR`): the `commands` server importing anycord from
  `DIR` (for example an older checkout's `src`), to compare a change with what it replaces.

Both check signatures inline (on the event loop's thread), so the CPU per request is the
whole request's. Before measuring, each server is asked once and must answer with the same
status, headers and body bytes as the other (like is compared with like). The overhead is
`(commands - raw) / raw` of that CPU, printed as "% of a raw listener's server CPU per
request"; the target is < 10%. Rounds interleave the targets, and the medians are compared.

    python benchmarks/commands.py                       # asyncio, 5 rounds of 5 s
    python benchmarks/commands.py --backend trio --rounds 5
    python benchmarks/commands.py --rounds 3 --baseline-src /tmp/old-main/src

Needs `wrk` on PATH (apt install wrk).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import interactions as http_bench  # (the sibling benchmark's request and driver)

TARGETS = ("raw", "commands")


def serve(target: str, port: int, backend: str) -> None:
    if target.startswith("baseline="):
        target, _, src = target.partition("=")
        sys.path.insert(0, src)
    import anycord.bots.rest_bot as rest_bot
    from anycord import commands
    from anycord.interactions import InteractionMessageBuilder, ResponseType
    from anycord.models.interactions import CommandInteraction

    public_key, _ = http_bench._keys()
    bot = rest_bot.RESTBot("benchmark-token", "Bot", public_key=public_key, verifier_process=False)
    if target == "raw":

        async def on_command(interaction: CommandInteraction) -> InteractionMessageBuilder:
            return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="pong")

        bot.set_listener(CommandInteraction, on_command)
    else:
        client = commands.CommandClient()

        @client.slash()
        async def ping(ctx: commands.CommandContext) -> None:
            """Pong."""
            await ctx.respond("pong")

        client.attach(bot, sync=False)
    bot.run("127.0.0.1", port, backend=backend, shutdown_timeout=1.0)  # type: ignore[arg-type]


def _answer(target: str, backend: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Start `target`, send the benchmark's request once, and return its whole answer."""
    import httpx

    port = http_bench._free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", f"{target}:{backend}", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        http_bench._wait_for_port(port)
        _, signature = http_bench._keys()
        response = httpx.post(
            f"http://127.0.0.1:{port}/",
            content=http_bench.BODY,
            headers={
                "content-type": "application/json",
                "x-signature-ed25519": signature,
                "x-signature-timestamp": http_bench.TIMESTAMP,
            },
        )
        headers = sorted((k, v) for k, v in response.headers.items() if k != "date")
        return response.status_code, headers, response.content
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backend", choices=("asyncio", "trio"), default="asyncio")
    parser.add_argument(
        "--baseline-src", help="also measure the commands server importing anycord from here"
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        target, _, backend = args.serve.rpartition(":")
        serve(target, args.port, backend)
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk is not on PATH (apt install wrk)")
    targets = {t: t for t in TARGETS}
    if args.baseline_src:
        targets["baseline"] = f"baseline={os.path.abspath(args.baseline_src)}"
    answers = {t: _answer(served, args.backend) for t, served in targets.items()}
    if len({repr(a) for a in answers.values()}) != 1:
        sys.exit(f"the servers answer differently: {answers}")
    print(f"all answer {answers['raw'][0]} {answers['raw'][2].decode()}", flush=True)
    runs: dict[str, list[dict[str, float]]] = {t: [] for t in targets}
    print(f"load average before: {http_bench._load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        script = http_bench._lua_script(pathlib.Path(tmp))
        for round_ in range(args.rounds):
            for target, served in targets.items():
                r = http_bench.measure(
                    f"{served}:{args.backend}",
                    args.duration,
                    args.connections,
                    script,
                    server_script=__file__,
                )
                runs[target].append(r)
                print(
                    f"round {round_ + 1} {target:>8}: {r['rps']:8.0f} req/s   "
                    f"server CPU {r['cpu'] * 1e6:5.1f} us/req   load {http_bench._load()}",
                    flush=True,
                )
    cpu = {t: statistics.median(r["cpu"] for r in rs) for t, rs in runs.items()}
    rps = {t: statistics.median(r["rps"] for r in rs) for t, rs in runs.items()}
    print(f"median of {args.rounds} rounds on {args.backend}, {os.cpu_count()} CPUs:")
    for target in targets:
        print(f"{target:>8}: {rps[target]:8.0f} req/s   server CPU {cpu[target] * 1e6:5.1f} us/req")
    print(f"load average after: {http_bench._load()}")
    for target in targets:
        if target == "raw":
            continue
        overhead = (cpu[target] - cpu["raw"]) / cpu["raw"]
        print(
            f"{target} overhead: {(cpu[target] - cpu['raw']) * 1e6:+.1f} us/req = "
            f"{overhead * 100:+.1f}% of a raw listener's server CPU per request "
            f"(target < 10%); req/s ratio {target}/raw {rps[target] / rps['raw']:.2f}x"
        )


if __name__ == "__main__":
    main()
