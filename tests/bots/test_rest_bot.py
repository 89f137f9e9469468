"""RESTBot served by hypercorn on loopback, driven by FakeDiscord's signed interaction sender."""

from __future__ import annotations

import contextlib
import functools
import socket
import typing

import anyio
import httpx
import orjson
import pytest

from anycord.bots.lifecycle import LifecycleState
from anycord.bots.rest_bot import RESTBot
from anycord.errors import ComponentStateConflictError
from anycord.interactions import (
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionLaunchActivityBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    ResponseType,
)
from anycord.interactions.builders import EPHEMERAL_FLAG
from anycord.models.interactions import (
    AutocompleteInteraction,
    CommandInteraction,
    ComponentInteraction,
    ModalInteraction,
)
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator


@pytest.fixture(params=["builtin", "hypercorn"])
def http_server(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextlib.asynccontextmanager
async def running_bot(
    fake: FakeDiscord, bot: RESTBot | None = None, **start: typing.Any
) -> AsyncIterator[tuple[RESTBot, str]]:
    bot = bot or RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
    start.setdefault("host", "127.0.0.1")
    start.setdefault("port", 0)
    async with anyio.create_task_group() as tg:
        with anyio.fail_after(5):
            await tg.start(functools.partial(bot.start, **start))
        assert bot.is_alive
        try:
            yield bot, bot.addresses[0] + "/"
        finally:
            if bot.is_alive:
                with anyio.fail_after(5):
                    await bot.close()


def text_modal() -> dict[str, typing.Any]:
    return {
        "type": 18,
        "label": "Name",
        "component": {"type": 4, "custom_id": "name", "style": 1},
    }


async def responder(interaction: CommandInteraction):
    name = interaction.command_name
    if name == "hello":
        return InteractionMessageBuilder(
            ResponseType.MESSAGE_CREATE, content=f"hi {interaction.user.username}"
        )
    if name == "think":
        return InteractionDeferredBuilder(
            ResponseType.DEFERRED_MESSAGE_CREATE, flags=EPHEMERAL_FLAG
        )
    if name == "form":
        return InteractionModalBuilder("Tell me", "form-1", [text_modal()])
    if name == "play":
        return InteractionLaunchActivityBuilder()
    if name == "later":
        return None
    raise LookupError(name)


async def component_responder(interaction: ComponentInteraction):
    if interaction.custom_id == "update":
        return InteractionMessageBuilder(
            ResponseType.MESSAGE_UPDATE, content="updated"
        ).clear_components()
    return InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_UPDATE)


async def autocomplete_responder(interaction: AutocompleteInteraction):
    return InteractionAutocompleteBuilder([("one", 1), ("two", 2)])


async def modal_responder(interaction: ModalInteraction):
    return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="thanks")


async def test_ping_and_signature_over_loopback(http_server: str) -> None:
    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (_bot, url):
        pong = await fake.interactions.send(url, fake.interactions.ping())
        assert pong.status == 200
        assert pong.json == {"type": 1}
        assert pong.headers["content-type"] == "application/json"
        bad = await fake.interactions.send(url, fake.interactions.ping(), bad_signature=True)
        assert bad.status == 401


async def test_every_response_type_over_loopback(http_server: str) -> None:
    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (bot, url):
        bot.set_listener(CommandInteraction, responder)
        bot.set_listener(ComponentInteraction, component_responder)
        bot.set_listener(AutocompleteInteraction, autocomplete_responder)
        bot.set_listener(ModalInteraction, modal_responder)
        send = fake.interactions.send
        it = fake.interactions

        answer = await send(url, it.command("hello"))
        assert answer.json == {"type": 4, "data": {"content": "hi user1"}}
        answer = await send(url, it.command("think"))
        assert answer.json == {"type": 5, "data": {"flags": 64}}
        answer = await send(url, it.command("form"))
        assert answer.json["type"] == 9
        assert answer.json["data"]["custom_id"] == "form-1"
        assert (await send(url, it.command("play"))).json == {"type": 12}
        later = await send(url, it.command("later"))
        assert (later.status, later.content) == (202, b"")

        channel = fake.add_channel(fake.add_guild(name="g")["id"])
        message = fake.add_message(channel["id"], "with a button")
        answer = await send(url, it.component("update", message=message))
        assert answer.json == {"type": 7, "data": {"content": "updated", "components": []}}
        answer = await send(url, it.component("other", message=message))
        assert answer.json == {"type": 6}

        autocomplete = it.build(4, {"id": "1", "name": "pick", "type": 1, "options": []})
        answer = await send(url, autocomplete)
        assert answer.json == {
            "type": 8,
            "data": {"choices": [{"name": "one", "value": 1}, {"name": "two", "value": 2}]},
        }
        modal = it.build(5, {"custom_id": "form-1", "components": []})
        assert (await send(url, modal)).json == {"type": 4, "data": {"content": "thanks"}}


