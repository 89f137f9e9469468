"""Message and modal components, v1 (action rows, buttons, selects, text inputs) and v2
(sections, text displays, thumbnails, media galleries, files, separators, containers,
labels, file uploads, radio groups, checkboxes).

Shapes from components/reference.mdx. One class per component type; the same classes
describe what Discord sends (decode) and what a bot sends (encode, only the fields that are
set, so the wire form is exact). A component type this release does not know decodes to
`UnknownComponent`, which keeps the raw payload and re-encodes it unchanged.

Modal submissions reuse these classes: the user's answers land in `value` (text input, radio
group, checkbox) or `values` (selects, file upload, checkbox group).
"""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums
from anycord.colors import Color
from anycord.models.downloads import RemoteMedia

if typing.TYPE_CHECKING:
    from anycord.models.channels import ChannelType
    from anycord.models.emojis import Emoji
    from anycord.snowflakes import Snowflake

__all__ = [
    "ActionRow",
    "ActionRowComponent",
    "ButtonComponent",
    "ButtonStyle",
    "ChannelSelectMenuComponent",
    "CheckboxComponent",
    "CheckboxGroupComponent",
    "ComponentType",
    "ContainerComponent",
    "FileComponent",
    "FileUploadComponent",
    "GroupOption",
    "LabelComponent",
    "MediaGalleryComponent",
    "MediaGalleryItem",
    "MediaItemFlag",
    "MediaResource",
    "MentionableSelectMenuComponent",
    "PartialComponent",
    "RadioGroupComponent",
    "RoleSelectMenuComponent",
    "SectionComponent",
    "SelectDefaultValue",
    "SelectDefaultValueType",
    "SelectMenuComponent",
    "SelectMenuOption",
    "SeparatorComponent",
    "SpacingType",
    "TextDisplayComponent",
    "TextInputComponent",
    "TextInputStyle",
    "TextSelectMenuComponent",
    "ThumbnailComponent",
    "UnknownComponent",
    "UserSelectMenuComponent",
]


class ComponentType(enums.IntEnum):
    """The `type` of a component."""

    ACTION_ROW = 1
    BUTTON = 2
    TEXT_SELECT_MENU = 3
    TEXT_INPUT = 4
    USER_SELECT_MENU = 5
    ROLE_SELECT_MENU = 6
    MENTIONABLE_SELECT_MENU = 7
    CHANNEL_SELECT_MENU = 8
    SECTION = 9
    TEXT_DISPLAY = 10
    THUMBNAIL = 11
    MEDIA_GALLERY = 12
    FILE = 13
    SEPARATOR = 14
    CONTAINER = 17
    LABEL = 18
    FILE_UPLOAD = 19
    RADIO_GROUP = 21
    CHECKBOX_GROUP = 22
    CHECKBOX = 23

    STRING_SELECT = 3
    """Discord's name for `TEXT_SELECT_MENU`."""


class ButtonStyle(enums.IntEnum):
    """How a button looks and what it does."""

    PRIMARY = 1
    SECONDARY = 2
    SUCCESS = 3
    DANGER = 4
    LINK = 5
    PREMIUM = 6


class TextInputStyle(enums.IntEnum):
    """Single- or multi-line text input."""

    SHORT = 1
    PARAGRAPH = 2


class SpacingType(enums.IntEnum):
    """Padding of a separator."""

    SMALL = 1
    LARGE = 2


class SelectDefaultValueType(enums.StrEnum):
    """What a select default value's `id` refers to."""

    USER = "user"
    ROLE = "role"
    CHANNEL = "channel"


class MediaItemFlag(enum.IntFlag, boundary=enum.KEEP):
    """Flags of an unfurled media item."""

    NONE = 0
    IS_ANIMATED = 1 << 0


