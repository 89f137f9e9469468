"""Thread endpoints against FakeDiscord: wire format and decoded models."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

from anycord.files import Bytes
from anycord.models.threads import GuildThreadChannel, ThreadMember
from anycord.rest.endpoints.threads import ThreadSearchResult
from tests.rest import payloads as p
from tests.rest.endpoint_cases import Case, case_id, run_case

if TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake

T = "/channels/{channel_id}"
UNSET = object()


def _search_ok(result: ThreadSearchResult) -> None:
    assert isinstance(result.threads[0], GuildThreadChannel)
    assert isinstance(result.members[0], ThreadMember)
    assert (result.total_results, result.has_more) == (1, False)


CASES = [
    Case(
        id="create_message_thread",
        call=lambda r: r.create_message_thread(
            200, 400, "topic", auto_archive_duration=60, rate_limit_per_user=5, reason="r"
        ),
        method="POST",
        route=T + "/messages/{message_id}/threads",
        response=p.thread(),
        json={"name": "topic", "auto_archive_duration": 60, "rate_limit_per_user": 5},
        reason="r",
        returns=GuildThreadChannel,
    ),
    Case(
        id="create_thread",
        call=lambda r: r.create_thread(200, 12, "secret", invitable=False),
        method="POST",
        route=T + "/threads",
        response=p.thread(),
        json={"name": "secret", "type": 12, "invitable": False},
        returns=GuildThreadChannel,
    ),
    Case(
        id="create_forum_post",
        call=lambda r: r.create_forum_post(
            200, "post", "body", attachment=Bytes(b"x", "a.txt"), tags=[1, 2], reason="why"
        ),
        method="POST",
        route=T + "/threads",
        response=p.thread(),
        json={
            "name": "post",
            "applied_tags": ["1", "2"],
            "message": {"content": "body", "attachments": [{"id": 0, "filename": "a.txt"}]},
        },
        files=[("files[0]", "a.txt", b"x")],
        reason="why",
        returns=GuildThreadChannel,
    ),
    Case(
        id="join_thread",
        call=lambda r: r.join_thread(11),
        method="PUT",
        route=T + "/thread-members/@me",
        path="/channels/11/thread-members/@me",
    ),
    Case(
        id="leave_thread",
        call=lambda r: r.leave_thread(11),
        method="DELETE",
        route=T + "/thread-members/@me",
        path="/channels/11/thread-members/@me",
    ),
    Case(
        id="add_thread_member",
        call=lambda r: r.add_thread_member(11, 300),
        method="PUT",
        route=T + "/thread-members/{user_id}",
        path="/channels/11/thread-members/300",
    ),
    Case(
        id="remove_thread_member",
        call=lambda r: r.remove_thread_member(11, 300),
        method="DELETE",
        route=T + "/thread-members/{user_id}",
        path="/channels/11/thread-members/300",
    ),
    Case(
        id="fetch_thread_member",
        call=lambda r: r.fetch_thread_member(11, 300, with_member=True),
        method="GET",
        route=T + "/thread-members/{user_id}",
        path="/channels/11/thread-members/300",
        query={"with_member": ["true"]},
        response={**p.thread_member(), "member": p.member()},
        returns=ThreadMember,
    ),
    Case(
        id="fetch_thread_members",
        call=lambda r: r.fetch_thread_members(11).collect(),
        method="GET",
        route=T + "/thread-members",
        path="/channels/11/thread-members",
        response=[p.thread_member("1"), p.thread_member("2")],
        returns=ThreadMember,
        many=True,
    ),
    Case(
        id="fetch_active_threads",
        call=lambda r: r.fetch_active_threads(100),
        method="GET",
        route="/guilds/{guild_id}/threads/active",
        response={"threads": [p.thread()], "members": []},
        returns=GuildThreadChannel,
        many=True,
    ),
    Case(
        id="fetch_public_archived_threads",
        call=lambda r: r.fetch_public_archived_threads(
            200, before=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
        ).collect(),
        method="GET",
        route=T + "/threads/archived/public",
        query={"limit": ["100"], "before": ["2024-05-01T00:00:00+00:00"]},
        response={"threads": [p.thread()], "members": [], "has_more": False},
        returns=GuildThreadChannel,
        many=True,
    ),
    Case(
        id="fetch_private_archived_threads",
        call=lambda r: r.fetch_private_archived_threads(200).collect(),
        method="GET",
        route=T + "/threads/archived/private",
        query={"limit": ["100"]},
        response={"threads": [p.thread()], "members": [], "has_more": False},
        returns=GuildThreadChannel,
        many=True,
    ),
    Case(
        id="fetch_joined_private_archived_threads",
        call=lambda r: r.fetch_joined_private_archived_threads(200, before=99).collect(),
        method="GET",
        route=T + "/users/@me/threads/archived/private",
        query={"limit": ["100"], "before": ["99"]},
        response={"threads": [p.thread()], "members": [], "has_more": False},
        returns=GuildThreadChannel,
        many=True,
    ),
    Case(
        id="search_threads",
        call=lambda r: r.search_threads(200, name="bug", tags=[7, 8], archived=True, limit=10),
        method="GET",
        route=T + "/threads/search",
        query={"name": ["bug"], "tag": ["7", "8"], "archived": ["true"], "limit": ["10"]},
        response={
            "threads": [p.thread()],
            "members": [p.thread_member()],
            "total_results": 1,
            "has_more": False,
        },
        returns=ThreadSearchResult,
        check=_search_ok,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
async def test_endpoint(fake: Fake, case: Case) -> None:
    await run_case(fake, case)


async def test_archived_threads_page_by_archive_timestamp(fake: Fake, rest: RESTClient) -> None:
    route = T + "/threads/archived/public"
    first = [p.thread(str(i), f"2024-01-0{9 - i}T00:00:00+00:00") for i in range(1, 3)]
    fake.rest.stub("GET", route, json={"threads": first, "has_more": True}, times=1)
    fake.rest.stub("GET", route, json={"threads": [p.thread("3")], "has_more": False}, times=1)
    threads = await rest.fetch_public_archived_threads(200).collect()
    assert [t.id for t in threads] == [1, 2, 3]
    sent = fake.rest.requests_to("GET", route)
    assert sent[1].query["before"] == ["2024-01-07T00:00:00+00:00"]


async def test_thread_members_with_member_page_by_user_id(fake: Fake, rest: RESTClient) -> None:
    route = T + "/thread-members"
    page = [{**p.thread_member(str(i)), "member": p.member(str(i))} for i in range(1, 101)]
    fake.rest.stub("GET", route, json=page, times=1)
    fake.rest.stub("GET", route, json=[], times=1)
    members = await rest.fetch_thread_members(11, with_member=True).collect()
    assert len(members) == 100
    sent = fake.rest.requests_to("GET", route)
    assert sent[1].query == {"with_member": ["true"], "limit": ["100"], "after": ["100"]}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, "thread name"),
        ({"name": "x" * 101}, "thread name"),
        ({"tags": [1, 2, 3, 4, 5, 6]}, "applied_tags"),
        ({"auto_archive_duration": 30}, "auto_archive_duration"),
        ({"rate_limit_per_user": 21601}, "rate_limit_per_user"),
        ({"content": "x" * 2001}, "2000"),
        ({"content": UNSET}, "needs content"),
    ],
)
async def test_forum_post_limits_raise_before_sending(
    fake: Fake, rest: RESTClient, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {"name": "post", "content": "hi", **kwargs}
    if args["content"] is UNSET:
        del args["content"]
    with pytest.raises(ValueError, match=message):
        await rest.create_forum_post(200, **args)  # type: ignore[arg-type]
    assert fake.rest.requests == []


async def test_search_index_not_ready(fake: Fake, rest: RESTClient) -> None:
    fake.rest.stub(
        "GET", T + "/threads/search", json={"code": 110000, "retry_after": 2}, status=202
    )
    result = await rest.search_threads(200, name="x")
    assert result.threads == []
    assert result.has_more
