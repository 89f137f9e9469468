"""The dispatcher: `EventManager` (listeners, dispatch, wait_for, stream, the shard sink)."""

from __future__ import annotations

from anycord.dispatch.manager import DispatchHandle as DispatchHandle
from anycord.dispatch.manager import EventManager as EventManager
from anycord.dispatch.stream import EventStream as EventStream

__all__ = ["DispatchHandle", "EventManager", "EventStream"]
