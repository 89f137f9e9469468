"""Embeds, components, polls and mentions are encoded alike by REST and interaction responses.

One table of inputs, two callers: `RESTClient.create_message` against FakeDiscord, and an
`InteractionServer` answering the initial response with an `InteractionMessageBuilder`. Both
encode through `anycord.models.message_parts` and `build_allowed_mentions`, so each input
reaches Discord as the same JSON, and each refusal is the same error with the same message,
raised before anything is sent.

On main before the encoders were unified: REST crashed with `AttributeError` on a builder
whose `build()` gives JSON, and on a value of the wrong kind, which the interaction builder
sent on as it was (a `str` or `None` embed, an embed in `components`, a `str` poll: Discord
answers 400); REST sent duplicate mention IDs and more than 100 of them.
"""

from __future__ import annotations

import logging
import typing

import attrs
import pytest

import anycord
from anycord.interactions import InteractionMessageBuilder
from anycord.interactions.builders import ResponseType
from anycord.models.component_builders import MessageActionRowBuilder
from anycord.models.components import ActionRowComponent, ButtonComponent, ButtonStyle

from . import both_paths

if typing.TYPE_CHECKING:
    from anycord.testing import FakeDiscord
    from anycord.testing.interactions import InteractionResponse

ROW = {"type": 1, "components": [{"type": 2, "style": 1, "label": "Go", "custom_id": "go"}]}


anyio_backend = pytest.fixture(params=["asyncio", "trio"])(both_paths.real_time_backend)
fake = pytest.fixture(both_paths.fake_with_a_channel)


@attrs.frozen
class RawBuilder:
    """A builder whose `build()` gives JSON (as REST builders do), not a model."""

    def build(self) -> dict[str, typing.Any]:
        return ROW


class Odd:
    """A builder of something that is no component."""

    def build(self) -> int:
        return 5


def _row_model() -> ActionRowComponent:
    button = ButtonComponent(style=ButtonStyle.PRIMARY, label="Go", custom_id="go")
    return ActionRowComponent(components=[button])


# (case, part, value, the JSON Discord receives under the part's key)
ACCEPTED: list[tuple[str, str, object, object]] = [
    (
        "Embed",
        "embed",
        anycord.Embed(title="t", description="d"),
        [{"title": "t", "description": "d"}],
    ),
    ("embed dict", "embed", {"title": "raw", "x-new": 1}, [{"title": "raw", "x-new": 1}]),
    ("component model", "component", _row_model(), [ROW]),
    (
        "component builder",
        "component",
        MessageActionRowBuilder().add_interactive_button(1, "go", label="Go"),
        [ROW],
    ),
    ("builder giving JSON", "component", RawBuilder(), [ROW]),
    ("component dict", "component", ROW, [ROW]),
    (
        "PollBuilder",
        "poll",
        anycord.PollBuilder("Lunch?", duration=2).add_answer("Pizza"),
        {
            "question": {"text": "Lunch?"},
            "answers": [{"poll_media": {"text": "Pizza"}}],
            "duration": 2,
        },
    ),
    (
        "repeated mention IDs",
        "user_mentions",
        [3, 1, 3],
        {"parse": [], "users": ["3", "1"]},
    ),
    ("all users", "user_mentions", True, {"parse": ["users"]}),
]

_NOT_AN_EMBED = "an embed must be Embed, a builder of one, or a JSON object (dict), not "
_NOT_A_COMPONENT = "a component must be PartialComponent, a builder of one, or a JSON object (dict)"

REFUSED: list[tuple[str, str, object, type[Exception], str]] = [
    ("str embed", "embed", "hello", TypeError, _NOT_AN_EMBED + "str"),
    ("None embed", "embed", None, TypeError, _NOT_AN_EMBED + "NoneType"),
    (
        "embed as a component",
        "component",
        anycord.Embed(title="t"),
        TypeError,
        _NOT_A_COMPONENT + ", not Embed",
    ),
    (
        "builder giving another kind",
        "component",
        Odd(),
        TypeError,
        _NOT_A_COMPONENT + ", not Odd (whose build() gave int)",
    ),
    (
        "str poll",
        "poll",
        "Lunch?",
        TypeError,
        "a poll must be PollBuilder, a builder of one, or a JSON object (dict), not str",
    ),
    (
        "an embed over its limits",
        "embed",
        anycord.Embed(title="t" * 257),
        ValueError,
        "embed title is 257 characters",
    ),
    (
        "101 mention IDs",
        "user_mentions",
        list(range(1, 102)),
        ValueError,
        "allowed_mentions.users takes at most 100 IDs, got 101",
    ),
]


def _key(part: str) -> str:
    return {"embed": "embeds", "component": "components", "user_mentions": "allowed_mentions"}.get(
        part, part
    )


async def _rest(fake: FakeDiscord, part: str, value: object) -> dict[str, typing.Any]:
    arguments: dict[str, typing.Any] = {part: value}
    if part != "poll":
        arguments["content"] = "hi"
    sent = await both_paths.sent_by_rest(fake, **arguments)
    return typing.cast("dict[str, typing.Any]", sent.json)


def _builder(part: str, value: typing.Any) -> InteractionMessageBuilder:
    builder = InteractionMessageBuilder(ResponseType.MESSAGE_CREATE)
    if part == "embed":
        return builder.add_embed(value)
    if part == "component":
        return builder.add_component(value)
    if part == "poll":
        return builder.set_poll(value)
    return builder.set_content("hi").set_mentions(user_mentions=value)


async def _interaction(fake: FakeDiscord, part: str, value: object) -> InteractionResponse:
    return await both_paths.answered_by_server(fake, lambda: _builder(part, value))


@pytest.mark.parametrize(
    ("kind", "part", "value", "expected"), ACCEPTED, ids=[c[0] for c in ACCEPTED]
)
async def test_rest_and_interaction_encode_every_part_alike(
    fake: FakeDiscord, kind: str, part: str, value: object, expected: object
) -> None:
    sent = await _rest(fake, part, value)
    answer = await _interaction(fake, part, value)
    assert answer.status == 200, kind
    assert sent[_key(part)] == answer.json["data"][_key(part)] == expected


@pytest.mark.parametrize(
    ("kind", "part", "value", "error", "message"), REFUSED, ids=[c[0] for c in REFUSED]
)
async def test_rest_and_interaction_refuse_alike_before_sending(
    fake: FakeDiscord,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    part: str,
    value: object,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as refused:
        await _rest(fake, part, value)
    assert str(refused.value).startswith(message), kind
    assert fake.rest.requests_to("POST", both_paths.MESSAGES) == []

    with caplog.at_level(logging.ERROR, logger="anycord.interactions"):
        answer = await _interaction(fake, part, value)
    assert answer.status == 500
    logged = both_paths.logged_error(caplog)
    assert type(logged) is error
    assert str(logged) == str(refused.value)
