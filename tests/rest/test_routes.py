"""Route templates: parameters with digits, major parameters, and token hiding."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anycord.rest.routes import Route, _hide


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


@given(
    channel=st.one_of(st.integers(min_value=0, max_value=2**64), st.text(max_size=30)),
    token=st.text(min_size=1, max_size=30),
)
def test_every_parameter_is_quoted_into_the_path(channel: int | str, token: str) -> None:
    # The reference: each value URL-quoted (keeping `@`), whatever characters it holds;
    # letters and digits (every snowflake) come out as they went in.
    route = Route("POST", "/channels/{channel_id}/webhooks/{webhook_token}/x")
    compiled = route.compile(channel_id=channel, webhook_token=token)
    text = str(int(channel)) if isinstance(channel, int) else channel
    quoted = [urllib.parse.quote(v, safe="@") for v in (text, token)]
    assert compiled.path == f"/channels/{quoted[0]}/webhooks/{quoted[1]}/x"
    assert compiled.major[0] == text
    assert compiled.major[1] == _hide(token)  # a digest, never the token
    assert compiled.safe_path == compiled.path.replace(quoted[1], "***")
