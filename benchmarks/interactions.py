"""Interaction server throughput: anycord's RESTBot against hikari's, same load, one run.

Each server runs in its own child process on loopback and answers a slash command with a
message. `wrk` replays one pre-signed APPLICATION_COMMAND request (Discord signs
`timestamp + body`, so a fixed pair verifies every time: the servers do the full Ed25519 check
on every request) over 32 keep-alive connections, and reports requests/s, latency
percentiles and the server's CPU time per request (its own and its children's).

anycord's RESTBot runs with its defaults: on a machine with two or more CPUs it checks
signatures in a helper process (`anycord.interactions.verifier`); the `-inline` targets turn
that off, to show what one thread does on its own. hikari checks them inline.

    python benchmarks/interactions.py                 # 10 s per server, every target
    python benchmarks/interactions.py --duration 5 --targets anycord-asyncio hikari

Needs `wrk` on PATH (apt install wrk) and hikari installed (dev extra).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import nacl.signing
import orjson

SEED = b"\x42" * 32
TIMESTAMP = "1700000000"
BODY = orjson.dumps(
    {
        "id": "1234567890123456789",
        "application_id": "1234567890123456780",
        "type": 2,
        "token": "a" * 160,
        "version": 1,
        "channel_id": "1234567890123456781",
        "channel": {
            "id": "1234567890123456781",
            "type": 1,
            "last_message_id": None,
            "flags": 0,
            "permissions": "0",
            "recipients": [
                {"id": "1234567890123456782", "username": "someone", "discriminator": "0"}
            ],
        },
        "app_permissions": "0",
        "locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"1": "1234567890123456782"},
        "context": 1,
        "attachment_size_limit": 10485760,
        "data": {"id": "1234567890123456783", "name": "ping", "type": 1},
        "user": {
            "id": "1234567890123456782",
            "username": "someone",
            "discriminator": "0",
            "global_name": "Someone",
            "avatar": None,
            "public_flags": 0,
        },
    }
)


def _keys() -> tuple[str, str]:
    key = nacl.signing.SigningKey(SEED)
    signature = key.sign(TIMESTAMP.encode() + BODY).signature.hex()
    return key.verify_key.encode().hex(), signature


# -- servers (child processes) ---------------------------------------------------------------


def serve_anycord(port: int, backend: str, *, verifier_process: bool | None = None) -> None:
    import anycord.bots.rest_bot as rest_bot
    from anycord.interactions import InteractionMessageBuilder, ResponseType
    from anycord.models.interactions import CommandInteraction

    public_key, _ = _keys()
    bot = rest_bot.RESTBot(
        "benchmark-token", "Bot", public_key=public_key, verifier_process=verifier_process
    )

    async def on_command(interaction: CommandInteraction) -> InteractionMessageBuilder:
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="pong")

    bot.set_listener(CommandInteraction, on_command)
    bot.run("127.0.0.1", port, backend=backend, shutdown_timeout=1.0)  # type: ignore[arg-type]


def serve_hikari(port: int) -> None:
    import hikari

    public_key, _ = _keys()
    bot = hikari.RESTBot(
        "benchmark-token", "Bot", public_key=public_key, logs="WARNING", banner=None
    )

    async def on_command(interaction: hikari.CommandInteraction):  # type: ignore[no-untyped-def]
        return interaction.build_response().set_content("pong")

    bot.set_listener(hikari.CommandInteraction, on_command)
    bot.run(host="127.0.0.1", port=port, check_for_updates=False, shutdown_timeout=1.0)


# -- driver --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not come up")


def _lua_script(directory: pathlib.Path) -> pathlib.Path:
    _, signature = _keys()
    script = directory / "post.lua"
    body = BODY.decode().replace("\\", "\\\\").replace('"', '\\"')
    script.write_text(
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["X-Signature-Ed25519"] = "{signature}"\n'
        f'wrk.headers["X-Signature-Timestamp"] = "{TIMESTAMP}"\n'
    )
    return script


def _seconds(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        raise ValueError(value)
    number, unit = float(match[1]), match[2]
    return number * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def _check_answer(port: int) -> None:
    import httpx

    _, signature = _keys()
    response = httpx.post(
        f"http://127.0.0.1:{port}/",
        content=BODY,
        headers={
            "content-type": "application/json",
            "x-signature-ed25519": signature,
            "x-signature-timestamp": TIMESTAMP,
        },
    )
    assert response.status_code == 200, response.text
    answer = orjson.loads(response.content)
    assert answer["type"] == 4, response.text
    assert answer["data"]["content"] == "pong", response.text


def measure(
    target: str,
    duration: float,
    connections: int,
    script: pathlib.Path,
    *,
    server_script: str = __file__,
) -> dict[str, float]:
    """Serve `target` from `server_script --serve target --port N` and load it with wrk."""
    port = _free_port()
    command = [sys.executable, server_script, "--serve", target, "--port", str(port)]
    env = {**os.environ, "PYTHONOPTIMIZE": "1"}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port)
        _check_answer(port)
        # A short warm-up, then the measured run.
        subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                "-d2s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}/",
            ],
            check=True,
            capture_output=True,
        )
        cpu_before = _cpu_seconds(server.pid)
        steal_before = _steal_jiffies()
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{int(duration)}s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}/",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        cpu = _cpu_seconds(server.pid) - cpu_before
        steal_after = _steal_jiffies()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if "Non-2xx" in out:
        raise RuntimeError(f"{target} answered errors:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    # The latency distribution's own lines ("     99%    8.91ms"), not a stdev column.
    p50 = _seconds(re.search(r"^\s+50%\s+(\S+)\s*$", out, re.MULTILINE)[1])  # type: ignore[index]
    p99 = _seconds(re.search(r"^\s+99%\s+(\S+)\s*$", out, re.MULTILINE)[1])  # type: ignore[index]
    done = int(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    steal = (steal_after[0] - steal_before[0]) / max(steal_after[1] - steal_before[1], 1)
    return {"rps": rps, "p50": p50, "p99": p99, "cpu": cpu / max(done, 1), "steal": steal}


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the process and its live children, such as anycord's
    signature verifier (Linux `/proc`; 0 elsewhere): the whole server's cost per request."""
    try:
        fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [
            int(c)
            for task in pathlib.Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()
        ]
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_seconds(c) for c in children)


