"""The fake's stateful bans, emojis, threads, overwrites, pins, forwards, OAuth2 and multipart
fields, driven with a bare httpx client; each checks the state and the gateway dispatch."""

from __future__ import annotations

import base64
import typing

import pytest

from tests.testing.rest_helpers import bare_client, first_channel, running_fake

if typing.TYPE_CHECKING:
    from anycord.testing import FakeDiscord

PNG_URI = "data:image/png;base64,iVBORw0K"


def _events(fake: FakeDiscord, name: str) -> list[dict[str, typing.Any]]:
    return [payload for event, payload, _ in fake.world.events if event == name]


async def test_bans_remove_the_member_and_dispatch() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g", members=2)
        gid = guild["id"]
        victim = next(m["user"] for m in guild["members"] if m["user"]["id"] != fake.bot_user["id"])
        r = await c.put(
            f"/guilds/{gid}/bans/{victim['id']}",
            json={"delete_message_seconds": 60},
            headers={"X-Audit-Log-Reason": "spam%20bot"},
        )
        assert r.status_code == 204
        assert int(victim["id"]) not in fake.world.members[int(gid)]
        assert _events(fake, "GUILD_MEMBER_REMOVE")[-1]["user"]["id"] == victim["id"]
        assert _events(fake, "GUILD_BAN_ADD") == [{"guild_id": gid, "user": victim}]
        ban = (await c.get(f"/guilds/{gid}/bans/{victim['id']}")).json()
        assert ban == {"reason": "spam bot", "user": victim}
        assert (await c.get(f"/guilds/{gid}/bans")).json() == [ban]
        r = await c.put(f"/guilds/{gid}/bans/1", json={"delete_message_seconds": 10**6})
        assert r.status_code == 400
        assert (await c.delete(f"/guilds/{gid}/bans/{victim['id']}")).status_code == 204
        assert _events(fake, "GUILD_BAN_REMOVE") == [{"guild_id": gid, "user": victim}]
        r = await c.get(f"/guilds/{gid}/bans/{victim['id']}")
        assert (r.status_code, r.json()["code"]) == (404, 10026)
        other = fake.add_user()
        r = await c.post(f"/guilds/{gid}/bulk-ban", json={"user_ids": [other["id"], "1"]})
        assert r.json() == {"banned_users": [other["id"]], "failed_users": ["1"]}


async def test_emojis_crud_dispatches_the_whole_list() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        gid = fake.add_guild(name="g")["id"]
        r = await c.post(f"/guilds/{gid}/emojis", json={"name": "blob", "image": PNG_URI})
        assert r.status_code == 201
        emoji = r.json()
        assert (emoji["name"], emoji["animated"], emoji["user"]["id"]) == (
            "blob",
            False,
            fake.bot_user["id"],
        )
        assert _events(fake, "GUILD_EMOJIS_UPDATE")[-1] == {"guild_id": gid, "emojis": [emoji]}
        r = await c.patch(f"/guilds/{gid}/emojis/{emoji['id']}", json={"name": "blobby"})
        assert r.json()["name"] == "blobby"
        assert (await c.get(f"/guilds/{gid}/emojis")).json()[0]["name"] == "blobby"
        assert fake.world.guilds[int(gid)]["emojis"][0]["name"] == "blobby"
        assert (await c.post(f"/guilds/{gid}/emojis", json={"name": "x"})).status_code == 400
        assert (await c.delete(f"/guilds/{gid}/emojis/{emoji['id']}")).status_code == 204
        assert _events(fake, "GUILD_EMOJIS_UPDATE")[-1] == {"guild_id": gid, "emojis": []}
        r = await c.get(f"/guilds/{gid}/emojis/{emoji['id']}")
        assert (r.status_code, r.json()["code"]) == (404, 10014)


