"""Response builders: exact JSON, and Discord's limits as ValueError before sending."""

from __future__ import annotations

import pytest

from anycord.interactions import (
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionLaunchActivityBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    InteractionPongBuilder,
    ResponseType,
)
from anycord.interactions.builders import COMPONENTS_V2_FLAG, EPHEMERAL_FLAG, build_allowed_mentions

BUTTON_ROW = {"type": 1, "components": [{"type": 2, "style": 1, "label": "Go", "custom_id": "go"}]}


def test_message_builder_exact_json() -> None:
    builder = (
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE)
        .set_content("hello")
        .set_tts(True)
        .add_embed({"title": "t"})
        .add_component(BUTTON_ROW)
        .set_flags(EPHEMERAL_FLAG)
        .set_poll({"question": {"text": "?"}, "answers": [{"poll_media": {"text": "a"}}]})
        .set_mentions(mentions_everyone=False, user_mentions=[1, 2], role_mentions=True)
    )
    payload, files = builder.build()
    assert files == []
    assert payload == {
        "type": 4,
        "data": {
            "content": "hello",
            "tts": True,
            "embeds": [{"title": "t"}],
            "components": [BUTTON_ROW],
            "poll": {"question": {"text": "?"}, "answers": [{"poll_media": {"text": "a"}}]},
            "allowed_mentions": {"parse": ["roles"], "users": ["1", "2"]},
            "flags": 64,
        },
    }


def test_only_given_fields_reach_the_wire() -> None:
    assert InteractionMessageBuilder(ResponseType.MESSAGE_UPDATE).build() == (
        {"type": 7, "data": {}},
        [],
    )
    cleared = (
        InteractionMessageBuilder(ResponseType.MESSAGE_UPDATE).clear_embeds().clear_components()
    )
    assert cleared.clear_attachments().build()[0]["data"] == {
        "embeds": [],
        "components": [],
        "attachments": [],
    }


def test_components_v2_flag_is_added_and_content_refused() -> None:
    container = {"type": 17, "components": [{"type": 10, "content": "hi"}]}
    payload, _ = (
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).add_component(container).build()
    )
    assert payload["data"]["flags"] == COMPONENTS_V2_FLAG
    with pytest.raises(ValueError, match="components-v2"):
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="x").add_component(
            container
        ).build()
    too_many = {"type": 17, "components": [{"type": 10, "content": str(i)} for i in range(40)]}
    with pytest.raises(ValueError, match="40"):
        InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).add_component(too_many).build()


@pytest.mark.parametrize(
    "breaks",
    [
        lambda b: b.set_content("x" * 2001),
        lambda b: [b.add_embed({}) for _ in range(11)],
        lambda b: [b.add_attachment(f"f{i}.txt") for i in range(11)],
        lambda b: b.set_flags(1 << 1),
        lambda b: [b.add_component(BUTTON_ROW) for _ in range(6)] and b.build(),
        lambda b: b.set_mentions(user_mentions=list(range(101))),
    ],
)
def test_message_limits(breaks) -> None:
    with pytest.raises(ValueError):
        breaks(InteractionMessageBuilder(ResponseType.MESSAGE_CREATE))


def test_message_builder_type_is_checked() -> None:
    with pytest.raises(ValueError, match="MESSAGE_CREATE"):
        InteractionMessageBuilder(ResponseType.MODAL)


def test_deferred_builder() -> None:
    assert InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_CREATE).build() == (
        {"type": 5},
        (),
    )
    ephemeral = InteractionDeferredBuilder(
        ResponseType.DEFERRED_MESSAGE_CREATE, flags=EPHEMERAL_FLAG
    )
    assert ephemeral.build()[0] == {"type": 5, "data": {"flags": 64}}
    assert InteractionDeferredBuilder(6).build()[0] == {"type": 6}
    with pytest.raises(ValueError, match=r"EPHEMERAL|flags"):
        InteractionDeferredBuilder(ResponseType.DEFERRED_MESSAGE_CREATE, flags=COMPONENTS_V2_FLAG)
    with pytest.raises(ValueError):
        InteractionDeferredBuilder(ResponseType.MESSAGE_CREATE)


def test_autocomplete_builder() -> None:
    builder = InteractionAutocompleteBuilder([("a", "x"), {"name": "b", "value": 2}]).add_choice(
        "c", 1.5
    )
    assert builder.build()[0] == {
        "type": 8,
        "data": {
            "choices": [
                {"name": "a", "value": "x"},
                {"name": "b", "value": 2},
                {"name": "c", "value": 1.5},
            ]
        },
    }
    with pytest.raises(ValueError, match="25"):
        InteractionAutocompleteBuilder([(str(i), i) for i in range(26)])
    with pytest.raises(ValueError):
        InteractionAutocompleteBuilder([("", 1)])
    with pytest.raises(ValueError):
        InteractionAutocompleteBuilder([("n", "v" * 101)])
    with pytest.raises(TypeError):
        InteractionAutocompleteBuilder([("n", True)])


