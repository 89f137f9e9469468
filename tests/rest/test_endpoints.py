"""Endpoint methods against FakeDiscord: the wire format they send and the models they return."""

from __future__ import annotations

import typing

import httpx
import pytest

from anycord import errors
from anycord.config import HTTPSettings, HTTPTimeoutSettings
from anycord.files import URL, AsyncIteratorResource, Bytes, File, ensure_resource, to_data_uri
from anycord.models.messages import Message
from anycord.rest import all_routes

if typing.TYPE_CHECKING:
    import pathlib
    from collections.abc import AsyncIterator

    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake


async def test_create_message_streams_multipart_uploads(fake: Fake, tmp_path: pathlib.Path) -> None:
    # Reading a file runs in a worker thread, during which virtual time jumps to the next
    # timer; without a per-attempt deadline, that jump cannot fail the request.
    settings = HTTPSettings(timeouts=HTTPTimeoutSettings(total=None))
    async with fake.client(http_settings=settings) as rest:
        await _create_message_streams_multipart_uploads(fake, rest, tmp_path)


async def _create_message_streams_multipart_uploads(
    fake: Fake, rest: RESTClient, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"from disk " * 10_000)

    async def chunks() -> AsyncIterator[bytes]:
        for part in (b"stream", b"ed"):
            yield part

    remote = URL(
        "https://cdn.example/img/cat.png",
        http_client=httpx.AsyncClient(
            transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"\x89PNG..."))
        ),
    )
    channel = fake.channels[0]["id"]
    message = await rest.create_message(
        channel,
        "hello",
        attachments=[
            Bytes(b"abc", "a.bin"),
            File(path),
            AsyncIteratorResource(chunks(), "s.txt"),
            remote,
        ],
        reply=1234,
        user_mentions=[5],
    )
    assert isinstance(message, Message)
    assert message.content == "hello"
    sent = fake.rest.requests[-1]
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert sent.json["attachments"] == [
        {"id": 0, "filename": "a.bin"},
        {"id": 1, "filename": "notes.txt"},
        {"id": 2, "filename": "s.txt"},
        {"id": 3, "filename": "cat.png"},
    ]
    assert sent.json["message_reference"] == {"message_id": "1234"}
    assert sent.json["allowed_mentions"]["users"] == ["5"]
    assert [(f.field, f.filename, f.data) for f in sent.files] == [
        ("files[0]", "a.bin", b"abc"),
        ("files[1]", "notes.txt", b"from disk " * 10_000),
        ("files[2]", "s.txt", b"streamed"),
        ("files[3]", "cat.png", b"\x89PNG..."),
    ]
    assert len(message.attachments) == 4


