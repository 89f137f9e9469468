"""HTTP plumbing for the fake REST app: routing on the spec's templates, bodies, errors.

No framework: a path trie built from the spec's operations (literal segments win over
parameters, so `/users/@me` beats `/users/{user_id}`), a bounded multipart parser, and the
types handlers see (`Request`) and return (`Reply`, or raise `ApiError`).
"""

from __future__ import annotations

import typing
import urllib.parse

import attrs
import orjson

from anycord.testing._spec import SPEC_OPERATIONS

__all__ = [
    "ApiError",
    "Multipart",
    "RecordedFile",
    "RecordedRequest",
    "Reply",
    "Request",
    "Router",
    "parse_multipart",
]


@attrs.frozen(slots=True)
class RecordedFile:
    """One uploaded file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes = attrs.field(repr=False)


@attrs.define(slots=True, kw_only=True)
class RecordedRequest:
    """One request the fake received, as the request log keeps it."""

    method: str
    path: str
    """The path after `/api/v10`, URL-decoded per segment."""
    route: str | None
    """The spec's path template it matched, or None (unknown path)."""
    query: dict[str, list[str]]
    headers: dict[str, str] = attrs.field(repr=False)
    """Lower-cased header names; the `authorization` value is kept (it is the fake's token)."""
    json: typing.Any = None
    """The JSON body, or the `payload_json` part of a multipart body."""
    files: list[RecordedFile] = attrs.field(factory=list)
    form: dict[str, str] = attrs.field(factory=dict)
    """An `application/x-www-form-urlencoded` body, or the plain (not file, not
    `payload_json`) fields of a multipart body."""
    status: int = 0
    """The status the fake answered with (0 while in progress; -1 for a dropped connection)."""
    time: float = 0.0
    """`anyio.current_time()` when it arrived."""


@attrs.define(slots=True, kw_only=True)
class Request:
    """What a route handler gets."""

    method: str
    template: str
    params: dict[str, str]
    query: dict[str, list[str]]
    headers: dict[str, str]
    json: typing.Any
    files: list[RecordedFile]
    form: dict[str, str] = attrs.field(factory=dict)
    """Form fields (urlencoded body, or plain multipart parts)."""
    base_url: str
    """`http://host:port` of the fake (for attachment URLs)."""
    now: float

    def q(self, name: str, default: str | None = None) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def body(self) -> dict[str, typing.Any]:
        """The JSON body as a dict (an empty dict when there is none)."""
        return self.json if isinstance(self.json, dict) else {}


@attrs.frozen(slots=True)
class Reply:
    """A handler's answer: status and JSON body (None → no body)."""

    status: int = 200
    body: typing.Any = None


class ApiError(Exception):
    """Raised by a handler to answer with Discord's JSON error body."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, typing.Any] | None = None
    ) -> None:
        super().__init__(status, code, message)
        self.status = status
        self.body: dict[str, typing.Any] = {"message": message, "code": code}
        if errors is not None:
            self.body["errors"] = errors


def not_found(what: str, code: int) -> ApiError:
    """Discord's 404 for an unknown entity (`Unknown Channel`, code 10003, …)."""
    return ApiError(404, code, f"Unknown {what}")


def invalid_form(field: str, code: str, message: str) -> ApiError:
    """Discord's 400 Invalid Form Body (50035) with one nested error."""
    return ApiError(
        400,
        50035,
        "Invalid Form Body",
        {field: {"_errors": [{"code": code, "message": message}]}},
    )


@attrs.frozen(slots=True)
class Match:
    """A path matched to a route."""

    method: str
    template: str
    auth: str
    params: dict[str, str]


class _Node:
    __slots__ = ("literal", "methods", "param", "param_name")

    def __init__(self) -> None:
        self.literal: dict[str, _Node] = {}
        self.param: _Node | None = None
        self.param_name = ""
        self.methods: dict[str, tuple[str, str]] = {}


