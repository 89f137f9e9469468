"""Hypothesis strategies that build Discord-shaped payloads for the message, interaction and application families."""

from __future__ import annotations

import datetime
import typing

from hypothesis import strategies as st

Payload = dict[str, typing.Any]

snowflakes = st.integers(min_value=1, max_value=(1 << 63) - 1).map(str)
texts = st.text(max_size=20)
names = st.text(min_size=1, max_size=20)
small = st.integers(min_value=0, max_value=1000)
timestamps = st.datetimes(
    min_value=datetime.datetime(2015, 1, 2),
    max_value=datetime.datetime(2100, 1, 1),
    timezones=st.just(datetime.UTC),
).map(lambda d: d.isoformat())
users = st.fixed_dictionaries(
    {"id": snowflakes, "username": names},
    optional={
        "discriminator": st.just("0"),
        "global_name": st.none() | names,
        "avatar": st.none() | names,
        "bot": st.booleans(),
    },
)
emojis = st.one_of(
    st.fixed_dictionaries({"id": st.none(), "name": st.sampled_from(["🔥", "👍", "🍕"])}),
    st.fixed_dictionaries({"id": snowflakes, "name": names, "animated": st.booleans()}),
)
unknown_ints = st.integers(min_value=200, max_value=10_000)


def _opt(d: Payload, **optional: st.SearchStrategy[typing.Any]) -> st.SearchStrategy[Payload]:
    return st.fixed_dictionaries(d, optional=optional)


media = _opt(
    {"url": names},
    proxy_url=names,
    height=st.none() | small,
    width=st.none() | small,
    flags=st.sampled_from([0, 1]),
)
button = _opt(
    {"type": st.just(2), "style": st.integers(1, 6) | unknown_ints},
    label=names,
    emoji=emojis,
    custom_id=names,
    url=names,
    sku_id=snowflakes,
    disabled=st.booleans(),
    id=small,
)
option = _opt(
    {"label": names, "value": names}, description=names, emoji=emojis, default=st.booleans()
)
defaults = st.lists(
    st.fixed_dictionaries({"id": snowflakes, "type": st.sampled_from(["user", "role", "channel"])}),
    max_size=2,
)
select = st.one_of(
    _opt(
        {"type": st.just(3), "custom_id": names, "options": st.lists(option, max_size=3)},
        placeholder=names,
        min_values=small,
        max_values=small,
        disabled=st.booleans(),
        required=st.booleans(),
        values=st.lists(names, max_size=2),
    ),
    _opt(
        {"type": st.sampled_from([5, 6, 7]), "custom_id": names},
        default_values=defaults,
        placeholder=names,
    ),
    _opt(
        {"type": st.just(8), "custom_id": names},
        channel_types=st.lists(st.integers(0, 16), max_size=3),
        default_values=defaults,
    ),
)
text_input = _opt(
    {"type": st.just(4), "custom_id": names},
    style=st.sampled_from([1, 2]),
    label=names,
    value=texts,
    required=st.booleans(),
    min_length=small,
    max_length=small,
    placeholder=names,
)
text_display = _opt({"type": st.just(10), "content": texts}, id=small)
thumbnail = _opt({"type": st.just(11), "media": media}, description=names, spoiler=st.booleans())
leaf = st.one_of(
    button,
    select,
    text_input,
    text_display,
    thumbnail,
    _opt(
        {
            "type": st.just(12),
            "items": st.lists(
                _opt({"media": media}, description=names, spoiler=st.booleans()), max_size=2
            ),
        }
    ),
    _opt({"type": st.just(13), "file": media}, spoiler=st.booleans(), name=names, size=small),
    _opt({"type": st.just(14)}, divider=st.booleans(), spacing=st.sampled_from([1, 2])),
    _opt(
        {"type": st.just(19), "custom_id": names},
        file_types=st.lists(names, max_size=2),
        values=st.lists(snowflakes, max_size=2),
    ),
    _opt(
        {
            "type": st.just(21),
            "custom_id": names,
            "options": st.lists(
                _opt({"value": names, "label": names}, description=names, default=st.booleans()),
                max_size=2,
            ),
        },
        value=st.none() | names,
    ),
    _opt(
        {
            "type": st.just(22),
            "custom_id": names,
            "options": st.lists(_opt({"value": names, "label": names}), max_size=2),
        },
        values=st.lists(names, max_size=2),
    ),
    _opt({"type": st.just(23), "custom_id": names}, default=st.booleans(), value=st.booleans()),
    st.fixed_dictionaries({"type": unknown_ints, "whatever": texts}),
)
components = st.recursive(
    leaf,
    lambda children: st.one_of(
        _opt({"type": st.just(1), "components": st.lists(children, max_size=3)}, id=small),
        _opt(
            {"type": st.just(17), "components": st.lists(children, max_size=3)},
            accent_color=st.none() | st.integers(0, 0xFFFFFF),
            spoiler=st.booleans(),
        ),
        st.fixed_dictionaries(
            {
                "type": st.just(9),
                "components": st.lists(text_display, max_size=3),
                "accessory": st.one_of(button, thumbnail),
            }
        ),
        _opt({"type": st.just(18), "component": children}, label=names, description=names),
    ),
    max_leaves=6,
)
embeds = _opt(
    {},
    title=texts,
    description=texts,
    url=names,
    color=st.integers(0, 0xFFFFFF),
    timestamp=timestamps,
    type=st.sampled_from(["rich", "image", "poll_result"]),
    footer=_opt({"text": texts}, icon_url=names),
    image=media,
    thumbnail=media,
    video=_opt({}, url=names, height=small),
    provider=_opt({}, name=names, url=names),
    author=_opt({"name": texts}, url=names, icon_url=names),
    fields=st.lists(_opt({"name": texts, "value": texts}, inline=st.booleans()), max_size=3),
)
poll_media = _opt({}, text=texts, emoji=emojis)
polls = _opt(
    {
        "question": poll_media,
        "answers": st.lists(_opt({"poll_media": poll_media}, answer_id=small), max_size=3),
        "expiry": st.none() | timestamps,
    },
    allow_multiselect=st.booleans(),
    layout_type=st.sampled_from([1, 7]),
    results=st.fixed_dictionaries(
        {
            "is_finalized": st.booleans(),
            "answer_counts": st.lists(
                st.fixed_dictionaries({"id": small, "count": small, "me_voted": st.booleans()}),
                max_size=2,
            ),
        }
    ),
)
attachments = _opt(
    {"id": snowflakes, "filename": names, "size": small, "url": names, "proxy_url": names},
    content_type=names,
    height=small,
    width=small,
    ephemeral=st.booleans(),
    duration_secs=st.floats(0, 100),
    waveform=names,
    flags=st.integers(0, 63),
    description=names,
)
reactions = _opt(
    {"count": small, "emoji": emojis},
    me=st.booleans(),
    me_burst=st.booleans(),
    count_details=st.fixed_dictionaries({"burst": small, "normal": small}),
    burst_colors=st.lists(st.just("#ff0000"), max_size=2),
)
metadata = _opt(
    {
        "id": snowflakes,
        "type": st.integers(1, 5),
        "user": users,
        "authorizing_integration_owners": st.dictionaries(
            st.sampled_from(["0", "1"]), snowflakes, max_size=2
        ),
    },
    original_response_message_id=snowflakes,
    target_user=users,
    target_message_id=snowflakes,
    interacted_message_id=snowflakes,
)


