"""A 2xx answer whose JSON has the wrong shape: one translation, for every endpoint.

Endpoint methods index the answer and hand it to `serde` decoders. When Discord (or a proxy,
or an emulator) answers 2xx with JSON of another shape, that indexing fails with a bare
`KeyError`, `TypeError`, `AttributeError`, `IndexError` or `ValueError`. Rather than guard
each of the endpoint methods, `EndpointBase` wraps every public coroutine method once with
`translating()`: when such an error escapes *after* the call received a 2xx answer, it
becomes `MalformedResponseError` naming the route (method and path template, never the
URL, which may carry a webhook or interaction token). The same error raised before any
answer (bad arguments) passes through unchanged.

`note_answer(route)` is how the request pipeline says "this call got a 2xx for `route`"; it
is a context variable, so concurrent calls never see each other's routes.
"""

from __future__ import annotations

import contextvars
import functools
import typing

from anycord import errors, logs

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from anycord.rest.routes import CompiledRoute

__all__ = ["SHAPE_ERRORS", "checked", "note_answer", "translating"]

SHAPE_ERRORS: typing.Final = (KeyError, TypeError, AttributeError, IndexError, ValueError)
"""What indexing and decoding JSON of an unexpected shape raises."""

_answered: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "anycord_rest_answered", default=None
)

_P = typing.ParamSpec("_P")
_A = typing.TypeVar("_A")
_T = typing.TypeVar("_T")


def note_answer(route: CompiledRoute) -> None:
    """Record that the current call received a 2xx answer for `route`."""
    _answered.set(str(route))


def malformed(route: str, error: BaseException) -> errors.MalformedResponseError:
    """The error for `route` whose answer broke decoding with `error`."""
    detail = logs.redact(f"{type(error).__name__}: {error}")
    return errors.MalformedResponseError(route, detail)


def translating(
    method: Callable[_P, Coroutine[typing.Any, typing.Any, _T]],
) -> Callable[_P, Coroutine[typing.Any, typing.Any, _T]]:
    """`method` with shape errors after a 2xx answer raised as `MalformedResponseError`."""

    @functools.wraps(method)
    async def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        token = _answered.set(None)
        try:
            return await method(*args, **kwargs)
        except SHAPE_ERRORS as exc:
            route = _answered.get()
            if route is None:
                raise
            raise malformed(route, exc) from exc
        finally:
            _answered.reset(token)

    return wrapper


def checked(route: CompiledRoute, function: Callable[[_A], _T]) -> Callable[[_A], _T]:
    """`function` (a decoder of `route`'s answers) raising `MalformedResponseError` for shape errors."""

    def check(raw: _A) -> _T:
        try:
            return function(raw)
        except SHAPE_ERRORS as exc:
            raise malformed(str(route), exc) from exc

    return check
