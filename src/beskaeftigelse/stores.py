"""Keeping courses: an in-memory store with optimistic concurrency, as a reference."""

from ._stores import InMemoryCourseStore

__all__ = ["InMemoryCourseStore"]
