"""What the parts of a sent message may be given as, and how each becomes JSON.

Every place that sends or builds a message (`RESTClient.create_message`, `edit_message`,
`execute_webhook`, the interaction responses, `InteractionMessageBuilder`, and the model
shortcuts of `anycord.models.message_options`) takes its embeds, components, attachments and
poll as these types, so a wrong value fails `mypy --strict` where it is written:

* `Embedish`: an `Embed` (checked against Discord's limits when sent), or a raw JSON object
  sent as it is (for fields anycord does not model yet);
* `Componentish`: a component model, anything with a `build()` that returns one (the fluent
  builders of `anycord.models.component_builders` / `layout_builders`) or its JSON, or a raw
  JSON object;
* `Attachmentish`: a file to upload (`anycord.files.Resourceish`: a `Resource`, a path, an
  http(s) URL, a `data:` URI, bytes, an object with a `filename` and `data` bytes
  (`NamedBytes`), or an object served from a URL such as a custom emoji), or an existing
  `Attachment`, kept by ID (what an edit keeps);
* `Pollish`: a `PollBuilder`, or a raw JSON object;
* `ResponseAttachmentish`: what an interaction response built with `InteractionMessageBuilder`
  uploads: the same as `Attachmentish` (one upload path for both).

The encoders below are the one place each part becomes JSON, for REST bodies
(`anycord.rest.endpoints._payloads`) and interaction responses
(`anycord.models.response_builders`) alike: `encode_embed_part`, `encode_component_part`,
`encode_poll_part` (a raw dict as it is, a builder built first, a model through the codec
registry; anything else is a `TypeError` naming the part and the type) and
`encode_attachment_parts` (existing `Attachment`s kept by ID, everything else uploaded
through `anycord.files.ensure_resource`).
"""

from __future__ import annotations

import typing

from anycord import codecs
from anycord.files import NamedBytes as NamedBytes
from anycord.files import Resource, ensure_resource
from anycord.models.components import PartialComponent
from anycord.models.embeds import Embed
from anycord.models.messages import Attachment
from anycord.models.polls import PollBuilder

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

    from anycord.files import Resourceish, ServedFromURL
    from anycord.models.components import MediaResource

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
    "encode_attachment_parts",
    "encode_component_part",
    "encode_embed_part",
    "encode_poll_part",
]

JSONObject = dict[str, typing.Any]


class BuildsComponent(typing.Protocol):
    """A component builder: `build()` returns the checked component model."""

    def build(self) -> PartialComponent:
        """The component model (`ValueError` when it breaks one of Discord's limits)."""
        ...


Embedish: typing.TypeAlias = "Embed | dict[str, typing.Any]"
Componentish: typing.TypeAlias = "PartialComponent | BuildsComponent | dict[str, typing.Any]"
Attachmentish: typing.TypeAlias = "Attachment | Resourceish"
Pollish: typing.TypeAlias = "PollBuilder | dict[str, typing.Any]"
ResponseAttachmentish: typing.TypeAlias = "Attachmentish"

ComponentOrBuilder: typing.TypeAlias = "PartialComponent | BuildsComponent"
"""A component inside a builder (an action row's button, a container's row, a section's
accessory): a model, or a builder whose `build()` makes one. Raw JSON is taken only at a
message's top level (`Componentish`), not inside builders."""

Mediaish: typing.TypeAlias = "MediaResource | str | ServedFromURL"
"""A thumbnail's, gallery item's or file component's media: a URL (`https://…`, or
`attachment://name` for a file uploaded with the same message), a `MediaResource`, or an
object with a `url` (an `Attachment`, a `Bytes`/`File` resource, a custom emoji)."""


def _encode_part(what: str, model: type, value: object) -> JSONObject:
    # Raw dicts pass through untouched so callers can send shapes anycord does not model yet;
    # a builder (`anycord.models.component_builders`, a REST builder) is built first, into a
    # model or into JSON.
    if isinstance(value, dict):
        return value
    build = getattr(value, "build", None)
    built = value if isinstance(value, model) or not callable(build) else build()
    if isinstance(built, dict):
        return built
    if not isinstance(built, model):
        shown = type(value).__name__
        if built is not value:
            shown += f" (whose build() gave {type(built).__name__})"
        msg = (
            f"{what} must be {model.__name__}, a builder of one, or a JSON object (dict), "
            f"not {shown}"
        )
        raise TypeError(msg)
    return typing.cast("JSONObject", codecs.encode(built))


def encode_embed_part(embed: Embedish) -> JSONObject:
    """An embed as JSON: an `Embed` checked against Discord's limits (`ValueError`), a dict as
    it is; anything else is a `TypeError` naming its type."""
    return _encode_part("an embed", Embed, embed)


def encode_component_part(component: Componentish) -> JSONObject:
    """A top-level component as JSON: a component model, a builder's `build()`, or a dict as
    it is; anything else is a `TypeError` naming its type."""
    return _encode_part("a component", PartialComponent, component)


def encode_poll_part(poll: Pollish) -> JSONObject:
    """A poll create request as JSON: a `PollBuilder` checked against Discord's limits
    (`ValueError`), or a dict as it is; anything else (a received `Poll`) is a `TypeError`."""
    return _encode_part("a poll", PollBuilder, poll)


def encode_attachment_parts(
    attachments: Iterable[Attachmentish],
) -> tuple[list[JSONObject], list[Resource]]:
    """The `attachments` array of a message body and the files to upload with it.

    An existing `Attachment` is kept by ID (`{"id": "<snowflake>"}`, what an edit keeps);
    anything else goes through `anycord.files.ensure_resource` (its `TypeError` for what
    cannot be uploaded) and is listed as `{"id": n, "filename": ...}`, `n` counting the
    uploads, which the multipart body sends as `files[n]`.
    """
    listed: list[JSONObject] = []
    files: list[Resource] = []
    for item in attachments:
        if isinstance(item, Attachment):
            # Kept by ID, never downloaded and uploaded again.
            listed.append({"id": str(item.id)})
            continue
        resource = ensure_resource(item)
        listed.append({"id": len(files), "filename": resource.filename})
        files.append(resource)
    return listed, files
