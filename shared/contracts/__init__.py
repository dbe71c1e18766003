"""Event contracts: the pydantic `data` models of every event type, by topic.

Producers and consumers import the same models from here.
"""
