"""`rediss://` against a real TLS-only redis-server that requires a client certificate (mutual
TLS): `connect_redis`, then `start_server`, `Bot` and `Client` all through TLS."""

from __future__ import annotations

import functools
import gc
import itertools
import math
import ssl
import typing

import anyio
import pytest

from anycord.orchestrator import Bot, Client, RedisCoordinator, connect_redis, start_server
from anycord.testing import FakeDiscord
from tests.orchestrator.fleet import FAKE_WINDOW, PLAN_WINDOW, poll

if typing.TYPE_CHECKING:
    from tests.orchestrator.tls_certs import TLSFiles

_namespaces = itertools.count()


async def test_connect_redis_verifies_the_server_and_presents_a_client_certificate(
    rediss_url: str, tls_files: TLSFiles
) -> None:
    async with connect_redis(
        rediss_url,
        ca_cert=tls_files.ca_cert,
        certificate=tls_files.client_cert,
        private_key=tls_files.client_key,
    ) as redis:
        assert await redis.ping()
    ca_pem = await anyio.Path(tls_files.ca_cert).read_bytes()
    async with connect_redis(
        rediss_url,
        ca_cert=ca_pem,  # PEM bytes work as well as a path
        certificate=tls_files.client_cert,
        private_key=tls_files.client_key,
    ) as redis:
        assert await redis.set("k", "v")


# coredis 6.9 leaves the memory streams of a connection whose TLS handshake failed unclosed;
# their ResourceWarnings surface when they are collected, which is coredis's, not ours.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_connect_redis_refuses_an_unknown_server_and_a_missing_client_certificate(
    rediss_url: str, tls_files: TLSFiles
) -> None:
    # Without our CA the server's certificate does not verify.
    with pytest.raises(Exception) as unverified:
        async with connect_redis(
            rediss_url, certificate=tls_files.client_cert, private_key=tls_files.client_key
        ) as redis:
            await redis.ping()
    assert _caused_by(unverified.value, ssl.SSLCertVerificationError)
    # Without a client certificate the server refuses us.
    with pytest.raises(Exception) as refused:
        async with connect_redis(rediss_url, ca_cert=tls_files.ca_cert) as redis:
            await redis.ping()
    assert not _caused_by(refused.value, ssl.SSLCertVerificationError)
    del unverified, refused
    gc.collect()  # collect coredis's leftovers here, under this test's filter


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return True
        if isinstance(current, BaseExceptionGroup):
            todo += list(current.exceptions)
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
    return False


async def test_server_bot_and_client_run_over_mutual_tls(
    rediss_url: str, tls_files: TLSFiles
) -> None:
    ca_cert, certificate, private_key = (
        tls_files.ca_cert,
        tls_files.client_cert,
        tls_files.client_key,
    )
    namespace = f"tls{next(_namespaces)}"
    async with FakeDiscord(shard_count=2, heartbeat_interval=0.5) as fake:
        fake.gateway.identify_gate.window = FAKE_WINDOW
        bot = Bot(
            rediss_url,
            fake.token,
            local_shard_count=2,
            lease_ttl=3.0,
            status_interval=0.2,
            namespace=namespace,
            rest_url=fake.rest_url,
            logs=None,
            banner=None,
            ca_cert=ca_cert,
            certificate=certificate,
            private_key=private_key,
        )
        with anyio.fail_after(20):
            async with anyio.create_task_group() as tg:
                plan = await tg.start(
                    functools.partial(
                        start_server,
                        fake.token,
                        rediss_url,
                        namespace=namespace,
                        identify_window=PLAN_WINDOW,
                        rest_url=fake.rest_url,
                        ca_cert=ca_cert,
                        certificate=certificate,
                        private_key=private_key,
                    )
                )
                assert plan.shard_count == 2
                await tg.start(bot.start)
                await fake.gateway.wait_ready(2)
                async with Client(
                    fake.token,
                    rediss_url,
                    namespace=namespace,
                    refresh_interval=0.1,
                    ca_cert=ca_cert,
                    certificate=certificate,
                    private_key=private_key,
                ) as client:
                    await poll(
                        lambda: all(
                            s.is_connected and not math.isnan(s.heartbeat_latency)
                            for s in client.remote_shards.values()
                        )
                    )
                    assert {s.owner for s in client.remote_shards.values()} == {bot.owner}
                    await client.update_presence(status="idle")
                    await fake.gateway.wait_until(
                        lambda: all(
                            any(
                                isinstance(p, dict) and p.get("op") == 3
                                for c in fake.gateway.live_connections(s)
                                for p in c.received
                            )
                            for s in (0, 1)
                        )
                    )
                await bot.close()
                async with connect_redis(
                    rediss_url, ca_cert=ca_cert, certificate=certificate, private_key=private_key
                ) as redis:
                    assert await RedisCoordinator(redis, namespace).owners() == {}
                tg.cancel_scope.cancel()
