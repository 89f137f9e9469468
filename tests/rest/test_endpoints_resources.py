"""Invites, emojis, stickers, audit log, auto-moderation, scheduled events, stage instances
and templates against FakeDiscord: wire format and decoded models."""

from __future__ import annotations

import datetime
import typing

import pytest

from anycord import errors
from anycord.files import Bytes
from anycord.models import audit_logs, auto_mod, emojis, invites, scheduled_events, stickers
from anycord.models.stage_instances import StageInstance
from anycord.models.templates import Template
from tests.rest import payloads as p
from tests.rest.endpoint_cases import Case, case_id, run_case

if typing.TYPE_CHECKING:
    from tests.rest.conftest import Fake

PNG = b"\x89PNG\r\n"
PNG_URI = "data:image/png;base64,iVBORw0K"
START = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
END = datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC)
G = "/guilds/{guild_id}"
E = G + "/scheduled-events/{guild_scheduled_event_id}"
A = "/applications/{application_id}/emojis"


def _eq(got: object, expected: object) -> None:
    assert got == expected


CASES = [
    # invites
    Case(
        id="fetch_channel_invites",
        call=lambda r: r.fetch_channel_invites(200),
        method="GET",
        route="/channels/{channel_id}/invites",
        response=[p.invite_with_metadata()],
        returns=invites.InviteWithMetadata,
        many=True,
    ),
    Case(
        id="fetch_guild_invites",
        call=lambda r: r.fetch_guild_invites(100),
        method="GET",
        route=G + "/invites",
        response=[p.invite_with_metadata()],
        returns=invites.InviteWithMetadata,
        many=True,
    ),
    Case(
        id="create_invite",
        call=lambda r: r.create_invite(
            200, max_age=60, max_uses=2, unique=True, target_user=5, reason="r"
        ),
        method="POST",
        route="/channels/{channel_id}/invites",
        json={"max_age": 60, "max_uses": 2, "unique": True, "target_user_id": "5"},
        reason="r",
        response=p.invite_with_metadata(),
        returns=invites.InviteWithMetadata,
    ),
    Case(
        id="fetch_invite",
        call=lambda r: r.fetch_invite("abc", scheduled_event=9),
        method="GET",
        route="/invites/{code}",
        query={"with_counts": ["true"], "guild_scheduled_event_id": ["9"]},
        response=p.invite(),
        returns=invites.Invite,
    ),
    Case(
        id="delete_invite",
        call=lambda r: r.delete_invite("abc", reason="old"),
        method="DELETE",
        route="/invites/{code}",
        reason="old",
        response=p.invite(),
        returns=invites.Invite,
    ),
    Case(
        id="fetch_invite_target_users",
        call=lambda r: r.fetch_invite_target_users("abc"),
        method="GET",
        route="/invites/{code}/target-users",
        response=b"user_id\n300\n",
        returns=str,
        check=lambda csv: _eq(csv, "user_id\n300\n"),
    ),
    Case(
        id="set_invite_target_users",
        call=lambda r: r.set_invite_target_users("abc", b"300\n"),
        method="PUT",
        route="/invites/{code}/target-users",
        files=[("target_users_file", "target_users.csv", b"300\n")],
    ),
    Case(
        id="fetch_invite_target_users_job_status",
        call=lambda r: r.fetch_invite_target_users_job_status("abc"),
        method="GET",
        route="/invites/{code}/target-users/job-status",
        response={"status": 2, "total_users": 1, "processed_users": 1},
        returns=dict,
    ),
    # guild emojis
    Case(
        id="fetch_guild_emojis",
        call=lambda r: r.fetch_guild_emojis(100),
        method="GET",
        route=G + "/emojis",
        response=[p.emoji()],
        returns=emojis.KnownCustomEmoji,
        many=True,
    ),
    Case(
        id="fetch_emoji",
        call=lambda r: r.fetch_emoji(100, 600),
        method="GET",
        route=G + "/emojis/{emoji_id}",
        response=p.emoji(),
        returns=emojis.KnownCustomEmoji,
    ),
    Case(
        id="create_emoji",
        call=lambda r: r.create_emoji(100, "blob", Bytes(PNG, "b.png"), roles=[7], reason="r"),
        method="POST",
        route=G + "/emojis",
        json={"name": "blob", "image": "data:image/png;base64,iVBORw0K", "roles": ["7"]},
        reason="r",
        response=p.emoji(),
        returns=emojis.KnownCustomEmoji,
    ),
    Case(
        id="edit_emoji",
        call=lambda r: r.edit_emoji(100, 600, name="blob2", reason="r"),
        method="PATCH",
        route=G + "/emojis/{emoji_id}",
        json={"name": "blob2"},
        reason="r",
        response=p.emoji(),
        returns=emojis.KnownCustomEmoji,
    ),
    Case(
        id="delete_emoji",
        call=lambda r: r.delete_emoji(100, 600, reason="r"),
        method="DELETE",
        route=G + "/emojis/{emoji_id}",
        reason="r",
    ),
    # application emojis
    Case(
        id="fetch_application_emojis",
        call=lambda r: r.fetch_application_emojis(500),
        method="GET",
        route=A,
        response={"items": [p.emoji()]},
        returns=emojis.ApplicationEmoji,
        many=True,
    ),
    Case(
        id="fetch_application_emoji",
        call=lambda r: r.fetch_application_emoji(500, 600),
        method="GET",
        route=A + "/{emoji_id}",
        response=p.emoji(),
        returns=emojis.ApplicationEmoji,
    ),
    Case(
        id="create_application_emoji",
        call=lambda r: r.create_application_emoji(500, "blob", Bytes(PNG, "b.png")),
        method="POST",
        route=A,
        json={"name": "blob", "image": PNG_URI},
        response=p.emoji(),
        returns=emojis.ApplicationEmoji,
    ),
    Case(
        id="edit_application_emoji",
        call=lambda r: r.edit_application_emoji(500, 600, name="x2"),
        method="PATCH",
        route=A + "/{emoji_id}",
        json={"name": "x2"},
        response=p.emoji(),
        returns=emojis.ApplicationEmoji,
    ),
    Case(
        id="delete_application_emoji",
        call=lambda r: r.delete_application_emoji(500, 600),
        method="DELETE",
        route=A + "/{emoji_id}",
    ),
    # stickers
    Case(
        id="fetch_available_sticker_packs",
        call=lambda r: r.fetch_available_sticker_packs(),
        method="GET",
        route="/sticker-packs",
        response={"sticker_packs": [p.sticker_pack()]},
        returns=stickers.StickerPack,
        many=True,
    ),
    Case(
        id="fetch_sticker_pack",
        call=lambda r: r.fetch_sticker_pack(800),
        method="GET",
        route="/sticker-packs/{pack_id}",
        response=p.sticker_pack(),
        returns=stickers.StickerPack,
    ),
    Case(
        id="fetch_sticker",
        call=lambda r: r.fetch_sticker(700),
        method="GET",
        route="/stickers/{sticker_id}",
        response=p.sticker(guild=False),
        returns=stickers.StandardSticker,
    ),
    Case(
        id="fetch_guild_stickers",
        call=lambda r: r.fetch_guild_stickers(100),
        method="GET",
        route=G + "/stickers",
        response=[p.sticker()],
        returns=stickers.GuildSticker,
        many=True,
    ),
    Case(
        id="fetch_guild_sticker",
        call=lambda r: r.fetch_guild_sticker(100, 700),
        method="GET",
        route=G + "/stickers/{sticker_id}",
        response=p.sticker(),
        returns=stickers.GuildSticker,
    ),
    Case(
        id="create_sticker",
        call=lambda r: r.create_sticker(100, "smile", "happy", Bytes(PNG, "s.png"), reason="r"),
        method="POST",
        route=G + "/stickers",
        form={"name": "smile", "tags": "happy", "description": ""},
        files=[("file", "s.png", PNG)],
        reason="r",
        response=p.sticker(),
        returns=stickers.GuildSticker,
    ),
    Case(
        id="edit_sticker",
        call=lambda r: r.edit_sticker(100, 700, name="new", tag="t", reason="r"),
        method="PATCH",
        route=G + "/stickers/{sticker_id}",
        json={"name": "new", "tags": "t"},
        reason="r",
        response=p.sticker(),
        returns=stickers.GuildSticker,
    ),
    Case(
        id="delete_sticker",
        call=lambda r: r.delete_sticker(100, 700, reason="r"),
        method="DELETE",
        route=G + "/stickers/{sticker_id}",
        reason="r",
    ),
    # audit log
    Case(
        id="fetch_audit_log",
        call=lambda r: r.fetch_audit_log(100, user=300, event_type=1, before=999).collect(),
        method="GET",
        route=G + "/audit-logs",
        query={"user_id": ["300"], "action_type": ["1"], "limit": ["100"], "before": ["999"]},
        response=p.audit_log(),
        returns=audit_logs.AuditLog,
        many=True,
    ),
    # auto-moderation
    Case(
        id="fetch_auto_mod_rules",
        call=lambda r: r.fetch_auto_mod_rules(100),
        method="GET",
        route=G + "/auto-moderation/rules",
        response=[p.auto_mod_rule()],
        returns=auto_mod.AutoModRule,
        many=True,
    ),
    Case(
        id="fetch_auto_mod_rule",
        call=lambda r: r.fetch_auto_mod_rule(100, 950),
        method="GET",
        route=G + "/auto-moderation/rules/{rule_id}",
        response=p.auto_mod_rule(),
        returns=auto_mod.AutoModRule,
    ),
    Case(
        id="create_auto_mod_rule",
        call=lambda r: r.create_auto_mod_rule(
            100,
            name="no spam",
            event_type=auto_mod.AutoModEventType.MESSAGE_SEND,
            trigger=auto_mod.KeywordTrigger(keyword_filter=["bad"]),
            actions=[auto_mod.AutoModTimeout(duration=datetime.timedelta(minutes=5))],
            enabled=True,
            exempt_roles=[1],
            reason="r",
        ),
        method="POST",
        route=G + "/auto-moderation/rules",
        json={
            "name": "no spam",
            "event_type": 1,
            "enabled": True,
            "exempt_roles": ["1"],
            "trigger_type": 1,
            "trigger_metadata": {"keyword_filter": ["bad"], "regex_patterns": [], "allow_list": []},
            "actions": [{"type": 3, "metadata": {"duration_seconds": 300}}],
        },
        reason="r",
        response=p.auto_mod_rule(),
        returns=auto_mod.AutoModRule,
    ),
    Case(
        id="edit_auto_mod_rule",
        call=lambda r: r.edit_auto_mod_rule(100, 950, enabled=False, reason="r"),
        method="PATCH",
        route=G + "/auto-moderation/rules/{rule_id}",
        json={"enabled": False},
        reason="r",
        response=p.auto_mod_rule(),
        returns=auto_mod.AutoModRule,
    ),
    Case(
        id="delete_auto_mod_rule",
        call=lambda r: r.delete_auto_mod_rule(100, 950, reason="r"),
        method="DELETE",
        route=G + "/auto-moderation/rules/{rule_id}",
        reason="r",
    ),
    # scheduled events
    Case(
        id="fetch_scheduled_events",
        call=lambda r: r.fetch_scheduled_events(100),
        method="GET",
        route=G + "/scheduled-events",
        query={"with_user_count": ["true"]},
        response=[p.scheduled_event()],
        returns=scheduled_events.ScheduledExternalEvent,
        many=True,
    ),
    Case(
        id="fetch_scheduled_event",
        call=lambda r: r.fetch_scheduled_event(100, 960, with_user_count=False),
        method="GET",
        route=E,
        query={"with_user_count": ["false"]},
        response=p.scheduled_event(2),
        returns=scheduled_events.ScheduledVoiceEvent,
    ),
    Case(
        id="create_external_event",
        call=lambda r: r.create_external_event(100, "party", "park", START, END, reason="r"),
        method="POST",
        route=G + "/scheduled-events",
        json={
            "name": "party",
            "entity_type": 3,
            "scheduled_start_time": START.isoformat(),
            "scheduled_end_time": END.isoformat(),
            "privacy_level": 2,
            "entity_metadata": {"location": "park"},
        },
        reason="r",
        response=p.scheduled_event(),
        returns=scheduled_events.ScheduledExternalEvent,
    ),
    Case(
        id="create_voice_event",
        call=lambda r: r.create_voice_event(100, 200, "talk", START, description="d"),
        method="POST",
        route=G + "/scheduled-events",
        json={
            "name": "talk",
            "entity_type": 2,
            "scheduled_start_time": START.isoformat(),
            "description": "d",
            "privacy_level": 2,
            "channel_id": "200",
        },
        response=p.scheduled_event(2),
        returns=scheduled_events.ScheduledVoiceEvent,
    ),
    Case(
        id="create_stage_event",
        call=lambda r: r.create_stage_event(100, 200, "talk", START),
        method="POST",
        route=G + "/scheduled-events",
        json={
            "name": "talk",
            "entity_type": 1,
            "scheduled_start_time": START.isoformat(),
            "privacy_level": 2,
            "channel_id": "200",
        },
        response=p.scheduled_event(1),
        returns=scheduled_events.ScheduledStageEvent,
    ),
    Case(
        id="edit_scheduled_event",
        call=lambda r: r.edit_scheduled_event(100, 960, status=2, name="now", reason="r"),
        method="PATCH",
        route=E,
        json={"name": "now", "status": 2},
        reason="r",
        response=p.scheduled_event(),
        returns=scheduled_events.ScheduledEvent,
    ),
    Case(
        id="delete_scheduled_event",
        call=lambda r: r.delete_scheduled_event(100, 960),
        method="DELETE",
        route=E,
    ),
    Case(
        id="create_scheduled_event_exception",
        call=lambda r: r.create_scheduled_event_exception(100, 960, START, is_canceled=True),
        method="POST",
        route=E + "/exceptions",
        json={"original_scheduled_start_time": START.isoformat(), "is_canceled": True},
        response={"event_id": "960", "event_exception_id": "961", "is_canceled": True},
        returns=dict,
    ),
    Case(
        id="edit_scheduled_event_exception",
        call=lambda r: r.edit_scheduled_event_exception(100, 960, 961, start_time=START),
        method="PATCH",
        route=E + "/exceptions/{exception_id}",
        json={"scheduled_start_time": START.isoformat()},
        response={"event_id": "960", "event_exception_id": "961"},
        returns=dict,
    ),
    Case(
        id="delete_scheduled_event_exception",
        call=lambda r: r.delete_scheduled_event_exception(100, 960, 961),
        method="DELETE",
        route=E + "/exceptions/{exception_id}",
    ),
    Case(
        id="fetch_scheduled_event_users",
        call=lambda r: r.fetch_scheduled_event_users(100, 960).collect(),
        method="GET",
        route=E + "/users",
        query={"limit": ["100"], "with_member": ["true"]},
        response=[p.scheduled_event_user()],
        returns=scheduled_events.ScheduledEventUser,
        many=True,
    ),
    Case(
        id="fetch_scheduled_event_exception_users",
        call=lambda r: r.fetch_scheduled_event_exception_users(100, 960, 961, after=5).collect(),
        method="GET",
        route=E + "/{guild_scheduled_event_exception_id}/users",
        query={"limit": ["100"], "with_member": ["true"], "after": ["5"]},
        response=[p.scheduled_event_user()],
        returns=scheduled_events.ScheduledEventUser,
        many=True,
    ),
    Case(
        id="fetch_scheduled_event_user_counts",
        call=lambda r: r.fetch_scheduled_event_user_counts(100, 960, exceptions=[961]),
        method="GET",
        route=E + "/users/counts",
        query={"guild_scheduled_event_exception_ids": ["961"]},
        response={
            "guild_scheduled_event_count": 4,
            "guild_scheduled_event_exception_counts": {"961": 2},
        },
        returns=tuple,
        check=lambda res: res == (4, {961: 2}) or pytest.fail(str(res)),
    ),
    # stage instances
    Case(
        id="create_stage_instance",
        call=lambda r: r.create_stage_instance(
            200, topic="talk", send_start_notification=True, reason="r"
        ),
        method="POST",
        route="/stage-instances",
        json={"channel_id": "200", "topic": "talk", "send_start_notification": True},
        reason="r",
        response=p.stage_instance(),
        returns=StageInstance,
    ),
    Case(
        id="fetch_stage_instance",
        call=lambda r: r.fetch_stage_instance(200),
        method="GET",
        route="/stage-instances/{channel_id}",
        response=p.stage_instance(),
        returns=StageInstance,
    ),
    Case(
        id="edit_stage_instance",
        call=lambda r: r.edit_stage_instance(200, topic="new", reason="r"),
        method="PATCH",
        route="/stage-instances/{channel_id}",
        json={"topic": "new"},
        reason="r",
        response=p.stage_instance(),
        returns=StageInstance,
    ),
    Case(
        id="delete_stage_instance",
        call=lambda r: r.delete_stage_instance(200, reason="r"),
        method="DELETE",
        route="/stage-instances/{channel_id}",
        reason="r",
    ),
    # templates
    Case(
        id="fetch_template",
        call=lambda r: r.fetch_template("tmpl"),
        method="GET",
        route="/guilds/templates/{code}",
        path="/guilds/templates/tmpl",
        response=p.template(),
        returns=Template,
    ),
    Case(
        id="fetch_guild_templates",
        call=lambda r: r.fetch_guild_templates(100),
        method="GET",
        route=G + "/templates",
        response=[p.template()],
        returns=Template,
        many=True,
    ),
    Case(
        id="create_template",
        call=lambda r: r.create_template(100, "t", description="d"),
        method="POST",
        route=G + "/templates",
        json={"name": "t", "description": "d"},
        response=p.template(),
        returns=Template,
    ),
    Case(
        id="sync_guild_template",
        call=lambda r: r.sync_guild_template(100, "tmpl"),
        method="PUT",
        route=G + "/templates/{code}",
        path="/guilds/100/templates/tmpl",
        response=p.template(),
        returns=Template,
    ),
    Case(
        id="edit_template",
        call=lambda r: r.edit_template(100, "tmpl", name="n"),
        method="PATCH",
        route=G + "/templates/{code}",
        path="/guilds/100/templates/tmpl",
        json={"name": "n"},
        response=p.template(),
        returns=Template,
    ),
    Case(
        id="delete_template",
        call=lambda r: r.delete_template(100, "tmpl"),
        method="DELETE",
        route=G + "/templates/{code}",
        path="/guilds/100/templates/tmpl",
        response=p.template(),
        returns=Template,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
async def test_endpoint(fake: Fake, case: Case) -> None:
    await run_case(fake, case)


async def test_audit_log_pages_backwards_by_entry_id(fake: Fake) -> None:
    route = G + "/audit-logs"
    first = p.audit_log(tuple(str(1000 - i) for i in range(100)))
    fake.rest.stub("GET", route, json=first, times=1)
    fake.rest.stub("GET", route, json=p.audit_log(("5",)), times=1)
    async with fake.client() as rest:
        pages = await rest.fetch_audit_log(100).collect()
    assert [len(page) for page in pages] == [100, 1]
    assert fake.rest.requests_to("GET", route)[1].query["before"] == ["901"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"trigger": auto_mod.KeywordTrigger(keyword_filter=["x" * 61])}, "at most 60"),
        ({"trigger": auto_mod.KeywordTrigger(regex_patterns=["a"] * 11)}, "regex_patterns"),
        ({"trigger": auto_mod.KeywordTrigger(keyword_filter=["a"] * 1001)}, "keyword_filter"),
        ({"trigger": auto_mod.MentionSpamTrigger(mention_total_limit=51)}, "mention_total_limit"),
        ({"actions": [auto_mod.AutoModTimeout(duration=datetime.timedelta(days=29))]}, "4 weeks"),
        ({"actions": [auto_mod.AutoModBlockMessage(custom_message="x" * 151)]}, "custom_message"),
        ({"exempt_roles": list(range(21))}, "exempt_roles"),
        ({"exempt_channels": list(range(51))}, "exempt_channels"),
    ],
)
async def test_auto_mod_limits_raise_before_sending(
    fake: Fake, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {
        "name": "r",
        "event_type": auto_mod.AutoModEventType.MESSAGE_SEND,
        "trigger": auto_mod.KeywordTrigger(keyword_filter=["bad"]),
        "actions": [auto_mod.AutoModBlockMessage()],
        **kwargs,
    }
    async with fake.client() as rest:
        with pytest.raises(ValueError, match=message):
            await rest.create_auto_mod_rule(100, **args)  # type: ignore[arg-type]
    assert fake.rest.requests == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: r.create_external_event(100, "x" * 101, "park", START, END), "event name"),
        (lambda r: r.create_external_event(100, "p", "", START, END), "event location"),
        (lambda r: r.create_external_event(100, "p", "park", END, START), "before it starts"),
        (
            lambda r: r.create_voice_event(100, 200, "p", START, description="x" * 1001),
            "description",
        ),
        (lambda r: r.create_emoji(100, "x", b"img"), "emoji name"),
        (lambda r: r.create_sticker(100, "s", "t", b"img"), "sticker name"),
        (lambda r: r.create_stage_instance(200, topic="x" * 121), "stage topic"),
        (lambda r: r.create_invite(200, max_uses=101), "max_uses"),
        (lambda r: r.create_template(100, ""), "template name"),
    ],
)
async def test_documented_limits_raise_before_sending(
    fake: Fake, call: typing.Any, message: str
) -> None:
    async with fake.client() as rest:
        with pytest.raises(ValueError, match=message):
            await call(rest)
    assert fake.rest.requests == []


async def test_create_sticker_sends_form_fields_and_one_file_part(fake: Fake) -> None:
    fake.rest.stub("POST", G + "/stickers", json=p.sticker())
    async with fake.client() as rest:
        await rest.create_sticker(100, "smile", "happy", Bytes(PNG, "s.png"), reason="new")
    sent = fake.rest.requests[-1]
    assert sent.form == {"name": "smile", "tags": "happy", "description": ""}
    assert [(f.field, f.filename, f.data) for f in sent.files] == [("file", "s.png", PNG)]
    assert sent.json is None
    assert sent.headers["x-audit-log-reason"] == "new"


async def test_non_json_answers_are_returned_raw_only_where_expected(fake: Fake) -> None:
    csv = b"user_id\n300\n"
    fake.rest.stub(
        "GET", "/invites/{code}/target-users", json=csv, headers={"content-type": "text/csv"}
    )
    fake.rest.stub("GET", "/invites/{code}", json=csv, headers={"content-type": "text/csv"})
    async with fake.client() as rest:
        assert await rest.fetch_invite_target_users("abc") == "user_id\n300\n"
        with pytest.raises(errors.HTTPError, match="expected JSON, got 'text/csv'"):
            await rest.fetch_invite("abc")
