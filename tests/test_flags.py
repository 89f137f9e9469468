import re
from pathlib import Path

import pytest

from anycord.intents import Intents
from anycord.permissions import Permissions

DOCS = Path(__file__).resolve().parents[2] / "shared" / "discord-api" / "docs" / "developers"


def test_intent_values_follow_the_docs() -> None:
    assert int(Intents.GUILDS) == 1
    assert int(Intents.GUILD_MEMBERS) == 1 << 1
    assert int(Intents.MESSAGE_CONTENT) == 1 << 15
    assert int(Intents.GUILD_SCHEDULED_EVENTS) == 1 << 16
    assert int(Intents.AUTO_MODERATION_CONFIGURATION) == 1 << 20
    assert int(Intents.DIRECT_MESSAGE_POLLS) == 1 << 25


def test_intent_groups() -> None:
    assert Intents.ALL == Intents.ALL_PRIVILEGED | Intents.ALL_UNPRIVILEGED
    assert not Intents.ALL_PRIVILEGED & Intents.ALL_UNPRIVILEGED
    assert (
        Intents.ALL_PRIVILEGED
        == Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES | Intents.MESSAGE_CONTENT
    )
    assert Intents.GUILD_MEMBERS.is_privileged
    assert not Intents.GUILDS.is_privileged
    assert (Intents.GUILDS | Intents.MESSAGE_CONTENT).is_privileged
    # Bits 17-19 and 22-23 are undocumented, so ALL leaves them clear.
    for bit in (17, 18, 19, 22, 23):
        assert not Intents.ALL & (1 << bit)


def test_unknown_bits_survive() -> None:
    value = Intents(1 << 30 | 1)
    assert int(value) == (1 << 30) | 1
    assert Intents.GUILDS in value
    perms = Permissions(1 << 60)
    assert int(perms) == 1 << 60


@pytest.mark.skipif(not DOCS.exists(), reason="../shared is not beside this checkout")
def test_every_documented_permission_is_defined() -> None:
    text = (DOCS / "topics" / "permissions.mdx").read_text()
    documented = dict(re.findall(r"\|\s*([A-Z_]+)[^|]*\|\s*`0x[0-9A-F]+`\s*`\(1 << (\d+)\)`", text))
    assert len(documented) >= 50
    for name, bit in documented.items():
        assert Permissions[name] == 1 << int(bit), name


@pytest.mark.skipif(not DOCS.exists(), reason="../shared is not beside this checkout")
def test_every_documented_intent_is_defined() -> None:
    text = (DOCS / "events" / "gateway.mdx").read_text()
    documented = dict(re.findall(r"^([A-Z_]+) \(1 << (\d+)\)", text, re.MULTILINE))
    assert len(documented) >= 20
    for name, bit in documented.items():
        assert Intents[name] == 1 << int(bit), name


def test_permission_string_round_trip() -> None:
    perms = Permissions.ADMINISTRATOR | Permissions.SEND_POLLS
    assert Permissions.from_str(perms.to_str()) == perms
    assert perms.to_str() == str((1 << 3) | (1 << 49))
    assert Permissions.all_permissions() & Permissions.BYPASS_SLOWMODE
