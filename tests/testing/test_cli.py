"""`python -m anycord.testing serve` prints working URLs and stops on Ctrl-C."""

from __future__ import annotations

import signal
import sys

import anyio
import httpx
import pytest


# The server runs in a child process (asyncio); the parent's backend does not change what
# is tested, and a process start costs ~1 s, so one backend is enough.
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_serve_prints_urls_and_answers() -> None:
    cmd = [sys.executable, "-m", "anycord.testing", "serve", "--guilds", "1"]
    async with await anyio.open_process(cmd) as proc:
        assert proc.stdout is not None
        lines: dict[str, str] = {}
        buffer = b""
        with anyio.fail_after(20):
            while len(lines) < 4:
                buffer += await proc.stdout.receive()
                for line in buffer.decode().splitlines():
                    key, sep, value = line.partition(":")
                    if sep and key in ("REST URL", "Gateway URL", "Bot token", "Public key"):
                        lines[key] = value.strip()
            headers = {"Authorization": f"Bot {lines['Bot token']}"}
            async with httpx.AsyncClient(base_url=lines["REST URL"], headers=headers) as c:
                body = (await c.get("/gateway/bot")).json()
                assert body["url"] == lines["Gateway URL"]
                assert len((await c.get("/users/@me/guilds")).json()) == 1
            proc.send_signal(signal.SIGINT)
            assert await proc.wait() == 0
        assert len(bytes.fromhex(lines["Public key"])) == 32
