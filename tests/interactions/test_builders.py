"""Response and command builders: exact JSON, and Discord's limits as ValueError before sending."""

from __future__ import annotations

import pytest

from anycord.interactions import (
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionLaunchActivityBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    InteractionPongBuilder,
    ResponseType,
)
from anycord.interactions.builders import COMPONENTS_V2_FLAG, EPHEMERAL_FLAG, build_allowed_mentions
from anycord.interactions.command_builders import (
    CommandChoice,
    CommandOption,
    ContextMenuCommandBuilder,
    SlashCommandBuilder,
)
from anycord.models.commands import CommandType, OptionType
from anycord.permissions import Permissions

BUTTON_ROW = {"type": 1, "components": [{"type": 2, "style": 1, "label": "Go", "custom_id": "go"}]}


def test_message_builder_exact_json() -> None:
    builder = (
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE)
        .set_content("hello")
        .set_tts(True)
        .add_embed({"title": "t"})
        .add_component(BUTTON_ROW)
        .set_flags(EPHEMERAL_FLAG)
        .set_poll({"question": {"text": "?"}, "answers": [{"poll_media": {"text": "a"}}]})
        .set_mentions(mentions_everyone=False, user_mentions=[1, 2], role_mentions=True)
    )
    payload, files = builder.build()
    assert files == []
    assert payload == {
        "type": 4,
        "data": {
            "content": "hello",
            "tts": True,
            "embeds": [{"title": "t"}],
            "components": [BUTTON_ROW],
            "poll": {"question": {"text": "?"}, "answers": [{"poll_media": {"text": "a"}}]},
            "allowed_mentions": {"parse": ["roles"], "users": ["1", "2"]},
            "flags": 64,
        },
    }


def test_only_given_fields_reach_the_wire() -> None:
    assert InteractionMessageBuilder(ResponseType.MESSAGE_UPDATE).build() == (
        {"type": 7, "data": {}},
        [],
    )
    cleared = (
        InteractionMessageBuilder(ResponseType.MESSAGE_UPDATE).clear_embeds().clear_components()
    )
    assert cleared.clear_attachments().build()[0]["data"] == {
        "embeds": [],
        "components": [],
        "attachments": [],
    }


def test_components_v2_flag_is_added_and_content_refused() -> None:
    container = {"type": 17, "components": [{"type": 10, "content": "hi"}]}
    payload, _ = (
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).add_component(container).build()
    )
    assert payload["data"]["flags"] == COMPONENTS_V2_FLAG
    with pytest.raises(ValueError, match="components-v2"):
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="x").add_component(
            container
        ).build()
    too_many = {"type": 17, "components": [{"type": 10, "content": str(i)} for i in range(40)]}
    with pytest.raises(ValueError, match="40"):
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).add_component(too_many).build()


@pytest.mark.parametrize(
    "breaks",
    [
        lambda b: b.set_content("x" * 2001),
        lambda b: [b.add_embed({}) for _ in range(11)],
        lambda b: [b.add_attachment(f"f{i}.txt") for i in range(11)],
        lambda b: b.set_flags(1 << 1),
        lambda b: [b.add_component(BUTTON_ROW) for _ in range(6)] and b.build(),
        lambda b: b.set_mentions(user_mentions=list(range(101))),
    ],
)
def test_message_limits(breaks) -> None:
    with pytest.raises(ValueError):
        breaks(InteractionMessageBuilder(ResponseType.MESSAGE_CREATE))


def test_message_builder_type_is_checked() -> None:
    with pytest.raises(ValueError, match="MESSAGE_CREATE"):
        InteractionMessageBuilder(ResponseType.MODAL)


