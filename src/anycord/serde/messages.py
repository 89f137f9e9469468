"""Messages ↔ JSON. `decode_message` is the hot path of every bot (MESSAGE_CREATE): it does
one `dict.get` per common field, looks at the sixteen rare fields only when one set operation
says that one is there, builds nothing for empty arrays, builds models from their slots
without `__init__` (`models.base.slots_constructor`), and decodes `referenced_message` to a
bounded depth.
"""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.applications import ApplicationIntegrationType
from anycord.models.base import slots_constructor
from anycord.models.interactions import InteractionType, ResolvedOptionData
from anycord.models.messages import (
    Attachment,
    AttachmentFlag,
    ChannelMention,
    Mentions,
    Message,
    MessageActivity,
    MessageActivityType,
    MessageApplication,
    MessageCall,
    MessageFlag,
    MessageInteraction,
    MessageInteractionMetadata,
    MessageReference,
    MessageReferenceType,
    MessageSnapshot,
    MessageType,
    PartialMessage,
    Reaction,
    ReactionCountDetails,
    RoleSubscriptionData,
)
from anycord.serde import _links
from anycord.serde._core import JSONObject, from_iso, register, to_iso
from anycord.serde.components import decode_component, encode_components
from anycord.serde.embeds import decode_embed, encode_embed_unchecked
from anycord.serde.polls import decode_poll, encode_poll
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.models.members import InteractionMember
    from anycord.traits import RESTAware

__all__ = [
    "MAX_REFERENCE_DEPTH",
    "decode_attachment",
    "decode_message",
    "decode_message_interaction_metadata",
    "decode_partial_message",
    "decode_reaction",
    "decode_resolved",
    "encode_attachment",
    "encode_message",
    "encode_message_reference",
    "encode_resolved",
]

MAX_REFERENCE_DEPTH: typing.Final = 3
"""How deep `referenced_message` chains are decoded; deeper ones are left `UNDEFINED`."""

_MESSAGE_FLAG_NONE = MessageFlag.NONE
_DEFAULT_TYPE = MessageType.DEFAULT

# Positional slot constructors for the hot path (see `models.base.slots_constructor`); the
# argument order is the order of these names.
_make_message = slots_constructor(
    Message,
    # the fields every message has
    "id",
    "app",
    "channel_id",
    "guild_id",
    "author",
    "member",
    "content",
    "timestamp",
    "edited_timestamp",
    "is_tts",
    "mentions",
    "attachments",
    "embeds",
    "reactions",
    "nonce",
    "is_pinned",
    "type",
    "flags",
    "components",
    # the rare ones, in the order of `_decode_rare_fields` and `_NO_RARE_FIELDS`
    "webhook_id",
    "activity",
    "application",
    "application_id",
    "message_reference",
    "message_snapshots",
    "referenced_message",
    "interaction_metadata",
    "interaction",
    "thread",
    "stickers",
    "position",
    "role_subscription_data",
    "resolved",
    "poll",
    "call",
)
_RARE_KEYS: typing.Final = frozenset(
    {
        "webhook_id",
        "activity",
        "application",
        "application_id",
        "message_reference",
        "message_snapshots",
        "referenced_message",
        "interaction_metadata",
        "interaction",
        "thread",
        "sticker_items",
        "position",
        "role_subscription_data",
        "resolved",
        "poll",
        "call",
    }
)
_NO_RARE_FIELDS: typing.Final[tuple[typing.Any, ...]] = (
    None,
    None,
    None,
    None,
    None,
    (),
    UNDEFINED,
    None,
    None,
    None,
    (),
    None,
    None,
    None,
    None,
    None,
)
_RARE_NAMES: typing.Final = (
    "webhook_id", "activity", "application", "application_id", "message_reference",
    "message_snapshots", "referenced_message", "interaction_metadata", "interaction", "thread",
    "stickers", "position", "role_subscription_data", "resolved", "poll", "call",
)  # fmt: skip
"""The fields `_decode_rare_fields` returns, in order."""
_PARTIAL_RARE: typing.Final = (
    "webhook_id", "activity", "application", "application_id", "message_reference",
    "message_snapshots", "interaction_metadata", "stickers", "poll",
)  # fmt: skip
"""Those `PartialMessage` holds, `UNDEFINED` when not sent (`referenced_message` is already)."""
_make_mentions = slots_constructor(Mentions, "users", "role_ids", "channels", "everyone")
_make_reaction = slots_constructor(
    Reaction, "count", "emoji", "is_me", "is_me_burst", "count_details", "burst_colors"
)
_make_count_details = slots_constructor(ReactionCountDetails, "burst", "normal")