def test_modal_builder() -> None:
    text = {"type": 18, "label": "L", "component": {"type": 4, "custom_id": "t", "style": 1}}
    assert InteractionModalBuilder("Title", "id", [text]).build()[0] == {
        "type": 9,
        "data": {"title": "Title", "custom_id": "id", "components": [text]},
    }
    with pytest.raises(ValueError, match="title"):
        InteractionModalBuilder("t" * 46, "id")
    with pytest.raises(ValueError, match="custom_id"):
        InteractionModalBuilder("t", "")
    with pytest.raises(ValueError, match="1-5"):
        InteractionModalBuilder("t", "id", [text] * 6)
    with pytest.raises(ValueError, match="at least one"):
        InteractionModalBuilder("t", "id").build()


def test_pong_and_launch_activity() -> None:
    assert InteractionPongBuilder().build() == ({"type": 1}, ())
    assert InteractionLaunchActivityBuilder().build() == ({"type": 12}, ())


def test_allowed_mentions_default_is_none() -> None:
    assert build_allowed_mentions() is None
    assert build_allowed_mentions(mentions_reply=True, user_mentions=False) == {
        "parse": [],
        "replied_user": True,
    }


# -- hikari-style builder factories on the interaction models ---------------------------------


async def test_interactions_build_their_responses() -> None:
    from anycord.models.commands import CommandChoice
    from anycord.models.interactions import (
        AutocompleteInteraction,
        CommandInteraction,
        ComponentInteraction,
        ModalInteraction,
    )
    from anycord.serde.interactions import decode_interaction
    from anycord.testing import FakeDiscord

    async with FakeDiscord() as fake:
        channel = fake.add_channel(fake.add_guild(name="g")["id"])
        message = fake.add_message(channel["id"], "with a button")
        it = fake.interactions
        command = decode_interaction(it.command("hello"))
        component = decode_interaction(it.component("b", message=message))
        sent_modal = {"custom_id": "m", "components": []}
        modal = decode_interaction(it.build(5, sent_modal, channel_id=channel["id"]))
        focused = {"name": "q", "type": 3, "value": "ab", "focused": True}
        auto = decode_interaction(
            it.build(4, {"id": "1", "name": "x", "type": 1, "options": [focused]})
        )
    assert isinstance(command, CommandInteraction)
    assert isinstance(component, ComponentInteraction)
    assert isinstance(modal, ModalInteraction)
    assert isinstance(auto, AutocompleteInteraction)

    assert command.build_response().set_content("hi").build() == (
        {"type": 4, "data": {"content": "hi"}},
        [],
    )
    assert command.build_deferred_response().set_flags(EPHEMERAL_FLAG).build() == (
        {"type": 5, "data": {"flags": 64}},
        (),
    )
    with pytest.raises(ValueError, match="CommandInteraction is answered with MESSAGE_CREATE"):
        command.build_response(ResponseType.MESSAGE_UPDATE)
    with pytest.raises(ValueError, match="DEFERRED_MESSAGE_CREATE, not DEFERRED_MESSAGE_UPDATE"):
        command.build_deferred_response(ResponseType.DEFERRED_MESSAGE_UPDATE)
    text = {"type": 18, "label": "Name", "component": {"type": 4, "custom_id": "n", "style": 1}}
    payload, _ = command.build_modal_response("Tell me", "form", [text]).build()
    assert payload == {
        "type": 9,
        "data": {"title": "Tell me", "custom_id": "form", "components": [text]},
    }

    assert component.build_response(ResponseType.MESSAGE_UPDATE).build()[0] == {
        "type": 7,
        "data": {},
    }
    assert component.build_deferred_response(6).build()[0] == {"type": 6}
    assert component.build_modal_response("T", "c").type is ResponseType.MODAL
    assert modal.build_response(ResponseType.MESSAGE_UPDATE).type is ResponseType.MESSAGE_UPDATE
    assert not hasattr(modal, "build_modal_response")
    with pytest.raises(ValueError, match="not PONG"):
        modal.build_response(ResponseType.PONG)

    choices = [CommandChoice(name="one", value=1, name_localizations={"fr": "un"}), ("two", 2)]
    assert auto.build_response(choices).build()[0] == {
        "type": 8,
        "data": {
            "choices": [
                {"name": "one", "value": 1, "name_localizations": {"fr": "un"}},
                {"name": "two", "value": 2},
            ]
        },
    }
    assert auto.build_response().add_choice("x", "y").build()[0]["data"]["choices"] == [
        {"name": "x", "value": "y"}
    ]
