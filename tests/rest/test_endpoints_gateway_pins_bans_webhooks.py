"""Endpoints against FakeDiscord: gateway, guild lists, pins, forwards, bans,
webhooks, commands, bulk delete failures. Routes the fake does not emulate are stubbed."""

from __future__ import annotations

import typing

import pytest

from anycord import errors
from anycord.files import Bytes
from anycord.rest.endpoints.reactions import emoji_path

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake

NOW = "2024-01-01T00:00:00+00:00"


def message(fake: Fake, content: str = "x", mid: str = "1") -> dict[str, typing.Any]:
    return {
        "id": mid,
        "channel_id": fake.channels[0]["id"],
        "content": content,
        "type": 0,
        "timestamp": NOW,
        "author": fake.world.bot_user,
    }


async def test_gateway_bot_and_my_guilds(fake: Fake, rest: RESTClient) -> None:
    fake.world.gateway_url = "ws://gateway.test"
    info = await rest.fetch_gateway_bot_info()
    assert info.url == "ws://gateway.test"
    assert info.shard_count == 1
    assert await rest.fetch_gateway_url() == "ws://gateway.test"
    assert "authorization" not in fake.rest.requests[-1].headers
    guilds = await rest.fetch_my_guilds().collect()
    assert [g.name for g in guilds] == ["g"]


async def test_pins_crosspost_and_forward(fake: Fake, rest: RESTClient) -> None:
    channel = fake.channels[0]["id"]
    fake.rest.stub(
        "POST", "/channels/{channel_id}/messages/{message_id}/crosspost", json=message(fake, "x")
    )
    pinned = await rest.create_message(channel, "pinned")
    await rest.pin_message(channel, pinned, reason="important")
    assert fake.rest.requests[-1].path == f"/channels/{channel}/messages/pins/{pinned.id}"
    assert fake.rest.requests[-1].headers["x-audit-log-reason"] == "important"
    assert [m.content for m in await rest.fetch_pins(channel)] == ["pinned"]
    assert fake.rest.requests[-1].query == {"limit": ["50"]}
    await rest.unpin_message(channel, pinned)
    assert await rest.fetch_pins(channel) == []
    assert (await rest.crosspost_message(channel, 5)).content == "x"
    source = await rest.create_message(fake.channels[1]["id"], "original")
    forward = await rest.forward_message(channel, source, fake.channels[1]["id"])
    sent = dict(fake.rest.requests[-1].json)
    nonce = sent.pop("nonce")
    assert isinstance(nonce, str)
    assert nonce.isdigit()
    assert len(nonce) <= 25
    assert sent == {
        "message_reference": {
            "type": 1,
            "message_id": str(source.id),
            "channel_id": fake.channels[1]["id"],
        },
        "enforce_nonce": True,
    }
    assert forward.channel_id == int(channel)
    assert forward.content == ""


async def test_bulk_delete_failure_says_what_was_deleted(fake: Fake, rest: RESTClient) -> None:
    channel = fake.channels[0]["id"]
    ids = [str(m.id) for m in [await rest.create_message(channel, str(i)) for i in range(150)]]
    fake.rest.limit("POST", "/channels/{channel_id}/messages/bulk-delete", limit=10, per=1.0)
    fake.rest.stub(
        "POST",
        "/channels/{channel_id}/messages/bulk-delete",
        status=403,
        json={"code": 50013, "message": "Missing Permissions"},
    )
    with pytest.raises(errors.BulkDeleteError) as info:
        await rest.delete_messages(channel, ids)
    assert info.value.deleted == ()
    assert len(info.value.remaining) == 150
    assert isinstance(info.value.__cause__, errors.ForbiddenError)
    with pytest.raises(ValueError, match="either attachment or attachments"):
        await rest.create_message(channel, attachment=b"a", attachments=[b"b"])


async def test_bans_and_my_user(fake: Fake, rest: RESTClient) -> None:
    guild = fake.guild["id"]
    user = fake.world.add_user()
    await rest.ban_user(guild, user["id"], delete_message_seconds=3600, reason="spam")
    sent = fake.rest.requests[-1]
    assert sent.json == {"delete_message_seconds": 3600}
    assert sent.headers["x-audit-log-reason"] == "spam"
    assert int(user["id"]) in fake.world.bans[int(guild)]
    await rest.unban_user(guild, user["id"])
    assert fake.world.bans[int(guild)] == {}
    with pytest.raises(ValueError, match="604800"):
        await rest.ban_user(guild, 7, delete_message_seconds=10**6)
    me = await rest.edit_my_user(username="renamed", avatar=Bytes(b"png", "a.png"))
    assert me.username == "renamed"
    assert fake.rest.requests[-1].json["avatar"] == "data:image/png;base64,cG5n"


