"""Guild administration and settings, channel administration, webhooks by token, Bearer user
routes, lobbies and the partner SDK against FakeDiscord: wire format and decoded models
(polls, soundboard, voice, applications, monetization and OAuth2 are in
test_endpoints_apps.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from anycord.models import guild_satellites
from anycord.models.channels import ChannelFollow, PartialChannel
from anycord.models.members import Member
from anycord.models.messages import Message
from anycord.models.roles import Role
from anycord.models.webhooks import PartialWebhook
from anycord.rest.builders import OnboardingOptionBuilder, OnboardingPromptBuilder
from anycord.snowflakes import Snowflake
from tests.rest import payloads as p
from tests.rest.endpoint_cases import Case, case_id, run_case

if TYPE_CHECKING:
    from tests.rest.conftest import Fake

G = "/guilds/{guild_id}"
C = "/channels/{channel_id}"
L = "/lobbies/{lobby_id}"
LOBBY = {"id": "77", "application_id": "500", "members": []}
ONBOARDING = {
    "guild_id": "100",
    "prompts": [],
    "default_channel_ids": [],
    "enabled": True,
    "mode": 0,
}

CASES = [
    Case(
        id="fetch_bans",
        call=lambda r: r.fetch_bans(100).collect(),
        method="GET",
        route=G + "/bans",
        query={"limit": ["1000"]},
        response=[{"user": p.user(), "reason": None}],
        returns=guild_satellites.GuildBan,
        many=True,
    ),
    Case(
        id="fetch_ban",
        call=lambda r: r.fetch_ban(100, 300),
        method="GET",
        route=G + "/bans/{user_id}",
        response={"user": p.user(), "reason": "spam"},
        returns=guild_satellites.GuildBan,
    ),
    Case(
        id="bulk_ban_users",
        call=lambda r: r.bulk_ban_users(100, [1, 2], delete_message_seconds=60, reason="raid"),
        method="POST",
        route=G + "/bulk-ban",
        json={"user_ids": ["1", "2"], "delete_message_seconds": 60},
        reason="raid",
        response={"banned_users": ["1"], "failed_users": ["2"]},
        returns=tuple,
        check=lambda res: res == ([1], [2]) or pytest.fail(str(res)),
    ),
    Case(
        id="estimate_guild_prune_count",
        call=lambda r: r.estimate_guild_prune_count(100, days=3, include_roles=[7, 8]),
        method="GET",
        route=G + "/prune",
        query={"days": ["3"], "include_roles": ["7,8"]},
        response={"pruned": 4},
        returns=int,
    ),
    Case(
        id="begin_guild_prune",
        call=lambda r: r.begin_guild_prune(100, days=3, compute_prune_count=True, reason="r"),
        method="POST",
        route=G + "/prune",
        json={"days": 3, "compute_prune_count": True},
        reason="r",
        response={"pruned": 4},
        returns=int,
    ),
    Case(
        id="fetch_integrations",
        call=lambda r: r.fetch_integrations(100),
        method="GET",
        route=G + "/integrations",
        response=[
            {
                "id": "1",
                "name": "i",
                "type": "discord",
                "enabled": True,
                "account": {"id": "1", "name": "a"},
            }
        ],
        returns=guild_satellites.Integration,
        many=True,
    ),
    Case(
        id="delete_integration",
        call=lambda r: r.delete_integration(100, 1, reason="r"),
        method="DELETE",
        route=G + "/integrations/{integration_id}",
        reason="r",
    ),
    Case(
        id="fetch_vanity_url",
        call=lambda r: r.fetch_vanity_url(100),
        method="GET",
        route=G + "/vanity-url",
        response={"code": "abc", "uses": 3},
        returns=guild_satellites.VanityURL,
    ),
    Case(
        id="set_guild_incident_actions",
        call=lambda r: r.set_guild_incident_actions(100, dms_disabled_until=None),
        method="PUT",
        route=G + "/incident-actions",
        json={"dms_disabled_until": None},
        response={"dms_disabled_until": None},
        returns=dict,
    ),
    Case(
        id="fetch_guild_preview",
        call=lambda r: r.fetch_guild_preview(100),
        method="GET",
        route=G + "/preview",
        response={
            "id": "100",
            "name": "g",
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "emojis": [],
            "features": [],
            "approximate_member_count": 1,
            "approximate_presence_count": 1,
            "description": None,
            "stickers": [],
        },
        returns=guild_satellites.GuildPreview,
    ),
    Case(
        id="fetch_role_member_counts",
        call=lambda r: r.fetch_role_member_counts(100),
        method="GET",
        route=G + "/roles/member-counts",
        response={"1000": 5},
        returns=dict,
        check=lambda res: res == {1000: 5} or pytest.fail(str(res)),
    ),
    Case(
        id="reposition_roles",
        call=lambda r: r.reposition_roles(100, {2: 1000}, reason="r"),
        method="PATCH",
        route=G + "/roles",
        json=[{"id": "1000", "position": 2}],
        reason="r",
        response=[p.role()],
        returns=Role,
        many=True,
    ),
    Case(
        id="fetch_guild_join_requests",
        call=lambda r: r.fetch_guild_join_requests(100, status="SUBMITTED", limit=10),
        method="GET",
        route=G + "/requests",
        query={"status": ["SUBMITTED"], "limit": ["10"]},
        response={"guild_join_requests": [], "total": 0},
        returns=dict,
    ),
    Case(
        id="action_guild_join_request",
        call=lambda r: r.action_guild_join_request(100, 5, "REJECTED", rejection_reason="no"),
        method="PATCH",
        route=G + "/requests/{request_id}",
        json={"action": "REJECTED", "rejection_reason": "no"},
        response={"id": "5"},
        returns=dict,
    ),
    Case(
        id="fetch_guild_new_member_welcome",
        call=lambda r: r.fetch_guild_new_member_welcome(100),
        method="GET",
        route=G + "/new-member-welcome",
        response={"enabled": True},
        returns=dict,
    ),
    Case(
        id="add_user_to_guild",
        call=lambda r: r.add_user_to_guild("tok", 100, 300, nickname="n", roles=[7]),
        method="PUT",
        route=G + "/members/{user_id}",
        json={"access_token": "tok", "nick": "n", "roles": ["7"]},
        response=p.member(),
        status=201,
        returns=Member,
    ),
    Case(
        id="search_guild_messages",
        call=lambda r: r.search_guild_messages(100, content="hi", authors=[3], limit=5),
        method="GET",
        route=G + "/messages/search",
        query={"content": ["hi"], "author_id": ["3"], "limit": ["5"]},
        response={"messages": [], "total_results": 0},
        returns=dict,
    ),
    Case(
        id="fetch_guild_webhooks",
        call=lambda r: r.fetch_guild_webhooks(100),
        method="GET",
        route=G + "/webhooks",
        response=[p.webhook()],
        returns=PartialWebhook,
        many=True,
    ),
    Case(
        id="fetch_widget",
        call=lambda r: r.fetch_widget(100),
        method="GET",
        route=G + "/widget",
        response={"enabled": True, "channel_id": "200"},
        returns=guild_satellites.GuildWidget,
    ),
    Case(
        id="edit_widget",
        call=lambda r: r.edit_widget(100, channel=None, enabled=False, reason="r"),
        method="PATCH",
        route=G + "/widget",
        json={"channel_id": None, "enabled": False},
        reason="r",
        response={"enabled": False, "channel_id": None},
        returns=guild_satellites.GuildWidget,
    ),
    Case(
        id="fetch_widget_info",
        call=lambda r: r.fetch_widget_info(100),
        method="GET",
        route=G + "/widget.json",
        auth=None,
        response={
            "id": "100",
            "name": "g",
            "instant_invite": None,
            "channels": [],
            "members": [],
            "presence_count": 0,
        },
        returns=guild_satellites.GuildWidgetInfo,
    ),
    Case(
        id="fetch_welcome_screen",
        call=lambda r: r.fetch_welcome_screen(100),
        method="GET",
        route=G + "/welcome-screen",
        response={"description": "hi", "welcome_channels": []},
        returns=guild_satellites.WelcomeScreen,
    ),
    Case(
        id="edit_welcome_screen",
        call=lambda r: r.edit_welcome_screen(
            100,
            description="hi",
            channels=[
                guild_satellites.WelcomeChannel(
                    channel_id=Snowflake(200), description="rules", emoji_name="📜"
                )
            ],
            reason="r",
        ),
        method="PATCH",
        route=G + "/welcome-screen",
        json={
            "description": "hi",
            "welcome_channels": [
                {"channel_id": "200", "description": "rules", "emoji_id": None, "emoji_name": "📜"}
            ],
        },
        reason="r",
        response={"description": "hi", "welcome_channels": []},
        returns=guild_satellites.WelcomeScreen,
    ),
    Case(
        id="fetch_guild_onboarding",
        call=lambda r: r.fetch_guild_onboarding(100),
        method="GET",
        route=G + "/onboarding",
        response=ONBOARDING,
        returns=guild_satellites.GuildOnboarding,
    ),
    Case(
        id="edit_guild_onboarding",
        call=lambda r: r.edit_guild_onboarding(
            100,
            enabled=True,
            default_channels=[200],
            prompts=[
                OnboardingPromptBuilder(
                    title="Games?", options=[OnboardingOptionBuilder(title="Chess", roles=[7])]
                )
            ],
            reason="r",
        ),
        method="PUT",
        route=G + "/onboarding",
        json={
            "default_channel_ids": ["200"],
            "enabled": True,
            "prompts": [
                {
                    "id": "1",
                    "type": 0,
                    "title": "Games?",
                    "single_select": False,
                    "required": False,
                    "in_onboarding": True,
                    "options": [
                        {
                            "title": "Chess",
                            "description": None,
                            "channel_ids": [],
                            "role_ids": ["7"],
                        }
                    ],
                }
            ],
        },
        reason="r",
        response=ONBOARDING,
        returns=guild_satellites.GuildOnboarding,
    ),
    Case(
        id="create_guild_channel",
        call=lambda r: r.create_guild_forum_channel(100, "help", topic="t", category=5, reason="r"),
        method="POST",
        route=G + "/channels",
        json={"name": "help", "type": 15, "topic": "t", "parent_id": "5"},
        reason="r",
        response=p.channel(kind=15),
        returns=PartialChannel,
    ),
    Case(
        id="reposition_channels",
        call=lambda r: r.reposition_channels(100, {0: 200, 1: 201}, reason="r"),
        method="PATCH",
        route=G + "/channels",
        json=[{"id": "200", "position": 0}, {"id": "201", "position": 1}],
        reason="r",
    ),
    Case(
        id="edit_permission_overwrite",
        call=lambda r: r.edit_permission_overwrite(
            200, 7, target_type=0, allow=1024, deny=2048, reason="r"
        ),
        method="PUT",
        route=C + "/permissions/{overwrite_id}",
        json={"type": 0, "allow": "1024", "deny": "2048"},
        reason="r",
    ),
    Case(
        id="delete_permission_overwrite",
        call=lambda r: r.delete_permission_overwrite(200, 7, reason="r"),
        method="DELETE",
        route=C + "/permissions/{overwrite_id}",
        reason="r",
    ),
    Case(
        id="follow_channel",
        call=lambda r: r.follow_channel(200, 201, reason="r"),
        method="POST",
        route=C + "/followers",
        json={"webhook_channel_id": "201"},
        reason="r",
        response={"channel_id": "200", "webhook_id": "1100"},
        returns=ChannelFollow,
    ),
    Case(
        id="add_group_dm_recipient",
        call=lambda r: r.add_group_dm_recipient(200, 300, "tok", nickname="n"),
        method="PUT",
        route=C + "/recipients/{user_id}",
        json={"access_token": "tok", "nick": "n"},
    ),
    Case(
        id="remove_group_dm_recipient",
        call=lambda r: r.remove_group_dm_recipient(200, 300),
        method="DELETE",
        route=C + "/recipients/{user_id}",
    ),
    Case(
        id="fetch_pins_legacy",
        call=lambda r: r.fetch_pins_legacy(200),
        method="GET",
        route=C + "/pins",
        response=[p.message()],
        returns=Message,
        many=True,
    ),
    Case(
        id="pin_message_legacy",
        call=lambda r: r.pin_message_legacy(200, 400, reason="r"),
        method="PUT",
        route=C + "/pins/{message_id}",
        reason="r",
    ),
    Case(
        id="unpin_message_legacy",
        call=lambda r: r.unpin_message_legacy(200, 400),
        method="DELETE",
        route=C + "/pins/{message_id}",
    ),
    Case(
        id="fetch_webhook_with_token",
        call=lambda r: r.fetch_webhook_with_token(1100, "tok"),
        method="GET",
        route="/webhooks/{webhook_id}/{webhook_token}",
        auth=None,
        response=p.webhook(),
        returns=PartialWebhook,
    ),
    Case(
        id="edit_webhook_with_token",
        call=lambda r: r.edit_webhook_with_token(1100, "tok", name="n", avatar=None),
        method="PATCH",
        route="/webhooks/{webhook_id}/{webhook_token}",
        auth=None,
        json={"name": "n", "avatar": None},
        response=p.webhook(),
        returns=PartialWebhook,
    ),
    Case(
        id="delete_webhook_with_token",
        call=lambda r: r.delete_webhook_with_token(1100, "tok"),
        method="DELETE",
        route="/webhooks/{webhook_id}/{webhook_token}",
        auth=None,
    ),
    Case(
        id="execute_slack_webhook",
        call=lambda r: r.execute_slack_webhook(1100, "tok", {"text": "hi"}, wait=True),
        method="POST",
        route="/webhooks/{webhook_id}/{webhook_token}/slack",
        auth=None,
        query={"wait": ["true"]},
        json={"text": "hi"},
        response=p.message(),
        returns=Message,
    ),
    Case(
        id="execute_github_webhook",
        call=lambda r: r.execute_github_webhook(1100, "tok", {"action": "opened"}, thread=9),
        method="POST",
        route="/webhooks/{webhook_id}/{webhook_token}/github",
        auth=None,
        query={"wait": ["false"], "thread_id": ["9"]},
        json={"action": "opened"},
    ),
    Case(
        id="fetch_my_connections",
        call=lambda r: r.fetch_my_connections(),
        method="GET",
        route="/users/@me/connections",
        bearer=True,
        response=[{"id": "x", "name": "n", "type": "github"}],
        returns=dict,
        many=True,
    ),
    Case(
        id="fetch_my_member",
        call=lambda r: r.fetch_my_member(100),
        method="GET",
        route="/users/@me/guilds/{guild_id}/member",
        bearer=True,
        response=p.member(),
        returns=Member,
    ),
    Case(
        id="create_lobby",
        call=lambda r: r.create_lobby(members=[{"id": "300"}], idle_timeout_seconds=60),
        method="POST",
        route="/lobbies",
        json={"members": [{"id": "300"}], "idle_timeout_seconds": 60},
        response=LOBBY,
        returns=dict,
    ),
    Case(
        id="create_or_join_lobby",
        call=lambda r: r.create_or_join_lobby("s3cret"),
        method="PUT",
        route="/lobbies",
        json={"secret": "s3cret"},
        response=LOBBY,
        returns=dict,
    ),
    Case(
        id="fetch_lobby",
        call=lambda r: r.fetch_lobby(77),
        method="GET",
        route=L,
        response=LOBBY,
        returns=dict,
    ),
    Case(
        id="edit_lobby",
        call=lambda r: r.edit_lobby(77, metadata={"k": "v"}),
        method="PATCH",
        route=L,
        json={"metadata": {"k": "v"}},
        response=LOBBY,
        returns=dict,
    ),
    Case(
        id="delete_lobby",
        call=lambda r: r.delete_lobby(77),
        method="DELETE",
        route=L,
    ),
    Case(
        id="link_lobby_channel",
        call=lambda r: r.link_lobby_channel(77, 200),
        method="PATCH",
        route=L + "/channel-linking",
        json={"channel_id": "200"},
        response=LOBBY,
        returns=dict,
    ),
    Case(
        id="leave_lobby",
        call=lambda r: r.leave_lobby(77),
        method="DELETE",
        route=L + "/members/@me",
    ),
    Case(
        id="add_lobby_member",
        call=lambda r: r.add_lobby_member(77, 300, flags=1),
        method="PUT",
        route=L + "/members/{user_id}",
        json={"flags": 1},
        response={"id": "300"},
        returns=dict,
    ),
    Case(
        id="remove_lobby_member",
        call=lambda r: r.remove_lobby_member(77, 300),
        method="DELETE",
        route=L + "/members/{user_id}",
    ),
    Case(
        id="bulk_update_lobby_members",
        call=lambda r: r.bulk_update_lobby_members(77, [{"id": "300", "remove_member": True}]),
        method="POST",
        route=L + "/members/bulk",
        json=[{"id": "300", "remove_member": True}],
        response=[{"id": "300"}],
        returns=dict,
        many=True,
    ),
    Case(
        id="create_lobby_guild_invite_self",
        call=lambda r: r.create_lobby_guild_invite(77),
        method="POST",
        route=L + "/members/@me/invites",
        response={"code": "abc"},
        returns=dict,
    ),
    Case(
        id="create_lobby_guild_invite_user",
        call=lambda r: r.create_lobby_guild_invite(77, 300),
        method="POST",
        route=L + "/members/{user_id}/invites",
        response={"code": "abc"},
        returns=dict,
    ),
    Case(
        id="fetch_lobby_messages",
        call=lambda r: r.fetch_lobby_messages(77, limit=10),
        method="GET",
        route=L + "/messages",
        query={"limit": ["10"]},
        response=[{"id": "1", "content": "hi"}],
        returns=dict,
        many=True,
    ),
    Case(
        id="create_lobby_message",
        call=lambda r: r.create_lobby_message(77, "hi", metadata={"k": "v"}),
        method="POST",
        route=L + "/messages",
        json={"content": "hi", "metadata": {"k": "v"}},
        response={"id": "1", "content": "hi"},
        returns=dict,
    ),
    Case(
        id="set_lobby_message_moderation_metadata",
        call=lambda r: r.set_lobby_message_moderation_metadata(77, 1, {"verdict": "ok"}),
        method="PUT",
        route=L + "/messages/{message_id}/moderation-metadata",
        path="/lobbies/77/messages/1/moderation-metadata",
        json={"verdict": "ok"},
    ),
    Case(
        id="create_provisional_token",
        call=lambda r: r.create_provisional_token(500, "OIDC", "jwt"),
        method="POST",
        route="/partner-sdk/token",
        auth=None,
        json={"client_id": "500", "external_auth_type": "OIDC", "external_auth_token": "jwt"},
        response={"access_token": "a"},
        returns=dict,
    ),
    Case(
        id="unmerge_provisional_account",
        call=lambda r: r.unmerge_provisional_account(500, "OIDC", "jwt"),
        method="POST",
        route="/partner-sdk/provisional-accounts/unmerge",
        auth=None,
        json={"client_id": "500", "external_auth_type": "OIDC", "external_auth_token": "jwt"},
    ),
    Case(
        id="create_bot_provisional_token",
        call=lambda r: r.create_bot_provisional_token("player-1"),
        method="POST",
        route="/partner-sdk/token/bot",
        json={"external_user_id": "player-1"},
        response={"access_token": "a"},
        returns=dict,
    ),
    Case(
        id="unmerge_bot_provisional_account",
        call=lambda r: r.unmerge_bot_provisional_account("player-1"),
        method="POST",
        route="/partner-sdk/provisional-accounts/unmerge/bot",
        json={"external_user_id": "player-1"},
    ),
    Case(
        id="set_dm_message_moderation_metadata",
        call=lambda r: r.set_dm_message_moderation_metadata(1, 2, 3, {"verdict": "ok"}),
        method="PUT",
        route="/partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata",
        path="/partner-sdk/dms/1/2/messages/3/moderation-metadata",
        json={"verdict": "ok"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
async def test_endpoint(fake: Fake, case: Case) -> None:
    await run_case(fake, case)


def test_widget_image_url() -> None:
    from anycord.rest.client import RESTClient

    rest = RESTClient("t", rest_url="http://fake.test/api/v10")
    url = rest.guild_widget_image_url(100, style="banner2")
    assert url == "http://fake.test/api/v10/guilds/100/widget.png?style=banner2"
    with pytest.raises(ValueError, match="style"):
        rest.guild_widget_image_url(100, style="huge")
