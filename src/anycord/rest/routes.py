"""REST routes: the method and path template of every endpoint, and their rate-limit keys.

A `Route` is declared once per endpoint, at import time, with the path written exactly as in
Discord's OpenAPI spec (`/channels/{channel_id}/messages`). Declaring a route registers it, so
`all_routes()` lists every endpoint the client implements and coverage against the spec is
checkable by program.

`Route.compile(**params)` substitutes the parameters (URL-quoting each) and yields a
`CompiledRoute`, whose `bucket_key` is what rate limiting keys on: the route's method and
template plus its *major parameters* (`channel_id`, `guild_id`, `webhook_id` + `webhook_token`,
and `interaction_id` + `interaction_token`), as Discord's rate-limits page describes.
"""

from __future__ import annotations

import hashlib
import re
import typing
import urllib.parse

import attrs

__all__ = ["MAJOR_PARAMETERS", "CompiledRoute", "Route", "declared_routes"]

MAJOR_PARAMETERS: typing.Final[tuple[str, ...]] = (
    "channel_id",
    "guild_id",
    "webhook_id",
    "webhook_token",
    "interaction_id",
    "interaction_token",
)
"""Path parameters that partition a route's rate limit (each value gets its own bucket)."""

_SECRET_PARAMETERS: typing.Final = frozenset({"webhook_token", "interaction_token"})
_PARAM = re.compile(r"\{([a-z0-9_]+)\}")
_REGISTRY: dict[tuple[str, str], Route] = {}


@attrs.frozen(slots=True, eq=True, hash=True)
class Route:
    """An endpoint: HTTP method and path template, as written in the OpenAPI spec."""

    method: str
    path_template: str
    global_limit: bool = attrs.field(default=True, eq=False)
    """Whether requests count against the 50/s global limit (interaction endpoints do not)."""
    params: tuple[str, ...] = attrs.field(init=False, eq=False)
    major_params: tuple[str, ...] = attrs.field(init=False, eq=False)
    _pieces: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """The template split at its parameters: literal, name, literal, …, literal."""
    _names: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.method not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            msg = f"unknown HTTP method {self.method!r}"
            raise ValueError(msg)
        pieces = tuple(_PARAM.split(self.path_template))
        params = pieces[1::2]
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "major_params", tuple(p for p in params if p in MAJOR_PARAMETERS))
        object.__setattr__(self, "_pieces", pieces)
        object.__setattr__(self, "_names", frozenset(params))
        _REGISTRY.setdefault((self.method, self.path_template), self)

    def compile(self, **params: object) -> CompiledRoute:
        """Fill in the path parameters; raises `TypeError` for a missing or unexpected one."""
        if params.keys() != self._names:
            missing = self._names - params.keys()
            extra = params.keys() - self._names
            msg = (
                f"{self.method} {self.path_template}: "
                f"missing {sorted(missing)}, unexpected {sorted(extra)}"
            )
            raise TypeError(msg)
        values = {k: str(int(v)) if isinstance(v, int) else str(v) for k, v in params.items()}
        pieces = list(self._pieces)
        for index in range(1, len(pieces), 2):
            value = values[pieces[index]]
            # ASCII letters and digits (every snowflake) are left alone by quoting.
            pieces[index] = (
                value
                if value.isascii() and value.isalnum()
                else urllib.parse.quote(value, safe="@")
            )
        path = "".join(pieces)
        major = tuple(
            _hide(values[p]) if p in _SECRET_PARAMETERS else values[p] for p in self.major_params
        )
        safe_path = path
        for p in self.params:
            if p in _SECRET_PARAMETERS:
                safe_path = safe_path.replace(urllib.parse.quote(values[p], safe="@"), "***")
        return CompiledRoute(route=self, path=path, major=major, safe_path=safe_path)

    def __str__(self) -> str:
        return f"{self.method} {self.path_template}"


@attrs.frozen(slots=True)
class CompiledRoute:
    """A route with its parameters filled in."""

    route: Route
    path: str = attrs.field(repr=False)
    """The path relative to the API base, e.g. `/channels/123/messages`."""
    major: tuple[str, ...]
    """Values of the major parameters, in the route's order (tokens replaced by a digest)."""
    safe_path: str = attrs.field(default="", repr=False)
    """`path` with webhook and interaction tokens replaced by `***` (for logs and errors)."""

    @property
    def method(self) -> str:
        """The HTTP method."""
        return self.route.method

    @property
    def route_key(self) -> str:
        """The route alone: method and template (what Discord's bucket names are learned for)."""
        return f"{self.route.method} {self.route.path_template}"

    @property
    def major_key(self) -> str:
        """The major parameters joined by `:` (tokens appear only as a digest)."""
        return ":".join(self.major)

    @property
    def bucket_key(self) -> str:
        """The local rate-limit key before Discord names the bucket: route and major params."""
        return f"{self.route.method} {self.route.path_template} {':'.join(self.major)}"

    def __str__(self) -> str:
        # Never includes a webhook or interaction token: those are major params, not printed.
        return f"{self.route.method} {self.route.path_template}"


def _hide(secret: str) -> str:
    # Rate-limit keys appear in logs and reprs; a token must not, so keep a digest of it.
    return "h" + hashlib.blake2b(secret.encode(), digest_size=8).hexdigest()


def declared_routes() -> tuple[Route, ...]:
    """Every route declared so far (`anycord.rest.all_routes` imports every endpoint first)."""
    return tuple(_REGISTRY.values())
