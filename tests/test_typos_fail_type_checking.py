"""A misspelt keyword or attribute of the public API fails `mypy --strict`.

So does a message part of the wrong type (`anycord.models.message_parts`): an embed, a
component, an attachment or a poll.

So does a misspelt keyword of a `FakeDiscord` scenario method, or one that `run_server` /
`run_subprocesses` pass on to `start_server` / `spawn_subprocesses`.

So does an event registry row whose factory expects another cached type than its cache
update builds (`Row` is generic in it).

One mypy run over a small snippet that uses the public API (with the package on the path and
its cache in a temporary directory). It is a plain function: it checks types, not behaviour,
so it runs once rather than once per AnyIO backend.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

SNIPPET = """\
from collections.abc import Callable

import anycord
from anycord.cache.cache import Cache
from anycord.events.rows import Row
from anycord.gateway.shard import GatewayShard
from anycord.orchestrator import Bot
from anycord.testing import FakeDiscord


async def answer(event: anycord.InteractionCreateEvent) -> None:
    interaction = event.interaction
    assert isinstance(interaction, anycord.CommandInteraction)
    await interaction.create_initial_response(
        anycord.ResponseType.MESSAGE_CREATE, "hi", compnent=None
    )
    await interaction.execute("more", embeds=[], flgs=64)
    await interaction.edit_initial_response("edited", components=None)
    row = anycord.MessageActionRowBuilder().add_interactive_button(1, "yes", label="Yes")
    builder = anycord.InteractionMessageBuilder(anycord.ResponseType.MESSAGE_CREATE)
    builder.add_component(row).add_embed(anycord.Embed(title="t")).add_embed({"title": "raw"})
    await interaction.execute("parts", component=row, embed=anycord.Embed(title="t"))
    await interaction.execute("wrong part", embed="not an embed")
    print(interaction.channle_id)


async def reply(event: anycord.MessageCreateEvent) -> None:
    assert event.app is not None
    guild = event.app.cache.get_guild(1)
    sent = await event.app.rest.create_message(event.message.channel_id, "hi", tts=True)
    print(guild, sent.id)
    await event.app.rest.create_mesage(event.message.channel_id, "hi")
    await event.app.rest.create_message(event.message.channel_id, "hi", replly=sent)
    await event.message.respond("ok", embedz=[])


async def arrange(rest: anycord.RESTClient) -> None:
    await rest.create_guild_text_channel(1, "general", topic="hi", nsfww=False)
    await rest.edit_guild(1, description="ours", afk_timout=60)


def on_role_update(
    app: anycord.EventApp | None,
    shard: GatewayShard | None,
    payload: dict[str, object],
    old: Callable[[], anycord.Emoji] | None,
) -> anycord.RoleUpdateEvent:
    raise NotImplementedError


# The cache update builds the old `Role`; a factory expecting an old `Emoji` is refused.
ROW = Row("GUILD_ROLE_UPDATE", on_role_update, (anycord.RoleUpdateEvent,), cache=Cache.apply_role_update)


def make(coordinator: anycord.orchestrator.ShardCoordinator) -> Bot:
    return Bot(coordinator, "token", max_in_fligth=10)


def scenario(fake: FakeDiscord) -> None:
    guild = fake.add_guild(name="g", members=1, channels=1, description="payload override")
    fake.add_member(guild["id"], fake.add_user(username="alice"), nick="al", roles=[1])
    fake.add_member(guild["id"], nik="al")


def fleet() -> None:
    anycord.orchestrator.run_subprocesses("token", subprocess_count=2, lease_ttl=5.0)
    anycord.orchestrator.run_server("token", "redis://127.0.0.1", watch_intreval=1.0)
"""


def test_a_misspelt_keyword_or_attribute_fails_mypy_strict() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        snippet = pathlib.Path(tmp) / "snippet.py"
        snippet.write_text(SNIPPET)
        env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
        result = subprocess.run(
            [
                sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                "--config-file", str(ROOT / "pyproject.toml"),
                "--cache-dir", str(pathlib.Path(tempfile.gettempdir()) / "anycord-typo-mypy"),
                str(snippet),
            ],
            cwd=tmp, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
    errors = [
        line for line in result.stdout.splitlines() if "snippet.py" in line and "error:" in line
    ]
    text = "\n".join(errors)
    assert '"compnent"' in text, result.stdout
    assert '"flgs"' in text, result.stdout
    assert '"channle_id"' in text, result.stdout
    assert '"max_in_fligth"' in text, result.stdout
    assert '"create_mesage"' in text, result.stdout
    assert '"replly"' in text, result.stdout
    assert '"embedz"' in text, result.stdout
    assert '"nsfww"' in text, result.stdout
    assert '"afk_timout"' in text, result.stdout
    assert '"nik"' in text, result.stdout  # FakeDiscord's scenario keywords
    assert '"watch_intreval"' in text, result.stdout  # run_server's pass-on keywords
    assert '"_OldT" of "Row"' in text, result.stdout
    assert 'Argument "embed" to "execute"' in text, result.stdout  # a message part's type
    assert len(errors) == 13, result.stdout  # the correctly spelt calls pass
