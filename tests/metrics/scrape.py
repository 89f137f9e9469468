"""Read a prometheus-client registry back the way Prometheus would: parse the exposition."""

from __future__ import annotations

import typing

from prometheus_client.parser import text_string_to_metric_families

import anycord.metrics

if typing.TYPE_CHECKING:
    from prometheus_client.registry import CollectorRegistry


class Scrape:
    """One scrape of a registry: the raw text and its samples by name and labels."""

    def __init__(self, registry: CollectorRegistry) -> None:
        content_type, body = anycord.metrics.exposition(registry)
        assert content_type.startswith("text/plain")
        self.text = body.decode()
        self.samples: dict[tuple[str, frozenset[tuple[str, str]]], float] = {}
        for family in text_string_to_metric_families(self.text):
            for sample in family.samples:
                self.samples[sample.name, frozenset(sample.labels.items())] = sample.value

    def value(self, name: str, **labels: str) -> float:
        """The sample `name` with exactly `labels` (`KeyError` when it is absent)."""
        return self.samples[name, frozenset(labels.items())]

    def get(self, name: str, default: float = 0.0, **labels: str) -> float:
        return self.samples.get((name, frozenset(labels.items())), default)

    def total(self, name: str, **labels: str) -> float:
        """The sum of every `name` sample whose labels include `labels`."""
        wanted = set(labels.items())
        return sum(v for (n, ls), v in self.samples.items() if n == name and wanted <= ls)

    def labels(self, name: str, label: str) -> set[str]:
        """Every value `label` takes among the `name` samples."""
        return {dict(ls)[label] for (n, ls), _ in self.samples.items() if n == name}