def _steal_jiffies() -> tuple[int, int]:
    """(steal, total) jiffies over all CPUs (Linux `/proc/stat`; zeros elsewhere). Steal is
    time a virtual machine's CPUs wanted to run but the host ran something else."""
    try:
        fields = [int(f) for f in pathlib.Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def _load() -> str:
    try:
        return " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


TARGETS = (
    "anycord-asyncio",
    "anycord-trio",
    "anycord-asyncio-inline",
    "anycord-trio-inline",
    "hikari",
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--targets",
        nargs="+",
        default=list(TARGETS),
        choices=TARGETS,
        help="the -inline variants check signatures on the event loop's thread",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating rounds; the median is kept"
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        if args.serve == "hikari":
            serve_hikari(args.port)
        else:
            backend, _, variant = args.serve.removeprefix("anycord-").partition("-")
            serve_anycord(args.port, backend, verifier_process=False if variant else None)
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk is not on PATH (apt install wrk)")
    runs: dict[str, list[dict[str, float]]] = {t: [] for t in args.targets}
    print(f"load average before: {_load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        script = _lua_script(pathlib.Path(tmp))
        # Targets alternate round by round so a noisy neighbour hurts them alike.
        for round_ in range(args.rounds):
            for target in args.targets:
                r = measure(target, args.duration, args.connections, script)
                runs[target].append(r)
                print(
                    f"round {round_ + 1} {target:>22}: {r['rps']:8.0f} req/s   "
                    f"p50 {r['p50'] * 1e3:6.2f} ms   p99 {r['p99'] * 1e3:6.2f} ms   "
                    f"server CPU {r['cpu'] * 1e6:4.0f} us/req   "
                    f"CPU steal {r['steal'] * 100:3.0f}%   load {_load()}",
                    flush=True,
                )
    results = {
        t: {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50", "p99", "cpu")}
        for t, rs in runs.items()
    }
    print(
        f"median of {args.rounds} rounds, {args.connections} connections, "
        f"{os.cpu_count()} CPUs, load average now {_load()} (1, 5, 15 min):"
    )
    for target, r in results.items():
        print(
            f"{target:>22}: {r['rps']:8.0f} req/s   p50 {r['p50'] * 1e3:6.2f} ms   "
            f"p99 {r['p99'] * 1e3:6.2f} ms   server CPU {r['cpu'] * 1e6:4.0f} us/req"
        )
    if "hikari" in results:
        base = results["hikari"]
        for target, r in results.items():
            if target != "hikari":
                print(
                    f"{target} / hikari: {r['rps'] / base['rps']:.2f}x req/s, "
                    f"p99 {r['p99'] / base['p99']:.2f}x, "
                    f"server CPU per request {r['cpu'] / base['cpu']:.2f}x"
                )


if __name__ == "__main__":
    main()
