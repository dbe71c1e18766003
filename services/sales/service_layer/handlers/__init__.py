"""Command handlers of the sales service; each gets its unit of work passed in."""
