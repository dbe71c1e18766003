"""HTTP entrypoints of the web front other than the console pages."""