async def test_uploads_are_sent_again_on_retry(fake: Fake, rest: RESTClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"once-only source"

    fake.rest.fail_next(1, status=500)
    await rest.create_message(
        fake.channels[0]["id"], attachment=AsyncIteratorResource(chunks(), "x.txt")
    )
    assert fake.rest.requests[-1].files[0].data == b"once-only source"


async def test_message_lifecycle_and_history(fake: Fake, rest: RESTClient) -> None:
    channel = fake.channels[1]["id"]
    sent = [await rest.create_message(channel, f"m{i}") for i in range(5)]
    fetched = await rest.fetch_message(channel, sent[0])
    assert fetched.id == sent[0].id
    edited = await rest.edit_message(channel, sent[1], "edited", embeds=[])
    assert edited.content == "edited"
    history = await rest.fetch_messages(channel).limit(3).collect()
    assert [m.content for m in history] == ["m4", "m3", "m2"]
    forwards = await rest.fetch_messages(channel, after=0).map(lambda m: m.content).collect()
    assert forwards == ["m0", "edited", "m2", "m3", "m4"]
    odd = await rest.fetch_messages(channel).filter(lambda m: m.content in ("m3", "m0")).count()
    assert odd == 2
    await rest.delete_message(channel, sent[4], reason="cleanup")
    await rest.delete_messages(channel, sent[:3])
    assert [m.content for m in await rest.fetch_messages(channel).collect()] == ["m3"]
    await rest.trigger_typing(channel)
    with pytest.raises(ValueError, match="at most one"):
        rest.fetch_messages(channel, before=1, after=2)


async def test_reactions(fake: Fake, rest: RESTClient) -> None:
    channel = fake.channels[2]["id"]
    message = await rest.create_message(channel, "react to me")
    await rest.add_reaction(channel, message, "👍")
    await rest.add_reaction(channel, message, "blob", emoji_id=42)
    users = await rest.fetch_reactions_for_emoji(channel, message, "👍").collect()
    assert [u.id for u in users] == [fake.world.application_id]
    await rest.delete_my_reaction(channel, message, "👍")
    assert await rest.fetch_reactions_for_emoji(channel, message, "👍").count() == 0
    paths = [r.path for r in fake.rest.requests if r.method == "PUT"]
    assert paths[1].endswith("/reactions/blob:42/@me")


async def test_users_guilds_members_roles(fake: Fake, rest: RESTClient) -> None:
    me = await rest.fetch_my_user()
    assert me.id == fake.world.application_id
    assert me.is_bot
    user = fake.world.add_user(username="alice")
    fake.world.add_member(fake.guild["id"], user["id"])
    assert (await rest.fetch_user(user["id"])).username == "alice"
    dm = await rest.create_dm_channel(user["id"])
    assert int(dm.id) > 0
    guild = await rest.fetch_guild(fake.guild["id"])
    assert guild.name == "g"
    member = await rest.fetch_member(fake.guild["id"], user["id"])
    assert member.user.username == "alice"
    role = await rest.create_role(fake.guild["id"], name="mods", permissions=8, reason="setup")
    await rest.add_role_to_member(fake.guild["id"], user["id"], role)
    edited = await rest.edit_member(fake.guild["id"], user["id"], nickname="al")
    assert edited.nickname == "al"
    assert role.id in edited.role_ids
    renamed = await rest.edit_role(fake.guild["id"], role, name="admins")
    assert renamed.name == "admins"
    members = await rest.fetch_members(fake.guild["id"]).collect()
    assert user["id"] in {str(m.user.id) for m in members}
    await rest.remove_role_from_member(fake.guild["id"], user["id"], role)
    await rest.delete_role(fake.guild["id"], role)
    await rest.kick_user(fake.guild["id"], user["id"], reason="bye")
    with pytest.raises(errors.NotFoundError):
        await rest.fetch_member(fake.guild["id"], user["id"])
    channel = await rest.edit_channel(fake.channels[3]["id"], name="renamed", topic=None)
    assert channel.name == "renamed"
    assert fake.rest.requests[-1].json == {"name": "renamed", "topic": None}


async def test_webhook_and_interaction_routes_send_no_bot_token(
    fake: Fake, rest: RESTClient
) -> None:
    secret = "webhook-token-that-must-stay-secret"
    stub = {
        "id": "1",
        "channel_id": "2",
        "content": "hook",
        "type": 0,
        "timestamp": "2024-01-01T00:00:00+00:00",
        "author": fake.world.bot_user,
    }
    fake.rest.stub("POST", "/webhooks/{webhook_id}/{webhook_token}", json=stub)
    message = await rest.execute_webhook(99, secret, "hook", username="bot")
    sent = fake.rest.requests[-1]
    assert "authorization" not in sent.headers
    assert sent.query == {"wait": ["true"]}
    assert sent.json == {"content": "hook", "username": "bot"}
    assert message.content == "hook"
    record = fake.world.new_interaction(type=2)
    fake.rest.stub(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback", status=204
    )
    await rest.create_interaction_response(record.id, record.token, 4, "pong", flags=64)
    sent = fake.rest.requests[-1]
    assert sent.json == {"type": 4, "data": {"content": "pong", "flags": 64}}
    assert "authorization" not in sent.headers
    fake.rest.stub(
        "DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", status=204
    )
    await rest.delete_interaction_response(fake.world.application_id, record.token)
    assert fake.rest.requests[-1].path.endswith("/messages/@original")


async def test_commands_bulk_overwrite(fake: Fake, rest: RESTClient) -> None:
    body = [{"name": "ping", "description": "Ping", "type": 1}]
    reply = [
        {
            **body[0],
            "id": "10",
            "application_id": str(fake.world.application_id),
            "version": "1",
            "default_member_permissions": None,
        }
    ]
    fake.rest.stub("PUT", "/applications/{application_id}/commands", json=reply)
    commands = await rest.set_application_commands(fake.world.application_id, body)
    assert [c.name for c in commands] == ["ping"]
    assert fake.rest.requests[-1].json == body


def test_routes_are_written_as_in_the_spec() -> None:
    spec = set()
    with open("/work/shared/discord-api/operations.txt") as fh:
        for line in fh:
            method, path, *_ = line.split()
            spec.add((method, path))
    routes = {(r.method, r.path_template) for r in all_routes()}
    # The OAuth2 token and revocation endpoints are documented (topics/oauth2.mdx) but not in
    # the spec.
    assert routes - spec == {("POST", "/oauth2/token"), ("POST", "/oauth2/token/revoke")}
    assert len(routes) >= 60


async def test_resources(tmp_path: pathlib.Path) -> None:
    (tmp_path / "a.png").write_bytes(b"png")
    assert isinstance(ensure_resource(str(tmp_path / "a.png")), File)
    assert isinstance(ensure_resource(b"x"), Bytes)
    assert isinstance(ensure_resource("https://x.test/a.gif"), URL)
    uri = await to_data_uri(tmp_path / "a.png")
    assert uri == "data:image/png;base64,cG5n"
    assert (await ensure_resource(uri).read()) == b"png"
    assert File(tmp_path / "a.png", spoiler=True).filename == "SPOILER_a.png"
    with pytest.raises(TypeError, match="cannot upload 3"):
        ensure_resource(3)  # type: ignore[arg-type]
