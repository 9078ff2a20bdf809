"""Keeping courses: an in-memory store with optimistic concurrency, as a reference."""

from beskaeftigelse._engine.stores import InMemoryCourseStore

__all__ = ["InMemoryCourseStore"]
