"""Course stores: in memory, on SQLite and on PostgreSQL, with one contract."""

from beskaeftigelse._engine.stores.contract import DueItem
from beskaeftigelse._engine.stores.memory import InMemoryCourseStore
from beskaeftigelse._engine.stores.postgres import PostgresCourseStore
from beskaeftigelse._engine.stores.sqlite import SqliteCourseStore

__all__ = ["DueItem", "InMemoryCourseStore", "PostgresCourseStore", "SqliteCourseStore"]
