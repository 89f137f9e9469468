import io
import logging
from collections.abc import Iterator

import pytest

from anycord import logs


@pytest.fixture
def capture() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.TokenRedactor())
    logger = logging.getLogger("anycord.test.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.this-is-a-fake-token-for-tests"


def test_registered_tokens_never_reach_the_output(
    capture: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = capture
    logs.register_secret(f"Bot {TOKEN}")
    logger.info("header %s", {"Authorization": f"Bot {TOKEN}"})
    logger.warning("url https://x/%s/y", TOKEN)
    try:
        raise RuntimeError(TOKEN)
    except RuntimeError:
        logger.exception("failed")
    out = stream.getvalue()
    assert TOKEN not in out
    assert out.count("***") >= 3


def test_short_strings_are_not_registered() -> None:
    logs.register_secret("abc")
    assert logs.redact("abc def") == "abc def"


def test_trace_level_exists() -> None:
    assert logs.TRACE < logging.DEBUG
    # The name resolves to the level; the reverse lookup is not checked because another
    # library imported in the same process (hikari registers TRACE_HIKARI at 5) may rename it.
    assert logging.getLevelName("TRACE") == logs.TRACE


def test_init_logging_levels_and_dict() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logs.init_logging("DEBUG", allow_color=False)
        assert logging.getLogger("anycord").level == logging.DEBUG
        logs.init_logging(logs.TRACE)
        assert logging.getLogger("anycord").level == logs.TRACE
        logs.init_logging(
            {"version": 1, "incremental": True, "loggers": {"anycord": {"level": "WARNING"}}}
        )
        assert logging.getLogger("anycord").level == logging.WARNING
        logs.init_logging(None)
        with pytest.raises(ValueError, match="unknown log level"):
            logs.init_logging("LOUD")
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
        logging.getLogger("anycord").setLevel(logging.NOTSET)


def test_color_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # Environment variables are the user's interface here, so setting them is the honest test.
    monkeypatch.setenv("CLICOLOR_FORCE", "1")
    assert logs._supports_color(allow_color=False, force_color=False)
    monkeypatch.setenv("CLICOLOR_FORCE", "0")
    monkeypatch.setenv("CLICOLOR", "0")
    assert not logs._supports_color(allow_color=True, force_color=False)
    assert logs._supports_color(allow_color=True, force_color=True)


def test_banner() -> None:
    out = io.StringIO()
    logs.print_banner("anycord", file=out)
    assert "anycord" in out.getvalue()
    assert "anyio" in out.getvalue()
    silent = io.StringIO()
    logs.print_banner(None, file=silent)
    assert silent.getvalue() == ""