def _message(referenced: st.SearchStrategy[typing.Any]) -> st.SearchStrategy[Payload]:
    return _opt(
        {
            "id": snowflakes,
            "channel_id": snowflakes,
            "author": users,
            "content": texts,
            "timestamp": timestamps,
            "edited_timestamp": st.none() | timestamps,
            "tts": st.booleans(),
            "mention_everyone": st.booleans(),
            "mentions": st.lists(users, max_size=2),
            "mention_roles": st.lists(snowflakes, max_size=2),
            "attachments": st.lists(attachments, max_size=2),
            "embeds": st.lists(embeds, max_size=2),
            "pinned": st.booleans(),
            "type": st.sampled_from([0, 19, 20, 46]) | unknown_ints,
        },
        guild_id=snowflakes,
        reactions=st.lists(reactions, max_size=2),
        nonce=st.one_of(names, small),
        webhook_id=snowflakes,
        flags=st.integers(0, (1 << 16) - 1),
        activity=_opt({"type": st.sampled_from([1, 2, 3, 5, 99])}, party_id=names),
        application=_opt(
            {
                "id": snowflakes,
                "name": names,
                "description": st.none() | names,
                "icon": st.none() | names,
                "cover_image": st.none() | names,
            }
        ),
        application_id=snowflakes,
        message_reference=_opt(
            {"type": st.sampled_from([0, 1, 7])},
            message_id=snowflakes,
            channel_id=snowflakes,
            guild_id=snowflakes,
            fail_if_not_exists=st.booleans(),
        ),
        message_snapshots=st.lists(
            st.fixed_dictionaries(
                {
                    "message": _opt(
                        {
                            "type": st.just(0),
                            "content": texts,
                            "embeds": st.lists(embeds, max_size=1),
                            "attachments": st.just([]),
                            "timestamp": timestamps,
                            "edited_timestamp": st.none(),
                            "flags": st.just(0),
                            "mentions": st.just([]),
                            "mention_roles": st.just([]),
                        },
                        components=st.lists(components, max_size=1),
                    )
                }
            ),
            max_size=1,
        ),
        referenced_message=referenced,
        interaction_metadata=metadata,
        components=st.lists(components, max_size=2),
        sticker_items=st.lists(
            st.fixed_dictionaries(
                {"id": snowflakes, "name": names, "format_type": st.integers(1, 4)}
            ),
            max_size=1,
        ),
        position=small,
        role_subscription_data=st.fixed_dictionaries(
            {
                "role_subscription_listing_id": snowflakes,
                "tier_name": names,
                "total_months_subscribed": small,
                "is_renewal": st.booleans(),
            }
        ),
        poll=polls,
        call=st.fixed_dictionaries(
            {
                "participants": st.lists(snowflakes, max_size=2),
                "ended_timestamp": st.none() | timestamps,
            }
        ),
        some_future_field=texts,
    )


messages = _message(st.none() | _message(st.none()))
