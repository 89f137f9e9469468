"""The interaction sender: Discord's side of an HTTP interactions endpoint.

`InteractionSender.send(target, payload)` signs `timestamp + body` with the fake's Ed25519
key (PyNaCl), posts it to `target` (an `http(s)://` URL, posted with httpx, or an ASGI app,
called in-process through `httpx.ASGITransport`) and checks the answer against Discord's
rules (developers/interactions/overview.mdx, receiving-and-responding.mdx):

* a bad signature must get 401;
* PING (type 1) must get 200 with `{"type": 1}` and a JSON content type;
* anything else gets 200 with an interaction response whose `type` is allowed for that
  interaction type (JSON, or multipart with `payload_json`), or 202 with no body when the bot
  answered through the callback endpoint; within 3 seconds on the fake's clock;
* the response data respects the documented limits (10 embeds, 25 choices, modal title ≤ 45,
  custom_id 1–100, 1–5 components, allowed flags; a deferred response may only be ephemeral).

`check_response` returns the broken rules as strings; `send` raises
`InteractionResponseError` (an `AssertionError`) listing them unless `check=False`.
"""

from __future__ import annotations

import time
import typing

import anyio
import attrs
import httpx
import nacl.signing
import orjson

from anycord.testing._http import parse_content_type, parse_multipart
from anycord.testing.rest_webhooks import ALLOWED_RESPONSES as ALLOWED_RESPONSES
from anycord.testing.rest_webhooks import apply_initial_response

if typing.TYPE_CHECKING:
    from anycord.interactions.asgi import ASGIApp
    from anycord.testing.world import InteractionRecord, Payload, World

__all__ = [
    "ALLOWED_RESPONSES",
    "InteractionResponse",
    "InteractionResponseError",
    "InteractionSender",
    "check_response",
]


_ALLOWED_FLAGS = (1 << 2) | (1 << 6) | (1 << 12) | (1 << 13) | (1 << 15)
_EPHEMERAL = 1 << 6
_DEADLINE = 3.0


class InteractionResponseError(AssertionError):
    """The bot's answer broke one of Discord's rules (each listed in `problems`)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@attrs.define(slots=True, kw_only=True)
class InteractionResponse:
    """What the bot answered to one interaction."""

    status: int
    headers: httpx.Headers = attrs.field(repr=False)
    content: bytes = attrs.field(repr=False)
    json: typing.Any
    """The interaction response (the `payload_json` part of a multipart answer)."""
    files: list[typing.Any]
    payload: Payload = attrs.field(repr=False)
    """The interaction that was sent."""
    elapsed: float
    """Seconds between sending and the answer, on the fake's clock."""
    record: InteractionRecord | None = attrs.field(default=None, repr=False)
    problems: list[str] = attrs.field(factory=list)


def check_response(
    payload: Payload, response: InteractionResponse, *, bad_signature: bool = False
) -> list[str]:
    """Every rule of Discord's that `response` breaks (an empty list when it is fine)."""
    status = response.status
    if bad_signature:
        return [] if status == 401 else [f"a bad signature must get 401, got {status}"]
    kind = payload.get("type")
    problems: list[str] = []
    if response.elapsed > _DEADLINE:
        problems.append(f"answered after {response.elapsed:.2f} s (Discord waits 3 s)")
    if status == 202 and kind != 1:
        if response.content:
            problems.append("a 202 answer must have no body")
        return problems
    if status != 200:
        return [*problems, f"interaction type {kind} must get 200 (or 202), got {status}"]
    ctype, _ = parse_content_type(response.headers.get("content-type", ""))
    if ctype not in ("application/json", "multipart/form-data"):
        problems.append(f"content type must be JSON or multipart, got {ctype!r}")
    body = response.json
    if not isinstance(body, dict) or not isinstance(body.get("type"), int):
        return [*problems, "the body must be an interaction response object with an int `type`"]
    rtype = body["type"]
    if kind == 1:
        if body != {"type": 1}:
            problems.append(f'PING must be answered with {{"type": 1}}, got {body!r}')
        return problems
    allowed = ALLOWED_RESPONSES.get(typing.cast("int", kind))
    if allowed is not None and rtype not in allowed:
        problems.append(f"response type {rtype} is not allowed for interaction type {kind}")
    problems.extend(_check_data(rtype, body.get("data")))
    return problems


