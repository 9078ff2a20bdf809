"""Who the citizen is legally, and the legal instruments as dated, overridable rules."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from beskaeftigelse._kernel.errors import ValidationError
from beskaeftigelse._kernel.references import reference as _reference
from beskaeftigelse._kernel.timeline import Lookup, Timeline
from beskaeftigelse._kernel.validation import boolean as _bool
from beskaeftigelse._kernel.validation import member as _enum
from beskaeftigelse._kernel.validation import text as _text

_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")

#: LAB as the baseline of the rules: lov nr. 548 af 7. maj 2019, LBK nr. 280 af 1. marts 2024.
LAB = "LAB (lov nr. 548 af 7. maj 2019, LBK nr. 280 af 1. marts 2024)"
#: The 2025 law that ends ressourceforløb and revalidering for new citizens.
LOV_1750 = "lov nr. 1750 af 29. december 2025"
_LAB_START = date(2020, 1, 1)


class TargetGroup(enum.Enum):
    """A target group of LAB § 6, by the code case systems use (``"6.1"`` ... ``"6.13"``).

    >>> TargetGroup.from_code("6.3").label_en
    'activity-ready kontanthjælp recipient'
    >>> TargetGroup.G1.number
    1
    """

    G1 = "6.1"
    G2 = "6.2"
    G3 = "6.3"
    G4 = "6.4"
    G5 = "6.5"
    G6 = "6.6"
    G7 = "6.7"
    G8 = "6.8"
    G9 = "6.9"
    G10 = "6.10"
    G11 = "6.11"
    G12 = "6.12"
    G13 = "6.13"

    @classmethod
    def from_code(cls, code: str) -> TargetGroup:
        """The group for a case system's code, e.g. ``"6.4"``.

        Raises:
            ValidationError: No target group has that code.
        """
        for group in cls:
            if group.value == code:
                return group
        raise ValidationError(
            f"{code!r} is not a target group code; use '6.1' ... '6.13'", path="target_group"
        )

    @property
    def code(self) -> str:
        """The case-system code, e.g. ``"6.1"``."""
        return self.value

    @property
    def number(self) -> int:
        """The number in LAB § 6 (``nr.``)."""
        return int(self.value.split(".")[1])

    @property
    def label_da(self) -> str:
        """The Danish label."""
        return _GROUP_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _GROUP_LABELS[self][1]

    @property
    def source(self) -> str:
        """The legal reference; nr. 12 and 13 are marked unverified."""
        unverified = " [unverified]" if self in (TargetGroup.G12, TargetGroup.G13) else ""
        return f"{LAB} § 6, nr. {self.number}{unverified}"


_GROUP_LABELS = {
    TargetGroup.G1: ("dagpengemodtager", "unemployment-insurance recipient (dagpenge)"),
    TargetGroup.G2: ("jobparat kontanthjælpsmodtager", "job-ready kontanthjælp recipient"),
    TargetGroup.G3: (
        "aktivitetsparat kontanthjælpsmodtager",
        "activity-ready kontanthjælp recipient",
    ),
    TargetGroup.G4: ("uddannelsesparat under 30 år", "education-ready person under 30"),
    TargetGroup.G5: ("aktivitetsparat under 30 år", "activity-ready person under 30"),
    TargetGroup.G6: ("sygedagpengemodtager", "sickness-benefit recipient"),
    TargetGroup.G7: ("person i jobafklaringsforløb", "person in a jobafklaringsforløb"),
    TargetGroup.G8: ("person i ressourceforløb", "person in a ressourceforløb"),
    TargetGroup.G9: (
        "fleksjobvisiteret / ledighedsydelsesmodtager",
        "person approved for fleksjob / ledighedsydelse recipient",
    ),
    TargetGroup.G10: ("revalidend", "person in revalidering"),
    TargetGroup.G11: ("førtidspensionist", "disability pensioner"),
    TargetGroup.G12: ("selvforsørgende", "self-supporting person"),
    TargetGroup.G13: ("ung under 18 år", "young person under 18"),
}


class Benefit(enum.Enum):
    """The benefit (ydelse) a citizen receives; it does not decide the target group alone.

    From 2025-07-01 uddannelseshjælp, overgangsydelse and selvforsørgelses- og
    hjemrejseydelse are one kontanthjælp (see :data:`BENEFIT_MERGE`).
    """

    DAGPENGE = "dagpenge"
    KONTANTHJAELP = "kontanthjaelp"
    UDDANNELSESHJAELP = "uddannelseshjaelp"
    OVERGANGSYDELSE = "overgangsydelse"
    SELVFORSOERGELSESYDELSE = "selvforsoergelsesydelse"
    SYGEDAGPENGE = "sygedagpenge"
    JOBAFKLARINGSYDELSE = "jobafklaringsydelse"
    RESSOURCEFORLOEBSYDELSE = "ressourceforloebsydelse"
    LEDIGHEDSYDELSE = "ledighedsydelse"
    REVALIDERINGSYDELSE = "revalideringsydelse"
    FOERTIDSPENSION = "foertidspension"
    NONE = "none"


#: Benefits merged into kontanthjælp, with the date of the merger.
BENEFIT_MERGE: Timeline[int] = Timeline.of(
    0, since=_LAB_START, source=f"{LAB}: separate benefits"
).then(
    1,
    since=date(2025, 7, 1),
    source=(
        "the 2025 kontanthjælp reform [unverified: the law's number]: uddannelseshjælp, "
        "overgangsydelse and selvforsørgelses- og hjemrejseydelse merge into one kontanthjælp"
    ),
)
_MERGED = frozenset(
    {Benefit.UDDANNELSESHJAELP, Benefit.OVERGANGSYDELSE, Benefit.SELVFORSOERGELSESYDELSE}
)


class Readiness(enum.Enum):
    """How ready the citizen is: a visitation separate from group and benefit."""

    JOBPARAT = "jobparat"
    AKTIVITETSPARAT = "aktivitetsparat"
    UDDANNELSESPARAT = "uddannelsesparat"
    SYGEDAGPENGE_KATEGORI_1 = "sygedagpenge_kategori_1"
    SYGEDAGPENGE_KATEGORI_2 = "sygedagpenge_kategori_2"
    SYGEDAGPENGE_KATEGORI_3 = "sygedagpenge_kategori_3"


_SICK = frozenset(
    {
        Readiness.SYGEDAGPENGE_KATEGORI_1,
        Readiness.SYGEDAGPENGE_KATEGORI_2,
        Readiness.SYGEDAGPENGE_KATEGORI_3,
    }
)
# Groups whose members are visited to a readiness by definition; the rest have none.
_READINESS: Mapping[TargetGroup, frozenset[Readiness]] = {
    TargetGroup.G1: frozenset({Readiness.JOBPARAT}),
    TargetGroup.G2: frozenset({Readiness.JOBPARAT}),
    TargetGroup.G3: frozenset({Readiness.AKTIVITETSPARAT}),
    TargetGroup.G4: frozenset({Readiness.UDDANNELSESPARAT}),
    TargetGroup.G5: frozenset({Readiness.AKTIVITETSPARAT}),
    TargetGroup.G6: _SICK,
}


def allowed_readiness(group: TargetGroup) -> frozenset[Readiness]:
    """The readiness values a citizen of ``group`` may have (empty: none applies).

    >>> sorted(r.value for r in allowed_readiness(TargetGroup.G2))
    ['jobparat']
    """
    return _READINESS.get(group, frozenset())


@attrs.frozen(kw_only=True)
class Citizen:
    """Who the citizen is, legally: target group, benefit and readiness, kept apart.

    The three do not map one-to-one, so each is its own attribute; only combinations the
    law rules out are refused (a jobparat kontanthjælp recipient, group 6.2, cannot be
    aktivitetsparat). The citizen is named by an opaque reference, never a CPR number.

    Attributes:
        reference: An opaque reference to the citizen.
        target_group: The LAB § 6 target group.
        benefit: The benefit received.
        readiness: The readiness visitation; required for groups 6.1-6.6, absent otherwise.
        dagpenge_graduate: Whether a dagpenge recipient is a graduate (dimittend), which
            changes the length of a virksomhedspraktik.

    >>> c = Citizen(
    ...     reference="ref-7",
    ...     target_group=TargetGroup.G3,
    ...     benefit=Benefit.KONTANTHJAELP,
    ...     readiness=Readiness.AKTIVITETSPARAT,
    ... )
    >>> c.target_group.code
    '6.3'
    """

    reference: str = attrs.field(validator=_reference("reference"))
    target_group: TargetGroup = attrs.field(validator=_enum(TargetGroup, "target_group"))
    benefit: Benefit = attrs.field(validator=_enum(Benefit, "benefit"))
    readiness: Readiness | None = attrs.field(
        default=None, validator=_enum(Readiness, "readiness", optional=True)
    )
    dagpenge_graduate: bool = attrs.field(default=False, validator=_bool("dagpenge_graduate"))

    def __attrs_post_init__(self) -> None:
        allowed = allowed_readiness(self.target_group)
        if allowed and self.readiness not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise ValidationError(
                f"target group {self.target_group.code} needs readiness {names}", path="readiness"
            )
        if not allowed and self.readiness is not None:
            raise ValidationError(
                f"target group {self.target_group.code} has no readiness visitation",
                path="readiness",
            )
        if self.dagpenge_graduate and self.target_group is not TargetGroup.G1:
            raise ValidationError(
                "only a dagpenge recipient (6.1) can be a dagpenge graduate",
                path="dagpenge_graduate",
            )

    def benefit_problem(self, *, on: date) -> str | None:
        """Why the benefit cannot be newly awarded on ``on`` (merged away), or ``None``.

        >>> from datetime import date
        >>> c = Citizen(
        ...     reference="ref-8",
        ...     target_group=TargetGroup.G4,
        ...     benefit=Benefit.UDDANNELSESHJAELP,
        ...     readiness=Readiness.UDDANNELSESPARAT,
        ... )
        >>> c.benefit_problem(on=date(2025, 6, 30)) is None
        True
        """
        merged = BENEFIT_MERGE.lookup(on)
        if self.benefit in _MERGED and merged.value:
            return f"{self.benefit.value} is part of kontanthjælp from {merged.entry.valid_from}"
        return None


class Instrument(enum.Enum):
    """A legal instrument (not a provider's course): its caps come from the law."""

    VIRKSOMHEDSPRAKTIK = "virksomhedspraktik"
    LOENTILSKUD_PRIVATE = "loentilskud_private"
    LOENTILSKUD_PUBLIC = "loentilskud_public"
    MENTOR = "mentor"
    RESSOURCEFORLOEB = "ressourceforloeb"
    REVALIDERING = "revalidering"


def _key(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not _KEY.fullmatch(value) or len(value) > 200:
            raise ValidationError("must be a dotted lower-case name", path=path)

    return check


def _groups(value: object) -> frozenset[TargetGroup]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise ValidationError("must be a collection of target groups", path="groups")
    for item in value:
        if not isinstance(item, TargetGroup):
            raise ValidationError("must contain TargetGroup values", path="groups")
    return frozenset(value)


def _values(_inst: object, _attr: object, value: object) -> None:
    if not isinstance(value, Timeline):
        raise ValidationError("must be a Timeline", path="values")
    for i, entry in enumerate(value.entries):
        v = entry.value
        if v is not None and (type(v) is not int or not 0 <= v <= 1_000_000):
            raise ValidationError(
                "must be a whole number from 0 to 1000000, or null for no limit",
                path=f"values.entries[{i}].value",
            )


@attrs.frozen(kw_only=True)
class Rule:
    """One rule value of an instrument, dated: each entry has its validity and § reference.

    A value of ``None`` means "no limit". Where the wording of the law is unverified the
    entry's source says ``[unverified]``; replace the rule in your :class:`RuleSet` if your
    reading differs.

    Attributes:
        key: A unique dotted name, e.g. ``"virksomhedspraktik.weeks.short"``.
        topic: What the value limits, shared by the rules that split it by target group.
        unit: The unit: ``"weeks"``, ``"hours_per_week"``, ``"months"``, ``"persons"`` or
            ``"open"`` (1: new citizens may be referred, 0: no longer).
        groups: The target groups the rule applies to; empty: every group.
        values: The dated values.

    >>> from datetime import date
    >>> r = RULES.rule("virksomhedspraktik.hours_per_week")
    >>> r.values.value_on(date(2024, 5, 1))
    37
    """

    key: str = attrs.field(validator=_key("key"))
    topic: str = attrs.field(validator=_key("topic"))
    unit: str = attrs.field(validator=_text("unit"))
    groups: frozenset[TargetGroup] = attrs.field(converter=_groups)
    values: Timeline[int | None] = attrs.field(validator=_values)

    def applies_to(self, group: TargetGroup) -> bool:
        """Whether the rule covers ``group``."""
        return not self.groups or group in self.groups


@attrs.frozen
class RuleValue:
    """A rule's value on a date, with the rule and the entry that gave it.

    Attributes:
        rule: The rule.
        lookup: Which entry applied on the date, and until when.

    >>> from datetime import date
    >>> found = RULES.value("mentor.months_per_period", group=TargetGroup.G3, on=date(2024, 1, 1))
    >>> found.value, found.rule.key
    (6, 'mentor.months_per_period')
    """

    rule: Rule
    lookup: Lookup[int | None]

    @property
    def value(self) -> int | None:
        """The value (``None``: no limit)."""
        return self.lookup.value

    @property
    def source(self) -> str:
        """The entry's legal reference."""
        return self.lookup.source

    def explain(self) -> str:
        """The rule's key and which entry applied on the date, and why."""
        return f"{self.rule.key}: {self.lookup.explain()}"


def _rules(value: object) -> tuple[Rule, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of rules", path="rules")
    for i, item in enumerate(value):
        if not isinstance(item, Rule):
            raise ValidationError("must be a Rule", path=f"rules[{i}]")
    return tuple(value)


@attrs.frozen
class RuleSet:
    """The instruments' rules: a frozen value the caller can pass, replace and extend.

    Rules are found by topic and target group; two rules of one topic may not cover the
    same group.

    Attributes:
        rules: The rules, each key once.

    >>> from datetime import date
    >>> RULES.value("virksomhedspraktik.weeks", group=TargetGroup.G3, on=date(2024, 1, 1)).value
    13
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules)

    @rules.validator
    def _check_rules(self, _attr: object, value: tuple[Rule, ...]) -> None:
        keys: set[str] = set()
        for i, rule in enumerate(value):
            if rule.key in keys:
                raise ValidationError(f"rule {rule.key!r} appears twice", path=f"rules[{i}].key")
            keys.add(rule.key)
            for other in value[:i]:
                if other.topic == rule.topic and (
                    not other.groups or not rule.groups or other.groups & rule.groups
                ):
                    raise ValidationError(
                        f"rules {other.key!r} and {rule.key!r} both cover a target group of "
                        f"topic {rule.topic!r}",
                        path=f"rules[{i}].groups",
                    )

    def keys(self) -> tuple[str, ...]:
        """The rule keys, sorted."""
        return tuple(sorted(r.key for r in self.rules))

    def rule(self, key: str) -> Rule:
        """The rule with ``key``.

        Raises:
            ValidationError: No rule has that key.
        """
        for r in self.rules:
            if r.key == key:
                return r
        raise ValidationError(f"no rule {key!r} in the rule set", path="key")

    def find(self, topic: str, *, group: TargetGroup) -> Rule | None:
        """The rule of ``topic`` that covers ``group``, if there is one."""
        for r in self.rules:
            if r.topic == topic and r.applies_to(group):
                return r
        return None

    def value(self, topic: str, *, group: TargetGroup, on: date) -> RuleValue:
        """The value of ``topic`` for ``group`` on ``on``, with its source.

        Raises:
            ValidationError: No rule of the topic covers the group.
            NotInForce: The rule has no value yet on ``on``.
        """
        found = self.find(topic, group=group)
        if found is None:
            raise ValidationError(
                f"no rule of topic {topic!r} covers target group {group.code}", path="topic"
            )
        return RuleValue(found, found.values.lookup(on))

    def with_rule(self, rule: Rule) -> RuleSet:
        """A copy with ``rule`` added, or replacing the rule with the same key.

        Raises:
            ValidationError: The rule overlaps another rule of its topic.
        """
        kept = tuple(r for r in self.rules if r.key != rule.key)
        return RuleSet((*kept, rule))

    def with_value(self, key: str, value: int | None, *, since: date, source: str) -> RuleSet:
        """A copy in which rule ``key`` takes ``value`` from ``since`` on (a user's override).

        Raises:
            ValidationError: No such rule, or ``since`` is not after its last entry.
        """
        old = self.rule(key)
        return self.with_rule(
            attrs.evolve(old, values=old.values.then(value, since=since, source=source))
        )


def _rule(  # noqa: PLR0913, PLR0917 - the shipped rules are a table
    key: str,
    topic: str,
    unit: str,
    groups: Iterable[int],
    value: int | None,
    source: str,
) -> Rule:
    return Rule(
        key=key,
        topic=topic,
        unit=unit,
        groups=frozenset(TargetGroup(f"6.{n}") for n in groups),
        values=Timeline.of(value, since=_LAB_START, source=source),
    )


_SHORT = (1, 2, 4)
_OTHERS = (3, 5, 6, 7, 8, 9, 10, 11, 12, 13)
_P61 = f"{LAB} § 61"
_P61_LIST = " [unverified: the stk. 1 list of groups]"
_RATIO = f"{LAB}, rimelighedskravet (ratio rule) [unverified: § number]"
_P68 = f"{LAB} § 68"

#: The rules shipped with the library, from LAB as consolidated in 2024 and the 2025 law.
RULES = RuleSet(
    (
        _rule(
            "virksomhedspraktik.weeks.short",
            "virksomhedspraktik.weeks",
            "weeks",
            _SHORT,
            4,
            f"{_P61} stk. 1: 4 weeks for groups 1, 2 and 4{_P61_LIST}",
        ),
        _rule(
            "virksomhedspraktik.weeks.other",
            "virksomhedspraktik.weeks",
            "weeks",
            _OTHERS,
            13,
            f"{_P61}: 13 weeks for the other groups{_P61_LIST}",
        ),
        _rule(
            "virksomhedspraktik.weeks.graduate",
            "virksomhedspraktik.weeks_graduate",
            "weeks",
            (1,),
            8,
            f"{_P61}: 8 weeks for dagpenge graduates (dimittender){_P61_LIST}",
        ),
        _rule(
            "virksomhedspraktik.extended_weeks",
            "virksomhedspraktik.extended_weeks",
            "weeks",
            _OTHERS,
            26,
            f"{_P61}: the 13 weeks may be extended to 26{_P61_LIST}",
        ),
        _rule(
            "virksomhedspraktik.extension_step_weeks",
            "virksomhedspraktik.extension_step_weeks",
            "weeks",
            _OTHERS,
            13,
            f"{_P61}: beyond 26 weeks, 13 weeks at a time for a very special need{_P61_LIST}",
        ),
        _rule(
            "virksomhedspraktik.hours_per_week",
            "virksomhedspraktik.hours_per_week",
            "hours_per_week",
            (),
            37,
            f"{_P61}: at most 37 hours a week",
        ),
        _rule(
            "ratio.staff_per_person_small",
            "ratio.staff_per_person_small",
            "persons",
            (),
            5,
            f"{_RATIO}: 1 subsidised person per 5 ordinary staff",
        ),
        _rule(
            "ratio.small_firm_staff",
            "ratio.small_firm_staff",
            "persons",
            (),
            50,
            f"{_RATIO}: the 1-per-5 part covers up to 50 ordinary staff",
        ),
        _rule(
            "ratio.staff_per_person_large",
            "ratio.staff_per_person_large",
            "persons",
            (),
            10,
            f"{_RATIO}: plus 1 per 10 ordinary staff above 50",
        ),
        _rule(
            "ratio.minimum",
            "ratio.minimum",
            "persons",
            (),
            1,
            f"{_RATIO}: always at least 1",
        ),
        _rule(
            "loentilskud.months.private.short",
            "loentilskud.months.private",
            "months",
            _SHORT,
            6,
            f"{_P68}: up to 6 months with a private employer for groups 1, 2 and 4",
        ),
        _rule(
            "loentilskud.months.public.short",
            "loentilskud.months.public",
            "months",
            _SHORT,
            4,
            f"{_P68}: up to 4 months with a public employer for groups 1, 2 and 4",
        ),
        _rule(
            "loentilskud.months.foertidspension",
            "loentilskud.months.private",
            "months",
            (11,),
            None,
            f"{LAB} kap. 12: no time limit for førtidspensionister",
        ),
        _rule(
            "loentilskud.months.public.foertidspension",
            "loentilskud.months.public",
            "months",
            (11,),
            None,
            f"{LAB} kap. 12: no time limit for førtidspensionister",
        ),
        _rule(
            "mentor.months_per_period",
            "mentor.months_per_period",
            "months",
            (),
            6,
            f"{LAB} kap. 26, §§ 167-171: up to 6 months a period, renewable",
        ),
        Rule(
            key="ressourceforloeb.open",
            topic="ressourceforloeb.open",
            unit="open",
            groups=frozenset(),
            values=Timeline[int | None]
            .of(1, since=_LAB_START, source=f"{LAB} kap. 18 a")
            .then(
                0,
                since=date(2026, 7, 1),
                source=(
                    f"{LOV_1750}: ressourceforløb ends for new citizens "
                    "[unverified: which of the in-force dates 2026-02-01 / 2026-07-01]"
                ),
            ),
        ),
        Rule(
            key="revalidering.open",
            topic="revalidering.open",
            unit="open",
            groups=frozenset(),
            values=Timeline[int | None]
            .of(1, since=_LAB_START, source=f"{LAB} kap. 20")
            .then(
                0,
                since=date(2026, 7, 1),
                source=(
                    f"{LOV_1750}: revalidering ends for new citizens "
                    "[unverified: which of the in-force dates 2026-02-01 / 2026-07-01]"
                ),
            ),
        ),
    )
)


@attrs.frozen
class Finding:
    """One reason a decision says no: the rule, the words and the legal source.

    Attributes:
        rule: The rule's key (or a name for a check that is not a rule value).
        reason: Why, in words (never personal data).
        source: The legal reference of the value that decided it.

    >>> str(Finding("ratio", "too many subsidised persons", "LAB"))
    'too many subsidised persons (LAB)'
    """

    rule: str
    reason: str
    source: str

    def __str__(self) -> str:
        return f"{self.reason} ({self.source})"


@attrs.frozen
class Decision:
    """A domain answer: allowed, or refused with every reason and its § reference.

    Attributes:
        findings: Why it is refused; empty: allowed.
        used: Which dated values were looked up, each explained.

    >>> Decision((), ()).allowed
    True
    """

    findings: tuple[Finding, ...]
    used: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        """Whether nothing refused it."""
        return not self.findings

    def explain(self) -> str:
        """Every reason, or "allowed"; then the values used."""
        head = "; ".join(str(f) for f in self.findings) or "allowed"
        return "\n".join((head, *self.used))


def _citizen(value: object) -> None:
    if not isinstance(value, Citizen):
        raise ValidationError("must be a Citizen", path="citizen")


def _on(value: object) -> None:
    if type(value) is not date:
        raise ValidationError("must be a date", path="on")


def check_referral(
    citizen: Citizen, instrument: Instrument, *, on: date, rules: RuleSet = RULES
) -> Decision:
    """Whether ``citizen`` may newly be referred to ``instrument`` on ``on``.

    Instruments that a law change closes to new citizens (ressourceforløb, revalidering from
    :data:`LOV_1750`) are refused with the reason and the reference; a merged benefit is
    reported too.

    Args:
        citizen: Who is referred.
        instrument: To what.
        on: The referral date.
        rules: The rule set (default: :data:`RULES`).

    Returns:
        The decision, with every reason and the values used.

    Raises:
        ValidationError: Bad input.

    >>> from datetime import date
    >>> c = Citizen(reference="ref-9", target_group=TargetGroup.G6, benefit=Benefit.SYGEDAGPENGE,
    ...             readiness=Readiness.SYGEDAGPENGE_KATEGORI_3)
    >>> check_referral(c, Instrument.REVALIDERING, on=date(2026, 8, 1)).allowed
    False
    """
    _citizen(citizen)
    _on(on)
    if not isinstance(instrument, Instrument):
        raise ValidationError("must be an Instrument", path="instrument")
    if not isinstance(rules, RuleSet):
        raise ValidationError("must be a RuleSet", path="rules")
    findings: list[Finding] = []
    used: list[str] = []
    problem = citizen.benefit_problem(on=on)
    if problem is not None:
        found = BENEFIT_MERGE.lookup(on)
        used.append(f"benefit_merge: {found.explain()}")
        findings.append(Finding("benefit_merge", problem, found.source))
    topic = f"{instrument.value}.open"
    if rules.find(topic, group=citizen.target_group) is not None:
        open_ = rules.value(topic, group=citizen.target_group, on=on)
        used.append(open_.explain())
        if open_.value == 0:
            findings.append(
                Finding(
                    open_.rule.key,
                    f"{instrument.value} is closed to new citizens from "
                    f"{open_.lookup.entry.valid_from.isoformat()}",
                    open_.source,
                )
            )
    return Decision(tuple(findings), tuple(used))


@attrs.frozen(kw_only=True)
class Company:
    """A workplace, as the ratio rule sees it (no personal data).

    Attributes:
        reference: An opaque reference to the company (a CVR or P number is fine).
        ordinary_staff: Its ordinary, unsubsidised staff.
        subsidised: How many persons in praktik or løntilskud it has now.

    >>> Company(reference="cvr-1", ordinary_staff=12, subsidised=1).subsidised
    1
    """

    reference: str = attrs.field(validator=_text("reference"))
    ordinary_staff: int = attrs.field()
    subsidised: int = attrs.field(default=0)

    @ordinary_staff.validator
    def _check_staff(self, _attr: object, value: object) -> None:
        if type(value) is not int or not 0 <= value <= 10_000_000:
            raise ValidationError("must be a whole number from 0", path="ordinary_staff")

    @subsidised.validator
    def _check_subsidised(self, _attr: object, value: object) -> None:
        if type(value) is not int or not 0 <= value <= 10_000_000:
            raise ValidationError("must be a whole number from 0", path="subsidised")


@attrs.frozen
class Limit:
    """A limit computed from dated rule values.

    Attributes:
        value: The limit.
        used: The dated values it was computed from, each explained.

    >>> from datetime import date
    >>> max_subsidised(12, on=date(2024, 1, 1)).value
    2
    """

    value: int
    used: tuple[str, ...]


def max_subsidised(ordinary_staff: int, *, on: date, rules: RuleSet = RULES) -> Limit:
    """How many subsidised persons (praktik, løntilskud) a firm may have at once.

    One per 5 ordinary staff up to 50, always at least 1, plus one per 10 above 50 (the
    divisors and limits are the rule set's dated values).

    Args:
        ordinary_staff: The firm's ordinary (unsubsidised) staff.
        on: The date.
        rules: The rule set.

    Returns:
        The limit and the values it came from.

    Raises:
        ValidationError: ``ordinary_staff`` is not a whole number from 0, or a ratio rule
            is 0 or no limit.

    >>> from datetime import date
    >>> [max_subsidised(n, on=date(2024, 1, 1)).value for n in (0, 9, 10, 50, 60, 75)]
    [1, 1, 2, 10, 11, 12]
    """
    if type(ordinary_staff) is not int or ordinary_staff < 0:
        raise ValidationError("must be a whole number from 0", path="ordinary_staff")
    _on(on)
    group = TargetGroup.G1  # the ratio rule applies to every group alike
    found = [
        rules.value(topic, group=group, on=on)
        for topic in (
            "ratio.staff_per_person_small",
            "ratio.small_firm_staff",
            "ratio.staff_per_person_large",
        )
    ]
    small, limit, large = (_positive(f) for f in found)
    minimum = rules.value("ratio.minimum", group=group, on=on)
    allowed = max(minimum.value or 0, min(ordinary_staff, limit) // small)
    allowed += max(0, ordinary_staff - limit) // large
    return Limit(allowed, tuple(f.explain() for f in (*found, minimum)))


def _ratio(company: Company, *, on: date, rules: RuleSet, used: list[str]) -> list[Finding]:
    # One more subsidised person must keep the company within the ratio rule.
    ratio = max_subsidised(company.ordinary_staff, on=on, rules=rules)
    used.extend(ratio.used)
    if company.subsidised + 1 <= ratio.value:
        return []
    source = rules.value("ratio.staff_per_person_small", group=TargetGroup.G1, on=on).source
    return [
        Finding(
            "ratio",
            f"the company has {company.subsidised} subsidised persons and may have "
            f"{ratio.value} with {company.ordinary_staff} ordinary staff",
            source,
        )
    ]


def _positive(found: RuleValue) -> int:
    if not found.value:
        raise ValidationError(
            f"must be a positive number on {found.lookup.on.isoformat()}", path=found.rule.key
        )
    return found.value


def _hours(hours: object, path: str) -> None:
    if type(hours) is not int or not 1 <= hours <= 168:
        raise ValidationError("must be a whole number of hours from 1 to 168", path=path)


def check_hours(hours_per_week: int, *, on: date, rules: RuleSet = RULES) -> Decision:
    """Whether a virksomhedspraktik of ``hours_per_week`` is within the weekly cap on ``on``.

    Raises:
        ValidationError: ``hours_per_week`` is not a whole number from 1 to 168.

    >>> from datetime import date
    >>> check_hours(38, on=date(2024, 1, 1)).findings[0].reason
    '38 hours a week is more than the 37 allowed'
    """
    _hours(hours_per_week, "hours_per_week")
    _on(on)
    cap = rules.value("virksomhedspraktik.hours_per_week", group=TargetGroup.G1, on=on)
    findings: tuple[Finding, ...] = ()
    if cap.value is not None and hours_per_week > cap.value:
        findings = (
            Finding(
                cap.rule.key,
                f"{hours_per_week} hours a week is more than the {cap.value} allowed",
                cap.source,
            ),
        )
    return Decision(findings, (cap.explain(),))


def _weeks(value: object, path: str) -> None:
    if type(value) is not int or not 1 <= value <= 520:
        raise ValidationError("must be a whole number of weeks from 1 to 520", path=path)


def praktik_weeks(citizen: Citizen, *, on: date, rules: RuleSet = RULES) -> RuleValue:
    """The length a virksomhedspraktik may first be given for ``citizen`` on ``on`` (§ 61).

    >>> from datetime import date
    >>> c = Citizen(reference="ref-1", target_group=TargetGroup.G1, benefit=Benefit.DAGPENGE,
    ...             readiness=Readiness.JOBPARAT, dagpenge_graduate=True)
    >>> praktik_weeks(c, on=date(2024, 1, 1)).value
    8
    """
    _citizen(citizen)
    topic = "virksomhedspraktik.weeks"
    if citizen.dagpenge_graduate and rules.find(
        "virksomhedspraktik.weeks_graduate", group=citizen.target_group
    ):
        topic = "virksomhedspraktik.weeks_graduate"
    return rules.value(topic, group=citizen.target_group, on=on)


def check_praktik(  # noqa: PLR0913 - the inputs of one legal test
    citizen: Citizen,
    *,
    on: date,
    weeks: int,
    hours_per_week: int,
    company: Company,
    rules: RuleSet = RULES,
) -> Decision:
    """Whether a virksomhedspraktik starting on ``on`` keeps within its caps.

    Checks the length for the citizen's target group (§ 61), the 37 hours a week, and the
    ratio rule for the company, each with the value that applied on ``on``.

    Args:
        citizen: Who is placed.
        on: The start date.
        weeks: The planned length.
        hours_per_week: The planned weekly hours (the highest, if they step up).
        company: The workplace.
        rules: The rule set.

    Returns:
        The decision, with every reason and the values used.

    Raises:
        ValidationError: Bad input.
    """
    _citizen(citizen)
    _on(on)
    _weeks(weeks, "weeks")
    if not isinstance(company, Company):
        raise ValidationError("must be a Company", path="company")
    findings: list[Finding] = []
    length = praktik_weeks(citizen, on=on, rules=rules)
    used = [length.explain()]
    if length.value is not None and weeks > length.value:
        findings.append(
            Finding(
                length.rule.key,
                f"{weeks} weeks is longer than the {length.value} weeks a virksomhedspraktik "
                f"may first be given for target group {citizen.target_group.code}",
                length.source,
            )
        )
    hours = check_hours(hours_per_week, on=on, rules=rules)
    findings.extend(hours.findings)
    used.extend(hours.used)
    findings.extend(_ratio(company, on=on, rules=rules, used=used))
    return Decision(tuple(findings), tuple(used))


def check_praktik_extension(  # noqa: PLR0913 - the inputs of one legal test
    citizen: Citizen,
    *,
    on: date,
    weeks_so_far: int,
    by_weeks: int,
    very_special_need: bool = False,
    rules: RuleSet = RULES,
) -> Decision:
    """Whether a virksomhedspraktik of ``weeks_so_far`` may be extended by ``by_weeks``.

    Up to the extended length (26 weeks) for the groups that may extend; beyond it only for
    a very special need, and by at most one extension step (13 weeks) at a time (§ 61).

    Raises:
        ValidationError: Bad input.

    >>> from datetime import date
    >>> c = Citizen(reference="ref-2", target_group=TargetGroup.G3,
    ...             benefit=Benefit.KONTANTHJAELP, readiness=Readiness.AKTIVITETSPARAT)
    >>> check_praktik_extension(c, on=date(2024, 1, 1), weeks_so_far=13, by_weeks=13).allowed
    True
    """
    _citizen(citizen)
    _on(on)
    _weeks(weeks_so_far, "weeks_so_far")
    _weeks(by_weeks, "by_weeks")
    _bool("very_special_need")(None, None, very_special_need)
    group = citizen.target_group
    total = weeks_so_far + by_weeks
    if rules.find("virksomhedspraktik.extended_weeks", group=group) is None:
        base = praktik_weeks(citizen, on=on, rules=rules)
        reason = (
            f"a virksomhedspraktik for target group {group.code} cannot be extended "
            f"beyond {base.value} weeks"
        )
        if base.value is None or total <= base.value:
            return Decision((), (base.explain(),))
        return Decision((Finding(base.rule.key, reason, base.source),), (base.explain(),))
    extended = rules.value("virksomhedspraktik.extended_weeks", group=group, on=on)
    step = rules.value("virksomhedspraktik.extension_step_weeks", group=group, on=on)
    used = (extended.explain(), step.explain())
    if extended.value is None or total <= extended.value:
        return Decision((), used)
    if not very_special_need:
        return Decision(
            (
                Finding(
                    extended.rule.key,
                    f"{total} weeks is longer than {extended.value} weeks; beyond that only "
                    "for a very special need",
                    extended.source,
                ),
            ),
            used,
        )
    if step.value is not None and by_weeks > step.value:
        return Decision(
            (
                Finding(
                    step.rule.key,
                    f"beyond {extended.value} weeks a virksomhedspraktik is extended by at most "
                    f"{step.value} weeks at a time, not {by_weeks}",
                    step.source,
                ),
            ),
            used,
        )
    return Decision((), used)


_LOENTILSKUD_TOPICS = {
    Instrument.LOENTILSKUD_PRIVATE: "loentilskud.months.private",
    Instrument.LOENTILSKUD_PUBLIC: "loentilskud.months.public",
}


def _months(value: object, path: str) -> None:
    if type(value) is not int or not 1 <= value <= 600:
        raise ValidationError("must be a whole number of months from 1 to 600", path=path)


def check_loentilskud(  # noqa: PLR0913 - the inputs of one legal test
    citizen: Citizen,
    instrument: Instrument,
    *,
    on: date,
    months: int,
    company: Company,
    net_increase: bool,
    rules: RuleSet = RULES,
) -> Decision:
    """Whether a løntilskud starting on ``on`` keeps within its caps (LAB kap. 12, § 68).

    Checks the length for a private or public employer and the citizen's target group (no
    limit for førtidspensionister; a group the rule set has no length for is reported in
    ``used``, not refused), the ratio rule for the company, and that the job is a net
    increase in staff.

    Args:
        citizen: Who is employed with the subsidy.
        instrument: :attr:`Instrument.LOENTILSKUD_PRIVATE` or ``LOENTILSKUD_PUBLIC``.
        on: The start date.
        months: The planned length.
        company: The employer.
        net_increase: Whether the job adds to the employer's staff.
        rules: The rule set.

    Returns:
        The decision, with every reason and the values used.

    Raises:
        ValidationError: Bad input.

    >>> from datetime import date
    >>> c = Citizen(reference="ref-3", target_group=TargetGroup.G1, benefit=Benefit.DAGPENGE,
    ...             readiness=Readiness.JOBPARAT)
    >>> firm = Company(reference="cvr-3", ordinary_staff=30)
    >>> d = check_loentilskud(c, Instrument.LOENTILSKUD_PUBLIC, on=date(2024, 1, 1), months=5,
    ...                       company=firm, net_increase=True)
    >>> d.findings[0].reason
    '5 months is longer than the 4 months of løntilskud for target group 6.1'
    """
    _citizen(citizen)
    _on(on)
    _months(months, "months")
    if instrument not in _LOENTILSKUD_TOPICS:
        raise ValidationError("must be a løntilskud instrument", path="instrument")
    if not isinstance(company, Company):
        raise ValidationError("must be a Company", path="company")
    _bool("net_increase")(None, None, net_increase)
    group = citizen.target_group
    topic = _LOENTILSKUD_TOPICS[instrument]
    findings: list[Finding] = []
    used: list[str] = []
    if rules.find(topic, group=group) is None:
        used.append(f"{topic}: no rule for target group {group.code} in the rule set")
    else:
        length = rules.value(topic, group=group, on=on)
        used.append(length.explain())
        if length.value is not None and months > length.value:
            findings.append(
                Finding(
                    length.rule.key,
                    f"{months} months is longer than the {length.value} months of løntilskud "
                    f"for target group {group.code}",
                    length.source,
                )
            )
    findings.extend(_ratio(company, on=on, rules=rules, used=used))
    if not net_increase:
        findings.append(
            Finding(
                "net_increase",
                "a løntilskud job must be a net increase in the employer's staff",
                f"{LAB} kap. 12 (merbeskæftigelseskravet) [unverified: § number]",
            )
        )
    return Decision(tuple(findings), tuple(used))


def check_mentor(citizen: Citizen, *, on: date, months: int, rules: RuleSet = RULES) -> Decision:
    """Whether a mentor period of ``months`` starting on ``on`` is within the cap.

    A period is at most 6 months (LAB §§ 167-171); a longer need is met by a new period.

    Raises:
        ValidationError: Bad input.

    >>> from datetime import date
    >>> c = Citizen(reference="ref-4", target_group=TargetGroup.G9,
    ...             benefit=Benefit.LEDIGHEDSYDELSE)
    >>> check_mentor(c, on=date(2024, 1, 1), months=6).allowed
    True
    """
    _citizen(citizen)
    _on(on)
    _months(months, "months")
    cap = rules.value("mentor.months_per_period", group=citizen.target_group, on=on)
    findings: tuple[Finding, ...] = ()
    if cap.value is not None and months > cap.value:
        findings = (
            Finding(
                cap.rule.key,
                f"a mentor period is at most {cap.value} months, not {months}; "
                "grant a new period when it runs out",
                cap.source,
            ),
        )
    return Decision(findings, (cap.explain(),))
