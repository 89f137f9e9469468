"""Fluent component builders go anywhere components go: messages, interaction responses and
modals, through the REST client to FakeDiscord's REST app (both backends)."""

from __future__ import annotations

import typing

import anyio

import anycord
from anycord.interactions.builders import InteractionMessageBuilder
from anycord.models import components as c

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake


async def test_message_with_an_action_row_builder(fake: Fake, rest: RESTClient) -> None:
    row = rest.build_message_action_row().add_interactive_button(
        anycord.ButtonStyle.SUCCESS, "ok", label="OK"
    )
    message = await rest.create_message(fake.channels[0]["id"], "pick", components=[row])
    sent = fake.rest.requests[-1].json
    assert sent["components"] == [
        {"type": 1, "components": [{"type": 2, "style": 3, "label": "OK", "custom_id": "ok"}]}
    ]
    row_model = message.components[0]
    assert isinstance(row_model, c.ActionRowComponent)
    button = row_model.components[0]
    assert isinstance(button, c.ButtonComponent)
    assert button.custom_id == "ok"


async def test_components_v2_message(fake: Fake, rest: RESTClient) -> None:
    container = anycord.ContainerComponentBuilder(accent_color=0x112233)
    container.add_text_display("# Hello").add_separator(divider=True)
    await rest.create_message(
        fake.channels[0]["id"],
        components=[container],
        flags=anycord.MessageFlag.IS_COMPONENTS_V2,
    )
    sent = fake.rest.requests[-1].json
    assert sent["flags"] == int(anycord.MessageFlag.IS_COMPONENTS_V2)
    assert sent["components"][0]["type"] == 17
    assert sent["components"][0]["components"][0] == {"type": 10, "content": "# Hello"}


async def test_interaction_responses_and_modals_take_builders(fake: Fake, rest: RESTClient) -> None:
    record = fake.world.new_interaction(type=2, now=anyio.current_time())
    row = anycord.MessageActionRowBuilder().add_link_button("https://example.com", label="Go")
    response = InteractionMessageBuilder(4).set_content("hi").add_component(row)
    payload, _ = response.build()
    assert payload["data"]["components"][0]["components"][0]["url"] == "https://example.com"
    await rest.create_interaction_response(record.id, record.token, 4, "hi", components=[row])
    assert record.response is not None
    assert record.response["data"]["components"][0]["components"][0]["style"] == 5

    record = fake.world.new_interaction(type=2, now=anyio.current_time())
    label = anycord.LabelComponentBuilder(
        label="Colour", component=anycord.TextInputBuilder(custom_id="colour")
    )
    await rest.create_modal_response(
        record.id, record.token, title="Question", custom_id="q", components=[label]
    )
    assert record.response is not None
    assert record.response["data"]["components"][0]["type"] == 18
    modal_row = rest.build_modal_action_row().add_text_input("why", "Why?")
    record = fake.world.new_interaction(type=2, now=anyio.current_time())
    await rest.create_modal_response(
        record.id, record.token, title="Q", custom_id="q2", component=modal_row
    )
    assert record.response is not None
    assert record.response["data"]["components"][0]["components"][0]["custom_id"] == "why"
