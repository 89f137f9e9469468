"""InteractionServer.on_interaction without any transport: verify, parse, route, respond."""

from __future__ import annotations

import logging

import anyio
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.errors import ComponentStateConflictError
from anycord.interactions import (
    InteractionDeferredBuilder,
    InteractionMessageBuilder,
    InteractionServer,
    ResponseType,
)
from anycord.interactions.server import check_request

from .signing import (
    PUBLIC_KEY_HEX,
    FakeAutocomplete,
    FakeCommand,
    FakeComponent,
    FakeInteraction,
    command_body,
    fake_decoder,
    sign,
)


def make_server() -> InteractionServer:
    return InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)


async def call(server: InteractionServer, body: bytes, *, tamper: bool = False):
    signature, timestamp = sign(body)
    if tamper:
        timestamp = str(int(timestamp) + 1)
    return await server.on_interaction(body, bytes.fromhex(signature), timestamp.encode())


async def test_ping_is_answered_with_pong() -> None:
    response = await call(make_server(), b'{"type":1}')
    assert response.status_code == 200
    assert response.payload == b'{"type":1}'
    assert response.headers["content-type"] == "application/json"


async def test_bad_signature_is_401_and_logged_without_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="anycord.interactions")
    response = await call(make_server(), b'{"type":1}', tamper=True)
    assert response.status_code == 401
    assert all(r.levelno < logging.WARNING and r.exc_info is None for r in caplog.records)


async def test_signature_covers_the_body() -> None:
    server = make_server()
    signature, timestamp = sign(b'{"type":1}')
    response = await server.on_interaction(
        b'{"type":2}', bytes.fromhex(signature), timestamp.encode()
    )
    assert response.status_code == 401


async def test_short_signature_is_401_not_an_error() -> None:
    response = await make_server().on_interaction(b'{"type":1}', b"\x00" * 3, b"1")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"no_type": 1}', 400),
        (b'{"type": "1"}', 400),
        (b'{"type": true}', 400),
        (b'{"type": 99}', 501),
        (b'{"type": 3}', 501),  # decodes, but nobody listens to components
    ],
)
async def test_client_mistakes_get_clear_statuses(body: bytes, status: int) -> None:
    server = make_server()
    server.set_listener(FakeCommand, _reply("x"))
    response = await call(server, body)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")


def _reply(content: str):
    async def listener(interaction: FakeInteraction) -> InteractionMessageBuilder:
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).set_content(content)

    return listener


async def test_listener_builder_becomes_a_json_response() -> None:
    server = make_server()
    seen: list[FakeInteraction] = []

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        seen.append(interaction)
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="pong", flags=64)

    server.set_listener(FakeCommand, listener)
    response = await call(server, command_body())
    assert response.status_code == 200
    assert orjson.loads(response.payload or b"") == {
        "type": 4,
        "data": {"content": "pong", "flags": 64},
    }
    assert isinstance(seen[0], FakeCommand)
    assert seen[0].payload["data"]["name"] == "ping"


async def test_listener_returning_none_is_202_with_no_body() -> None:
    server = make_server()

    async def listener(interaction: FakeCommand) -> None:
        return None

    server.set_listener(FakeCommand, listener)
    response = await call(server, command_body())
    assert response.status_code == 202
    assert not response.payload
    assert response.headers == {"content-length": "0"}


async def test_listener_error_is_500_and_logged_at_error(caplog: pytest.LogCaptureFixture) -> None:
    server = make_server()

    async def listener(interaction: FakeCommand) -> None:
        raise ZeroDivisionError

    server.set_listener(FakeCommand, listener)
    response = await call(server, command_body())
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors
    assert errors[0].exc_info is not None


async def test_builder_that_breaks_a_limit_is_500() -> None:
    server = make_server()

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        builder = InteractionMessageBuilder(ResponseType.MESSAGE_CREATE)
        for _ in range(6):
            builder.add_component({"type": 1, "components": []})
        return builder

    server.set_listener(FakeCommand, listener)
    assert (await call(server, command_body())).status_code == 500


async def test_listener_registry() -> None:
    server = make_server()
    first, second = _reply("1"), _reply("2")
    server.set_listener(FakeCommand, first)
    assert server.get_listener(FakeCommand) is first
    with pytest.raises(TypeError, match="replace=True"):
        server.set_listener(FakeCommand, second)
    server.set_listener(FakeCommand, second, replace=True)
    assert server.get_listener(FakeCommand) is second
    server.set_listener(FakeCommand, None)
    assert server.get_listener(FakeCommand) is None
    assert (await call(server, command_body())).status_code == 501


