"""hikari's builder factories and shortcuts on the REST client, against FakeDiscord's REST app
(both backends): command builders with fluent setters, interaction response builders, and
`create_slash_command`/`create_context_menu_command`/`create_modal_response`/
`create_autocomplete_response`."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.interactions.builders import (
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
)
from anycord.models.commands import (
    CommandOption,
    CommandType,
    ContextMenuCommandBuilder,
    OptionType,
    SlashCommandBuilder,
)
from anycord.models.interactions import ResponseType

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake


async def test_slash_command_builder_chains_and_bulk_overwrites(
    fake: Fake, rest: RESTClient
) -> None:
    app_id = fake.world.application_id
    ping = (
        rest.slash_command_builder("ping", "Get the bot's latency.")
        .set_is_nsfw(False)
        .set_default_member_permissions(8)
        .set_name_localizations({"fr": "ping"})
        .set_description_localizations({"fr": "La latence."})
        .set_context_types([0, 1])
        .add_option(CommandOption(type=OptionType.STRING, name="who", description="whom"))
    )
    assert isinstance(ping, SlashCommandBuilder)
    assert ping.context_types == [0, 1]
    info = rest.slash_command_builder("info", "Learn something.")
    user = rest.context_menu_command_builder(CommandType.USER, "Inspect")
    assert isinstance(user, ContextMenuCommandBuilder)
    created = await rest.set_application_commands(
        application=app_id, commands=[ping, info, user], guild=fake.guild["id"]
    )
    assert sorted(c.name for c in created) == ["Inspect", "info", "ping"]
    sent = fake.rest.requests[-1].json
    assert sent[0]["options"][0]["name"] == "who"
    assert sent[0]["default_member_permissions"] == "8"
    assert sent[0]["contexts"] == [0, 1]
    listed = await rest.fetch_application_commands(app_id, fake.guild["id"])
    assert sorted(c.name for c in listed) == ["Inspect", "info", "ping"]


async def test_builder_create_and_rest_shortcuts(fake: Fake, rest: RESTClient) -> None:
    app_id = fake.world.application_id
    made = await rest.slash_command_builder("hello", "Say hello").create(rest, app_id)
    assert made.name == "hello"
    made = await rest.create_slash_command(app_id, "echo", "Echo it", nsfw=True)
    assert made.name == "echo"
    assert fake.rest.requests[-1].json["nsfw"] is True
    made = await rest.create_context_menu_command(
        app_id, CommandType.MESSAGE, "Quote", guild=fake.guild["id"]
    )
    assert made.name == "Quote"
    assert fake.rest.requests[-1].json["type"] == 3


async def test_builders_check_limits_before_any_request(fake: Fake, rest: RESTClient) -> None:
    before = len(fake.rest.requests)
    with pytest.raises(ValueError, match="description"):
        await rest.create_slash_command(fake.world.application_id, "ok", "x" * 101)
    with pytest.raises(ValueError, match="name"):
        await rest.slash_command_builder("Bad Name", "d").create(rest, fake.world.application_id)
    assert len(fake.rest.requests) == before


async def test_interaction_builder_factories(rest: RESTClient) -> None:
    message = rest.interaction_message_builder(ResponseType.MESSAGE_CREATE).set_content("hi")
    assert isinstance(message, InteractionMessageBuilder)
    assert message.build()[0] == {"type": 4, "data": {"content": "hi"}}
    deferred = rest.interaction_deferred_builder(5)
    assert isinstance(deferred, InteractionDeferredBuilder)
    assert deferred.build()[0] == {"type": 5}
    auto = rest.interaction_autocomplete_builder([{"name": "a", "value": "a"}])
    assert isinstance(auto, InteractionAutocompleteBuilder)
    modal = rest.interaction_modal_builder("Title", "modal-id")
    assert isinstance(modal, InteractionModalBuilder)
    with pytest.raises(ValueError, match="MESSAGE_CREATE"):
        rest.interaction_message_builder(ResponseType.MODAL)


async def test_create_autocomplete_and_modal_responses(fake: Fake, rest: RESTClient) -> None:
    record = fake.world.new_interaction(type=4, now=anyio.current_time())
    await rest.create_autocomplete_response(
        record.id, record.token, [{"name": "one", "value": "1"}]
    )
    assert record.response == {
        "type": 8,
        "data": {"choices": [{"name": "one", "value": "1"}]},
    }
    with pytest.raises(ValueError, match="25"):
        await rest.create_autocomplete_response(
            record.id, record.token, [{"name": str(i), "value": str(i)} for i in range(26)]
        )
    record = fake.world.new_interaction(type=2, now=anyio.current_time())
    text_input = {
        "type": 1,
        "components": [{"type": 4, "custom_id": "t", "label": "Why?", "style": 1}],
    }
    await rest.create_modal_response(
        record.id, record.token, title="Quick question", custom_id="m", component=text_input
    )
    assert record.response is not None
    assert record.response["type"] == 9
    assert record.response["data"]["title"] == "Quick question"
    assert record.response["data"]["components"] == [text_input]