def _check_data(rtype: int, data: object) -> list[str]:
    if data is None:
        return ["a modal (9) needs data"] if rtype == 9 else []
    if not isinstance(data, dict):
        return ["`data` must be an object"]
    problems: list[str] = []
    flags = data.get("flags", 0) or 0
    if rtype == 5 and flags & ~_EPHEMERAL:
        problems.append("a deferred response may only set the EPHEMERAL flag")
    elif flags & ~_ALLOWED_FLAGS:
        problems.append(f"flags {flags} include bits Discord does not allow in a response")
    if len(data.get("embeds") or ()) > 10:
        problems.append("at most 10 embeds")
    if rtype == 8 and len(data.get("choices") or ()) > 25:
        problems.append("at most 25 autocomplete choices")
    if rtype == 9:
        custom_id = data.get("custom_id")
        if not isinstance(custom_id, str) or not 1 <= len(custom_id) <= 100:
            problems.append("a modal custom_id must be 1-100 characters")
        title = data.get("title")
        if not isinstance(title, str) or not 1 <= len(title) <= 45:
            problems.append("a modal title must be 1-45 characters")
        if not 1 <= len(data.get("components") or ()) <= 5:
            problems.append("a modal needs 1-5 components")
    content = data.get("content")
    if isinstance(content, str) and len(content) > 2000:
        problems.append("content must be 2000 characters or fewer")
    return problems


