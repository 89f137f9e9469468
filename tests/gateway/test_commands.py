from __future__ import annotations

import datetime

import pytest

from anycord.errors import MissingIntentError
from anycord.gateway import commands
from anycord.intents import Intents


class Activity:
    def __init__(
        self, name: str, type: int = 0, url: str | None = None, state: str | None = None
    ) -> None:
        self.name, self.type, self.url, self.state = name, type, url, state


def test_presence_uses_activities_not_game() -> None:
    since = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    payload = commands.presence_payload(
        idle_since=since, afk=True, activity=Activity("chess"), status="offline"
    )
    assert payload == {
        "since": 1704067200000,
        "activities": [{"name": "chess", "type": 0}],
        "status": "invisible",
        "afk": True,
    }
    custom = commands.activity_payload(Activity("hello", type=4))
    assert custom == {"name": "Custom Status", "type": 4, "state": "hello"}
    with pytest.raises(ValueError, match="streaming"):
        commands.activity_payload(Activity("x", type=0, url="https://twitch.tv/x"))
    with pytest.raises(ValueError, match="status"):
        commands.status_value("busy")


def test_voice_and_soundboard() -> None:
    assert commands.voice_state_payload(1, None) == {
        "guild_id": "1",
        "channel_id": None,
        "self_mute": False,
        "self_deaf": False,
    }
    assert commands.request_soundboard_sounds_payload([1, "2"]) == {"guild_ids": ["1", "2"]}
    with pytest.raises(ValueError):
        commands.request_soundboard_sounds_payload([])


def members(**kwargs: object) -> dict[str, object]:
    kwargs.setdefault("intents", Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES)
    return commands.request_guild_members_payload(1, **kwargs)  # type: ignore[arg-type]


def test_request_guild_members_rules() -> None:
    assert members() == {"guild_id": "1", "query": "", "limit": 0}
    with pytest.raises(MissingIntentError):
        members(intents=Intents.GUILDS)
    assert members(intents=Intents.GUILDS, query="a", limit=5)["limit"] == 5
    with pytest.raises(MissingIntentError):
        members(intents=Intents.GUILD_MEMBERS, include_presences=True)
    with pytest.raises(ValueError, match="users"):
        members(users=[1], query="a")
    with pytest.raises(ValueError, match="limit"):
        members(query="a", limit=101)
    with pytest.raises(ValueError, match="100"):
        members(users=range(101))
    with pytest.raises(ValueError, match="nonce"):
        members(nonce="é" * 17)
    full = members(users=[5], include_presences=True, nonce="n")
    assert full == {
        "guild_id": "1",
        "query": "",
        "limit": 0,
        "presences": True,
        "user_ids": ["5"],
        "nonce": "n",
    }
