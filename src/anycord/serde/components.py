"""Components ↔ JSON. `decode_component` picks the class by `type`; unknown types become
`UnknownComponent` (raw payload kept). `encode_component` writes only the fields that are set.
"""

from __future__ import annotations

import typing

from anycord.colors import Color
from anycord.enums import try_enum
from anycord.models import components as c
from anycord.serde import _links
from anycord.serde._core import JSONObject, register
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from anycord.traits import RESTAware

__all__ = ["decode_component", "decode_components", "encode_component", "encode_components"]


def _media(p: JSONObject) -> c.MediaResource:
    flags = p.get("flags")
    attachment_id = p.get("attachment_id")
    return c.MediaResource(
        url=p["url"],
        proxy_url=p.get("proxy_url"),
        height=p.get("height"),
        width=p.get("width"),
        placeholder=p.get("placeholder"),
        placeholder_version=p.get("placeholder_version"),
        content_type=p.get("content_type"),
        flags=None if flags is None else c.MediaItemFlag(flags),
        attachment_id=None if attachment_id is None else Snowflake(attachment_id),
    )


def _encode_media(m: c.MediaResource) -> JSONObject:
    out: JSONObject = {"url": m.url}
    for key in (
        "proxy_url",
        "height",
        "width",
        "placeholder",
        "placeholder_version",
        "content_type",
    ):
        value = getattr(m, key)
        if value is not None:
            out[key] = value
    if m.flags is not None:
        out["flags"] = int(m.flags)
    if m.attachment_id is not None:
        out["attachment_id"] = str(m.attachment_id)
    return out


def _defaults(p: JSONObject) -> list[c.SelectDefaultValue] | None:
    values = p.get("default_values")
    if values is None:
        return None
    return [
        c.SelectDefaultValue(
            id=Snowflake(v["id"]), type=try_enum(c.SelectDefaultValueType, v["type"])
        )
        for v in values
    ]


def _select_common(p: JSONObject) -> dict[str, typing.Any]:
    values = p.get("values")
    return {
        "id": p.get("id"),
        "custom_id": p["custom_id"],
        "placeholder": p.get("placeholder"),
        "min_values": p.get("min_values"),
        "max_values": p.get("max_values"),
        "is_disabled": p.get("disabled", False),
        "is_required": p.get("required"),
        "values": None if values is None else [str(v) for v in values],
    }


def _option(p: JSONObject) -> c.SelectMenuOption:
    emoji = p.get("emoji")
    return c.SelectMenuOption(
        label=p["label"],
        value=p["value"],
        description=p.get("description"),
        emoji=None if emoji is None else _links.decode_partial_emoji(emoji),
        is_default=p.get("default", False),
    )


def _group_option(p: JSONObject) -> c.GroupOption:
    return c.GroupOption(
        value=p["value"],
        label=p["label"],
        description=p.get("description"),
        is_default=p.get("default", False),
    )


def _button(p: JSONObject) -> c.PartialComponent:
    emoji = p.get("emoji")
    sku = p.get("sku_id")
    return c.ButtonComponent(
        id=p.get("id"),
        style=try_enum(c.ButtonStyle, p["style"]),
        label=p.get("label"),
        emoji=None if emoji is None else _links.decode_partial_emoji(emoji),
        custom_id=p.get("custom_id"),
        url=p.get("url"),
        sku_id=None if sku is None else Snowflake(sku),
        is_disabled=p.get("disabled", False),
    )


def _action_row(p: JSONObject) -> c.PartialComponent:
    return c.ActionRowComponent(
        id=p.get("id"), components=decode_components(p.get("components", ()))
    )


def _text_select(p: JSONObject) -> c.PartialComponent:
    return c.TextSelectMenuComponent(
        options=[_option(o) for o in p.get("options", ())], **_select_common(p)
    )


def _user_select(p: JSONObject) -> c.PartialComponent:
    return c.UserSelectMenuComponent(default_values=_defaults(p), **_select_common(p))


