"""`install` and `exposition`: what they accept, what they refuse, and life without the extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from prometheus_client import CollectorRegistry

import anycord.metrics
from anycord.bots.gateway_bot import GatewayBot
from anycord.gateway.protocol import GatewayProtocol
from anycord.gateway.shard import GatewayShard
from anycord.gateway.state import ShardState
from anycord.intents import Intents

TOKEN = "MTA4.fake.token-for-the-metrics-tests"


def test_without_the_extra_install_and_exposition_name_it() -> None:
    # A fresh interpreter in which prometheus_client cannot be imported: anycord.metrics
    # still imports, and using it says which extra to install.
    script = textwrap.dedent(
        """
        import sys
        sys.modules["prometheus_client"] = None
        import anycord.metrics
        for call in (lambda: anycord.metrics.install(object()), anycord.metrics.exposition):
            try:
                call()
            except ImportError as exc:
                print(exc)
            else:
                raise SystemExit("no ImportError")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [anycord.metrics.EXTRA_MISSING] * 2
    assert "pip install 'anycord[metrics]'" in anycord.metrics.EXTRA_MISSING


def test_an_unsupported_target_is_refused() -> None:
    with pytest.raises(TypeError, match="not object"):
        anycord.metrics.install(object(), CollectorRegistry())


def test_one_bot_per_registry() -> None:
    registry = CollectorRegistry()
    anycord.metrics.install(GatewayBot(TOKEN, logs=None, banner=None), registry)
    with pytest.raises(ValueError, match="Duplicated timeseries"):
        anycord.metrics.install(GatewayBot(TOKEN, logs=None, banner=None), registry)


def test_exposition_negotiates_openmetrics_when_asked() -> None:
    registry = CollectorRegistry()
    anycord.metrics.install(GatewayBot(TOKEN, logs=None, banner=None), registry)
    plain_type, plain = anycord.metrics.exposition(registry)
    assert plain_type.startswith("text/plain; version=0.0.4")
    assert b"anycord_dispatcher_queue_depth 0.0" in plain
    open_type, body = anycord.metrics.exposition(
        registry, accept="application/openmetrics-text; version=1.0.0"
    )
    assert open_type.startswith("application/openmetrics-text")
    assert body.endswith(b"# EOF\n")


def test_protocol_counts_each_dispatch_once_by_name() -> None:
    # The sans-IO side of the shard families: counted where the protocol reads `t`, on the
    # short path and the general one, replays and session dispatches included correctly.
    protocol = GatewayProtocol(token=TOKEN, intents=Intents.GUILDS, compression=None)
    protocol.connection_made(0.0)
    protocol.receive('{"op":10,"d":{"heartbeat_interval":41250}}', 0.0)
    protocol.identify(now=0.0)
    ready = {"session_id": "s", "resume_gateway_url": "wss://r", "v": 10}
    protocol.receive_payload({"op": 0, "t": "READY", "s": 1, "d": ready}, 0.0)
    assert protocol.state is ShardState.CONNECTED
    for seq in (2, 3, 3, 4):  # seq 3 again: a replay overlap, dropped and not counted
        protocol.receive(f'{{"op":0,"t":"MESSAGE_CREATE","s":{seq},"d":{{}}}}', 1.0)
    protocol.receive('{"op":0,"t":"bad name!","s":5,"d":{}}', 1.0)
    stats = protocol.stats
    assert stats.events == {"READY": 1, "MESSAGE_CREATE": 3, "bad name!": 1}
    assert (stats.connections, stats.reconnects, stats.identifies, stats.resumes) == (1, 0, 1, 0)


def test_a_name_discord_would_never_send_is_labelled_other() -> None:
    shard = GatewayShard(token=TOKEN, url="wss://gateway.test", intents=Intents.GUILDS, sink=None)  # type: ignore[arg-type]
    protocol = shard.protocol
    protocol.connection_made(0.0)
    protocol.receive('{"op":10,"d":{"heartbeat_interval":41250}}', 0.0)
    protocol.identify(now=0.0)
    ready = {"session_id": "s", "resume_gateway_url": "wss://r"}
    protocol.receive_payload({"op": 0, "t": "READY", "s": 1, "d": ready}, 0.0)
    protocol.receive_payload({"op": 0, "t": 'X"} 1\nevil', "s": 2, "d": {}}, 0.0)
    protocol.receive_payload({"op": 0, "t": "lower", "s": 3, "d": {}}, 0.0)
    registry = CollectorRegistry()
    anycord.metrics.install(shard, registry)
    _, body = anycord.metrics.exposition(registry)
    lines = [line for line in body.decode().splitlines() if "events_received_total{" in line]
    assert lines == [
        'anycord_shard_events_received_total{event="READY",shard="0"} 1.0',
        'anycord_shard_events_received_total{event="other",shard="0"} 2.0',
    ]
