"""One world: REST mutations become gateway dispatches (world listeners and a real socket)."""

from __future__ import annotations

import typing

import anyio

from tests.testing.gateway_client import BareClient
from tests.testing.rest_helpers import bare_client, first_channel, running_fake


async def test_rest_changes_are_emitted_to_world_listeners() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(members=1)
        gid = guild["id"]
        channel = first_channel(fake, guild)
        seen: list[tuple[str, typing.Any, int | None]] = []
        fake.world.listeners.append(lambda name, payload, g: seen.append((name, payload, g)))
        msg = (await c.post(f"/channels/{channel}/messages", json={"content": "hi"})).json()
        role = (await c.post(f"/guilds/{gid}/roles", json={"name": "mods"})).json()
        await c.patch(
            f"/guilds/{gid}/roles/{role['id']}", json={"name": "admins", "permissions": "8"}
        )
        await c.put(f"/channels/{channel}/messages/{msg['id']}/reactions/%E2%9C%85/@me")
        await c.patch(f"/channels/{channel}", json={"name": "renamed"})
        await c.delete(f"/channels/{channel}/messages/{msg['id']}")
        names = [name for name, _, _ in seen]
        assert names == [
            "MESSAGE_CREATE",
            "GUILD_ROLE_CREATE",
            "GUILD_ROLE_UPDATE",
            "MESSAGE_REACTION_ADD",
            "CHANNEL_UPDATE",
            "MESSAGE_DELETE",
        ]
        assert all(g == int(gid) for _, _, g in seen)
        created = seen[0][1]
        assert (created["content"], created["guild_id"], created["id"]) == ("hi", gid, msg["id"])
        assert "member" in created
        update = seen[2][1]
        assert update == {
            "guild_id": gid,
            "role": {**update["role"], "name": "admins", "permissions": "8"},
        }
        reaction = seen[3][1]
        assert reaction["emoji"] == {"id": None, "name": "✅"}
        assert reaction["user_id"] == fake.bot_user["id"]


async def test_message_created_over_rest_arrives_on_the_gateway() -> None:
    async with running_fake(rest_over_tcp=True) as fake, bare_client(fake) as c:
        guild = fake.add_guild(name="g")
        channel = first_channel(fake, guild)
        gateway_url = (await c.get("/gateway/bot")).json()["url"]
        ws = await BareClient.connect(gateway_url)
        try:
            with anyio.fail_after(5):
                await ws.recv_until(10)
                await ws.identify(fake.token)
                await ws.recv_until(0, "READY")
                await ws.recv_until(0, "GUILD_CREATE")
                await c.post(f"/channels/{channel}/messages", json={"content": "to myself"})
                event = await ws.recv_until(0, "MESSAGE_CREATE")
                assert event["d"]["content"] == "to myself"
                assert event["d"]["guild_id"] == guild["id"]
                # A scripted user's message reaches the bot too.
                fake.add_message(channel, "from a user")
                event = await ws.recv_until(0, "MESSAGE_CREATE")
                assert event["d"]["content"] == "from a user"
                assert event["d"]["author"]["bot"] is False
        finally:
            await ws.drop()