def _role_select(p: JSONObject) -> c.PartialComponent:
    return c.RoleSelectMenuComponent(default_values=_defaults(p), **_select_common(p))


def _mentionable_select(p: JSONObject) -> c.PartialComponent:
    return c.MentionableSelectMenuComponent(default_values=_defaults(p), **_select_common(p))


def _channel_select(p: JSONObject) -> c.PartialComponent:
    types = p.get("channel_types")
    return c.ChannelSelectMenuComponent(
        channel_types=None if types is None else [_links.channel_type(t) for t in types],
        default_values=_defaults(p),
        **_select_common(p),
    )


def _text_input(p: JSONObject) -> c.PartialComponent:
    style = p.get("style")
    return c.TextInputComponent(
        id=p.get("id"),
        custom_id=p["custom_id"],
        style=None if style is None else try_enum(c.TextInputStyle, style),
        label=p.get("label"),
        min_length=p.get("min_length"),
        max_length=p.get("max_length"),
        is_required=p.get("required"),
        value=p.get("value"),
        placeholder=p.get("placeholder"),
    )


def _section(p: JSONObject) -> c.PartialComponent:
    return c.SectionComponent(
        id=p.get("id"),
        components=decode_components(p.get("components", ())),
        accessory=decode_component(p["accessory"]),
    )


def _text_display(p: JSONObject) -> c.PartialComponent:
    return c.TextDisplayComponent(id=p.get("id"), content=p.get("content", ""))


def _thumbnail(p: JSONObject) -> c.PartialComponent:
    return c.ThumbnailComponent(
        id=p.get("id"),
        media=_media(p["media"]),
        description=p.get("description"),
        is_spoiler=p.get("spoiler", False),
    )


def _gallery(p: JSONObject) -> c.PartialComponent:
    return c.MediaGalleryComponent(
        id=p.get("id"),
        items=[
            c.MediaGalleryItem(
                media=_media(i["media"]),
                description=i.get("description"),
                is_spoiler=i.get("spoiler", False),
            )
            for i in p.get("items", ())
        ],
    )


def _file(p: JSONObject) -> c.PartialComponent:
    return c.FileComponent(
        id=p.get("id"),
        file=_media(p["file"]),
        is_spoiler=p.get("spoiler", False),
        name=p.get("name"),
        size=p.get("size"),
    )


def _separator(p: JSONObject) -> c.PartialComponent:
    spacing = p.get("spacing")
    return c.SeparatorComponent(
        id=p.get("id"),
        divider=p.get("divider"),
        spacing=None if spacing is None else try_enum(c.SpacingType, spacing),
    )


def _container(p: JSONObject) -> c.PartialComponent:
    accent = p.get("accent_color")
    return c.ContainerComponent(
        id=p.get("id"),
        components=decode_components(p.get("components", ())),
        accent_color=None if accent is None else Color(accent),
        is_spoiler=p.get("spoiler", False),
    )


def _label(p: JSONObject) -> c.PartialComponent:
    return c.LabelComponent(
        id=p.get("id"),
        label=p.get("label"),
        description=p.get("description"),
        component=decode_component(p["component"]),
    )


def _file_upload(p: JSONObject) -> c.PartialComponent:
    values = p.get("values")
    return c.FileUploadComponent(
        id=p.get("id"),
        custom_id=p["custom_id"],
        min_values=p.get("min_values"),
        max_values=p.get("max_values"),
        is_required=p.get("required"),
        file_types=p.get("file_types"),
        values=None if values is None else [str(v) for v in values],
    )


def _radio_group(p: JSONObject) -> c.PartialComponent:
    return c.RadioGroupComponent(
        id=p.get("id"),
        custom_id=p["custom_id"],
        options=[_group_option(o) for o in p.get("options", ())],
        is_required=p.get("required"),
        value=p.get("value"),
    )


def _checkbox_group(p: JSONObject) -> c.PartialComponent:
    return c.CheckboxGroupComponent(
        id=p.get("id"),
        custom_id=p["custom_id"],
        options=[_group_option(o) for o in p.get("options", ())],
        min_values=p.get("min_values"),
        max_values=p.get("max_values"),
        is_required=p.get("required"),
        values=p.get("values"),
    )


