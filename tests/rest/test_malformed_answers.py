"""A 2xx answer of the wrong shape raises `MalformedResponseError` naming the route.

FakeDiscord's `stub()` plays a server (a broken proxy, an emulator, a future API change) that
answers 200 with JSON of another shape. Never a bare `KeyError`/`TypeError`/`AttributeError`
from inside the library, and never the URL (it can carry a webhook token) in the message.
"""

from __future__ import annotations

import re
import typing

import anyio
import hypothesis
import hypothesis.strategies as st
import pytest

from anycord import errors
from anycord.rest.client import RESTClient
from tests.rest.conftest import REST_URL, Fake

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable


@pytest.mark.parametrize("answer", [{"not": "a role"}, [], "text", 12, {"id": None}])
async def test_create_role_names_its_route(fake: Fake, answer: object) -> None:
    fake.rest.stub("POST", "/guilds/{guild_id}/roles", json=answer)
    async with fake.client() as rest:
        with pytest.raises(errors.MalformedResponseError) as caught:
            await rest.create_role(fake.guild["id"], name="mods")
    assert caught.value.route == "POST /guilds/{guild_id}/roles"
    assert str(caught.value).startswith("POST /guilds/{guild_id}/roles: the answer does not")
    assert isinstance(caught.value.__cause__, (KeyError, TypeError, AttributeError, ValueError))


async def test_a_webhook_answer_names_the_template_not_the_token(fake: Fake) -> None:
    hook = fake.world.add_webhook(fake.channels[0]["id"])
    fake.rest.stub("POST", "/webhooks/{webhook_id}/{webhook_token}", json={"id": "1"})
    async with fake.client() as rest:
        with pytest.raises(errors.MalformedResponseError) as caught:
            await rest.execute_webhook(hook["id"], hook["token"], "hi")
    assert "POST /webhooks/{webhook_id}/{webhook_token}" in str(caught.value)
    assert hook["token"] not in str(caught.value)
    assert hook["token"] not in repr(caught.value)


async def test_a_page_of_the_wrong_shape_names_its_route(fake: Fake) -> None:
    route = "/channels/{channel_id}/messages"
    async with fake.client() as rest:
        fake.rest.stub("GET", route, json=[{"bogus": 1}], times=1)
        with pytest.raises(
            errors.MalformedResponseError, match=re.escape("GET /channels/{channel_id}/messages")
        ):
            await rest.fetch_messages(fake.channels[0]["id"]).collect()
        fake.rest.stub("GET", route, json={"messages": []}, times=1)
        with pytest.raises(errors.MalformedResponseError, match="expected a list"):
            await rest.fetch_messages(fake.channels[0]["id"]).collect()


async def test_an_answer_that_is_not_json_names_its_route(fake: Fake) -> None:
    fake.rest.stub(
        "GET", "/guilds/{guild_id}/roles", json=b"<html>", headers={"content-type": "text/html"}
    )
    async with fake.client() as rest:
        with pytest.raises(
            errors.MalformedResponseError, match=re.escape("GET /guilds/{guild_id}/roles")
        ):
            await rest.fetch_roles(fake.guild["id"])


async def test_bad_arguments_keep_their_own_errors(fake: Fake) -> None:
    # Shape errors raised before any answer are the caller's: they pass through as they are.
    async with fake.client() as rest:
        with pytest.raises(TypeError):
            await rest.create_role(object(), name="x")  # type: ignore[arg-type]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["1", "x", 1, None]),
        "name": st.text(max_size=3) | st.none(),
        "channel_id": st.sampled_from(["2", None]),
        "author": JSON,
        "content": JSON,
        "permissions": st.sampled_from(["0", "x", None]),
        "position": st.integers(-(2**63), 2**63 - 1) | st.none(),
    },
)

CALLS: dict[str, tuple[str, str, Callable[[RESTClient, Fake], Awaitable[object]]]] = {
    "create_role": (
        "POST",
        "/guilds/{guild_id}/roles",
        lambda rest, fake: rest.create_role(fake.guild["id"], name="r"),
    ),
    "fetch_channel": (
        "GET",
        "/channels/{channel_id}",
        lambda rest, fake: rest.fetch_channel(fake.channels[0]["id"]),
    ),
    "create_message": (
        "POST",
        "/channels/{channel_id}/messages",
        lambda rest, fake: rest.create_message(fake.channels[0]["id"], "x"),
    ),
    "fetch_my_user": ("GET", "/users/@me", lambda rest, fake: rest.fetch_my_user()),
}


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("call", sorted(CALLS))
@hypothesis.settings(
    max_examples=40, deadline=None, phases=tuple(set(hypothesis.Phase) - {hypothesis.Phase.explain})
)
@hypothesis.given(answer=JSON | SHAPED)
def test_any_json_answer_decodes_or_raises_the_routes_error(
    backend: str, call: str, answer: object
) -> None:
    method, route, invoke = CALLS[call]
    fake = Fake()
    fake.rest.stub(method, route, json=answer)

    async def main() -> None:
        async with RESTClient(fake.token, rest_url=REST_URL, transport=fake.transport()) as rest:
            try:
                await invoke(rest, fake)
            except errors.MalformedResponseError as exc:
                failed_on = exc.route
            else:
                failed_on = f"{method} {route}"
        assert failed_on == f"{method} {route}"

    anyio.run(main, backend=backend)
