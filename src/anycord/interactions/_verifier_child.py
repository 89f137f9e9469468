"""The verifier process's program: Ed25519 checks for `anycord.interactions.verifier`.

Run as a script (`python path/to/_verifier_child.py KEY_HEX`), not as `-m anycord...`, so
it starts without importing the library. It reads frames from stdin until EOF and answers
each with its id and a verdict on stdout; see `verifier.py` for the wire format. It needs
nothing but PyNaCl and holds nothing but the application's *public* key.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
import typing

REQUEST = struct.Struct(">II")  # request id, message length; then 64-byte signature, message
ANSWER = struct.Struct(">IB")  # request id, 1 when the signature verifies
SIGNATURE_SIZE = 64


def main(argv: list[str]) -> int:
    # The server stops this process (it kills it, or its pipe ends): signals meant for the
    # whole process group, like Ctrl-C, must not print a traceback here or end it early.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    import nacl.exceptions
    import nacl.signing

    verify = nacl.signing.VerifyKey(bytes.fromhex(argv[1])).verify
    bad = (nacl.exceptions.BadSignatureError, ValueError, TypeError)
    read_fd, write_fd = sys.stdin.fileno(), sys.stdout.fileno()
    with contextlib.suppress(BrokenPipeError):  # the server went away: nothing to answer
        _serve(verify, bad, read_fd, write_fd)
    return 0


def _serve(
    verify: typing.Callable[[bytes, bytes], object],
    bad: tuple[type[Exception], ...],
    read_fd: int,
    write_fd: int,
) -> None:
    buffer = bytearray()
    header, unpack, pack = REQUEST.size, REQUEST.unpack_from, ANSWER.pack
    while chunk := os.read(read_fd, 1 << 20):
        buffer += chunk
        offset = 0
        while len(buffer) - offset >= header:
            request_id, length = unpack(buffer, offset)
            end = offset + header + SIGNATURE_SIZE + length
            if len(buffer) < end:
                break
            start = offset + header
            signature = bytes(buffer[start : start + SIGNATURE_SIZE])
            message = bytes(buffer[start + SIGNATURE_SIZE : end])
            try:
                verify(message, signature)
            except bad:
                answer = pack(request_id, 0)
            else:
                answer = pack(request_id, 1)
            # Each verdict goes out at once (5 bytes: one atomic pipe write), so the server
            # answers that request while this process checks the next one.
            os.write(write_fd, answer)
            offset = end
        del buffer[:offset]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
