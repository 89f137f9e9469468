"""`GatewayBotOptions` is exactly `GatewayBot`'s keyword arguments (but `shard_runner`).

A bot that forwards `**options: Unpack[GatewayBotOptions]` to `GatewayBot` (the
orchestrator's `Bot`) gets the same keywords with the same types, so a misspelt keyword fails
type checking. Introspection of two classes, no backend: runs once.
"""

from __future__ import annotations

import inspect

from anycord import GatewayBot
from anycord.bots.options import GatewayBotOptions


def test_the_options_are_the_gateway_bot_keywords_with_their_types() -> None:
    params = inspect.signature(GatewayBot.__init__).parameters
    keywords = {
        name: p.annotation
        for name, p in params.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and name != "shard_runner"
    }
    options = {
        name: hint.__forward_arg__ for name, hint in GatewayBotOptions.__annotations__.items()
    }
    assert options == keywords
