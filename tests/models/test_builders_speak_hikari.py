"""hikari's builder vocabulary works on anycord's builders: `set_custom_id`, `type`, `style`,
`is_spoiler`, `is_required`, the mention setters and properties, `set_name`/`set_value`,
`question_text` (tools/parity.py compares the names; these tests check what they do)."""

from __future__ import annotations

import typing

import pytest

import anycord
from anycord.models import components as c
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.models.component_builders import Builder

IMAGE = "https://example.com/a.png"


def every_builder() -> list[Builder]:
    row = anycord.MessageActionRowBuilder()
    row.add_interactive_button(c.ButtonStyle.PRIMARY, "yes", label="Yes")
    return [
        anycord.InteractiveButtonBuilder(style=c.ButtonStyle.DANGER, custom_id="x", label="X"),
        anycord.LinkButtonBuilder(url="https://example.com", label="Docs"),
        anycord.PremiumButtonBuilder(sku_id=1234),
        anycord.TextSelectMenuBuilder(custom_id="t").add_option("a", "a"),
        anycord.ChannelSelectMenuBuilder(custom_id="ch"),
        anycord.SelectMenuBuilder(type=c.ComponentType.ROLE_SELECT_MENU, custom_id="r"),
        row,
        anycord.ModalActionRowBuilder().add_text_input("q", "Question"),
        anycord.TextInputBuilder(custom_id="q", label="Question"),
        anycord.LabelComponentBuilder(
            label="Files", component=anycord.FileUploadComponentBuilder(custom_id="f")
        ),
        anycord.FileUploadComponentBuilder(custom_id="f"),
        anycord.TextDisplayComponentBuilder(content="# hi"),
        anycord.ThumbnailComponentBuilder(media=IMAGE),
        anycord.MediaGalleryComponentBuilder().add_media_gallery_item(IMAGE),
        anycord.SeparatorComponentBuilder(divider=True),
        anycord.FileComponentBuilder(file="attachment://a.txt"),
        anycord.SectionComponentBuilder(
            accessory=anycord.ThumbnailComponentBuilder(media=IMAGE)
        ).add_text_display("text"),
        anycord.ContainerComponentBuilder().add_text_display("inside"),
    ]


@pytest.mark.parametrize("builder", every_builder(), ids=lambda b: type(b).__name__)
def test_a_builders_type_is_the_type_it_builds(builder: Builder) -> None:
    assert builder.type == builder.build().type


@pytest.mark.parametrize(
    "builder",
    [
        anycord.InteractiveButtonBuilder(style=c.ButtonStyle.PRIMARY, custom_id="old", label="L"),
        anycord.TextSelectMenuBuilder(custom_id="old").add_option("a", "a"),
        anycord.ChannelSelectMenuBuilder(custom_id="old"),
        anycord.SelectMenuBuilder(type=c.ComponentType.USER_SELECT_MENU, custom_id="old"),
        anycord.TextInputBuilder(custom_id="old", label="Question"),
    ],
    ids=lambda b: type(b).__name__,
)
def test_set_custom_id_sets_what_is_built(builder: typing.Any) -> None:
    assert builder.set_custom_id("new") is builder
    assert builder.build().custom_id == "new"


def test_button_styles_and_premium_buttons() -> None:
    link = anycord.LinkButtonBuilder(url="https://example.com", label="Docs")
    assert link.style is c.ButtonStyle.LINK
    assert typing.cast("c.ButtonComponent", link.build()).style is c.ButtonStyle.LINK
    premium = anycord.PremiumButtonBuilder(sku_id=1234)
    assert premium.style is c.ButtonStyle.PREMIUM
    assert premium.set_is_disabled(True) is premium
    assert typing.cast("c.ButtonComponent", premium.build()).is_disabled


