"""Every JSON example of Discord's docs that describes an entity of the core entity families decodes."""

from __future__ import annotations

import json
import pathlib
import typing

import pytest

from anycord import models, serde
from anycord.serde import channels as channel_serde
from anycord.serde import emojis as emoji_serde
from anycord.serde import guilds as guild_serde
from anycord.serde import presences as presence_serde

EXAMPLES = pathlib.Path("/work/shared/discord-api/docs/examples")
if not EXAMPLES.exists():  # the docs live beside the repo on the build machine
    pytest.skip("Discord docs examples not available", allow_module_level=True)


def load(name: str) -> typing.Any:
    for sub in ("other", "", "repaired"):
        path = EXAMPLES / sub / name
        if path.exists():
            return json.loads(path.read_text())
    raise FileNotFoundError(name)


CASES: list[tuple[str, type, typing.Callable[[typing.Any], typing.Any] | None]] = [
    ("RESOURCES_GUILD__GUILD.json", models.RESTGuild, None),
    ("RESOURCES_GUILD__GUILD_PREVIEW.json", models.GuildPreview, None),
    ("RESOURCES_GUILD__GUILD_WIDGET_SETTINGS.json", models.GuildWidget, None),
    ("RESOURCES_GUILD__GUILD_WIDGET.json", models.GuildWidgetInfo, None),
    ("RESOURCES_GUILD__WELCOME_SCREEN.json", models.WelcomeScreen, None),
    ("RESOURCES_GUILD__GUILD_ONBOARDING.json", models.GuildOnboarding, None),
    ("RESOURCES_GUILD__BAN.json", models.GuildBan, None),
    ("RESOURCES_GUILD__UNAVAILABLE_GUILD.json", models.UnavailableGuild, None),
    ("RESOURCES_GUILD__PARTIAL_INVITE_OBJECT.json", models.VanityURL, None),
    ("RESOURCES_USER__PARTIAL_GUILD.json", models.PartialGuild, None),
    ("RESOURCES_GUILD_TEMPLATE__GUILD_TEMPLATE_OBJECT.json", models.Template, None),
    ("TOPICS_PERMISSIONS__ROLE.json", models.Role, lambda p: p | {"guild_id": "41771983423143936"}),
    ("RESOURCES_CHANNEL__CHANNEL_CATEGORY.json", models.GuildCategory, None),
    ("RESOURCES_CHANNEL__DM_CHANNEL.json", models.DMChannel, None),
    ("RESOURCES_CHANNEL__GROUP_DM_CHANNEL.json", models.GroupDMChannel, None),
    ("RESOURCES_CHANNEL__GUILD_ANNOUNCEMENT_CHANNEL.json", models.GuildNewsChannel, None),
    ("RESOURCES_CHANNEL__GUILD_TEXT_CHANNEL.json", models.GuildTextChannel, None),
    ("RESOURCES_CHANNEL__GUILD_VOICE_CHANNEL.json", models.GuildVoiceChannel, None),
    ("RESOURCES_CHANNEL__THREAD_CHANNEL.json", models.GuildPublicThread, None),
    ("RESOURCES_EMOJI__EMOJI_EXAMPLE.json", models.KnownCustomEmoji, None),
    ("RESOURCES_EMOJI__STANDARD_EMOJI_EXAMPLE.json", models.UnicodeEmoji, None),
    ("RESOURCES_STICKER__STICKER.json", models.StandardSticker, None),
    ("RESOURCES_STICKER__STICKER_PACK.json", models.StickerPack, None),
    ("RESOURCES_INVITE__INVITE_OBJECT.json", models.Invite, None),
    ("RESOURCES_VOICE__VOICE_STATE.json", models.VoiceState, None),
    ("RESOURCES_WEBHOOK__INCOMING_WEBHOOK.json", models.IncomingWebhook, None),
    ("RESOURCES_WEBHOOK__CHANNEL_FOLLOWER_WEBHOOK.json", models.ChannelFollowerWebhook, None),
    ("RESOURCES_WEBHOOK__APPLICATION_WEBHOOK.json", models.ApplicationWebhook, None),
    ("ACTIVITY.json", models.RichActivity, None),
    ("ACTIVITY_WITH_RICH_PRESENCE.json", models.RichActivity, None),
]


