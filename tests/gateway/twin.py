"""A minimal server-side twin of Discord's gateway protocol, sans-IO, for protocol tests.

It answers the client's frames the way Discord does (HELLO, READY, RESUMED with a replay,
heartbeat ACKs, op 7 / op 9) and compresses with zlib-stream or zstd-stream, so a client
`GatewayProtocol` can be driven against it with no sockets and a hand-moved clock.
"""

from __future__ import annotations

import typing

import orjson

from anycord.testing.gateway_core import make_deflater


class ServerTwin:
    def __init__(self, compress: str | None = "zlib-stream", *, interval_ms: int = 41250) -> None:
        self.compress = compress
        self.interval_ms = interval_ms
        self.session_id = "sess-1"
        self.seq = 0
        self.log: list[tuple[int, str, dict[str, typing.Any]]] = []
        self.received: list[dict[str, typing.Any]] = []
        self.acks = True
        self.new_connection()

    def new_connection(self) -> None:
        self._deflater = make_deflater(self.compress)

    def _out(self, payload: dict[str, typing.Any]) -> bytes | str:
        raw = orjson.dumps(payload)
        if self._deflater is None:
            return raw.decode()
        return self._deflater.compress(raw)

    def hello(self) -> bytes | str:
        return self._out(
            {"op": 10, "d": {"heartbeat_interval": self.interval_ms}, "s": None, "t": None}
        )

    def dispatch(self, name: str, data: dict[str, typing.Any]) -> bytes | str:
        self.seq += 1
        self.log.append((self.seq, name, data))
        return self._out({"op": 0, "t": name, "s": self.seq, "d": data})

    def frame(self, op: int, d: object = None) -> bytes | str:
        return self._out({"op": op, "d": d, "s": None, "t": None})

    def handle(self, frame: bytes) -> list[bytes | str]:
        """Answer one client frame."""
        payload = orjson.loads(frame)
        self.received.append(payload)
        op, d = payload["op"], payload["d"]
        if op == 1:
            return [self.frame(11)] if self.acks else []
        if op == 2:
            self.seq = 0
            self.log.clear()
            ready = {
                "v": 10,
                "session_id": self.session_id,
                "resume_gateway_url": "wss://resume.example",
                "user": {"id": "1"},
                "guilds": [],
            }
            return [self.dispatch("READY", ready)]
        if op == 6:
            assert d["session_id"] == self.session_id
            replay = [
                self._out({"op": 0, "t": n, "s": s, "d": data})
                for s, n, data in self.log
                if s > d["seq"]
            ]
            return [*replay, self.dispatch("RESUMED", {})]
        return []
