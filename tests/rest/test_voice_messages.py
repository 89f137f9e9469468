"""Voice messages: one audio attachment with its waveform and duration, the flag set, nothing
else; sent to a channel, through a webhook, and as an interaction response, against
FakeDiscord's REST app, which applies Discord's rules (codes 50159-50162)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import anyio
import pytest

from anycord.errors import BadRequestError
from anycord.files import Bytes
from anycord.models.messages import MessageFlag

if TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake

OGG = Bytes(b"OggS\x00voice", "voice.ogg")
WAVEFORM = "AAECAwQFBgcICQ=="


def _voice_payload(fake: Fake) -> dict[str, object]:
    return {key: fake.rest.requests[-1].json[key] for key in ("flags", "attachments")}


async def test_a_channel_voice_message_carries_flag_waveform_and_duration(
    fake: Fake, rest: RESTClient
) -> None:
    channel = fake.channels[0]["id"]
    sent = await rest.create_voice_message(channel, OGG, WAVEFORM, 2.5, reply=123)
    assert sent.flags & MessageFlag.IS_VOICE_MESSAGE
    (attachment,) = sent.attachments
    assert attachment.media_type == "audio/ogg"
    assert attachment.waveform == WAVEFORM
    assert attachment.duration == 2.5
    assert not sent.content
    request = fake.rest.requests[-1]
    assert _voice_payload(fake) == {
        "flags": 1 << 13,
        "attachments": [
            {"id": 0, "filename": "voice.ogg", "duration_secs": 2.5, "waveform": WAVEFORM}
        ],
    }
    # A retry cannot post it twice: the same nonce deduplication as create_message.
    assert request.json["enforce_nonce"] is True
    assert request.json["message_reference"] == {"message_id": "123"}
    assert request.files[0].data == OGG.data
    assert request.files[0].content_type == "audio/ogg"


async def test_extra_flags_are_added_to_the_voice_flag(fake: Fake, rest: RESTClient) -> None:
    quiet = int(MessageFlag.SUPPRESS_NOTIFICATIONS)
    sent = await rest.create_voice_message(fake.channels[0]["id"], OGG, WAVEFORM, 1, flags=quiet)
    assert sent.flags == MessageFlag.IS_VOICE_MESSAGE | MessageFlag.SUPPRESS_NOTIFICATIONS


@pytest.mark.parametrize(
    ("attachment", "waveform", "duration", "message"),
    [
        (Bytes(b"text", "notes.txt"), WAVEFORM, 1.0, "must be audio"),
        (OGG, "", 1.0, "waveform"),
        (OGG, WAVEFORM, 0, "positive number"),
        (OGG, WAVEFORM, -3, "positive number"),
        (OGG, WAVEFORM, math.nan, "positive number"),
        (OGG, WAVEFORM, math.inf, "positive number"),
    ],
)
async def test_a_bad_voice_message_is_refused_before_anything_is_sent(
    fake: Fake,
    rest: RESTClient,
    attachment: Bytes,
    waveform: str,
    duration: float,
    message: str,
) -> None:
    before = len(fake.rest.requests)
    with pytest.raises(ValueError, match=message):
        await rest.create_voice_message(fake.channels[0]["id"], attachment, waveform, duration)
    assert len(fake.rest.requests) == before


async def test_something_that_is_not_a_file_is_a_type_error(fake: Fake, rest: RESTClient) -> None:
    with pytest.raises(TypeError):
        await rest.create_voice_message(fake.channels[0]["id"], 42, WAVEFORM, 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"content": "hi", "attachment": OGG}, 50159),
        ({"attachment": Bytes(b"x", "x.txt")}, 50160),
        ({"attachments": [OGG, Bytes(b"again", "b.ogg")]}, 50160),
        ({"attachment": OGG}, 50161),
    ],
)
async def test_the_emulator_applies_discords_voice_message_rules(
    fake: Fake, rest: RESTClient, kwargs: dict[str, object], code: int
) -> None:
    # Sent with create_message, which knows nothing of voice messages, so the emulator's own
    # checks are what refuses them.
    flag = int(MessageFlag.IS_VOICE_MESSAGE)
    with pytest.raises(BadRequestError) as caught:
        await rest.create_message(fake.channels[0]["id"], flags=flag, **kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert fake.world.messages[int(fake.channels[0]["id"])] == {}


async def test_a_voice_message_cannot_be_edited(fake: Fake, rest: RESTClient) -> None:
    channel = fake.channels[0]["id"]
    sent = await rest.create_voice_message(channel, OGG, WAVEFORM, 1.0)
    with pytest.raises(BadRequestError) as caught:
        await rest.edit_message(channel, sent, flags=0)
    assert caught.value.code == 50162


async def test_a_webhook_posts_a_voice_message_without_the_bot_token(
    fake: Fake, rest: RESTClient
) -> None:
    hook = fake.world.add_webhook(fake.channels[1]["id"], name="hook")
    sent = await rest.execute_webhook_voice_message(
        hook["id"], hook["token"], OGG, WAVEFORM, 3.0, username="speaker"
    )
    assert sent.flags & MessageFlag.IS_VOICE_MESSAGE
    assert sent.attachments[0].duration == 3.0
    request = fake.rest.requests[-1]
    assert "authorization" not in request.headers
    assert request.query["wait"] == ["true"]
    assert request.json["username"] == "speaker"


async def test_an_interaction_answers_with_a_voice_message(fake: Fake, rest: RESTClient) -> None:
    channel = int(fake.channels[2]["id"])
    record = fake.world.new_interaction(type=2, channel_id=channel, now=anyio.current_time())
    await rest.create_interaction_voice_message_response(
        record.id, record.token, OGG, WAVEFORM, 1.5
    )
    assert fake.rest.requests[-1].json["type"] == 4
    original = await rest.fetch_interaction_response(fake.world.application_id, record.token)
    assert original.flags & MessageFlag.IS_VOICE_MESSAGE
    assert original.attachments[0].waveform == WAVEFORM


async def test_a_deferred_response_becomes_a_voice_message(fake: Fake, rest: RESTClient) -> None:
    channel = int(fake.channels[3]["id"])
    record = fake.world.new_interaction(type=2, channel_id=channel, now=anyio.current_time())
    await rest.create_interaction_response(record.id, record.token, 5)
    edited = await rest.edit_interaction_voice_message_response(
        fake.world.application_id, record.token, OGG, WAVEFORM, 4.0
    )
    assert edited.flags & MessageFlag.IS_VOICE_MESSAGE
    assert edited.attachments[0].duration == 4.0
    # Once it is a voice message, it cannot be edited again.
    with pytest.raises(BadRequestError) as caught:
        await rest.edit_interaction_voice_message_response(
            fake.world.application_id, record.token, OGG, WAVEFORM, 5.0
        )
    assert caught.value.code == 50162
