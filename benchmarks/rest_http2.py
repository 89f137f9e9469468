"""Does HTTP/2 make a REST request cheaper for the client? HTTP/2 against HTTP/1.1, over TLS.

One hypercorn server in a process of its own (pinned to its own core where the machine has
two) serves canned Discord-shaped JSON over TLS with ALPN offering `h2` and `http/1.1`, from
a self-signed certificate made for the run. Three clients send the same GET at
concurrency 1, 10 and 50: anycord's own HTTP/1.1 transport (`AnycordTransport.request`, the
path `RESTClient` takes), httpx over HTTP/1.1 (httpcore + h11) and httpx over HTTP/2
(httpcore + h2, every request a stream on one connection). It prints the client process's
CPU time per request and requests per second, medians of `--rounds`, each round running
every client once per concurrency in turn (a shared machine's noise falls on all alike).
Benchmarks are not timed tests.

Run: `python benchmarks/rest_http2.py [--rounds 3] [--scale 1.0]`.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import ipaddress
import multiprocessing
import os
import socket
import ssl
import statistics
import tempfile
import time
import typing

import anyio
import httpx
import orjson
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from anycord.config import HTTPSettings
from anycord.rest.transport import AnycordTransport
from anycord.testing.world import World
from rest import _drive  # the overhead scenario's driver (this directory is on sys.path)

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

CLIENTS = ("anycord-http1.1", "httpx-http1.1", "httpx-http2")
CONCURRENCY = (1, 10, 50)
PATH = "/api/v10/channels/1578695445264338947/messages/1578695445264338949"


def _certificate(directory: str) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1: (certificate path, key path)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as out:
        out.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as out:
        out.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return cert_path, key_path


def _canned_message() -> bytes:
    world = World()
    guild = world.add_guild(name="bench")
    channel = world.add_channel(guild["id"])
    return orjson.dumps(world.add_message(channel["id"], content="hello world", emit=False))


def _serve(port: int, cert: str, key: str, ready: typing.Any, core: int | None) -> None:
    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    if core is not None:
        os.sched_setaffinity(0, {core})
    body = _canned_message()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-ratelimit-bucket", b"80c17d2f203122d936070c88c8d10f33"),
        (b"x-ratelimit-limit", b"100000"),
        (b"x-ratelimit-remaining", b"99999"),
        (b"x-ratelimit-reset-after", b"1.000"),
    ]

    async def app(scope: dict[str, typing.Any], receive: typing.Any, send: typing.Any) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.certfile, config.keyfile = cert, key
    config.alpn_protocols = ["h2", "http/1.1"]
    config.accesslog = config.errorlog = None
    config.keep_alive_timeout = 60.0
    config.keep_alive_max_requests = 10**9

    async def main() -> None:
        ready.set()
        await serve(app, config)  # type: ignore[arg-type]

    asyncio.run(main())


Get = typing.Callable[[], typing.Awaitable[object]]


def _context(cert: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=cert)


async def _measure(
    client: str, url: str, cert: str, concurrency: int, count: int
) -> tuple[float, float, str]:
    verify = _context(cert)
    get: Callable[[], Awaitable[object]]
    version = "HTTP/1.1"
    if client == "anycord-http1.1":
        transport = AnycordTransport(HTTPSettings(ssl=verify))

        async def get() -> object:
            response = await transport.request("GET", url, headers={"Authorization": "Bot x"})
            return orjson.loads(response.content)

        closer: typing.Any = transport
    else:
        http2 = client == "httpx-http2"
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=concurrency)
        http = httpx.AsyncClient(verify=verify, http1=not http2, http2=http2, limits=limits)

        async def get() -> object:
            nonlocal version
            response = await http.get(url, headers={"Authorization": "Bot x"})
            version = response.http_version
            return orjson.loads(response.content)

        closer = http

    try:
        await _drive(get, concurrency, min(count, 4 * concurrency))
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        await _drive(get, concurrency, count)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        await closer.aclose()
    return cpu / count * 1e6, count / wall, version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds (medians)")
    parser.add_argument("--scale", type=float, default=1.0, help="request counts x")
    args = parser.parse_args()
    cores = sorted(os.sched_getaffinity(0))
    server_core, client_core = (cores[0], cores[1]) if len(cores) > 1 else (None, None)
    with tempfile.TemporaryDirectory() as directory:
        cert, key = _certificate(directory)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        context = multiprocessing.get_context("spawn")
        ready = context.Event()
        server = context.Process(
            target=_serve, args=(port, cert, key, ready, server_core), daemon=True
        )
        server.start()
        ready.wait(10)
        time.sleep(1.0)
        if client_core is not None:
            os.sched_setaffinity(0, {client_core})
        url = f"https://127.0.0.1:{port}{PATH}"
        results: dict[tuple[str, int], list[tuple[float, float]]] = {}
        versions: dict[str, str] = {}
        try:
            for _ in range(args.rounds):
                for concurrency in CONCURRENCY:
                    count = int(args.scale * (500 if concurrency == 1 else 1500))
                    for client in CLIENTS:
                        cpu, rps, version = anyio.run(
                            _measure, client, url, cert, concurrency, count
                        )
                        versions[client] = version
                        results.setdefault((client, concurrency), []).append((cpu, rps))
        finally:
            server.kill()
    print(f"\nGET over TLS to hypercorn on loopback; medians of {args.rounds} rounds")
    print(
        f"{'client':<17} {'version':<9} {'conc':>4} {'cpu us/req':>10} {'req/s':>7} {'x anycord':>9}"
    )
    for concurrency in CONCURRENCY:
        base = statistics.median(c for c, _ in results["anycord-http1.1", concurrency])
        for client in CLIENTS:
            samples = results[client, concurrency]
            cpu = statistics.median(c for c, _ in samples)
            rps = statistics.median(r for _, r in samples)
            print(
                f"{client:<17} {versions[client]:<9} {concurrency:>4} {cpu:>10.0f} {rps:>7.0f} "
                f"{cpu / base:>9.2f}"
            )


if __name__ == "__main__":
    main()
