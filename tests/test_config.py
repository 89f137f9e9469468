import attrs
import pytest

from anycord.config import (
    BasicAuthHeader,
    CacheComponents,
    CacheSettings,
    HTTPSettings,
    HTTPTimeoutSettings,
    ProxySettings,
)


def test_http_defaults_keep_connections_alive() -> None:
    settings = HTTPSettings()
    assert settings.keep_alive
    assert settings.timeouts.total == 30.0
    assert settings.max_redirects is None


def test_pooled_connections_expire_before_the_server_closes_them() -> None:
    # hypercorn (our interaction server, and FakeDiscord's) closes idle connections after
    # keep_alive_timeout; reusing one at that instant fails the request with a reset.
    hypercorn_config = pytest.importorskip("hypercorn.config")
    expiry = HTTPSettings().keepalive_expiry
    assert expiry is not None
    assert expiry < hypercorn_config.Config().keep_alive_timeout
    assert expiry == 4.0


@pytest.mark.parametrize("field", ["connect", "read", "write", "pool", "total"])
def test_timeouts_must_be_positive(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        HTTPTimeoutSettings(**{field: 0})
    assert getattr(HTTPTimeoutSettings(**{field: None}), field) is None


def test_http_validation() -> None:
    with pytest.raises(ValueError, match="max_connections"):
        HTTPSettings(max_connections=0)
    with pytest.raises(ValueError, match="max_redirects"):
        HTTPSettings(max_redirects=-1)
    assert attrs.evolve(HTTPSettings(), http2=True).http2


def test_proxy_auth_uses_the_standard_header_and_hides_the_password() -> None:
    auth = BasicAuthHeader(username="user", password="hunter2")
    assert auth.header == "Basic dXNlcjpodW50ZXIy"
    assert "hunter2" not in repr(auth)
    proxy = ProxySettings(url="http://proxy:3128", auth=auth, headers={"X-A": "1"})
    assert proxy.all_headers == {"X-A": "1", "Proxy-Authorization": "Basic dXNlcjpodW50ZXIy"}
    assert "hunter2" not in repr(proxy)
    assert "dXNlcjpodW50ZXIy" not in repr(proxy)


def test_cache_settings() -> None:
    settings = CacheSettings()
    assert settings.components == CacheComponents.ALL
    assert settings.components & CacheComponents.MEMBERS
    assert sum(1 << i for i in range(17)) == CacheComponents.ALL
    with pytest.raises(ValueError, match="max_messages"):
        CacheSettings(max_messages=-1)
