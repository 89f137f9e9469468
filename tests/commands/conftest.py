"""The real redis-server of the orchestrator tests, for cooldowns shared on Redis."""

from __future__ import annotations

from tests.orchestrator.conftest import (  # noqa: F401  (fixtures, registered by import)
    _collect_coredis_leftovers,
    redis_url,
)
