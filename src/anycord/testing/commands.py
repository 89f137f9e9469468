"""Invoke a bot's commands, components and modals through FakeDiscord, and read the answers.

```python
invoker = CommandInvoker(fake)                   # over the gateway (INTERACTION_CREATE)
invoker = CommandInvoker(fake, bot.adapter)      # over signed HTTP (an ASGI app or a URL)

run = await invoker.slash("ban", {"user": member_user, "reason": "spam"},
                          user=moderator, guild_id=guild["id"], channel_id=channel["id"],
                          permissions=Permissions.BAN_MEMBERS)
assert run.content == "Banned."
await run.wait(lambda r: len(r.followups) == 1)  # answers that come later
```

Each call builds the interaction exactly as Discord sends it (option types from the command
registered in the fake when it was synced, else from the Python values; users, members,
roles, channels, messages and attachments put in `resolved`), delivers it (over HTTP it is
signed and the answer is checked against Discord's rules, as `InteractionSender.send`
does), and returns an `Invocation` that reads the fake's record of what the bot did with
the interaction's token: the initial response, the original message as it is now (after
edits), and the follow-ups.
"""

from __future__ import annotations

import typing

import anyio
import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.interactions.asgi import ASGIApp
    from anycord.testing.fake import FakeDiscord
    from anycord.testing.interactions import InteractionResponse
    from anycord.testing.world import InteractionRecord, Payload, World

__all__ = ["CommandInvoker", "Invocation"]

_POLL: typing.Final = 0.005


@attrs.define(kw_only=True)
class Invocation:
    """One delivered interaction and what the bot has answered so far."""

    payload: Payload = attrs.field(repr=False)
    record: InteractionRecord = attrs.field(repr=False)
    http: InteractionResponse | None = attrs.field(default=None, repr=False)
    """The HTTP exchange (HTTP delivery only)."""
    world: World = attrs.field(repr=False)
    patience: float = 10.0
    """How long `wait` waits before `TimeoutError`."""

    @property
    def response(self) -> Payload | None:
        """The initial response (`{"type": 4, "data": {...}}`), once given."""
        return self.record.response

    @property
    def response_type(self) -> int | None:
        """The initial response's type (4 message, 5 deferred, 6/7 update, 8 choices, 9 modal)."""
        return None if self.record.response is None else self.record.response.get("type")

    @property
    def message(self) -> Payload | None:
        """The original response message as it is now (after edits), if there is one."""
        mid, cid = self.record.original_message_id, self.record.channel_id
        if mid is None or cid is None:
            return None
        return self.world.messages.get(cid, {}).get(mid)

    @property
    def content(self) -> str | None:
        """The original message's content now (or the response's, when it made no message)."""
        message = self.message
        if message is not None:
            return typing.cast("str | None", message.get("content"))
        data = (self.record.response or {}).get("data") or {}
        return typing.cast("str | None", data.get("content"))

    @property
    def data(self) -> Payload:
        """The initial response's `data` (`{}` when none)."""
        return dict((self.record.response or {}).get("data") or {})

    @property
    def is_ephemeral(self) -> bool:
        """Whether the initial response is ephemeral."""
        return bool(int(self.data.get("flags", 0) or 0) & (1 << 6))

    @property
    def followups(self) -> list[Payload]:
        """The follow-up messages, in order."""
        cid = self.record.channel_id
        channel = self.world.messages.get(cid, {}) if cid is not None else {}
        return [channel[m] for m in self.record.followup_ids if m in channel]

    async def wait(self, predicate: Callable[[Invocation], bool]) -> None:
        """Wait until `predicate(self)` holds (answers that come after the initial response);
        `TimeoutError` after `patience` seconds."""
        with anyio.fail_after(self.patience):
            # The fake keeps no change notification for an interaction's record; poll it.
            while not predicate(self):  # noqa: ASYNC110
                await anyio.sleep(_POLL)


_SCALAR_TYPES: typing.Final = ((bool, 5), (int, 4), (float, 10), (str, 3))


