"""A built-in interaction server in a process allowed few open files (run by a test).

    python -m tests.interactions.fd_limited_server BACKEND NOFILE REQUEST_TIMEOUT

Lowers `RLIMIT_NOFILE` to NOFILE, serves on 127.0.0.1 with the server's defaults (so the
connection cap is the default one) and prints the port. Its one listener opens a file on
every interaction, as a bot does when it calls Discord or sends a file: if idle connections
have taken every descriptor, the listener fails (500) instead of answering 200. It stops
when its stdin closes.
"""

from __future__ import annotations

import functools
import os
import resource
import sys

import anyio

from anycord.interactions.asgi import AsgiAdapter
from anycord.interactions.builders import InteractionMessageBuilder, ResponseType
from anycord.interactions.http11 import serve_http11
from anycord.interactions.server import InteractionServer
from anycord.interactions.serving import bind_sockets
from tests.interactions.signing import PUBLIC_KEY_HEX, FakeCommand, fake_decoder


async def open_a_file(interaction: FakeCommand) -> InteractionMessageBuilder:
    os.close(os.open(os.devnull, os.O_RDONLY))
    return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="pong")


async def main(request_timeout: float) -> None:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
    server.set_listener(FakeCommand, open_a_file)
    sockets = bind_sockets(host="127.0.0.1", port=0)
    print(sockets[0].getsockname()[1], flush=True)

    async def stdin_closed() -> None:
        await anyio.to_thread.run_sync(sys.stdin.read)

    await serve_http11(
        AsgiAdapter(server),
        sockets=sockets,
        shutdown_trigger=stdin_closed,
        request_timeout=request_timeout,
        shutdown_timeout=1.0,
    )


if __name__ == "__main__":
    backend, nofile, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))
    anyio.run(functools.partial(main, timeout), backend=backend)