def _interaction_type(value: int) -> InteractionType:
    return try_enum(InteractionType, value)


def decode_attachment(p: JSONObject, app: RESTAware | None = None) -> Attachment:
    """An attachment object."""
    del app
    clip_at = p.get("clip_created_at")
    participants = p.get("clip_participants")
    return Attachment(
        id=Snowflake(p["id"]),
        filename=p["filename"],
        size=p.get("size", 0),
        url=p.get("url", ""),
        proxy_url=p.get("proxy_url", ""),
        title=p.get("title"),
        description=p.get("description"),
        media_type=p.get("content_type"),
        height=p.get("height"),
        width=p.get("width"),
        placeholder=p.get("placeholder"),
        placeholder_version=p.get("placeholder_version"),
        is_ephemeral=p.get("ephemeral", False),
        duration=p.get("duration_secs"),
        waveform=p.get("waveform"),
        flags=AttachmentFlag(p.get("flags", 0)),
        clip_participants=tuple(decode_user(u) for u in participants) if participants else (),
        clip_created_at=None if clip_at is None else from_iso(clip_at),
        application=p.get("application"),
    )


def encode_attachment(a: Attachment) -> JSONObject:
    """An attachment as Discord sends it."""
    out: JSONObject = {
        "id": str(a.id),
        "filename": a.filename,
        "size": a.size,
        "url": a.url,
        "proxy_url": a.proxy_url,
    }
    for key, value in (
        ("title", a.title),
        ("description", a.description),
        ("content_type", a.media_type),
        ("height", a.height),
        ("width", a.width),
        ("placeholder", a.placeholder),
        ("placeholder_version", a.placeholder_version),
        ("duration_secs", a.duration),
        ("waveform", a.waveform),
        ("application", a.application),
    ):
        if value is not None:
            out[key] = value
    if a.is_ephemeral:
        out["ephemeral"] = True
    if a.flags:
        out["flags"] = int(a.flags)
    if a.clip_participants:
        out["clip_participants"] = [encode_user(u) for u in a.clip_participants]
    if a.clip_created_at is not None:
        out["clip_created_at"] = to_iso(a.clip_created_at)
    return out


def decode_reaction(p: JSONObject, app: RESTAware | None = None) -> Reaction:
    """A reaction object."""
    del app
    get = p.get
    details = get("count_details")
    colors = get("burst_colors")
    return _make_reaction(
        p["count"],
        _links.decode_partial_emoji(p["emoji"]),
        get("me", False),
        get("me_burst", False),
        _make_count_details(details.get("burst", 0), details.get("normal", 0))
        if details
        else _make_count_details(0, p["count"]),
        tuple(colors) if colors else (),
    )


def _encode_reaction(r: Reaction) -> JSONObject:
    return {
        "count": r.count,
        "count_details": {"burst": r.count_details.burst, "normal": r.count_details.normal},
        "me": r.is_me,
        "me_burst": r.is_me_burst,
        "emoji": _links.encode_partial_emoji(r.emoji),
        "burst_colors": list(r.burst_colors),
    }


def _decode_reference(p: JSONObject, app: RESTAware | None = None) -> MessageReference:
    message_id = p.get("message_id")
    channel_id = p.get("channel_id")
    guild_id = p.get("guild_id")
    return MessageReference(
        app=app,
        type=try_enum(MessageReferenceType, p.get("type", 0)),
        id=None if message_id is None else Snowflake(message_id),
        channel_id=None if channel_id is None else Snowflake(channel_id),
        guild_id=None if guild_id is None else Snowflake(guild_id),
        fail_if_not_exists=p.get("fail_if_not_exists"),
    )