def test_deferred_builder() -> None:
    assert InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_CREATE).build() == (
        {"type": 5},
        (),
    )
    ephemeral = InteractionDeferredBuilder(
        ResponseType.DEFERRED_MESSAGE_CREATE, flags=EPHEMERAL_FLAG
    )
    assert ephemeral.build()[0] == {"type": 5, "data": {"flags": 64}}
    assert InteractionDeferredBuilder(6).build()[0] == {"type": 6}
    with pytest.raises(ValueError, match=r"EPHEMERAL|flags"):
        InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_CREATE, flags=COMPONENTS_V2_FLAG)
    with pytest.raises(ValueError):
        InteractionDeferredBuilder(ResponseType.MESSAGE_CREATE)


def test_autocomplete_builder() -> None:
    builder = InteractionAutocompleteBuilder([("a", "x"), {"name": "b", "value": 2}]).add_choice(
        "c", 1.5
    )
    assert builder.build()[0] == {
        "type": 8,
        "data": {
            "choices": [
                {"name": "a", "value": "x"},
                {"name": "b", "value": 2},
                {"name": "c", "value": 1.5},
            ]
        },
    }
    with pytest.raises(ValueError, match="25"):
        InteractionAutocompleteBuilder([(str(i), i) for i in range(26)])
    with pytest.raises(ValueError):
        InteractionAutocompleteBuilder([("", 1)])
    with pytest.raises(ValueError):
        InteractionAutocompleteBuilder([("n", "v" * 101)])
    with pytest.raises(TypeError):
        InteractionAutocompleteBuilder([("n", True)])


def test_modal_builder() -> None:
    text = {"type": 18, "label": "L", "component": {"type": 4, "custom_id": "t", "style": 1}}
    assert InteractionModalBuilder("Title", "id", [text]).build()[0] == {
        "type": 9,
        "data": {"title": "Title", "custom_id": "id", "components": [text]},
    }
    with pytest.raises(ValueError, match="title"):
        InteractionModalBuilder("t" * 46, "id")
    with pytest.raises(ValueError, match="custom_id"):
        InteractionModalBuilder("t", "")
    with pytest.raises(ValueError, match="1-5"):
        InteractionModalBuilder("t", "id", [text] * 6)
    with pytest.raises(ValueError, match="at least one"):
        InteractionModalBuilder("t", "id").build()


def test_pong_and_launch_activity() -> None:
    assert InteractionPongBuilder().build() == ({"type": 1}, ())
    assert InteractionLaunchActivityBuilder().build() == ({"type": 12}, ())


def test_allowed_mentions_default_is_none() -> None:
    assert build_allowed_mentions() is None
    assert build_allowed_mentions(mentions_reply=True, user_mentions=False) == {
        "parse": [],
        "replied_user": True,
    }


def test_slash_command_builder_exact_json() -> None:
    command = SlashCommandBuilder(
        name="roll",
        description="Roll dice",
        name_localizations={"fr": "lancer"},
        default_member_permissions=Permissions.MANAGE_GUILD,
        contexts=[0, 1],
        integration_types=[0],
        is_nsfw=True,
        options=[
            CommandOption(
                type=OptionType.INTEGER,
                name="sides",
                description="How many sides",
                is_required=True,
                choices=[CommandChoice(name="d6", value=6), CommandChoice(name="d20", value=20)],
            ),
            CommandOption(
                type=OptionType.STRING, name="label", description="A label", max_length=50
            ),
        ],
    )
    assert command.build() == {
        "type": 1,
        "name": "roll",
        "name_localizations": {"fr": "lancer"},
        "default_member_permissions": str(int(Permissions.MANAGE_GUILD)),
        "nsfw": True,
        "contexts": [0, 1],
        "integration_types": [0],
        "description": "Roll dice",
        "options": [
            {
                "type": 4,
                "name": "sides",
                "description": "How many sides",
                "required": True,
                "choices": [{"name": "d6", "value": 6}, {"name": "d20", "value": 20}],
            },
            {"type": 3, "name": "label", "description": "A label", "max_length": 50},
        ],
    }


