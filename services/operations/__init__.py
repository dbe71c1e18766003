"""What an operator runs against a live platform: status, lag, tail, republish, dead letters.

`services/cli/` parses the command line and calls these; each module does one job.
"""
