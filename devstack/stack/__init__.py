"""The one-machine stack that `otop up` runs (see `stack.py`)."""

from devstack.stack.servers import APACHE_KAFKA, EMBEDDED_BROKER
from devstack.stack.stack import Stack

__all__ = ["APACHE_KAFKA", "EMBEDDED_BROKER", "Stack"]
