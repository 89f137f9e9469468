"""Helpers for the fake REST tests: bare httpx clients against a FakeDiscord."""

from __future__ import annotations

import contextlib
import typing

import httpx

from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["bare_client", "first_channel", "running_fake"]


@contextlib.asynccontextmanager
async def running_fake(**kwargs: typing.Any) -> AsyncIterator[FakeDiscord]:
    """A FakeDiscord for one test (REST over TCP unless `rest_over_tcp=False`)."""
    async with FakeDiscord(**kwargs) as fake:
        yield fake


def bare_client(
    fake: FakeDiscord, *, tcp: bool = True, token: str | None = None
) -> httpx.AsyncClient:
    """A plain httpx client with the fake's bot token (or `token`), over TCP or in-process."""
    headers = {"Authorization": f"Bot {token if token is not None else fake.token}"}
    if tcp:
        return httpx.AsyncClient(base_url=fake.rest_url, headers=headers)
    transport = httpx.ASGITransport(app=fake.asgi_app)
    return httpx.AsyncClient(
        base_url="http://fake.invalid/api/v10", headers=headers, transport=transport
    )


def first_channel(fake: FakeDiscord, guild: dict[str, typing.Any]) -> str:
    """The id of a guild's first text channel."""
    return str(
        next(c["id"] for c in fake.world.channels.values() if c.get("guild_id") == guild["id"])
    )
