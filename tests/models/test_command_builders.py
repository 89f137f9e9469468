"""The one set of application command builders: exact JSON, every documented limit, round trips."""

from __future__ import annotations

import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.models.commands import (
    LOCALES,
    CommandBuilder,
    CommandChoice,
    CommandOption,
    CommandType,
    ContextMenuCommandBuilder,
    EntryPointCommandBuilder,
    EntryPointHandlerType,
    InteractionContextType,
    OptionType,
    SlashCommandBuilder,
    check_command_set,
)
from anycord.permissions import Permissions
from anycord.rest.client import RESTClient
from anycord.serde.commands import decode_command_builder, encode_command_builder
from anycord.testing import FakeDiscord


def test_slash_command_builder_exact_json() -> None:
    command = SlashCommandBuilder(
        "roll",
        "Roll dice",
        name_localizations={"fr": "lancer"},
        description_localizations={"fr": "Lancer des dés"},
        default_member_permissions=Permissions.MANAGE_GUILD,
        contexts=[InteractionContextType.GUILD, 1],
        integration_types=[0],
        is_nsfw=True,
    )
    command.add_option(
        CommandOption(
            type=OptionType.INTEGER,
            name="sides",
            description="How many sides",
            is_required=True,
            choices=[CommandChoice(name="d6", value=6), CommandChoice(name="d20", value=20)],
        )
    ).add_option(
        CommandOption(type=3, name="label", description="A label", min_length=0, max_length=50)
    ).add_option(
        CommandOption(type=OptionType.ATTACHMENT, name="file", description="F", file_types=[".pdf"])
    )
    assert encode_command_builder(command) == {
        "type": 1,
        "name": "roll",
        "name_localizations": {"fr": "lancer"},
        "default_member_permissions": str(int(Permissions.MANAGE_GUILD)),
        "nsfw": True,
        "contexts": [0, 1],
        "integration_types": [0],
        "description": "Roll dice",
        "description_localizations": {"fr": "Lancer des dés"},
        "options": [
            {
                "type": 4,
                "name": "sides",
                "description": "How many sides",
                "required": True,
                "choices": [{"name": "d6", "value": 6}, {"name": "d20", "value": 20}],
            },
            {
                "type": 3,
                "name": "label",
                "description": "A label",
                "min_length": 0,
                "max_length": 50,
            },
            {"type": 11, "name": "file", "description": "F", "file_types": [".pdf"]},
        ],
    }


def test_only_given_fields_reach_the_wire() -> None:
    assert encode_command_builder(SlashCommandBuilder("ping", "Pong?")) == {
        "type": 1,
        "name": "ping",
        "description": "Pong?",
    }
    everyone = SlashCommandBuilder("x", "y", default_member_permissions=None, contexts=None)
    assert encode_command_builder(everyone) == {
        "type": 1,
        "name": "x",
        "description": "y",
        "default_member_permissions": None,
        "contexts": None,
    }


def test_context_menu_and_entry_point_commands() -> None:
    user = ContextMenuCommandBuilder("Show Avatar", type=CommandType.USER, contexts=[0])
    assert encode_command_builder(user) == {"type": 2, "name": "Show Avatar", "contexts": [0]}
    quote = ContextMenuCommandBuilder("Quote", type=3, id=5)  # type: ignore[arg-type]
    assert encode_command_builder(quote) == {"type": 3, "name": "Quote", "id": "5"}
    launch = EntryPointCommandBuilder(
        "launch", description="Play", handler=EntryPointHandlerType.DISCORD_LAUNCH_ACTIVITY
    )
    assert encode_command_builder(launch) == {
        "type": 4,
        "name": "launch",
        "description": "Play",
        "handler": 2,
    }


def test_an_entry_point_request_with_a_null_handler_decodes_without_one() -> None:
    # The spec lets a create request carry `"handler": null`; Hypothesis found it raising.
    entry = decode_command_builder({"name": "0", "type": 4, "handler": None})
    assert isinstance(entry, EntryPointCommandBuilder)
    assert "handler" not in encode_command_builder(entry)


def test_sub_commands_and_groups() -> None:
    sub = CommandOption(type=OptionType.SUB_COMMAND, name="add", description="Add")
    group = CommandOption(
        type=OptionType.SUB_COMMAND_GROUP, name="tags", description="Tags", options=[sub]
    )
    built = encode_command_builder(SlashCommandBuilder("admin", "Admin", options=[group]))
    assert built["options"][0]["options"][0] == {"type": 1, "name": "add", "description": "Add"}
    plain = CommandOption(type=OptionType.STRING, name="x", description="x")
    with pytest.raises(ValueError, match="mixes sub-commands"):
        SlashCommandBuilder("admin", "Admin").set_options([group, plain])
    bad_group = CommandOption(
        type=OptionType.SUB_COMMAND_GROUP, name="g", description="g", options=[plain, sub]
    )
    with pytest.raises(ValueError, match="holds only sub-commands"):
        SlashCommandBuilder("admin", "Admin").add_option(bad_group)
    nested = CommandOption(type=OptionType.SUB_COMMAND, name="s", description="s", options=[group])
    with pytest.raises(ValueError, match="cannot hold sub-commands"):
        SlashCommandBuilder("admin", "Admin").add_option(nested)


