"""`Deadlines`: one task fires each live entry `delay` seconds after it was added, in order."""

from __future__ import annotations

import anyio
import pytest

from anycord.interactions.deadlines import Deadlines
from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def test_live_entries_fire_after_the_delay_in_order_and_cancelled_ones_never() -> None:
    fired: list[tuple[str, float]] = []
    began = anyio.current_time()
    deadlines: Deadlines[str] = Deadlines(
        1.0, lambda item: fired.append((item, anyio.current_time() - began))
    )
    async with anyio.create_task_group() as tg:
        tg.start_soon(deadlines.run)
        first = deadlines.add("a")
        deadlines.add("b")
        await anyio.sleep(0.5)
        deadlines.add("c")
        Deadlines.cancel(first)
        await anyio.sleep(2.0)
        assert [item for item, _ in fired] == ["b", "c"]
        assert fired[0][1] == pytest.approx(1.0, abs=0.01)
        assert fired[1][1] == pytest.approx(1.5, abs=0.01)
        # An empty queue waits without waking; an entry added later still fires on time.
        await anyio.sleep(10.0)
        deadlines.add("d")
        await anyio.sleep(1.5)
        assert fired[2][0] == "d"
        assert fired[2][1] == pytest.approx(13.5, abs=0.01)
        tg.cancel_scope.cancel()


async def test_close_lets_the_due_entries_fire_then_returns() -> None:
    fired: list[str] = []
    deadlines: Deadlines[str] = Deadlines(1.0, fired.append)
    deadlines.add("a")
    deadlines.add("b")
    Deadlines.cancel(deadlines.add("c"))
    deadlines.close()
    with anyio.fail_after(5):
        await deadlines.run()
    assert fired == ["a", "b"]


async def test_an_action_that_raises_is_logged_and_the_rest_still_fire(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fired: list[int] = []

    def fire(item: int) -> None:
        if item == 1:
            raise RuntimeError("boom")
        fired.append(item)

    deadlines: Deadlines[int] = Deadlines(0.1, fire)
    for item in range(3):
        deadlines.add(item)
    deadlines.close()
    await deadlines.run()
    assert fired == [0, 2]
    assert "a deadline's action failed" in caplog.text


def test_a_negative_delay_is_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        Deadlines(-1.0, print)
