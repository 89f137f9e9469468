"""Fixtures for the REST tests: virtual time, and FakeDiscord's REST app served in process."""

from __future__ import annotations

import typing

import httpx
import pytest

from anycord.rest.client import RESTClient
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

REST_URL = "http://fake.test/api/v10"


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    """Both backends, with virtual time: rate-limit windows and backoff pass instantly."""
    return request.param


class Fake:
    """FakeDiscord's world and REST app, reachable through `httpx.ASGITransport`."""

    def __init__(self) -> None:
        self.world = World()
        self.rest = FakeRestApp(self.world)
        self.token = self.world.token
        self.guild = self.world.add_guild(name="g")
        self.channels = [self.world.add_channel(self.guild["id"]) for _ in range(10)]

    def transport(self) -> httpx.ASGITransport:
        return httpx.ASGITransport(app=self.rest)

    def client(self, token: typing.Any = None, **kwargs: typing.Any) -> RESTClient:
        return RESTClient(
            self.token if token is None else token,
            rest_url=REST_URL,
            transport=self.transport(),
            **kwargs,
        )


@pytest.fixture
def fake() -> Fake:
    return Fake()


@pytest.fixture
async def rest(fake: Fake) -> AsyncIterator[RESTClient]:
    async with fake.client() as client:
        yield client
