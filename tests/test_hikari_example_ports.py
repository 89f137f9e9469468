"""Ports of hikari's examples (tests/data/hikari_example_ports, see its README) run against
FakeDiscord with only the import and the REST URL changed, and do what they say.

Each script calls `bot.run()` (or `anyio.run`), so it runs in a subprocess, as a user runs it:
`bot.run()` owns its event loop and its signal handlers, which an in-process test cannot give
it; the subprocess gets the test's backend through `ANYCORD_BACKEND`, so every port runs under
asyncio and under Trio. A SIGINT ends it, and it must exit cleanly (status 0).
"""

from __future__ import annotations

import array
import base64
import math
import os
import signal
import sys
import typing
import wave
from pathlib import Path

import anyio
import anyio.abc
import pytest

import anycord
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

PORTS = Path(__file__).parent / "data" / "hikari_example_ports"
SRC = str(Path(anycord.__file__).resolve().parents[1])
_BOT = 'hikari.GatewayBot(token=os.environ["BOT_TOKEN"])'
_APP = "hikari.RESTApp()"

pytestmark = pytest.mark.slow


def converted(name: str, rest_url: str) -> str:
    """The port with `import anycord as hikari` and `rest_url=` and nothing else changed."""
    original = (PORTS / name).read_text()
    assert original.count("import hikari\n") == 1
    assert original.count(_BOT) + original.count(_APP) == 1
    bot = f'hikari.GatewayBot(token=os.environ["BOT_TOKEN"], rest_url={rest_url!r})'
    app = f"hikari.RESTApp(rest_url={rest_url!r})"
    source = original.replace("import hikari\n", "import anycord as hikari\n")
    source = source.replace(_BOT, bot).replace(_APP, app)
    # Undoing the two substitutions gives the file back byte for byte.
    back = source.replace("import anycord as hikari\n", "import hikari\n")
    assert back.replace(bot, _BOT).replace(app, _APP) == original
    return source


class Port:
    """A running port: its process and where its output goes."""

    def __init__(self, process: anyio.abc.Process, log: Path) -> None:
        self.process = process
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")


async def start_port(
    name: str, fake: FakeDiscord, tmp_path: Path, backend: str, **env: str
) -> Port:
    script = tmp_path / name
    script.write_text(converted(name, fake.rest_url))
    log = tmp_path / f"{name}.log"
    environment = {
        **os.environ,
        "BOT_TOKEN": fake.token,
        "ANYCORD_BACKEND": backend,
        "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]),
        **env,
    }
    with log.open("wb") as out:
        process = await anyio.open_process(
            [sys.executable, str(script)], stdout=out, stderr=out, env=environment
        )
    return Port(process, log)


async def stop(port: Port, *, interrupt: bool = True) -> None:
    if interrupt and port.process.returncode is None:
        port.process.send_signal(signal.SIGINT)
    with anyio.fail_after(30):
        code = await port.process.wait()
    assert code == 0, port.output()


async def until(check: Callable[[], bool], port: Port, what: str) -> None:
    with anyio.move_on_after(30):
        while not check():
            if port.process.returncode is not None:
                break
            await anyio.sleep(0.05)
        else:
            return
    pytest.fail(f"{what} did not happen; the port's output:\n{port.output()}")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake


def messages(fake: FakeDiscord, channel_id: object) -> list[dict[str, typing.Any]]:
    return list(fake.world.messages[int(str(channel_id))].values())


def by_bot(fake: FakeDiscord, channel_id: object) -> list[str]:
    bot_id = str(fake.bot_user["id"])
    return [m["content"] for m in messages(fake, channel_id) if m["author"]["id"] == bot_id]


