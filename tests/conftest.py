"""Shared fixtures. Every async test runs once per backend: `[asyncio]` and `[trio]`."""

from __future__ import annotations

import pytest


@pytest.fixture(
    params=[
        pytest.param("asyncio", id="asyncio"),
        pytest.param("trio", id="trio"),
    ]
)
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Both backends, for every async test (anyio's plugin runs in auto mode)."""
    return str(request.param)