def option(**fields: typing.Any) -> CommandOption:
    fields.setdefault("type", OptionType.STRING)
    fields.setdefault("name", "opt")
    fields.setdefault("description", "d")
    return CommandOption(**fields)


@pytest.mark.parametrize(
    ("builder", "match"),
    [
        (SlashCommandBuilder("Upper", "d"), "must be lower case"),
        (SlashCommandBuilder("has space", "d"), "allowed are letters"),
        (SlashCommandBuilder("x" * 33, "d"), "1-32 characters"),
        (SlashCommandBuilder("", "d"), "1-32 characters"),
        (SlashCommandBuilder("ok", ""), "description of command 'ok' must be 1-100"),
        (SlashCommandBuilder("ok", "d" * 101), "1-100 characters"),
        (
            SlashCommandBuilder("ok", "d", name_localizations={"xx": "ok"}),
            "not one of Discord's locales",
        ),
        (SlashCommandBuilder("ok", "d", name_localizations={"fr": "Non"}), r"\(fr\).*lower case"),
        (SlashCommandBuilder("ok", "d", description_localizations={"de": ""}), r"\(de\).*1-100"),
        (SlashCommandBuilder("ok", "d", contexts=[7]), "contexts holds 7"),
        (SlashCommandBuilder("ok", "d", integration_types=[3]), "integration_types holds 3"),
        (SlashCommandBuilder("ok", "d", type=CommandType.USER), "type SLASH"),
        (ContextMenuCommandBuilder("x", type=CommandType.SLASH), "USER or MESSAGE"),
        (ContextMenuCommandBuilder("x" * 33, type=CommandType.USER), "1-32 characters"),
        (ContextMenuCommandBuilder("ok", type=2, name_localizations={"fr": ""}), "1-32"),
        (EntryPointCommandBuilder("launch", description=""), "1-100 characters"),
        (EntryPointCommandBuilder("launch", type=CommandType.SLASH), "PRIMARY_ENTRY_POINT"),
        (SlashCommandBuilder("ok", "d", options=[option()] * 26), "26 options; the limit is 25"),
        (SlashCommandBuilder("ok", "d", options=[option(), option()]), "duplicate option names"),
        (
            SlashCommandBuilder(
                "ok", "d", options=[option(name="a"), option(name="b", is_required=True)]
            ),
            "must come before optional",
        ),
    ],
)
def test_command_limits_raise_before_sending(builder: CommandBuilder, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        builder.validate()
    # Encoding does not judge (the REST endpoints validate before sending).
    assert encode_command_builder(builder)["name"] == builder.name


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"name": "Bad"}, "must be lower case"),
        ({"description": ""}, "1-100 characters"),
        ({"description_localizations": {"ja": "d" * 101}}, r"\(ja\).*1-100"),
        (
            {"type": OptionType.USER, "choices": [CommandChoice(name="a", value="a")]},
            "have choices",
        ),
        ({"choices": [CommandChoice(name=f"c{i}", value="v") for i in range(26)]}, "26 choices"),
        ({"choices": [CommandChoice(name="a", value="a")], "autocomplete": True}, "autocomplete"),
        ({"type": OptionType.BOOLEAN, "autocomplete": True}, "autocomplete, not BOOLEAN"),
        ({"choices": [CommandChoice(name="", value="a")]}, "choice name .* 1-100"),
        ({"choices": [CommandChoice(name="a", value="v" * 101)]}, "at most 100 characters"),
        ({"choices": [CommandChoice(name="a", value=1)]}, "must be a string"),
        ({"type": OptionType.INTEGER, "choices": [CommandChoice(name="a", value=1.5)]}, "integer"),
        ({"type": OptionType.INTEGER, "choices": [CommandChoice(name="a", value=True)]}, "integer"),
        ({"type": OptionType.INTEGER, "min_value": 2**53}, r"2\^53 - 1"),
        ({"type": OptionType.FLOAT, "max_value": float("nan")}, r"within ±2\^53"),
        ({"type": OptionType.INTEGER, "min_value": 5, "max_value": 1}, "above max_value"),
        ({"min_value": 1}, "only for INTEGER and NUMBER"),
        ({"max_length": 6001}, "within 1-6000"),
        ({"max_length": 0}, "within 1-6000"),
        ({"min_length": -1}, "within 0-6000"),
        ({"min_length": 9, "max_length": 3}, "above max_length"),
        ({"type": OptionType.INTEGER, "max_length": 3}, "only for STRING"),
        ({"channel_types": [0]}, "only for CHANNEL"),
        ({"file_types": [".pdf"]}, "only for ATTACHMENT"),
        ({"type": OptionType.ATTACHMENT, "file_types": ["image"] * 11}, "11 file_types"),
        ({"options": [option(name="inner")]}, "only sub-commands and groups hold options"),
    ],
)
def test_option_limits_raise_at_add_option(fields: dict[str, typing.Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        SlashCommandBuilder("cmd", "d").add_option(option(**fields))


def test_valid_edge_values_pass() -> None:
    command = SlashCommandBuilder("नाम", "d" * 100, name_localizations={"th": "ชื่อ"})
    command.add_option(option(type=OptionType.INTEGER, name="n", min_value=-(2**53 - 1)))
    command.add_option(option(type=OptionType.FLOAT, name="f", max_value=2.0**53))
    command.add_option(option(name="s", min_length=0, max_length=6000))
    command.add_option(option(type=OptionType.CHANNEL, name="c", channel_types=[0, 2]))
    command.validate()


def test_total_length_limit_counts_the_longest_localisation() -> None:
    choices = [CommandChoice(name="n" * 100, value="v" * 60) for _ in range(25)]
    options = [option(name=f"o{i}", description="d" * 100, choices=choices) for i in range(2)]
    command = SlashCommandBuilder("big", "d", options=options)
    assert command.total_length() == 3 + 1 + 2 * (2 + 100 + 25 * 160)
    with pytest.raises(ValueError, match=r"8208 characters .* the limit is 8000"):
        command.validate()
    short = SlashCommandBuilder("s", "d", description_localizations={"fr": "x" * 90})
    assert short.total_length() == 1 + 90


def test_command_set_limits() -> None:
    check_command_set([SlashCommandBuilder(f"c{i}", "d") for i in range(100)])
    with pytest.raises(ValueError, match="101 SLASH commands; the limit is 100"):
        check_command_set([SlashCommandBuilder(f"c{i}", "d") for i in range(101)])
    users = [ContextMenuCommandBuilder(f"U {i}", type=CommandType.USER) for i in range(16)]
    with pytest.raises(ValueError, match="16 USER commands; the limit is 15"):
        check_command_set(users)
    with pytest.raises(ValueError, match="two SLASH commands are named 'x'"):
        check_command_set([SlashCommandBuilder("x", "d"), SlashCommandBuilder("x", "e")])
    # The same name under two types is fine.
    check_command_set([SlashCommandBuilder("x", "d"), ContextMenuCommandBuilder("x", type=2)])


async def test_rest_refuses_a_bad_builder_before_any_request() -> None:
    async with FakeDiscord() as fake, RESTClient(fake.token, "Bot", rest_url=fake.rest_url) as rest:
        app_id = fake.application_id
        with pytest.raises(ValueError, match="lower case"):
            await rest.create_application_command(app_id, SlashCommandBuilder("Bad", "d"))
        with pytest.raises(ValueError, match="duplicate option names"):
            await rest.set_application_commands(
                app_id, [SlashCommandBuilder("ok", "d", options=[option(), option()])]
            )
        assert await rest.fetch_application_commands(app_id) == []
        created = await rest.create_application_command(app_id, SlashCommandBuilder("ok", "d"))
        assert created.name == "ok"


# -- round trips -----------------------------------------------------------------------------

slash_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=32)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=100
)
locales = st.sampled_from(sorted(LOCALES))


