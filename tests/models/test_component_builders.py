"""hikari's fluent component builders build anycord's component models, and Discord's limits
are checked once, in `check_component`, when they are built."""

from __future__ import annotations

import pytest

import anycord
from anycord.models import components as c
from anycord.serde.components import encode_component


def _parent(menu: anycord.TextSelectMenuBuilder) -> anycord.MessageActionRowBuilder:
    assert menu.parent is not None
    return menu.parent


def test_message_action_row_of_buttons() -> None:
    row = (
        anycord.MessageActionRowBuilder()
        .add_interactive_button(c.ButtonStyle.PRIMARY, "go", label="Go", emoji="🚀")
        .add_interactive_button(c.ButtonStyle.DANGER, "stop", is_disabled=True)
        .add_link_button("https://example.com", label="Docs")
        .add_premium_button(1234)
    )
    assert encode_component(row.build()) == {
        "type": 1,
        "components": [
            {
                "type": 2,
                "style": 1,
                "label": "Go",
                "emoji": {"id": None, "name": "🚀"},
                "custom_id": "go",
            },
            {"type": 2, "style": 4, "custom_id": "stop", "disabled": True},
            {"type": 2, "style": 5, "label": "Docs", "url": "https://example.com"},
            {"type": 2, "style": 6, "sku_id": "1234"},
        ],
    }


def test_select_menus() -> None:
    row = anycord.MessageActionRowBuilder()
    menu = row.add_text_menu("flavour", placeholder="Pick", min_values=1, max_values=2)
    assert menu.parent is row
    menu.add_option("Vanilla", "v", emoji="🍨").add_option("Chocolate", "c", is_default=True)
    built = row.build()
    assert isinstance(built, c.ActionRowComponent)
    text = built.components[0]
    assert isinstance(text, c.TextSelectMenuComponent)
    assert [o.value for o in text.options] == ["v", "c"]
    assert text.options[1].is_default
    users = anycord.MessageActionRowBuilder().add_select_menu(
        c.ComponentType.USER_SELECT_MENU, "who", min_values=2, max_values=5
    )
    assert isinstance(users.build().components[0], c.UserSelectMenuComponent)  # type: ignore[attr-defined]
    channels = anycord.MessageActionRowBuilder().add_channel_menu(
        "where", channel_types=[anycord.ChannelType.GUILD_TEXT], max_values=3
    )
    payload = encode_component(channels.build())
    assert payload["components"][0]["channel_types"] == [0]
    assert payload["components"][0]["type"] == 8


def test_modal_rows_and_labels() -> None:
    row = anycord.ModalActionRowBuilder().add_text_input(
        "why", "Why?", style=c.TextInputStyle.PARAGRAPH, max_length=100
    )
    payload = encode_component(row.build())
    assert payload["components"][0] == {
        "type": 4,
        "custom_id": "why",
        "style": 2,
        "label": "Why?",
        "min_length": 0,
        "max_length": 100,
        "required": True,
    }
    label = anycord.LabelComponentBuilder(
        label="Colour",
        description="Free text",
        component=anycord.TextInputBuilder(custom_id="colour", placeholder="blurple"),
    )
    out = encode_component(label.build())
    assert out["type"] == 18
    assert out["component"]["placeholder"] == "blurple"
    upload = anycord.FileUploadComponentBuilder(custom_id="files", min_values=0, max_values=3)
    assert encode_component(upload.build())["max_values"] == 3


def test_components_v2_layout() -> None:
    container = anycord.ContainerComponentBuilder(accent_color=0x5865F2)
    container.add_text_display("# Title").add_separator(divider=True, spacing=c.SpacingType.LARGE)
    container.add_component(
        anycord.SectionComponentBuilder(
            components=[anycord.TextDisplayComponentBuilder(content="Body")],
            accessory=anycord.InteractiveButtonBuilder(
                style=c.ButtonStyle.SECONDARY, custom_id="click", label="Click"
            ),
        )
    )
    container.add_action_row([anycord.LinkButtonBuilder(url="https://example.com", label="Docs")])
    container.add_media_gallery(
        [anycord.MediaGalleryItemBuilder(media="https://cdn.example/1.png", description="one")]
    )
    container.add_file("attachment://notes.txt", spoiler=True)
    section = anycord.SectionComponentBuilder(
        accessory=anycord.ThumbnailComponentBuilder(media="https://cdn.example/t.png")
    ).add_text_display("Beside a thumbnail")
    out = encode_component(container.build())
    assert out["type"] == 17
    assert out["accent_color"] == 0x5865F2
    assert [x["type"] for x in out["components"]] == [10, 14, 9, 1, 12, 13]
    assert out["components"][4]["items"][0] == {
        "media": {"url": "https://cdn.example/1.png"},
        "description": "one",
    }
    assert out["components"][5] == {
        "type": 13,
        "file": {"url": "attachment://notes.txt"},
        "spoiler": True,
    }
    assert encode_component(section.build())["accessory"]["media"]["url"].endswith("t.png")


@pytest.mark.parametrize(
    ("build", "limit"),
    [
        (lambda: anycord.MessageActionRowBuilder().build(), "1-5 buttons"),
        (
            lambda: anycord.MessageActionRowBuilder().add_interactive_button(1, "x" * 101).build(),
            "custom_id",
        ),
        (
            lambda: (
                anycord.MessageActionRowBuilder()
                .add_interactive_button(1, "a", label="x" * 81)
                .build()
            ),
            "label",
        ),
        (
            lambda: [
                row := anycord.MessageActionRowBuilder(),
                *[row.add_interactive_button(1, str(i)) for i in range(6)],
            ][0].build(),
            "1-5 buttons",
        ),
        (
            lambda: (
                anycord.MessageActionRowBuilder()
                .add_interactive_button(1, "a")
                .add_select_menu(5, "u")
                .build()
            ),
            "nothing else",
        ),
        (lambda: _parent(anycord.MessageActionRowBuilder().add_text_menu("m")).build(), "options"),
        (
            lambda: (
                anycord.MessageActionRowBuilder()
                .add_select_menu(5, "u", min_values=3, max_values=2)
                .build()
            ),
            "above max_values",
        ),
        (
            lambda: anycord.TextInputBuilder(custom_id="t", max_length=4001).build(),
            "max_length",
        ),
        (
            lambda: anycord.SectionComponentBuilder(
                accessory=anycord.ThumbnailComponentBuilder(media="https://x")
            ).build(),
            "1-3 components",
        ),
        (lambda: anycord.MediaGalleryComponentBuilder().build(), "1-10 items"),
        (
            lambda: anycord.LabelComponentBuilder(
                label="x" * 46, component=anycord.TextInputBuilder(custom_id="t")
            ).build(),
            "label's text",
        ),
        (
            lambda: anycord.InteractiveButtonBuilder(style=5, custom_id="x").build(),
            "interactive button",
        ),
    ],
)
def test_limits_fail_where_the_component_is_built(build: object, limit: str) -> None:
    with pytest.raises(ValueError, match=limit):
        build()  # type: ignore[operator]


def test_media_is_a_url_or_a_resource_uploaded_with_the_message() -> None:
    thumb = anycord.ThumbnailComponentBuilder(media=anycord.Bytes(b"x", "x.png")).build()
    assert isinstance(thumb, c.ThumbnailComponent)
    assert thumb.media.url == "attachment://x.png"
    with pytest.raises(TypeError, match="attachment://"):
        anycord.ThumbnailComponentBuilder(media=42).build()  # type: ignore[arg-type]  # on purpose
