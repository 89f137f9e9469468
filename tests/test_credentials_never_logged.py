"""No credential in any log record, exception or repr, at any level, from any logger.

Every record from every logger is captured at level 1 (root at level 1, as after
`logging.basicConfig(level=1)`), while a bot token, webhook tokens, interaction tokens
(callback, follow-up, edit) and OAuth2 client credentials (secret, access token, a refresh
after a revoked token) go through FakeDiscord over TCP, and a GatewayBot connects and closes.
Three set-ups: plain logging, anycord's `init_logging`, and a user who opted back in to the
HTTP stack's per-request lines (`httpx`/`httpcore` at level 1).
"""

from __future__ import annotations

import logging
import typing

import httpx
import pytest

from anycord import errors, logs
from anycord.bots.gateway_bot import GatewayBot
from anycord.rest.client import RESTClient
from anycord.rest.endpoints.webhooks import POST_EXECUTE
from anycord.rest.tokens import ClientCredentialsStrategy
from anycord.serde.interactions import decode_interaction
from anycord.serde.webhooks import decode_webhook
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import Iterator


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=1)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


HTTP_STACK = ("httpx", "httpcore", "hpack")


@pytest.fixture(params=["basic-config", "init-logging", "httpx-opted-in"])
def capture(request: pytest.FixtureRequest) -> Iterator[Capture]:
    root = logging.getLogger()
    saved = (root.level, {name: logging.getLogger(name).level for name in (*HTTP_STACK, "anycord")})
    handler = Capture()
    root.addHandler(handler)
    root.setLevel(1)
    for name in HTTP_STACK:
        logging.getLogger(name).setLevel(1 if request.param == "httpx-opted-in" else logging.NOTSET)
    # Bots built by earlier tests may have set anycord's level (their default `logs="INFO"`).
    logging.getLogger("anycord").setLevel(logging.NOTSET)
    if request.param == "init-logging":
        logs.init_logging(1)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(saved[0])
        for name, level in saved[1].items():
            logging.getLogger(name).setLevel(level)


def _texts(record: logging.LogRecord) -> list[str]:
    texts = [record.getMessage(), repr(record.args), str(record.msg), record.exc_text or ""]
    if record.exc_info and record.exc_info[1] is not None:
        texts.append(logging.Formatter().formatException(record.exc_info))
    return texts


async def test_no_credential_reaches_any_log_line(capture: Capture) -> None:
    seen: list[str] = []
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g")
        channel = fake.add_channel(guild["id"])
        hook = fake.add_webhook(channel["id"])
        interaction = fake.interactions.command(
            "ping", channel_id=channel["id"], guild_id=guild["id"]
        )
        secrets = [fake.token, hook["token"], interaction["token"], fake.world.client_secret]

        async with RESTClient(fake.token, rest_url=fake.rest_url) as rest:
            seen.append(repr(rest))
            await rest.fetch_my_user()
            message = await rest.execute_webhook(hook["id"], hook["token"], "hi")
            await rest.edit_webhook_message(hook["id"], hook["token"], message.id, content="ed")
            seen.append(repr(await rest.fetch_webhook_with_token(hook["id"], hook["token"])))
            seen.append(repr(decode_webhook(hook, rest)))
            model = decode_interaction(interaction, rest)
            seen.append(repr(model))
            await rest.create_interaction_response(model.id, interaction["token"], 5)
            await rest.edit_interaction_response(fake.application_id, interaction["token"], "ok")
            await rest.execute_followup(fake.application_id, interaction["token"], "more")
            route = POST_EXECUTE.compile(webhook_id=hook["id"], webhook_token=hook["token"])
            seen += [repr(route), str(route)]
            with pytest.raises(errors.UnauthorizedError) as missing:
                await rest.execute_webhook(hook["id"], "w" * 68, "lost")
            seen += [str(missing.value), repr(missing.value)]
            secrets.append("w" * 68)

        # Through httpx's own transport (a user's `transport=`): httpx and httpcore log.
        through_httpx = httpx.AsyncHTTPTransport()
        async with RESTClient(fake.token, rest_url=fake.rest_url, transport=through_httpx) as rest:
            await rest.execute_webhook(hook["id"], hook["token"], "via httpx")
            await rest.execute_followup(fake.application_id, interaction["token"], "via httpx")

        strategy = ClientCredentialsStrategy(
            fake.application_id, fake.world.client_secret, scopes=["applications.commands.update"]
        )
        seen.append(repr(strategy))
        async with RESTClient(strategy, rest_url=fake.rest_url) as bearer:
            await bearer.fetch_application_commands(fake.application_id)
            secrets += list(fake.world.bearer_tokens)
            fake.world.bearer_tokens.clear()  # revoked: the next call refreshes after a 401
            await bearer.fetch_application_commands(fake.application_id)
            secrets += list(fake.world.bearer_tokens)
            seen.append(repr(bearer))

        async with RESTClient("not-" + fake.token, rest_url=fake.rest_url) as wrong:
            with pytest.raises(errors.UnauthorizedError) as refused:
                await wrong.fetch_my_user()
            seen += [str(refused.value), repr(refused.value)]
            secrets.append("not-" + fake.token)

        bot = GatewayBot(fake.token, rest_url=fake.rest_url, banner=None, logs=None)
        seen.append(repr(bot))
        async with bot:
            pass

    assert len(secrets) >= 7
    assert capture.records, "nothing was captured: the test would pass vacuously"
    if logging.getLogger("httpx").level == 1:
        assert any(r.name == "httpx" and "/webhooks/" in r.getMessage() for r in capture.records)
    for record in capture.records:
        for text in _texts(record):
            for secret in secrets:
                assert secret not in text, f"{record.name} {record.levelname}: {text[:200]}"
    for text in seen:
        for secret in secrets:
            assert secret not in text, text[:200]


async def test_the_http_stack_is_quiet_by_default_and_anycord_logs_each_request(
    capture: Capture,
) -> None:
    async with FakeDiscord() as fake, RESTClient(fake.token, rest_url=fake.rest_url) as rest:
        await rest.fetch_my_user()
    names = {r.name for r in capture.records}
    if logging.getLogger("httpx").level != 1:
        # Quiet by default. (Opted in, httpx's lines appear wherever an httpx client is used:
        # a `transport=`/`http_client=` of the user's, URL downloads; they stay redacted.)
        assert not any(n == "httpx" or n.startswith(("httpcore", "hpack")) for n in names)
    lines = [r.getMessage() for r in capture.records if r.name == "anycord.rest"]
    assert any(line.startswith("GET /users/@me -> 200 in ") for line in lines), lines