def _checkbox(p: JSONObject) -> c.PartialComponent:
    return c.CheckboxComponent(
        id=p.get("id"), custom_id=p["custom_id"], is_default=p.get("default"), value=p.get("value")
    )


_DECODERS: dict[int, Callable[[JSONObject], c.PartialComponent]] = {
    1: _action_row,
    2: _button,
    3: _text_select,
    4: _text_input,
    5: _user_select,
    6: _role_select,
    7: _mentionable_select,
    8: _channel_select,
    9: _section,
    10: _text_display,
    11: _thumbnail,
    12: _gallery,
    13: _file,
    14: _separator,
    17: _container,
    18: _label,
    19: _file_upload,
    21: _radio_group,
    22: _checkbox_group,
    23: _checkbox,
}


def decode_component(payload: JSONObject, app: RESTAware | None = None) -> c.PartialComponent:
    """Any component, by its `type`; an unknown type gives `UnknownComponent` with the raw payload."""
    del app
    kind = payload["type"]
    fn = _DECODERS.get(kind)
    if fn is None:
        return c.UnknownComponent(
            type=try_enum(c.ComponentType, kind), id=payload.get("id"), raw=dict(payload)
        )
    return fn(payload)


def decode_components(payloads: Sequence[JSONObject]) -> list[c.PartialComponent]:
    """A list of components."""
    return [decode_component(p) for p in payloads]


# -- encoding -----------------------------------------------------------------------------


def _put(out: JSONObject, key: str, value: object) -> None:
    if value is not None:
        out[key] = value


def _encode_option(o: c.SelectMenuOption) -> JSONObject:
    out: JSONObject = {"label": o.label, "value": o.value}
    _put(out, "description", o.description)
    if o.emoji is not None:
        out["emoji"] = _links.encode_partial_emoji(o.emoji)
    if o.is_default:
        out["default"] = True
    return out


def _encode_group_option(o: c.GroupOption) -> JSONObject:
    out: JSONObject = {"value": o.value, "label": o.label}
    _put(out, "description", o.description)
    if o.is_default:
        out["default"] = True
    return out


