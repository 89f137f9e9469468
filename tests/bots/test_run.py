"""`run_blocking` in a real subprocess that receives real signals, on both backends."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys, anyio
    from anycord.bots.lifecycle import Lifecycle
    from anycord.bots.run import run_blocking

    lifecycle = Lifecycle("demo")

    async def start():
        async with lifecycle.running():
            lifecycle.mark_ready()
            print("ready", flush=True)
            await lifecycle.wait_for_close_request()
            print("graceful", flush=True)

    run_blocking(start, lifecycle.request_close, backend=sys.argv[1],
                 propagate_interrupts=sys.argv[2] == "1")
    print("exited", flush=True)
    """
)


def _spawn(backend: str, propagate: bool) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, backend, "1" if propagate else "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_closes_gracefully(backend: str, sig: signal.Signals) -> None:
    proc = _spawn(backend, propagate=False)
    os.kill(proc.pid, sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.split() == ["graceful", "exited"]


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_propagate_interrupts(backend: str) -> None:
    proc = _spawn(backend, propagate=True)
    os.kill(proc.pid, signal.SIGTERM)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM
    assert out.split() == ["graceful"]


def test_bad_backend() -> None:
    from anycord.bots.run import run_blocking

    async def start() -> None:
        pass

    with pytest.raises(ValueError, match="backend"):
        run_blocking(start, lambda: None, backend="curio")  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_the_backend_comes_from_the_environment_when_not_given(backend: str) -> None:
    script = textwrap.dedent(
        """
        import sniffio
        from anycord.bots.run import run_blocking

        async def start():
            print(sniffio.current_async_library(), flush=True)

        run_blocking(start, lambda: None)
        """
    )
    env = {**os.environ, "ANYCORD_BACKEND": backend}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [backend]


def test_a_bad_backend_in_the_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from anycord.bots.run import resolve_backend

    monkeypatch.setenv("ANYCORD_BACKEND", "curio")
    with pytest.raises(ValueError, match="ANYCORD_BACKEND"):
        resolve_backend(None)
    assert resolve_backend("trio") == "trio"
