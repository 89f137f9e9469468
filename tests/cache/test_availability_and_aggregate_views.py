"""The cache's available/unavailable guild getters and its all-guild presence, voice-state and
per-guild/per-channel invite views, fed gateway payloads the way a shard feeds them."""

from __future__ import annotations

import typing

import pytest

from anycord.cache import Cache, CacheView, EmptyCacheView
from anycord.config import CacheComponents, CacheSettings
from anycord.dispatch.manager import EventManager
from anycord.snowflakes import Snowflake
from tests.cache import payloads as p

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

U1 = "700000000000000001"
OTHER_TEXT = "300000000000000009"
GID, OTHER = Snowflake(p.GUILD), Snowflake(p.OTHER_GUILD)
USER, ME = Snowflake(U1), Snowflake(p.ME)


def make(settings: CacheSettings | None = None) -> tuple[Cache, EventManager]:
    cache = Cache(settings)
    return cache, EventManager(cache=cache)


async def feed(manager: EventManager, name: str, payload: dict[str, typing.Any]) -> None:
    await manager.on_shard_dispatch(None, name, payload)


def other_guild(name: str = "other guild") -> dict[str, typing.Any]:
    return {**p.guild_create(), "id": p.OTHER_GUILD, "name": name}


def availability(cache: Cache) -> tuple[list[int], list[int]]:
    return sorted(cache.get_available_guilds_view()), sorted(cache.get_unavailable_guilds_view())


async def test_guilds_move_between_available_and_unavailable_with_the_gateway() -> None:
    cache, manager = make()
    await feed(manager, "READY", p.ready((p.GUILD, p.OTHER_GUILD)))
    # READY's unavailable guilds have no data yet: in neither view, only in the ID list.
    assert availability(cache) == ([], [])
    assert cache.get_unavailable_guild(GID) is None
    assert sorted(cache.get_unavailable_guild_ids()) == [GID, OTHER]

    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "GUILD_CREATE", other_guild())
    assert availability(cache) == ([GID, OTHER], [])
    available = cache.get_available_guild(GID)
    assert available is not None
    assert available.name == "a guild"
    assert cache.get_unavailable_guild(GID) is None

    # An outage: the guild keeps its last data but is unavailable.
    await feed(manager, "GUILD_DELETE", {"id": p.GUILD, "unavailable": True})
    assert availability(cache) == ([OTHER], [GID])
    assert cache.get_available_guild(GID) is None
    assert cache.get_guild(GID) is None
    stale = cache.get_unavailable_guild(GID)
    assert stale is not None
    assert stale.name == "a guild"
    assert cache.get_unavailable_guilds_view()[GID].name == "a guild"
    with pytest.raises(KeyError):
        cache.get_available_guilds_view()[GID]

    # Back from the outage.
    await feed(manager, "GUILD_CREATE", {**p.guild_create(), "name": "back"})
    assert availability(cache) == ([GID, OTHER], [])
    assert cache.get_available_guild(GID).name == "back"  # type: ignore[union-attr]

    # Left (or kicked): gone from both.
    await feed(manager, "GUILD_DELETE", {"id": p.OTHER_GUILD})
    assert availability(cache) == ([GID], [])
    assert cache.get_available_guild(OTHER) is None
    assert cache.get_unavailable_guild(OTHER) is None


async def test_available_getters_agree_with_get_guild() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "GUILD_CREATE", other_guild())
    await feed(manager, "GUILD_DELETE", {"id": p.OTHER_GUILD, "unavailable": True})
    for gid in (GID, OTHER, 1):
        assert cache.get_available_guild(gid) == cache.get_guild(gid)
    assert dict(cache.get_available_guilds_view()) == dict(cache.get_guilds_view())


async def test_guild_views_are_empty_views_without_the_guilds_store() -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.ALL & ~CacheComponents.GUILDS))
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "GUILD_DELETE", {"id": p.GUILD, "unavailable": True})
    assert isinstance(cache.get_available_guilds_view(), EmptyCacheView)
    assert isinstance(cache.get_unavailable_guilds_view(), EmptyCacheView)
    assert cache.get_unavailable_guild(GID) is None


