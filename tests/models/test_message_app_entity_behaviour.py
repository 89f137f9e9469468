"""Unknown values tolerated, limits enforced on encode, exact builder encoding, and the
convenience methods reaching REST (through a recording fake, not a mock)."""

from __future__ import annotations

import datetime
import typing

import pytest

from anycord import errors, models, serde
from anycord.models import components as c
from anycord.serde import components as components_serde
from anycord.serde import embeds as embeds_serde
from anycord.serde import interactions as interactions_serde
from anycord.serde import messages as messages_serde
from anycord.serde import polls as polls_serde
from anycord.serde import scheduled_events as scheduled_events_serde
from anycord.snowflakes import Snowflake

AUTHOR = {"id": "3", "username": "someone"}
MESSAGE = {
    "id": "1",
    "channel_id": "2",
    "guild_id": "9",
    "author": AUTHOR,
    "content": "hi",
    "timestamp": "2024-01-01T00:00:00+00:00",
    "member": {
        "roles": ["5"],
        "joined_at": "2023-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
    },
}


class RecordingREST:
    """A REST stand-in that records each call and returns a canned value."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[typing.Any, ...], dict[str, typing.Any]]] = []

    def __getattr__(self, name: str) -> typing.Any:
        async def call(*args: typing.Any, **kwargs: typing.Any) -> str:
            self.calls.append((name, args, kwargs))
            return name

        return call


class FakeApp:
    """Has a `rest` attribute, which is all `RESTAware` asks of an app."""

    def __init__(self) -> None:
        self.rest: typing.Any = RecordingREST()


# -- unknown values ----------------------------------------------------------------------


def test_unknown_fields_and_enum_values_are_tolerated() -> None:
    payload = {
        **MESSAGE,
        "type": 999,
        "flags": 1 << 30,
        "brand_new_field": {"x": 1},
        "message_reference": {"type": 42, "message_id": "7"},
        "activity": {"type": 77},
        "components": [{"type": 99, "future": True}, {"type": 2, "style": 42, "custom_id": "b"}],
    }
    message = serde.decode(models.Message, payload)
    assert message.type == 999
    assert not message.type.is_known
    assert message.type.name == "UNKNOWN_999"
    assert int(message.flags) == 1 << 30
    assert message.message_reference is not None
    assert message.message_reference.type == 42
    unknown, button = message.components
    assert isinstance(unknown, c.UnknownComponent)
    assert components_serde.encode_component(unknown) == {"type": 99, "future": True}
    assert isinstance(button, c.ButtonComponent)
    assert button.style == 42
    assert serde.encode(message)["type"] == 999


def test_message_member_is_joined_with_the_author() -> None:
    message = messages_serde.decode_message(MESSAGE)
    assert message.member is not None
    assert message.member.user is message.author
    assert message.member.guild_id == 9
    assert message.member.role_ids == (5,)


def test_unknown_interaction_type_raises_unrecognised_entity_error() -> None:
    with pytest.raises(errors.UnrecognisedEntityError, match="42"):
        interactions_serde.decode_interaction({"type": 42, "id": "1"})


def test_referenced_message_depth_is_bounded() -> None:
    payload: dict[str, typing.Any] = dict(MESSAGE)
    for i in range(10):
        payload = {**MESSAGE, "id": str(100 + i), "referenced_message": payload}
    message = messages_serde.decode_message(payload)
    depth = 0
    current: typing.Any = message
    while isinstance(current, models.Message):
        current = current.referenced_message
        depth += 1
    assert depth == messages_serde.MAX_REFERENCE_DEPTH + 1


def test_deleted_referenced_message_is_none_and_absent_is_undefined() -> None:
    from anycord.undefined import UNDEFINED

    assert (
        messages_serde.decode_message({**MESSAGE, "referenced_message": None}).referenced_message
        is None
    )
    assert messages_serde.decode_message(MESSAGE).referenced_message is UNDEFINED


def test_partial_message_leaves_unsent_fields_undefined() -> None:
    from anycord.undefined import UNDEFINED

    partial = serde.decode(
        models.PartialMessage, {"id": "1", "channel_id": "2", "content": "edited"}
    )
    assert partial.content == "edited"
    assert partial.embeds is UNDEFINED
    assert partial.author is UNDEFINED


# -- limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("embed", "limit"),
    [
        (models.Embed(title="x" * 257), "title"),
        (models.Embed(description="x" * 4097), "description"),
        (models.Embed().add_field("x" * 257, "v"), "field.name"),
        (models.Embed().add_field("n", "x" * 1025), "field.value"),
        (models.Embed().set_footer("x" * 2049), "footer.text"),
        (models.Embed().set_author(name="x" * 257), "author.name"),
    ],
)
def test_embed_limits_name_the_broken_one(embed: models.Embed, limit: str) -> None:
    with pytest.raises(ValueError, match=limit.replace(".", r"\.")):
        serde.encode(embed)


def test_embed_field_count_and_total_limits() -> None:
    embed = models.Embed()
    for i in range(26):
        embed.add_field(str(i), "v")
    with pytest.raises(ValueError, match="26 fields"):
        serde.encode(embed)
    big = (
        models.Embed(description="x" * 4096)
        .add_field("n" * 256, "v" * 1024)
        .add_field("n" * 256, "v" * 1024)
    )
    with pytest.raises(ValueError, match="6000"):
        serde.encode(big)
    at_limit = models.Embed(title="t" * 256, description="  " + "d" * 4096 + "  ")
    assert serde.encode(at_limit)["title"] == "t" * 256
    with pytest.raises(ValueError, match="6000"):
        embeds_serde.check_embeds_total(
            [models.Embed(description="x" * 4000), models.Embed(description="x" * 2001)]
        )


def test_embed_builder_encodes_exactly() -> None:
    when = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC)
    embed = (
        models.Embed(title="Status", color=0x00FF00, timestamp=when)
        .add_field("CPU", "3 %", inline=True)
        .set_footer("ok", icon="https://x/f.png")
        .set_thumbnail("attachment://t.png")
    )
    assert serde.encode(embed) == {
        "title": "Status",
        "timestamp": "2024-05-01T12:00:00+00:00",
        "color": 0x00FF00,
        "footer": {"text": "ok", "icon_url": "https://x/f.png"},
        "thumbnail": {"url": "attachment://t.png"},
        "fields": [{"name": "CPU", "value": "3 %", "inline": True}],
    }


@pytest.mark.parametrize(
    ("builder", "match"),
    [
        (models.PollBuilder("q" * 301).add_answer("a"), "question"),
        (models.PollBuilder("q").add_answer("a" * 56), "answer"),
        (models.PollBuilder("q", duration=769).add_answer("a"), "768"),
        (models.PollBuilder("q", duration=0).add_answer("a"), "duration"),
        (models.PollBuilder("q"), "at least one"),
    ],
)
def test_poll_limits(builder: models.PollBuilder, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        serde.encode(builder)


def test_poll_builder_encodes_exactly() -> None:
    builder = models.PollBuilder("Lunch?", duration=768, allow_multiselect=True)
    for i in range(10):
        builder.add_answer(f"a{i}", emoji="🍕" if i == 0 else None)
    encoded = polls_serde.encode_poll_builder(builder)
    assert encoded["question"] == {"text": "Lunch?"}
    assert encoded["answers"][0] == {"poll_media": {"text": "a0", "emoji": {"name": "🍕"}}}
    assert encoded["answers"][1] == {"poll_media": {"text": "a1"}}
    assert encoded["duration"] == 768
    assert encoded["allow_multiselect"] is True
    assert "layout_type" not in encoded
    builder.add_answer("one too many")
    with pytest.raises(ValueError, match="11 answers"):
        serde.encode(builder)


def test_component_builders_encode_exactly() -> None:
    row = c.ActionRowComponent(
        components=[
            c.ButtonComponent(style=c.ButtonStyle.PRIMARY, custom_id="go", label="Go"),
            c.ButtonComponent(style=c.ButtonStyle.LINK, url="https://example.com"),
        ]
    )
    assert serde.encode(row) == {
        "type": 1,
        "components": [
            {"type": 2, "style": 1, "label": "Go", "custom_id": "go"},
            {"type": 2, "style": 5, "url": "https://example.com"},
        ],
    }
    container = c.ContainerComponent(
        accent_color=0xFF0000,
        components=[
            c.TextDisplayComponent(content="# Hi"),
            c.SeparatorComponent(spacing=c.SpacingType.LARGE),
            c.SectionComponent(
                components=[c.TextDisplayComponent(content="x")],
                accessory=c.ThumbnailComponent(media=c.MediaResource(url="attachment://a.png")),
            ),
        ],
    )
    assert serde.encode(container) == {
        "type": 17,
        "components": [
            {"type": 10, "content": "# Hi"},
            {"type": 14, "spacing": 2},
            {
                "type": 9,
                "components": [{"type": 10, "content": "x"}],
                "accessory": {"type": 11, "media": {"url": "attachment://a.png"}},
            },
        ],
        "accent_color": 0xFF0000,
    }


def test_allowed_mentions_encoding() -> None:
    mentions = models.AllowedMentions(everyone=False, users=[1, "2"], roles=True, replied_user=True)
    assert serde.encode(mentions) == {"users": ["1", "2"], "parse": ["roles"], "replied_user": True}
    assert serde.encode(models.AllowedMentions()) == {"parse": []}


# -- convenience methods ------------------------------------------------------------------


async def test_message_convenience_methods_call_rest() -> None:
    app = FakeApp()
    message = messages_serde.decode_message(MESSAGE, app)
    assert await message.respond("pong", reply=True) == "create_message"
    await message.edit("new")
    await message.add_reaction("🔥")
    await message.remove_reaction("🔥")
    await message.remove_reaction("🔥", user=5)
    await message.pin()
    await message.unpin()
    await message.delete()
    await message.fetch_channel()
    names = [name for name, _, _ in app.rest.calls]
    assert names == [
        "create_message",
        "edit_message",
        "add_reaction",
        "delete_my_reaction",
        "delete_reaction",
        "pin_message",
        "unpin_message",
        "delete_message",
        "fetch_channel",
    ]
    _, args, kwargs = app.rest.calls[0]
    assert args == (2, "pong")
    assert kwargs["reply"] is message
    assert app.rest.calls[1][1] == (2, 1, "new")


async def test_message_without_app_says_why() -> None:
    message = messages_serde.decode_message(MESSAGE)
    with pytest.raises(RuntimeError, match=r"Message\.respond"):
        await message.respond("x")


async def test_interaction_convenience_methods_call_rest_with_the_token() -> None:
    app = FakeApp()
    payload = {
        "id": "10",
        "application_id": "20",
        "type": 2,
        "token": "secret-token",
        "version": 1,
        "user": AUTHOR,
        "channel_id": "2",
        "data": {"id": "30", "name": "ping", "type": 1},
    }
    interaction = interactions_serde.decode_interaction(payload, app)
    assert isinstance(interaction, models.CommandInteraction)
    assert "secret-token" not in repr(interaction)
    await interaction.create_initial_response(models.ResponseType.MESSAGE_CREATE, "hi", flags=64)
    await interaction.edit_initial_response("edited")
    await interaction.fetch_initial_response()
    await interaction.delete_initial_response()
    await interaction.execute("follow-up")
    assert app.rest.calls == [
        (
            "create_interaction_response",
            (10, "secret-token", models.ResponseType.MESSAGE_CREATE, "hi"),
            {"flags": 64},
        ),
        ("edit_interaction_response", (20, "secret-token", "edited"), {}),
        ("fetch_interaction_response", (20, "secret-token"), {}),
        ("delete_interaction_response", (20, "secret-token"), {}),
        ("execute_webhook", (20, "secret-token", "follow-up"), {}),
    ]


def test_autocomplete_focused_option_is_found_in_sub_commands() -> None:
    payload = {
        "id": "1",
        "application_id": "2",
        "type": 4,
        "token": "t",
        "user": AUTHOR,
        "data": {
            "id": "3",
            "name": "cmd",
            "type": 1,
            "options": [
                {
                    "name": "sub",
                    "type": 1,
                    "options": [{"name": "q", "type": 3, "value": "ab", "focused": True}],
                }
            ],
        },
    }
    interaction = interactions_serde.decode_interaction(payload)
    assert isinstance(interaction, models.AutocompleteInteraction)
    focused = interaction.focused_option
    assert focused is not None
    assert (focused.name, focused.value) == ("q", "ab")


def test_modal_submission_carries_values() -> None:
    payload = {
        "id": "1",
        "application_id": "2",
        "type": 5,
        "token": "t",
        "user": AUTHOR,
        "data": {
            "custom_id": "form",
            "components": [
                {
                    "type": 18,
                    "id": 1,
                    "component": {"type": 4, "id": 2, "custom_id": "name", "value": "Ann"},
                },
                {
                    "type": 18,
                    "id": 3,
                    "component": {"type": 3, "id": 4, "custom_id": "pick", "values": ["a", "b"]},
                },
                {
                    "type": 18,
                    "id": 5,
                    "component": {"type": 23, "id": 6, "custom_id": "ok", "value": True},
                },
            ],
        },
    }
    interaction = interactions_serde.decode_interaction(payload)
    assert isinstance(interaction, models.ModalInteraction)
    labels = typing.cast("list[c.LabelComponent]", list(interaction.components))
    assert typing.cast("c.TextInputComponent", labels[0].component).value == "Ann"
    assert typing.cast("c.TextSelectMenuComponent", labels[1].component).values == ["a", "b"]
    assert typing.cast("c.CheckboxComponent", labels[2].component).value is True


def test_session_start_limit_reset_after_is_milliseconds() -> None:
    info = serde.decode(
        models.GatewayBotInfo,
        {
            "url": "wss://g",
            "shards": 2,
            "session_start_limit": {
                "total": 1000,
                "remaining": 990,
                "reset_after": 1500,
                "max_concurrency": 16,
            },
        },
    )
    assert info.session_start_limit.reset_after == datetime.timedelta(seconds=1.5)
    assert info.session_start_limit.used == 10


def test_scheduled_event_user_without_user_object() -> None:
    decode_scheduled_event_user = scheduled_events_serde.decode_scheduled_event_user
    bare = {"guild_scheduled_event_id": "10", "user_id": "20", "response": 1}
    decoded = decode_scheduled_event_user(bare, None, Snowflake(5))
    assert (decoded.user_id, decoded.user, decoded.member) == (20, None, None)
    # Only the member's user: it becomes `user`, and the member is decoded with it.
    with_member = {**bare, "member": {"user": {"id": "20", "username": "a"}, "roles": []}}
    decoded = decode_scheduled_event_user(with_member, None, Snowflake(5))
    assert decoded.user is not None
    assert decoded.user.id == 20
    assert decoded.member is not None
    assert decoded.member.user is decoded.user
    # An older payload without `user_id` takes the user object's ID.
    older = {"guild_scheduled_event_id": "10", "user": {"id": "30", "username": "b"}}
    assert decode_scheduled_event_user(older).user_id == 30
