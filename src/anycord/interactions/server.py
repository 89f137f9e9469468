"""The interaction server: signed HTTP body in, HTTP response out, no web framework.

`InteractionServer.on_interaction(body, signature, timestamp)` does Discord's whole
protocol for one request (interactions/overview.mdx, receiving-and-responding.mdx):

1. verify the Ed25519 signature of `timestamp + body` with the application's public key
   (PyNaCl, constant time); a bad signature is **401**, as Discord requires (it sends bad
   signatures on purpose to test this);
2. parse the JSON; a PING (`type` 1) is answered **200** `{"type":1}`;
3. decode the interaction model and call the one listener registered for its class;
4. turn what the listener returned into a `Response`: **200** with the JSON interaction
   response, or a streamed `multipart/form-data` body when it carries files; **202** with no
   body when the listener returned `None` (it answers through the callback endpoint instead,
   receiving-and-responding.mdx "Interaction Callback"). Files are turned into resources
   and written exactly as REST uploads are (`anycord.files.ensure_resource`,
   `anycord.files.prefetch`, `anycord.rest.client.encode_multipart`): a file that cannot be
   uploaded, a missing path or a failed download is a **500** before any byte is written.

The full status table (the transport checks come from `AsgiAdapter`):

| condition                                                 | status |
|-----------------------------------------------------------|--------|
| not `POST` / not the interaction path                     | 405 / 404 |
| `Content-Type` is not `application/json`                  | 415 |
| `X-Signature-Ed25519` or `X-Signature-Timestamp` missing, or not hex | 401 |
| body larger than `max_body_size` (default 1 MiB)          | 413 |
| empty body                                                | 400 |
| signature does not verify                                 | 401 |
| body is not a JSON object with an integer `type`          | 400 |
| PING                                                      | 200 `{"type":1}` |
| interaction type this version does not model              | 501 |
| no listener for this interaction type                     | 501 |
| the listener (or its builder) raised                      | 500 |
| the listener returned `None`                              | 202, no body |
| the listener returned or yielded a builder                | 200, JSON or multipart |

Client mistakes are logged at DEBUG without a traceback; only a listener's own exception is
logged at ERROR with one.

Listeners are `async def` functions returning a builder (or `None`), or async generators
that yield exactly one builder: that builder is the HTTP response, and the rest of the
generator runs as a task in the server's task group once the response has been sent (so it
can call `edit_initial_response` and send follow-ups). `run()` opens that task group; closing
it waits for those tasks up to a deadline, then cancels them.

A listener can also answer early and keep running in the request's own task, with no task
started: when the transport passes `write` to `on_interaction` (the built-in HTTP/1.1 server
and `AsgiAdapter` do), `responder(interaction)` is the request's `Responder`, whose
`respond(builder)` writes the HTTP response at once; the listener then returns `None`.
"""

from __future__ import annotations

import binascii
import contextlib
import inspect
import logging
import secrets
import time
import typing

import anyio
import attrs
import orjson

from anycord.errors import ComponentStateConflictError, UnrecognisedEntityError
from anycord.files import prefetch
from anycord.interactions.builders import ResponseType
from anycord.interactions.verifier import ProcessVerifier, check_inline
from anycord.models.message_parts import encode_attachment_parts
from anycord.rest.client import encode_multipart
from anycord.serde.interactions import decode_interaction
from anycord.stats import InteractionStats

if typing.TYPE_CHECKING:
    from collections.abc import (
        AsyncGenerator,
        AsyncIterator,
        Awaitable,
        Callable,
        Coroutine,
        Mapping,
        Sequence,
    )

    from nacl.signing import VerifyKey

    from anycord.files import Resource
    from anycord.interactions.builders import InteractionResponseBuilder
    from anycord.traits import RESTAware

__all__ = [
    "InteractionServer",
    "ListenerT",
    "Response",
]

_LOGGER = logging.getLogger("anycord.interactions")

_T = typing.TypeVar("_T")
_Ts = typing.TypeVarTuple("_Ts")
ListenerT = typing.Callable[
    [_T],
    "Awaitable[InteractionResponseBuilder | None]"
    " | AsyncGenerator[InteractionResponseBuilder, None]",
]
"""A listener: `async def f(i) -> builder | None`, or an async generator yielding one builder."""

