from __future__ import annotations

import anyio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.errors import SessionBudgetExhaustedError
from anycord.gateway.identify import IDENTIFY_WINDOW, IdentifyWindows, LocalIdentifyGate
from anycord.gateway.sendlimit import SendLimiter


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=30), st.booleans()), min_size=1, max_size=400
    )
)
def test_every_window_holds_at_most_the_limit(steps: list[tuple[float, bool]]) -> None:
    limiter = SendLimiter(slack=0.0)
    now = 0.0
    sent: list[tuple[float, bool]] = []
    for gap, priority in steps:
        now += gap
        wait = limiter.try_acquire(now, priority=priority)
        while wait:
            now += wait
            wait = limiter.try_acquire(now, priority=priority)
        sent.append((now, priority))
    times = [t for t, _ in sent]
    for i, start in enumerate(times):
        in_window = [t for t in times[i:] if t < start + 60.0]
        assert len(in_window) <= 120
        ordinary = [t for (t, p) in sent[i:] if not p and t < start + 60.0]
        assert len(ordinary) <= 117


def test_heartbeats_keep_their_reserve() -> None:
    limiter = SendLimiter()
    for _ in range(117):
        assert limiter.try_acquire(0.0) == 0.0
    assert limiter.try_acquire(0.0) > 59.0  # ordinary sends must wait for the window
    for _ in range(3):
        assert limiter.try_acquire(1.0, priority=True) == 0.0
    assert limiter.delay(1.0, priority=True) > 0.0
    assert limiter.delay(61.5) == 0.0


def test_identify_windows() -> None:
    windows = IdentifyWindows(2, remaining_sessions=3)
    windows.take(0, 0.0)
    assert windows.delay(2, 1.0) == pytest.approx(IDENTIFY_WINDOW - 1.0)  # same bucket as shard 0
    assert windows.delay(1, 1.0) == 0.0  # the other bucket
    windows.take(1, 1.0)
    windows.take(2, IDENTIFY_WINDOW)
    with pytest.raises(SessionBudgetExhaustedError):
        windows.take(3, 10.0)


async def test_local_gate_spaces_each_bucket_by_five_seconds() -> None:
    gate = LocalIdentifyGate(max_concurrency=2)
    times: dict[int, float] = {}

    async def go(shard_id: int) -> None:
        await gate.acquire(shard_id)
        times[shard_id] = anyio.current_time()

    start = anyio.current_time()
    async with anyio.create_task_group() as tg:
        for shard_id in range(6):
            tg.start_soon(go, shard_id)
    for bucket in (0, 1):
        got = sorted(times[s] - start for s in range(6) if s % 2 == bucket)
        assert got == pytest.approx([0.0, IDENTIFY_WINDOW, 2 * IDENTIFY_WINDOW])
