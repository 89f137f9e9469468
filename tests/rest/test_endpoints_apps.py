"""Polls, soundboard, voice, applications, command permissions, monetization and OAuth2
against FakeDiscord: wire format and decoded models (guild administration is in
test_endpoints_admin.py)."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import pytest

from anycord.files import Bytes
from anycord.models import applications as apps
from anycord.models import monetization, voices
from anycord.models.commands import (
    CommandPermission,
    CommandPermissionType,
    GuildCommandPermissions,
)
from anycord.models.messages import Message
from anycord.models.soundboard import SoundboardSound
from anycord.models.users import User
from anycord.snowflakes import Snowflake
from tests.rest import payloads as p
from tests.rest.endpoint_cases import Case, case_id, run_case

# A PKCE verifier is 43-128 characters (RFC 7636). It is registered for redaction like every
# OAuth secret, so a short ordinary word here ("verifier") would be masked in every later
# test's log records too.
_VERIFIER = "pkce-verifier-" + "x" * 40
_BASIC = "Basic " + base64.b64encode(b"1:app-secret-value").decode()
_TOKEN_REPLY = {
    "access_token": "access-token-value",
    "token_type": "Bearer",
    "expires_in": 604800,
    "refresh_token": "refresh-token-value",
    "scope": "identify guilds",
}

if TYPE_CHECKING:
    from tests.rest.conftest import Fake

G = "/guilds/{guild_id}"
C = "/channels/{channel_id}"
OGG = b"OggS"
PERM = CommandPermission(id=Snowflake(1000), type=CommandPermissionType.ROLE, has_access=True)

CASES = [
    Case(
        id="fetch_poll_voters",
        call=lambda r: r.fetch_poll_voters(200, 400, 1).collect(),
        method="GET",
        route=C + "/polls/{message_id}/answers/{answer_id}",
        query={"limit": ["100"]},
        response={"users": [p.user()]},
        returns=User,
        many=True,
    ),
    Case(
        id="end_poll",
        call=lambda r: r.end_poll(200, 400),
        method="POST",
        route=C + "/polls/{message_id}/expire",
        response=p.message(),
        returns=Message,
    ),
    Case(
        id="send_soundboard_sound",
        call=lambda r: r.send_soundboard_sound(200, 980, source_guild=100),
        method="POST",
        route=C + "/send-soundboard-sound",
        json={"sound_id": "980", "source_guild_id": "100"},
    ),
    Case(
        id="fetch_default_soundboard_sounds",
        call=lambda r: r.fetch_default_soundboard_sounds(),
        method="GET",
        route="/soundboard-default-sounds",
        response=[p.sound()],
        returns=SoundboardSound,
        many=True,
    ),
    Case(
        id="fetch_guild_soundboard_sounds",
        call=lambda r: r.fetch_guild_soundboard_sounds(100),
        method="GET",
        route=G + "/soundboard-sounds",
        response={"items": [p.sound()]},
        returns=SoundboardSound,
        many=True,
    ),
    Case(
        id="fetch_guild_soundboard_sound",
        call=lambda r: r.fetch_guild_soundboard_sound(100, 980),
        method="GET",
        route=G + "/soundboard-sounds/{sound_id}",
        response=p.sound(),
        returns=SoundboardSound,
    ),
    Case(
        id="create_guild_soundboard_sound",
        call=lambda r: r.create_guild_soundboard_sound(
            100, "boom", Bytes(OGG, "b.ogg"), volume=0.5, reason="r"
        ),
        method="POST",
        route=G + "/soundboard-sounds",
        json={"name": "boom", "sound": "data:audio/ogg;base64,T2dnUw==", "volume": 0.5},
        reason="r",
        response=p.sound(),
        returns=SoundboardSound,
    ),
    Case(
        id="edit_guild_soundboard_sound",
        call=lambda r: r.edit_guild_soundboard_sound(
            100, 980, name="bam", emoji_name="x", reason="r"
        ),
        method="PATCH",
        route=G + "/soundboard-sounds/{sound_id}",
        json={"name": "bam", "emoji_name": "x"},
        reason="r",
        response=p.sound(),
        returns=SoundboardSound,
    ),
    Case(
        id="delete_guild_soundboard_sound",
        call=lambda r: r.delete_guild_soundboard_sound(100, 980, reason="r"),
        method="DELETE",
        route=G + "/soundboard-sounds/{sound_id}",
        reason="r",
    ),
    Case(
        id="fetch_voice_regions",
        call=lambda r: r.fetch_voice_regions(),
        method="GET",
        route="/voice/regions",
        response=[p.voice_region()],
        returns=voices.VoiceRegion,
        many=True,
    ),
    Case(
        id="fetch_guild_voice_regions",
        call=lambda r: r.fetch_guild_voice_regions(100),
        method="GET",
        route=G + "/regions",
        response=[p.voice_region()],
        returns=voices.VoiceRegion,
        many=True,
    ),
    Case(
        id="fetch_my_voice_state",
        call=lambda r: r.fetch_my_voice_state(100),
        method="GET",
        route=G + "/voice-states/@me",
        response=p.voice_state(),
        returns=voices.VoiceState,
    ),
    Case(
        id="fetch_voice_state",
        call=lambda r: r.fetch_voice_state(100, 300),
        method="GET",
        route=G + "/voice-states/{user_id}",
        response=p.voice_state(),
        returns=voices.VoiceState,
    ),
    Case(
        id="edit_my_voice_state",
        call=lambda r: r.edit_my_voice_state(100, 200, suppress=True, request_to_speak=False),
        method="PATCH",
        route=G + "/voice-states/@me",
        json={"channel_id": "200", "suppress": True, "request_to_speak_timestamp": None},
    ),
    Case(
        id="edit_voice_state",
        call=lambda r: r.edit_voice_state(100, 200, 300, suppress=False),
        method="PATCH",
        route=G + "/voice-states/{user_id}",
        json={"channel_id": "200", "suppress": False},
    ),
    Case(
        id="set_voice_channel_status",
        call=lambda r: r.set_voice_channel_status(200, "jamming", reason="r"),
        method="PUT",
        route=C + "/voice-status",
        json={"status": "jamming"},
        reason="r",
    ),
    Case(
        id="fetch_application",
        call=lambda r: r.fetch_application(),
        method="GET",
        route="/applications/@me",
        response=p.application(),
        returns=apps.Application,
    ),
    Case(
        id="fetch_application_by_id",
        call=lambda r: r.fetch_application(500),
        method="GET",
        route="/applications/{application_id}",
        response=p.application(),
        returns=apps.Application,
    ),
    Case(
        id="edit_application",
        call=lambda r: r.edit_application(description="d", tags=["a"]),
        method="PATCH",
        route="/applications/@me",
        json={"description": "d", "tags": ["a"]},
        response=p.application(),
        returns=apps.Application,
    ),
    Case(
        id="edit_application_by_id",
        call=lambda r: r.edit_application(500, flags=0),
        method="PATCH",
        route="/applications/{application_id}",
        json={"flags": 0},
        response=p.application(),
        returns=apps.Application,
    ),
    Case(
        id="fetch_activity_instance",
        call=lambda r: r.fetch_activity_instance(500, "i-1"),
        method="GET",
        route="/applications/{application_id}/activity-instances/{instance_id}",
        response=p.activity_instance(),
        returns=apps.ActivityInstance,
    ),
    Case(
        id="upload_application_attachment",
        call=lambda r: r.upload_application_attachment(500, Bytes(b"x", "a.png")),
        method="POST",
        route="/applications/{application_id}/attachment",
        files=[("files[0]", "a.png", b"x")],
        response={"attachment": {"id": "1"}},
        returns=dict,
    ),
    Case(
        id="fetch_role_connection_metadata",
        call=lambda r: r.fetch_application_role_connection_metadata_records(500),
        method="GET",
        route="/applications/{application_id}/role-connections/metadata",
        response=[p.role_connection_metadata()],
        returns=apps.ApplicationRoleConnectionMetadata,
        many=True,
    ),
    Case(
        id="set_role_connection_metadata",
        call=lambda r: r.set_application_role_connection_metadata_records(
            500,
            [
                apps.ApplicationRoleConnectionMetadata(
                    type=apps.ApplicationRoleConnectionMetadataType.INTEGER_GREATER_THAN_OR_EQUAL,
                    key="level",
                    name="Level",
                    description="Player level",
                )
            ],
        ),
        method="PUT",
        route="/applications/{application_id}/role-connections/metadata",
        json=[{"type": 2, "key": "level", "name": "Level", "description": "Player level"}],
        response=[p.role_connection_metadata()],
        returns=apps.ApplicationRoleConnectionMetadata,
        many=True,
    ),
    Case(
        id="fetch_my_role_connection",
        call=lambda r: r.fetch_my_user_application_role_connection(500),
        method="GET",
        route="/users/@me/applications/{application_id}/role-connection",
        bearer=True,
        response={"platform_name": "game", "metadata": {}},
        returns=dict,
    ),
    Case(
        id="set_my_role_connection",
        call=lambda r: r.set_my_user_application_role_connection(
            500, platform_name="game", metadata={"level": 3}
        ),
        method="PUT",
        route="/users/@me/applications/{application_id}/role-connection",
        bearer=True,
        json={"platform_name": "game", "metadata": {"level": "3"}},
        response={"platform_name": "game", "metadata": {"level": "3"}},
        returns=dict,
    ),
    Case(
        id="delete_my_role_connection",
        call=lambda r: r.delete_my_user_application_role_connection(500),
        method="DELETE",
        route="/users/@me/applications/{application_id}/role-connection",
        bearer=True,
    ),
    Case(
        id="fetch_guild_command_permissions",
        call=lambda r: r.fetch_application_guild_commands_permissions(500, 100),
        method="GET",
        route="/applications/{application_id}/guilds/{guild_id}/commands/permissions",
        response=[p.command_permissions()],
        returns=GuildCommandPermissions,
        many=True,
    ),
    Case(
        id="fetch_command_permissions",
        call=lambda r: r.fetch_application_command_permissions(500, 100, 1200),
        method="GET",
        route="/applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions",
        response=p.command_permissions(),
        returns=GuildCommandPermissions,
    ),
    Case(
        id="set_command_permissions",
        call=lambda r: r.set_application_command_permissions(500, 100, 1200, [PERM]),
        method="PUT",
        route="/applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions",
        bearer=True,
        json={"permissions": [{"id": "1000", "type": 1, "permission": True}]},
        response=p.command_permissions(),
        returns=GuildCommandPermissions,
    ),
    Case(
        id="fetch_entitlements",
        call=lambda r: r.fetch_entitlements(500, user=300, skus=[1, 2]).collect(),
        method="GET",
        route="/applications/{application_id}/entitlements",
        query={"user_id": ["300"], "sku_ids": ["1,2"], "limit": ["100"]},
        response=[p.entitlement()],
        returns=monetization.Entitlement,
        many=True,
    ),
    Case(
        id="fetch_entitlement",
        call=lambda r: r.fetch_entitlement(500, 990),
        method="GET",
        route="/applications/{application_id}/entitlements/{entitlement_id}",
        response=p.entitlement(),
        returns=monetization.Entitlement,
    ),
    Case(
        id="create_test_entitlement",
        call=lambda r: r.create_test_entitlement(500, sku=991, owner=300, owner_type=2),
        method="POST",
        route="/applications/{application_id}/entitlements",
        json={"sku_id": "991", "owner_id": "300", "owner_type": 2},
        response=p.entitlement(),
        returns=monetization.Entitlement,
    ),
    Case(
        id="delete_test_entitlement",
        call=lambda r: r.delete_test_entitlement(500, 990),
        method="DELETE",
        route="/applications/{application_id}/entitlements/{entitlement_id}",
    ),
    Case(
        id="consume_entitlement",
        call=lambda r: r.consume_entitlement(500, 990),
        method="POST",
        route="/applications/{application_id}/entitlements/{entitlement_id}/consume",
    ),
    Case(
        id="fetch_my_entitlements",
        call=lambda r: r.fetch_my_entitlements(500, exclude_consumed=True),
        method="GET",
        route="/users/@me/applications/{application_id}/entitlements",
        bearer=True,
        query={"exclude_consumed": ["true"]},
        response=[p.entitlement()],
        returns=monetization.Entitlement,
        many=True,
    ),
    Case(
        id="fetch_sku_subscriptions",
        call=lambda r: r.fetch_sku_subscriptions(991, user=300).collect(),
        method="GET",
        route="/skus/{sku_id}/subscriptions",
        query={"user_id": ["300"], "limit": ["100"]},
        response=[p.subscription()],
        returns=monetization.Subscription,
        many=True,
    ),
    Case(
        id="fetch_sku_subscription",
        call=lambda r: r.fetch_sku_subscription(991, 995),
        method="GET",
        route="/skus/{sku_id}/subscriptions/{subscription_id}",
        response=p.subscription(),
        returns=monetization.Subscription,
    ),
    Case(
        id="fetch_authorization",
        call=lambda r: r.fetch_authorization(),
        method="GET",
        route="/oauth2/@me",
        bearer=True,
        response={
            "application": p.application(),
            "scopes": ["identify"],
            "expires": "2030-01-01T00:00:00+00:00",
            "user": p.user(),
        },
        returns=apps.AuthorizationInformation,
    ),
    Case(
        id="fetch_oauth2_application",
        call=lambda r: r.fetch_oauth2_application(),
        method="GET",
        route="/oauth2/applications/@me",
        response=p.application(),
        returns=apps.Application,
    ),
    Case(
        id="fetch_oauth2_public_keys",
        call=lambda r: r.fetch_oauth2_public_keys(),
        method="GET",
        route="/oauth2/keys",
        auth=None,
        response={"keys": [{"kty": "OKP", "kid": "k"}]},
        returns=dict,
        many=True,
    ),
    Case(
        id="authorize_access_token",
        call=lambda r: r.authorize_access_token(
            1, "app-secret-value", "the-code", "http://localhost", code_verifier=_VERIFIER
        ),
        method="POST",
        route="/oauth2/token",
        form={
            "grant_type": "authorization_code",
            "code": "the-code",
            "redirect_uri": "http://localhost",
            "code_verifier": _VERIFIER,
        },
        auth=_BASIC,
        response=_TOKEN_REPLY,
        returns=apps.OAuth2AuthorizationToken,
    ),
    Case(
        id="refresh_access_token",
        call=lambda r: r.refresh_access_token(
            1, "app-secret-value", "refresh-token-value", scopes=["identify"]
        ),
        method="POST",
        route="/oauth2/token",
        form={
            "grant_type": "refresh_token",
            "refresh_token": "refresh-token-value",
            "scope": "identify",
        },
        auth=_BASIC,
        response=_TOKEN_REPLY,
        returns=apps.OAuth2AuthorizationToken,
    ),
    Case(
        id="revoke_access_token",
        call=lambda r: r.revoke_access_token(1, "app-secret-value", "access-token-value"),
        method="POST",
        route="/oauth2/token/revoke",
        form={"token": "access-token-value"},
        auth=_BASIC,
        response={},
    ),
    Case(
        id="fetch_openid_userinfo",
        call=lambda r: r.fetch_openid_userinfo(),
        method="GET",
        route="/oauth2/userinfo",
        bearer=True,
        response={"sub": "300"},
        returns=dict,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
async def test_endpoint(fake: Fake, case: Case) -> None:
    await run_case(fake, case)
