"""The staff console: the kit page modules are built with, and the pages of its own."""
