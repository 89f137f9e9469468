"""The fake REST API, driven with a bare httpx client (over TCP and in-process)."""

from __future__ import annotations

import anyio
import httpx
import orjson
import pytest

from tests.testing.rest_helpers import bare_client, first_channel, running_fake


async def test_gateway_bot_and_identity_over_tcp() -> None:
    async with running_fake(shard_count=2, max_concurrency=1) as fake, bare_client(fake) as c:
        assert fake.rest_url.startswith("http://127.0.0.1:")
        r = await c.get("/gateway/bot")
        assert r.status_code == 200
        body = r.json()
        assert body["url"] == fake.gateway_url
        assert fake.gateway_url.startswith("ws://127.0.0.1:")
        assert body["shards"] == 2
        assert body["session_start_limit"]["max_concurrency"] == 1
        assert body["session_start_limit"]["total"] == 1000
        me = (await c.get("/users/@me")).json()
        assert me["id"] == fake.bot_user["id"]
        assert me["bot"] is True
        app = (await c.get("/applications/@me")).json()
        assert int(app["id"]) == fake.application_id
        assert app["verify_key"] == fake.public_key


@pytest.mark.parametrize("tcp", [True, False], ids=["tcp", "asgi"])
async def test_auth_is_checked(tcp: bool) -> None:
    async with running_fake(rest_over_tcp=tcp) as fake:
        async with bare_client(fake, tcp=tcp, token="not-the-token") as c:
            r = await c.get("/users/@me")
            assert r.status_code == 401
            assert r.json() == {"message": "401: Unauthorized", "code": 0}
        async with bare_client(fake, tcp=tcp) as c:
            del c.headers["Authorization"]
            assert (await c.get("/users/@me")).status_code == 401
            # GET /gateway needs no token (the spec's security allows none).
            assert (await c.get("/gateway")).status_code == 200
        assert [r.status for r in fake.rest.requests] == [401, 401, 200]


async def test_message_crud_json() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild(name="g"))
        r = await c.post(f"/channels/{channel}/messages", json={"content": "hello"})
        assert r.status_code == 200
        msg = r.json()
        assert msg["content"] == "hello"
        assert msg["author"]["id"] == fake.bot_user["id"]
        assert msg["channel_id"] == channel
        got = (await c.get(f"/channels/{channel}/messages/{msg['id']}")).json()
        assert got == msg
        r = await c.patch(f"/channels/{channel}/messages/{msg['id']}", json={"content": "edited"})
        assert r.json()["content"] == "edited"
        assert r.json()["edited_timestamp"] is not None
        assert (await c.delete(f"/channels/{channel}/messages/{msg['id']}")).status_code == 204
        r = await c.get(f"/channels/{channel}/messages/{msg['id']}")
        assert r.status_code == 404
        assert r.json()["code"] == 10008
        r = await c.get("/channels/1/messages")
        assert r.json() == {"message": "Unknown Channel", "code": 10003}


async def test_message_history_pagination() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        ids = [fake.add_message(channel, f"m{i}")["id"] for i in range(7)]
        newest = (await c.get(f"/channels/{channel}/messages", params={"limit": 3})).json()
        assert [m["id"] for m in newest] == ids[::-1][:3]
        older = await c.get(f"/channels/{channel}/messages", params={"before": ids[4], "limit": 2})
        assert [m["id"] for m in older.json()] == [ids[3], ids[2]]
        after = await c.get(f"/channels/{channel}/messages", params={"after": ids[1], "limit": 2})
        assert [m["id"] for m in after.json()] == [ids[3], ids[2]]
        bad = await c.get(f"/channels/{channel}/messages", params={"limit": 101})
        assert bad.status_code == 400
        assert bad.json()["code"] == 50035


