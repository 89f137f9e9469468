"""Every bot and the REST client satisfy the protocols models and events type their `app` by.

`anycord.traits.ModelREST` declares the REST methods models' convenience methods call;
`RESTClient` must satisfy it structurally, and every bot must be `RESTAware`. Events carry
the concrete client and cache (`EventApp`), which the gateway bots provide. The assignments
below are checked by `mypy --strict` over tests/ (a signature drifting on either side fails
it); the tests also run them on real objects. And `traits` stays at the bottom of the
import graph: it imports nothing above `anycord.models`, not even for annotations.
"""

from __future__ import annotations

import ast
import pathlib

import anycord
from anycord import AsgiBot, CacheAware, EventApp, GatewayBot, RESTAware, RESTBot, RESTClient
from anycord.cache import Cache
from anycord.orchestrator import Bot
from anycord.orchestrator.coordinator import ShardPlan
from anycord.orchestrator.memory import MemoryCoordinator
from anycord.traits import ModelCache, ModelCacheAware, ModelREST, model_cache

TRAITS = pathlib.Path(anycord.__file__).resolve().parent / "traits.py"
_BELOW_MODELS = ("anycord.models", "anycord.snowflakes", "anycord.undefined", "anycord.files")


def _typed_as_the_protocols(
    client: RESTClient, gateway: GatewayBot, rest_bot: RESTBot, asgi_bot: AsgiBot, bot: Bot
) -> list[object]:
    # mypy checks each assignment: the object must satisfy the protocol on the left.
    model_rest: ModelREST = client
    rest_aware: list[RESTAware] = [client, gateway, rest_bot, asgi_bot, bot, bot.gateway_bot]
    event_apps: list[EventApp] = [gateway, bot, bot.gateway_bot]
    cache_aware: list[CacheAware] = [gateway, bot]
    model_caches: list[ModelCache] = [gateway.cache, bot.cache]
    model_cache_aware: list[ModelCacheAware] = [gateway, bot]
    return [model_rest, rest_aware, event_apps, cache_aware, model_caches, model_cache_aware]


def test_the_client_and_every_bot_satisfy_the_app_protocols() -> None:
    client = RESTClient("a.b.c")
    gateway = GatewayBot("a.b.c", logs=None, banner=None)
    rest_bot = RESTBot("a.b.c", public_key="00" * 32, logs=None, banner=None)
    asgi_bot = AsgiBot("a.b.c", public_key="00" * 32, logs=None, banner=None)
    coordinator = MemoryCoordinator(ShardPlan(shard_count=1, max_concurrency=1))
    bot = Bot(coordinator, "a.b.c", logs=None, banner=None)
    checked = _typed_as_the_protocols(client, gateway, rest_bot, asgi_bot, bot)
    assert len(checked) == 6
    for app in (client, gateway, bot):
        assert isinstance(app, RESTAware)
    for app in (gateway, bot):
        assert isinstance(app, CacheAware)
        assert isinstance(app, EventApp)
    assert model_cache(gateway) is gateway.cache
    assert model_cache(bot) is bot.cache
    rest_only: list[object] = [client, rest_bot, asgi_bot]
    for rest_app in rest_only:
        assert model_cache(rest_app) is None  # REST-only: the models' `get_*` answer None
    cache_reads = {n for n in vars(ModelCache) if not n.startswith("_")}
    assert cache_reads
    assert all(callable(getattr(Cache, n)) for n in cache_reads)
    # Every method the protocol names is a method of the client.
    declared = {n for n in vars(ModelREST) if not n.startswith("_")}
    assert declared, "ModelREST declares no method"
    assert all(callable(getattr(client, n)) for n in declared)


def test_traits_imports_nothing_above_models_even_for_annotations() -> None:
    imported: list[str] = []
    for node in ast.walk(ast.parse(TRAITS.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            imported.append(node.module)
        elif isinstance(node, ast.Import):
            imported.extend(alias.name for alias in node.names)
    ours = [name for name in imported if name.startswith("anycord")]
    assert ours, "traits imports nothing of anycord: the test would pass vacuously"
    assert [name for name in ours if not name.startswith(_BELOW_MODELS)] == []
