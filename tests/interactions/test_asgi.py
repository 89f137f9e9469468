"""AsgiAdapter: the transport checks, responses (JSON, multipart) and a correct lifespan."""

from __future__ import annotations

import contextlib
import typing

import anyio
import anyio.lowlevel
import httpx
import orjson
import pytest

from anycord.interactions import (
    AsgiAdapter,
    InteractionMessageBuilder,
    InteractionServer,
    ResponseType,
)
from anycord.testing import FakeDiscord

from .signing import (
    PUBLIC_KEY_HEX,
    FakeCommand,
    command_body,
    fake_decoder,
    signed_headers,
)


def make_adapter(**kwargs: typing.Any) -> AsgiAdapter:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder | None:
        name = interaction.payload["data"]["name"]
        if name == "none":
            return None
        if name == "boom":
            raise RuntimeError("listener bug")
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content=name)

    server.set_listener(FakeCommand, listener)
    return AsgiAdapter(server, **kwargs)


def client(adapter: AsgiAdapter) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=adapter), base_url="http://bot")


def _bad_sig_headers(body: bytes) -> dict[str, str]:
    headers = signed_headers(body)
    raw = bytearray(bytes.fromhex(headers["x-signature-ed25519"]))
    raw[5] ^= 0x10
    headers["x-signature-ed25519"] = raw.hex()
    return headers


def _strip(headers: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k not in names}


CASES: list[tuple[str, str, str, typing.Any, int]] = [
    # (id, method, path, headers factory (body -> headers) or None for defaults, status)
    ("wrong path", "POST", "/other", None, 404),
    ("GET", "GET", "/", None, 405),
    ("no content type", "POST", "/", lambda b: _strip(signed_headers(b), "content-type"), 415),
    (
        "text content type",
        "POST",
        "/",
        lambda b: signed_headers(b, **{"content-type": "text/plain"}),
        415,
    ),
    ("no signature", "POST", "/", lambda b: _strip(signed_headers(b), "x-signature-ed25519"), 401),
    (
        "no timestamp",
        "POST",
        "/",
        lambda b: _strip(signed_headers(b), "x-signature-timestamp"),
        401,
    ),
    (
        "signature not hex",
        "POST",
        "/",
        lambda b: signed_headers(b, **{"x-signature-ed25519": "xyz"}),
        401,
    ),
    ("bad signature", "POST", "/", _bad_sig_headers, 401),
]


@pytest.mark.parametrize(
    ("case", "method", "path", "headers", "status"), CASES, ids=[c[0] for c in CASES]
)
async def test_transport_status_table(case, method, path, headers, status) -> None:
    body = command_body()
    async with client(make_adapter()) as http:
        response = await http.request(
            method,
            path,
            content=body if method == "POST" else None,
            headers=(headers or signed_headers)(body),
        )
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    if status == 405:
        assert response.headers["allow"] == "POST"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 400),
        (b"{not json", 400),
        (b'{"type": 42}', 501),
        (command_body("boom"), 500),
        (command_body("none"), 202),
        (b'{"type": 1}', 200),
        (command_body("hello"), 200),
    ],
)
async def test_body_status_table(body: bytes, status: int) -> None:
    async with client(make_adapter()) as http:
        response = await http.post("/", content=body, headers=signed_headers(body))
    assert response.status_code == status
    if status == 200:
        assert response.headers["content-type"] == "application/json"
        assert response.headers["content-length"] == str(len(response.content))
    if status == 202:
        assert response.content == b""


async def test_declared_oversized_body_is_413_before_reading() -> None:
    body = command_body()
    async with client(make_adapter(max_body_size=len(body) - 1)) as http:
        response = await http.post("/", content=body, headers=signed_headers(body))
    assert response.status_code == 413


async def test_streamed_oversized_body_is_413() -> None:
    adapter = make_adapter(max_body_size=10)
    body = command_body()
    headers = [(k.encode(), v.encode()) for k, v in signed_headers(body).items()]
    chunks = [body[:8], body[8:16], body[16:]]
    sent: list[dict[str, typing.Any]] = []

    async def receive() -> dict[str, typing.Any]:
        chunk = chunks.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: typing.Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    await adapter(scope, receive, send)
    assert sent[0]["status"] == 413
    assert chunks, "the adapter must stop reading once the limit is passed"


async def test_mounted_under_a_root_path() -> None:
    adapter = make_adapter(path="/")
    body = command_body("mounted")
    transport = httpx.ASGITransport(app=adapter, root_path="/discord")
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as http:
        response = await http.post("/discord", content=body, headers=signed_headers(body))
    assert response.status_code == 200
    assert orjson.loads(response.content)["data"]["content"] == "mounted"


async def test_multipart_response_streams_every_file(tmp_path) -> None:
    fake = FakeDiscord()
    server = InteractionServer(public_key=fake.public_key, decoder=fake_decoder)
    on_disk = tmp_path / "report.txt"
    on_disk.write_bytes(b"x" * 200_000)

    class Named:
        filename = "hello world.png"
        data = b"\x89PNG fake"

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        builder = InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="files")
        return builder.add_attachment(Named()).add_attachment(on_disk)

    server.set_listener(FakeCommand, listener)
    answer = await fake.interactions.send(AsgiAdapter(server), fake.interactions.command("upload"))
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert answer.json["data"]["attachments"] == [
        {"id": 0, "filename": "hello world.png"},
        {"id": 1, "filename": "report.txt"},
    ]
    assert [(f.field, f.content_type, f.data) for f in answer.files] == [
        ("files[0]", "image/png", b"\x89PNG fake"),
        ("files[1]", "text/plain", b"x" * 200_000),
    ]


