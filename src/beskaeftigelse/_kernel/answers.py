"""The one vocabulary for a domain "no": answers made of findings.

Every question the library answers with yes or no — may the course take this event, may this
citizen be referred, is this seat free, is this adjustment reasonable — answers with a value
from this family, so that a caller handles all of them the same way:

- a :class:`Finding` is one rule applied: the rule's key, what it found in words, whether it
  speaks against, the dated value it used, that value's source and validity;
- an :class:`Answer` is the findings together; it is ``allowed`` when none speaks against;
- a :class:`Refusal` is the answer a course gives to an event it cannot take: the state, the
  event, and the first finding that refused it.

No source is lost on the way up: an answer that combines others keeps their findings.

>>> from datetime import date
>>> f = Finding(rule="praktik_weeks", reason="at most 13 weeks", refuses=True, value=13,
...             source="LAB § 61, stk. 1", valid_from=date(2020, 1, 1))
>>> Answer(findings=(f,)).allowed, str(f)
(False, 'at most 13 weeks (LAB § 61, stk. 1)')
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

import attrs


@attrs.frozen(kw_only=True)
class Finding:
    """One rule applied in reaching an answer.

    Attributes:
        rule: The rule's key (e.g. ``"praktik_weeks"``, ``"guard:all_planned_held"``).
        reason: What the rule found, in words (never personal data).
        refuses: Whether this finding speaks against (a "no").
        value: The dated value the rule used, if any (e.g. ``13`` weeks).
        source: The public source of that value ("LAB § 61, stk. 2"), or ``""``.
        valid_from: The first day the value used is in force, if dated.
        valid_until: The first day it no longer is (``None``: still in force, or not dated).
        status: The value's review status (``"in_force"``, ``"unverified"``, ...), or ``""``.
    """

    rule: str
    reason: str
    refuses: bool = True
    value: Hashable | None = None
    source: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    status: str = ""

    def __str__(self) -> str:
        note = " [unverified]" if self.status == "unverified" else ""
        return f"{self.reason} ({self.source}){note}" if self.source else f"{self.reason}{note}"

    def explain(self) -> str:
        """One line: the finding, its source and the validity of the value used."""
        valid = ""
        if self.valid_from is not None:
            until = f" until {self.valid_until.isoformat()}" if self.valid_until else ""
            valid = f"; valid from {self.valid_from.isoformat()}{until}"
        return f"{self}{valid}"


@attrs.frozen(kw_only=True)
class Answer:
    """A domain answer: allowed, or not, with every finding that led to it.

    Attributes:
        findings: Every rule applied, those that refuse and those that let it through.
    """

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=tuple)

    @property
    def allowed(self) -> bool:
        """Whether no finding refuses."""
        return not any(f.refuses for f in self.findings)

    @property
    def refusals(self) -> tuple[Finding, ...]:
        """The findings that refuse."""
        return tuple(f for f in self.findings if f.refuses)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source cited, once each, in order."""
        return tuple(dict.fromkeys(f.source for f in self.findings if f.source))

    def explain(self) -> str:
        """``allowed`` or every reason to refuse; then every finding, one per line."""
        head = "; ".join(str(f) for f in self.refusals) or "allowed"
        return "\n".join((head, *(f.explain() for f in self.findings)))


@attrs.frozen
class Refusal(Answer):
    """Why a course cannot take an event: a domain "no" as a value.

    Attributes:
        state: The state the course is in.
        event: The event's kind and date (never personal data).
        rule: Which rule refused it: ``final``, ``started_twice``, ``before_start``,
            ``date_order``, ``no_transition``, ``guard`` or ``outcome_not_allowed``.
        reason: Why, in words.
        findings: The finding behind it (with the guard's rule and values, if a guard refused).
    """

    state: str
    event: str
    rule: str
    reason: str

    def __attrs_post_init__(self) -> None:
        if not self.findings:
            finding = Finding(rule=self.rule, reason=self.reason)
            object.__setattr__(self, "findings", (finding,))

    def __str__(self) -> str:
        return f"in state {self.state!r}, {self.event} is refused: {self.reason}"


def as_findings(*answers: Any) -> tuple[Finding, ...]:
    """The findings of several answers, in order (for an answer built from others)."""
    return tuple(f for a in answers for f in a.findings)