async def test_presences_view_maps_each_guild_to_its_presences() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "PRESENCE_UPDATE", p.presence(U1, "idle"))
    await feed(manager, "GUILD_CREATE", {**other_guild(), "presences": []})
    view = cache.get_presences_view()
    assert isinstance(view, CacheView)
    assert list(view) == [GID]  # a guild without a cached presence is left out
    inner = view[GID]
    assert set(inner) == {ME, USER}
    assert str(inner[USER].visible_status) == "idle"
    assert inner[USER] == cache.get_presence(GID, USER)
    # The inner view is live, like `get_presences_view_for_guild`'s.
    await feed(manager, "PRESENCE_UPDATE", p.presence(U1, "offline"))
    assert set(inner) == {ME}
    await feed(manager, "GUILD_DELETE", {"id": p.GUILD})
    assert len(cache.get_presences_view()) == 0


async def test_voice_states_view_maps_each_guild_to_its_voice_states() -> None:
    cache, manager = make()
    await feed(manager, "GUILD_CREATE", p.guild_create())
    await feed(manager, "GUILD_CREATE", other_guild())
    await feed(manager, "VOICE_STATE_UPDATE", p.voice_state(U1))
    view = cache.get_voice_states_view()
    assert isinstance(view, CacheView)
    assert sorted(view) == [GID, OTHER]
    assert set(view[GID]) == {ME, USER}
    assert view[GID][USER].channel_id == int(p.VOICE)
    assert view[GID][USER] == cache.get_voice_state(GID, USER)
    assert set(view[OTHER]) == {ME}
    await feed(manager, "VOICE_STATE_UPDATE", p.voice_state(U1, None))
    assert set(cache.get_voice_states_view()[GID]) == {ME}


@pytest.mark.parametrize(
    ("component", "getter"),
    [
        (CacheComponents.PRESENCES, Cache.get_presences_view),
        (CacheComponents.VOICE_STATES, Cache.get_voice_states_view),
    ],
)
async def test_aggregate_views_are_empty_views_when_switched_off(
    component: CacheComponents, getter: typing.Callable[[Cache], Mapping[typing.Any, typing.Any]]
) -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.ALL & ~component))
    await feed(manager, "GUILD_CREATE", p.guild_create())
    assert isinstance(getter(cache), EmptyCacheView)
    full, full_manager = make()
    await feed(full_manager, "GUILD_CREATE", p.guild_create())
    assert list(getter(full)) == [GID]


def invite(code: str, guild: str | None = p.GUILD, channel: str = p.TEXT) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "channel_id": channel,
        "code": code,
        "created_at": "2024-01-01T00:00:00+00:00",
        "max_age": 0,
        "max_uses": 0,
        "temporary": False,
        "uses": 0,
    }
    if guild is not None:
        out["guild_id"] = guild
    return out


async def test_invite_views_for_guild_and_channel() -> None:
    cache, manager = make()
    await feed(manager, "INVITE_CREATE", invite("general"))
    await feed(manager, "INVITE_CREATE", invite("elsewhere", channel=OTHER_TEXT))
    await feed(manager, "INVITE_CREATE", invite("other", guild=p.OTHER_GUILD))
    await feed(manager, "INVITE_CREATE", invite("noguild", guild=None))
    for_guild = cache.get_invites_view_for_guild(GID)
    assert isinstance(for_guild, CacheView)
    assert sorted(for_guild) == ["elsewhere", "general"]
    assert for_guild["general"].code == "general"
    assert for_guild["general"] == cache.get_invite("general")
    assert "other" not in for_guild
    with pytest.raises(KeyError):
        for_guild["other"]
    assert list(cache.get_invites_view_for_channel(p.GUILD, int(p.TEXT))) == ["general"]
    assert list(cache.get_invites_view_for_channel(GID, OTHER_TEXT)) == ["elsewhere"]
    # The channel must be in the guild given.
    assert len(cache.get_invites_view_for_channel(OTHER, int(OTHER_TEXT))) == 0
    assert list(cache.get_invites_view_for_guild(OTHER)) == ["other"]

    await feed(
        manager, "INVITE_DELETE", {"channel_id": p.TEXT, "guild_id": p.GUILD, "code": "general"}
    )
    assert "general" not in for_guild  # removed from the cache: gone from the view
    assert sorted(cache.get_invites_view_for_guild(GID)) == ["elsewhere"]
    assert len(cache.get_invites_view_for_channel(GID, int(p.TEXT))) == 0


async def test_invite_views_are_empty_views_without_the_invites_store() -> None:
    cache, manager = make(CacheSettings(components=CacheComponents.ALL & ~CacheComponents.INVITES))
    await feed(manager, "INVITE_CREATE", invite("general"))
    assert isinstance(cache.get_invites_view_for_guild(GID), EmptyCacheView)
    assert isinstance(cache.get_invites_view_for_channel(GID, int(p.TEXT)), EmptyCacheView)
