"""Signing helpers and a stand-in decoder for interaction tests."""

from __future__ import annotations

import time
import typing

import attrs
import nacl.signing
import orjson

from anycord.errors import UnrecognisedEntityError

SIGNING_KEY = nacl.signing.SigningKey(b"\x07" * 32)
PUBLIC_KEY_HEX = SIGNING_KEY.verify_key.encode().hex()


def sign(body: bytes, timestamp: str | None = None) -> tuple[str, str]:
    """(signature hex, timestamp) for `body`, as Discord sends them."""
    timestamp = timestamp or str(int(time.time()))
    signature = SIGNING_KEY.sign(timestamp.encode() + body).signature.hex()
    return signature, timestamp


def signed_headers(body: bytes, **extra: str) -> dict[str, str]:
    signature, timestamp = sign(body)
    return {
        "content-type": "application/json",
        "x-signature-ed25519": signature,
        "x-signature-timestamp": timestamp,
        **extra,
    }


@attrs.define
class FakeInteraction:
    payload: dict[str, typing.Any]


class FakeCommand(FakeInteraction):
    pass


class FakeComponent(FakeInteraction):
    pass


class FakeAutocomplete(FakeInteraction):
    pass


class FakeModal(FakeInteraction):
    pass


_CLASSES: dict[int, type[FakeInteraction]] = {
    2: FakeCommand,
    3: FakeComponent,
    4: FakeAutocomplete,
    5: FakeModal,
}


def fake_decoder(payload: dict[str, typing.Any]) -> FakeInteraction:
    try:
        cls = _CLASSES[payload["type"]]
    except KeyError:
        msg = f"unknown interaction type {payload['type']}"
        raise UnrecognisedEntityError(msg) from None
    return cls(payload)


def command_body(name: str = "ping", **extra: typing.Any) -> bytes:
    return orjson.dumps(
        {
            "id": "1000000000000000001",
            "application_id": "1000000000000000002",
            "type": 2,
            "token": "interaction-token",
            "version": 1,
            "channel_id": "1000000000000000003",
            "data": {"id": "1000000000000000004", "name": name, "type": 1},
            "user": {"id": "1000000000000000005", "username": "someone", "discriminator": "0"},
            **extra,
        }
    )
