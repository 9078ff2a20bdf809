"""Beyond one machine: a store read in partitions on Dask gives what one pass gives."""

from datetime import date

import dask.bag as db
import pytest

from beskaeftigelse.events import Outcome
from beskaeftigelse.stats import OutcomeStats, stats_of_bag
from beskaeftigelse.stores import InMemoryCourseStore, SqliteCourseStore

from .courses import jobklub_course


@pytest.mark.parametrize("parts", [1, 3, 4])
def test_partitions_on_dask_give_the_results_of_one_pass(tmp_path, parts):
    path = tmp_path / "courses.db"
    job, school, other = Outcome.ORDINARY_JOB, Outcome.EDUCATION, Outcome.OTHER
    ways = [
        ("running", None, None),
        ("cancelled", None, None),
        ("ended", None, None),
        ("ended", job, None),
        ("ended", job, school),
        ("ended", other, job),
    ]
    sample = [(f"case-{i:03d}", jobklub_course(i, *ways[i % len(ways)])) for i in range(30)]
    with SqliteCourseStore(path) as store:
        store.add_all(sample)

    def read(partition):
        with SqliteCourseStore(path) as store:  # one connection per task
            return list(store.courses(partition=partition, partitions=parts))

    pairs = db.from_sequence(range(parts), npartitions=parts).map(read).flatten()
    stats = stats_of_bag(pairs.map(lambda pair: pair[1]), scheduler="threads")
    assert stats == OutcomeStats.of(course for _, course in sample)
    day = date(2016, 9, 1)
    dues = pairs.map(lambda pair: [(pair[0], d) for d in pair[1].due(on=day)]).flatten()
    found = sorted(dues.compute(scheduler="threads"), key=lambda kd: (kd[1].item.on, kd[0]))
    with SqliteCourseStore(path) as store:
        assert found == [(d.key, d.due) for d in store.due(on=day)]
    memory = InMemoryCourseStore()
    memory.add_all(sample)
    in_parts = [list(memory.courses(partition=i, partitions=parts)) for i in range(parts)]
    assert sorted(p for part in in_parts for p in part) == sorted(sample)
    assert in_parts == [read(i) for i in range(parts)]
