"""What runs only on a developer's machine: the local servers (embedded PostgreSQL, the
embedded broker, Apache Kafka from its jars, a mail catcher), the one-machine stack that
`otop up` runs, and the demo data. Nothing in `services/` or `shared/` imports this package;
its commands join `otop` through the `otop.commands` entry point."""