def _to_color(value: typing.SupportsInt | None) -> Color | None:
    return None if value is None else Color(value)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PartialComponent:
    """What every component has: its `type` and optional numeric `id` (unique within a message)."""

    type: ComponentType
    id: int | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class UnknownComponent(PartialComponent):
    """A component type this release does not model; `raw` is the payload as received."""

    raw: typing.Mapping[str, typing.Any] = attrs.field(factory=dict)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ButtonComponent(PartialComponent):
    """A button. Interactive styles need `custom_id`, `LINK` needs `url`, `PREMIUM` needs `sku_id`."""

    type: ComponentType = attrs.field(default=ComponentType.BUTTON)
    style: ButtonStyle
    label: str | None = None
    emoji: Emoji | None = None
    custom_id: str | None = None
    url: str | None = None
    sku_id: Snowflake | None = None
    is_disabled: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SelectMenuOption:
    """An option of a text select menu."""

    label: str
    value: str
    description: str | None = None
    emoji: Emoji | None = None
    is_default: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SelectDefaultValue:
    """A pre-selected user, role or channel of an auto-populated select menu."""

    id: Snowflake
    type: SelectDefaultValueType


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SelectMenuComponent(PartialComponent):
    """What every select menu has. In a modal submission `values` holds the chosen values."""

    custom_id: str
    placeholder: str | None = None
    min_values: int | None = None
    max_values: int | None = None
    is_disabled: bool = False
    is_required: bool | None = None
    values: list[str] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class TextSelectMenuComponent(SelectMenuComponent):
    """A select menu of developer-defined options (Discord's "string select")."""

    type: ComponentType = attrs.field(default=ComponentType.TEXT_SELECT_MENU)
    options: list[SelectMenuOption] = attrs.field(factory=list)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class UserSelectMenuComponent(SelectMenuComponent):
    """A select menu of users."""

    type: ComponentType = attrs.field(default=ComponentType.USER_SELECT_MENU)
    default_values: list[SelectDefaultValue] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RoleSelectMenuComponent(SelectMenuComponent):
    """A select menu of roles."""

    type: ComponentType = attrs.field(default=ComponentType.ROLE_SELECT_MENU)
    default_values: list[SelectDefaultValue] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MentionableSelectMenuComponent(SelectMenuComponent):
    """A select menu of users and roles."""

    type: ComponentType = attrs.field(default=ComponentType.MENTIONABLE_SELECT_MENU)
    default_values: list[SelectDefaultValue] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ChannelSelectMenuComponent(SelectMenuComponent):
    """A select menu of channels, optionally limited to some channel types."""

    type: ComponentType = attrs.field(default=ComponentType.CHANNEL_SELECT_MENU)
    channel_types: list[ChannelType | int] | None = None
    default_values: list[SelectDefaultValue] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class TextInputComponent(PartialComponent):
    """A text input of a modal; in a submission `value` is what the user typed."""

    type: ComponentType = attrs.field(default=ComponentType.TEXT_INPUT)
    custom_id: str
    style: TextInputStyle | None = None
    label: str | None = None
    """Deprecated by Discord in favour of a `LabelComponent` around the input."""
    min_length: int | None = None
    max_length: int | None = None
    is_required: bool | None = None
    value: str | None = None
    placeholder: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ActionRowComponent(PartialComponent):
    """A row of up to 5 buttons or one select menu."""

    type: ComponentType = attrs.field(default=ComponentType.ACTION_ROW)
    components: list[PartialComponent] = attrs.field(factory=list)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MediaResource(RemoteMedia):
    """An unfurled media item: a URL or `attachment://<filename>`; the rest is filled in by
    Discord. `read()`, `stream()` and `save()` download it (`anycord.models.downloads`)."""

    url: str
    proxy_url: str | None = None
    height: int | None = None
    width: int | None = None
    placeholder: str | None = None
    placeholder_version: int | None = None
    content_type: str | None = None
    flags: MediaItemFlag | None = None
    attachment_id: Snowflake | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class TextDisplayComponent(PartialComponent):
    """Markdown text."""

    type: ComponentType = attrs.field(default=ComponentType.TEXT_DISPLAY)
    content: str = ""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ThumbnailComponent(PartialComponent):
    """A small image, used as a section's accessory."""

    type: ComponentType = attrs.field(default=ComponentType.THUMBNAIL)
    media: MediaResource
    description: str | None = None
    is_spoiler: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SectionComponent(PartialComponent):
    """One to three text displays with an accessory (thumbnail or button)."""

    type: ComponentType = attrs.field(default=ComponentType.SECTION)
    components: list[PartialComponent] = attrs.field(factory=list)
    accessory: PartialComponent


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MediaGalleryItem:
    """One item of a media gallery."""

    media: MediaResource
    description: str | None = None
    is_spoiler: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MediaGalleryComponent(PartialComponent):
    """1 to 10 images or videos."""

    type: ComponentType = attrs.field(default=ComponentType.MEDIA_GALLERY)
    items: list[MediaGalleryItem] = attrs.field(factory=list)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class FileComponent(PartialComponent):
    """An attached file (`attachment://<filename>` only); `name` and `size` are filled in by Discord."""

    type: ComponentType = attrs.field(default=ComponentType.FILE)
    file: MediaResource
    is_spoiler: bool = False
    name: str | None = None
    size: int | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SeparatorComponent(PartialComponent):
    """Vertical padding, with or without a divider line (`None` = Discord's default)."""

    type: ComponentType = attrs.field(default=ComponentType.SEPARATOR)
    divider: bool | None = None
    spacing: SpacingType | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ContainerComponent(PartialComponent):
    """A box grouping components, with an optional accent colour."""

    type: ComponentType = attrs.field(default=ComponentType.CONTAINER)
    components: list[PartialComponent] = attrs.field(factory=list)
    accent_color: Color | None = attrs.field(default=None, converter=_to_color)
    is_spoiler: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class LabelComponent(PartialComponent):
    """A modal label with a description around one interactive component."""

    type: ComponentType = attrs.field(default=ComponentType.LABEL)
    label: str | None = None
    description: str | None = None
    component: PartialComponent


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class FileUploadComponent(PartialComponent):
    """A modal file upload; in a submission `values` holds the attachment IDs (see resolved data)."""

    type: ComponentType = attrs.field(default=ComponentType.FILE_UPLOAD)
    custom_id: str
    min_values: int | None = None
    max_values: int | None = None
    is_required: bool | None = None
    file_types: list[str] | None = None
    values: list[str] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GroupOption:
    """An option of a radio group or checkbox group."""

    value: str
    label: str
    description: str | None = None
    is_default: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RadioGroupComponent(PartialComponent):
    """A single choice in a modal; in a submission `value` is the chosen option (or `None`)."""

    type: ComponentType = attrs.field(default=ComponentType.RADIO_GROUP)
    custom_id: str
    options: list[GroupOption] = attrs.field(factory=list)
    is_required: bool | None = None
    value: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CheckboxGroupComponent(PartialComponent):
    """Several checkboxes in a modal; in a submission `values` lists the checked ones."""

    type: ComponentType = attrs.field(default=ComponentType.CHECKBOX_GROUP)
    custom_id: str
    options: list[GroupOption] = attrs.field(factory=list)
    min_values: int | None = None
    max_values: int | None = None
    is_required: bool | None = None
    values: list[str] | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CheckboxComponent(PartialComponent):
    """One yes/no checkbox in a modal; in a submission `value` is its state."""

    type: ComponentType = attrs.field(default=ComponentType.CHECKBOX)
    custom_id: str
    is_default: bool | None = None
    value: bool | None = None


ActionRow = ActionRowComponent
"""Short alias."""

MessageActionRowComponent = ActionRowComponent
"""hikari's name for an action row in a message (one class here for every row)."""
ModalActionRowComponent = ActionRowComponent
"""hikari's name for an action row in a modal (one class here for every row)."""