def test_sub_commands() -> None:
    sub = CommandOption(type=OptionType.SUB_COMMAND, name="add", description="Add")
    group = CommandOption(
        type=OptionType.SUB_COMMAND_GROUP, name="tags", description="Tags", options=[sub]
    )
    built = SlashCommandBuilder(name="admin", description="Admin", options=[group]).build()
    assert built["options"][0]["options"][0]["name"] == "add"
    plain = CommandOption(type=OptionType.STRING, name="x", description="x")
    with pytest.raises(ValueError, match="mixes"):
        SlashCommandBuilder(name="admin", description="Admin", options=[group, plain])
    with pytest.raises(ValueError, match="only hold sub-commands"):
        CommandOption(type=OptionType.SUB_COMMAND_GROUP, name="g", description="g", options=[plain])
    with pytest.raises(ValueError, match="cannot hold"):
        CommandOption(type=OptionType.SUB_COMMAND, name="s", description="s", options=[group])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": "Upper", "description": "d"}, "lower case"),
        ({"name": "has space", "description": "d"}, "contains"),
        ({"name": "x" * 33, "description": "d"}, "1-32"),
        ({"name": "ok", "description": ""}, "1-100"),
        ({"name": "ok", "description": "d" * 101}, "1-100"),
    ],
)
def test_slash_command_limits(kwargs, match) -> None:
    with pytest.raises(ValueError, match=match):
        SlashCommandBuilder(**kwargs)


def test_option_limits() -> None:
    def option(name: str, required: bool = False) -> CommandOption:
        return CommandOption(
            type=OptionType.STRING, name=name, description="d", is_required=required
        )

    with pytest.raises(ValueError, match="25"):
        SlashCommandBuilder(name="c", description="d", options=[option(f"o{i}") for i in range(26)])
    with pytest.raises(ValueError, match="before optional"):
        SlashCommandBuilder(
            name="c", description="d", options=[option("a"), option("b", required=True)]
        )
    with pytest.raises(ValueError, match="duplicate"):
        SlashCommandBuilder(name="c", description="d").add_option(option("a")).add_option(
            option("a")
        )
    with pytest.raises(ValueError, match="choices"):
        CommandOption(
            type=OptionType.USER,
            name="u",
            description="d",
            choices=[CommandChoice(name="a", value="a")],
        )
    with pytest.raises(ValueError, match="autocomplete"):
        CommandOption(
            type=OptionType.STRING,
            name="s",
            description="d",
            autocomplete=True,
            choices=[CommandChoice(name="a", value="a")],
        )
    with pytest.raises(ValueError, match="0-6000"):
        CommandOption(type=OptionType.STRING, name="s", description="d", max_length=6001)
    assert CommandOption(type=OptionType.STRING, name="नाम", description="d").name == "नाम"


def test_total_length_limit_counts_the_longest_localisation() -> None:
    choices = [CommandChoice(name="n" * 100, value="v" * 100) for _ in range(25)]
    options = [
        CommandOption(type=OptionType.STRING, name=f"o{i}", description="d" * 100, choices=choices)
        for i in range(2)
    ]
    command = SlashCommandBuilder(name="big", description="d", options=options)
    assert command.total_length() > 8000
    with pytest.raises(ValueError, match="8000"):
        command.build()


def test_context_menu_commands() -> None:
    user = ContextMenuCommandBuilder(type=CommandType.USER, name="Show Avatar", contexts=[0])
    assert user.build() == {"type": 2, "name": "Show Avatar", "contexts": [0]}
    assert ContextMenuCommandBuilder(type=3, name="Quote", id=5).build() == {
        "type": 3,
        "name": "Quote",
        "id": "5",
    }
    with pytest.raises(ValueError):
        ContextMenuCommandBuilder(type=CommandType.SLASH, name="x")
    with pytest.raises(ValueError):
        ContextMenuCommandBuilder(type=CommandType.USER, name="x" * 33)
