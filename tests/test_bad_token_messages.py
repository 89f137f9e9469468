"""A bad bot token gets an error that says to check the token, and never shows it.

From REST (a 401 on the first call) and from the gateway (close 4004), against FakeDiscord.
Today's main said "401 401: Unauthorized for …" and "…code 4004 AUTHENTICATION_FAILED:
Authentication failed." with no hint.
"""

from __future__ import annotations

import anyio
import pytest

from anycord import errors
from anycord.gateway import GatewayShard
from anycord.rest.client import RESTClient
from anycord.testing import FakeDiscord
from tests.gateway.conftest import INTENTS, RecordingSink

BAD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe." + "x" * 30


async def test_rest_says_to_check_the_token() -> None:
    async with FakeDiscord() as fake, RESTClient(BAD, rest_url=fake.rest_url) as rest:
        with pytest.raises(errors.UnauthorizedError) as caught:
            await rest.fetch_my_user()
    text = str(caught.value)
    assert text.startswith("401 Unauthorized for ")
    assert "401 401" not in text
    assert "check the token" in text
    assert BAD not in text
    assert BAD not in repr(caught.value)


async def test_the_gateway_says_to_check_the_token() -> None:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        shard = GatewayShard(token=BAD, url=fake.gateway.url, intents=INTENTS, sink=RecordingSink())
        with anyio.fail_after(60), pytest.raises(errors.GatewayFatalCloseError) as caught:
            await shard.run()
    text = str(caught.value)
    assert caught.value.code == 4004
    assert "check the bot token" in text
    assert BAD not in text
    assert "x" * 30 not in repr(caught.value)
