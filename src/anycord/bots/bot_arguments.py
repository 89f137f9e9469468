"""Checks of the arguments `GatewayBot.start` and `update_presence` take, before anything runs.

`validate_shards` refuses shard ids and counts Discord would refuse (`ValueError`, with the
offending values); `warn_about_activity` warns about activities Discord silently mangles.
"""

from __future__ import annotations

import typing
import warnings

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.presences import Activity

__all__ = ["validate_shards", "warn_about_activity"]


def validate_shards(shard_ids: Sequence[int] | None, shard_count: int | None) -> None:
    """Raise `ValueError` for a shard count below 1, or shard ids without a count, empty or
    outside `0..shard_count - 1`."""
    if shard_count is not None and shard_count < 1:
        msg = f"shard_count must be at least 1, not {shard_count}"
        raise ValueError(msg)
    if shard_ids is None:
        return
    if shard_count is None:
        msg = "shard_ids needs shard_count (which shards out of how many?)"
        raise ValueError(msg)
    if not shard_ids:
        msg = "shard_ids must not be empty"
        raise ValueError(msg)
    bad = sorted(i for i in shard_ids if not 0 <= i < shard_count)
    if bad:
        msg = f"shard_ids {bad} are outside 0..{shard_count - 1}"
        raise ValueError(msg)


def warn_about_activity(activity: Activity) -> None:
    """Warn (`UserWarning`) about a STREAMING activity without a twitch.tv or youtube.com url
    and a CUSTOM activity without a `state`."""
    # The warnings hikari gives for activities Discord silently mangles.
    kind = int(getattr(activity, "type", 0))
    url = getattr(activity, "url", None)
    if kind == 1 and not (url and ("twitch.tv/" in url or "youtube.com/" in url)):
        warnings.warn(
            "a STREAMING activity only shows as streaming with a twitch.tv or youtube.com url",
            category=UserWarning,
            stacklevel=3,
        )
    if kind == 4 and getattr(activity, "state", None) is None:
        warnings.warn(
            "a CUSTOM activity shows its `state`; the name was used as the state",
            category=UserWarning,
            stacklevel=3,
        )
