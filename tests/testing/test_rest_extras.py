"""The fake's stateful invites, scheduled events, guild stickers and audit log, driven with a
bare httpx client; each checks the state and the gateway dispatch."""

from __future__ import annotations

import typing

from tests.testing.rest_helpers import bare_client, first_channel, running_fake

if typing.TYPE_CHECKING:
    from anycord.testing import FakeDiscord


def _events(fake: FakeDiscord, name: str) -> list[dict[str, typing.Any]]:
    return [payload for event, payload, _ in fake.world.events if event == name]


async def test_invites_create_get_list_delete_and_dispatch() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g", channels=1)
        cid = first_channel(fake, guild)
        r = await c.post(f"/channels/{cid}/invites", json={"max_age": 60, "max_uses": 3})
        assert r.status_code == 200, r.text
        invite = r.json()
        code = invite["code"]
        assert invite["guild"]["id"] == guild["id"]
        assert invite["channel"]["id"] == cid
        assert (invite["max_age"], invite["max_uses"], invite["uses"]) == (60, 3, 0)
        assert _events(fake, "INVITE_CREATE")[-1]["code"] == code
        assert (await c.get(f"/invites/{code}")).json()["code"] == code
        assert [i["code"] for i in (await c.get(f"/channels/{cid}/invites")).json()] == [code]
        assert [i["code"] for i in (await c.get(f"/guilds/{guild['id']}/invites")).json()] == [code]
        bad = await c.post(f"/channels/{cid}/invites", json={"max_age": 700000})
        assert bad.status_code == 400
        assert "max_age" in bad.json()["errors"]
        assert (await c.delete(f"/invites/{code}")).status_code == 200
        assert _events(fake, "INVITE_DELETE")[-1] == {
            "channel_id": cid,
            "guild_id": guild["id"],
            "code": code,
        }
        missing = await c.get(f"/invites/{code}")
        assert (missing.status_code, missing.json()["code"]) == (404, 10006)


async def test_scheduled_events_crud_and_dispatch() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g", channels=1)
        base = f"/guilds/{guild['id']}/scheduled-events"
        body = {
            "name": "party",
            "privacy_level": 2,
            "scheduled_start_time": "2030-01-01T00:00:00+00:00",
            "scheduled_end_time": "2030-01-01T02:00:00+00:00",
            "entity_type": 3,
            "entity_metadata": {"location": "park"},
        }
        r = await c.post(base, json=body)
        assert r.status_code == 200, r.text
        event = r.json()
        assert (event["status"], event["creator_id"]) == (1, fake.bot_user["id"])
        assert _events(fake, "GUILD_SCHEDULED_EVENT_CREATE")[-1]["id"] == event["id"]
        assert [e["id"] for e in (await c.get(base)).json()] == [event["id"]]
        r = await c.patch(f"{base}/{event['id']}", json={"name": "bigger party", "status": 2})
        assert r.status_code == 200, r.text
        assert _events(fake, "GUILD_SCHEDULED_EVENT_UPDATE")[-1]["name"] == "bigger party"
        assert (await c.get(f"{base}/{event['id']}")).json()["status"] == 2
        no_location = {**body, "entity_metadata": {}}
        assert (await c.post(base, json=no_location)).status_code == 400
        voice_without_channel = {**body, "entity_type": 2}
        assert (await c.post(base, json=voice_without_channel)).status_code == 400
        assert (await c.delete(f"{base}/{event['id']}")).status_code == 204
        assert _events(fake, "GUILD_SCHEDULED_EVENT_DELETE")[-1]["id"] == event["id"]
        gone = await c.get(f"{base}/{event['id']}")
        assert (gone.status_code, gone.json()["code"]) == (404, 10070)


async def test_stickers_multipart_create_edit_delete_and_dispatch() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g")
        base = f"/guilds/{guild['id']}/stickers"
        png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
        r = await c.post(
            base,
            data={"name": "wave", "description": "a wave", "tags": "wave"},
            files={"file": ("wave.png", png, "image/png")},
        )
        assert r.status_code == 200, r.text
        sticker = r.json()
        assert (sticker["format_type"], sticker["type"], sticker["tags"]) == (1, 2, "wave")
        update = _events(fake, "GUILD_STICKERS_UPDATE")[-1]
        assert [s["id"] for s in update["stickers"]] == [sticker["id"]]
        no_file = await c.post(base, data={"name": "x2", "tags": "x"}, files={"other": b"1"})
        assert no_file.status_code == 400
        r = await c.patch(f"{base}/{sticker['id']}", json={"name": "wave2"})
        assert r.json()["name"] == "wave2"
        assert (await c.get(f"{base}/{sticker['id']}")).json()["name"] == "wave2"
        assert _events(fake, "GUILD_STICKERS_UPDATE")[-1]["stickers"][0]["name"] == "wave2"
        assert (await c.delete(f"{base}/{sticker['id']}")).status_code == 204
        assert _events(fake, "GUILD_STICKERS_UPDATE")[-1]["stickers"] == []
        assert (await c.get(base)).json() == []


async def test_audit_log_records_bans_roles_and_channels() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(name="g", members=2)
        gid = guild["id"]
        victim = next(m["user"] for m in guild["members"] if m["user"]["id"] != fake.bot_user["id"])
        assert (await c.put(f"/guilds/{gid}/bans/{victim['id']}", json={})).status_code == 204
        role = (await c.post(f"/guilds/{gid}/roles", json={"name": "r"})).json()
        channel = (await c.post(f"/guilds/{gid}/channels", json={"name": "c"})).json()
        log = (await c.get(f"/guilds/{gid}/audit-logs")).json()
        entries = log["audit_log_entries"]
        actions = [(e["action_type"], e["target_id"]) for e in entries]
        assert actions[:3] == [(10, channel["id"]), (30, role["id"]), (22, victim["id"])]
        assert log["users"][0]["id"] == fake.bot_user["id"]
        bans = (await c.get(f"/guilds/{gid}/audit-logs", params={"action_type": 22})).json()
        assert [e["target_id"] for e in bans["audit_log_entries"]] == [victim["id"]]
        one = (await c.get(f"/guilds/{gid}/audit-logs", params={"limit": 1})).json()
        assert len(one["audit_log_entries"]) == 1
        older = await c.get(f"/guilds/{gid}/audit-logs", params={"before": entries[0]["id"]})
        assert entries[0] not in older.json()["audit_log_entries"]
        assert (await c.get(f"/guilds/{gid}/audit-logs", params={"limit": 0})).status_code == 400