async def test_message_validation() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        r = await c.post(f"/channels/{channel}/messages", json={})
        assert (r.status_code, r.json()["code"]) == (400, 50006)
        r = await c.post(f"/channels/{channel}/messages", json={"content": "x" * 2001})
        assert r.status_code == 400
        assert r.json()["errors"]["content"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"
        r = await c.post(
            f"/channels/{channel}/messages",
            content=b"{not json",
            headers={"content-type": "application/json"},
        )
        assert (r.status_code, r.json()["code"]) == (400, 50109)


@pytest.mark.parametrize("tcp", [True, False], ids=["tcp", "asgi"])
async def test_multipart_upload_is_stored_and_served(tcp: bool) -> None:
    async with running_fake(rest_over_tcp=tcp) as fake, bare_client(fake, tcp=tcp) as c:
        channel = first_channel(fake, fake.add_guild())
        payload = {"content": "files", "attachments": [{"id": 0, "description": "a cat"}]}
        r = await c.post(
            f"/channels/{channel}/messages",
            data={"payload_json": orjson.dumps(payload).decode()},
            files={
                "files[0]": ("cat.png", b"\x89PNG-bytes", "image/png"),
                "files[1]": ("notes.txt", b"hello", "text/plain"),
            },
        )
        assert r.status_code == 200, r.text
        msg = r.json()
        assert msg["content"] == "files"
        first, second = msg["attachments"]
        assert (first["filename"], first["size"], first["content_type"]) == (
            "cat.png",
            10,
            "image/png",
        )
        assert first["description"] == "a cat"
        assert second["filename"] == "notes.txt"
        logged = fake.rest.requests[-1]
        assert logged.json == payload
        assert [(f.field, f.filename, f.data) for f in logged.files] == [
            ("files[0]", "cat.png", b"\x89PNG-bytes"),
            ("files[1]", "notes.txt", b"hello"),
        ]
        served = await c.get(first["url"])
        assert served.status_code == 200
        assert served.content == b"\x89PNG-bytes"


async def test_an_edit_that_keeps_an_attachment_answers_the_whole_attachment() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        r = await c.post(
            f"/channels/{channel}/messages",
            data={"payload_json": orjson.dumps({"attachments": [{"id": 0}]}).decode()},
            files={"files[0]": ("cat.png", b"\x89PNG-bytes", "image/png")},
        )
        original = r.json()["attachments"][0]
        edited = await c.patch(
            f"/channels/{channel}/messages/{r.json()['id']}",
            json={"attachments": [{"id": original["id"]}]},
        )
        assert edited.status_code == 200, edited.text
        assert edited.json()["attachments"] == [original]


async def test_request_log_records_route_query_headers() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        await c.get(
            f"/channels/{channel}/messages",
            params=[("limit", "5"), ("x", "1"), ("x", "2")],
            headers={"X-Audit-Log-Reason": "because"},
        )
        rec = fake.rest.requests[-1]
        assert rec.method == "GET"
        assert rec.path == f"/channels/{channel}/messages"
        assert rec.route == "/channels/{channel_id}/messages"
        assert rec.query == {"limit": ["5"], "x": ["1", "2"]}
        assert rec.headers["x-audit-log-reason"] == "because"
        assert rec.status == 200
        assert fake.rest.requests_to("GET", "/channels/{channel_id}/messages") == [rec]


async def test_stub_unknown_and_unemulated_routes() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild()
        r = await c.get(f"/applications/{fake.world.application_id}/emojis")
        assert r.status_code == 501
        assert "stub" in r.json()["message"]
        fake.rest.stub("GET", "/applications/{application_id}/emojis", json={"items": []}, times=1)
        r = await c.get(f"/applications/{fake.world.application_id}/emojis")
        assert (r.status_code, r.json()) == (200, {"items": []})
        assert "x-ratelimit-bucket" in r.headers
        assert (await c.get(f"/applications/{fake.world.application_id}/emojis")).status_code == 501
        fake.rest.stub("GET", "/guilds/{guild_id}", json=lambda req: {"path": req.path})
        assert (await c.get(f"/guilds/{guild['id']}")).json() == {"path": f"/guilds/{guild['id']}"}
        r = await c.get("/no/such/route")
        assert (r.status_code, r.json()["message"]) == (404, "404: Not Found")
        r = await c.put("/users/@me")
        assert r.status_code == 405
        with pytest.raises(ValueError, match="not a route"):
            fake.rest.stub("GET", "/nope", json={})


async def test_fail_next_5xx_then_recovers() -> None:
    async with running_fake() as fake, bare_client(fake) as c:
        fake.rest.fail_next(2, status=502)
        assert [(await c.get("/users/@me")).status_code for _ in range(3)] == [502, 502, 200]


@pytest.mark.parametrize("tcp", [True, False], ids=["tcp", "asgi"])
async def test_fail_next_drop(tcp: bool) -> None:
    async with running_fake(rest_over_tcp=tcp) as fake, bare_client(fake, tcp=tcp) as c:
        fake.rest.fail_next(1, status="drop")
        with pytest.raises(httpx.TransportError):
            await c.get("/users/@me")
        assert (await c.get("/users/@me")).status_code == 200
        assert fake.rest.requests[0].status == -1


async def test_latency_is_injected() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        fake.rest.latency = 0.2
        start = anyio.current_time()
        assert (await c.get("/users/@me")).status_code == 200
        assert anyio.current_time() - start >= 0.2


async def test_fail_next_rejects_bad_status() -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        with pytest.raises(ValueError, match="status"):
            fake.rest.fail_next(1, status="boom")