async def test_hello_world_answers_ping(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    human = fake.add_user(username="human")
    robot = fake.add_user(username="robot", bot=True)
    dm = fake.dm_channel(human["id"])
    port = await start_port("hello_world.py", fake, tmp_path, anyio_backend)
    try:
        await until(lambda: bool(fake.gateway.live_connections()), port, "READY")
        fake.add_message(dm["id"], "!ping", author=robot["id"])
        fake.add_message(dm["id"], "hello", author=human["id"])
        fake.add_message(dm["id"], "!ping", author=human["id"])
        await until(lambda: bool(by_bot(fake, dm["id"])), port, "a Pong")
        await anyio.sleep(0.3)
        replies = by_bot(fake, dm["id"])
        assert len(replies) == 1, replies
        assert replies[0].startswith("Pong! ")
        assert replies[0].endswith("ms")
    finally:
        await stop(port)


async def _command(fake: FakeDiscord, name: str, guild: dict[str, typing.Any]) -> typing.Any:
    payload = fake.interactions.command(
        name, channel_id=guild["channels"][0]["id"], guild_id=guild["id"]
    )
    record = fake.world.interactions[payload["token"]]
    record.created_at = anyio.current_time()
    await fake.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=int(guild["id"]))
    return record


async def test_slash_registers_and_answers_its_commands(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    guild = fake.add_guild(name="g", channels=1, members=2)
    port = await start_port(
        "slash.py", fake, tmp_path, anyio_backend, COMMAND_GUILD_ID=str(guild["id"])
    )
    try:
        await until(
            lambda: len(fake.world.commands) == 3, port, "the three commands to be registered"
        )
        assert sorted(c["name"] for c in fake.world.commands.values()) == [
            "ephemeral",
            "info",
            "ping",
        ]
        await until(lambda: bool(fake.gateway.live_connections()), port, "READY")
        ping = await _command(fake, "ping", guild)
        secret = await _command(fake, "ephemeral", guild)
        await until(
            lambda: ping.response is not None and secret.response is not None, port, "answers"
        )
        assert ping.response["type"] == 4
        assert ping.response["data"]["content"].startswith("Pong! ")
        assert secret.response["data"]["flags"] == 64
    finally:
        await stop(port)


async def test_image_resources_types_while_answering_from_the_cache(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    guild = fake.add_guild(name="g", channels=1, members=2)
    channel_id = guild["channels"][0]["id"]
    human = guild["members"][-1]["user"]
    typing_seen: list[str] = []

    def on_world(name: str, payload: typing.Any, guild_id: int | None) -> None:
        if name == "TYPING_START":
            typing_seen.append(str(payload["channel_id"]))

    fake.world.listeners.append(on_world)
    port = await start_port("image_resources.py", fake, tmp_path, anyio_backend)
    try:
        await until(lambda: bool(fake.gateway.live_connections()), port, "READY")
        await anyio.sleep(0.3)  # GUILD_CREATE reaches the cache
        # Mentioning the bot keeps the content without the privileged intent, as on Discord.
        fake.add_message(channel_id, "!image guild", author=human["id"], mentions=[fake.bot_user])
        await until(lambda: bool(by_bot(fake, channel_id)), port, "an answer")
        assert by_bot(fake, channel_id) == ["This guild doesn't have an icon"]
        assert typing_seen == [str(channel_id)]
    finally:
        await stop(port)


async def test_oauth_exchanges_the_code_and_announces_the_user(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    guild = fake.add_guild(name="g", channels=1)
    channel_id = guild["channels"][0]["id"]
    user = fake.add_user(username="alice")
    code = fake.authorize(user["id"], redirect_uri="http://localhost:8080")
    port = await start_port(
        "oauth.py",
        fake,
        tmp_path,
        anyio_backend,
        CLIENT_ID=str(fake.application_id),
        CLIENT_SECRET=fake.world.client_secret,
        CHANNEL_ID=str(channel_id),
        OAUTH_CODE=code,
    )
    await stop(port, interrupt=False)  # it runs to completion
    assert "Successfully authenticated!" in port.output()
    assert by_bot(fake, channel_id) == [f"alice ({user['id']}) just authorized!"]
    for secret in (code, fake.world.client_secret):
        assert secret not in port.output()


async def test_components_bot_sends_v2_messages_and_modals(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    guild = fake.add_guild(name="g", channels=1, members=2)
    port = await start_port(
        "components_bot.py", fake, tmp_path, anyio_backend, COMMAND_GUILD_ID=str(guild["id"])
    )
    try:
        await until(lambda: len(fake.world.commands) == 2, port, "command registration")
        await until(lambda: bool(fake.gateway.live_connections()), port, "READY")
        v2 = await _command(fake, "message-components", guild)
        modal = await _command(fake, "modal-text", guild)
        await until(lambda: v2.response is not None and modal.response is not None, port, "answers")
        data = v2.response["data"]
        assert data["flags"] & int(anycord.MessageFlag.IS_COMPONENTS_V2)
        container = data["components"][0]
        assert container["type"] == 17
        assert [c["type"] for c in container["components"]] == [10, 9, 14, 1, 1, 12]
        assert modal.response["type"] == 9
        label = modal.response["data"]["components"][0]
        assert label["type"] == 18
        assert label["component"]["custom_id"] == "favourite-colour"
    finally:
        await stop(port)


def _write_wav(path: Path, seconds: float, rate: int = 8000) -> None:
    frames = int(seconds * rate)
    samples = array.array("h", (int(8000 * math.sin(i / 10)) for i in range(frames)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


async def test_voice_message_answers_audio_with_a_voice_message(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    guild = fake.add_guild(name="g", channels=1, members=2)
    channel_id = guild["channels"][0]["id"]
    human = guild["members"][-1]["user"]
    sample = tmp_path / "sample.wav"
    _write_wav(sample, 1.5)
    port = await start_port(
        "voice_message.py", fake, tmp_path, anyio_backend, VOICE_SAMPLE=str(sample)
    )
    try:
        await until(lambda: bool(fake.gateway.live_connections()), port, "READY")
        await anyio.sleep(0.3)
        fake.add_message(channel_id, "!audio", author=human["id"], mentions=[fake.bot_user])
        bot_id = str(fake.bot_user["id"])

        def voice() -> list[dict[str, typing.Any]]:
            return [m for m in messages(fake, channel_id) if m["author"]["id"] == bot_id]

        await until(lambda: bool(voice()), port, "a voice message")
        (sent,) = voice()
        assert sent["flags"] & int(anycord.MessageFlag.IS_VOICE_MESSAGE)
        (attachment,) = sent["attachments"]
        assert attachment["content_type"].startswith("audio/")
        assert attachment["duration_secs"] == 1.5
        # 100 ms per point: 15 points, one byte each.
        assert len(base64.b64decode(attachment["waveform"])) == 15
    finally:
        await stop(port)


async def test_simple_dashboard_answers_its_prefix_commands_in_guilds(
    fake: FakeDiscord, tmp_path: Path, anyio_backend: str
) -> None:
    guild = fake.add_guild(name="g", channels=1, members=2)
    channel_id = guild["channels"][0]["id"]
    human = guild["members"][-1]["user"]
    dm = fake.dm_channel(human["id"])
    port = await start_port(
        "simple_dashboard.py", fake, tmp_path, anyio_backend, DASHBOARD_VALUE="96"
    )
    try:
        await until(lambda: bool(fake.gateway.live_connections()), port, "READY")
        await anyio.sleep(0.3)
        fake.add_message(dm["id"], ",ping", author=human["id"])  # not a guild message
        for content in (",ping", ",nothing", ",value"):
            fake.add_message(channel_id, content, author=human["id"], mentions=[fake.bot_user])
        await until(lambda: len(by_bot(fake, channel_id)) == 2, port, "two answers")
        await anyio.sleep(0.3)
        assert by_bot(fake, channel_id) == ["Pong!", "Current value: 96"]
        assert by_bot(fake, dm["id"]) == []
    finally:
        await stop(port)
