"""Notebook display of assessments and outcome statistics: every figure, escaped."""

import html
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from beskaeftigelse import adjustments as adj
from beskaeftigelse.events import Outcome
from beskaeftigelse.stats import Count, OutcomeStats

KEYS = [a.key for a in adj.ADJUSTMENTS.adjustments]
SCHEME_KEYS = [s.key for s in adj.SCHEMES]


@given(
    adjustments=st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True),
    employer=st.builds(
        adj.Employer, st.integers(1, 5000), st.sampled_from(list(adj.FinancialBand))
    ),
    cost=st.integers(0, 500_000),
    load=st.sampled_from(list(adj.ColleagueLoad)),
    compensation=st.lists(
        st.builds(adj.Compensation, st.sampled_from(SCHEME_KEYS), st.integers(0, 500_000)),
        max_size=3,
    ),
    on=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
)
def test_an_assessment_shows_its_verdict_and_every_factor(
    adjustments, employer, cost, load, compensation, on
):
    a = adj.assess(
        adjustments,
        employer=employer,
        cost=cost,
        colleague_load=load,
        compensation=compensation,
        on=on,
    )
    shown = a._repr_html_()
    assert shown.startswith(f"<h4>{html.escape(a.verdict.label_en)}")
    assert f"DKK {a.net_cost:,} against a limit of DKK {a.limit:,}" in shown
    assert shown.count("<tr>") == 1 + len(a.factors)
    for factor in a.factors:
        assert f"<td>{html.escape(factor.label)}</td>" in shown
        assert html.escape(factor.source) in shown
    assert ("until" in shown.split("<table>")[0]) == (a.rule_valid_until is not None)


counts = st.dictionaries(
    st.tuples(st.sampled_from(["end", "after_3_months"]), st.sampled_from(list(Outcome))),
    st.integers(1, 50),
    max_size=8,
)


@given(counts)
def test_outcome_stats_show_every_share(counter):
    total = max(
        [sum(n for (m, _), n in counter.items() if m == at) for at in ("end", "after_3_months")]
    )
    stats = OutcomeStats(
        courses=total,
        ended=total,
        counts=tuple(
            Count(m, o, n)
            for (m, o), n in sorted(counter.items(), key=lambda kv: (kv[0][0], kv[0][1].value))
        ),
    )
    shown = stats._repr_html_()
    assert shown.startswith(f"<h4>{total} courses, {total} ended</h4>")
    assert shown.count("<table>") == len(stats.measurements())
    for at in stats.measurements():
        assert f"<b>{at}</b>: in the labour market {stats.labour_market(at=at)}" in shown
        for kind, share in stats.by_kind(at=at):
            assert f"<td>{kind.label_en}</td><td>{kind.label_da}</td><td>{share}</td>" in shown
