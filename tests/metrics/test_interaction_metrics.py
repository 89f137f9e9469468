"""A RESTBot's interaction families move with FakeDiscord's signed requests, on both HTTP
servers, and no interaction token or id reaches the exposition."""

from __future__ import annotations

import functools
import typing

import anyio
import httpx
import pytest
from prometheus_client import CollectorRegistry

import anycord.metrics
from anycord.bots.rest_bot import RESTBot
from anycord.interactions import InteractionMessageBuilder, ResponseType
from anycord.models.interactions import CommandInteraction
from anycord.testing import FakeDiscord
from tests.metrics.scrape import Scrape

if typing.TYPE_CHECKING:
    from anycord.interactions.builders import InteractionResponseBuilder


@pytest.fixture(params=["builtin", "hypercorn"])
def http_server(request: pytest.FixtureRequest) -> typing.Literal["builtin", "hypercorn"]:
    return typing.cast("typing.Literal['builtin', 'hypercorn']", request.param)


async def hello(interaction: CommandInteraction) -> InteractionResponseBuilder:
    return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="hi")


async def test_requests_by_status_signature_failures_and_response_time(
    http_server: typing.Literal["builtin", "hypercorn"],
) -> None:
    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url, logs=None)
        bot.set_listener(CommandInteraction, hello)
        registry = CollectorRegistry()
        anycord.metrics.install(bot, registry)
        it = fake.interactions
        command = it.command("hello")
        async with anyio.create_task_group() as tg:
            start = functools.partial(bot.start, host="127.0.0.1", port=0, http_server=http_server)
            with anyio.fail_after(10):
                await tg.start(start)
            url = bot.addresses[0] + "/"
            assert (await it.send(url, it.ping())).status == 200
            assert (await it.send(url, command)).status == 200
            refused = await it.send(url, it.command("hello"), bad_signature=True, check=False)
            assert refused.status == 401
            async with httpx.AsyncClient() as client:
                assert (await client.get(url)).status_code == 405
                unsigned = await client.post(
                    url, content=b"{}", headers={"content-type": "application/json"}
                )
                assert unsigned.status_code == 401
            scrape = Scrape(registry)
            await bot.close()

        assert scrape.value("anycord_interaction_requests_total", status="200") == 2
        assert scrape.value("anycord_interaction_requests_total", status="401") == 2
        assert scrape.value("anycord_interaction_requests_total", status="405") == 1
        assert scrape.value("anycord_interaction_signature_failures_total") == 2
        # Three signed bodies reached the server (ping, command, the bad signature).
        assert scrape.value("anycord_interaction_response_seconds_count") == 3
        assert scrape.value("anycord_interaction_response_seconds_sum") > 0
        # The RESTBot's REST client is read while it runs (it made no call here).
        assert scrape.labels("anycord_rest_requests_total", "route") == set()
        for secret in (fake.token, command["token"], command["id"], command["application_id"]):
            assert str(secret) not in scrape.text
