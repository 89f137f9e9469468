"""Every message-like endpoint forwards every message argument it takes to the body.

The endpoints hand their arguments to `message_body_from(locals())` by name, so a renamed or
new argument that the body builder does not know would be dropped silently; these tests call
each endpoint with every argument its signature has (singular forms, then plural forms) and
check the exact body FakeDiscord received.
"""

from __future__ import annotations

import inspect
import typing

import attrs
import pytest

from anycord.models.messages import Attachment, Message
from anycord.models.threads import GuildThreadChannel
from anycord.rest.client import RESTClient
from anycord.snowflakes import Snowflake
from tests.rest import payloads as p

if typing.TYPE_CHECKING:
    from tests.rest.conftest import Fake


def _Kept(attachment_id: int) -> Attachment:
    """An existing attachment (kept by ID when editing)."""
    return Attachment(
        id=Snowflake(attachment_id),
        filename="kept.png",
        size=1,
        url="https://cdn.test/kept.png",
        proxy_url="https://media.test/kept.png",
    )


MENTIONS = {"mentions_everyone": False, "user_mentions": [31], "role_mentions": [32]}
ALLOWED = {"parse": [], "users": ["31"], "roles": ["32"]}
REFERENCE = {"message_reference": {"message_id": "7", "fail_if_not_exists": False}}

# argument -> (value, what it adds to the body); the singular and plural forms of a list.
SINGULAR: dict[str, tuple[typing.Any, dict[str, typing.Any]]] = {
    "attachment": (_Kept(9), {"attachments": [{"id": "9"}]}),
    "component": ({"type": 1, "components": []}, {"components": [{"type": 1, "components": []}]}),
    "embed": ({"title": "t"}, {"embeds": [{"title": "t"}]}),
    "sticker": (5, {"sticker_ids": ["5"]}),
}
PLURAL: dict[str, tuple[typing.Any, dict[str, typing.Any]]] = {
    "attachments": ([_Kept(8), _Kept(9)], {"attachments": [{"id": "8"}, {"id": "9"}]}),
    "components": ([], {"components": []}),
    "embeds": ([{"title": "a"}, {"title": "b"}], {"embeds": [{"title": "a"}, {"title": "b"}]}),
    "stickers": ([5, 6], {"sticker_ids": ["5", "6"]}),
}
SCALARS: dict[str, tuple[typing.Any, dict[str, typing.Any]]] = {
    "content": ("hi", {"content": "hi"}),
    "poll": ({"question": {"text": "q"}}, {"poll": {"question": {"text": "q"}}}),
    "tts": (True, {"tts": True}),
    "reply": (7, REFERENCE),
    "reply_must_exist": (False, REFERENCE),
    "flags": (4, {"flags": 4}),
    "nonce": ("n1", {"nonce": "n1"}),
    "enforce_nonce": (True, {"enforce_nonce": True}),
    "username": ("hook", {"username": "hook"}),
    "avatar_url": ("https://a.test/x.png", {"avatar_url": "https://a.test/x.png"}),
    "thread_name": ("topic", {"thread_name": "topic"}),
    "title": ("Form", {"title": "Form"}),
    "custom_id": ("form-1", {"custom_id": "form-1"}),
}
NOT_MESSAGE = {
    "self",
    "reason",
    "thread",
    "choices",
    "auto_archive_duration",
    "rate_limit_per_user",
    "tags",
}


@attrs.frozen
class Endpoint:
    """One endpoint: its positional arguments, its `METHOD route`, and where the body sits."""

    name: str
    args: tuple[typing.Any, ...]
    target: str
    returns: type | None = Message
    wrap: typing.Callable[[dict[str, typing.Any]], dict[str, typing.Any]] = lambda body: body
    signature_of: str | None = None
    """The method whose signature lists the arguments (for `**kwargs` forwarders)."""


