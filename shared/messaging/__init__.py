"""Kafka messaging: the envelope, topics, the outbox relay, idempotent consumers, the DLQ."""
