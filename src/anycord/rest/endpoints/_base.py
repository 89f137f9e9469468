"""The seam between endpoint methods and the request machinery.

Endpoint mixins only know `_request`; `RESTClient` (rest/client.py) implements it with
rate limiting, retries, multipart and error mapping. `_app` is what decoded models get as
their `app` (the bot, or the client itself when used standalone).
"""

from __future__ import annotations

import inspect
import typing

from anycord.rest import shapes
from anycord.rest.pagination import Paginator
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.files import Resource
    from anycord.rest.routes import CompiledRoute
    from anycord.serde._core import JSONObject
    from anycord.traits import RESTAware

__all__ = ["EndpointBase", "QueryValue"]

QueryValue = str | int | bool | typing.Sequence[str | int]
"""A query value: bools become `true`/`false`, sequences repeat the key (`?id=1&id=2`)."""

_T = typing.TypeVar("_T")


def _own_id(raw: JSONObject) -> str:
    return str(raw["id"])


class EndpointBase:
    """What every endpoint mixin may call.

    Every public coroutine method a subclass defines is wrapped by `shapes.translating`, so a
    2xx answer of the wrong shape raises `MalformedResponseError` naming the route.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if (
                not name.startswith("_")
                and inspect.iscoroutinefunction(value)
                and not hasattr(value, "__wrapped__")
            ):
                setattr(cls, name, shapes.translating(value))

    @property
    def _app(self) -> RESTAware:
        raise NotImplementedError

    async def _request(
        self,
        route: CompiledRoute,
        *,
        query: Mapping[str, QueryValue] | None = None,
        json: object = None,
        files: Sequence[Resource] | Mapping[str, Resource] = (),
        form: Mapping[str, str] | None = None,
        reason: UndefinedOr[str] = UNDEFINED,
        auth: UndefinedNoneOr[str] = UNDEFINED,
        raw: bool = False,
    ) -> typing.Any:  # noqa: ANN401 (the decoded JSON body, whose shape the endpoint knows)
        """Send one request and return the decoded JSON body (`None` for 204).

        Args:
            route: the compiled route (method + path + rate-limit key).
            query: query parameters; `None` values must be left out by the caller.
            json: a JSON-able body. With `files`, it is sent as the `payload_json` part.
            files: a multipart body's files: a sequence is sent as `files[n]` parts, a mapping
                under the part names it gives (`{"file": image}` for a guild sticker).
            form: plain text fields. Alone, an `application/x-www-form-urlencoded` body (OAuth2
                token endpoints); with `files`, plain parts of the multipart body.
            reason: the audit-log reason (`X-Audit-Log-Reason`, URL-quoted).
            auth: override the `Authorization` header; `None` sends none.
            raw: return a 2xx body as `bytes`, whatever its type (`b""` for 204), for the
                endpoints that answer something other than JSON (`text/csv`). Without it, a
                2xx body that is not JSON raises `HTTPError`.

        Raises the `anycord.errors.HTTPResponseError` subclass for the status, or
        `RateLimitTooLongError`, or `HTTPError` when the connection keeps failing.
        """
        raise NotImplementedError

    def _paginate(
        self,
        route: CompiledRoute,
        decode: Callable[[typing.Any], _T],
        *,
        page_size: int,
        query: Mapping[str, QueryValue] | None = None,
        direction: str = "after",
        first_cursor: str | None = None,
        next_cursor: Callable[[typing.Any], str] = _own_id,
        items: str | None = None,
        sort_key: Callable[[typing.Any], int] | None = None,
        reverse_pages: bool = False,
    ) -> Paginator[_T]:
        """A `Paginator` over a cursor-paged `GET`: every page sends `query`, `limit` and,
        after the first page (or from `first_cursor`), the cursor under `direction`.

        `items` names the key of an object answer that holds the list; `sort_key` sorts each
        page (descending when `direction` is `before`) before `next_cursor` reads its last item.
        """
        fixed = dict(query or {})

        async def fetch(cursor: str | None, size: int) -> Sequence[typing.Any]:
            params: dict[str, QueryValue] = {**fixed, "limit": size}
            if cursor is not None:
                params[direction] = cursor
            payload = await self._request(route, query=params)
            return shapes.checked(route, pick)(payload)

        def pick(payload: typing.Any) -> Sequence[typing.Any]:  # noqa: ANN401 (a JSON body: the list or an object holding it)
            page: list[typing.Any] = payload.get(items, []) if items is not None else payload
            if not isinstance(page, list):
                msg = f"expected a list of items, got {type(page).__name__}"
                raise TypeError(msg)
            if sort_key is not None:
                page = sorted(page, key=sort_key, reverse=direction == "before")
            return page

        return Paginator(
            fetch,
            shapes.checked(route, decode),
            first_cursor=first_cursor,
            next_cursor=shapes.checked(route, next_cursor),
            page_size=page_size,
            reverse_pages=reverse_pages,
        )
