"""One module per public page group; each module's `router` is included by the app."""
