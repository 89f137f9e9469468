"""Table-driven endpoint tests: one `Case` per endpoint call, checked against FakeDiscord.

A case stubs its route on the fake's REST app (the spec's path template, so a typo in the
route fails), makes the call through a real `RESTClient`, then checks what reached the wire
(method, concrete path, query, JSON or multipart body, audit-log reason header, auth header)
and what came back (the decoded model's type, or `None`).
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
_NOTHING: typing.Any = object()


@attrs.frozen(kw_only=True)
class Case:
    """One call and what it must send and return."""

    id: str
    call: Callable[[RESTClient], Awaitable[typing.Any]]
    method: str
    route: str
    path: str
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
    assert sent.path == case.path
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
