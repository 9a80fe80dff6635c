"""The embedded local runtime: the real state machine on moto with the handlers in-process."""
