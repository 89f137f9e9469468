"""`create_message` is idempotent under retries: one call, one nonce, at most one message.

The fake's `"drop_after"` fault creates the message and then drops the connection, which is
the case a blind retry turns into a duplicate; FakeDiscord honours `enforce_nonce` as
Discord documents it, so these tests check the client and the emulator together.
"""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord import errors
from anycord.rest.endpoints.messages import new_nonce

if typing.TYPE_CHECKING:
    from tests.rest.conftest import Fake

ROUTE = "/channels/{channel_id}/messages"


def _sent(fake: Fake) -> list[dict[str, typing.Any]]:
    return [r.json for r in fake.rest.requests_to("POST", ROUTE)]


def _stored(fake: Fake, channel: dict[str, typing.Any]) -> list[dict[str, typing.Any]]:
    return list(fake.world.messages[int(channel["id"])].values())


def _creates(fake: Fake) -> int:
    return sum(1 for name, _, _ in fake.world.events if name == "MESSAGE_CREATE")


def _assert_auto_nonce(body: dict[str, typing.Any]) -> str:
    nonce = body["nonce"]
    assert isinstance(nonce, str)
    assert nonce.isdigit()
    assert 1 <= len(nonce) <= 25
    assert body["enforce_nonce"] is True
    return nonce


async def test_a_retry_after_a_dropped_answer_returns_the_one_message(fake: Fake) -> None:
    channel = fake.channels[0]
    fake.rest.fail_next(1, status="drop_after")
    async with fake.client() as rest:
        message = await rest.create_message(channel["id"], "once")
    first, retry = fake.rest.requests_to("POST", ROUTE)
    assert (first.status, retry.status) == (-1, 200)
    assert first.json == retry.json
    _assert_auto_nonce(first.json)
    (stored,) = _stored(fake, channel)
    assert str(message.id) == stored["id"]
    assert message.content == "once"
    assert message.nonce == first.json["nonce"]
    assert _creates(fake) == 1


async def test_without_the_nonce_the_same_drop_is_not_repeated(fake: Fake) -> None:
    # The control for the test above: opting out shows the drop really creates a message,
    # and without the nonce's protection the client does not send it again.
    channel = fake.channels[0]
    fake.rest.fail_next(1, status="drop_after")
    async with fake.client() as rest:
        with pytest.raises(errors.HTTPError, match="not retried"):
            await rest.create_message(channel["id"], "twice", enforce_nonce=False)
    assert [b.get("content") for b in _sent(fake)] == ["twice"]
    assert all("nonce" not in b for b in _sent(fake))
    assert len(_stored(fake, channel)) == 1
    assert _creates(fake) == 1


async def test_every_retry_of_a_call_sends_the_same_nonce(fake: Fake) -> None:
    fake.rest.fail_next(2, status="drop")
    fake.rest.fail_next(1, status=503)
    async with fake.client() as rest:
        await rest.create_message(fake.channels[0]["id"], "x")
    bodies = _sent(fake)
    assert len(bodies) == 4
    assert len({_assert_auto_nonce(b) for b in bodies}) == 1


async def test_separate_calls_send_fresh_nonces(fake: Fake) -> None:
    async with fake.client() as rest:
        for _ in range(5):
            await rest.create_message(fake.channels[0]["id"], "same text")
    nonces = [_assert_auto_nonce(b) for b in _sent(fake)]
    assert len(set(nonces)) == 5
    assert len(_stored(fake, fake.channels[0])) == 5


async def test_attachments_carry_the_nonce_in_payload_json(fake: Fake) -> None:
    fake.rest.fail_next(1, status="drop_after")
    async with fake.client() as rest:
        message = await rest.create_message(fake.channels[0]["id"], attachment=b"data")
    first, retry = fake.rest.requests_to("POST", ROUTE)
    assert first.json == retry.json
    _assert_auto_nonce(first.json)
    assert len(_stored(fake, fake.channels[0])) == 1
    assert len(message.attachments) == 1


async def test_the_callers_nonce_wins(fake: Fake) -> None:
    channel = fake.channels[0]["id"]
    async with fake.client() as rest:
        first = await rest.create_message(channel, "a", nonce="mine", enforce_nonce=True)
        again = await rest.create_message(channel, "b", nonce="mine", enforce_nonce=True)
        await rest.create_message(channel, "c", nonce=42)
        await rest.create_message(channel, "d", enforce_nonce=False)
    assert _sent(fake) == [
        {"content": "a", "nonce": "mine", "enforce_nonce": True},
        {"content": "b", "nonce": "mine", "enforce_nonce": True},
        {"content": "c", "nonce": 42},
        {"content": "d", "enforce_nonce": False},
    ]
    assert again.id == first.id
    assert again.content == "a"
    assert [m["content"] for m in _stored(fake, fake.channels[0])] == ["a", "c", "d"]


async def test_an_enforced_nonce_expires_after_the_window(fake: Fake) -> None:
    channel = fake.channels[0]["id"]
    async with fake.client() as rest:
        first = await rest.create_message(channel, "a", nonce="n", enforce_nonce=True)
        await anyio.sleep(fake.world.nonce_window - 1)
        assert (await rest.create_message(channel, "b", nonce="n", enforce_nonce=True)).id == (
            first.id
        )
        await anyio.sleep(1)
        later = await rest.create_message(channel, "c", nonce="n", enforce_nonce=True)
    assert later.id != first.id
    assert later.content == "c"


async def test_a_deleted_message_frees_its_nonce(fake: Fake) -> None:
    channel = fake.channels[0]["id"]
    async with fake.client() as rest:
        first = await rest.create_message(channel, "a", nonce="n", enforce_nonce=True)
        await rest.delete_message(channel, first)
        second = await rest.create_message(channel, "b", nonce="n", enforce_nonce=True)
    assert second.id != first.id
    assert [m["content"] for m in _stored(fake, fake.channels[0])] == ["b"]


async def test_an_unenforced_nonce_never_deduplicates(fake: Fake) -> None:
    channel = fake.channels[0]["id"]
    async with fake.client() as rest:
        await rest.create_message(channel, "a", nonce="n", enforce_nonce=True)
        other = await rest.create_message(channel, "b", nonce="n")
    assert other.content == "b"
    assert len(_stored(fake, fake.channels[0])) == 2


async def test_a_nonce_over_25_characters_is_a_400(fake: Fake) -> None:
    async with fake.client() as rest:
        with pytest.raises(errors.BadRequestError, match="nonce"):
            await rest.create_message(fake.channels[0]["id"], "x", nonce="n" * 26)
    assert _stored(fake, fake.channels[0]) == []


def test_new_nonce_is_a_short_decimal_string() -> None:
    nonces = {new_nonce() for _ in range(1000)}
    assert len(nonces) == 1000
    assert all(n.isdigit() and len(n) <= 25 and int(n) < 2**63 for n in nonces)


async def test_a_retried_forward_forwards_once(fake: Fake) -> None:
    source_channel, target = fake.channels[1], fake.channels[0]
    async with fake.client() as rest:
        source = await rest.create_message(source_channel["id"], "original")
        fake.rest.fail_next(1, status="drop_after")
        forward = await rest.forward_message(target["id"], source, source_channel["id"])
    first, retry = fake.rest.requests[-2:]
    assert (first.status, retry.status) == (-1, 200)
    assert first.json == retry.json
    _assert_auto_nonce(first.json)
    (stored,) = _stored(fake, target)
    assert str(forward.id) == stored["id"]
