"""A request that may have reached Discord is sent again only when that cannot repeat it.

FakeDiscord's faults stand for the hostile network: `"drop_after"` handles the request (the
role exists) and then drops the connection, `502`/`503` answer an error. `POST` is not
repeated after either; `GET`, `PUT`, `PATCH` (a set-fields update: twice is once, see
`anycord.rest.retries`), `DELETE` and nonce-protected messages keep their retries; a connection
refused before any byte was sent is retried for every method.
"""

from __future__ import annotations

import socket
import typing

import anyio
import pytest

from anycord import errors
from anycord.config import HTTPSettings, HTTPTimeoutSettings
from anycord.rest import retries
from anycord.rest.client import RESTClient
from anycord.rest.endpoints.messages import POST_TYPING
from anycord.rest.endpoints.roles import GET_ROLES, PATCH_ROLE, POST_ROLE
from tests.http_peer import HTTPPeer, PeerConnection, answer, reset_after_reading

if typing.TYPE_CHECKING:
    from tests.rest.conftest import Fake

ROLES = "/guilds/{guild_id}/roles"


def _roles_named(fake: Fake, name: str) -> int:
    return sum(1 for r in fake.world.roles[int(fake.guild["id"])].values() if r["name"] == name)


@pytest.mark.parametrize("fault", ["drop_after", 502, 503])
async def test_create_role_is_sent_once_whatever_fails_after_sending(
    fake: Fake, fault: str | int
) -> None:
    fake.rest.fail_next(1, status=fault)
    async with fake.client() as rest:
        with pytest.raises(errors.HTTPError) as caught:
            await rest.create_role(fake.guild["id"], name="mods")
    assert len(fake.rest.requests_to("POST", ROLES)) == 1
    assert _roles_named(fake, "mods") == (1 if fault == "drop_after" else 0)
    if fault == "drop_after":
        text = str(caught.value)
        assert "not retried" in text
        assert "POST /guilds/{guild_id}/roles is not idempotent" in text
        assert "ReadError: FakeDiscord dropped the connection" in text
    else:
        assert isinstance(caught.value, errors.InternalServerError)
        assert caught.value.status == fault


@pytest.mark.parametrize("fault", ["drop_after", 502])
async def test_edit_role_is_repeated_and_lands_once(fake: Fake, fault: str | int) -> None:
    role = fake.world.add_role(fake.guild["id"], name="old")
    roles_before = len(fake.world.roles[int(fake.guild["id"])])
    fake.rest.fail_next(1, status=fault)
    async with fake.client() as rest:
        edited = await rest.edit_role(fake.guild["id"], role["id"], name="new", hoist=True)
    assert len(fake.rest.requests_to("PATCH", "/guilds/{guild_id}/roles/{role_id}")) == 2
    # Applied once or twice, the role ends as one PATCH leaves it, and nothing was created.
    assert (edited.name, edited.is_hoisted) == ("new", True)
    stored = fake.world.roles[int(fake.guild["id"])][int(role["id"])]
    assert (stored["name"], stored["hoist"]) == ("new", True)
    assert len(fake.world.roles[int(fake.guild["id"])]) == roles_before


@pytest.mark.parametrize("fault", ["drop", "drop_after", 502])
async def test_get_put_and_delete_keep_their_retries(fake: Fake, fault: str | int) -> None:
    role = fake.world.add_role(fake.guild["id"], name="kept")
    member = fake.world.add_member(fake.guild["id"], fake.world.add_user(username="m"))
    async with fake.client() as rest:
        fake.rest.fail_next(1, status=fault)
        roles = await rest.fetch_roles(fake.guild["id"])
        fake.rest.fail_next(1, status=fault)
        await rest.add_role_to_member(fake.guild["id"], member["user"]["id"], role["id"])
        # A delete that did happen answers its repeat with 404, so only faults before
        # handling are repeated here (the repeat is harmless either way: nothing duplicates).
        fake.rest.fail_next(1, status=502 if fault == "drop_after" else fault)
        await rest.delete_role(fake.guild["id"], role["id"])
    assert "kept" in {r.name for r in roles}
    assert len(fake.rest.requests_to("GET", ROLES)) == 2
    assert (
        len(fake.rest.requests_to("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"))
        == 2
    )
    assert len(fake.rest.requests_to("DELETE", "/guilds/{guild_id}/roles/{role_id}")) == 2