async def test_threads_create_join_and_list() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g")
        channel = first_channel(fake, guild)
        r = await c.post(f"/channels/{channel}/threads", json={"name": "talk", "type": 11})
        assert r.status_code == 201
        thread = r.json()
        assert (thread["type"], thread["parent_id"], thread["guild_id"]) == (
            11,
            channel,
            guild["id"],
        )
        assert thread["thread_metadata"]["archived"] is False
        created = _events(fake, "THREAD_CREATE")[-1]
        assert created["id"] == thread["id"]
        assert created["newly_created"] is True
        assert created["member"]["user_id"] == fake.bot_user["id"]
        # Started from a message: the thread takes the message's id.
        msg = (await c.post(f"/channels/{channel}/messages", json={"content": "hi"})).json()
        r = await c.post(f"/channels/{channel}/messages/{msg['id']}/threads", json={"name": "re"})
        assert r.json()["id"] == msg["id"]
        assert r.json()["type"] == 11
        r = await c.post(f"/channels/{channel}/messages/{msg['id']}/threads", json={"name": "re"})
        assert r.json()["code"] == 160004
        user = fake.add_user()
        assert (
            await c.put(f"/channels/{thread['id']}/thread-members/{user['id']}")
        ).status_code == 204
        update = _events(fake, "THREAD_MEMBERS_UPDATE")[-1]
        assert (update["member_count"], update["added_members"][0]["user_id"]) == (2, user["id"])
        assert (await c.put(f"/channels/{thread['id']}/thread-members/@me")).status_code == 204
        assert len(_events(fake, "THREAD_MEMBERS_UPDATE")) == 1  # already a member
        members = (await c.get(f"/channels/{thread['id']}/thread-members")).json()
        assert {m["user_id"] for m in members} == {fake.bot_user["id"], user["id"]}
        active = (await c.get(f"/guilds/{guild['id']}/threads/active")).json()
        assert {t["id"] for t in active["threads"]} == {thread["id"], msg["id"]}
        assert len(active["members"]) == 2
        r = await c.post(f"/channels/{channel}/threads", json={"name": "x", "type": 0})
        assert r.status_code == 400
        r = await c.put(f"/channels/{channel}/thread-members/@me")
        assert r.json()["code"] == 50024


async def test_permission_overwrites_update_the_channel() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild(name="g"))
        body = {"type": 0, "allow": "1024", "deny": "2048"}
        assert (await c.put(f"/channels/{channel}/permissions/55", json=body)).status_code == 204
        expected = [{"id": "55", "type": 0, "allow": "1024", "deny": "2048"}]
        assert fake.world.channels[int(channel)]["permission_overwrites"] == expected
        assert _events(fake, "CHANNEL_UPDATE")[-1]["permission_overwrites"] == expected
        body = {"type": 0, "allow": "0", "deny": "1"}
        await c.put(f"/channels/{channel}/permissions/55", json=body)
        assert len(fake.world.channels[int(channel)]["permission_overwrites"]) == 1
        bad = await c.put(f"/channels/{channel}/permissions/55", json={"type": 7})
        assert bad.status_code == 400
        assert (await c.delete(f"/channels/{channel}/permissions/55")).status_code == 204
        assert _events(fake, "CHANNEL_UPDATE")[-1]["permission_overwrites"] == []
        assert len(_events(fake, "CHANNEL_UPDATE")) == 3


async def test_pins_are_stateful_on_both_route_families() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g")
        channel = first_channel(fake, guild)
        ids = [
            (await c.post(f"/channels/{channel}/messages", json={"content": str(n)})).json()["id"]
            for n in range(3)
        ]
        assert (await c.put(f"/channels/{channel}/messages/pins/{ids[0]}")).status_code == 204
        assert (await c.put(f"/channels/{channel}/pins/{ids[1]}")).status_code == 204
        pins = (await c.get(f"/channels/{channel}/messages/pins", params={"limit": 1})).json()
        assert pins["has_more"] is True
        assert [i["message"]["id"] for i in pins["items"]] == [ids[1]]
        assert pins["items"][0]["message"]["pinned"] is True
        every = (await c.get(f"/channels/{channel}/messages/pins")).json()
        assert [i["message"]["id"] for i in every["items"]] == [ids[1], ids[0]]
        event = _events(fake, "CHANNEL_PINS_UPDATE")[-1]
        assert (event["channel_id"], event["guild_id"]) == (channel, guild["id"])
        assert event["last_pin_timestamp"] == every["items"][0]["pinned_at"]
        assert (await c.delete(f"/channels/{channel}/messages/pins/{ids[1]}")).status_code == 204
        assert [m["id"] for m in (await c.get(f"/channels/{channel}/pins")).json()] == [ids[0]]
        assert len(_events(fake, "CHANNEL_PINS_UPDATE")) == 3
        r = await c.put(f"/channels/{channel}/messages/pins/1")
        assert r.status_code == 404


