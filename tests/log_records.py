"""Capture log records from every logger (anycord's and third parties': anyio, asyncio, hypercorn)."""

from __future__ import annotations

import contextlib
import logging
import typing


class Records(logging.Handler):
    """Keeps every record at or above its level."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def logged(level: int) -> typing.Iterator[list[logging.LogRecord]]:
    """The records logged anywhere at `level` or above while the block runs."""
    handler = Records(level)
    root = logging.getLogger()
    # Bots built by earlier tests set anycord's own level (their default `logs="INFO"`).
    ours = logging.getLogger("anycord")
    previous, previous_ours = root.level, ours.level
    root.addHandler(handler)
    root.setLevel(min(previous, level))
    if ours.level > level:
        ours.setLevel(level)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
        ours.setLevel(previous_ours)