async def test_status_code_table_over_loopback(http_server: str) -> None:
    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (bot, url):
        bot.set_listener(CommandInteraction, responder)
        it = fake.interactions

        def signed(payload: typing.Any, **headers: str) -> tuple[bytes, dict[str, str]]:
            body = payload if isinstance(payload, bytes) else orjson.dumps(payload)
            stamp = "1700000000"
            base = {
                "content-type": "application/json",
                "x-signature-ed25519": it.sign(stamp, body),
                "x-signature-timestamp": stamp,
            }
            return body, {**base, **headers}

        async with httpx.AsyncClient(base_url=url) as http:

            async def status(
                method: str = "POST", path: str = "/", payload: typing.Any = b'{"type":1}', **h: str
            ):
                body, headers = signed(payload, **h)
                headers = {k: v for k, v in headers.items() if v}
                return (await http.request(method, path, content=body, headers=headers)).status_code

            assert await status() == 200
            assert await status("GET") == 405
            assert await status(path="/nope") == 404
            assert await status(**{"content-type": "text/plain"}) == 415
            assert await status(**{"x-signature-ed25519": ""}) == 401
            assert await status(**{"x-signature-timestamp": ""}) == 401
            assert await status(**{"x-signature-ed25519": "nothex"}) == 401
            assert await status(payload=b"") == 400
            assert await status(payload=b"{oops") == 400
            assert await status(payload={"type": 77}) == 501
            assert await status(payload=it.command("unknown")) == 500
            channel = fake.add_channel(fake.add_guild(name="g")["id"])
            component = it.component("x", message=fake.add_message(channel["id"]))
            assert await status(payload=component) == 501
            assert await status(payload=it.command("later")) == 202


async def test_oversized_body_is_refused_before_it_is_read(http_server: str) -> None:
    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (_bot, url):
        host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
        head = (
            "POST / HTTP/1.1\r\nhost: bot\r\ncontent-type: application/json\r\n"
            "x-signature-ed25519: 00\r\nx-signature-timestamp: 1\r\n"
            f"content-length: {1024**2 + 1}\r\n\r\n"
        )
        async with await anyio.connect_tcp(host, int(port)) as stream:
            await stream.send(head.encode() + b"{")
            with anyio.fail_after(2):
                answer = await stream.receive()
        assert answer.startswith(b"HTTP/1.1 413 ")
        assert b"connection: close" in answer.lower()


async def test_multipart_files_over_loopback(tmp_path, http_server: str) -> None:
    data = tmp_path / "data.bin"
    data.write_bytes(bytes(range(256)) * 1000)

    async def upload(interaction: CommandInteraction):
        return InteractionMessageBuilder(
            ResponseType.MESSAGE_CREATE, content="see file"
        ).add_attachment(data)

    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (bot, url):
        bot.set_listener(CommandInteraction, upload)
        answer = await fake.interactions.send(url, fake.interactions.command("upload"))
    assert answer.json["data"] == {
        "content": "see file",
        "attachments": [{"id": 0, "filename": "data.bin"}],
    }
    (file,) = answer.files
    assert (file.field, file.filename, file.data) == ("files[0]", "data.bin", data.read_bytes())


async def test_generator_listener_continues_in_the_bots_tree(http_server: str) -> None:
    steps: list[str] = []
    finished = anyio.Event()

    async def slow(interaction: CommandInteraction):
        steps.append("respond")
        yield InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_CREATE)
        steps.append("continue")
        await anyio.sleep(0.01)
        steps.append("done")
        finished.set()

    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (bot, url):
        bot.set_listener(CommandInteraction, slow)
        answer = await fake.interactions.send(url, fake.interactions.command("slow"))
        assert answer.json == {"type": 5}
        with anyio.fail_after(2):
            await finished.wait()
    assert steps == ["respond", "continue", "done"]