def encode_component(component: c.PartialComponent) -> JSONObject:
    """A component as JSON: only the fields that are set."""
    if isinstance(component, c.UnknownComponent):
        return dict(component.raw)
    out: JSONObject = {"type": int(component.type)}
    _put(out, "id", component.id)
    if isinstance(component, c.ActionRowComponent):
        out["components"] = encode_components(component.components)
    elif isinstance(component, c.ButtonComponent):
        out["style"] = int(component.style)
        _put(out, "label", component.label)
        if component.emoji is not None:
            out["emoji"] = _links.encode_partial_emoji(component.emoji)
        _put(out, "custom_id", component.custom_id)
        _put(out, "url", component.url)
        if component.sku_id is not None:
            out["sku_id"] = str(component.sku_id)
        if component.is_disabled:
            out["disabled"] = True
    elif isinstance(component, c.SelectMenuComponent):
        out["custom_id"] = component.custom_id
        if isinstance(component, c.TextSelectMenuComponent):
            out["options"] = [_encode_option(o) for o in component.options]
        if (
            isinstance(component, c.ChannelSelectMenuComponent)
            and component.channel_types is not None
        ):
            out["channel_types"] = [int(t) for t in component.channel_types]
        _put(out, "placeholder", component.placeholder)
        defaults = getattr(component, "default_values", None)
        if defaults is not None:
            out["default_values"] = [{"id": str(d.id), "type": str(d.type)} for d in defaults]
        _put(out, "min_values", component.min_values)
        _put(out, "max_values", component.max_values)
        _put(out, "required", component.is_required)
        if component.is_disabled:
            out["disabled"] = True
        _put(out, "values", component.values)
    elif isinstance(component, c.TextInputComponent):
        out["custom_id"] = component.custom_id
        if component.style is not None:
            out["style"] = int(component.style)
        _put(out, "label", component.label)
        _put(out, "min_length", component.min_length)
        _put(out, "max_length", component.max_length)
        _put(out, "required", component.is_required)
        _put(out, "value", component.value)
        _put(out, "placeholder", component.placeholder)
    elif isinstance(component, c.SectionComponent):
        out["components"] = encode_components(component.components)
        out["accessory"] = encode_component(component.accessory)
    elif isinstance(component, c.TextDisplayComponent):
        out["content"] = component.content
    elif isinstance(component, c.ThumbnailComponent):
        out["media"] = _encode_media(component.media)
        _put(out, "description", component.description)
        if component.is_spoiler:
            out["spoiler"] = True
    elif isinstance(component, c.MediaGalleryComponent):
        items = []
        for item in component.items:
            encoded: JSONObject = {"media": _encode_media(item.media)}
            _put(encoded, "description", item.description)
            if item.is_spoiler:
                encoded["spoiler"] = True
            items.append(encoded)
        out["items"] = items
    elif isinstance(component, c.FileComponent):
        out["file"] = _encode_media(component.file)
        if component.is_spoiler:
            out["spoiler"] = True
        _put(out, "name", component.name)
        _put(out, "size", component.size)
    elif isinstance(component, c.SeparatorComponent):
        _put(out, "divider", component.divider)
        if component.spacing is not None:
            out["spacing"] = int(component.spacing)
    elif isinstance(component, c.ContainerComponent):
        out["components"] = encode_components(component.components)
        if component.accent_color is not None:
            out["accent_color"] = int(component.accent_color)
        if component.is_spoiler:
            out["spoiler"] = True
    elif isinstance(component, c.LabelComponent):
        _put(out, "label", component.label)
        _put(out, "description", component.description)
        out["component"] = encode_component(component.component)
    elif isinstance(component, c.FileUploadComponent):
        out["custom_id"] = component.custom_id
        _put(out, "min_values", component.min_values)
        _put(out, "max_values", component.max_values)
        _put(out, "required", component.is_required)
        _put(out, "file_types", component.file_types)
        _put(out, "values", component.values)
    elif isinstance(component, c.RadioGroupComponent):
        out["custom_id"] = component.custom_id
        out["options"] = [_encode_group_option(o) for o in component.options]
        _put(out, "required", component.is_required)
        _put(out, "value", component.value)
    elif isinstance(component, c.CheckboxGroupComponent):
        out["custom_id"] = component.custom_id
        out["options"] = [_encode_group_option(o) for o in component.options]
        _put(out, "min_values", component.min_values)
        _put(out, "max_values", component.max_values)
        _put(out, "required", component.is_required)
        _put(out, "values", component.values)
    elif isinstance(component, c.CheckboxComponent):
        out["custom_id"] = component.custom_id
        _put(out, "default", component.is_default)
        _put(out, "value", component.value)
    return out


def encode_components(components: Sequence[c.PartialComponent]) -> list[JSONObject]:
    """A list of components."""
    return [encode_component(x) for x in components]


for _cls in (
    c.PartialComponent,
    c.UnknownComponent,
    c.ActionRowComponent,
    c.ButtonComponent,
    c.SelectMenuComponent,
    c.TextSelectMenuComponent,
    c.UserSelectMenuComponent,
    c.RoleSelectMenuComponent,
    c.MentionableSelectMenuComponent,
    c.ChannelSelectMenuComponent,
    c.TextInputComponent,
    c.SectionComponent,
    c.TextDisplayComponent,
    c.ThumbnailComponent,
    c.MediaGalleryComponent,
    c.FileComponent,
    c.SeparatorComponent,
    c.ContainerComponent,
    c.LabelComponent,
    c.FileUploadComponent,
    c.RadioGroupComponent,
    c.CheckboxGroupComponent,
    c.CheckboxComponent,
):
    register(_cls, decode=decode_component, encode=encode_component)
