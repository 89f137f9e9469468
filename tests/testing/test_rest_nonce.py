"""The fake REST API's `"drop_after"` fault and its `enforce_nonce` emulation (bare httpx)."""

from __future__ import annotations

import httpx
import pytest

from tests.testing.rest_helpers import bare_client, first_channel, running_fake


@pytest.mark.parametrize("tcp", [True, False], ids=["tcp", "asgi"])
async def test_drop_after_handles_the_request_then_drops_the_answer(tcp: bool) -> None:
    async with running_fake(rest_over_tcp=tcp) as fake, bare_client(fake, tcp=tcp) as c:
        channel = first_channel(fake, fake.add_guild())
        fake.rest.fail_next(1, status="drop_after")
        with pytest.raises(httpx.TransportError):
            await c.post(f"/channels/{channel}/messages", json={"content": "lost answer"})
        (record,) = fake.rest.requests
        assert record.status == -1
        assert record.json == {"content": "lost answer"}
        stored = list(fake.world.messages[int(channel)].values())
        assert [m["content"] for m in stored] == ["lost answer"]
        assert (await c.get("/users/@me")).status_code == 200


async def test_a_plain_drop_records_the_body_but_changes_nothing() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        fake.rest.fail_next(1, status="drop")
        with pytest.raises(httpx.TransportError):
            await c.post(f"/channels/{channel}/messages", json={"content": "never"})
        assert fake.rest.requests[0].json == {"content": "never"}
        assert fake.world.messages[int(channel)] == {}


async def test_enforced_nonce_returns_the_first_message_without_a_second_event() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        url = f"/channels/{channel}/messages"
        body = {"content": "a", "nonce": 17, "enforce_nonce": True}
        first = (await c.post(url, json=body)).json()
        # An int nonce and its decimal string are the same nonce.
        again = (await c.post(url, json={**body, "content": "b", "nonce": "17"})).json()
        assert again == first
        assert first["nonce"] == 17
        assert "enforce_nonce" not in first
        creates = [e for e in fake.world.events if e[0] == "MESSAGE_CREATE"]
        assert len(creates) == 1
        assert len(fake.world.messages[int(channel)]) == 1


async def test_enforced_nonces_are_per_author() -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        world = fake.world
        channel = first_channel(fake, fake.add_guild())
        theirs = world.add_message(channel, "theirs", nonce="n")
        world.remember_nonce(theirs, "n", 0.0)
        assert world.message_by_nonce(theirs["author"]["id"], "n", 1.0) is theirs
        assert world.message_by_nonce(world.bot_user["id"], "n", 1.0) is None
        assert world.message_by_nonce(theirs["author"]["id"], "n", world.nonce_window) is None
        assert world.nonces == {}
