"""Attachments and embed images, video and icons download the way hikari's resources do:
`read()`, `stream()` (an `async with` reader, or a plain async iterable) and `save(path)`,
from a loopback HTTP peer. A failed download names the host and leaves no file behind."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord import errors
from anycord.models.embeds import Embed, EmbedImage, EmbedVideo
from anycord.models.messages import Attachment
from anycord.snowflakes import Snowflake
from tests.http_peer import HTTPPeer, answer

if typing.TYPE_CHECKING:
    import pathlib

DATA = bytes(range(256)) * 600  # several chunks


def attachment(url: str) -> Attachment:
    return Attachment(
        id=Snowflake(1), filename="report.txt", size=len(DATA), url=url, proxy_url=url
    )


async def test_attachment_reads_streams_and_saves(tmp_path: pathlib.Path) -> None:
    peer = HTTPPeer(answer(200, DATA))
    async with peer.running():
        file = attachment(f"{peer.url}/attachments/1/2/report.txt?ex=signed")
        assert await file.read() == DATA

        async with file.stream() as reader:
            assert (reader.filename, reader.mimetype) == ("report.txt", "text/plain")
            assert b"".join([chunk async for chunk in reader]) == DATA
        assert b"".join([chunk async for chunk in file.stream()]) == DATA

        await file.save(tmp_path)
        assert (tmp_path / "report.txt").read_bytes() == DATA
        with pytest.raises(FileExistsError):
            await file.save(tmp_path / "report.txt")
        (tmp_path / "report.txt").write_bytes(b"old")
        await file.save(tmp_path / "report.txt", force=True)
        assert (tmp_path / "report.txt").read_bytes() == DATA
        await file.save(str(tmp_path / "copy.bin"))
        assert (tmp_path / "copy.bin").read_bytes() == DATA
    assert all(r.method == "GET" for r in peer.requests)
    assert len(peer.requests) == 6


async def test_head_only_stream_downloads_nothing() -> None:
    peer = HTTPPeer(answer(200, DATA))
    async with peer.running(), attachment(f"{peer.url}/a.txt").stream(head_only=True) as reader:
        assert [chunk async for chunk in reader] == []
    assert peer.requests == []


async def test_failed_download_names_the_host_and_leaves_no_file(tmp_path: pathlib.Path) -> None:
    peer = HTTPPeer(answer(404, b"gone"))
    async with peer.running():
        file = attachment(f"{peer.url}/report.txt?signature=secret")
        with pytest.raises(errors.ResourceFetchError) as caught:
            await file.save(tmp_path)
        assert "secret" not in str(caught.value)
        assert f"127.0.0.1:{peer.port}" in str(caught.value)
        with pytest.raises(errors.ResourceFetchError):
            await file.read()
    assert [entry async for entry in anyio.Path(tmp_path).iterdir()] == []


async def test_embed_media_and_icons_are_resources(tmp_path: pathlib.Path) -> None:
    peer = HTTPPeer(answer(200, DATA))
    async with peer.running():
        image = EmbedImage(url=f"{peer.url}/img/cat.png", proxy_url=f"{peer.url}/proxy/cat2.png")
        assert (image.filename, image.extension, image.proxy_filename) == (
            "cat.png",
            "png",
            "cat2.png",
        )
        assert image.resource.url == image.url
        assert image.proxy_resource is not None
        assert await image.proxy_resource.read() == DATA
        assert await image.read() == DATA

        embed = Embed().set_author(name="a", icon=f"{peer.url}/icon.webp")
        assert embed.author is not None
        icon = embed.author.icon
        assert icon is not None
        await icon.save(tmp_path)
        assert (tmp_path / "icon.webp").read_bytes() == DATA

    video = EmbedVideo(url=None)
    assert video.proxy_resource is None
    assert video.proxy_filename is None
    with pytest.raises(ValueError, match="no url"):
        await video.read()
    assert EmbedImage(url="https://cdn.test/noext").extension is None
