"""The typed keyword dictionaries of model shortcuts (and of the REST client's own forwarding
shortcuts) match the REST methods they forward to.

Introspection only (no backend involved), so each runs once.
"""

from __future__ import annotations

import inspect

import pytest

from anycord.models import message_options
from anycord.models.channels import ChannelEditOptions
from anycord.rest.client import RESTClient
from anycord.rest.endpoints.channel_admin import GuildChannelOptions


@pytest.mark.parametrize(
    ("options", "method"),
    [
        (message_options.InteractionResponseOptions, RESTClient.create_interaction_response),
        (message_options.MessageCreateOptions, RESTClient.create_message),
        (message_options.MessageEditOptions, RESTClient.edit_message),
        (message_options.MessageRespondOptions, RESTClient.create_message),
        (ChannelEditOptions, RESTClient.edit_channel),
        (GuildChannelOptions, RESTClient.create_guild_channel),
        (message_options.WebhookMessageEditOptions, RESTClient.edit_webhook_message),
        (message_options.WebhookMessageOptions, RESTClient.execute_webhook),
    ],
)
def test_options_are_the_rest_methods_keywords_with_their_types(options, method) -> None:
    keywords = {
        name: p.annotation
        for name, p in inspect.signature(method).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }
    # A shortcut with a keyword of its own (`Message.respond(reply=)`, `edit(reason=)`)
    # leaves it out of its options.
    for own in ("reply", "reason"):
        if own not in options.__annotations__:
            keywords.pop(own, None)
    hints: dict[str, str] = {}
    for cls in reversed(options.__mro__):
        for name, hint in vars(cls).get("__annotations__", {}).items():
            hints[name] = getattr(hint, "__forward_arg__", hint)
    assert hints == keywords
