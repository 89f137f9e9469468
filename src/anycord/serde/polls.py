"""Polls ↔ JSON. `encode_poll_builder` checks Discord's limits and raises `ValueError` naming the one broken."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.polls import (
    POLL_LIMITS,
    Poll,
    PollAnswer,
    PollAnswerCount,
    PollBuilder,
    PollLayoutType,
    PollMedia,
    PollResults,
)
from anycord.serde import _links
from anycord.serde._core import JSONObject, opt_iso, register, to_iso

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_poll",
    "decode_poll_media",
    "encode_poll",
    "encode_poll_builder",
    "encode_poll_media",
]


def decode_poll_media(payload: JSONObject) -> PollMedia:
    """A poll media object."""
    emoji = payload.get("emoji")
    return PollMedia(
        text=payload.get("text"),
        emoji=None if emoji is None else _links.decode_partial_emoji(emoji),
    )


def encode_poll_media(media: PollMedia) -> JSONObject:
    """A poll media object (only set fields; a `str` emoji is sent as a Unicode emoji)."""
    out: JSONObject = {}
    if media.text is not None:
        out["text"] = media.text
    if media.emoji is not None:
        emoji: typing.Any = media.emoji
        out["emoji"] = (
            {"name": emoji} if isinstance(emoji, str) else _links.encode_partial_emoji(emoji)
        )
    return out


def decode_poll(payload: JSONObject, app: RESTAware | None = None) -> Poll:
    """A poll object (received)."""
    del app
    results = payload.get("results")
    return Poll(
        question=decode_poll_media(payload["question"]),
        answers=[
            PollAnswer(
                answer_id=a.get("answer_id"), poll_media=decode_poll_media(a.get("poll_media", {}))
            )
            for a in payload.get("answers", ())
        ],
        expiry=opt_iso(payload.get("expiry")),
        allow_multiselect=payload.get("allow_multiselect", False),
        layout_type=try_enum(PollLayoutType, payload.get("layout_type", 1)),
        results=None
        if results is None
        else PollResults(
            is_finalized=results.get("is_finalized", False),
            answer_counts=[
                PollAnswerCount(id=r["id"], count=r["count"], me_voted=r.get("me_voted", False))
                for r in results.get("answer_counts", ())
            ],
        ),
    )


def encode_poll(poll: Poll) -> JSONObject:
    """A received poll as Discord sends it."""
    out: JSONObject = {
        "question": encode_poll_media(poll.question),
        "answers": [
            {
                **({"answer_id": a.answer_id} if a.answer_id is not None else {}),
                "poll_media": encode_poll_media(a.poll_media),
            }
            for a in poll.answers
        ],
        "expiry": None if poll.expiry is None else to_iso(poll.expiry),
        "allow_multiselect": poll.allow_multiselect,
        "layout_type": int(poll.layout_type),
    }
    if poll.results is not None:
        out["results"] = {
            "is_finalized": poll.results.is_finalized,
            "answer_counts": [
                {"id": r.id, "count": r.count, "me_voted": r.me_voted}
                for r in poll.results.answer_counts
            ],
        }
    return out


def encode_poll_builder(poll: PollBuilder) -> JSONObject:
    """A poll create request, after checking Discord's limits."""
    if len(poll.question) > POLL_LIMITS["question"]:
        msg = f"poll question is {len(poll.question)} characters long; Discord's limit is {POLL_LIMITS['question']}"
        raise ValueError(msg)
    if not poll.answers:
        msg = "a poll needs at least one answer"
        raise ValueError(msg)
    if len(poll.answers) > POLL_LIMITS["answers"]:
        msg = f"poll has {len(poll.answers)} answers; Discord's limit is {POLL_LIMITS['answers']}"
        raise ValueError(msg)
    for answer in poll.answers:
        if answer.text is not None and len(answer.text) > POLL_LIMITS["answer"]:
            limit = POLL_LIMITS["answer"]
            msg = f"poll answer {answer.text[:20]!r}… is {len(answer.text)} characters long; Discord's limit is {limit}"
            raise ValueError(msg)
    if poll.duration is not None and not 1 <= poll.duration <= POLL_LIMITS["duration_hours"]:
        msg = f"poll duration is {poll.duration} hours; Discord allows 1 to {POLL_LIMITS['duration_hours']} (32 days)"
        raise ValueError(msg)
    out: JSONObject = {
        "question": {"text": poll.question},
        "answers": [{"poll_media": encode_poll_media(a)} for a in poll.answers],
    }
    if poll.duration is not None:
        out["duration"] = poll.duration
    if poll.allow_multiselect is not None:
        out["allow_multiselect"] = poll.allow_multiselect
    if poll.layout_type is not None:
        out["layout_type"] = int(poll.layout_type)
    return out


register(Poll, decode=decode_poll, encode=encode_poll)
register(PollBuilder, encode=encode_poll_builder)
