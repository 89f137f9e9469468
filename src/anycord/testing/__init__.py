"""`anycord.testing`: a Discord emulator for offline tests of any bot.

```python
from anycord.testing import FakeDiscord

async def test_bot() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="test", members=3, channels=1)
        ...  # run the bot with rest_url=fake.rest_url and token=fake.token
```

See docs/testing.md ("Testing your bot offline").
"""

from __future__ import annotations

from anycord.testing._http import RecordedFile, RecordedRequest
from anycord.testing.commands import CommandInvoker, Invocation
from anycord.testing.fake import FakeDiscord
from anycord.testing.interactions import (
    InteractionResponse,
    InteractionResponseError,
    InteractionSender,
    check_response,
)
from anycord.testing.ratelimits import RateLimitStats, ServerRateLimits
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World

__all__ = [
    "CommandInvoker",
    "FakeDiscord",
    "FakeRestApp",
    "InteractionResponse",
    "InteractionResponseError",
    "InteractionSender",
    "Invocation",
    "RateLimitStats",
    "RecordedFile",
    "RecordedRequest",
    "ServerRateLimits",
    "World",
    "check_response",
]
