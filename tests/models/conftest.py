"""Fixtures for model method tests: FakeDiscord's world and REST app in process (one guild,
ten channels: `tests.rest.conftest.Fake`) and a REST client entered on it."""

from __future__ import annotations

import typing

import pytest

from tests.rest.conftest import Fake

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anycord.rest.client import RESTClient


@pytest.fixture
def fake() -> Fake:
    return Fake()


@pytest.fixture
async def rest(fake: Fake) -> AsyncIterator[RESTClient]:
    async with fake.client() as client:
        yield client
