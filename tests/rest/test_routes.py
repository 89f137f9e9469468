"""Route templates: parameters with digits, major parameters, and token hiding."""

from __future__ import annotations

import pytest

from anycord.rest.routes import Route


def test_parameters_may_contain_digits() -> None:
    route = Route("PUT", "/partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/x")
    assert route.params == ("user_id_1", "user_id_2", "message_id")
    compiled = route.compile(user_id_1=1, user_id_2=2, message_id=3)
    assert compiled.path == "/partner-sdk/dms/1/2/messages/3/x"
    with pytest.raises(TypeError, match="user_id_2"):
        route.compile(user_id_1=1, message_id=3)


def test_webhook_tokens_stay_out_of_keys_and_safe_paths() -> None:
    route = Route("POST", "/webhooks/{webhook_id}/{webhook_token}")
    compiled = route.compile(webhook_id=5, webhook_token="sekrit-token")
    assert compiled.path == "/webhooks/5/sekrit-token"
    assert compiled.safe_path == "/webhooks/5/***"
    assert "sekrit" not in compiled.bucket_key
