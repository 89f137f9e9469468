"""The throwaway TLS material for the `rediss://` tests: a CA, a server certificate for
127.0.0.1 and a client certificate, committed under tests/data/tls/ (see make_certs.py there)."""

from __future__ import annotations

import pathlib

import attrs

TLS_DIR = pathlib.Path(__file__).resolve().parents[1] / "data" / "tls"


@attrs.frozen
class TLSFiles:
    ca_cert: str
    server_cert: str
    server_key: str
    client_cert: str
    client_key: str


def load_tls_files() -> TLSFiles:
    """Paths of the committed PEM files."""
    return TLSFiles(
        ca_cert=str(TLS_DIR / "ca.pem"),
        server_cert=str(TLS_DIR / "server.pem"),
        server_key=str(TLS_DIR / "server-key.pem"),
        client_cert=str(TLS_DIR / "client.pem"),
        client_key=str(TLS_DIR / "client-key.pem"),
    )