RESPONSES: dict[type | None, typing.Any] = {
    Message: p.message(),
    GuildThreadChannel: p.thread(),
    None: None,
}
W = "/webhooks/{webhook_id}/{webhook_token}"
ENDPOINTS = [
    Endpoint("create_message", (200,), "POST /channels/{channel_id}/messages"),
    Endpoint("edit_message", (200, 400), "PATCH /channels/{channel_id}/messages/{message_id}"),
    Endpoint("execute_webhook", (99, "tok"), "POST " + W),
    Endpoint("execute_followup", (99, "tok"), "POST " + W, signature_of="execute_webhook"),
    Endpoint("edit_webhook_message", (99, "tok", 400), "PATCH " + W + "/messages/{message_id}"),
    Endpoint(
        "edit_interaction_response",
        (99, "tok"),
        "PATCH " + W + "/messages/@original",
        signature_of="edit_webhook_message",
    ),
    Endpoint(
        "create_interaction_response",
        (50, "tok", 4),
        "POST /interactions/{interaction_id}/{interaction_token}/callback",
        returns=None,
        wrap=lambda body: {"type": 4, "data": body},
    ),
    Endpoint(
        "create_forum_post",
        (200, "post"),
        "POST /channels/{channel_id}/threads",
        returns=GuildThreadChannel,
        wrap=lambda body: {"name": "post", "message": body},
    ),
]


def _arguments(endpoint: Endpoint) -> list[str]:
    """The optional arguments of the endpoint's signature (the required ones are IDs)."""
    method = getattr(RESTClient, endpoint.signature_of or endpoint.name)
    params = inspect.signature(method).parameters.values()
    return [p.name for p in params if p.default is not inspect.Parameter.empty]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_every_argument_of_the_signature_is_a_known_message_argument(endpoint: Endpoint) -> None:
    known = {*SINGULAR, *PLURAL, *SCALARS, *MENTIONS, "mentions_reply", *NOT_MESSAGE}
    unknown = [a for a in _arguments(endpoint) if a not in known]
    assert not unknown, f"{endpoint.name} takes {unknown}: add them to this test's tables"


@pytest.mark.parametrize("form", [SINGULAR, PLURAL], ids=["singular", "plural"])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
async def test_every_message_argument_reaches_the_body(
    fake: Fake, endpoint: Endpoint, form: dict[str, tuple[typing.Any, dict[str, typing.Any]]]
) -> None:
    names = _arguments(endpoint)
    kwargs: dict[str, typing.Any] = {}
    expected: dict[str, typing.Any] = {}
    for table in (form, SCALARS):
        for name, (value, fragment) in table.items():
            if name in names:
                kwargs[name] = value
                expected.update(fragment)
    kwargs.update(MENTIONS)
    expected["allowed_mentions"] = ALLOWED
    if "mentions_reply" in names:
        kwargs["mentions_reply"] = True
        expected["allowed_mentions"] = {**ALLOWED, "replied_user": True}
    method, route = endpoint.target.split(" ")
    response = RESPONSES[endpoint.returns]
    fake.rest.stub(method, route, json=response, status=200 if response is not None else 204)
    async with fake.client() as rest:
        result = await getattr(rest, endpoint.name)(*endpoint.args, **kwargs)
    (sent,) = fake.rest.requests
    assert (sent.method, sent.route) == (method, route)
    assert sent.json == endpoint.wrap(expected)
    if endpoint.returns is None:
        assert result is None
    else:
        assert isinstance(result, endpoint.returns)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
async def test_only_create_message_adds_its_own_nonce(fake: Fake, endpoint: Endpoint) -> None:
    # Without `nonce`/`enforce_nonce`, create_message sends a fresh enforced nonce (so its
    # retries cannot duplicate the message); no other message-like body gains one.
    method, route = endpoint.target.split(" ")
    response = RESPONSES[endpoint.returns]
    fake.rest.stub(method, route, json=response, status=200 if response is not None else 204)
    async with fake.client() as rest:
        await getattr(rest, endpoint.name)(*endpoint.args, content="hi")
    (sent,) = fake.rest.requests
    expected: dict[str, typing.Any] = {"content": "hi"}
    if endpoint.name == "create_message":
        nonce = sent.json["nonce"]
        assert isinstance(nonce, str)
        assert nonce.isdigit()
        assert 1 <= len(nonce) <= 25
        expected |= {"nonce": nonce, "enforce_nonce": True}
    assert sent.json == endpoint.wrap(expected)