@st.composite
def options(draw: st.DrawFn) -> CommandOption:
    kind = draw(st.sampled_from([OptionType.STRING, OptionType.INTEGER, OptionType.FLOAT]))
    value = {
        OptionType.STRING: st.text(max_size=100),
        OptionType.INTEGER: st.integers(-(2**53 - 1), 2**53 - 1),
        OptionType.FLOAT: st.floats(-(2.0**53), 2.0**53, allow_nan=False),
    }[kind]
    choices = draw(
        st.none()
        | st.lists(
            st.builds(
                CommandChoice,
                name=texts,
                value=value,
                name_localizations=st.dictionaries(locales, texts, max_size=2),
            ),
            max_size=3,
        )
    )
    return CommandOption(
        type=kind,
        name=draw(slash_names),
        description=draw(texts),
        choices=choices,
        autocomplete=not choices and draw(st.booleans()),
        name_localizations=draw(st.dictionaries(locales, slash_names, max_size=2)),
        description_localizations=draw(st.dictionaries(locales, texts, max_size=2)),
    )


@st.composite
def slash_commands(draw: st.DrawFn) -> SlashCommandBuilder:
    opts = draw(st.lists(options(), max_size=4, unique_by=lambda o: o.name))
    return SlashCommandBuilder(
        draw(slash_names),
        draw(texts),
        options=opts,
        is_nsfw=draw(st.booleans()),
        contexts=draw(st.none() | st.lists(st.sampled_from([0, 1, 2]), max_size=3)),
        integration_types=draw(st.lists(st.sampled_from([0, 1]), max_size=2)),
        default_member_permissions=draw(st.none() | st.integers(0, 2**40).map(Permissions)),
    )


@settings(max_examples=150, deadline=None)
@given(slash_commands())
def test_slash_builders_round_trip_exactly(command: SlashCommandBuilder) -> None:
    command.validate()
    encoded = encode_command_builder(command)
    decoded = decode_command_builder(encoded)
    assert isinstance(decoded, SlashCommandBuilder)
    assert encode_command_builder(decoded) == encoded
    assert [o.name for o in decoded.options] == [o.name for o in command.options]