@pytest.mark.parametrize(("name", "model", "prepare"), CASES, ids=[c[0] for c in CASES])
def test_example_decodes(
    name: str, model: type, prepare: typing.Callable[[typing.Any], typing.Any] | None
) -> None:
    payload = load(name)
    if prepare is not None:
        payload = prepare(payload)
    obj: typing.Any = serde.decode(model, payload)
    assert isinstance(obj, model)
    # Decoding the re-encoded object gives the same fields (the example survives a round trip).
    if type(obj) in {
        models.GuildWidgetInfo,
        models.GuildPreview,
        models.Integration,
        models.StickerPack,
    }:
        return
    again: typing.Any = serde.decode(model, serde.encode(obj))
    from tests.models._compare import same_fields

    same_fields(obj, again)


def test_guild_example_fields() -> None:
    guild = serde.decode(models.RESTGuild, load("RESOURCES_GUILD__GUILD.json"))
    assert guild.id == 197038439483310086
    assert guild.name == "Discord Testers"
    assert models.GuildFeature.VERIFIED in guild.features
    assert guild.verification_level is models.GuildVerificationLevel.HIGH
    assert guild.premium_tier is models.GuildPremiumTier.TIER_3
    assert (
        guild.icon_url
        == "https://cdn.discordapp.com/icons/197038439483310086/f64c482b807da4f539cff778d174971c.png"
    )


def test_member_example_with_a_user() -> None:
    # The docs' member example leaves `user` empty ("user": {}); fill it with the docs' user.
    payload = load("RESOURCES_GUILD__GUILD_MEMBER.json") | {
        "user": load("RESOURCES_USER__USER.json")
    }
    member = serde.decode(models.Member, payload | {"guild_id": "197038439483310086"})
    assert member.nickname == "NOT API SUPPORT"
    assert member.user.username == "Nelly"
    assert member.joined_at is not None
    assert member.joined_at.year == 2015
    assert member.is_deaf is False
    assert member.display_name == "NOT API SUPPORT"


def test_emoji_examples_all_decode() -> None:
    for name in (
        "RESOURCES_EMOJI__CUSTOM_EMOJI_EXAMPLES.json",
        "RESOURCES_EMOJI__CUSTOM_EMOJI_EXAMPLES_2.json",
    ):
        emoji = emoji_serde.decode_emoji(load(name))
        assert isinstance(emoji, models.CustomEmoji)
    listed = load("RESOURCES_EMOJI__LIST_APPLICATION_EMOJIS.json")
    for item in listed["items"]:
        assert isinstance(emoji_serde.decode_application_emoji(item), models.ApplicationEmoji)


def test_channel_examples_pick_the_class() -> None:
    thread = channel_serde.decode_channel(load("RESOURCES_CHANNEL__THREAD_CHANNEL.json"))
    assert isinstance(thread, models.GuildPublicThread)
    assert thread.metadata.auto_archive_duration == 1440
    dm = channel_serde.decode_channel(load("RESOURCES_CHANNEL__DM_CHANNEL.json"))
    assert isinstance(dm, models.DMChannel)
    assert dm.recipient is not None


def test_onboarding_example() -> None:
    onboarding = guild_serde.decode_guild_onboarding(load("RESOURCES_GUILD__GUILD_ONBOARDING.json"))
    option = onboarding.prompts[0].options[1]
    assert isinstance(option.emoji, models.UnicodeEmoji)
    assert option.role_ids == (982014491980083211,)


def test_rich_presence_example() -> None:
    activity = presence_serde.decode_activity(load("ACTIVITY_WITH_RICH_PRESENCE.json"))
    assert activity.party is not None
    assert activity.party.max_size == 2
    assert activity.assets is not None
    assert activity.assets.large_text == "DFH Stadium"
    assert activity.secrets is not None
    assert activity.secrets.match is not None


def test_update_presence_example_activity_encodes_exactly() -> None:
    sent = load("UPDATE_PRESENCE.json")["d"]["activities"][0]
    activity = models.Activity(name=sent["name"], type=models.ActivityType(sent["type"]))
    assert serde.encode(activity) == sent
