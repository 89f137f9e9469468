"""Discord's limits on the components a bot sends: one check per limit, in one place.

`check_component(component)` walks a component (and everything inside it) and raises
`ValueError` naming the first broken limit and the value that broke it. The fluent builders
(`anycord.models.component_builders`) run it in `build()`, so a bad component fails where it
was built, before any request. Limits from components/reference.mdx:

* `custom_id` 1-100 characters on every interactive component;
* buttons: label at most 80 characters, URL at most 512; a link button has a URL and no
  `custom_id`, a premium button a SKU and neither, every other style a `custom_id`;
* an action row: 1-5 buttons, or exactly one select menu;
* select menus: placeholder at most 150 characters, `min_values` 0-25, `max_values` 1-25 and
  not below `min_values`; a string select has 1-25 options whose label, value and description
  are at most 100 characters each;
* text inputs: label at most 45 characters, `min_length` 0-4000, `max_length` 1-4000, value
  at most 4000 characters, placeholder at most 100;
* a section: 1-3 components beside its accessory; a media gallery: 1-10 items; media
  descriptions at most 1024 characters;
* a label: text at most 45 characters, description at most 100;
* a file upload: `min_values` 0-10, `max_values` 1-10.
"""

from __future__ import annotations

import typing

from anycord.models import components as c

__all__ = ["check_component"]


def _length(what: str, value: str | None, high: int, low: int = 0) -> None:
    if value is None:
        return
    if not low <= len(value) <= high:
        bounds = f"at most {high}" if low == 0 else f"{low}-{high}"
        msg = f"{what} must be {bounds} characters, not {len(value)}: {value[:40]!r}"
        raise ValueError(msg)


def _between(what: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        msg = f"{what} must be between {low} and {high}, not {value}"
        raise ValueError(msg)


def _custom_id(kind: str, custom_id: str | None) -> None:
    if custom_id is None:
        msg = f"a {kind} needs a custom_id"
        raise ValueError(msg)
    _length(f"the custom_id of a {kind}", custom_id, 100, low=1)


def _button(b: c.ButtonComponent) -> None:
    _length("a button's label", b.label, 80)
    if b.style == c.ButtonStyle.LINK:
        if not b.url or b.custom_id is not None:
            msg = "a link button has a url and no custom_id"
            raise ValueError(msg)
        _length("a button's url", b.url, 512)
    elif b.style == c.ButtonStyle.PREMIUM:
        if b.sku_id is None or b.custom_id is not None or b.url is not None:
            msg = "a premium button has a sku_id and neither custom_id nor url"
            raise ValueError(msg)
    else:
        _custom_id("button", b.custom_id)
        if b.url is not None:
            msg = "only link buttons have a url"
            raise ValueError(msg)


def _select(s: c.SelectMenuComponent) -> None:
    _custom_id("select menu", s.custom_id)
    _length("a select menu's placeholder", s.placeholder, 150)
    _between("a select menu's min_values", s.min_values, 0, 25)
    _between("a select menu's max_values", s.max_values, 1, 25)
    if s.min_values is not None and s.max_values is not None and s.min_values > s.max_values:
        msg = f"min_values ({s.min_values}) is above max_values ({s.max_values})"
        raise ValueError(msg)
    if isinstance(s, c.TextSelectMenuComponent):
        if not 1 <= len(s.options) <= 25:
            msg = f"a string select has 1-25 options, not {len(s.options)}"
            raise ValueError(msg)
        for option in s.options:
            _length("a select option's label", option.label, 100)
            _length("a select option's value", option.value, 100)
            _length("a select option's description", option.description, 100)


def _action_row(row: c.ActionRowComponent) -> None:
    children = row.components
    selects = [x for x in children if isinstance(x, c.SelectMenuComponent)]
    buttons = [x for x in children if isinstance(x, c.ButtonComponent)]
    if selects and (len(children) > 1):
        msg = "an action row with a select menu holds nothing else"
        raise ValueError(msg)
    if not children or len(buttons) > 5:
        msg = f"an action row holds 1-5 buttons or one select menu, not {len(children)} components"
        raise ValueError(msg)


def _text_input(t: c.TextInputComponent) -> None:
    _custom_id("text input", t.custom_id)
    _length("a text input's label", t.label, 45)
    _between("a text input's min_length", t.min_length, 0, 4000)
    _between("a text input's max_length", t.max_length, 1, 4000)
    _length("a text input's value", t.value, 4000)
    _length("a text input's placeholder", t.placeholder, 100)


def _children(component: c.PartialComponent) -> typing.Sequence[c.PartialComponent]:
    if isinstance(component, c.ActionRowComponent | c.ContainerComponent):
        return component.components
    if isinstance(component, c.SectionComponent):
        return [*component.components, component.accessory]
    if isinstance(component, c.LabelComponent):
        return [component.component]
    return ()


def check_component(component: c.PartialComponent) -> None:
    """Raise `ValueError` naming the first of Discord's limits `component` breaks."""
    if isinstance(component, c.ButtonComponent):
        _button(component)
    elif isinstance(component, c.SelectMenuComponent):
        _select(component)
    elif isinstance(component, c.ActionRowComponent):
        _action_row(component)
    elif isinstance(component, c.TextInputComponent):
        _text_input(component)
    elif isinstance(component, c.SectionComponent):
        if not 1 <= len(component.components) <= 3:
            msg = f"a section holds 1-3 components, not {len(component.components)}"
            raise ValueError(msg)
    elif isinstance(component, c.MediaGalleryComponent):
        if not 1 <= len(component.items) <= 10:
            msg = f"a media gallery holds 1-10 items, not {len(component.items)}"
            raise ValueError(msg)
        for item in component.items:
            _length("a media item's description", item.description, 1024)
    elif isinstance(component, c.ThumbnailComponent):
        _length("a thumbnail's description", component.description, 1024)
    elif isinstance(component, c.LabelComponent):
        _length("a label's text", component.label, 45)
        _length("a label's description", component.description, 100)
    elif isinstance(component, c.FileUploadComponent):
        _custom_id("file upload", component.custom_id)
        _between("a file upload's min_values", component.min_values, 0, 10)
        _between("a file upload's max_values", component.max_values, 1, 10)
    for child in _children(component):
        check_component(child)
