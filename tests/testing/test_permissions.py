"""The emulator's permission checks: Discord's overwrite algorithm, and 403s a bot would get."""

from __future__ import annotations

import typing

import pytest

from anycord import errors
from anycord.permissions import Permissions as P
from anycord.rest.endpoints.messages import POST_MESSAGE
from anycord.testing import permissions
from anycord.testing.world import World
from tests.rest.conftest import Fake
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from anycord.testing.world import Payload


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


def foreign_guild(world: World, everyone: int) -> tuple[int, Payload, int]:
    """A guild owned by someone else, @everyone set to `everyone`; (guild id, channel, bot id)."""
    owner = world.add_user(username="owner")
    guild = world.add_guild(owner_id=owner["id"], emit=False)
    gid = int(guild["id"])
    world.roles[gid][gid]["permissions"] = str(everyone)
    channel = next(c for c in world.channels.values() if c.get("guild_id") == guild["id"])
    return gid, channel, int(world.bot_user["id"])


def give_role(world: World, gid: int, user_id: int, bits: int) -> str:
    role = world.add_role(gid, permissions=bits, emit=False)
    world.members[gid][user_id]["roles"].append(role["id"])
    return str(role["id"])


def overwrite(target: int | str, kind: int, allow: int = 0, deny: int = 0) -> dict[str, object]:
    return {"id": str(target), "type": kind, "allow": str(allow), "deny": str(deny)}


def test_owner_and_administrator_have_everything() -> None:
    world = World()
    guild = world.add_guild(emit=False)  # the bot owns it
    gid, bot = int(guild["id"]), int(world.bot_user["id"])
    assert permissions.member_permissions(world, gid, bot) == permissions.ALL
    gid, channel, bot = foreign_guild(world, int(P.VIEW_CHANNEL))
    channel["permission_overwrites"] = [overwrite(gid, 0, deny=int(P.VIEW_CHANNEL))]
    assert permissions.member_permissions(world, gid, bot, channel) == 0
    give_role(world, gid, bot, int(P.ADMINISTRATOR))
    assert permissions.member_permissions(world, gid, bot, channel) == permissions.ALL


def test_overwrites_apply_in_discords_order() -> None:
    world = World()
    base = int(P.VIEW_CHANNEL | P.SEND_MESSAGES | P.ADD_REACTIONS)
    gid, channel, bot = foreign_guild(world, base)
    role_a = give_role(world, gid, bot, int(P.EMBED_LINKS))
    role_b = give_role(world, gid, bot, 0)
    assert permissions.member_permissions(world, gid, bot) == base | int(P.EMBED_LINKS)
    channel["permission_overwrites"] = [
        # @everyone loses SEND_MESSAGES and ADD_REACTIONS ...
        overwrite(gid, 0, deny=int(P.SEND_MESSAGES | P.ADD_REACTIONS)),
        # ... one role gives SEND_MESSAGES back, while another denies it: allow wins
        # (role allows and denies are combined, then applied deny first) ...
        overwrite(role_a, 0, allow=int(P.SEND_MESSAGES)),
        overwrite(role_b, 0, deny=int(P.SEND_MESSAGES | P.EMBED_LINKS)),
        # ... and the member's own overwrite comes last.
        overwrite(bot, 1, allow=int(P.ADD_REACTIONS)),
    ]
    have = permissions.member_permissions(world, gid, bot, channel)
    assert have & int(P.SEND_MESSAGES)
    assert have & int(P.ADD_REACTIONS)
    assert not have & int(P.EMBED_LINKS)
    channel["permission_overwrites"].append(overwrite(bot, 1, deny=int(P.SEND_MESSAGES)))
    channel["permission_overwrites"].pop(3)
    assert not permissions.member_permissions(world, gid, bot, channel) & int(P.SEND_MESSAGES)


def test_threads_use_their_parents_overwrites() -> None:
    world = World()
    gid, channel, bot = foreign_guild(world, int(P.VIEW_CHANNEL | P.SEND_MESSAGES_IN_THREADS))
    thread = {"id": "1", "type": 11, "guild_id": str(gid), "parent_id": channel["id"]}
    assert permissions.member_permissions(world, gid, bot, thread) & int(P.SEND_MESSAGES_IN_THREADS)
    channel["permission_overwrites"] = [overwrite(gid, 0, deny=int(P.SEND_MESSAGES_IN_THREADS))]
    assert not permissions.member_permissions(world, gid, bot, thread) & int(
        P.SEND_MESSAGES_IN_THREADS
    )


async def test_a_bot_without_send_messages_gets_discords_403() -> None:
    fake = Fake()
    gid, channel, bot = foreign_guild(fake.world, int(P.VIEW_CHANNEL))
    route = POST_MESSAGE.compile(channel_id=channel["id"])
    async with fake.client() as rest:
        with pytest.raises(errors.ForbiddenError) as denied:
            await rest._request(route, json={"content": "hi"})
        assert denied.value.code == 50013
        assert denied.value.message == "Missing Permissions"
        # A member overwrite lets it speak in this channel.
        channel["permission_overwrites"] = [overwrite(bot, 1, allow=int(P.SEND_MESSAGES))]
        await rest._request(route, json={"content": "hi"})
        # Hidden channel: Missing Access.
        channel["permission_overwrites"] = [overwrite(gid, 0, deny=int(P.VIEW_CHANNEL))]
        with pytest.raises(errors.ForbiddenError) as hidden:
            await rest._request(route, json={"content": "hi"})
        assert hidden.value.code == 50001
    assert fake.rest.stats.invalid_requests == 2  # 403s count against the invalid budget


async def test_moderation_needs_its_permissions_and_can_be_turned_off() -> None:
    fake = Fake()
    world = fake.world
    gid, channel, bot = foreign_guild(world, int(P.VIEW_CHANNEL | P.SEND_MESSAGES))
    victim = world.add_member(gid, emit=False)
    other = world.add_message(channel["id"], "spam", author=victim["user"]["id"], emit=False)
    async with fake.client() as rest:
        with pytest.raises(errors.ForbiddenError):
            await rest.ban_user(gid, victim["user"]["id"])
        with pytest.raises(errors.ForbiddenError):
            await rest.delete_message(channel["id"], other["id"])  # someone else's message
        mine = await rest.create_message(channel["id"], "mine")
        await rest.delete_message(channel["id"], mine.id)  # one's own: no MANAGE_MESSAGES
        give_role(world, gid, bot, int(P.BAN_MEMBERS))
        await rest.ban_user(gid, victim["user"]["id"])
        fake.rest.enforce_permissions = False
        await rest.delete_message(channel["id"], other["id"])


async def test_the_owner_bot_of_the_default_guild_is_never_refused() -> None:
    fake = Fake()
    guild = fake.world.add_guild(emit=False)
    channel = next(c for c in fake.world.channels.values() if c.get("guild_id") == guild["id"])
    channel["permission_overwrites"] = [overwrite(guild["id"], 0, deny=int(P.VIEW_CHANNEL))]
    async with fake.client() as rest:
        await rest.create_message(channel["id"], "owners see everything")
