import anyio
import anyio.lowlevel
import pytest

from anycord.bots.lifecycle import Lifecycle, LifecycleState
from anycord.errors import ComponentStateConflictError


def state(lifecycle: Lifecycle) -> LifecycleState:
    # A function call, so the type checker does not narrow the state across awaits.
    return lifecycle.state


class Component:
    """The smallest component built on Lifecycle, as the bots use it."""

    def __init__(self) -> None:
        self.lifecycle = Lifecycle("component")
        self.graceful_ran = False

    async def start(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        async with self.lifecycle.running():
            self.lifecycle.mark_ready()
            task_status.started()
            await self.lifecycle.wait_for_close_request()
            self.graceful_ran = True

    async def close(self) -> None:
        self.lifecycle.request_close()
        await self.lifecycle.join()


async def test_states_follow_the_tree() -> None:
    comp = Component()
    assert state(comp.lifecycle) is LifecycleState.NOT_STARTED
    assert not comp.lifecycle.is_alive
    async with anyio.create_task_group() as tg:
        await tg.start(comp.start)
        assert state(comp.lifecycle) is LifecycleState.RUNNING
        assert comp.lifecycle.is_alive
        await comp.close()
        assert state(comp.lifecycle) is LifecycleState.CLOSED
    assert comp.graceful_ran


async def test_wrong_state_calls_raise() -> None:
    comp = Component()
    with pytest.raises(ComponentStateConflictError, match="never started"):
        await comp.lifecycle.join()
    with pytest.raises(ComponentStateConflictError, match="nothing to close"):
        comp.lifecycle.request_close()
    async with anyio.create_task_group() as tg:
        await tg.start(comp.start)
        with pytest.raises(ComponentStateConflictError, match="already running"):
            await comp.start()
        await comp.close()
    with pytest.raises(ComponentStateConflictError, match="not running"):
        comp.lifecycle.request_close()
    await comp.lifecycle.join()  # already closed: returns at once


async def test_restart_after_close() -> None:
    comp = Component()
    for _ in range(2):
        async with anyio.create_task_group() as tg:
            await tg.start(comp.start)
            await comp.close()
        assert state(comp.lifecycle) is LifecycleState.CLOSED


async def test_cancellation_closes_and_releases_joiners() -> None:
    comp = Component()
    joined = anyio.Event()

    async def joiner() -> None:
        await comp.lifecycle.join()
        joined.set()

    async with anyio.create_task_group() as outer:
        async with anyio.create_task_group() as tg:
            await tg.start(comp.start)
            outer.start_soon(joiner)
            await anyio.lowlevel.checkpoint()
            tg.cancel_scope.cancel()
        with anyio.fail_after(1):
            await joined.wait()
    assert state(comp.lifecycle) is LifecycleState.CLOSED
    assert comp.lifecycle.error is None


async def test_error_is_recorded_and_raised() -> None:
    lifecycle = Lifecycle("failing")
    with pytest.raises(RuntimeError, match="boom"):
        async with lifecycle.running():
            raise RuntimeError("boom")
    assert isinstance(lifecycle.error, RuntimeError)
    assert state(lifecycle) is LifecycleState.CLOSED


async def test_close_during_starting() -> None:
    lifecycle = Lifecycle("early")
    async with lifecycle.running():
        assert state(lifecycle) is LifecycleState.STARTING
        lifecycle.request_close()
        lifecycle.mark_ready()  # a close that came first wins
        assert state(lifecycle) is LifecycleState.CLOSING
        await lifecycle.wait_for_close_request()
    assert state(lifecycle) is LifecycleState.CLOSED