async def test_close_waits_for_requests_in_flight(http_server: str) -> None:
    entered = anyio.Event()
    release = anyio.Event()

    async def slow(interaction: CommandInteraction):
        entered.set()
        await release.wait()
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="made it")

    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
        bot.set_listener(CommandInteraction, slow)
        answers: list[typing.Any] = []
        closed = anyio.Event()
        async with running_bot(fake, bot, http_server=http_server) as (_, url):

            async def request() -> None:
                answers.append(await fake.interactions.send(url, fake.interactions.command("slow")))

            async def close() -> None:
                await bot.close()
                closed.set()

            async with anyio.create_task_group() as tg:
                tg.start_soon(request)
                with anyio.fail_after(2):
                    await entered.wait()
                tg.start_soon(close)
                await anyio.sleep(0.05)
                assert not closed.is_set(), "close must wait for the request in flight"
                assert bot._lifecycle.state is LifecycleState.CLOSING
                release.set()
            with anyio.fail_after(5):
                await closed.wait()
        assert answers[0].json == {"type": 4, "data": {"content": "made it"}}
        assert not bot.is_alive


async def test_close_cancels_requests_that_overrun_the_shutdown_timeout(http_server: str) -> None:
    entered = anyio.Event()

    async def stuck(interaction: CommandInteraction):
        entered.set()
        await anyio.sleep_forever()

    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
        bot.set_listener(CommandInteraction, stuck)
        async with (
            running_bot(fake, bot, shutdown_timeout=0.2, http_server=http_server) as (_, url),
            anyio.create_task_group() as tg,
        ):

            async def request() -> None:
                with contextlib.suppress(httpx.HTTPError):
                    await fake.interactions.send(
                        url, fake.interactions.command("stuck"), check=False
                    )

            tg.start_soon(request)
            with anyio.fail_after(2):
                await entered.wait()
            with anyio.fail_after(3):
                await bot.close()
        assert not bot.is_alive


async def test_lifecycle_and_callbacks_in_order(http_server: str) -> None:
    log: list[str] = []

    def record(name: str):
        async def callback(bot: RESTBot) -> None:
            log.append(f"{name}:{bot.rest.is_alive}")

        return callback

    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
        with pytest.raises(ComponentStateConflictError):
            await bot.close()
        with pytest.raises(ComponentStateConflictError):
            await bot.join()
        bot.add_startup_callback(record("start1"))
        bot.add_startup_callback(record("start2"))
        bot.add_shutdown_callback(record("stop1"))
        bot.add_shutdown_callback(record("stop2"))
        assert len(bot.startup_callbacks) == 2
        async with running_bot(fake, bot, http_server=http_server):
            assert log == ["start1:True", "start2:True"]
            with pytest.raises(ComponentStateConflictError):
                await bot.start()
        assert log == ["start1:True", "start2:True", "stop1:True", "stop2:True"]
        await bot.join()
        with pytest.raises(ComponentStateConflictError):
            _ = bot.rest
        # A closed bot starts again with a fresh REST client.
        async with running_bot(fake, bot, http_server=http_server) as (_, url):
            assert (await fake.interactions.send(url, fake.interactions.ping())).status == 200


async def test_failing_startup_callback_propagates_and_closes_everything() -> None:
    async def broken(bot: RESTBot) -> None:
        raise RuntimeError("cannot start")

    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
        bot.add_startup_callback(broken)
        with pytest.raises(RuntimeError, match="cannot start"):
            await bot.start("127.0.0.1", 0)
        assert not bot.is_alive
        assert bot._lifecycle.state is LifecycleState.CLOSED


async def test_unix_socket_and_prebound_socket(tmp_path, http_server: str) -> None:
    path = str(tmp_path / "bot.sock")
    async with FakeDiscord() as fake:
        async with running_bot(fake, host=None, port=None, path=path, http_server=http_server) as (
            bot,
            _,
        ):
            assert bot.addresses == (f"http://unix:{path}",)
            transport = httpx.AsyncHTTPTransport(uds=path)
            async with httpx.AsyncClient(transport=transport) as http:
                body = orjson.dumps({"type": 1})
                stamp = "1"
                response = await http.post(
                    "http://bot/",
                    content=body,
                    headers={
                        "content-type": "application/json",
                        "x-signature-ed25519": fake.interactions.sign(stamp, body),
                        "x-signature-timestamp": stamp,
                    },
                )
            assert response.json() == {"type": 1}
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        async with running_bot(
            fake, host=None, port=None, socket=sock, http_server=http_server
        ) as (bot, url):
            assert url == f"http://127.0.0.1:{port}/"
            assert (await fake.interactions.send(url, fake.interactions.ping())).status == 200
        assert sock.fileno() == -1, "the bot closes the sockets it served"