_PING: typing.Final = 1
_PONG_BODY: typing.Final = b'{"type":1}'
_JSON: typing.Final = "application/json"
_TEXT: typing.Final = "text/plain; charset=utf-8"
_SEND_WAIT: typing.Final = 3.0
"""How long a generator's continuation waits for the transport to report the response sent
(Discord's own deadline for the initial response)."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class Response:
    """What to answer the HTTP request with.

    `payload` is the whole body, except for a multipart response (`files` non-empty), whose
    body comes from `iter_body()` in chunks. A transport must call `mark_sent()` once the
    body is written (or the connection failed), which lets a generator listener continue.
    """

    status_code: int
    payload: bytes | None = None
    content_type: str | None = None
    files: Sequence[Resource] = ()
    boundary: str | None = None
    early: bool = attrs.field(default=False, repr=False)
    """Written by the transport while the listener was still running (see `Responder`)."""
    _sent: anyio.Event | None = attrs.field(default=None, repr=False)

    @property
    def headers(self) -> dict[str, str]:
        """The response headers (`Content-Type`, and `Content-Length` when the body is known)."""
        out: dict[str, str] = {}
        if self.files:
            out["content-type"] = f"multipart/form-data; boundary={self.boundary}"
        elif self.content_type is not None:
            out["content-type"] = self.content_type
        if not self.files:
            out["content-length"] = str(len(self.payload or b""))
        return out

    def mark_sent(self) -> None:
        """Tell the server the response went out (idempotent)."""
        if self._sent is not None:
            self._sent.set()

    async def iter_body(self) -> AsyncIterator[bytes]:
        """The body in chunks: the payload, or the multipart parts with the files streamed."""
        if not self.files:
            if self.payload:
                yield self.payload
            return
        assert self.boundary is not None
        payload = orjson.Fragment(self.payload or b"{}")
        async for chunk in encode_multipart(self.boundary, payload, self.files):
            yield chunk

    async def read_body(self) -> bytes:
        """The whole body at once (tests and small adapters)."""
        return b"".join([chunk async for chunk in self.iter_body()])


def _plain(status: int, text: str) -> Response:
    return Response(status_code=status, payload=text.encode(), content_type=_TEXT)


PONG_RESPONSE: typing.Final = Response(status_code=200, payload=_PONG_BODY, content_type=_JSON)


def _load_verify_key(public_key: bytes | str) -> VerifyKey:
    try:
        import nacl.signing
    except ImportError as exc:  # pragma: no cover - PyNaCl is a runtime dependency
        msg = "the interaction server needs PyNaCl (pip install pynacl)"
        raise RuntimeError(msg) from exc
    key = bytes.fromhex(public_key) if isinstance(public_key, str) else bytes(public_key)
    if len(key) != 32:
        msg = f"an Ed25519 public key is 32 bytes (64 hex digits), got {len(key)} bytes"
        raise ValueError(msg)
    return nacl.signing.VerifyKey(key)


Write = typing.Callable[[Response], "Awaitable[None]"]
"""How a transport writes a response the moment a listener gives it (see `Responder`)."""


class Responder:
    """Answers one request before its listener returns: "respond early, keep running".

    A transport that can finish an HTTP response while the request's task goes on (the
    built-in HTTP/1.1 server, `AsgiAdapter`) passes `write` to `on_interaction`; a listener
    gets this object from `InteractionServer.responder(interaction)` and calls `respond`
    once. The response is written before `respond` returns, and the listener keeps running
    in the request's own task (no task is started). A transport failure (the client went
    away) is logged at DEBUG and recorded in `failed`, never raised into the listener.
    """

    __slots__ = ("_write", "failed", "response", "sent_at")

    def __init__(self, write: Write) -> None:
        self._write = write
        self.response: Response | None = None
        """The response given (set before it is written), or `None`."""
        self.failed = False
        self.sent_at: float | None = None
        """`time.perf_counter()` once the response was written."""

    async def respond(self, builder: InteractionResponseBuilder | None) -> None:
        """Write `builder` as the HTTP response now; `ValueError`/`TypeError` on a bad builder,
        `FileNotFoundError`/`ResourceFetchError` for a file that cannot be read (nothing
        written), `ComponentStateConflictError` when the request was already answered."""
        if self.response is not None:
            msg = "this interaction request was already answered"
            raise ComponentStateConflictError(msg)
        response = await _prepared(builder)
        response.early = True
        self.response = response
        try:
            await self._write(response)
        except Exception:
            _LOGGER.debug("could not write an interaction response", exc_info=True)
            self.failed = True
        finally:
            self.sent_at = time.perf_counter()


class InteractionServer:
    """Verify, parse and route interactions to listeners; framework-free.

    Args:
        public_key: the application's Ed25519 public key (hex `str` or 32 `bytes`); when
            `None`, `fetch_public_key` is awaited once, at the first request or `run()`.
        app: the object decoded interactions hold as `app` (a bot with `.rest`).
        decoder: `payload -> interaction model`; defaults to
            `anycord.serde.interactions.decode_interaction(payload, app)`.
        fetch_public_key: how to get the key when it was not given (RESTBot fetches the
            application).
        verifier_process: while `run()` is active, check signatures in a helper process
            (`anycord.interactions.verifier`) so the event loop's core does the rest of the
            work; worth it on a machine with a spare core and heavy interaction traffic.
            Every request is still fully checked; without `run()` checks are inline.
        max_timestamp_skew: refuse (401) a request whose `X-Signature-Timestamp` (Unix
            seconds) is further than this many seconds from this machine's clock, so a
            captured request cannot be replayed later. `None` (default): off, because
            Discord's docs promise nothing about the timestamp beyond signing it, and a host
            whose clock drifts would refuse every interaction.
    """

    __slots__ = (
        "_app",
        "_closing",
        "_decoder",
        "_fetch_public_key",
        "_key",
        "_key_lock",
        "_listeners",
        "_max_timestamp_skew",
        "_responders",
        "_sent_events",
        "_stats",
        "_task_group",
        "_verifier",
        "_verifier_process",
        "_verify",
    )

    def __init__(
        self,
        *,
        public_key: bytes | str | None = None,
        app: RESTAware | None = None,
        decoder: Callable[[dict[str, typing.Any]], object] | None = None,
        fetch_public_key: Callable[[], Awaitable[bytes | str]] | None = None,
        verifier_process: bool = False,
        max_timestamp_skew: float | None = None,
    ) -> None:
        if max_timestamp_skew is not None and not max_timestamp_skew > 0:
            msg = (
                f"max_timestamp_skew must be a positive number of seconds, not {max_timestamp_skew}"
            )
            raise ValueError(msg)
        self._max_timestamp_skew = max_timestamp_skew
        self._verifier_process = verifier_process
        self._verifier: ProcessVerifier | None = None
        self._key: bytes | None = None
        self._verify: Callable[[bytes, bytes], bytes] | None = None
        if public_key is not None:
            self._set_key(public_key)
        elif fetch_public_key is None:
            msg = "give the application's public_key, or a fetch_public_key coroutine function"
            raise ValueError(msg)
        self._fetch_public_key = fetch_public_key
        self._key_lock: anyio.Lock | None = None
        self._app = app
        self._decoder = decoder
        self._listeners: dict[type, Callable[[typing.Any], typing.Any]] = {}
        self._sent_events: dict[int, anyio.Event] = {}
        self._responders: dict[int, Responder] = {}
        self._closing: anyio.Event | None = None
        self._task_group: anyio.abc.TaskGroup | None = None
        self._stats = InteractionStats()

    # -- listeners ---------------------------------------------------------------------------

    def set_listener(
        self,
        interaction_type: type[_T],
        listener: ListenerT[_T] | None,
        /,
        *,
        replace: bool = False,
    ) -> None:
        """Set (or with `None`, remove) the listener for one interaction class.

        Lookup follows the class's MRO, so a listener for a base class (e.g. the partial
        interaction) receives every subtype that has no listener of its own.
        Raises `TypeError` when a listener is already set and `replace` is false.
        """
        if listener is None:
            self._listeners.pop(interaction_type, None)
            return
        if not replace and interaction_type in self._listeners:
            msg = f"a listener is already set for {interaction_type.__name__}; pass replace=True"
            raise TypeError(msg)
        self._listeners[interaction_type] = listener

    def get_listener(self, interaction_type: type[_T], /) -> ListenerT[_T] | None:
        """The listener set for exactly this class, or `None`."""
        return self._listeners.get(interaction_type)

    def _listener_for(self, cls: type) -> Callable[[typing.Any], typing.Any] | None:
        listeners = self._listeners
        listener = listeners.get(cls)
        if listener is not None or not listeners:
            return listener
        for base in cls.__mro__[1:]:
            listener = listeners.get(base)
            if listener is not None:
                return listener
        return None

    # -- lifetime ----------------------------------------------------------------------------

    @property
    def max_timestamp_skew(self) -> float | None:
        """The replay guard's limit in seconds (`None`: off)."""
        return self._max_timestamp_skew

    @property
    def verifier(self) -> ProcessVerifier | None:
        """The helper-process verifier while `run()` is active with `verifier_process=True`."""
        return self._verifier

    @property
    def is_running(self) -> bool:
        """Whether `run()` is active (generator listeners need it)."""
        return self._task_group is not None

    def start_soon(
        self,
        func: Callable[[*_Ts], Coroutine[typing.Any, typing.Any, object]],
        /,
        *args: *_Ts,
    ) -> None:
        """Run `func(*args)` as a task in the server's task group (while `run()` is active).

        The task lives as long as generator continuations do: closing the server gives it
        `shutdown_timeout` seconds, then cancels it. This is how a layer on top (such as
        `anycord.commands`) runs a handler that outlives the HTTP response inside the bot's
        tree. Raises `ComponentStateConflictError` when the server is not running.
        """
        if self._task_group is None:
            msg = "InteractionServer.start_soon needs run() to be active"
            raise ComponentStateConflictError(msg)
        self._task_group.start_soon(func, *args)

    async def wait_closing(self) -> None:
        """Return once `run()`'s body has exited (the graceful phase began); for tasks started
        with `start_soon` that idle and should end then rather than at the deadline."""
        if self._closing is None:
            msg = "InteractionServer.wait_closing needs run() to be active"
            raise ComponentStateConflictError(msg)
        await self._closing.wait()

    def responder(self, interaction: object) -> Responder | None:
        """The `Responder` of the request `interaction` came in, while its listener runs, when
        the transport can answer before the listener returns (else `None`)."""
        return self._responders.get(id(interaction)) if self._responders else None

    def notify_sent(self, interaction: object, event: anyio.Event) -> None:
        """Set `event` once the response to `interaction` has been sent (or could not be).

        Call it from inside a plain listener, before it returns, when work it started goes on
        afterwards (in `start_soon`) and must not reach Discord before the response does.
        """
        self._sent_events[id(interaction)] = event

    @contextlib.asynccontextmanager
    async def run(self, *, shutdown_timeout: float = 60.0) -> AsyncIterator[InteractionServer]:
        """Open the task group generator listeners continue in; on exit wait for them.

        The continuations get `shutdown_timeout` seconds to finish after the body exits,
        then they are cancelled.
        """
        if self._task_group is not None:
            msg = "this interaction server is already running"
            raise ComponentStateConflictError(msg)
        await self.ensure_public_key()
        closing = self._closing = anyio.Event()
        async with anyio.create_task_group() as tg:
            self._task_group = tg
            try:
                async with anyio.create_task_group() as checks:
                    if self._verifier_process:
                        assert self._key is not None
                        assert self._verify is not None
                        verifier = ProcessVerifier(self._key, self._verify)
                        await checks.start(verifier.run)
                        self._verifier = verifier
                    try:
                        yield self
                    finally:
                        self._verifier = None
                        checks.cancel_scope.cancel()
            finally:
                self._task_group = None
                closing.set()
                # New requests can no longer start continuations; give the running ones a
                # deadline, then cancel what is left.
                tg.cancel_scope.deadline = anyio.current_time() + shutdown_timeout
        self._closing = None

    async def ensure_public_key(self) -> None:
        """Fetch the public key now if it was not given (once; concurrent callers wait)."""
        if self._verify is not None:
            return
        if self._key_lock is None:
            self._key_lock = anyio.Lock()
        async with self._key_lock:
            if self._verify is None:
                assert self._fetch_public_key is not None
                self._set_key(await self._fetch_public_key())

    def _set_key(self, public_key: bytes | str) -> None:
        key = _load_verify_key(public_key)
        self._key = bytes(key)
        self._verify = key.verify

    # -- requests ----------------------------------------------------------------------------

    @property
    def stats(self) -> InteractionStats:
        """Requests by status, signature failures and response times (`anycord.stats`)."""
        return self._stats

    async def on_interaction(
        self, body: bytes, signature: bytes, timestamp: bytes, *, write: Write | None = None
    ) -> Response:
        """Answer one interaction request.

        Args:
            body: the raw request body, exactly as received.
            signature: the `X-Signature-Ed25519` value hex-decoded to bytes.
            timestamp: the `X-Signature-Timestamp` value as received (bytes).
            write: how the transport writes a response at once, while the listener keeps
                running (see `Responder`); the returned response then has `early` set and
                was already written (or `failed`, see the `Responder`).

        Never raises for a bad request: every failure is a `Response` with a status code.
        """
        began = time.perf_counter()
        responder = None if write is None else Responder(write)
        response = await self._answer(body, signature, timestamp, responder)
        stats = self._stats
        stats.responses += 1
        ended = time.perf_counter() if responder is None else responder.sent_at
        stats.response_seconds += (ended or time.perf_counter()) - began
        stats.answered(response.status_code)
        return response

    async def _answer(
        self, body: bytes, signature: bytes, timestamp: bytes, responder: Responder | None
    ) -> Response:
        skew = self._max_timestamp_skew
        if skew is not None and not _timestamp_is_fresh(timestamp, skew):
            _LOGGER.debug("rejected an interaction whose timestamp is too far from now")
            return _plain(401, "X-Signature-Timestamp is too far from now")
        verify = self._verify
        if verify is None:
            await self.ensure_public_key()
            verify = self._verify
            assert verify is not None
        verifier = self._verifier
        if verifier is not None:
            valid = await verifier.verify(timestamp + body, signature)
        else:
            valid = check_inline(verify, timestamp + body, signature)
        if not valid:
            _LOGGER.debug("rejected an interaction with an invalid signature")
            return _plain(401, "Invalid request signature")
        try:
            payload = orjson.loads(body)
            interaction_type = payload["type"]
        except (orjson.JSONDecodeError, TypeError, KeyError):
            _LOGGER.debug("rejected an interaction body that is not a JSON object with a type")
            return _plain(400, "Invalid JSON body: expected an object with an integer 'type'")
        if type(interaction_type) is not int:
            return _plain(400, "Invalid JSON body: 'type' must be an integer")
        if interaction_type == _PING:
            _LOGGER.debug("answered a PING")
            return PONG_RESPONSE
        try:
            interaction = self._decode(payload)
        except UnrecognisedEntityError:
            _LOGGER.debug(
                "ignored interaction type %s, which this version does not model", interaction_type
            )
            return _plain(501, "Interaction type not implemented")
        except Exception:
            _LOGGER.exception("could not decode an interaction of type %s", interaction_type)
            return _plain(500, "Could not decode the interaction")
        listener = self._listener_for(type(interaction))
        if listener is None:
            _LOGGER.debug("no listener for %s", type(interaction).__name__)
            return _plain(501, "Handler not set for this interaction type")
        if responder is None:
            return await self._call_listener(listener, interaction)
        key = id(interaction)
        self._responders[key] = responder
        try:
            response = await self._call_listener(listener, interaction)
        finally:
            del self._responders[key]
        early = responder.response
        if early is None:
            return response
        # 202: the listener returned None, as it should; 500: it raised after answering
        # (logged); anything else is a second answer, which cannot be sent.
        if response.status_code not in (202, 500):
            _LOGGER.error("listener %r answered early and returned an answer too", listener)
        return early

    def _decode(self, payload: dict[str, typing.Any]) -> object:
        decoder = self._decoder
        if decoder is None:
            app = self._app

            def decoder(p: dict[str, typing.Any]) -> object:
                return decode_interaction(p, app)

            self._decoder = decoder
        return decoder(payload)

    async def _call_listener(
        self, listener: Callable[[typing.Any], typing.Any], interaction: object
    ) -> Response:
        generator: AsyncGenerator[typing.Any, None] | None = None
        try:
            result = listener(interaction)
            if inspect.isasyncgen(result):
                generator = typing.cast("AsyncGenerator[typing.Any, None]", result)
                if self._task_group is None:
                    await result.aclose()
                    msg = "a generator listener needs InteractionServer.run() to be active"
                    raise ComponentStateConflictError(msg)
                try:
                    builder = await generator.__anext__()
                except StopAsyncIteration:
                    generator = None
                    msg = f"generator listener {listener!r} returned without yielding a response"
                    raise RuntimeError(msg) from None
            else:
                builder = await result
            response = await _prepared(builder)
        except Exception:
            _LOGGER.exception("the interaction listener %r failed", listener)
            if generator is not None:
                await generator.aclose()
            if self._sent_events:
                event = self._sent_events.pop(id(interaction), None)
                if event is not None:
                    event.set()
            return _plain(500, "Exception occurred during interaction dispatch")
        if self._sent_events:
            response._sent = self._sent_events.pop(id(interaction), None)
        if generator is not None:
            assert self._task_group is not None
            response._sent = anyio.Event()
            self._task_group.start_soon(self._continue, generator, response._sent, listener)
        return response

    @staticmethod
    def build_response(builder: InteractionResponseBuilder | None) -> Response:
        """Turn a builder into a `Response` (`None` → 202); raises `ValueError` on a bad builder."""
        if builder is None:
            return Response(status_code=202)
        payload, attachments = builder.build()
        if payload.get("type") == ResponseType.PONG:
            msg = "PONG is only an answer to PING; the server sends it itself"
            raise ValueError(msg)
        body = orjson.dumps(payload)
        # The same decision as a REST body: existing attachments stay by ID, the rest upload.
        _, files = encode_attachment_parts(attachments)
        if files:
            return Response(
                status_code=200,
                payload=body,
                files=tuple(files),
                boundary=secrets.token_hex(16),
            )
        return Response(status_code=200, payload=body, content_type=_JSON)

    async def _continue(
        self,
        generator: AsyncGenerator[typing.Any, None],
        sent: anyio.Event,
        listener: Callable[[typing.Any], typing.Any],
    ) -> None:
        with anyio.move_on_after(_SEND_WAIT):
            await sent.wait()
        try:
            await generator.__anext__()
        except StopAsyncIteration:
            return
        except Exception:
            _LOGGER.exception("the interaction listener %r failed after responding", listener)
            return
        finally:
            with anyio.CancelScope(shield=True), anyio.move_on_after(1.0):
                await generator.aclose()
        _LOGGER.error(
            "generator listener %r yielded more than one response; the extra ones were dropped",
            listener,
        )


