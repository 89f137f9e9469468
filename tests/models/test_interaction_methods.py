"""hikari's interaction methods: follow-up messages by ID, the guild, the command, modals and
the autocomplete builder, against FakeDiscord (the effect shows in its world) and a cache."""

from __future__ import annotations

import typing

import anyio

from anycord.models import CommandInteraction, ComponentInteraction, ResponseType
from anycord.models.interactions import AutocompleteInteraction, PartialInteraction
from anycord.models.modal_builders import ModalActionRowBuilder, TextInputBuilder
from anycord.serde.interactions import decode_interaction
from anycord.snowflakes import Snowflake
from tests.cache import payloads as p
from tests.models.cached_app import CachedApp

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from anycord.testing.world import InteractionRecord
    from anycord.traits import RESTAware
    from tests.rest.conftest import Fake


def interaction(
    fake: Fake, app: RESTAware, kind: int = 2, *, in_guild: bool = True, **data: typing.Any
) -> tuple[PartialInteraction, InteractionRecord]:
    """A new interaction in the fake's first channel (or a DM), as the bot receives it."""
    world = fake.world
    channel = int(fake.channels[0]["id"])
    guild = int(fake.guild["id"]) if in_guild else None
    record = world.new_interaction(
        type=kind, channel_id=channel, guild_id=guild, now=anyio.current_time()
    )
    user = world.add_user(username="invoker")
    payload: dict[str, typing.Any] = {
        "id": str(record.id),
        "application_id": str(record.application_id),
        "type": kind,
        "token": record.token,
        "version": 1,
        "channel_id": str(channel),
        "data": data or {"id": "1", "name": "ping", "type": 1},
    }
    if guild is None:
        payload["user"] = user
    else:
        payload["guild_id"] = str(guild)
        payload["member"] = {**p.member(user["id"]), "user": user, "permissions": "0"}
    if kind == 3:
        message = world.add_message(channel, author=world.bot_user, content="with a button")
        payload["message"] = message
    return decode_interaction(payload, app), record


async def test_follow_ups_are_fetched_edited_and_deleted_by_id(
    fake: Fake, rest: RESTClient
) -> None:
    command, record = interaction(fake, rest)
    assert isinstance(command, CommandInteraction)
    assert command.webhook_id == command.application_id
    await command.create_initial_response(ResponseType.MESSAGE_CREATE, "first")
    follow_up = await command.execute("second")
    channel = fake.world.messages[int(fake.channels[0]["id"])]
    assert (await command.fetch_message(follow_up.id)).content == "second"
    assert (await command.fetch_message("@original")).content == "first"
    edited = await command.edit_message(follow_up, "second, edited")
    assert channel[int(follow_up.id)]["content"] == edited.content == "second, edited"
    await command.delete_message(follow_up.id)
    assert int(follow_up.id) not in channel
    assert record.original_message_id in channel


async def test_fetch_guild_and_fetch_command(fake: Fake, rest: RESTClient) -> None:
    registered = fake.world.add_command(name="ping")
    data = {"id": registered["id"], "name": "ping", "type": 1}
    command, _ = interaction(fake, rest, **data)
    assert isinstance(command, CommandInteraction)
    guild = await command.fetch_guild()
    assert guild is not None
    assert guild.name == "g"
    assert (await command.fetch_command()).name == "ping"
    focused = {**data, "options": [{"name": "q", "type": 3, "value": "x", "focused": True}]}
    typing_in, _ = interaction(fake, rest, 4, **focused)
    assert isinstance(typing_in, AutocompleteInteraction)
    assert (await typing_in.fetch_command()).id == command.command_id
    in_dm, _ = interaction(fake, rest, in_guild=False)
    assert await in_dm.fetch_guild() is None


def modal_rows() -> list[ModalActionRowBuilder]:
    row = ModalActionRowBuilder()
    row.add_component(TextInputBuilder(custom_id="answer", label="Answer"))
    return [row]


async def test_create_modal_response_takes_hikari_arguments(fake: Fake, rest: RESTClient) -> None:
    command, record = interaction(fake, rest)
    assert isinstance(command, CommandInteraction)
    await command.create_modal_response("Feedback", "form", components=modal_rows())
    assert record.response is not None
    assert record.response["type"] == ResponseType.MODAL
    assert record.response["data"]["title"] == "Feedback"
    assert record.response["data"]["custom_id"] == "form"
    button: dict[str, typing.Any] = {"custom_id": "open", "component_type": 2}
    component, record = interaction(fake, rest, 3, **button)
    assert isinstance(component, ComponentInteraction)
    (row,) = modal_rows()
    await component.create_modal_response("Again", "form-2", row)
    assert record.response is not None
    assert record.response["data"]["custom_id"] == "form-2"


async def test_autocomplete_build_response_takes_choices_by_keyword(fake: Fake) -> None:
    data: dict[str, typing.Any] = {"id": "1", "name": "find", "type": 1, "options": []}
    typing_in, _ = interaction(fake, CachedApp(), 4, **data)
    assert isinstance(typing_in, AutocompleteInteraction)
    built = typing_in.build_response(choices=[("one", "1")])
    assert [c.name for c in built.choices] == ["one"]


async def test_get_guild_reads_the_cache(fake: Fake, rest: RESTClient) -> None:
    app = CachedApp()
    guild_payload = {**p.guild_create(), "id": fake.guild["id"], "name": "cached"}
    await app.feed("GUILD_CREATE", guild_payload)
    cached, _ = interaction(fake, app)
    guild = cached.get_guild()
    assert guild is not None
    assert (guild.id, guild.name) == (Snowflake(fake.guild["id"]), "cached")
    uncached, _ = interaction(fake, rest)
    assert uncached.get_guild() is None
    in_dm, _ = interaction(fake, app, in_guild=False)
    assert in_dm.get_guild() is None