async def test_websocket_is_refused() -> None:
    sent: list[dict[str, typing.Any]] = []

    async def receive() -> dict[str, typing.Any]:
        return {"type": "websocket.connect"}

    async def send(message: typing.Any) -> None:
        sent.append(message)

    await make_adapter()({"type": "websocket", "path": "/"}, receive, send)
    assert sent == [{"type": "websocket.close", "code": 1008}]


class Lifespan:
    """Drives an ASGI app's lifespan the way a server does."""

    def __init__(self) -> None:
        self.to_app, self.app_inbox = anyio.create_memory_object_stream[dict[str, typing.Any]](10)
        self.from_app, self.outbox = anyio.create_memory_object_stream[dict[str, typing.Any]](10)

    async def receive(self) -> dict[str, typing.Any]:
        return await self.app_inbox.receive()

    async def send(self, message: dict[str, typing.Any]) -> None:
        await self.from_app.send(message)

    def close(self) -> None:
        for stream in (self.to_app, self.app_inbox, self.from_app, self.outbox):
            stream.close()

    async def ask(self, kind: str) -> dict[str, typing.Any]:
        await self.to_app.send({"type": f"lifespan.{kind}"})
        with anyio.fail_after(2):
            return await self.outbox.receive()


async def test_lifespan_runs_every_callback_in_order_once() -> None:
    adapter = make_adapter()
    log: list[str] = []

    def record(name: str):
        async def callback() -> None:
            await anyio.lowlevel.checkpoint()
            log.append(name)

        return callback

    for name in ("start-1", "start-2"):
        adapter.add_startup_callback(record(name))
    failing_called: list[bool] = []

    async def failing() -> None:
        failing_called.append(True)
        raise RuntimeError("shutdown hiccup")

    adapter.add_shutdown_callback(record("stop-1"))
    adapter.add_shutdown_callback(failing)
    adapter.add_shutdown_callback(record("stop-3"))
    lifespan = Lifespan()
    with contextlib.closing(lifespan), anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            tg.start_soon(adapter, {"type": "lifespan"}, lifespan.receive, lifespan.send)
            assert await lifespan.ask("startup") == {"type": "lifespan.startup.complete"}
            assert log == ["start-1", "start-2"]
            assert adapter.server.is_running
            answer = await lifespan.ask("shutdown")
    assert answer["type"] == "lifespan.shutdown.failed"
    assert "shutdown hiccup" in answer["message"]
    assert log == ["start-1", "start-2", "stop-1", "stop-3"]
    assert failing_called == [True]
    assert not adapter.server.is_running


async def test_failed_startup_stops_at_the_failing_callback() -> None:
    adapter = make_adapter()
    log: list[str] = []

    async def bad() -> None:
        raise ValueError("no database")

    async def later() -> None:
        log.append("later")

    adapter.add_startup_callback(bad)
    adapter.add_startup_callback(later)
    lifespan = Lifespan()
    with contextlib.closing(lifespan), anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            tg.start_soon(adapter, {"type": "lifespan"}, lifespan.receive, lifespan.send)
            answer = await lifespan.ask("startup")
    assert answer["type"] == "lifespan.startup.failed"
    assert "no database" in answer["message"]
    assert log == []


async def test_callbacks_registry() -> None:
    adapter = make_adapter()

    async def callback() -> None:
        pass

    adapter.add_startup_callback(callback)
    adapter.add_startup_callback(callback)
    assert adapter.on_startup == (callback,)
    adapter.remove_startup_callback(callback)
    with pytest.raises(ValueError):
        adapter.remove_startup_callback(callback)
    adapter.add_shutdown_callback(callback)
    assert adapter.on_shutdown == (callback,)
    adapter.remove_shutdown_callback(callback)
    assert len(adapter.on_shutdown) == 0
    with pytest.raises(ValueError, match="positive"):
        AsgiAdapter(adapter.server, max_body_size=0)


async def test_generator_listeners_finish_before_shutdown_callbacks() -> None:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
    adapter = AsgiAdapter(server)
    log: list[str] = []
    release = anyio.Event()

    async def listener(interaction: FakeCommand):
        yield InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="first")
        await release.wait()
        log.append("continuation done")

    async def on_shutdown() -> None:
        log.append("shutdown callback")

    server.set_listener(FakeCommand, listener)
    adapter.add_shutdown_callback(on_shutdown)
    lifespan = Lifespan()
    with contextlib.closing(lifespan), anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            tg.start_soon(adapter, {"type": "lifespan"}, lifespan.receive, lifespan.send)
            await lifespan.ask("startup")
            body = command_body()
            async with client(adapter) as http:
                response = await http.post("/", content=body, headers=signed_headers(body))
            assert response.status_code == 200
            tg.start_soon(lifespan.ask, "shutdown")
            await anyio.sleep(0.05)
            assert log == []
            release.set()
    assert log == ["continuation done", "shutdown callback"]
