"""The embedded servers of the one-machine stack: real PostgreSQL and a Kafka-protocol broker."""
