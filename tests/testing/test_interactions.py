"""The signed interaction sender, against small hand-written ASGI bots (no anycord code)."""

from __future__ import annotations

import typing

import anyio
import nacl.exceptions
import nacl.signing
import orjson
import pytest
import sniffio

from anycord.testing import InteractionResponseError
from tests.testing.rest_helpers import bare_client, first_channel, running_fake
from tests.virtual_clock import virtual_time_backends

Answer = typing.Callable[[dict[str, typing.Any]], tuple[int, typing.Any]]


def make_bot(public_key: str, answer: Answer, *, verify: bool = True) -> typing.Any:
    """An ASGI interactions endpoint: verifies Ed25519, PONGs, else asks `answer`."""
    key = nacl.signing.VerifyKey(bytes.fromhex(public_key))
    seen: list[dict[str, typing.Any]] = []

    async def app(scope: typing.Any, receive: typing.Any, send: typing.Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = dict(scope["headers"])
        status: int = 200
        reply: typing.Any = None
        try:
            signed = headers[b"x-signature-timestamp"] + body
            if verify:
                key.verify(signed, bytes.fromhex(headers[b"x-signature-ed25519"].decode()))
        except (nacl.exceptions.BadSignatureError, KeyError, ValueError):
            status, reply = 401, {"error": "invalid request signature"}
        else:
            payload = orjson.loads(body)
            seen.append(payload)
            status, reply = (200, {"type": 1}) if payload["type"] == 1 else answer(payload)
        raw = b"" if reply is None else orjson.dumps(reply)
        hdrs = [(b"content-type", b"application/json")] if raw else []
        await send({"type": "http.response.start", "status": status, "headers": hdrs})
        await send({"type": "http.response.body", "body": raw})

    app.seen = seen  # type: ignore[attr-defined]
    return app


def message_answer(payload: dict[str, typing.Any]) -> tuple[int, typing.Any]:
    return 200, {"type": 4, "data": {"content": f"pong {payload['data']['name']}"}}


async def test_ping_is_signed_and_ponged() -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        bot = make_bot(fake.public_key, message_answer)
        resp = await fake.interactions.send(bot, fake.interactions.ping())
        assert (resp.status, resp.json, resp.problems) == (200, {"type": 1}, [])
        assert bot.seen[0]["type"] == 1
        assert bot.seen[0]["application_id"] == str(fake.application_id)


async def test_bad_signature_must_get_401() -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        good = make_bot(fake.public_key, message_answer)
        resp = await fake.interactions.send(good, fake.interactions.ping(), bad_signature=True)
        assert resp.status == 401
        assert good.seen == []
        careless = make_bot(fake.public_key, message_answer, verify=False)
        with pytest.raises(InteractionResponseError, match="401"):
            await fake.interactions.send(careless, fake.interactions.ping(), bad_signature=True)


async def test_wrong_pong_is_reported() -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        # A bot that answers PING like a command breaks Discord's rule.
        bot = make_bot(fake.public_key, message_answer)

        async def wrong(scope: typing.Any, receive: typing.Any, send: typing.Any) -> None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": b'{"type": 4}'})

        with pytest.raises(InteractionResponseError, match="PING"):
            await fake.interactions.send(wrong, fake.interactions.ping())
        resp = await fake.interactions.send(bot, fake.interactions.ping())
        assert resp.problems == []


async def test_command_response_creates_the_original_message() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(members=1)
        channel = first_channel(fake, guild)
        bot = make_bot(fake.public_key, message_answer)
        payload = fake.interactions.command("ping", channel_id=channel, guild_id=guild["id"])
        resp = await fake.interactions.send(bot, payload)
        assert resp.json == {"type": 4, "data": {"content": "pong ping"}}
        assert payload["member"]["user"]["id"] in {
            str(u) for u in fake.world.members[int(guild["id"])]
        }
        original = await c.get(
            f"/webhooks/{fake.application_id}/{payload['token']}/messages/@original"
        )
        assert original.status_code == 200
        assert original.json()["content"] == "pong ping"
        assert fake.world.events[-1][0] == "MESSAGE_CREATE"


async def test_an_update_message_answer_edits_the_components_message() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(members=1)
        channel = first_channel(fake, guild)
        message = fake.add_message(channel, "Vote:", author=fake.world.bot_user)
        bot = make_bot(fake.public_key, _constant({"type": 7, "data": {"content": "Voted"}}))
        payload = fake.interactions.component("vote", message=message)
        resp = await fake.interactions.send(bot, payload)
        assert resp.problems == []
        assert fake.world.messages[int(channel)][int(message["id"])]["content"] == "Voted"
        name, event, guild_id = fake.world.events[-1]
        assert (name, event["id"], guild_id) == ("MESSAGE_UPDATE", message["id"], int(guild["id"]))
        original = await c.get(
            f"/webhooks/{fake.application_id}/{payload['token']}/messages/@original"
        )
        assert original.json()["id"] == message["id"]


@pytest.mark.parametrize(
    ("kind", "answer", "problem"),
    [
        (2, {"type": 8, "data": {"choices": []}}, "not allowed"),
        (2, {"type": 6}, "not allowed"),
        (4, {"type": 4, "data": {"content": "x"}}, "not allowed"),
        (4, {"type": 8, "data": {"choices": [{"name": "a", "value": "a"}] * 26}}, "25"),
        (
            2,
            {"type": 9, "data": {"custom_id": "m", "title": "t" * 46, "components": [{}]}},
            "title",
        ),
        (2, {"type": 4, "data": {"embeds": [{}] * 11}}, "10 embeds"),
        (2, {"type": 5, "data": {"flags": 4}}, "EPHEMERAL"),
        (
            5,
            {"type": 9, "data": {"custom_id": "m", "title": "t", "components": [{}]}},
            "not allowed",
        ),
    ],
)
async def test_response_rules(kind: int, answer: dict[str, typing.Any], problem: str) -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        bot = make_bot(fake.public_key, lambda _: (200, answer))
        payload = fake.interactions.build(kind, {"name": "x", "custom_id": "c"})
        with pytest.raises(InteractionResponseError, match=problem):
            await fake.interactions.send(bot, payload)
        resp = await fake.interactions.send(bot, fake.interactions.build(kind, {}), check=False)
        assert resp.problems


def _constant(answer: dict[str, typing.Any]) -> Answer:
    return lambda _: (200, answer)


async def test_accepted_responses() -> None:
    async with running_fake(rest_over_tcp=False) as fake:
        for kind, answer in [
            (2, {"type": 5, "data": {"flags": 64}}),
            (3, {"type": 7, "data": {"content": "updated"}}),
            (4, {"type": 8, "data": {"choices": [{"name": "a", "value": "a"}]}}),
            (2, {"type": 9, "data": {"custom_id": "m", "title": "Title", "components": [{}]}}),
        ]:
            bot = make_bot(fake.public_key, _constant(answer))
            resp = await fake.interactions.send(bot, fake.interactions.build(kind, {}))
            assert resp.problems == []


@pytest.mark.parametrize("anyio_backend", virtual_time_backends())
async def test_callback_endpoint_flow(anyio_backend: object) -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        calls: list[int] = []

        def via_callback(payload: dict[str, typing.Any]) -> tuple[int, typing.Any]:
            calls.append(1)
            return 202, None

        bot = make_bot(fake.public_key, via_callback)
        payload = fake.interactions.command("later", channel_id=channel)
        resp = await fake.interactions.send(bot, payload)
        assert (resp.status, resp.problems) == (202, [])
        url = f"/interactions/{payload['id']}/{payload['token']}/callback"
        # The callback route needs no bot token and is not globally limited.
        del c.headers["Authorization"]
        r = await c.post(
            url, json={"type": 4, "data": {"content": "done"}}, params={"with_response": "true"}
        )
        assert r.status_code == 200
        assert r.json()["resource"]["message"]["content"] == "done"
        assert "x-ratelimit-bucket" not in r.headers
        again = await c.post(url, json={"type": 4, "data": {"content": "twice"}})
        assert (again.status_code, again.json()["code"]) == (400, 40060)
        hook = f"/webhooks/{fake.application_id}/{payload['token']}"
        follow = await c.post(hook, json={"content": "follow-up"})
        assert follow.status_code == 200
        assert follow.json()["content"] == "follow-up"
        # Tokens die after 15 minutes; an unanswered interaction after 3 seconds.
        late = fake.interactions.command("late", channel_id=channel)
        fake.world.interactions[late["token"]].created_at = anyio.current_time()
        await anyio.sleep(3.1)
        r = await c.post(f"/interactions/{late['id']}/{late['token']}/callback", json={"type": 5})
        assert (r.status_code, r.json()["code"]) == (404, 10062)
        await anyio.sleep(15 * 60)
        r = await c.post(hook, json={"content": "too late"})
        assert (r.status_code, r.json()["code"]) == (401, 50027)


async def test_send_to_an_http_url() -> None:
    from hypercorn.config import Config

    async with running_fake(rest_over_tcp=False) as fake:
        bot = make_bot(fake.public_key, message_answer)
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        sock = listener.extra(anyio.abc.SocketAttribute.raw_socket)
        config = Config()
        config.bind = [f"fd://{sock.detach()}"]
        config.errorlog = None
        config.graceful_timeout = 0.5
        if sniffio.current_async_library() == "trio":
            from hypercorn.trio import serve
        else:
            from hypercorn.asyncio import serve  # type: ignore[assignment]
        stop = anyio.Event()
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: serve(bot, config, shutdown_trigger=stop.wait))
            try:
                with anyio.fail_after(5):
                    while True:
                        try:
                            resp = await fake.interactions.send(
                                f"http://127.0.0.1:{port}/", fake.interactions.command("hi")
                            )
                            break
                        except OSError:
                            await anyio.sleep(0.01)
                assert resp.json["data"]["content"] == "pong hi"
                bad = await fake.interactions.send(
                    f"http://127.0.0.1:{port}/", fake.interactions.ping(), bad_signature=True
                )
                assert bad.status == 401
            finally:
                stop.set()
        await listener.aclose()