async def test_async_with_starts_and_closes() -> None:
    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        bot_start = bot.start
        bot.start = functools.partial(bot_start, socket=sock)  # type: ignore[method-assign]
        async with bot:
            assert bot.is_alive
            assert (
                await fake.interactions.send(bot.addresses[0], fake.interactions.ping())
            ).status == 200
        assert not bot.is_alive


async def test_public_key_is_fetched_from_the_application_when_not_given() -> None:
    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, rest_url=fake.rest_url)
        async with running_bot(fake, bot) as (_bot, url):
            # The bot never saw the key: it verifies with the one GET /applications/@me gave.
            pong = await fake.interactions.send(url, fake.interactions.ping())
            assert (pong.status, pong.json) == (200, {"type": 1})
            bad = await fake.interactions.send(url, fake.interactions.ping(), bad_signature=True)
            assert bad.status == 401


async def test_an_application_without_a_key_fails_the_start() -> None:
    async with FakeDiscord() as fake:
        fake.world.application["verify_key"] = ""
        bot = RESTBot(fake.token, rest_url=fake.rest_url)
        with anyio.fail_after(5), pytest.raises(RuntimeError, match="no public key"):
            await bot.start("127.0.0.1", 0)
        assert not bot.is_alive


async def test_follow_ups_from_a_generator_listener_reach_discord(http_server: str) -> None:
    done = anyio.Event()
    sent: list[typing.Any] = []

    async def command(interaction: CommandInteraction):
        yield interaction.build_response().set_content("working")
        edited = await interaction.edit_initial_response("finished")
        follow_up = await interaction.execute("and one more thing")
        sent.extend([edited, follow_up])
        done.set()

    async with FakeDiscord() as fake, running_bot(fake, http_server=http_server) as (bot, url):
        bot.set_listener(CommandInteraction, command)
        channel = fake.add_channel(fake.add_guild(name="g")["id"])
        interaction = fake.interactions.command("work", channel_id=channel["id"])
        answer = await fake.interactions.send(url, interaction)
        assert answer.json == {"type": 4, "data": {"content": "working"}}
        with anyio.fail_after(5):
            await done.wait()
        edited, follow_up = sent
        stored = fake.world.messages[int(channel["id"])]
        assert stored[int(edited.id)]["content"] == "finished"
        assert stored[int(follow_up.id)]["content"] == "and one more thing"
        assert follow_up.id != edited.id
        assert len(stored) == 2


async def test_keep_alive_timeout_closes_an_idle_connection(http_server: str) -> None:
    async with (
        FakeDiscord() as fake,
        running_bot(fake, http_server=http_server, keep_alive_timeout=0.3) as (bot, _),
    ):
        host, port = bot.addresses[0].removeprefix("http://").rsplit(":", 1)
        async with await anyio.connect_tcp(host, int(port)) as stream:
            started = anyio.current_time()
            with (
                anyio.fail_after(5),
                contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError),
            ):
                while True:  # until the server closes (hypercorn may say goodbye first)
                    await stream.receive()
            assert 0.2 < anyio.current_time() - started < 3.0


async def test_request_timeout_drops_a_slow_request() -> None:
    async with FakeDiscord() as fake, running_bot(fake, request_timeout=0.3) as (bot, _):
        host, port = bot.addresses[0].removeprefix("http://").rsplit(":", 1)
        async with await anyio.connect_tcp(host, int(port)) as stream:
            await stream.send(b"POST / HTTP/1.1\r\nHost: x\r\n")  # a head that never ends
            started = anyio.current_time()
            received = b""
            with anyio.fail_after(5):
                with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError):
                    while True:
                        received += await stream.receive()
            assert 0.2 < anyio.current_time() - started < 3.0
            assert received == b""  # a slow-loris client is dropped, not answered


@pytest.mark.parametrize(
    ("option", "value"), [("keep_alive_timeout", 0.0), ("request_timeout", -1.0)]
)
async def test_timeouts_must_be_positive(option: str, value: float) -> None:
    async with FakeDiscord() as fake:
        bot = RESTBot(fake.token, public_key=fake.public_key, rest_url=fake.rest_url)
        options: dict[str, typing.Any] = {option: value}
        with pytest.raises(ValueError, match=option):
            await bot.start("127.0.0.1", 0, **options)
        assert not bot.is_alive
