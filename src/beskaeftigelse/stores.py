"""Keeping courses: in memory, in a SQLite file, or in PostgreSQL, with one contract.

Every store keeps courses by key and writes only by compare-and-set on the course's version
(``expected_version``), keeps each programme definition once by content digest, and answers
the dashboard's question ``due(on=)`` from an index it updates on each write.
"""

from beskaeftigelse._engine.stores import (
    DueItem,
    InMemoryCourseStore,
    PostgresCourseStore,
    SqliteCourseStore,
)

__all__ = ["DueItem", "InMemoryCourseStore", "PostgresCourseStore", "SqliteCourseStore"]
