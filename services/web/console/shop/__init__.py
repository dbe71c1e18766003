"""The staff console's shop pages: statements, charts, exports and terminal pairing."""
