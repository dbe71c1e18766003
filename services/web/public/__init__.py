"""The web front's public pages: the shop's catalogue and orders, the calendar and the
Nawatwithi communities, for customers and visitors (no sign-in)."""
