import anyio
import anyio.lowlevel

import anycord


async def test_runs_under_each_backend(anyio_backend: str) -> None:
    import sniffio

    assert sniffio.current_async_library() == anyio_backend
    await anyio.lowlevel.checkpoint()


def test_version() -> None:
    assert anycord.__version__