async def _prepared(builder: InteractionResponseBuilder | None) -> Response:
    # Paths checked and URLs downloaded before the status line: a bad file is a 500, never a
    # 200 whose multipart body stops part way.
    response = InteractionServer.build_response(builder)
    if response.files:
        response.files = await prefetch(response.files)
    return response


def _timestamp_is_fresh(timestamp: bytes, skew: float) -> bool:
    if not timestamp.isdigit() or len(timestamp) > 12:
        return False
    return abs(time.time() - int(timestamp)) <= skew


def _decode_hex(value: bytes | str) -> bytes | None:
    try:
        return binascii.unhexlify(value)
    except (binascii.Error, ValueError):
        return None


def check_request(
    *,
    content_type: bytes | str | None,
    signature: bytes | str | None,
    timestamp: bytes | str | None,
) -> tuple[Response | None, bytes, bytes]:
    """The header checks every transport does before reading the body.

    Returns `(error_response_or_None, signature_bytes, timestamp_bytes)`.
    """
    if isinstance(content_type, str):
        content_type = content_type.encode("latin-1")
    if (
        content_type is None
        or content_type.split(b";", 1)[0].strip().lower() != b"application/json"
    ):
        return _plain(415, "Content-Type must be application/json"), b"", b""
    if not signature or not timestamp:
        return _plain(401, "Missing X-Signature-Ed25519 or X-Signature-Timestamp header"), b"", b""
    sig = _decode_hex(signature)
    if sig is None:
        return _plain(401, "X-Signature-Ed25519 is not valid hex"), b"", b""
    ts = timestamp.encode("latin-1") if isinstance(timestamp, str) else bytes(timestamp)
    return None, sig, ts


def error_response(status: int, text: str) -> Response:
    """A `text/plain` error response (for transports)."""
    return _plain(status, text)


def headers_from(raw: Mapping[str, str]) -> dict[str, str]:
    """Lower-cased header names (helper for transports with str headers)."""
    return {k.lower(): v for k, v in raw.items()}
