"""Reasonable workplace adjustments: ``types`` ← ``data`` ← ``logic``."""
