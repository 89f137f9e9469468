"""What the parts of a sent message may be given as.

Every place that sends or builds a message (`RESTClient.create_message`, `edit_message`,
`execute_webhook`, the interaction responses, `InteractionMessageBuilder`, and the model
shortcuts of `anycord.models.message_options`) takes its embeds, components, attachments and
poll as these types, so a wrong value fails `mypy --strict` where it is written:

* `Embedish`: an `Embed` (checked against Discord's limits when sent), or a raw JSON object
  sent as it is (for fields anycord does not model yet);
* `Componentish`: a component model, anything with a `build()` that returns one (the fluent
  builders of `anycord.models.component_builders` / `layout_builders`), or a raw JSON object;
* `Attachmentish`: a file to upload (`anycord.files.Resourceish`: a `Resource`, a path, an
  http(s) URL, bytes, or an object served from a URL such as a custom emoji), or an existing
  `Attachment`, kept by ID when a message is edited;
* `Pollish`: a `PollBuilder`, or a raw JSON object;
* `ResponseAttachmentish`: what an interaction response built with `InteractionMessageBuilder`
  uploads: an `Attachmentish`, or any object with a `filename` and its bytes as `data`.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish, ServedFromURL
    from anycord.models.components import MediaResource, PartialComponent
    from anycord.models.embeds import Embed
    from anycord.models.messages import Attachment
    from anycord.models.polls import PollBuilder

__all__ = [
    "Attachmentish",
    "BuildsComponent",
    "ComponentOrBuilder",
    "Componentish",
    "Embedish",
    "Mediaish",
    "NamedBytes",
    "Pollish",
    "ResponseAttachmentish",
]


class BuildsComponent(typing.Protocol):
    """A component builder: `build()` returns the checked component model."""

    def build(self) -> PartialComponent:
        """The component model (`ValueError` when it breaks one of Discord's limits)."""
        ...


class NamedBytes(typing.Protocol):
    """A file held in memory under a name (an interaction response uploads it as it is)."""

    @property
    def filename(self) -> str:
        """The name Discord shows (and `attachment://name` refers to)."""
        ...

    @property
    def data(self) -> bytes | bytearray | memoryview:
        """The file's content."""
        ...


Embedish: typing.TypeAlias = "Embed | dict[str, typing.Any]"
Componentish: typing.TypeAlias = "PartialComponent | BuildsComponent | dict[str, typing.Any]"
Attachmentish: typing.TypeAlias = "Attachment | Resourceish"
Pollish: typing.TypeAlias = "PollBuilder | dict[str, typing.Any]"
ResponseAttachmentish: typing.TypeAlias = "Attachmentish | NamedBytes"

ComponentOrBuilder: typing.TypeAlias = "PartialComponent | BuildsComponent"
"""A component inside a builder (an action row's button, a container's row, a section's
accessory): a model, or a builder whose `build()` makes one. Raw JSON is taken only at a
message's top level (`Componentish`), not inside builders."""

Mediaish: typing.TypeAlias = "MediaResource | str | ServedFromURL"
"""A thumbnail's, gallery item's or file component's media: a URL (`https://…`, or
`attachment://name` for a file uploaded with the same message), a `MediaResource`, or an
object with a `url` (an `Attachment`, a `Bytes`/`File` resource, a custom emoji)."""
