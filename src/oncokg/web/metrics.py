"""The service's Prometheus metrics: requests, latencies, timeouts, crashes, in-flight queries, kept answers."""

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from oncokg.web.answers import AnswerCache
from oncokg.web.workers import PoolStats


class Metrics:
    """One registry per service (so that several apps in one process do not mix their counts)."""

    def __init__(self, stats: PoolStats, answers: AnswerCache):
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "oncokg_http_requests", "HTTP requests answered", ["route", "method", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "oncokg_http_request_seconds",
            "Time to answer a request",
            ["route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self.registry.register(_PoolCollector(stats, answers))


class _PoolCollector:
    """Reads the pool's counters at scrape time."""

    def __init__(self, stats: PoolStats, answers: AnswerCache):
        self.stats, self.answers = stats, answers

    def collect(self):
        s = self.stats
        yield GaugeMetricFamily("oncokg_queries_in_flight", "Queries running in a worker now", value=s.in_flight)
        yield GaugeMetricFamily("oncokg_workers", "Live query worker processes", value=s.live())
        yield GaugeMetricFamily("oncokg_answer_cache_bytes", "Bytes of SPARQL answers kept", value=self.answers.size)
        for name, help_text, value in (
            ("oncokg_query_timeouts", "Queries stopped at the timeout (their worker killed)", s.timeouts),
            ("oncokg_worker_crashes", "Workers that died while answering", s.crashes),
            ("oncokg_workers_replaced", "Workers started in place of a killed or crashed one", s.replaced),
            ("oncokg_busy_refusals", "Requests refused because every worker stayed busy", s.busy_refusals),
            ("oncokg_answer_cache_hits", "SPARQL requests answered from kept answers", self.answers.hits),
        ):
            yield CounterMetricFamily(name, help_text, value=value)
