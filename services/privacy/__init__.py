"""Personal data under Thailand's PDPA: what each service answers about a member, and the
one export document assembled from the four services."""