@pytest.mark.parametrize("spoiler", [True, False])
def test_is_spoiler_is_what_is_built(spoiler: bool) -> None:
    thumbnail = anycord.ThumbnailComponentBuilder(media=IMAGE, spoiler=spoiler)
    file = anycord.FileComponentBuilder(file="attachment://a.txt", spoiler=spoiler)
    container = anycord.ContainerComponentBuilder(spoiler=spoiler).add_text_display("x")
    item = anycord.MediaGalleryItemBuilder(media=IMAGE, spoiler=spoiler)
    for builder in (thumbnail, file, container):
        assert builder.is_spoiler is spoiler
        assert typing.cast("typing.Any", builder.build()).is_spoiler is spoiler
    assert item.is_spoiler is spoiler
    assert item.build().is_spoiler is spoiler


def test_text_input_is_required() -> None:
    text = anycord.TextInputBuilder(custom_id="q", label="Question")
    assert text.is_required
    text.set_required(False)
    assert not text.is_required
    assert not typing.cast("c.TextInputComponent", text.build()).is_required


def test_message_response_mentions_one_by_one() -> None:
    fresh = anycord.InteractionMessageBuilder(anycord.ResponseType.MESSAGE_CREATE, "hi")
    assert fresh.mentions_everyone is UNDEFINED
    assert "allowed_mentions" not in fresh.build()[0]["data"]
    builder = anycord.InteractionMessageBuilder(anycord.ResponseType.MESSAGE_CREATE, "hi")
    builder.set_mentions_everyone(False).set_user_mentions([3, 1]).set_role_mentions(True)
    assert builder.mentions_everyone is False
    assert builder.user_mentions == [3, 1]
    assert builder.role_mentions is True
    assert builder.build()[0]["data"]["allowed_mentions"] == {
        "parse": ["roles"],
        "users": ["3", "1"],
    }
    # set_mentions sets all four at once, as before
    reset = builder.set_mentions(mentions_reply=True)
    assert reset.user_mentions is UNDEFINED
    assert reset.build()[0]["data"]["allowed_mentions"] == {"parse": [], "replied_user": True}


def test_message_response_mentions_from_the_constructor_and_refused_early() -> None:
    builder = anycord.InteractionMessageBuilder(
        anycord.ResponseType.MESSAGE_CREATE, mentions_everyone=True, user_mentions=False
    )
    assert builder.build()[0]["data"]["allowed_mentions"] == {"parse": ["everyone"]}
    too_many = list(range(1, 102))
    with pytest.raises(ValueError, match="at most 100 IDs"):
        builder.set_user_mentions(too_many)
    with pytest.raises(ValueError, match="at most 100 IDs"):
        builder.set_mentions(role_mentions=too_many)
    with pytest.raises(ValueError, match="at most 100 IDs"):
        anycord.InteractionMessageBuilder(
            anycord.ResponseType.MESSAGE_CREATE, role_mentions=too_many
        )
    assert builder.user_mentions is False  # the refused calls changed nothing


def test_message_response_content_tts_and_poll() -> None:
    poll = anycord.PollBuilder("Lunch?").add_answer("Pizza")
    builder = anycord.InteractionMessageBuilder(anycord.ResponseType.MESSAGE_CREATE, "hi")
    builder.set_tts(True).set_poll(poll)
    assert builder.is_tts is True
    assert builder.poll is poll
    assert builder.clear_content().content is UNDEFINED
    data = builder.build()[0]["data"]
    assert "content" not in data
    assert data["tts"] is True
    assert data["poll"]["question"] == {"text": "Lunch?"}
    assert poll.question_text == "Lunch?"


def test_autocomplete_choice_setters_check_like_the_constructor() -> None:
    choice = anycord.AutocompleteChoiceBuilder(name="a", value=1)
    assert choice.set_name("b").set_value("v").build() == {"name": "b", "value": "v"}
    with pytest.raises(ValueError, match="choice name"):
        choice.set_name("x" * 101)
    with pytest.raises(TypeError, match="str, int or float"):
        choice.set_value(True)
