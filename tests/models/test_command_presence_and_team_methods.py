"""hikari's methods on commands, presences, teams and applications: REST-backed ones against
FakeDiscord (the effect shows in its world), and the image URL helpers."""

from __future__ import annotations

import typing

import pytest

from anycord.models.applications import (
    ActivityInstance,
    ActivityLocation,
    Application,
    TeamMember,
    TeamMemberRole,
    TeamMembershipState,
)
from anycord.models.commands import (
    CommandOption,
    CommandPermission,
    CommandPermissionType,
    InteractionContextType,
    OptionType,
)
from anycord.models.guild_satellites import IntegrationApplication
from anycord.models.presences import ActivityAssets, MemberPresence
from anycord.serde.applications import decode_team
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake

CDN = "https://cdn.discordapp.com"


async def test_command_edit_changes_the_registered_command(fake: Fake, rest: RESTClient) -> None:
    world = fake.world
    payload = world.add_command(name="old", guild_id=fake.guild["id"], contexts=[0, 1])
    command = await rest.fetch_application_command(
        world.application_id, int(payload["id"]), int(fake.guild["id"])
    )
    assert command.context_types == (InteractionContextType.GUILD, InteractionContextType.BOT_DM)
    option = CommandOption(type=OptionType.STRING, name="text", description="what to say")
    edited = await command.edit(name="new", description="says things", options=[option])
    stored = world.commands[int(payload["id"])]
    assert (stored["name"], stored["description"]) == ("new", "says things")
    assert [(o["name"], o["type"]) for o in stored["options"]] == [("text", 3)]
    assert edited.name == "new"


async def test_command_guild_permissions_round_trip(fake: Fake, rest: RESTClient) -> None:
    world = fake.world
    payload = world.add_command(name="mod")
    command = await rest.fetch_application_command(world.application_id, int(payload["id"]))
    guild = int(fake.guild["id"])
    deny_everyone = CommandPermission(
        id=Snowflake(guild), type=CommandPermissionType.ROLE, has_access=False
    )
    await command.set_guild_permissions(guild, [deny_everyone])
    assert world.command_permissions[guild, int(payload["id"])] == [
        {"id": str(guild), "type": 1, "permission": False}
    ]
    fetched = await command.fetch_guild_permissions(guild)
    assert (fetched.id, fetched.guild_id) == (command.id, guild)
    assert [(p.id, p.has_access) for p in fetched.permissions] == [(guild, False)]


async def test_presence_fetches_its_user_and_member(fake: Fake, rest: RESTClient) -> None:
    member = fake.world.add_member(fake.guild["id"], nick="nick")
    uid = Snowflake(member["user"]["id"])
    presence = MemberPresence(app=rest, user_id=uid, guild_id=Snowflake(fake.guild["id"]))
    assert (await presence.fetch_user()).id == uid
    assert (await presence.fetch_member()).nickname == "nick"


async def test_team_member_is_the_user(fake: Fake, rest: RESTClient) -> None:
    payload = fake.world.add_user(username="dev", global_name="Dev")
    team_payload = {
        "id": "9",
        "name": "team",
        "icon": "ic",
        "owner_user_id": payload["id"],
        "members": [
            {"user": payload, "team_id": "9", "membership_state": 2, "role": "admin"},
        ],
    }
    team = decode_team(team_payload, rest)
    assert team.app is rest
    assert team.make_icon_url(file_format="WEBP") == f"{CDN}/team-icons/9/ic.webp?lossless=true"
    member = team.members[Snowflake(payload["id"])]
    user = member.user
    assert (member.id, member.username, member.display_name) == (user.id, "dev", "Dev")
    assert (member.mention, member.app, member.is_bot) == (user.mention, rest, False)
    assert member.make_avatar_url() == user.make_avatar_url()
    assert member.accent_colour is None
    await member.send("team news")
    uid = int(payload["id"])
    channel = fake.world.dm_channels[uid]
    assert [m["content"] for m in fake.world.messages[channel].values()] == ["team news"]
    assert (await member.fetch_self()).id == user.id


def test_team_member_without_app_says_why() -> None:
    team = decode_team(
        {
            "id": "9",
            "name": "team",
            "owner_user_id": "5",
            "members": [
                {"user": {"id": "5", "username": "x"}, "team_id": "9", "membership_state": 2}
            ],
        }
    )
    member = team.members[Snowflake(5)]
    assert isinstance(member, TeamMember)
    assert member.role is TeamMemberRole.READ_ONLY
    assert member.membership_state is TeamMembershipState.ACCEPTED
    assert team.make_icon_url() is None


async def test_team_member_methods_need_an_app() -> None:
    team = decode_team(
        {
            "id": "9",
            "name": "t",
            "owner_user_id": "5",
            "members": [
                {"user": {"id": "5", "username": "x"}, "team_id": "9", "membership_state": 2}
            ],
        }
    )
    with pytest.raises(RuntimeError, match=r"User\.send"):
        await team.members[Snowflake(5)].send("hi")


def test_application_image_urls() -> None:
    application = Application(id=Snowflake(7), icon_hash="icon", cover_image_hash="cover")
    assert application.make_icon_url(size=64) == f"{CDN}/app-icons/7/icon.png?size=64"
    assert application.make_cover_image_url(file_format="JPEG") == f"{CDN}/app-icons/7/cover.jpeg"
    assert Application(id=Snowflake(7)).make_icon_url() is None
    assert Application(id=Snowflake(7)).make_cover_image_url() is None
    integration = IntegrationApplication(id=Snowflake(8), name="bot", icon_hash="i")
    assert integration.make_icon_url(ext="webp") == f"{CDN}/app-icons/8/i.webp"
    with pytest.raises(ValueError, match="animated"):
        integration.make_icon_url(file_format="AWEBP")


def test_activity_asset_urls() -> None:
    assets = ActivityAssets(
        application_id=Snowflake(3), large_image="123", small_image="mp:external/abc/x.png"
    )
    assert assets.make_large_image_url(size=32) == f"{CDN}/app-assets/3/123.png?size=32"
    assert assets.make_small_image_url() == "https://media.discordapp.net/external/abc/x.png"
    assert ActivityAssets().make_large_image_url() is None
    assert ActivityAssets(large_image="spotify:abc").make_large_image_url() is None
    assert ActivityAssets(large_image="123").make_large_image_url() is None  # no application


def test_activity_instance_users_is_user_ids() -> None:
    location = ActivityLocation(id="l", kind="gc", channel_id=Snowflake(1))
    instance = ActivityInstance(
        application_id=Snowflake(1),
        instance_id="i",
        launch_id=Snowflake(2),
        location=location,
        user_ids=(Snowflake(4),),
    )
    assert instance.users == (Snowflake(4),)