class Router:
    """Matches decoded path segments against the spec's templates."""

    def __init__(self, extra: typing.Iterable[tuple[str, str, str]] = ()) -> None:
        self._root = _Node()
        for op in SPEC_OPERATIONS:
            self.add(op.method, op.path, op.auth)
        for method, path, auth in extra:
            self.add(method, path, auth)

    def add(self, method: str, template: str, auth: str) -> None:
        """Register a route (`auth`: `bot`, `optional` or `oauth2`)."""
        node = self._root
        for seg in template.strip("/").split("/"):
            if seg.startswith("{") and seg.endswith("}"):
                if node.param is None:
                    node.param = _Node()
                    node.param.param_name = seg[1:-1]
                node = node.param
            else:
                node = node.literal.setdefault(seg, _Node())
        node.methods[method] = (template, auth)

    def match(self, method: str, segments: list[str]) -> Match | typing.Literal[False] | None:
        """The route for `method` + path; None for an unknown path; False for a known path
        that does not allow `method` (405)."""
        found = self._walk(self._root, segments, 0, {})
        if found is None:
            return None
        node, params = found
        entry = node.methods.get(method)
        if entry is None:
            return False
        return Match(method, entry[0], entry[1], params)

    def _walk(
        self, node: _Node, segs: list[str], i: int, params: dict[str, str]
    ) -> tuple[_Node, dict[str, str]] | None:
        if i == len(segs):
            return (node, params) if node.methods else None
        seg = segs[i]
        child = node.literal.get(seg)
        if child is not None:
            found = self._walk(child, segs, i + 1, params)
            if found is not None:
                return found
        if node.param is not None and seg:
            found = self._walk(node.param, segs, i + 1, {**params, node.param.param_name: seg})
            if found is not None:
                return found
        return None


def split_path(raw_path: bytes) -> list[str]:
    """Decode each `/`-separated segment on its own (so `%2F` inside a segment stays in it)."""
    return [urllib.parse.unquote(s.decode("latin-1")) for s in raw_path.strip(b"/").split(b"/")]


def _header_params(value: str) -> tuple[str, dict[str, str]]:
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for item in rest.split(";"):
        key, sep, val = item.strip().partition("=")
        if sep:
            val = val.strip()
            if len(val) >= 2 and val[0] == val[-1] == '"':
                val = val[1:-1].replace('\\"', '"')
            params[key.lower()] = val
    return main.strip().lower(), params


def parse_content_type(value: str) -> tuple[str, dict[str, str]]:
    """`multipart/form-data; boundary=x` → (`multipart/form-data`, {"boundary": "x"})."""
    return _header_params(value)


@attrs.frozen(slots=True)
class Multipart:
    """A parsed multipart body."""

    payload: typing.Any
    """The decoded `payload_json` part (None without one)."""
    files: list[RecordedFile]
    fields: dict[str, str]
    """The plain parts (no filename, not `payload_json`), decoded as UTF-8."""


def parse_multipart(body: bytes, boundary: str) -> Multipart:
    """The `payload_json` part (decoded), every file part and every plain field.

    Raises `ApiError` 400 for a body that is not well-formed multipart or bad JSON.
    """
    delimiter = b"--" + boundary.encode("latin-1")
    if delimiter not in body:
        raise ApiError(400, 50035, "Invalid Form Body: multipart boundary not found")
    payload: typing.Any = None
    files: list[RecordedFile] = []
    fields: dict[str, str] = {}
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        head, sep, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            raise ApiError(400, 50035, "Invalid Form Body: malformed multipart part")
        data = data.removesuffix(b"\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        _, disp = _header_params(headers.get("content-disposition", ""))
        field = disp.get("name", "")
        if "filename" in disp:
            ctype = headers.get("content-type", "application/octet-stream")
            files.append(RecordedFile(field, disp["filename"], ctype, data))
        elif field == "payload_json":
            try:
                payload = orjson.loads(data)
            except orjson.JSONDecodeError as exc:
                raise ApiError(400, 50109, "The request body contains invalid JSON.") from exc
        else:
            fields[field] = data.decode("utf-8", "replace")
    return Multipart(payload, files, fields)
