"""One world, not two fakes: FakeDiscord's REST side and gateway, driven by httpx and wsproto."""

from __future__ import annotations

import anyio
import httpx
import pytest

from anycord.intents import Intents
from anycord.testing import fake as fake_module
from tests.testing.gateway_client import BareClient
from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def test_rest_changes_arrive_on_the_gateway_and_gateway_bot_matches() -> None:
    async with fake_module.FakeDiscord(max_concurrency=2, session_start_limit=50) as fake:
        guild = fake.world.add_guild(name="g", members=1, channels=1)
        channel = next(c for c in fake.world.channels.values() if c.get("guild_id") == guild["id"])
        headers = {"Authorization": f"Bot {fake.token}", "User-Agent": "DiscordBot (x, 1)"}
        async with httpx.AsyncClient(base_url=fake.rest_url, headers=headers) as http:
            info = (await http.get("/gateway/bot")).json()
            assert info["url"] == fake.gateway_url
            assert info["shards"] == 1
            assert info["session_start_limit"]["remaining"] == 50
            assert info["session_start_limit"]["max_concurrency"] == 2

            client = await BareClient.connect(info["url"])
            await client.next()
            await client.identify(fake.token, intents=int(Intents.ALL))
            await client.recv_until(0, "READY")
            assert (await client.recv_until(0, "GUILD_CREATE"))["d"]["id"] == guild["id"]
            info = (await http.get("/gateway/bot")).json()
            assert info["session_start_limit"]["remaining"] == 49

            sent = await http.post(f"/channels/{channel['id']}/messages", json={"content": "hi"})
            assert sent.status_code == 200, sent.text
            with anyio.fail_after(10):
                event = await client.recv_until(0, "MESSAGE_CREATE")
            assert event["d"]["id"] == sent.json()["id"]
            assert event["d"]["content"] == "hi"
            assert event["d"]["guild_id"] == guild["id"]
        await client.close()
        assert fake.gateway.connections[0].received[0]["op"] == 2