async def test_base_class_listener_receives_subtypes_without_their_own() -> None:
    server = make_server()
    server.set_listener(FakeInteraction, _reply("base"))
    server.set_listener(FakeComponent, _reply("component"))
    base = await call(server, command_body())
    assert orjson.loads(base.payload or b"")["data"]["content"] == "base"
    component = await call(server, orjson.dumps({"type": 3, "token": "t", "id": "1"}))
    assert orjson.loads(component.payload or b"")["data"]["content"] == "component"
    assert server.get_listener(FakeAutocomplete) is None


async def test_generator_listener_continues_after_the_response_is_sent() -> None:
    server = make_server()
    steps: list[str] = []
    done = anyio.Event()

    async def listener(interaction: FakeCommand):
        steps.append("before")
        yield InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_CREATE)
        steps.append("after")
        done.set()

    server.set_listener(FakeCommand, listener)
    async with server.run():
        response = await call(server, command_body())
        assert response.status_code == 200
        assert orjson.loads(response.payload or b"") == {"type": 5}
        await anyio.sleep(0.01)
        assert steps == ["before"], "the continuation must wait until the response is sent"
        response.mark_sent()
        with anyio.fail_after(1):
            await done.wait()
    assert steps == ["before", "after"]


async def test_generator_yielding_twice_is_stopped_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = make_server()
    reached_third: list[bool] = []

    async def listener(interaction: FakeCommand):
        yield _reply_builder("one")
        yield _reply_builder("two")
        reached_third.append(True)

    server.set_listener(FakeCommand, listener)
    async with server.run():
        response = await call(server, command_body())
        response.mark_sent()
    assert reached_third == []
    assert any("more than one response" in r.getMessage() for r in caplog.records)


def _reply_builder(content: str) -> InteractionMessageBuilder:
    return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content=content)


async def test_generator_without_a_response_is_500() -> None:
    server = make_server()

    async def listener(interaction: FakeCommand):
        return
        yield  # pragma: no cover

    server.set_listener(FakeCommand, listener)
    async with server.run():
        assert (await call(server, command_body())).status_code == 500


async def test_generator_listener_needs_a_running_server() -> None:
    server = make_server()

    async def listener(interaction: FakeCommand):
        yield _reply_builder("x")

    server.set_listener(FakeCommand, listener)
    assert (await call(server, command_body())).status_code == 500


async def test_run_cancels_overrunning_continuations_at_its_deadline() -> None:
    server = make_server()
    cancelled: list[bool] = []

    async def listener(interaction: FakeCommand):
        yield _reply_builder("x")
        try:
            await anyio.sleep_forever()
        finally:
            cancelled.append(True)

    server.set_listener(FakeCommand, listener)
    with anyio.fail_after(2):
        async with server.run(shutdown_timeout=0.05):
            (await call(server, command_body())).mark_sent()
            await anyio.sleep(0.01)
    assert cancelled == [True]


async def test_run_twice_conflicts() -> None:
    server = make_server()
    async with server.run():
        with pytest.raises(ComponentStateConflictError):
            async with server.run():
                pass


async def test_public_key_is_fetched_once_when_not_given() -> None:
    calls: list[int] = []

    async def fetch() -> str:
        calls.append(1)
        await anyio.sleep(0.01)
        return PUBLIC_KEY_HEX

    server = InteractionServer(decoder=fake_decoder, fetch_public_key=fetch)
    async with anyio.create_task_group() as tg:
        for _ in range(3):
            tg.start_soon(call, server, b'{"type":1}')
    assert calls == [1]
    assert (await call(server, b'{"type":1}')).status_code == 200


def test_constructor_validates_the_key() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        InteractionServer(public_key="abcd")
    with pytest.raises(ValueError, match="public_key"):
        InteractionServer()


@pytest.mark.parametrize(
    ("content_type", "signature", "timestamp", "status"),
    [
        (None, "00", "1", 415),
        ("text/plain", "00", "1", 415),
        ("application/json; charset=utf-8", None, "1", 401),
        ("application/json", "00", None, 401),
        ("application/json", "zz", "1", 401),
        ("APPLICATION/JSON", "00", "1", None),
    ],
)
def test_header_checks(content_type, signature, timestamp, status) -> None:
    failure, _, _ = check_request(
        content_type=content_type, signature=signature, timestamp=timestamp
    )
    assert (failure.status_code if failure else None) == status


@settings(max_examples=200, deadline=None)
@given(
    body=st.binary(max_size=256), signature=st.binary(max_size=80), timestamp=st.binary(max_size=20)
)
def test_hostile_input_never_raises_and_never_passes(
    body: bytes, signature: bytes, timestamp: bytes
) -> None:
    server = make_server()
    server.set_listener(FakeInteraction, _reply("x"))
    response = anyio.run(server.on_interaction, body, signature, timestamp)
    assert response.status_code == 401
