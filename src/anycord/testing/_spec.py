# ruff: noqa: E501
"""Every operation of Discord's OpenAPI spec (v10): method, path template, operationId, auth.

Data from `discord/discord-api-spec` (MIT). `auth` is `bot` (a bot or Bearer token is
required), `optional` (no token needed, e.g. webhook-with-token routes) or `oauth2` (Bearer).
"""

from __future__ import annotations

import typing

__all__ = ["SPEC_OPERATIONS", "SpecOperation"]


class SpecOperation(typing.NamedTuple):
    """One operation of the spec."""

    method: str
    path: str
    operation_id: str
    auth: str


_TABLE = """
GET /applications/@me get_my_application bot
PATCH /applications/@me update_my_application bot
GET /applications/{application_id} get_application bot
PATCH /applications/{application_id} update_application bot
GET /applications/{application_id}/activity-instances/{instance_id} applications_get_activity_instance bot
POST /applications/{application_id}/attachment upload_application_attachment bot
GET /applications/{application_id}/commands list_application_commands bot
PUT /applications/{application_id}/commands bulk_set_application_commands bot
POST /applications/{application_id}/commands create_application_command bot
GET /applications/{application_id}/commands/{command_id} get_application_command bot
PATCH /applications/{application_id}/commands/{command_id} update_application_command bot
DELETE /applications/{application_id}/commands/{command_id} delete_application_command bot
GET /applications/{application_id}/emojis list_application_emojis bot
POST /applications/{application_id}/emojis create_application_emoji bot
GET /applications/{application_id}/emojis/{emoji_id} get_application_emoji bot
PATCH /applications/{application_id}/emojis/{emoji_id} update_application_emoji bot
DELETE /applications/{application_id}/emojis/{emoji_id} delete_application_emoji bot
GET /applications/{application_id}/entitlements get_entitlements bot
POST /applications/{application_id}/entitlements create_entitlement bot
GET /applications/{application_id}/entitlements/{entitlement_id} get_entitlement bot
DELETE /applications/{application_id}/entitlements/{entitlement_id} delete_entitlement bot
POST /applications/{application_id}/entitlements/{entitlement_id}/consume consume_entitlement bot
GET /applications/{application_id}/guilds/{guild_id}/commands list_guild_application_commands bot
PUT /applications/{application_id}/guilds/{guild_id}/commands bulk_set_guild_application_commands bot
POST /applications/{application_id}/guilds/{guild_id}/commands create_guild_application_command bot
GET /applications/{application_id}/guilds/{guild_id}/commands/permissions list_guild_application_command_permissions bot
GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id} get_guild_application_command bot
PATCH /applications/{application_id}/guilds/{guild_id}/commands/{command_id} update_guild_application_command bot
DELETE /applications/{application_id}/guilds/{guild_id}/commands/{command_id} delete_guild_application_command bot
GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions get_guild_application_command_permissions bot
PUT /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions set_guild_application_command_permissions bot
GET /applications/{application_id}/role-connections/metadata get_application_role_connections_metadata bot
PUT /applications/{application_id}/role-connections/metadata update_application_role_connections_metadata bot
GET /channels/{channel_id} get_channel bot
PATCH /channels/{channel_id} update_channel bot
DELETE /channels/{channel_id} delete_channel bot
POST /channels/{channel_id}/followers follow_channel bot
GET /channels/{channel_id}/invites list_channel_invites bot
POST /channels/{channel_id}/invites create_channel_invite bot
GET /channels/{channel_id}/messages list_messages bot
POST /channels/{channel_id}/messages create_message bot
POST /channels/{channel_id}/messages/bulk-delete bulk_delete_messages bot
GET /channels/{channel_id}/messages/pins list_pins bot
PUT /channels/{channel_id}/messages/pins/{message_id} create_pin bot
DELETE /channels/{channel_id}/messages/pins/{message_id} delete_pin bot
GET /channels/{channel_id}/messages/{message_id} get_message bot
PATCH /channels/{channel_id}/messages/{message_id} update_message bot
DELETE /channels/{channel_id}/messages/{message_id} delete_message bot
POST /channels/{channel_id}/messages/{message_id}/crosspost crosspost_message bot
DELETE /channels/{channel_id}/messages/{message_id}/reactions delete_all_message_reactions bot
GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name} list_message_reactions_by_emoji bot
DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name} delete_all_message_reactions_by_emoji bot
PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me add_my_message_reaction bot
DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me delete_my_message_reaction bot
DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id} delete_user_message_reaction bot
POST /channels/{channel_id}/messages/{message_id}/threads create_thread_from_message bot
PUT /channels/{channel_id}/permissions/{overwrite_id} set_channel_permission_overwrite bot
DELETE /channels/{channel_id}/permissions/{overwrite_id} delete_channel_permission_overwrite bot
GET /channels/{channel_id}/pins deprecated_list_pins bot
PUT /channels/{channel_id}/pins/{message_id} deprecated_create_pin bot
DELETE /channels/{channel_id}/pins/{message_id} deprecated_delete_pin bot
GET /channels/{channel_id}/polls/{message_id}/answers/{answer_id} get_answer_voters bot
POST /channels/{channel_id}/polls/{message_id}/expire poll_expire bot
PUT /channels/{channel_id}/recipients/{user_id} add_group_dm_user bot
DELETE /channels/{channel_id}/recipients/{user_id} delete_group_dm_user bot
POST /channels/{channel_id}/send-soundboard-sound send_soundboard_sound bot
GET /channels/{channel_id}/thread-members list_thread_members bot
PUT /channels/{channel_id}/thread-members/@me join_thread bot
DELETE /channels/{channel_id}/thread-members/@me leave_thread bot
GET /channels/{channel_id}/thread-members/{user_id} get_thread_member bot
PUT /channels/{channel_id}/thread-members/{user_id} add_thread_member bot
DELETE /channels/{channel_id}/thread-members/{user_id} delete_thread_member bot
POST /channels/{channel_id}/threads create_thread bot
GET /channels/{channel_id}/threads/archived/private list_private_archived_threads bot
GET /channels/{channel_id}/threads/archived/public list_public_archived_threads bot
GET /channels/{channel_id}/threads/search thread_search bot
POST /channels/{channel_id}/typing trigger_typing_indicator bot
GET /channels/{channel_id}/users/@me/threads/archived/private list_my_private_archived_threads bot
PUT /channels/{channel_id}/voice-status update_voice_channel_status bot
GET /channels/{channel_id}/webhooks list_channel_webhooks bot
POST /channels/{channel_id}/webhooks create_webhook bot
GET /gateway get_gateway optional
GET /gateway/bot get_bot_gateway bot
GET /guilds/templates/{code} get_guild_template optional
GET /guilds/{guild_id} get_guild bot
PATCH /guilds/{guild_id} update_guild bot
GET /guilds/{guild_id}/audit-logs list_guild_audit_log_entries bot
GET /guilds/{guild_id}/auto-moderation/rules list_auto_moderation_rules bot
POST /guilds/{guild_id}/auto-moderation/rules create_auto_moderation_rule bot
GET /guilds/{guild_id}/auto-moderation/rules/{rule_id} get_auto_moderation_rule bot
PATCH /guilds/{guild_id}/auto-moderation/rules/{rule_id} update_auto_moderation_rule bot
DELETE /guilds/{guild_id}/auto-moderation/rules/{rule_id} delete_auto_moderation_rule bot
GET /guilds/{guild_id}/bans list_guild_bans bot
GET /guilds/{guild_id}/bans/{user_id} get_guild_ban bot
PUT /guilds/{guild_id}/bans/{user_id} ban_user_from_guild bot
DELETE /guilds/{guild_id}/bans/{user_id} unban_user_from_guild bot
POST /guilds/{guild_id}/bulk-ban bulk_ban_users_from_guild bot
GET /guilds/{guild_id}/channels list_guild_channels bot
POST /guilds/{guild_id}/channels create_guild_channel bot
PATCH /guilds/{guild_id}/channels bulk_update_guild_channels bot
GET /guilds/{guild_id}/emojis list_guild_emojis bot
POST /guilds/{guild_id}/emojis create_guild_emoji bot
GET /guilds/{guild_id}/emojis/{emoji_id} get_guild_emoji bot
PATCH /guilds/{guild_id}/emojis/{emoji_id} update_guild_emoji bot
DELETE /guilds/{guild_id}/emojis/{emoji_id} delete_guild_emoji bot
PUT /guilds/{guild_id}/incident-actions update_guild_incident_actions bot
GET /guilds/{guild_id}/integrations list_guild_integrations bot
DELETE /guilds/{guild_id}/integrations/{integration_id} delete_guild_integration bot
GET /guilds/{guild_id}/invites list_guild_invites bot
GET /guilds/{guild_id}/members list_guild_members bot
PATCH /guilds/{guild_id}/members/@me update_my_guild_member bot
GET /guilds/{guild_id}/members/search search_guild_members bot
GET /guilds/{guild_id}/members/{user_id} get_guild_member bot
PUT /guilds/{guild_id}/members/{user_id} add_guild_member bot
PATCH /guilds/{guild_id}/members/{user_id} update_guild_member bot
DELETE /guilds/{guild_id}/members/{user_id} delete_guild_member bot
PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id} add_guild_member_role bot
DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id} delete_guild_member_role bot
GET /guilds/{guild_id}/messages/search guild_search bot
GET /guilds/{guild_id}/new-member-welcome get_guild_new_member_welcome bot
GET /guilds/{guild_id}/onboarding get_guilds_onboarding bot
PUT /guilds/{guild_id}/onboarding put_guilds_onboarding bot
GET /guilds/{guild_id}/preview get_guild_preview bot
GET /guilds/{guild_id}/prune preview_prune_guild bot
POST /guilds/{guild_id}/prune prune_guild bot
GET /guilds/{guild_id}/regions list_guild_voice_regions bot
GET /guilds/{guild_id}/requests get_guild_join_requests bot
PATCH /guilds/{guild_id}/requests/{request_id} action_guild_join_request bot
GET /guilds/{guild_id}/roles list_guild_roles bot
POST /guilds/{guild_id}/roles create_guild_role bot
PATCH /guilds/{guild_id}/roles bulk_update_guild_roles bot
GET /guilds/{guild_id}/roles/member-counts guild_role_member_counts bot
GET /guilds/{guild_id}/roles/{role_id} get_guild_role bot
PATCH /guilds/{guild_id}/roles/{role_id} update_guild_role bot
DELETE /guilds/{guild_id}/roles/{role_id} delete_guild_role bot
GET /guilds/{guild_id}/scheduled-events list_guild_scheduled_events bot
POST /guilds/{guild_id}/scheduled-events create_guild_scheduled_event bot
GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id} get_guild_scheduled_event bot
PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id} update_guild_scheduled_event bot
DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id} delete_guild_scheduled_event bot
POST /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions create_guild_scheduled_event_exception bot
PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id} update_guild_scheduled_event_exception bot
DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id} delete_guild_scheduled_event_exception bot
GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users list_guild_scheduled_event_users bot
GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts count_guild_scheduled_event_users bot
GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/{guild_scheduled_event_exception_id}/users list_guild_scheduled_event_exception_users bot
GET /guilds/{guild_id}/soundboard-sounds list_guild_soundboard_sounds bot
POST /guilds/{guild_id}/soundboard-sounds create_guild_soundboard_sound bot
GET /guilds/{guild_id}/soundboard-sounds/{sound_id} get_guild_soundboard_sound bot
PATCH /guilds/{guild_id}/soundboard-sounds/{sound_id} update_guild_soundboard_sound bot
DELETE /guilds/{guild_id}/soundboard-sounds/{sound_id} delete_guild_soundboard_sound bot
GET /guilds/{guild_id}/stickers list_guild_stickers bot
POST /guilds/{guild_id}/stickers create_guild_sticker bot
GET /guilds/{guild_id}/stickers/{sticker_id} get_guild_sticker bot
PATCH /guilds/{guild_id}/stickers/{sticker_id} update_guild_sticker bot
DELETE /guilds/{guild_id}/stickers/{sticker_id} delete_guild_sticker bot
GET /guilds/{guild_id}/templates list_guild_templates bot
POST /guilds/{guild_id}/templates create_guild_template bot
PUT /guilds/{guild_id}/templates/{code} sync_guild_template bot
PATCH /guilds/{guild_id}/templates/{code} update_guild_template bot
DELETE /guilds/{guild_id}/templates/{code} delete_guild_template bot
GET /guilds/{guild_id}/threads/active get_active_guild_threads bot
GET /guilds/{guild_id}/vanity-url get_guild_vanity_url bot
GET /guilds/{guild_id}/voice-states/@me get_self_voice_state bot
PATCH /guilds/{guild_id}/voice-states/@me update_self_voice_state bot
GET /guilds/{guild_id}/voice-states/{user_id} get_voice_state bot
PATCH /guilds/{guild_id}/voice-states/{user_id} update_voice_state bot
GET /guilds/{guild_id}/webhooks get_guild_webhooks bot
GET /guilds/{guild_id}/welcome-screen get_guild_welcome_screen bot
PATCH /guilds/{guild_id}/welcome-screen update_guild_welcome_screen bot
GET /guilds/{guild_id}/widget get_guild_widget_settings bot
PATCH /guilds/{guild_id}/widget update_guild_widget_settings bot
GET /guilds/{guild_id}/widget.json get_guild_widget optional
GET /guilds/{guild_id}/widget.png get_guild_widget_png optional
POST /interactions/{interaction_id}/{interaction_token}/callback create_interaction_response optional
GET /invites/{code} invite_resolve optional
DELETE /invites/{code} invite_revoke bot
GET /invites/{code}/target-users get_invite_target_users bot
PUT /invites/{code}/target-users update_invite_target_users bot
GET /invites/{code}/target-users/job-status get_invite_target_users_job_status bot
PUT /lobbies create_or_join_lobby bot
POST /lobbies create_lobby bot
GET /lobbies/{lobby_id} get_lobby bot
PATCH /lobbies/{lobby_id} edit_lobby bot
DELETE /lobbies/{lobby_id} delete_lobby bot
PATCH /lobbies/{lobby_id}/channel-linking edit_lobby_channel_link bot
DELETE /lobbies/{lobby_id}/members/@me leave_lobby bot
POST /lobbies/{lobby_id}/members/@me/invites create_linked_lobby_guild_invite_for_self bot
POST /lobbies/{lobby_id}/members/bulk bulk_update_lobby_members bot
PUT /lobbies/{lobby_id}/members/{user_id} add_lobby_member bot
DELETE /lobbies/{lobby_id}/members/{user_id} delete_lobby_member bot
POST /lobbies/{lobby_id}/members/{user_id}/invites create_linked_lobby_guild_invite_for_user bot
GET /lobbies/{lobby_id}/messages get_lobby_messages bot
POST /lobbies/{lobby_id}/messages create_lobby_message bot
PUT /lobbies/{lobby_id}/messages/{message_id}/moderation-metadata update_lobby_message_external_moderation_metadata bot
GET /oauth2/@me get_my_oauth2_authorization bot
GET /oauth2/applications/@me get_my_oauth2_application bot
GET /oauth2/keys get_public_keys optional
GET /oauth2/userinfo get_openid_connect_userinfo bot
PUT /partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata update_user_message_external_moderation_metadata bot
POST /partner-sdk/provisional-accounts/unmerge partner_sdk_unmerge_provisional_account optional
POST /partner-sdk/provisional-accounts/unmerge/bot bot_partner_sdk_unmerge_provisional_account bot
POST /partner-sdk/token partner_sdk_token optional
POST /partner-sdk/token/bot bot_partner_sdk_token bot
GET /skus/{sku_id}/subscriptions get_sku_subscriptions bot
GET /skus/{sku_id}/subscriptions/{subscription_id} get_sku_subscription bot
GET /soundboard-default-sounds get_soundboard_default_sounds bot
POST /stage-instances create_stage_instance bot
GET /stage-instances/{channel_id} get_stage_instance bot
PATCH /stage-instances/{channel_id} update_stage_instance bot
DELETE /stage-instances/{channel_id} delete_stage_instance bot
GET /sticker-packs list_sticker_packs optional
GET /sticker-packs/{pack_id} get_sticker_pack bot
GET /stickers/{sticker_id} get_sticker bot
GET /users/@me get_my_user bot
PATCH /users/@me update_my_user bot
GET /users/@me/applications/{application_id}/entitlements get_current_user_application_entitlements oauth2
GET /users/@me/applications/{application_id}/role-connection get_application_user_role_connection oauth2
PUT /users/@me/applications/{application_id}/role-connection update_application_user_role_connection oauth2
DELETE /users/@me/applications/{application_id}/role-connection delete_application_user_role_connection oauth2
POST /users/@me/channels create_dm bot
GET /users/@me/connections list_my_connections bot
GET /users/@me/guilds list_my_guilds bot
DELETE /users/@me/guilds/{guild_id} leave_guild bot
GET /users/@me/guilds/{guild_id}/member get_my_guild_member oauth2
GET /users/{user_id} get_user bot
GET /voice/regions list_voice_regions bot
GET /webhooks/{webhook_id} get_webhook bot
PATCH /webhooks/{webhook_id} update_webhook bot
DELETE /webhooks/{webhook_id} delete_webhook bot
GET /webhooks/{webhook_id}/{webhook_token} get_webhook_by_token optional
POST /webhooks/{webhook_id}/{webhook_token} execute_webhook optional
PATCH /webhooks/{webhook_id}/{webhook_token} update_webhook_by_token optional
DELETE /webhooks/{webhook_id}/{webhook_token} delete_webhook_by_token optional
POST /webhooks/{webhook_id}/{webhook_token}/github execute_github_compatible_webhook optional
GET /webhooks/{webhook_id}/{webhook_token}/messages/@original get_original_webhook_message optional
PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original update_original_webhook_message optional
DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original delete_original_webhook_message optional
GET /webhooks/{webhook_id}/{webhook_token}/messages/{message_id} get_webhook_message optional
PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id} update_webhook_message optional
DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id} delete_webhook_message optional
POST /webhooks/{webhook_id}/{webhook_token}/slack execute_slack_compatible_webhook optional
"""

SPEC_OPERATIONS: typing.Final[tuple[SpecOperation, ...]] = tuple(
    SpecOperation(*line.split()) for line in _TABLE.strip().splitlines()
)
"""The 242 operations, in the spec's order."""