async def test_webhook_crud_and_messages(fake: Fake, rest: RESTClient) -> None:
    channel = fake.channels[0]["id"]
    hook = {"id": "55", "type": 1, "channel_id": channel, "name": "hook", "token": "tok-secret"}
    fake.rest.stub("POST", "/channels/{channel_id}/webhooks", json=hook)
    fake.rest.stub("GET", "/webhooks/{webhook_id}", json=hook)
    fake.rest.stub("PATCH", "/webhooks/{webhook_id}", json={**hook, "name": "renamed"})
    fake.rest.stub("DELETE", "/webhooks/{webhook_id}", status=204)
    fake.rest.stub("GET", "/channels/{channel_id}/webhooks", json=[hook])
    w = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
    fake.rest.stub("GET", w, json=message(fake, "got"))
    fake.rest.stub("PATCH", w, json=message(fake, "edited"))
    fake.rest.stub("DELETE", w, status=204)
    created = await rest.create_webhook(channel, "hook", reason="setup")
    assert int(created.id) == 55
    assert (await rest.fetch_webhook(55)).name == "hook"
    assert (await rest.edit_webhook(55, name="renamed")).name == "renamed"
    assert len(await rest.fetch_channel_webhooks(channel)) == 1
    got = await rest.fetch_webhook_message(55, "tok-secret", 9, thread=3)
    assert got.content == "got"
    assert fake.rest.requests[-1].query == {"thread_id": ["3"]}
    edited = await rest.edit_webhook_message(55, "tok-secret", 9, "edited")
    assert edited.content == "edited"
    await rest.delete_webhook_message(55, "tok-secret", 9)
    await rest.delete_webhook(55)
    assert all(
        "authorization" not in r.headers for r in fake.rest.requests if "tok-secret" in r.path
    )


async def test_interaction_followups_and_original(fake: Fake, rest: RESTClient) -> None:
    app_id = fake.world.application_id
    o = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    fake.rest.stub("GET", o, json=message(fake, "original"))
    fake.rest.stub("PATCH", o, json=message(fake, "changed"))
    fake.rest.stub("POST", "/webhooks/{webhook_id}/{webhook_token}", json=message(fake, "follow"))
    fake.rest.stub(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback", status=204
    )
    assert (await rest.fetch_interaction_response(app_id, "itok")).content == "original"
    changed = await rest.edit_interaction_response(app_id, "itok", "changed", embeds=[])
    assert changed.content == "changed"
    assert fake.rest.requests[-1].json == {"content": "changed", "embeds": []}
    assert (await rest.execute_followup(app_id, "itok", "follow", flags=64)).content == "follow"
    await rest.create_interaction_response(1, "itok", 8, choices=[{"name": "a", "value": "a"}])
    assert fake.rest.requests[-1].json == {
        "type": 8,
        "data": {"choices": [{"name": "a", "value": "a"}]},
    }
    await rest.create_interaction_response(1, "itok", 5)
    assert fake.rest.requests[-1].json == {"type": 5}
    await rest.create_interaction_response(1, "itok", 4, attachment=Bytes(b"f", "f.txt"))
    sent = fake.rest.requests[-1]
    assert sent.json == {"type": 4, "data": {"attachments": [{"id": 0, "filename": "f.txt"}]}}
    assert sent.files[0].data == b"f"


async def test_command_crud_global_and_guild(fake: Fake, rest: RESTClient) -> None:
    app_id = fake.world.application_id
    guild = fake.guild["id"]
    cmd = {
        "id": "10",
        "application_id": str(app_id),
        "name": "ping",
        "description": "Ping",
        "type": 1,
        "version": "1",
        "default_member_permissions": None,
    }
    g = "/applications/{application_id}/commands"
    gg = "/applications/{application_id}/guilds/{guild_id}/commands"
    for base, body in ((g, cmd), (gg, {**cmd, "guild_id": guild})):
        fake.rest.stub("GET", base, json=[body])
        fake.rest.stub("POST", base, json=body)
        fake.rest.stub("GET", base + "/{command_id}", json=body)
        fake.rest.stub("PATCH", base + "/{command_id}", json={**body, "description": "Pong"})
        fake.rest.stub("DELETE", base + "/{command_id}", status=204)
    for where in ({}, {"guild": guild}):
        listed = await rest.fetch_application_commands(app_id, **where)
        assert [c.name for c in listed] == ["ping"]
        made = await rest.create_application_command(
            app_id, {"name": "ping", "description": "Ping"}, **where
        )
        assert made.name == "ping"
        assert (await rest.fetch_application_command(app_id, 10, **where)).id == 10
        edited = await rest.edit_application_command(app_id, 10, description="Pong", **where)
        assert getattr(edited, "description", None) == "Pong"
        assert fake.rest.requests[-1].json == {"description": "Pong"}
        await rest.delete_application_command(app_id, 10, **where)
    assert fake.rest.requests[-1].path == f"/applications/{app_id}/guilds/{guild}/commands/10"


def test_emoji_paths() -> None:
    assert emoji_path("👍") == "👍"
    assert emoji_path("<:blob:42>") == "blob:42"
    assert emoji_path("<a:dance:7>") == "dance:7"
    assert emoji_path("blob", 42) == "blob:42"
    with pytest.raises(TypeError, match="not an emoji"):
        emoji_path(object())  # type: ignore[arg-type]  # what the types refuse, refused at run time