async def test_a_refused_connection_is_retried_for_a_post() -> None:
    # Nothing listens on the port (bound, then closed): every attempt fails to connect, so
    # no byte was sent, and the POST is retried up to max_retries.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with RESTClient(
        "a-token-for-a-closed-port", rest_url=f"http://127.0.0.1:{port}/api/v10", max_retries=2
    ) as rest:
        with pytest.raises(errors.HTTPError, match="failed after 3 attempts: Connect"):
            await rest.create_role(1, name="x")


def test_the_rule_in_one_table() -> None:
    assert retries.is_idempotent(GET_ROLES)
    assert not retries.is_idempotent(POST_ROLE)
    assert retries.is_idempotent(PATCH_ROLE)
    assert not retries.may_resend(POST_ROLE, {"name": "x"}, sent=True)
    assert retries.may_resend(PATCH_ROLE, {"name": "x"}, sent=True)
    assert retries.is_idempotent(POST_TYPING)
    assert retries.is_protected({"nonce": "1", "enforce_nonce": True})
    assert not retries.is_protected({"nonce": "1"})
    assert not retries.is_protected({"nonce": "", "enforce_nonce": True})
    assert not retries.is_protected(None)
    assert retries.may_resend(POST_ROLE, None, sent=False)
    assert not retries.may_resend(POST_ROLE, None, sent=True)


async def test_create_role_reaches_a_resetting_server_once() -> None:
    # A real server on loopback that reads the whole request and then resets the connection
    # (today's main sent the POST four times).
    peer = HTTPPeer(reset_after_reading)
    async with (
        peer.running(),
        RESTClient("token-for-the-peer", rest_url=peer.url + "/api/v10") as rest,
    ):
        with pytest.raises(errors.HTTPError, match="not retried") as caught:
            await rest.create_role(1, name="mods")
    assert [r.method for r in peer.requests] == ["POST"]
    assert "ReadError" in str(caught.value) or "RemoteProtocolError" in str(caught.value)


async def test_create_role_is_not_repeated_after_a_502_from_a_proxy() -> None:
    peer = HTTPPeer(answer(502, b"<html>bad gateway</html>", {"content-type": "text/html"}))
    async with (
        peer.running(),
        RESTClient("token-for-the-peer", rest_url=peer.url + "/api/v10") as rest,
    ):
        with pytest.raises(errors.InternalServerError):
            await rest.create_role(1, name="mods")
        with pytest.raises(errors.InternalServerError):
            await rest.fetch_roles(1)
    assert [r.method for r in peer.requests] == ["POST", "GET", "GET", "GET", "GET"]


async def _never_answer(conn: PeerConnection) -> None:
    await conn.read_request()
    await anyio.sleep_forever()


async def _reset_at_once(conn: PeerConnection) -> None:
    await conn.reset()


async def test_timeouts_and_resets_say_what_happened() -> None:
    settings = HTTPSettings(timeouts=HTTPTimeoutSettings(read=0.25, total=None))
    peer = HTTPPeer(_never_answer)
    async with peer.running():
        url = peer.url + "/api/v10"
        async with RESTClient(
            "t" * 20, rest_url=url, http_settings=settings, max_retries=0
        ) as rest:
            with pytest.raises(errors.HTTPError) as caught:
                await rest.fetch_roles(1)
    assert str(caught.value).endswith(
        "failed after 1 attempts: ReadTimeout: no answer within the read timeout (0.25s)"
    )
    peer = HTTPPeer(_reset_at_once)
    async with peer.running():
        url = peer.url + "/api/v10"
        async with RESTClient("t" * 20, rest_url=url, max_retries=0) as rest:
            with pytest.raises(errors.HTTPError) as caught:
                await rest.fetch_roles(1)
    problem = str(caught.value).partition("failed after 1 attempts: ")[2]
    name, _, cause = problem.partition(": ")
    assert name in ("ReadError", "RemoteProtocolError", "WriteError")
    assert cause.strip()
