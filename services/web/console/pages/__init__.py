"""Console pages, one module an area; each exports `router` and is included automatically."""