class CommandInvoker:
    """Deliver interactions to a bot as Discord would (see the module docstring).

    `target`: `None` to deliver over the gateway, else the bot's interaction endpoint (a
    URL or an ASGI app such as `AsgiBot` or `RESTBot.adapter`).
    """

    def __init__(
        self, fake: FakeDiscord, target: str | ASGIApp | None = None, *, timeout: float = 10.0
    ) -> None:
        self.fake = fake
        self.target = target
        self.timeout = timeout
        """Gateway delivery: how long to wait for the initial response (`TimeoutError`)."""

    # -- delivery ------------------------------------------------------------------------------

    async def deliver(self, payload: Payload) -> Invocation:
        """Deliver a built interaction; over the gateway, wait for the initial response."""
        fake = self.fake
        record = fake.world.interactions[payload["token"]]
        if self.target is not None:
            answer = await fake.interactions.send(self.target, payload)
            return Invocation(
                payload=payload, record=record, http=answer, world=fake.world, patience=self.timeout
            )
        record.created_at = anyio.current_time()
        await fake.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=payload.get("guild_id"))
        invocation = Invocation(
            payload=payload, record=record, world=fake.world, patience=self.timeout
        )
        await invocation.wait(lambda i: i.response is not None)
        return invocation

    def _build(
        self,
        kind: int,
        data: Payload,
        *,
        user: Payload | None,
        channel_id: int | str | None,
        guild_id: int | str | None,
        permissions: int,
        app_permissions: int,
    ) -> Payload:
        world = self.fake.world
        if guild_id is None and channel_id is not None:
            guild_id = world.channels.get(int(channel_id), {}).get("guild_id")
        payload = self.fake.interactions.build(
            kind, data, channel_id=channel_id, guild_id=guild_id, user=user
        )
        if "member" in payload:
            payload["member"]["permissions"] = str(int(permissions))
        payload["app_permissions"] = str(int(app_permissions))
        return payload

    # -- commands ----------------------------------------------------------------------------

    def _registered(self, name: str, kind: int) -> Payload | None:
        return next(
            (
                c
                for c in self.fake.world.commands.values()
                if c["name"] == name and c.get("type", 1) == kind
            ),
            None,
        )

    def _options(
        self,
        values: Mapping[str, typing.Any],
        schema: Sequence[Payload],
        resolved: dict[str, dict[str, typing.Any]],
        guild_id: int | str | None,
    ) -> list[Payload]:
        declared = {o["name"]: o for o in schema}
        out: list[Payload] = []
        for name, value in values.items():
            kind = declared.get(name, {}).get("type")
            if isinstance(value, dict):
                kind, value = self._resolve(value, kind, resolved, guild_id)
            elif kind is None:
                kind = next(k for t, k in _SCALAR_TYPES if isinstance(value, t))
            out.append({"name": name, "type": kind, "value": value})
        return out

    def _resolve(
        self,
        entity: Payload,
        kind: int | None,
        resolved: dict[str, dict[str, typing.Any]],
        guild_id: int | str | None,
    ) -> tuple[int, str]:
        """Put a user/role/channel/attachment payload in `resolved`; return (type, id)."""
        eid = str(entity["id"])
        if "username" in entity:
            resolved.setdefault("users", {})[eid] = entity
            member = (
                self.fake.world.members.get(int(guild_id), {}).get(int(eid)) if guild_id else None
            )
            if member is not None:
                inner = {k: v for k, v in member.items() if k != "user"}
                resolved.setdefault("members", {})[eid] = {**inner, "permissions": "0"}
            return kind or 6, eid
        if "filename" in entity:
            resolved.setdefault("attachments", {})[eid] = entity
            return 11, eid
        if "color" in entity or "colors" in entity:
            resolved.setdefault("roles", {})[eid] = entity
            return kind or 8, eid
        resolved.setdefault("channels", {})[eid] = {
            k: entity[k] for k in ("id", "type", "name", "guild_id", "parent_id") if k in entity
        } | {"permissions": "0"}
        return 7, eid

    async def slash(
        self,
        name: str,
        options: Mapping[str, typing.Any] | None = None,
        *,
        subcommand: str | Sequence[str] = (),
        user: Payload | None = None,
        channel_id: int | str | None = None,
        guild_id: int | str | None = None,
        permissions: int = 0,
        app_permissions: int = 0,
        focused: str | None = None,
    ) -> Invocation:
        """Invoke `/name [subcommand...] options` (autocomplete instead when `focused` names
        the option being typed)."""
        path = [subcommand] if isinstance(subcommand, str) else list(subcommand)
        registered = self._registered(name, 1)
        schema: Sequence[Payload] = (registered or {}).get("options") or ()
        for part in path:
            schema = next((o.get("options") or () for o in schema if o["name"] == part), ())
        resolved: dict[str, dict[str, typing.Any]] = {}
        if guild_id is None and channel_id is not None:
            guild_id = self.fake.world.channels.get(int(channel_id), {}).get("guild_id")
        given = self._options(options or {}, schema, resolved, guild_id)
        for option in given:
            if option["name"] == focused:
                option["focused"] = True
        for part, depth in zip(reversed(path), range(len(path), 0, -1), strict=True):
            kind = 1 if depth == len(path) else 2
            given = [{"name": part, "type": kind, "options": given}]
        data: Payload = {"id": str((registered or {}).get("id", 1)), "name": name, "type": 1}
        if given:
            data["options"] = given
        if resolved:
            data["resolved"] = resolved
        payload = self._build(
            4 if focused else 2,
            data,
            user=user,
            channel_id=channel_id,
            guild_id=guild_id,
            permissions=permissions,
            app_permissions=app_permissions,
        )
        return await self.deliver(payload)

    async def context_menu(
        self,
        name: str,
        target: Payload,
        *,
        user: Payload | None = None,
        channel_id: int | str | None = None,
        guild_id: int | str | None = None,
        permissions: int = 0,
    ) -> Invocation:
        """Invoke a user command (`target` a user payload) or a message command (a message)."""
        kind = 3 if "content" in target and "author" in target else 2
        registered = self._registered(name, kind)
        resolved: dict[str, dict[str, typing.Any]] = {}
        if kind == 3:
            resolved["messages"] = {str(target["id"]): target}
            channel_id = channel_id or target["channel_id"]
        if guild_id is None and channel_id is not None:
            guild_id = self.fake.world.channels.get(int(channel_id), {}).get("guild_id")
        if kind == 2:
            self._resolve(target, 6, resolved, guild_id)
        data: Payload = {
            "id": str((registered or {}).get("id", 1)),
            "name": name,
            "type": kind,
            "target_id": str(target["id"]),
            "resolved": resolved,
        }
        payload = self._build(
            2,
            data,
            user=user,
            channel_id=channel_id,
            guild_id=guild_id,
            permissions=permissions,
            app_permissions=0,
        )
        return await self.deliver(payload)

    async def click(
        self,
        custom_id: str,
        message: Payload,
        *,
        values: Sequence[str] | None = None,
        component_type: int = 2,
        user: Payload | None = None,
        permissions: int = 0,
    ) -> Invocation:
        """Press a button (or choose `values` in a select menu) on `message`."""
        payload = self.fake.interactions.component(
            custom_id,
            message=message,
            component_type=component_type,
            values=list(values) if values is not None else None,
            user=user,
        )
        if "member" in payload:
            payload["member"]["permissions"] = str(int(permissions))
        return await self.deliver(payload)

    async def submit_modal(
        self,
        custom_id: str,
        fields: Mapping[str, str],
        *,
        user: Payload | None = None,
        channel_id: int | str | None = None,
        guild_id: int | str | None = None,
    ) -> Invocation:
        """Submit a modal whose text inputs (by custom_id) hold `fields`."""
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
            for k, v in fields.items()
        ]
        payload = self._build(
            5,
            {"custom_id": custom_id, "components": rows},
            user=user,
            channel_id=channel_id,
            guild_id=guild_id,
            permissions=0,
            app_permissions=0,
        )
        return await self.deliver(payload)

    async def autocomplete(
        self,
        name: str,
        option: str,
        value: str,
        *,
        others: Mapping[str, typing.Any] | None = None,
        subcommand: str | Sequence[str] = (),
        user: Payload | None = None,
        channel_id: int | str | None = None,
    ) -> list[Payload]:
        """Type `value` into `option` of `/name`; returns the choices the bot offered."""
        run = await self.slash(
            name,
            {**(others or {}), option: value},
            subcommand=subcommand,
            user=user,
            channel_id=channel_id,
            focused=option,
        )
        return list(run.data.get("choices") or [])
