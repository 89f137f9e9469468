"""The optional replay guard: a signed request whose timestamp is too far from now is 401.

Off by default (a validly signed request from 2023 is answered, as the benchmark's is);
with `max_timestamp_skew`, the same bytes are refused, inline and through the verifier
helper process, and over HTTP the same way from `RESTBot` (both servers) and `AsgiBot`.
"""

from __future__ import annotations

import time
import typing

import httpx
import orjson
import pytest

from anycord.bots.asgi_bot import AsgiBot
from anycord.bots.rest_bot import RESTBot
from anycord.interactions.server import InteractionServer
from tests.interactions.signing import PUBLIC_KEY_HEX, sign

PING = orjson.dumps({"type": 1, "id": "1", "application_id": "2", "token": "t", "version": 1})


def headers(age: float) -> dict[str, str]:
    signature, timestamp = sign(PING, str(int(time.time() - age)))
    return {
        "content-type": "application/json",
        "x-signature-ed25519": signature,
        "x-signature-timestamp": timestamp,
    }


async def answer(server: InteractionServer, age: float, timestamp: str | None = None) -> int:
    signature, stamp = sign(PING, timestamp or str(int(time.time() - age)))
    response = await server.on_interaction(PING, bytes.fromhex(signature), stamp.encode())
    return response.status_code


async def test_off_by_default_an_old_signed_request_is_answered() -> None:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX)
    assert server.max_timestamp_skew is None
    assert await answer(server, 3 * 365 * 86400) == 200


@pytest.mark.parametrize("verifier_process", [False, True])
async def test_with_a_skew_stale_and_future_requests_are_401(verifier_process: bool) -> None:
    server = InteractionServer(
        public_key=PUBLIC_KEY_HEX, max_timestamp_skew=300, verifier_process=verifier_process
    )
    async with server.run():
        if verifier_process:
            assert server.verifier is not None
        assert await answer(server, 0) == 200
        assert await answer(server, 290) == 200
        assert await answer(server, -290) == 200
        assert await answer(server, 310) == 401
        assert await answer(server, -310) == 401
        assert await answer(server, 0, timestamp="17e8") == 401
        assert await answer(server, 0, timestamp="9" * 40) == 401


def test_the_skew_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_timestamp_skew"):
        InteractionServer(public_key=PUBLIC_KEY_HEX, max_timestamp_skew=0)


@pytest.mark.parametrize("http_server", ["builtin", "hypercorn"])
async def test_restbot_refuses_a_replayed_request(http_server: typing.Any) -> None:
    bot = RESTBot(
        "token",
        public_key=PUBLIC_KEY_HEX,
        max_timestamp_skew=60,
        verifier_process=False,
        rest_url="http://127.0.0.1:9",
        logs=None,
    )
    assert bot.interaction_server.max_timestamp_skew == 60
    async with bot_running(bot, http_server) as url, httpx.AsyncClient() as client:
        fresh = await client.post(url, content=PING, headers=headers(0))
        stale = await client.post(url, content=PING, headers=headers(120))
    assert (fresh.status_code, stale.status_code) == (200, 401)


async def test_asgibot_refuses_a_replayed_request() -> None:
    bot = AsgiBot(
        "token",
        public_key=PUBLIC_KEY_HEX,
        max_timestamp_skew=60,
        asgi_managed=False,
        rest_url="http://127.0.0.1:9",
        logs=None,
    )
    transport = httpx.ASGITransport(app=bot)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
        fresh = await client.post("/", content=PING, headers=headers(0))
        stale = await client.post("/", content=PING, headers=headers(120))
    assert (fresh.status_code, stale.status_code) == (200, 401)


def bot_running(bot: RESTBot, http_server: typing.Any) -> typing.Any:
    import contextlib
    import functools

    import anyio

    @contextlib.asynccontextmanager
    async def running() -> typing.AsyncIterator[str]:
        async with anyio.create_task_group() as tg:
            await tg.start(functools.partial(bot.start, "127.0.0.1", 0, http_server=http_server))
            try:
                yield bot.addresses[0] + "/"
            finally:
                await bot.close()

    return running()
