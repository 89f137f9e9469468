"""The seam between endpoint methods and the request machinery.

Endpoint mixins only know `_request`; `RESTClient` (rest/client.py) implements it with
rate limiting, retries, multipart and error mapping. `_app` is what decoded models get as
their `app` (the bot, or the client itself when used standalone).
"""

from __future__ import annotations

import typing

from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.files import Resource
    from anycord.rest.routes import CompiledRoute
    from anycord.traits import RESTAware

__all__ = ["EndpointBase", "QueryValue"]

QueryValue = str | int | bool | typing.Sequence[str | int]
"""A query value: bools become `true`/`false`, sequences repeat the key (`?id=1&id=2`)."""


class EndpointBase:
    """What every endpoint mixin may call."""

    __slots__ = ()

    @property
    def _app(self) -> RESTAware:
        raise NotImplementedError

    async def _request(
        self,
        route: CompiledRoute,
        *,
        query: Mapping[str, QueryValue] | None = None,
        json: typing.Any = None,
        files: Sequence[Resource] | Mapping[str, Resource] = (),
        form: Mapping[str, str] | None = None,
        reason: UndefinedOr[str] = UNDEFINED,
        auth: UndefinedNoneOr[str] = UNDEFINED,
        raw: bool = False,
    ) -> typing.Any:
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
