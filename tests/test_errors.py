import pytest

from anycord import errors


def test_status_mapping() -> None:
    assert errors.error_for_status(400) is errors.BadRequestError
    assert errors.error_for_status(401) is errors.UnauthorizedError
    assert errors.error_for_status(403) is errors.ForbiddenError
    assert errors.error_for_status(404) is errors.NotFoundError
    assert errors.error_for_status(429) is errors.RateLimitedError
    assert errors.error_for_status(418) is errors.ClientHTTPResponseError
    assert errors.error_for_status(502) is errors.InternalServerError
    assert errors.error_for_status(302) is errors.HTTPResponseError


def test_http_error_carries_everything_and_no_credentials() -> None:
    tree = {
        "embeds": {
            "0": {"title": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Too long"}]}}
        }
    }
    err = errors.BadRequestError(
        "https://discord.com/api/v10/channels/1/messages",
        400,
        {"Authorization": "Bot secret", "Content-Type": "application/json"},
        b"{}",
        message="Invalid Form Body",
        code=50035,
        errors=tree,
    )
    assert err.status == 400
    assert err.code == 50035
    assert err.errors == tree
    assert err.flat_errors() == [("embeds.0.title", "Too long")]
    assert "Authorization" not in err.headers
    assert "secret" not in str(err)
    assert "secret" not in repr(err)
    assert "50035" in str(err)
    assert "embeds.0.title: Too long" in str(err)
    assert isinstance(err, errors.ClientHTTPResponseError)
    assert isinstance(err, errors.HTTPError)


def test_close_code_policy() -> None:
    fatal = {4004, 4010, 4011, 4012, 4013, 4014}
    for code in errors.ShardCloseCode:
        assert code.is_fatal == (code in fatal), code
    assert errors.ShardCloseCode.INVALID_SEQ.drops_session
    assert errors.ShardCloseCode.SESSION_TIMEOUT.drops_session
    assert not errors.ShardCloseCode.UNKNOWN_ERROR.drops_session


def test_gateway_errors() -> None:
    err = errors.GatewayFatalCloseError("Authentication failed", 4004)
    assert not err.can_reconnect
    assert "4004 AUTHENTICATION_FAILED" in str(err)
    assert isinstance(err, errors.GatewayServerClosedConnectionError)
    other = errors.GatewayServerClosedConnectionError("??", 4999)
    assert other.can_reconnect
    assert "4999" in str(other)


def test_misc_errors() -> None:
    from anycord.intents import Intents

    missing = errors.MissingIntentError(Intents.GUILD_MEMBERS)
    assert isinstance(missing, ValueError)
    assert missing.intents == Intents.GUILD_MEMBERS
    bulk = errors.BulkDeleteError([1, 2], [3], RuntimeError("boom"))
    assert "2 of 3" in str(bulk)
    too_long = errors.RateLimitTooLongError(
        route="POST /x", retry_after=400.0, max_rate_limit=300.0, is_global=False
    )
    assert "400.00s" in str(too_long)


def test_hierarchy_is_drawn_in_the_docstring() -> None:
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, errors.AnycordError):
            assert name in doc, f"{name} missing from the errors docstring tree"


@pytest.mark.parametrize("name", errors.__all__)
def test_all_names_exist(name: str) -> None:
    assert hasattr(errors, name)