def encode_message_reference(ref: MessageReference) -> JSONObject:
    """A message reference (also the `message_reference` of a reply or forward being sent)."""
    out: JSONObject = {"type": int(ref.type)}
    if ref.id is not None:
        out["message_id"] = str(ref.id)
    if ref.channel_id is not None:
        out["channel_id"] = str(ref.channel_id)
    if ref.guild_id is not None:
        out["guild_id"] = str(ref.guild_id)
    if ref.fail_if_not_exists is not None:
        out["fail_if_not_exists"] = ref.fail_if_not_exists
    return out


def decode_message_interaction_metadata(
    p: JSONObject, app: RESTAware | None = None
) -> MessageInteractionMetadata:
    """Message interaction metadata (any of the three kinds)."""

    original = p.get("original_response_message_id")
    target_user = p.get("target_user")
    target_message = p.get("target_message_id")
    interacted = p.get("interacted_message_id")
    triggering = p.get("triggering_interaction_metadata")
    user = p.get("user")
    return MessageInteractionMetadata(
        id=Snowflake(p["id"]),
        type=_interaction_type(p["type"]),
        user=None if user is None else decode_user(user, app),
        authorizing_integration_owners={
            try_enum(ApplicationIntegrationType, int(k)): Snowflake(v)
            for k, v in p.get("authorizing_integration_owners", {}).items()
        },
        original_response_message_id=None if original is None else Snowflake(original),
        target_user=None if target_user is None else decode_user(target_user, app),
        target_message_id=None if target_message is None else Snowflake(target_message),
        interacted_message_id=None if interacted is None else Snowflake(interacted),
        triggering_interaction_metadata=None
        if triggering is None
        else decode_message_interaction_metadata(triggering, app),
    )


def encode_message_interaction_metadata(m: MessageInteractionMetadata) -> JSONObject:
    """Message interaction metadata as Discord sends it."""
    out: JSONObject = {
        "id": str(m.id),
        "type": int(m.type),
        "authorizing_integration_owners": {
            str(int(k)): str(v) for k, v in m.authorizing_integration_owners.items()
        },
    }
    if m.user is not None:
        out["user"] = encode_user(m.user)
    if m.original_response_message_id is not None:
        out["original_response_message_id"] = str(m.original_response_message_id)
    if m.target_user is not None:
        out["target_user"] = encode_user(m.target_user)
    if m.target_message_id is not None:
        out["target_message_id"] = str(m.target_message_id)
    if m.interacted_message_id is not None:
        out["interacted_message_id"] = str(m.interacted_message_id)
    if m.triggering_interaction_metadata is not None:
        out["triggering_interaction_metadata"] = encode_message_interaction_metadata(
            m.triggering_interaction_metadata
        )
    return out


def _decode_snapshot(p: JSONObject) -> MessageSnapshot:
    m = p.get("message", p)
    timestamp = m.get("timestamp")
    edited = m.get("edited_timestamp")
    return MessageSnapshot(
        type=try_enum(MessageType, m.get("type", 0)),
        content=m.get("content", ""),
        embeds=tuple(decode_embed(e) for e in m.get("embeds", ())),
        attachments=tuple(decode_attachment(a) for a in m.get("attachments", ())),
        timestamp=None if timestamp is None else from_iso(timestamp),
        edited_timestamp=None if edited is None else from_iso(edited),
        flags=MessageFlag(m.get("flags", 0)),
        user_mentions=tuple(decode_user(u) for u in m.get("mentions", ())),
        role_mention_ids=tuple(Snowflake(r) for r in m.get("mention_roles", ())),
        stickers=tuple(_links.decode_partial_sticker(s) for s in m.get("sticker_items", ())),
        components=tuple(decode_component(c) for c in m.get("components", ())),
    )


