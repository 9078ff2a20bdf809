"""Intake with dated capacity and a waiting list; workshop sessions with seat limits.

One engine (:class:`_Ledger`) decides seats for both: an intake (a programme's roster, whose
seat count is the programme's dated ``capacity``) and each session of a workshop (a fixed seat
limit). It is a fold over an immutable request history, so every roster is a value that can be
replayed, stored as JSON and asked why.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

import attrs

from beskaeftigelse._engine.machine import _name
from beskaeftigelse._engine.programme import Programme, ProgrammeDefinition
from beskaeftigelse._kernel.answers import Refusal
from beskaeftigelse._kernel.errors import TransitionRefused, ValidationError
from beskaeftigelse._kernel.references import reference
from beskaeftigelse._kernel.timeline import Lookup, Period, Timeline

_MAX_TEXT = 2000


def _check_date(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if type(value) is not date:
            raise ValidationError(f"must be a date, not {type(value).__name__}", path=path)

    return check


def _check_text(path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not value.strip() or len(value) > _MAX_TEXT:
            raise ValidationError(
                f"must be a non-empty string of at most {_MAX_TEXT} characters", path=path
            )

    return check


def _check_enum(cls: type[enum.Enum], path: str) -> Any:
    def check(_inst: object, _attr: object, value: object) -> None:
        if not isinstance(value, cls):
            raise ValidationError(f"must be a {cls.__name__}", path=path)

    return check


class Action(enum.Enum):
    """What a request to an intake asks for.

    ``REFER``: a referral asks for a seat. ``END``: a seated course ended; its seat frees.
    ``CANCEL``: a seated course was cancelled (its seat frees) or a waiting referral withdrew.
    """

    REFER = "refer"
    END = "end"
    CANCEL = "cancel"


@attrs.frozen
class Request:
    """One dated request to an intake: a referral, an end or a cancellation.

    Attributes:
        on: The day of the request.
        referral: An opaque reference to the referral (a CPR number is refused).
        action: What is asked for.

    >>> from datetime import date
    >>> Request(date(2020, 11, 2), "ref-1").action
    <Action.REFER: 'refer'>
    """

    on: date = attrs.field(validator=_check_date("on"))
    referral: str = attrs.field(validator=reference("referral"))
    action: Action = attrs.field(default=Action.REFER, validator=_check_enum(Action, "action"))

    def describe(self) -> str:
        """The action and date, e.g. ``'refer on 2020-11-02'`` (never the reference)."""
        return f"{self.action.value} on {self.on.isoformat()}"


class DecisionKind(enum.Enum):
    """What an intake decided."""

    ADMITTED = "admitted"
    WAITLISTED = "waitlisted"
    ADMITTED_FROM_WAITING_LIST = "admitted_from_waiting_list"
    RELEASED = "released"
    WITHDRAWN = "withdrawn"


_VERBS = {
    DecisionKind.ADMITTED: "admitted",
    DecisionKind.WAITLISTED: "put on the waiting list",
    DecisionKind.ADMITTED_FROM_WAITING_LIST: "admitted from the waiting list",
    DecisionKind.RELEASED: "released its seat",
    DecisionKind.WITHDRAWN: "left the waiting list",
}


@attrs.frozen(kw_only=True)
class Decision:
    """One decision of an intake, with everything needed to say why.

    A place on the waiting list is a decision too: the domain "no, no seat today" as a value.

    Attributes:
        referral: The opaque reference it concerns.
        on: The day it took effect.
        kind: Admitted, waitlisted, admitted from the waiting list, released or withdrawn.
        capacity: Which capacity entry applied on ``on`` (its value, validity and source).
        seats_taken: How many seats were taken just before the decision.
        position: The place on the waiting list (1 = next), or 0 if not waitlisted.

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> from beskaeftigelse import intake
    >>> roster = intake.Intake.of(bk.catalogue.get("afklaringsforloeb", on=date(2020, 11, 1)))
    >>> roster = roster.refer("ref-1", on=date(2020, 11, 2))
    >>> print(roster.decisions[-1].explain())
    ref-1 admitted on 2020-11-02: 0 of 25 seats taken; capacity 25 on 2020-11-02 (in force from 2020-11-01; source: Vejle Kommune, press release of 29 October 2020, "Karriereværkstedet og jobcentret udvider samarbejdet": 'Fra 1. november 2020 ... 25 borgere ad gangen')
    """  # noqa: E501 - a doctest output line cannot be wrapped

    referral: str
    on: date
    kind: DecisionKind
    capacity: Lookup[int]
    seats_taken: int
    position: int = 0

    @property
    def admitted(self) -> bool:
        """Whether the decision gave a seat."""
        return self.kind in (DecisionKind.ADMITTED, DecisionKind.ADMITTED_FROM_WAITING_LIST)

    def explain(self) -> str:
        """One line: who, what, when, how many seats were taken, and which capacity applied."""
        place = f" at place {self.position}" if self.position else ""
        return (
            f"{self.referral} {_VERBS[self.kind]}{place} on {self.on.isoformat()}: "
            f"{self.seats_taken} of {self.capacity.value} seats taken; "
            f"capacity {self.capacity.explain()}"
        )


@attrs.frozen
class Seat:
    """A seat held by a referral since a date.

    Attributes:
        referral: The opaque reference.
        since: The day it was admitted.
    """

    referral: str
    since: date


@attrs.frozen
class Roster:
    """Who holds a seat and who waits on one date: a snapshot of an intake.

    Attributes:
        on: The date.
        capacity: Which capacity entry applied on ``on``.
        seated: The seats held, oldest admission first.
        waiting: The waiting list, first come first served (``since`` is the referral date).
    """

    on: date
    capacity: Lookup[int]
    seated: tuple[Seat, ...]
    waiting: tuple[Seat, ...]

    @property
    def free(self) -> int:
        """How many seats are free (0 when the roster is full or over a lowered capacity)."""
        return max(0, self.capacity.value - len(self.seated))


class _Ledger:
    """The mutable working state of one fold; never leaves this module."""

    __slots__ = (
        "capacity",
        "changes",
        "decisions",
        "last_on",
        "next_change",
        "queue",
        "seated",
        "serial",
        "validity",
        "waiting",
    )

    def __init__(self, capacity: Timeline[int], validity: Period) -> None:
        self.capacity = capacity
        self.validity = validity
        self.changes = [e.valid_from for e in capacity.entries[1:]]
        self.next_change = 0
        self.seated: dict[str, date] = {}
        # reference -> (referral date, serial); the serial tells a re-referral from a stale entry
        self.waiting: dict[str, tuple[date, int]] = {}
        # A FIFO of (reference, serial); withdrawn entries stay until they reach the front.
        self.queue: deque[tuple[str, int]] = deque()
        self.serial = 0
        self.decisions: list[Decision] = []
        self.last_on: date | None = None

    def state_of(self, referral: str) -> str:
        if referral in self.seated:
            return "seated"
        if referral in self.waiting:
            return "waiting"
        return "none"

    def check(self, request: Request) -> Refusal | None:
        state = self.state_of(request.referral)
        rule = reason = ""
        if self.last_on is not None and request.on < self.last_on:
            rule, reason = "date_order", f"it is dated before the previous request ({self.last_on})"
        elif request.action is Action.REFER:
            if state != "none":
                rule, reason = "already_referred", f"the referral is already {state}"
            elif request.on not in self.validity:
                rule = "not_in_force"
                reason = (
                    f"no seats are offered on {request.on} (offered in {_period(self.validity)})"
                )
        elif request.action is Action.END and state != "seated":
            rule, reason = "not_seated", "only a seated course can end"
        elif request.action is Action.CANCEL and state == "none":
            rule, reason = "unknown_referral", "the referral is neither seated nor waiting"
        if rule:
            return Refusal(state, request.describe(), rule, reason)
        return None

    def advance(self, on: date) -> None:
        # A capacity change frees seats on the day it takes effect, like a course ending.
        while self.next_change < len(self.changes) and self.changes[self.next_change] <= on:
            self.fill(self.changes[self.next_change])
            self.next_change += 1

    def fill(self, on: date) -> None:
        if on not in self.validity:
            return
        found = self.capacity.lookup(on)
        while len(self.seated) < found.value and self.waiting:
            referral, serial = self.queue.popleft()
            entry = self.waiting.get(referral)
            if entry is None or entry[1] != serial:
                continue
            del self.waiting[referral]
            self.decisions.append(
                Decision(
                    referral=referral,
                    on=on,
                    kind=DecisionKind.ADMITTED_FROM_WAITING_LIST,
                    capacity=found,
                    seats_taken=len(self.seated),
                )
            )
            self.seated[referral] = on

    def take(self, request: Request) -> None:
        on, referral = request.on, request.referral
        self.advance(on)
        self.last_on = on
        found = self.capacity.lookup(on)
        taken = len(self.seated)
        if request.action is Action.REFER:
            if taken < found.value and not self.waiting:
                self.seated[referral] = on
                self._decide(referral, on, DecisionKind.ADMITTED, found, taken)
            else:
                self.serial += 1
                self.waiting[referral] = (on, self.serial)
                self.queue.append((referral, self.serial))
                self._decide(referral, on, DecisionKind.WAITLISTED, found, taken, len(self.waiting))
        elif referral in self.seated:
            del self.seated[referral]
            self._decide(referral, on, DecisionKind.RELEASED, found, taken)
            self.fill(on)
        else:
            del self.waiting[referral]
            self._decide(referral, on, DecisionKind.WITHDRAWN, found, taken)

    def _decide(  # noqa: PLR0913, PLR0917 - a decision's fields, passed flat
        self,
        referral: str,
        on: date,
        kind: DecisionKind,
        found: Lookup[int],
        taken: int,
        position: int = 0,
    ) -> None:
        self.decisions.append(
            Decision(
                referral=referral,
                on=on,
                kind=kind,
                capacity=found,
                seats_taken=taken,
                position=position,
            )
        )

    def roster(self, on: date) -> Roster:
        return Roster(
            on,
            self.capacity.lookup(on),
            tuple(Seat(r, s) for r, s in self.seated.items()),
            tuple(
                Seat(r, self.waiting[r][0])
                for r, serial in self.queue
                if r in self.waiting and self.waiting[r][1] == serial
            ),
        )


def _period(p: Period) -> str:
    end = p.end.isoformat() if p.end else "open-ended"
    return f"[{p.start.isoformat()}, {end})"


def _requests(value: object) -> tuple[Request, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of requests", path="history")
    for i, item in enumerate(value):
        if not isinstance(item, Request):
            raise ValidationError("must be a Request", path=f"history[{i}]")
    return tuple(value)


def _fold(
    capacity: Timeline[int], validity: Period, history: Iterable[Request], until: date | None
) -> _Ledger:
    ledger = _Ledger(capacity, validity)
    for i, request in enumerate(history):
        if until is not None and request.on > until:
            break
        refusal = ledger.check(request)
        if refusal is not None:
            raise ValidationError(str(refusal), path=f"history[{i}]")
        ledger.take(request)
    if until is not None:
        ledger.advance(until)
    return ledger


@attrs.frozen(repr=False)
class Intake:
    """A programme's intake: who is admitted, who waits, decided request by request.

    The seats on a day are the programme's capacity in force on that day (the admission date
    picks the value: afklaringsforløb 15, and 25 from 2020-11-01). A seat is held until the
    course ends or is cancelled. A referral that finds no free seat waits, first come first
    served; a freed seat (an end, a cancellation, or a higher capacity taking effect) goes to
    the first waiting referral on that very day. A lowered capacity takes no seat away: nobody
    new is admitted until the seats taken are below it. So the seats taken never exceed the
    capacity in force while it never decreases.

    An intake is a value: :meth:`apply` returns a new one. Stored as JSON it is its definition
    and request history; loading replays the history.

    Attributes:
        definition: The programme definition whose capacity applies.
        history: The requests, in date order (same-day requests in the order given).

    >>> from datetime import date
    >>> import beskaeftigelse as bk
    >>> from beskaeftigelse.intake import Intake
    >>> roster = Intake.of(bk.catalogue.get("afklaringsforloeb", on=date(2020, 10, 1)))
    >>> for n in range(16):
    ...     roster = roster.refer(f"ref-{n}", on=date(2020, 10, 1))
    >>> roster.decisions[-1].kind.value, roster.decisions[-1].capacity.value
    ('waitlisted', 15)
    >>> r = roster.roster(on=date(2020, 11, 1))
    >>> len(r.seated), len(r.waiting), r.capacity.value
    (16, 0, 25)
    """

    definition: ProgrammeDefinition = attrs.field()
    history: tuple[Request, ...] = attrs.field(default=(), converter=_requests)
    decisions: tuple[Decision, ...] = attrs.field(init=False, eq=False, hash=False)
    _ledger: _Ledger = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.definition, ProgrammeDefinition):
            raise ValidationError("must be a ProgrammeDefinition", path="definition")
        ledger = _fold(self.definition.capacity, self.definition.validity, self.history, None)
        object.__setattr__(self, "_ledger", ledger)
        object.__setattr__(self, "decisions", tuple(ledger.decisions))

    def __repr__(self) -> str:
        return (
            f"Intake(programme={self.definition.key!r}, requests={len(self.history)}, "
            f"seated={len(self._ledger.seated)}, waiting={len(self._ledger.waiting)})"
        )

    @classmethod
    def of(cls, programme: Programme | ProgrammeDefinition) -> Intake:
        """An empty intake for a programme (a :class:`~beskaeftigelse.Programme` or definition).

        Raises:
            ValidationError: ``programme`` is neither.
        """
        definition = programme.definition if isinstance(programme, Programme) else programme
        return cls(definition)

    @classmethod
    def replay(cls, definition: ProgrammeDefinition, requests: Iterable[Request]) -> Intake:
        """An intake after ``requests`` in one pass (the fast way to decide many at once).

        Raises:
            ValidationError: A request the intake refuses (the path names it, and why).
        """
        return cls(definition, tuple(requests))

    def check(self, request: Request) -> Refusal | None:
        """Why the intake would refuse ``request``, or ``None`` if it would take it.

        Raises:
            ValidationError: ``request`` is not a :class:`Request`.
        """
        if not isinstance(request, Request):
            raise ValidationError("must be a Request", path="request")
        return self._ledger.check(request)

    def apply(self, request: Request) -> Intake:
        """The intake after ``request``; this one is left as it was.

        Raises:
            TransitionRefused: The request makes no sense now (a second referral, an end of a
                course that holds no seat, a date before the previous request, ...).
            ValidationError: ``request`` is not a :class:`Request`.
        """
        refusal = self.check(request)
        if refusal is not None:
            raise TransitionRefused(refusal)
        return Intake(self.definition, (*self.history, request))

    def refer(self, referral: str, *, on: date) -> Intake:
        """Apply a referral (see :meth:`apply`)."""
        return self.apply(Request(on, referral, Action.REFER))

    def end(self, referral: str, *, on: date) -> Intake:
        """Apply the end of a seated course (see :meth:`apply`)."""
        return self.apply(Request(on, referral, Action.END))

    def cancel(self, referral: str, *, on: date) -> Intake:
        """Apply a cancellation of a seat or a place on the waiting list (see :meth:`apply`)."""
        return self.apply(Request(on, referral, Action.CANCEL))

    def roster(self, *, on: date) -> Roster:
        """Who holds a seat and who waits on ``on`` (requests after ``on`` are not counted).

        A capacity change between the last request and ``on`` admits from the waiting list on
        the day it takes effect.

        Raises:
            ValidationError: ``on`` is not a date.
            NotInForce: No capacity is in force on ``on``.
        """
        if type(on) is not date:
            raise ValidationError("must be a date", path="on")
        definition = self.definition
        ledger = _fold(definition.capacity, definition.validity, self.history, on)
        return ledger.roster(on)

    def decisions_until(self, *, on: date) -> tuple[Decision, ...]:
        """Every decision taking effect on or before ``on``.

        This includes the admissions that a capacity change after the last request makes.

        Raises:
            ValidationError: ``on`` is not a date.
        """
        if type(on) is not date:
            raise ValidationError("must be a date", path="on")
        definition = self.definition
        return tuple(_fold(definition.capacity, definition.validity, self.history, on).decisions)


# -- workshops -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Session:
    """One dated group session of a workshop, with its own seat limit.

    Attributes:
        key: A lower-case name, e.g. ``"first"``.
        on: The day it is held.
        seats: The seat limit.
        source: Where the date and seat limit come from ("[unverified]" if guessed).
        title: What the session is about.

    >>> from datetime import date
    >>> Session(key="first", on=date(2020, 11, 20), seats=12, source="[unverified]").seats
    12
    """

    key: str = attrs.field(validator=_name("key"))
    on: date = attrs.field(validator=_check_date("on"))
    seats: int = attrs.field()
    source: str = attrs.field(validator=_check_text("source"))
    title: str = attrs.field(default="")

    @seats.validator
    def _check_seats(self, _attr: object, value: object) -> None:
        if type(value) is not int or not 1 <= value <= 10_000:
            raise ValidationError("must be a whole number from 1 to 10000", path="seats")

    @title.validator
    def _check_title(self, _attr: object, value: object) -> None:
        if not isinstance(value, str) or len(value) > _MAX_TEXT:
            raise ValidationError(
                f"must be a string of at most {_MAX_TEXT} characters", path="title"
            )

    @property
    def capacity(self) -> Timeline[int]:
        """The seat limit as a dated value: in force for sign-ups up to the session day."""
        return Timeline.of(self.seats, since=date.min, source=self.source)

    @property
    def sign_up(self) -> Period:
        """When seats are given: any day up to and including the session day."""
        return Period(date.min, self.on + timedelta(days=1))


def _sessions(value: object) -> tuple[Session, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of sessions", path="sessions")
    for i, item in enumerate(value):
        if not isinstance(item, Session):
            raise ValidationError("must be a Session", path=f"sessions[{i}]")
    keys = [s.key for s in value]
    if not keys or len(set(keys)) != len(keys):
        raise ValidationError("needs at least one session, each key once", path="sessions")
    return tuple(value)


@attrs.frozen(kw_only=True)
class Workshop:
    """A programme made of dated group sessions (holdforløb), run with an external facilitator.

    A workshop is its own value rather than a course programme: a citizen signs up for a
    session, not for a course with meetings and outcomes, and each session has its own seat
    limit and waiting list. Use :class:`WorkshopRoster` for sign-ups and attendance.

    Attributes:
        key: A lower-case name.
        name_da: The Danish name.
        name_en: The English name.
        provider: Who runs it (where it is held).
        facilitator: Who develops and facilitates it.
        target_group: Who it is for.
        source: Where the definition comes from.
        sessions: The sessions, each with its date and seat limit.

    >>> from beskaeftigelse.intake import RANDERS_RECOVERY_WORKSHOP as w
    >>> w.sessions[0].on.isoformat(), w.facilitator
    ('2020-11-20', 'Recoveryskolen, Psykiatriens Hus')
    """

    key: str = attrs.field(validator=_name("key"))
    name_da: str = attrs.field(validator=_check_text("name_da"))
    name_en: str = attrs.field(validator=_check_text("name_en"))
    provider: str = attrs.field(validator=_check_text("provider"))
    facilitator: str = attrs.field(validator=_check_text("facilitator"))
    target_group: str = attrs.field(validator=_check_text("target_group"))
    source: str = attrs.field(validator=_check_text("source"))
    sessions: tuple[Session, ...] = attrs.field(converter=_sessions)

    def session(self, key: str) -> Session:
        """The session with ``key``.

        Raises:
            ValidationError: There is none.
        """
        for s in self.sessions:
            if s.key == key:
                return s
        known = ", ".join(s.key for s in self.sessions)
        raise ValidationError(f"no session {key!r}; known: {known}", path="session")


class SessionAction(enum.Enum):
    """What a request to a workshop session asks for or records."""

    SIGN_UP = "sign_up"
    CANCEL = "cancel"
    ATTENDED = "attended"
    ABSENT = "absent"


@attrs.frozen(kw_only=True)
class SessionRequest:
    """One dated request for a workshop session: a sign-up, a cancellation or attendance.

    Attributes:
        on: The day of the request.
        session: The session's key.
        referral: An opaque reference to the citizen (a CPR number is refused).
        action: What is asked for or recorded.

    >>> from datetime import date
    >>> SessionRequest(on=date(2020, 11, 2), session="first", referral="ref-1").action.value
    'sign_up'
    """

    on: date = attrs.field(validator=_check_date("on"))
    session: str = attrs.field(validator=_name("session"))
    referral: str = attrs.field(validator=reference("referral"))
    action: SessionAction = attrs.field(
        default=SessionAction.SIGN_UP, validator=_check_enum(SessionAction, "action")
    )


_AS_INTAKE = {
    SessionAction.SIGN_UP: Action.REFER,
    SessionAction.CANCEL: Action.CANCEL,
}


@attrs.frozen
class Attendance:
    """Who came to a session and who did not.

    Attributes:
        session: The session's key.
        attended: The references recorded as present, in the order recorded.
        absent: The references recorded as absent, in the order recorded.
    """

    session: str
    attended: tuple[str, ...]
    absent: tuple[str, ...]


def _session_requests(value: object) -> tuple[SessionRequest, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValidationError("must be a sequence of session requests", path="history")
    for i, item in enumerate(value):
        if not isinstance(item, SessionRequest):
            raise ValidationError("must be a SessionRequest", path=f"history[{i}]")
    return tuple(value)


class _Sessions:
    """The working state of a workshop fold: one ledger per session plus attendance."""

    __slots__ = ("attendance", "last_on", "ledgers", "workshop")

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.ledgers = {s.key: _Ledger(s.capacity, s.sign_up) for s in workshop.sessions}
        self.attendance: dict[str, dict[str, bool]] = {s.key: {} for s in workshop.sessions}
        self.last_on: date | None = None

    def check(self, request: SessionRequest) -> Refusal | None:
        event = f"{request.action.value} for {request.session} on {request.on.isoformat()}"
        ledger = self.ledgers.get(request.session)
        if ledger is None:
            known = ", ".join(self.ledgers)
            return Refusal("none", event, "unknown_session", f"no such session; known: {known}")
        state = ledger.state_of(request.referral)
        session = self.workshop.session(request.session)
        action = _AS_INTAKE.get(request.action)
        rule = why = ""
        if self.last_on is not None and request.on < self.last_on:
            rule, why = "date_order", f"it is dated before the previous request ({self.last_on})"
        elif action is not None:
            if request.on > session.on:
                rule, why = "session_over", f"the session was held on {session.on}"
            else:
                refusal = ledger.check(Request(request.on, request.referral, action))
                return None if refusal is None else attrs.evolve(refusal, event=event)
        elif request.on < session.on:
            rule = "before_session"
            why = f"attendance is recorded on or after the session day ({session.on})"
        elif state != "seated":
            rule, why = "not_seated", "only a seated citizen can attend"
        elif request.referral in self.attendance[request.session]:
            rule, why = "recorded_twice", "attendance is recorded once"
        return Refusal(state, event, rule, why) if rule else None

    def take(self, request: SessionRequest) -> None:
        self.last_on = request.on
        action = _AS_INTAKE.get(request.action)
        if action is not None:
            self.ledgers[request.session].take(Request(request.on, request.referral, action))
        else:
            present = request.action is SessionAction.ATTENDED
            self.attendance[request.session][request.referral] = present


@attrs.frozen(repr=False)
class WorkshopRoster:
    """Sign-ups, waiting lists and attendance for the sessions of a workshop.

    Each session is decided like an intake with a fixed seat limit: a sign-up gets a seat or a
    place on that session's waiting list; a cancellation (up to and including the session day)
    gives the seat to the first waiting on that day. Attendance is recorded per session, on or
    after its day, for citizens holding a seat.

    Attributes:
        workshop: The workshop.
        history: The requests, in date order.

    >>> from datetime import date
    >>> from beskaeftigelse.intake import RANDERS_RECOVERY_WORKSHOP, WorkshopRoster
    >>> r = WorkshopRoster(RANDERS_RECOVERY_WORKSHOP)
    >>> for n in range(13):
    ...     r = r.sign_up(f"ref-{n}", session="first", on=date(2020, 11, 2))
    >>> r.decisions("first")[-1].kind.value
    'waitlisted'
    >>> r = r.cancel("ref-0", session="first", on=date(2020, 11, 19))
    >>> r.decisions("first")[-1].explain().split(":")[0]
    'ref-12 admitted from the waiting list on 2020-11-19'
    """

    workshop: Workshop = attrs.field()
    history: tuple[SessionRequest, ...] = attrs.field(default=(), converter=_session_requests)
    _state: _Sessions = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.workshop, Workshop):
            raise ValidationError("must be a Workshop", path="workshop")
        state = _Sessions(self.workshop)
        for i, request in enumerate(self.history):
            refusal = state.check(request)
            if refusal is not None:
                raise ValidationError(str(refusal), path=f"history[{i}]")
            state.take(request)
        object.__setattr__(self, "_state", state)

    def __repr__(self) -> str:
        return f"WorkshopRoster(workshop={self.workshop.key!r}, requests={len(self.history)})"

    def check(self, request: SessionRequest) -> Refusal | None:
        """Why the roster would refuse ``request``, or ``None``.

        Raises:
            ValidationError: ``request`` is not a :class:`SessionRequest`.
        """
        if not isinstance(request, SessionRequest):
            raise ValidationError("must be a SessionRequest", path="request")
        return self._state.check(request)

    def apply(self, request: SessionRequest) -> WorkshopRoster:
        """The roster after ``request``; this one is left as it was.

        Raises:
            TransitionRefused: The request makes no sense now.
            ValidationError: ``request`` is not a :class:`SessionRequest`.
        """
        refusal = self.check(request)
        if refusal is not None:
            raise TransitionRefused(refusal)
        return WorkshopRoster(self.workshop, (*self.history, request))

    def sign_up(self, referral: str, *, session: str, on: date) -> WorkshopRoster:
        """Apply a sign-up (see :meth:`apply`)."""
        return self.apply(SessionRequest(on=on, session=session, referral=referral))

    def cancel(self, referral: str, *, session: str, on: date) -> WorkshopRoster:
        """Apply a cancellation of a seat or a waiting place (see :meth:`apply`)."""
        action = SessionAction.CANCEL
        return self.apply(SessionRequest(on=on, session=session, referral=referral, action=action))

    def record_attendance(
        self, referral: str, *, session: str, on: date, attended: bool
    ) -> WorkshopRoster:
        """Record whether a seated citizen came (see :meth:`apply`)."""
        action = SessionAction.ATTENDED if attended else SessionAction.ABSENT
        return self.apply(SessionRequest(on=on, session=session, referral=referral, action=action))

    def _ledger(self, session: str) -> _Ledger:
        return self._state.ledgers[self.workshop.session(session).key]

    def decisions(self, session: str) -> tuple[Decision, ...]:
        """The seat decisions for ``session``, in order.

        Raises:
            ValidationError: No such session.
        """
        return tuple(self._ledger(session).decisions)

    def roster(self, session: str) -> Roster:
        """Who holds a seat and who waits for ``session`` (as of the latest request).

        Raises:
            ValidationError: No such session.
        """
        return self._ledger(session).roster(self.workshop.session(session).on)

    def attendance(self, session: str) -> Attendance:
        """Who came to ``session`` and who did not, as recorded.

        Raises:
            ValidationError: No such session.
        """
        recorded = self._state.attendance[self.workshop.session(session).key]
        return Attendance(
            session,
            tuple(r for r, came in recorded.items() if came),
            tuple(r for r, came in recorded.items() if not came),
        )

    def __iter__(self) -> Iterator[SessionRequest]:
        return iter(self.history)


_RANDERS_2020 = (
    'Jobcenter Randers and Psykiatriens Hus, news item "Samarbejde mellem Jobcenter og '
    'Psykiatriens Hus skal styrke ledige i jagten på det rette job" (autumn 2020)'
)

#: The Randers recovery workshop. The news item gives the first session's date and says
#: there is already a waiting list; it gives no seat limit, so 12 is a placeholder marked
#: "[unverified]": replace it with ``attrs.evolve``.
RANDERS_RECOVERY_WORKSHOP = Workshop(
    key="randers_recovery",
    name_da="Recovery-workshop for jobparate, sårbare ledige",
    name_en="Recovery workshop for job-ready but vulnerable unemployed",
    provider="Jobcenter Randers (Jobhuset), held at the jobcentre",
    facilitator="Recoveryskolen, Psykiatriens Hus",
    target_group=(
        "job-ready but vulnerable unemployed (bad experiences in earlier jobs, burn-out, "
        "psychological vulnerability)"
    ),
    source=_RANDERS_2020,
    sessions=(
        Session(
            key="first",
            on=date(2020, 11, 20),
            seats=12,
            source=(
                f"{_RANDERS_2020}: 'den første workshop, der afholdes fredag den 20. november'; "
                "seat limit [unverified]: not in the seed, a placeholder to override"
            ),
            title="Livsmestring og ressourcer",
        ),
    ),
)
