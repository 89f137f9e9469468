"""Components as plain JSON-ready dicts: buttons, selects, text inputs, and Components V2 layouts.

Pass them as `components=[...]` to `ctx.respond`, `ctx.edit` or `ctx.followup`; a message
whose top level holds V2 layout components (containers, sections, text displays, …) gets the
`IS_COMPONENTS_V2` flag from the response builder, so both kinds go through the same API.
A `Route` builds custom_ids: `button("Yes", custom_id=vote.custom_id(poll_id=1, choice="y"))`.
Limits (labels, counts) are Discord's and are checked where a message is built.
"""

from __future__ import annotations

import typing

from anycord.models.components import ButtonStyle, ComponentType, TextInputStyle

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "action_row",
    "button",
    "container",
    "label",
    "link_button",
    "section",
    "separator",
    "string_select",
    "text",
    "text_input",
    "thumbnail",
]

Component = dict[str, typing.Any]


def action_row(*components: Component) -> Component:
    """A row of up to 5 buttons or one select menu."""
    return {"type": int(ComponentType.ACTION_ROW), "components": list(components)}


def button(
    label: str,
    *,
    custom_id: str,
    style: ButtonStyle | int = ButtonStyle.PRIMARY,
    emoji: Mapping[str, typing.Any] | None = None,
    disabled: bool = False,
) -> Component:
    """An interactive button (routed by `custom_id`)."""
    out: Component = {
        "type": int(ComponentType.BUTTON),
        "style": int(style),
        "label": label,
        "custom_id": custom_id,
    }
    if emoji is not None:
        out["emoji"] = dict(emoji)
    if disabled:
        out["disabled"] = True
    return out


def link_button(label: str, url: str) -> Component:
    """A button that opens a URL."""
    return {
        "type": int(ComponentType.BUTTON),
        "style": int(ButtonStyle.LINK),
        "label": label,
        "url": url,
    }


def string_select(
    custom_id: str,
    options: Sequence[tuple[str, str]],
    *,
    placeholder: str | None = None,
    min_values: int = 1,
    max_values: int = 1,
) -> Component:
    """A select menu of `(label, value)` options."""
    out: Component = {
        "type": int(ComponentType.TEXT_SELECT_MENU),
        "custom_id": custom_id,
        "options": [{"label": label, "value": value} for label, value in options],
        "min_values": min_values,
        "max_values": max_values,
    }
    if placeholder is not None:
        out["placeholder"] = placeholder
    return out


def text_input(
    custom_id: str,
    *,
    style: TextInputStyle | int = TextInputStyle.SHORT,
    required: bool = True,
    min_length: int | None = None,
    max_length: int | None = None,
    placeholder: str | None = None,
) -> Component:
    """A modal text input; put it in a `label(...)`. Its value arrives in `ModalContext.fields`."""
    out: Component = {
        "type": int(ComponentType.TEXT_INPUT),
        "custom_id": custom_id,
        "style": int(style),
        "required": required,
    }
    for key, value in (
        ("min_length", min_length),
        ("max_length", max_length),
        ("placeholder", placeholder),
    ):
        if value is not None:
            out[key] = value
    return out


def label(text_: str, component: Component, *, description: str | None = None) -> Component:
    """A modal label around one input."""
    out: Component = {"type": int(ComponentType.LABEL), "label": text_, "component": component}
    if description is not None:
        out["description"] = description
    return out


# -- Components V2 layouts -----------------------------------------------------------------------


def text(content: str) -> Component:
    """A text display (markdown)."""
    return {"type": int(ComponentType.TEXT_DISPLAY), "content": content}


def thumbnail(url: str, *, description: str | None = None) -> Component:
    """A thumbnail (a section's accessory)."""
    out: Component = {"type": int(ComponentType.THUMBNAIL), "media": {"url": url}}
    if description is not None:
        out["description"] = description
    return out


def section(*texts: Component, accessory: Component) -> Component:
    """1-3 text displays beside an accessory (a button or a thumbnail)."""
    return {
        "type": int(ComponentType.SECTION),
        "components": list(texts),
        "accessory": accessory,
    }


def separator(*, divider: bool = True, large: bool = False) -> Component:
    """Vertical space, with or without a line."""
    return {"type": int(ComponentType.SEPARATOR), "divider": divider, "spacing": 2 if large else 1}


def container(*components: Component, accent_color: int | None = None) -> Component:
    """A box around other components, like an embed."""
    out: Component = {"type": int(ComponentType.CONTAINER), "components": list(components)}
    if accent_color is not None:
        out["accent_color"] = accent_color
    return out
