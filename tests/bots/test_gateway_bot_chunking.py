"""Auto-chunking (hikari's four conditions) and the activity warnings of GatewayBot."""

from __future__ import annotations

import typing
import warnings

import anyio
import pytest

from anycord.bots.gateway_bot import GatewayBot
from anycord.config import CacheComponents, CacheSettings
from anycord.intents import Intents
from anycord.models.presences import Activity, ActivityType
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


MEMBERS = Intents.ALL_UNPRIVILEGED | Intents.GUILD_MEMBERS
NO_MEMBER_CACHE = CacheSettings(components=CacheComponents.ALL & ~CacheComponents.MEMBERS)


def make_bot(fake: FakeDiscord, **options: typing.Any) -> GatewayBot:
    options.setdefault("intents", MEMBERS)
    return GatewayBot(fake.token, rest_url=fake.rest_url, banner=None, logs=None, **options)


def member_requests(fake: FakeDiscord) -> list[dict[str, typing.Any]]:
    return [
        payload["d"]
        for conn in fake.gateway.connections
        for payload in conn.received
        if isinstance(payload, dict) and payload.get("op") == 8
    ]


@pytest.mark.parametrize(
    ("options", "large", "partial", "chunked"),
    [
        pytest.param({}, True, True, True, id="all-four-hold"),
        pytest.param({}, False, True, True, id="member-count-above-members-sent"),
        pytest.param({}, True, False, True, id="large-flag-alone"),
        pytest.param({}, False, False, False, id="every-member-sent"),
        pytest.param({"auto_chunk_members": False}, True, True, False, id="not-asked-for"),
        pytest.param(
            {"cache_settings": NO_MEMBER_CACHE}, True, True, False, id="members-not-cached"
        ),
        pytest.param({"intents": Intents.ALL_UNPRIVILEGED}, True, True, False, id="no-intent"),
    ],
)
async def test_members_are_chunked_exactly_when_all_conditions_hold(
    options: dict[str, typing.Any], large: bool, partial: bool, chunked: bool
) -> None:
    async with FakeDiscord() as fake, make_bot(fake, **options) as bot:
        # A guild of 300 members the bot joins now. Discord sends a large guild with only
        # part of its member list (here: the bot alone); the rest needs chunking.
        guild = fake.add_guild(name="big", members=300, channels=1, emit=False)
        gid = guild["id"]
        bot_member = [m for m in guild["members"] if m["user"]["id"] == fake.bot_user["id"]]
        payload = dict(guild, large=large, members=bot_member if partial else guild["members"])
        assert payload["member_count"] == 301
        await fake.gateway.dispatch("GUILD_CREATE", payload, guild_id=gid)
        cached = bot.cache.get_members_view_for_guild
        with anyio.fail_after(10):
            if chunked:
                await fake.gateway.wait_until(lambda: bool(member_requests(fake)))
                while len(cached(gid)) < 301:  # noqa: ASYNC110 - the cache is synchronous
                    await anyio.sleep(0.01)
            else:
                await anyio.sleep(1)  # virtual: every frame in flight is handled by then
        requests = member_requests(fake)
        if chunked:
            assert requests == [{"guild_id": gid, "query": "", "limit": 0, "presences": False}]
            assert len(cached(gid)) == 301
        else:
            assert requests == []
            members_cached = not options.get("cache_settings") and "intents" not in options
            expected = len(payload["members"]) if members_cached else None
            if expected is not None:
                assert len(cached(gid)) == expected


async def test_chunking_asks_for_presences_with_the_presences_intent() -> None:
    async with FakeDiscord() as fake:
        fake.add_guild(name="big", members=300, channels=1)  # large: sent in READY's wake
        async with make_bot(fake, intents=MEMBERS | Intents.GUILD_PRESENCES):
            with anyio.fail_after(10):
                await fake.gateway.wait_until(lambda: bool(member_requests(fake)))
        assert [r["presences"] for r in member_requests(fake)] == [True]


@pytest.mark.parametrize(
    ("activity", "warning"),
    [
        (Activity(name="live", type=ActivityType.STREAMING), "twitch.tv or youtube.com"),
        (Activity(name="live", type=ActivityType.STREAMING, url="https://example.com/x"), "twitch"),
        (Activity(name="my status", type=ActivityType.CUSTOM), "CUSTOM"),
        (Activity(name="live", type=ActivityType.STREAMING, url="https://twitch.tv/x"), None),
        (Activity(name="x", type=ActivityType.CUSTOM, state="my status"), None),
        (Activity(name="chess"), None),
    ],
)
async def test_activity_warnings(activity: Activity, warning: str | None) -> None:
    async with FakeDiscord() as fake:
        bot = make_bot(fake)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            async with anyio.create_task_group() as tg:
                await tg.start(
                    lambda *, task_status: bot.start(activity=activity, task_status=task_status)
                )
                await bot.update_presence(activity=activity)
                await bot.close()
        messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
        if warning is None:
            assert messages == []
        else:
            # Once from start(activity=...), once from update_presence(activity=...).
            assert len(messages) == 2
            assert all(warning in m for m in messages)
            # update_presence's warning points at the caller's line, not at anycord's code.
            assert caught[-1].filename == __file__