async def test_forward_carries_a_snapshot_of_the_source() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g", channels=2)
        source_channel, target = (
            c["id"] for c in fake.world.channels.values() if c.get("guild_id") == guild["id"]
        )
        source = (
            await c.post(f"/channels/{source_channel}/messages", json={"content": "orig"})
        ).json()
        ref = {"type": 1, "message_id": source["id"], "channel_id": source_channel}
        r = await c.post(f"/channels/{target}/messages", json={"message_reference": ref})
        assert r.status_code == 200
        forward = r.json()
        assert forward["type"] == 0
        assert forward["content"] == ""
        assert forward["message_reference"] == {**ref, "guild_id": guild["id"]}
        snapshot = forward["message_snapshots"][0]["message"]
        assert (snapshot["content"], snapshot["timestamp"]) == ("orig", source["timestamp"])
        ref["message_id"] = "1"
        r = await c.post(f"/channels/{target}/messages", json={"message_reference": ref})
        assert r.status_code == 400
        reply = {"message_id": source["id"]}
        r = await c.post(
            f"/channels/{source_channel}/messages",
            json={"content": "re", "message_reference": reply},
        )
        assert r.json()["type"] == 19


async def test_oauth2_token_accepts_basic_and_form_credentials() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        del c.headers["Authorization"]
        pair = f"{fake.application_id}:{fake.world.client_secret}".encode()
        basic = {"Authorization": "Basic " + base64.b64encode(pair).decode()}
        form = {"grant_type": "client_credentials", "scope": "identify"}
        r = await c.post("/oauth2/token", data=form, headers=basic)
        assert r.status_code == 200
        token = r.json()
        assert (token["token_type"], token["scope"]) == ("Bearer", "identify")
        me = await c.get("/users/@me", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert me.status_code == 200
        in_body = {
            **form,
            "client_id": str(fake.application_id),
            "client_secret": fake.world.client_secret,
        }
        assert (await c.post("/oauth2/token", data=in_body)).status_code == 200
        wrong = "Basic " + base64.b64encode(f"{fake.application_id}:nope".encode()).decode()
        r = await c.post("/oauth2/token", data=form, headers={"Authorization": wrong})
        assert (r.status_code, r.json()["error"]) == (401, "invalid_client")
        r = await c.post("/oauth2/token", data={"grant_type": "password"}, headers=basic)
        assert (r.status_code, r.json()["error"]) == (400, "unsupported_grant_type")
        revoke = {"token": token["access_token"]}
        assert (await c.post("/oauth2/token/revoke", data=revoke, headers=basic)).status_code == 200
        me = await c.get("/users/@me", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert me.status_code == 401
        # Basic credentials are for the token endpoint only.
        assert (await c.get("/users/@me", headers=basic)).status_code == 401


async def test_plain_multipart_fields_are_recorded() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild(name="g"))
        await c.post(
            f"/channels/{channel}/messages",
            data={"content": "hi", "nonce": "7"},
            files={"files[0]": ("a.txt", b"data", "text/plain")},
        )
        sent = fake.rest.requests[-1]
        assert sent.form == {"content": "hi", "nonce": "7"}
        assert [f.field for f in sent.files] == ["files[0]"]


@pytest.mark.parametrize(("kind", "recipients"), [(None, 1), (1, 1), (3, 1)])
def test_a_channel_without_a_guild_is_a_dm_or_group_dm(kind: int | None, recipients: int) -> None:
    from anycord.serde.channels import decode_channel
    from anycord.testing.world import World

    world = World()
    channel = world.add_channel() if kind is None else world.add_channel(type=kind)
    assert channel["type"] == (kind or 1)
    assert "guild_id" not in channel
    assert len(channel["recipients"]) == recipients
    assert int(channel["id"]) in world.channels
    assert decode_channel(channel).id == int(channel["id"])


def test_a_guild_channel_type_without_a_guild_is_refused() -> None:
    from anycord.testing.world import World

    with pytest.raises(ValueError, match="type 0 needs a guild_id"):
        World().add_channel(type=0)
