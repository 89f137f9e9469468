"""Table-driven endpoint tests: one `Case` per endpoint call, checked against FakeDiscord.

A case stubs its route on the fake's REST app (the spec's path template, so a typo in the
route fails), makes the call through a real `RESTClient`, then checks what reached the wire
(method, concrete path, query, JSON or multipart body, audit-log reason header, auth header)
and what came back (the decoded model's type, or `None`).

A case's concrete path is its route with the IDs of `IDS` filled in (the calls pass those
IDs, each a different number, so an ID put into the wrong segment fails); a case whose call
uses other IDs states its `path`.
"""

from __future__ import annotations

import typing
import urllib.parse

import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake

BEARER = "bearer-token-for-tests"
IDS = {
    "answer_id": "1",
    "application_id": "500",
    "channel_id": "200",
    "code": "abc",
    "command_id": "1200",
    "emoji_id": "600",
    "entitlement_id": "990",
    "exception_id": "961",
    "guild_id": "100",
    "guild_scheduled_event_exception_id": "961",
    "guild_scheduled_event_id": "960",
    "instance_id": "i-1",
    "integration_id": "1",
    "lobby_id": "77",
    "message_id": "400",
    "overwrite_id": "7",
    "pack_id": "800",
    "request_id": "5",
    "rule_id": "950",
    "sku_id": "991",
    "sound_id": "980",
    "sticker_id": "700",
    "subscription_id": "995",
    "user_id": "300",
    "user_id_1": "1",
    "user_id_2": "2",
    "webhook_id": "1100",
    "webhook_token": "tok",
}
"""The ID each route parameter stands for in the cases (see the module docstring)."""
_NOTHING: typing.Any = object()


@attrs.frozen(kw_only=True)
class Case:
    """One call and what it must send and return."""

    id: str
    call: Callable[[RESTClient], Awaitable[typing.Any]]
    method: str
    route: str
    path: str | None = None
    """The concrete path, when the call does not use the IDs of `IDS`."""
    response: typing.Any = None
    status: int = 200
    query: dict[str, list[str]] = attrs.field(factory=dict)
    json: typing.Any = None
    form: dict[str, str] | None = None
    files: list[tuple[str, str, bytes]] = attrs.field(factory=list)
    reason: str | None = None
    returns: type | tuple[type, ...] | None = None
    many: bool = False
    bearer: bool = False
    auth: str | None = _NOTHING
    """Expected Authorization header when not the default (None: no header at all)."""
    requests: int = 1
    check: Callable[[typing.Any], None] | None = None


def case_id(case: Case) -> str:
    return case.id


def expected_path(case: Case) -> str:
    """The path the case's call must reach."""
    return case.route.format_map(IDS) if case.path is None else case.path


async def run_case(fake: Fake, case: Case) -> typing.Any:
    """Stub, call, and check one case; returns the call's result for extra checks."""
    status = case.status if case.response is not None else 204
    fake.rest.stub(case.method, case.route, json=case.response, status=status)
    if case.bearer:
        fake.rest.bearer_tokens.add(BEARER)
        client = fake.client(BEARER, token_type="Bearer")
    else:
        client = fake.client()
    before = len(fake.rest.requests)
    async with client as rest:
        result = await case.call(rest)
    sent_all = fake.rest.requests[before:]
    assert len(sent_all) == case.requests, [(r.method, r.path, r.query) for r in sent_all]
    sent = sent_all[0]
    assert (sent.method, sent.route) == (case.method, case.route)
    assert sent.path == expected_path(case)
    assert sent.status == status
    assert sent.query == case.query
    assert sent.json == case.json
    if case.form is not None:
        assert sent.form == case.form
    assert [(f.field, f.filename, f.data) for f in sent.files] == case.files
    if case.reason is None:
        assert "x-audit-log-reason" not in sent.headers
    else:
        assert urllib.parse.unquote(sent.headers["x-audit-log-reason"]) == case.reason
    if case.auth is not _NOTHING:
        assert sent.headers.get("authorization") == case.auth
    elif case.bearer:
        assert sent.headers["authorization"] == f"Bearer {BEARER}"
    else:
        assert sent.headers["authorization"] == f"Bot {fake.token}"
    if case.returns is None:
        assert result is None
    elif case.many:
        assert isinstance(result, list), result
        assert result, result
        assert all(isinstance(r, case.returns) for r in result), result
    else:
        assert isinstance(result, case.returns), result
    if case.check is not None:
        case.check(result)
    return result
