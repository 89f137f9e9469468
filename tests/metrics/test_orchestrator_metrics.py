"""Orchestrator families: a worker's leases, renewals, losses and identify waits, and the
coordinator's fleet view, driven by two orchestrator bots on the memory coordinator."""

from __future__ import annotations

import anyio
import pytest
from prometheus_client import CollectorRegistry

import anycord.metrics
from anycord.gateway.identify import IDENTIFY_WINDOW
from anycord.orchestrator import MemoryCoordinator
from anycord.testing import FakeDiscord
from tests.metrics.scrape import Scrape
from tests.orchestrator import scenarios
from tests.orchestrator.fleet import Partitionable, poll
from tests.orchestrator.test_fleet import TIMING  # Discord's own numbers, in virtual time
from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Identify windows, lease renewals and a lease expiring: virtual minutes in milliseconds.
    return request.param


async def test_leases_renewals_losses_identify_waits_and_the_fleet_view() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        plan = scenarios.plan_for(fake, TIMING, shard_count=2)
        coord = MemoryCoordinator(plan, remaining_sessions=1000)
        link = Partitionable(coord)
        first = scenarios.make_bot(link, fake, "first", 2, TIMING)
        second = scenarios.make_bot(coord, fake, "second", 2, TIMING)
        registries = {name: CollectorRegistry() for name in ("first", "second", "fleet")}
        anycord.metrics.install(first, registries["first"])
        anycord.metrics.install(second, registries["second"])
        anycord.metrics.install(coord, registries["fleet"])

        with anyio.fail_after(TIMING.deadline):
            async with anyio.create_task_group() as tg:
                await tg.start(first.start)
                await tg.start(second.start)
                assert set(first.leases) == {0, 1}
                await anyio.sleep(TIMING.ttl)  # three renewals per lease
                mine = Scrape(registries["first"])
                owner = {"owner": "first"}
                assert mine.value("anycord_orchestrator_shards", state="running", **owner) == 2
                assert mine.value("anycord_orchestrator_shards", state="stopped", **owner) == 0
                assert mine.value("anycord_orchestrator_lease_claims_total", **owner) == 2
                assert mine.value("anycord_orchestrator_lease_renewals_total", **owner) >= 4
                assert mine.value("anycord_orchestrator_lease_losses_total", **owner) == 0
                waits = mine.value("anycord_orchestrator_identify_wait_seconds_count", **owner)
                assert waits == 2
                # One bucket (max_concurrency 1): the second shard waited one plan window.
                waited = mine.value("anycord_orchestrator_identify_wait_seconds_sum", **owner)
                assert waited >= IDENTIFY_WINDOW - 0.01
                # The orchestrator bot is a GatewayBot: its shards have their own families.
                assert mine.labels("anycord_shard_state", "shard") == {"0", "1"}

                fleet = Scrape(registries["fleet"])
                running = {"owner": "first", "state": "running"}
                assert fleet.value("anycord_orchestrator_fleet_shards", **running) == 2
                assert fleet.value("anycord_orchestrator_session_budget_remaining") == 998

                # Cut the first bot off the coordinator: it stops its shards before the
                # leases expire, and the second adopts them.
                link.cut = True
                await poll(lambda: set(second.leases) == {0, 1})
                await poll(lambda: all(s.is_connected for s in second.shards.values()))
                cut = Scrape(registries["first"])
                assert cut.value("anycord_orchestrator_lease_losses_total", **owner) == 2
                assert cut.value("anycord_orchestrator_lease_renewal_failures_total", **owner) >= 1
                assert cut.value("anycord_orchestrator_shards", state="running", **owner) == 0
                theirs = Scrape(registries["second"])
                other = {"owner": "second"}
                assert theirs.value("anycord_orchestrator_lease_claims_total", **other) == 2
                assert theirs.value("anycord_orchestrator_shards", state="running", **other) == 2
                # The sessions were resumed, not identified again: no budget was spent.
                assert theirs.total("anycord_shard_resumes_total") == 2
                assert theirs.total("anycord_shard_identifies_total") == 0
                await poll(
                    lambda: (
                        Scrape(registries["fleet"]).get(
                            "anycord_orchestrator_fleet_shards", owner="second", state="running"
                        )
                        == 2
                    )
                )
                assert (
                    Scrape(registries["fleet"]).value(
                        "anycord_orchestrator_session_budget_remaining"
                    )
                    == 998
                )
                link.cut = False
                await first.close()
                await second.close()
        assert fake.token not in Scrape(registries["first"]).text
