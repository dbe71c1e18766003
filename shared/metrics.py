"""Prometheus metrics of a service process, exposed at GET /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "otop_http_requests_total", "HTTP requests handled", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "otop_http_request_duration_seconds", "HTTP request duration", ["method", "route"]
)
OUTBOX_PUBLISHED = Counter("otop_outbox_published_total", "Outbox rows published", ["schema"])
OUTBOX_PUBLISH_FAILURES = Counter(
    "otop_outbox_publish_failures_total", "Outbox publish attempts that failed", ["schema"]
)
OUTBOX_PENDING = Gauge("otop_outbox_pending", "Outbox rows waiting to be published", ["schema"])
OUTBOX_OLDEST_PENDING = Gauge(
    "otop_outbox_oldest_pending_seconds", "Age of the oldest unpublished outbox row", ["schema"]
)
EVENTS_CONSUMED = Counter(
    "otop_events_consumed_total", "Events handled by consumers", ["consumer", "outcome"]
)
