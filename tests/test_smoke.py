import anyio

import anycord


async def test_runs_under_each_backend(anyio_backend: str) -> None:
    import sniffio

    assert sniffio.current_async_library() == anyio_backend
    await anyio.sleep(0)


def test_version() -> None:
    assert anycord.__version__
