"""Workplace adjustments: suggestions from needs and the job, and the § 2 a assessment."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

import attrs

from beskaeftigelse._domain.adjustments.data import ADJUSTMENTS, BURDEN_RULES
from beskaeftigelse._domain.adjustments.types import (
    MAX_AMOUNT,
    AdjustmentCatalogue,
    Assessment,
    BurdenRule,
    ColleagueLoad,
    Compensation,
    Effect,
    Employer,
    Factor,
    JobTrait,
    Need,
    Suggestion,
    Verdict,
)
from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._kernel.timeline import Lookup, Timeline, timeline_of
from beskaeftigelse._kernel.validation import (
    check_day,
    frozenset_of,
    instance_of,
    member,
    tuple_of,
    whole,
)

_NEEDS = frozenset_of(Need, "needs")
_JOB = frozenset_of(JobTrait, "job")
_KEYS = tuple_of(str, "adjustments", min_size=1)
_OFFERS = tuple_of(Compensation, "compensation")


def suggest(
    needs: Iterable[Need],
    *,
    job: Iterable[JobTrait] = (),
    catalogue: AdjustmentCatalogue = ADJUSTMENTS,
) -> tuple[Suggestion, ...]:
    """Adjustments for ``needs`` in a job with traits ``job``, best first, each with reasons.

    Adjustments unsuited to a trait of the job are left out; ties are broken by cost, then
    key, so the order does not depend on the order of the inputs.

    Args:
        needs: The citizen's needs.
        job: What the job is like.
        catalogue: The catalogue to draw from.

    Returns:
        The suggestions, best first; empty when nothing in the catalogue meets a need.

    Raises:
        ValidationError: A need, trait or the catalogue has the wrong type.
    """
    wanted = _NEEDS(needs)
    traits = _JOB(job)
    instance_of(AdjustmentCatalogue, "catalogue")(None, None, catalogue)
    found = []
    for adjustment in catalogue.adjustments:
        met = adjustment.needs & wanted
        if not met or adjustment.unsuited_to & traits:
            continue
        fits = adjustment.suits & traits
        reasons = [f"addresses {n.label_en} ({n.label_da})" for n in sorted(met, key=_value)]
        reasons += [f"fits {t.label_en} ({t.label_da})" for t in sorted(fits, key=_value)]
        reasons.append(f"cost class: {adjustment.cost.label_en}")
        if adjustment.schemes:
            reasons.append(f"may be publicly funded: {', '.join(sorted(adjustment.schemes))}")
        score = 10 * len(met) + 3 * len(fits) - adjustment.cost.rank
        found.append(Suggestion(adjustment, score, tuple(reasons)))
    found.sort(key=lambda s: (-s.score, s.adjustment.cost.rank, s.adjustment.key))
    return tuple(found)


def _value(member: enum.Enum) -> str:
    return str(member.value)


def assess(  # noqa: PLR0913 - the § 2 a factors, each named
    adjustments: Iterable[str],
    *,
    employer: Employer,
    cost: int,
    colleague_load: ColleagueLoad,
    compensation: Iterable[Compensation] = (),
    on: date,
    rules: Timeline[BurdenRule] = BURDEN_RULES,
    catalogue: AdjustmentCatalogue = ADJUSTMENTS,
) -> Assessment:
    """Whether adjustments are reasonable for an employer on ``on`` (§ 2 a).

    The burden is not disproportionate when public schemes compensate it sufficiently, so
    compensation from a scheme that funds one of the adjustments and is in force on ``on`` is
    subtracted from the cost; compensation from any other scheme is listed and not counted.
    The net cost is then weighed against what the employer's size and finances can bear, and
    a substantial extra load on colleagues always calls for a concrete assessment. The result
    never depends on the order of the inputs, and more compensation never makes it worse.

    Args:
        adjustments: Keys of the adjustments in the catalogue (at least one).
        employer: The employer's size and financial band.
        cost: The adjustments' cost to the employer, DKK a year, before compensation.
        colleague_load: The extra load on colleagues.
        compensation: Public compensation available, DKK a year per scheme.
        on: The date the assessment applies to.
        rules: The burden rule over time (the default amounts are [unverified]).
        catalogue: The adjustment catalogue.

    Returns:
        The assessment, an answer whose findings are its factors; "not reasonable" is a
        verdict, never an exception.

    Raises:
        ValidationError: Bad input (the path names the field).
        NotInForce: No version of ``rules`` is in force on ``on``.

    >>> from datetime import date
    >>> from beskaeftigelse.adjustments import FinancialBand
    >>> a = assess(
    ...     ["special_chair"],
    ...     employer=Employer(8, FinancialBand.WEAK),
    ...     cost=12_000,
    ...     colleague_load=ColleagueLoad.NONE,
    ...     compensation=[Compensation("hjaelpemidler", 12_000)],
    ...     on=date(2020, 9, 1),
    ... )
    >>> a.verdict.value, a.net_cost
    ('reasonable', 0)
    """
    check_day(on, "on")
    instance_of(AdjustmentCatalogue, "catalogue")(None, None, catalogue)
    keys = _adjustment_keys(adjustments, catalogue)
    instance_of(Employer, "employer")(None, None, employer)
    whole(0, MAX_AMOUNT, "cost")(None, None, cost)
    member(ColleagueLoad, "colleague_load")(None, None, colleague_load)
    offers = _OFFERS(_listed(compensation))
    timeline_of(BurdenRule, "rules")(None, None, rules)
    version = rules.lookup(on)
    rule = version.value
    limit = rule.limit(employees=employer.employees, finances=employer.finances)
    fundable = frozenset().union(*(catalogue.get(k).schemes for k in keys))
    offered, counted = _compensation_factors(offers, fundable, catalogue, on)
    net = max(0, cost - counted)
    verdict = _verdict(net, limit, rule.clearly_factor, colleague_load)
    burden = _burden_factors(employer, cost, counted, net, limit, version, colleague_load)
    return Assessment(
        on=on,
        adjustments=keys,
        verdict=verdict,
        net_cost=net,
        limit=limit,
        findings=(*burden, *offered),
    )


def _listed(value: object) -> object:
    # A generator or a set is read into a list, so that the kit's sequence check accepts it.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value
    return list(value)


def _adjustment_keys(adjustments: object, catalogue: AdjustmentCatalogue) -> tuple[str, ...]:
    keys = sorted(set(_KEYS(_listed(adjustments))))
    known = {a.key for a in catalogue.adjustments}
    for key in keys:
        if key not in known:
            raise ValidationError(f"no adjustment {key!r} in the catalogue", path="adjustments")
    return tuple(keys)


def _compensation_factors(
    offers: tuple[Compensation, ...],
    fundable: frozenset[str],
    catalogue: AdjustmentCatalogue,
    on: date,
) -> tuple[list[Factor], int]:
    by_scheme: dict[str, int] = {}
    for offer in offers:
        by_scheme[offer.scheme] = by_scheme.get(offer.scheme, 0) + offer.amount
    factors, counted = [], 0
    for key in sorted(by_scheme):
        amount = by_scheme[key]
        factor = Factor(
            rule=f"compensation:{key}",
            label=f"compensation from {key}: DKK {amount:,} a year",
            effect=Effect.NEUTRAL,
            reason="not a known scheme; not counted",
            value=amount,
        )
        scheme = next((s for s in catalogue.schemes if s.key == key), None)
        if scheme is not None:
            version = scheme.in_force(on)
            if version is None:
                reason = f"the scheme is not in force on {on}; not counted"
                factor = attrs.evolve(factor, reason=reason, source=scheme.reference)
            elif key not in fundable:
                reason = "the scheme does not fund these adjustments; not counted"
                factor = attrs.evolve(factor, reason=reason, source=scheme.reference)
            else:
                counted += amount
                factor = attrs.evolve(
                    factor,
                    effect=Effect.FOR,
                    reason=f"counted: {version.value.terms}",
                    source=version.source,
                    valid_from=version.entry.valid_from,
                    valid_until=version.valid_until,
                )
        factors.append(factor)
    return factors, counted


def _burden_factors(  # noqa: PLR0913, PLR0917 - the numbers the explanation shows
    employer: Employer,
    cost: int,
    counted: int,
    net: int,
    limit: int,
    version: Lookup[BurdenRule],
    load: ColleagueLoad,
) -> list[Factor]:
    rule = version.value
    within = net <= limit
    clearly = net > limit * rule.clearly_factor
    substantial = load is ColleagueLoad.SUBSTANTIAL

    def factor(key: str, label: str, effect: Effect, reason: str, value: int | None) -> Factor:
        return Factor(
            rule=key,
            label=label,
            effect=effect,
            reason=reason,
            value=value,
            source=version.source,
            valid_from=version.entry.valid_from,
            valid_until=version.valid_until,
            status="unverified",
        )

    return [
        factor(
            "employer",
            f"employer: {employer.employees} employees ({rule.size(employer.employees)}), "
            f"{employer.finances.label_en}",
            Effect.NEUTRAL,
            f"can be expected to bear DKK {limit:,} a year net",
            limit,
        ),
        factor(
            "cost",
            f"cost: DKK {cost:,} a year before compensation",
            Effect.NEUTRAL,
            "the cost of the adjustments to the employer",
            cost,
        ),
        factor(
            "net_cost",
            f"net cost: DKK {net:,} a year after DKK {counted:,} compensation",
            Effect.FOR if within else Effect.AGAINST,
            (
                "not disproportionate when public schemes compensate sufficiently"
                if net == 0
                else f"within what the employer can bear (DKK {limit:,})"
                if within
                else f"more than {rule.clearly_factor} times what the employer can bear"
                if clearly
                else "above what the employer can bear, but not clearly"
            ),
            net,
        ),
        factor(
            "colleague_load",
            f"extra load on colleagues: {load.label_en}",
            Effect.AGAINST if substantial else Effect.NEUTRAL,
            (
                "a substantial load on colleagues needs a concrete assessment"
                if substantial
                else "does not weigh against the adjustment"
            ),
            None,
        ),
    ]


def _verdict(net: int, limit: int, clearly_factor: int, load: ColleagueLoad) -> Verdict:
    # Non-decreasing in ``net``: more compensation can only move the verdict towards
    # "reasonable".
    if net > limit * clearly_factor:
        return Verdict.NOT_REASONABLE
    if net > limit or load is ColleagueLoad.SUBSTANTIAL:
        return Verdict.NEEDS_CONCRETE_ASSESSMENT
    return Verdict.REASONABLE
