"""What every service is made of: its definition, its runtime state, its background loops."""