class InteractionSender:
    """Sends signed interactions to a bot (one per fake; see the module docstring)."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._key = nacl.signing.SigningKey.generate()
        self.public_key: str = self._key.verify_key.encode().hex()
        """Hex Ed25519 public key: give it to the bot as its application's public key."""
        self.sent: list[InteractionResponse] = []
        """Every exchange, in order."""

    def sign(self, timestamp: str, body: bytes) -> str:
        """The hex signature Discord would send for `timestamp + body`."""
        return str(self._key.sign(timestamp.encode() + body).signature.hex())

    # -- payload builders ---------------------------------------------------------------------

    def ping(self) -> Payload:
        """A PING interaction payload."""
        return self.build(1)

    def command(
        self,
        name: str,
        *,
        options: list[Payload] | None = None,
        channel_id: int | str | None = None,
        guild_id: int | str | None = None,
        user: Payload | None = None,
        command_type: int = 1,
    ) -> Payload:
        """An APPLICATION_COMMAND interaction invoking `name` (a slash command by default)."""
        data: Payload = {"id": str(self._world.new_id()), "name": name, "type": command_type}
        if options:
            data["options"] = options
        for command in self._world.commands.values():
            if command["name"] == name:
                data["id"] = command["id"]
        return self.build(2, data, channel_id=channel_id, guild_id=guild_id, user=user)

    def component(
        self,
        custom_id: str,
        *,
        message: Payload,
        component_type: int = 2,
        values: list[str] | None = None,
        user: Payload | None = None,
    ) -> Payload:
        """A MESSAGE_COMPONENT interaction on `message` (a button click by default)."""
        data: Payload = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = values
        guild_id = self._world.channels.get(int(message["channel_id"]), {}).get("guild_id")
        payload = self.build(
            3, data, channel_id=message["channel_id"], guild_id=guild_id, user=user
        )
        payload["message"] = message
        self._world.interactions[payload["token"]].message_id = int(message["id"])
        return payload

    def build(
        self,
        type: int,
        data: Payload | None = None,
        *,
        channel_id: int | str | None = None,
        guild_id: int | str | None = None,
        user: Payload | None = None,
    ) -> Payload:
        """A complete interaction payload of `type`, with a fresh id and token."""
        world = self._world
        try:
            now = anyio.current_time()
        except RuntimeError:  # built outside an event loop; `send` sets the time anyway
            now = 0.0
        record = world.new_interaction(
            type=type,
            channel_id=int(channel_id) if channel_id is not None else None,
            guild_id=int(guild_id) if guild_id is not None else None,
            now=now,
        )
        if user is None:
            user = next((u for u in world.users.values() if not u["bot"]), None) or world.add_user()
        payload: Payload = {
            "id": str(record.id),
            "application_id": str(record.application_id),
            "type": type,
            "token": record.token,
            "version": 1,
            "app_permissions": "0",
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild_id)}
            if guild_id
            else {"1": user["id"]},
            "context": 0 if guild_id else 1,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if data is not None:
            payload["data"] = data
        if channel_id is not None:
            payload["channel_id"] = str(channel_id)
            channel = world.channels.get(int(channel_id))
            if channel is not None:
                payload["channel"] = channel
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            member = world.members.get(int(guild_id), {}).get(int(user["id"]))
            base = member or {
                "roles": [],
                "joined_at": None,
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
            payload["member"] = {**base, "user": user, "permissions": "0"}
        else:
            payload["user"] = user
        return payload

    # -- sending --------------------------------------------------------------------------------

    async def send(
        self,
        target: str | ASGIApp,
        payload: Payload,
        *,
        bad_signature: bool = False,
        check: bool = True,
        timestamp: str | None = None,
        path: str = "/",
    ) -> InteractionResponse:
        """Sign and deliver `payload`; check the answer (raise `InteractionResponseError` on a
        broken rule unless `check=False`). `target`: a URL or an ASGI app."""
        body = orjson.dumps(payload)
        stamp = timestamp or str(int(time.time()))
        signature = self.sign(stamp, body)
        if bad_signature:
            # Flip one bit: a well-formed signature that does not verify, as Discord's probes do.
            raw = bytearray(bytes.fromhex(signature))
            raw[0] ^= 0x01
            signature = raw.hex()
        headers = {
            "content-type": "application/json",
            "user-agent": "Discord-Interactions/1.0 (+https://discord.com)",
            "x-signature-ed25519": signature,
            "x-signature-timestamp": stamp,
        }
        if isinstance(target, str):
            client = httpx.AsyncClient(timeout=None)
            url = target
        else:
            client = httpx.AsyncClient(transport=httpx.ASGITransport(app=target), timeout=None)
            url = "http://bot.invalid" + path
        record = self._world.interactions.get(str(payload.get("token", "")))
        started = anyio.current_time()
        if record is not None:
            # Discord's 3 s and 15 min windows start when the interaction is sent.
            record.created_at = started
        async with client:
            answer = await client.post(url, content=body, headers=headers)
        elapsed = anyio.current_time() - started
        json_body, files = _decode(answer)
        response = InteractionResponse(
            status=answer.status_code,
            headers=answer.headers,
            content=answer.content,
            json=json_body,
            files=files,
            payload=payload,
            elapsed=elapsed,
            record=record,
        )
        response.problems = check_response(payload, response, bad_signature=bad_signature)
        self.sent.append(response)
        if (
            record is not None
            and not bad_signature
            and answer.status_code == 200
            and isinstance(json_body, dict)
            and record.response is None
        ):
            apply_initial_response(self._world, record, json_body)
        if check and response.problems:
            raise InteractionResponseError(response.problems)
        return response


def _decode(answer: httpx.Response) -> tuple[typing.Any, list[typing.Any]]:
    if not answer.content:
        return None, []
    ctype, params = parse_content_type(answer.headers.get("content-type", ""))
    try:
        if ctype == "multipart/form-data":
            parsed = parse_multipart(answer.content, params.get("boundary", ""))
            return parsed.payload, parsed.files
        return orjson.loads(answer.content), []
    except Exception:
        return None, []
