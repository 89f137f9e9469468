"""The voice seam against FakeDiscord: join, hand-over, disconnect, close, timeouts."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.errors import ComponentStateConflictError, MissingIntentError
from anycord.intents import Intents
from anycord.snowflakes import Snowflake, calculate_shard_id
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.testing.world import Payload
    from anycord.voice import VoiceCredentials


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Identify windows are 5 s apart: virtual time runs them in milliseconds.
    return request.param


class RecordingConnection:
    """A third-party voice connection as small as the protocol allows: it records what it got."""

    def __init__(self, credentials: VoiceCredentials, options: dict[str, typing.Any]) -> None:
        self.credentials = credentials
        self.options = options
        self.running = False
        self.exited = False
        self.disconnects = 0
        self.states: list[Mapping[str, typing.Any]] = []
        self.servers: list[Mapping[str, typing.Any]] = []
        self._disconnected = anyio.Event()

    @classmethod
    async def initialize(
        cls, credentials: VoiceCredentials, **kwargs: typing.Any
    ) -> RecordingConnection:
        return cls(credentials, kwargs)

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        self.running = True
        task_status.started()
        try:
            await self._disconnected.wait()
        finally:
            self.running = False
            self.exited = True

    async def disconnect(self) -> None:
        self.disconnects += 1
        self._disconnected.set()

    async def notify_state(self, payload: Mapping[str, typing.Any]) -> None:
        self.states.append(payload)

    async def notify_server(self, payload: Mapping[str, typing.Any]) -> None:
        self.servers.append(payload)


def make_bot(fake: FakeDiscord, **options: typing.Any) -> GatewayBot:
    return GatewayBot(fake.token, rest_url=fake.rest_url, banner=None, logs=None, **options)


def voice_updates(fake: FakeDiscord, guild_id: str) -> list[tuple[int | None, str | None]]:
    """(shard that received it, channel_id) of every op 4 the bot sent for `guild_id`."""
    return [
        (conn.shard_id, payload["d"]["channel_id"])
        for conn in fake.gateway.connections
        for payload in conn.received
        if isinstance(payload, dict)
        and payload.get("op") == 4
        and payload["d"]["guild_id"] == guild_id
    ]


async def until_left(fake: FakeDiscord, *guild_ids: str) -> None:
    """Wait until the fake has received a leave update (channel null) for every guild."""

    def left() -> bool:
        return all(
            voice_updates(fake, g) and voice_updates(fake, g)[-1][1] is None for g in guild_ids
        )

    with anyio.fail_after(5):
        await fake.gateway.wait_until(left)


def voice_channel(guild: Payload) -> str:
    return str(guild["channels"][0]["id"])


async def test_connect_to_hands_the_credentials_to_a_running_connection() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        guilds = [fake.add_guild(name=f"g{i}", channels=1) for i in range(4)]
        async with make_bot(fake) as bot:
            for guild in guilds:
                gid, channel = guild["id"], voice_channel(guild)
                owner = calculate_shard_id(2, int(gid))
                with anyio.fail_after(10):
                    conn = await bot.voice.connect_to(
                        gid, channel, RecordingConnection, deaf=True, bitrate=64
                    )
                creds = conn.credentials
                assert conn.running
                assert conn.options == {"bitrate": 64}
                assert creds.guild_id == Snowflake(gid)
                assert creds.channel_id == Snowflake(channel)
                assert creds.user_id == Snowflake(fake.bot_user["id"])
                assert creds.shard_id == owner
                # The voice session is the gateway session of the shard that owns the guild.
                assert creds.session_id == bot.shards[owner].session_id
                assert creds.endpoint == "voice.test"
                assert creds.token
                assert creds.token not in repr(creds)
                assert creds.session_id not in repr(creds)
                assert bot.voice.connections[Snowflake(gid)] is conn
                assert voice_updates(fake, gid) == [(owner, channel)]
                sent = [
                    p["d"]
                    for c in fake.gateway.connections
                    for p in c.received
                    if isinstance(p, dict) and p.get("op") == 4
                ]
                assert sent[-1]["self_deaf"] is True
                assert sent[-1]["self_mute"] is False
            with pytest.raises(ComponentStateConflictError, match="already"):
                await bot.voice.connect_to(
                    guilds[0]["id"], voice_channel(guilds[0]), RecordingConnection
                )


async def test_later_updates_reach_the_connection() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=2)
        async with make_bot(fake) as bot:
            with anyio.fail_after(10):
                conn = await bot.voice.connect_to(
                    guild["id"], voice_channel(guild), RecordingConnection
                )
                # A move: Discord sends a new state and new server credentials.
                other = str(guild["channels"][1]["id"])
                await bot.update_voice_state(guild["id"], other)
                while not (conn.states and conn.servers):  # noqa: ASYNC110 - plain lists
                    await anyio.sleep(0.01)
            assert conn.states[-1]["channel_id"] == other
            assert conn.servers[-1]["guild_id"] == guild["id"]


async def test_disconnect_and_disconnect_all() -> None:
    async with FakeDiscord() as fake:
        guilds = [fake.add_guild(name=f"g{i}", channels=1) for i in range(3)]
        async with make_bot(fake) as bot:
            conns = []
            with anyio.fail_after(10):
                for guild in guilds:
                    conns.append(
                        await bot.voice.connect_to(
                            guild["id"], voice_channel(guild), RecordingConnection
                        )
                    )
                await bot.voice.disconnect(guilds[0]["id"])
            assert conns[0].exited
            assert conns[0].disconnects == 1
            assert not conns[1].exited
            assert Snowflake(guilds[0]["id"]) not in bot.voice.connections
            await until_left(fake, guilds[0]["id"])
            assert voice_updates(fake, guilds[0]["id"])[-1] == (0, None)
            # No connection: nothing to do, nothing sent.
            await bot.voice.disconnect(guilds[0]["id"])
            assert len(voice_updates(fake, guilds[0]["id"])) == 2
            with anyio.fail_after(10):
                await bot.voice.disconnect_all()
            assert all(c.exited and c.disconnects == 1 for c in conns)
            assert bot.voice.connections == {}
            await until_left(fake, *(g["id"] for g in guilds))
            # A guild can be joined again once disconnected.
            with anyio.fail_after(10):
                again = await bot.voice.connect_to(
                    guilds[0]["id"], voice_channel(guilds[0]), RecordingConnection
                )
            assert again.running


async def test_closing_the_bot_disconnects_everything_and_leaves() -> None:
    async with FakeDiscord() as fake:
        guilds = [fake.add_guild(name=f"g{i}", channels=1) for i in range(2)]
        bot = make_bot(fake)
        conns = []
        async with bot:
            with anyio.fail_after(10):
                for guild in guilds:
                    conns.append(
                        await bot.voice.connect_to(
                            guild["id"], voice_channel(guild), RecordingConnection
                        )
                    )
        assert all(c.exited and c.disconnects == 1 for c in conns)
        assert bot.voice.connections == {}
        assert not bot.voice.is_alive
        # The leave updates went out before the shards closed (on the same connection).
        for guild in guilds:
            assert voice_updates(fake, guild["id"])[-1] == (0, None)
        assert {c.close_code for c in fake.gateway.connections} == {1001}


async def test_a_timeout_leaves_no_pending_join_and_sends_the_leave_update() -> None:
    async with FakeDiscord() as fake:
        fake.add_guild(name="g", channels=1)
        # A guild the bot is not in: Discord never answers the voice state update.
        stranger = str((1 << 40) + 1)
        async with make_bot(fake) as bot:
            for _ in range(2):  # the second try must not see a join still pending
                with pytest.raises(TimeoutError), anyio.fail_after(5):
                    await bot.voice.connect_to(stranger, stranger, RecordingConnection)
                assert bot.voice.connections == {}
                await until_left(fake, stranger)
            assert voice_updates(fake, stranger) == [(0, stranger), (0, None)] * 2


async def test_connect_to_needs_the_voice_states_intent_and_a_running_bot() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        bot = make_bot(fake, intents=Intents.GUILDS)
        with pytest.raises(ComponentStateConflictError, match="not running"):
            await bot.voice.connect_to(guild["id"], voice_channel(guild), RecordingConnection)
        async with bot:
            with pytest.raises(MissingIntentError, match="GUILD_VOICE_STATES"):
                await bot.voice.connect_to(guild["id"], voice_channel(guild), RecordingConnection)
        assert voice_updates(fake, guild["id"]) == []
