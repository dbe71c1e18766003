"""The web front: staff accounts, roles with areas and sessions, the staff console, and the
staff tokens it signs to call the four services on a staff member's behalf."""
