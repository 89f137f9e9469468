"""A real redis-server on loopback for the orchestrator tests (installed by .ci/run)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.orchestrator.tls_certs import TLSFiles


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int, tls: TLSFiles | None) -> bool:
    try:
        with contextlib.ExitStack() as stack:
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=0.2))
            if tls is not None:
                context = ssl.create_default_context(cafile=tls.ca_cert)
                context.load_cert_chain(tls.client_cert, tls.client_key)
                sock = stack.enter_context(context.wrap_socket(sock, server_hostname="127.0.0.1"))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def redis_server(tls: TLSFiles | None = None, port: int | None = None) -> Iterator[str]:
    """Start `redis-server` on a free loopback port (or `port`); yields its `redis://` URL.

    With `tls`, the server listens only for TLS and requires a client certificate signed by
    the CA; the URL is then `rediss://`.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed (.ci/run installs Debian's redis-server)")
    port = port or _free_port()
    listen = ["--port", str(port)]
    if tls is not None:
        listen = [
            "--port",
            "0",
            "--tls-port",
            str(port),
            "--tls-cert-file",
            tls.server_cert,
            "--tls-key-file",
            tls.server_key,
            "--tls-ca-cert-file",
            tls.ca_cert,
            "--tls-auth-clients",
            "yes",
        ]
    with tempfile.TemporaryDirectory() as workdir:
        proc = subprocess.Popen(
            [
                binary,
                *listen,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                workdir,
                "--protected-mode",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 10
            while not _answers(port, tls):
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("redis-server did not start")
                time.sleep(0.05)
            yield f"{'redis' if tls is None else 'rediss'}://127.0.0.1:{port}/0"
        finally:
            proc.terminate()
            proc.wait(timeout=10)