def _encode_snapshot(s: MessageSnapshot) -> JSONObject:
    m: JSONObject = {
        "type": int(s.type),
        "content": s.content,
        "embeds": [encode_embed_unchecked(e) for e in s.embeds],
        "attachments": [encode_attachment(a) for a in s.attachments],
        "timestamp": None if s.timestamp is None else to_iso(s.timestamp),
        "edited_timestamp": None if s.edited_timestamp is None else to_iso(s.edited_timestamp),
        "flags": int(s.flags),
        "mentions": [encode_user(u) for u in s.user_mentions],
        "mention_roles": [str(r) for r in s.role_mention_ids],
    }
    if s.stickers:
        m["sticker_items"] = [_links.encode_partial_sticker(x) for x in s.stickers]
    if s.components:
        m["components"] = encode_components(s.components)
    return {"message": m}


def decode_resolved(
    p: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> ResolvedOptionData:
    """Resolved data: users, members (joined with their users), roles, channels, messages, attachments."""
    users = {Snowflake(k): _links.decode_user(v, app) for k, v in (p.get("users") or {}).items()}
    members: dict[Snowflake, InteractionMember] = {}
    for raw_id, raw_member in (p.get("members") or {}).items():
        user_id = Snowflake(raw_id)
        user = users.get(user_id)
        if user is None or guild_id is None:
            continue
        members[user_id] = _links.decode_resolved_member(
            raw_member, app, guild_id=guild_id, user=user
        )
    return ResolvedOptionData(
        users=users,
        members=members,
        roles={
            Snowflake(k): _links.decode_role(v, app, guild_id)
            for k, v in (p.get("roles") or {}).items()
        }
        if guild_id is not None
        else {},
        channels={
            Snowflake(k): _links.decode_channel(v, app, guild_id)
            for k, v in (p.get("channels") or {}).items()
        },
        messages={
            Snowflake(k): decode_message(v, app, guild_id=guild_id)
            for k, v in (p.get("messages") or {}).items()
        },
        attachments={
            Snowflake(k): decode_attachment(v) for k, v in (p.get("attachments") or {}).items()
        },
    )


def encode_resolved(r: ResolvedOptionData) -> JSONObject:
    """Resolved data as Discord sends it (members without their users)."""
    out: JSONObject = {}
    if r.users:
        out["users"] = {str(k): _links.encode_user(v) for k, v in r.users.items()}
    if r.members:
        out["members"] = {str(k): _links.encode_member(v) for k, v in r.members.items()}
    if r.roles:
        out["roles"] = {str(k): _links.encode_role(v) for k, v in r.roles.items()}
    if r.channels:
        out["channels"] = {str(k): _links.encode_channel(v) for k, v in r.channels.items()}
    if r.messages:
        out["messages"] = {str(k): encode_message(v) for k, v in r.messages.items()}
    if r.attachments:
        out["attachments"] = {str(k): encode_attachment(v) for k, v in r.attachments.items()}
    return out


def decode_message(
    payload: JSONObject,
    app: RESTAware | None = None,
    *,
    guild_id: Snowflake | None = None,
    _depth: int = 0,
) -> Message:
    """A message object (MESSAGE_CREATE, REST). `guild_id` fills in what REST payloads leave out."""
    get = payload.get
    raw_guild = get("guild_id")
    if raw_guild is not None:
        guild_id = Snowflake(raw_guild)
    author = decode_user(payload["author"], app)

    member = None
    raw_member = get("member")
    if raw_member is not None and guild_id is not None:
        member = _links.decode_member(raw_member, app, guild_id=guild_id, user=author)

    raw_mentions = get("mentions")
    raw_roles = get("mention_roles")
    raw_channels = get("mention_channels")
    mentions = _make_mentions(
        {(u := decode_user(x, app)).id: u for x in raw_mentions} if raw_mentions else {},
        tuple(map(Snowflake, raw_roles)) if raw_roles else (),
        tuple(
            ChannelMention(
                id=Snowflake(c["id"]),
                guild_id=Snowflake(c["guild_id"]),
                type=_links.channel_type(c["type"]),
                name=c["name"],
            )
            for c in raw_channels
        )
        if raw_channels
        else (),
        get("mention_everyone", False),
    )

    edited = get("edited_timestamp")
    raw_attachments = get("attachments")
    raw_embeds = get("embeds")
    raw_reactions = get("reactions")
    raw_components = get("components")
    flags = get("flags")
    msg_type = get("type", 0)
    # One set operation tells whether any of the sixteen rare fields is there at all.
    rare = (
        _NO_RARE_FIELDS
        if _RARE_KEYS.isdisjoint(payload)
        else _decode_rare_fields(payload, app, guild_id, _depth)
    )
    return _make_message(
        Snowflake(payload["id"]),
        app,
        Snowflake(payload["channel_id"]),
        guild_id,
        author,
        member,
        get("content", ""),
        from_iso(payload["timestamp"]),
        None if edited is None else from_iso(edited),
        get("tts", False),
        mentions,
        tuple([decode_attachment(a) for a in raw_attachments]) if raw_attachments else (),
        tuple([decode_embed(e) for e in raw_embeds]) if raw_embeds else (),
        tuple([decode_reaction(r) for r in raw_reactions]) if raw_reactions else (),
        get("nonce"),
        get("pinned", False),
        _DEFAULT_TYPE if msg_type == 0 else try_enum(MessageType, msg_type),
        _MESSAGE_FLAG_NONE if not flags else MessageFlag(flags),
        tuple([decode_component(c) for c in raw_components]) if raw_components else (),
        *rare,
    )


def _decode_rare_fields(
    payload: JSONObject, app: RESTAware | None, guild_id: Snowflake | None, depth: int
) -> tuple[typing.Any, ...]:
    get = payload.get
    webhook_id = get("webhook_id")
    application_id = get("application_id")

    activity = None
    raw_activity = get("activity")
    if raw_activity is not None:
        activity = MessageActivity(
            type=try_enum(MessageActivityType, raw_activity.get("type", 0)),
            party_id=raw_activity.get("party_id"),
        )

    application = None
    raw_application = get("application")
    if raw_application is not None:
        sku = raw_application.get("primary_sku_id")
        application = MessageApplication(
            id=Snowflake(raw_application["id"]),
            name=raw_application.get("name", ""),
            description=raw_application.get("description"),
            icon_hash=raw_application.get("icon"),
            cover_image_hash=raw_application.get("cover_image"),
            primary_sku_id=None if sku is None else Snowflake(sku),
        )

    reference = None
    raw_reference = get("message_reference")
    if raw_reference is not None:
        reference = _decode_reference(raw_reference, app)

    referenced: typing.Any = UNDEFINED
    if "referenced_message" in payload and depth < MAX_REFERENCE_DEPTH:
        raw_referenced = payload["referenced_message"]
        referenced = (
            None
            if raw_referenced is None
            else decode_message(raw_referenced, app, guild_id=guild_id, _depth=depth + 1)
        )

    raw_snapshots = get("message_snapshots")
    raw_metadata = get("interaction_metadata")
    raw_interaction = get("interaction")
    interaction = None
    if raw_interaction is not None:
        raw_imember = raw_interaction.get("member")
        raw_iuser = raw_interaction.get("user")
        interaction = MessageInteraction(
            id=Snowflake(raw_interaction["id"]),
            type=_interaction_type(raw_interaction["type"]),
            name=raw_interaction.get("name", ""),
            user=None if raw_iuser is None else decode_user(raw_iuser, app),
            member=None if raw_imember is None else _links.decode_partial_member(raw_imember, app),
        )
    raw_thread = get("thread")
    raw_stickers = get("sticker_items")
    raw_role_sub = get("role_subscription_data")
    raw_resolved = get("resolved")
    raw_poll = get("poll")
    raw_call = get("call")
    return (
        None if webhook_id is None else Snowflake(webhook_id),
        activity,
        application,
        None if application_id is None else Snowflake(application_id),
        reference,
        tuple([_decode_snapshot(s) for s in raw_snapshots]) if raw_snapshots else (),
        referenced,
        None if raw_metadata is None else decode_message_interaction_metadata(raw_metadata, app),
        interaction,
        None if raw_thread is None else _links.decode_channel(raw_thread, app, guild_id),
        tuple([_links.decode_partial_sticker(s, app) for s in raw_stickers])
        if raw_stickers
        else (),
        get("position"),
        None
        if raw_role_sub is None
        else RoleSubscriptionData(
            role_subscription_listing_id=Snowflake(raw_role_sub["role_subscription_listing_id"]),
            tier_name=raw_role_sub["tier_name"],
            total_months_subscribed=raw_role_sub["total_months_subscribed"],
            is_renewal=raw_role_sub["is_renewal"],
        ),
        None if raw_resolved is None else decode_resolved(raw_resolved, app, guild_id),
        None if raw_poll is None else decode_poll(raw_poll),
        None
        if raw_call is None
        else MessageCall(
            participant_ids=tuple(map(Snowflake, raw_call.get("participants", ()))),
            ended_timestamp=None
            if raw_call.get("ended_timestamp") is None
            else from_iso(raw_call["ended_timestamp"]),
        ),
    )


def decode_partial_message(
    payload: JSONObject, app: RESTAware | None = None, *, guild_id: Snowflake | None = None
) -> PartialMessage:
    """A partial message (MESSAGE_UPDATE): only the fields present are set."""
    get = payload.get
    raw_guild = get("guild_id")
    if raw_guild is not None:
        guild_id = Snowflake(raw_guild)
    author: typing.Any = UNDEFINED
    if "author" in payload:
        author = decode_user(payload["author"], app)
    member: typing.Any = UNDEFINED
    if "member" in payload and author is not UNDEFINED and guild_id is not None:
        member = _links.decode_member(payload["member"], app, guild_id=guild_id, user=author)
    mentions: typing.Any = UNDEFINED
    if "mentions" in payload or "mention_roles" in payload or "mention_everyone" in payload:
        mentions = Mentions(
            users={(u := decode_user(x, app)).id: u for x in get("mentions", ())},
            role_ids=tuple(map(Snowflake, get("mention_roles", ()))),
            everyone=get("mention_everyone", False),
        )
    edited = get("edited_timestamp", UNDEFINED)
    rare = dict(zip(_RARE_NAMES, _decode_rare_fields(payload, app, guild_id, 0), strict=True))
    sent = {name: rare[name] if name in payload else UNDEFINED for name in _PARTIAL_RARE}
    sent["stickers"] = rare["stickers"] if "sticker_items" in payload else UNDEFINED
    return PartialMessage(
        id=Snowflake(payload["id"]),
        app=app,
        channel_id=Snowflake(payload["channel_id"]),
        guild_id=guild_id,
        author=author,
        member=member,
        content=get("content", UNDEFINED),
        timestamp=from_iso(payload["timestamp"]) if "timestamp" in payload else UNDEFINED,
        edited_timestamp=edited if edited is None or edited is UNDEFINED else from_iso(edited),
        is_tts=get("tts", UNDEFINED),
        mentions=mentions,
        attachments=tuple(decode_attachment(a) for a in payload["attachments"])
        if "attachments" in payload
        else UNDEFINED,
        embeds=tuple(decode_embed(e) for e in payload["embeds"])
        if "embeds" in payload
        else UNDEFINED,
        reactions=tuple(decode_reaction(r) for r in payload["reactions"])
        if "reactions" in payload
        else UNDEFINED,
        is_pinned=get("pinned", UNDEFINED),
        nonce=get("nonce", UNDEFINED),
        type=try_enum(MessageType, payload["type"]) if "type" in payload else UNDEFINED,
        flags=MessageFlag(payload["flags"]) if "flags" in payload else UNDEFINED,
        components=tuple(decode_component(c) for c in payload["components"])
        if "components" in payload
        else UNDEFINED,
        referenced_message=rare["referenced_message"],
        **sent,
    )


def encode_message(m: Message) -> JSONObject:
    """A message as Discord sends it (for fakes, caches and round trips)."""
    out: JSONObject = {
        "id": str(m.id),
        "channel_id": str(m.channel_id),
        "author": encode_user(m.author),
        "content": m.content,
        "timestamp": to_iso(m.timestamp),
        "edited_timestamp": None if m.edited_timestamp is None else to_iso(m.edited_timestamp),
        "tts": m.is_tts,
        "mention_everyone": m.mentions.everyone,
        "mentions": [encode_user(u) for u in m.mentions.users.values()],
        "mention_roles": [str(r) for r in m.mentions.role_ids],
        "attachments": [encode_attachment(a) for a in m.attachments],
        "embeds": [encode_embed_unchecked(e) for e in m.embeds],
        "pinned": m.is_pinned,
        "type": int(m.type),
        "flags": int(m.flags),
    }
    if m.guild_id is not None:
        out["guild_id"] = str(m.guild_id)
    if m.member is not None:
        member = _links.encode_member(m.member)
        member.pop("user", None)
        out["member"] = member
    if m.mentions.channels:
        out["mention_channels"] = [
            {"id": str(c.id), "guild_id": str(c.guild_id), "type": int(c.type), "name": c.name}
            for c in m.mentions.channels
        ]
    if m.reactions:
        out["reactions"] = [_encode_reaction(r) for r in m.reactions]
    if m.nonce is not None:
        out["nonce"] = m.nonce
    if m.webhook_id is not None:
        out["webhook_id"] = str(m.webhook_id)
    if m.activity is not None:
        activity: JSONObject = {"type": int(m.activity.type)}
        if m.activity.party_id is not None:
            activity["party_id"] = m.activity.party_id
        out["activity"] = activity
    if m.application is not None:
        app = m.application
        out["application"] = {
            "id": str(app.id),
            "name": app.name,
            "description": app.description,
            "icon": app.icon_hash,
            "cover_image": app.cover_image_hash,
            **(
                {"primary_sku_id": str(app.primary_sku_id)}
                if app.primary_sku_id is not None
                else {}
            ),
        }
    if m.application_id is not None:
        out["application_id"] = str(m.application_id)
    if m.message_reference is not None:
        out["message_reference"] = encode_message_reference(m.message_reference)
    if m.message_snapshots:
        out["message_snapshots"] = [_encode_snapshot(s) for s in m.message_snapshots]
    if m.referenced_message is not UNDEFINED:
        out["referenced_message"] = (
            None if m.referenced_message is None else encode_message(m.referenced_message)
        )
    if m.interaction_metadata is not None:
        out["interaction_metadata"] = encode_message_interaction_metadata(m.interaction_metadata)
    if m.interaction is not None:
        i = m.interaction
        interaction: JSONObject = {"id": str(i.id), "type": int(i.type), "name": i.name}
        if i.user is not None:
            interaction["user"] = encode_user(i.user)
        if i.member is not None:
            interaction["member"] = _links.encode_partial_member(i.member)
        out["interaction"] = interaction
    if m.thread is not None:
        out["thread"] = _links.encode_channel(m.thread)
    if m.components:
        out["components"] = encode_components(m.components)
    if m.stickers:
        out["sticker_items"] = [_links.encode_partial_sticker(s) for s in m.stickers]
    if m.position is not None:
        out["position"] = m.position
    if m.role_subscription_data is not None:
        r = m.role_subscription_data
        out["role_subscription_data"] = {
            "role_subscription_listing_id": str(r.role_subscription_listing_id),
            "tier_name": r.tier_name,
            "total_months_subscribed": r.total_months_subscribed,
            "is_renewal": r.is_renewal,
        }
    if m.resolved is not None:
        out["resolved"] = encode_resolved(m.resolved)
    if m.poll is not None:
        out["poll"] = encode_poll(m.poll)
    if m.call is not None:
        out["call"] = {
            "participants": [str(p) for p in m.call.participant_ids],
            "ended_timestamp": None
            if m.call.ended_timestamp is None
            else to_iso(m.call.ended_timestamp),
        }
    return out


register(Message, decode=decode_message, encode=encode_message)
register(ResolvedOptionData, decode=decode_resolved, encode=encode_resolved)
register(PartialMessage, decode=decode_partial_message)
register(Attachment, decode=decode_attachment, encode=encode_attachment)
register(Reaction, decode=decode_reaction, encode=_encode_reaction)
register(
    MessageInteractionMetadata,
    decode=decode_message_interaction_metadata,
    encode=encode_message_interaction_metadata,
)
register(
    MessageReference,
    decode=_decode_reference,
    encode=encode_message_reference,
)
register(MessageSnapshot, decode=lambda p, _app: _decode_snapshot(p), encode=_encode_snapshot)
