"""Polls: the poll on a received message, and `PollBuilder` for sending one.

Shapes from resources/poll.mdx. Limits checked when a builder is encoded: question 300
characters, answer text 55, at most 10 answers, duration 1..768 hours (32 days).
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums

if typing.TYPE_CHECKING:
    import datetime

    from anycord.models.emojis import Emoji

__all__ = [
    "POLL_LIMITS",
    "Poll",
    "PollAnswer",
    "PollAnswerCount",
    "PollBuilder",
    "PollLayoutType",
    "PollMedia",
    "PollResults",
]

POLL_LIMITS: typing.Final[typing.Mapping[str, int]] = {
    "question": 300,
    "answer": 55,
    "answers": 10,
    "duration_hours": 768,
}
"""Discord's poll limits (resources/poll.mdx)."""


class PollLayoutType(enums.IntEnum):
    """How a poll is laid out (only one layout exists so far)."""

    DEFAULT = 1


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollMedia:
    """A question or answer: text and/or an emoji."""

    text: str | None = None
    emoji: Emoji | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollAnswer:
    """An answer of a poll, with the ID Discord gave it (1, 2, …)."""

    answer_id: int | None = None
    poll_media: PollMedia


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollAnswerCount:
    """How many votes one answer has, and whether the bot voted for it."""

    id: int
    count: int
    me_voted: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollResults:
    """Vote counts; `is_finalized` once Discord has counted every vote precisely."""

    is_finalized: bool = False
    answer_counts: list[PollAnswerCount] = attrs.field(factory=list)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class Poll:
    """A poll as received on a message."""

    question: PollMedia
    answers: list[PollAnswer] = attrs.field(factory=list)
    expiry: datetime.datetime | None = None
    """`None` for polls that never expire."""
    allow_multiselect: bool = False
    layout_type: PollLayoutType = PollLayoutType.DEFAULT
    results: PollResults | None = None
    """Absent on polls Discord has not counted yet."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollBuilder:
    """A poll to send with a message.

    ```python
    poll = PollBuilder("Lunch?", duration=24).add_answer("Pizza", emoji="🍕").add_answer("Salad")
    ```
    """

    question: str = attrs.field(kw_only=False)
    duration: int | None = None
    """Hours until the poll closes (1..768; Discord's default is 24)."""
    allow_multiselect: bool | None = None
    layout_type: PollLayoutType | None = None
    answers: list[PollMedia] = attrs.field(factory=list)

    @property
    def question_text(self) -> str:
        """hikari's name for `question`."""
        return self.question

    def add_answer(
        self, text: str | None = None, *, emoji: Emoji | str | None = None
    ) -> PollBuilder:
        """Append an answer (text and/or emoji: an `Emoji` or a Unicode emoji string)."""
        self.answers.append(PollMedia(text=text, emoji=typing.cast("Emoji | None", emoji)))
        return self
