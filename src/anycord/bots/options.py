"""`GatewayBotOptions`: the keyword arguments of `GatewayBot`, as one typed dictionary.

A bot that builds a `GatewayBot` for its user (the orchestrator's `Bot`) takes these as
`**options: typing.Unpack[GatewayBotOptions]`, so a misspelt keyword fails type checking
instead of reaching `GatewayBot` at run time. tests/bots/test_gateway_bot_options.py checks
that the keys and types are `GatewayBot.__init__`'s.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    import concurrent.futures

    import httpx

    from anycord.bots.health_server import HealthServer
    from anycord.config import CacheSettings, HTTPSettings, ProxySettings
    from anycord.gateway.identify import IdentifyGate
    from anycord.intents import Intents

__all__ = ["GatewayBotOptions"]


class GatewayBotOptions(typing.TypedDict, total=False):
    """`GatewayBot`'s keyword arguments (see its docstring for what each does), but
    `shard_runner`, which the bot that builds the `GatewayBot` chooses."""

    allow_color: bool
    banner: str | None
    executor: concurrent.futures.Executor | None
    force_color: bool
    cache_settings: CacheSettings | None
    http_settings: HTTPSettings | None
    intents: Intents
    auto_chunk_members: bool
    logs: int | str | dict[str, typing.Any] | None
    max_rate_limit: float
    max_retries: int
    proxy_settings: ProxySettings | None
    rest_url: str | None
    http_transport: httpx.AsyncBaseTransport | None
    gateway_compression: typing.Literal["zlib-stream", "zstd-stream"] | None
    identify_gate: IdentifyGate | None
    max_in_flight: int | None
    close_grace: float
    gateway_hello_timeout: float
    gateway_ready_timeout: float
    health_server: HealthServer | None
