"""The programmes the library ships; every value cites the public text it comes from.

* :data:`VEJLE_2020`: Vejle Kommune's press release of 29 October 2020, "Karriereværkstedet og
  jobcentret udvider samarbejdet" (the afklaringsforløb).
* :data:`SOLROED_2016`: Solrød Kommune's news item on the Jobklub (the count of May 2016).
"""

from __future__ import annotations

from datetime import date

from beskaeftigelse._engine.events import Outcome
from beskaeftigelse._engine.machine import (
    AllPlannedHeld,
    FewerThanPlanned,
    Machine,
    MonthsAfterEnd,
    Transition,
)
from beskaeftigelse._engine.programme import (
    Catalogue,
    Measurement,
    MeetingPlan,
    Phase,
    Placement,
    ProgrammeDefinition,
)
from beskaeftigelse._kernel.timeline import Period, Timeline

VEJLE_2020 = (
    "Vejle Kommune, press release of 29 October 2020, "
    '"Karriereværkstedet og jobcentret udvider samarbejdet"'
)
SOLROED_2016 = "Solrød Kommune, news item on the Jobklub (count of May 2016)"

_AFKLARING_START = date(2019, 1, 1)
_JOBKLUB_START = date(2015, 11, 1)

AFKLARINGSFORLOEB = ProgrammeDefinition(
    key="afklaringsforloeb",
    name_da="Afklaringsforløb",
    name_en="Job clarification course",
    provider="Karriereværkstedet, Vejle Kommune (for Jobcenter Vejle)",
    source=VEJLE_2020,
    validity=Period(_AFKLARING_START),
    description=(
        "A 13-week course clarifying how much a citizen far from the labour market can work "
        "(chronic illness, pain, long-term stress, acquired brain injury): a start meeting with "
        "the jobcentre's employment adviser on the work functions to test, four follow-up "
        "meetings, and a final meeting on the provider's clarification report."
    ),
    phases=(
        Phase(
            key="afklaring",
            name_da="Afklaring",
            name_en="Clarification",
            days=Timeline.of(
                13 * 7,
                since=_AFKLARING_START,
                source=f"{VEJLE_2020}: 'Et forløb hos os varer 13 uger'",
            ),
        ),
    ),
    meetings=(
        MeetingPlan(
            kind="start",
            name_da="Opstartsmøde med beskæftigelsesrådgiver",
            name_en="Start meeting with the employment adviser",
            count=Timeline.of(
                1,
                since=_AFKLARING_START,
                source=f"{VEJLE_2020}: 'starter typisk med et møde med en beskæftigelsesrådgiver'",
            ),
            placement=Placement.START,
        ),
        MeetingPlan(
            kind="follow_up",
            name_da="Opfølgningsmøde",
            name_en="Follow-up meeting",
            count=Timeline.of(
                4,
                since=_AFKLARING_START,
                source=f"{VEJLE_2020}: 'Undervejs har vi fire opfølgningsmøder'",
            ),
            placement=Placement.SPREAD,
        ),
        MeetingPlan(
            kind="final",
            name_da="Afslutningsmøde om afklaringsrapporten",
            name_en="Final meeting on the clarification report",
            count=Timeline.of(
                1,
                since=_AFKLARING_START,
                source=(
                    f"{VEJLE_2020}: "
                    "'afsluttes med et møde, hvor vi gennemgår vores afklaringsrapport'"
                ),
            ),
            placement=Placement.LAST_WEEK,
        ),
    ),
    capacity=Timeline.of(
        15,
        since=_AFKLARING_START,
        source=(
            f"{VEJLE_2020}: Karriereværkstedet agreed with Jobcenter Vejle in 2019 "
            "on 15 citizens at a time (the day in 2019 is not given; 2019-01-01 is used)"
        ),
    ).then(
        25,
        since=date(2020, 11, 1),
        source=f"{VEJLE_2020}: 'Fra 1. november 2020 ... 25 borgere ad gangen'",
    ),
    outcomes=frozenset(
        {Outcome.ORDINARY_JOB, Outcome.FLEKSJOB, Outcome.FOERTIDSPENSION, Outcome.OTHER}
    ),
    measurements=(
        Measurement(
            key="end",
            name_da="Resultat ved afslutning",
            name_en="Outcome at the end",
            months_after_end=0,
            source=f"{VEJLE_2020}: job, possibly fleksjob, pension or 'noget helt tredje'",
        ),
    ),
    machine=Machine(
        states=("awaiting_start_meeting", "in_progress", "ended", "closed", "cancelled"),
        initial="awaiting_start_meeting",
        final={"closed", "cancelled"},
        ended={"ended", "closed"},
        transitions=(
            Transition("awaiting_start_meeting", "start_meeting_held", "in_progress"),
            Transition("awaiting_start_meeting", "ended_early", "ended"),
            Transition("awaiting_start_meeting", "cancelled", "cancelled"),
            Transition(
                "in_progress", "follow_up_held", "in_progress", (FewerThanPlanned("follow_up"),)
            ),
            Transition(
                "in_progress", "final_meeting_held", "ended", (AllPlannedHeld("follow_up"),)
            ),
            Transition("in_progress", "ended_early", "ended"),
            Transition("in_progress", "cancelled", "cancelled"),
            Transition("ended", "outcome_recorded", "closed"),
        ),
    ),
)

JOBKLUB = ProgrammeDefinition(
    key="jobklub",
    name_da="Jobklub",
    name_en="Job club",
    provider="Beskæftigelsescentret, Solrød Kommune",
    source=SOLROED_2016,
    validity=Period(_JOBKLUB_START),
    description=(
        "For all long-term unemployed: a 14-day workshop to update CV and application, then a "
        "10-week job club with teaching, a business consultant and a job coach, a job strategy, "
        "individual coaching conversations and group dialogue. Outcomes are measured at the end "
        "and again three months later."
    ),
    phases=(
        Phase(
            key="workshop",
            name_da="CV- og ansøgningsworkshop",
            name_en="CV and application workshop",
            days=Timeline.of(
                14, since=_JOBKLUB_START, source=f"{SOLROED_2016}: '14 dages workshop'"
            ),
        ),
        Phase(
            key="club",
            name_da="Jobklub",
            name_en="Job club",
            days=Timeline.of(
                10 * 7, since=_JOBKLUB_START, source=f"{SOLROED_2016}: 'et 10 ugers forløb'"
            ),
        ),
    ),
    meetings=(),
    capacity=Timeline.of(
        1_000_000,
        since=_JOBKLUB_START,
        source=(
            f"{SOLROED_2016}: open to 'alle langtidsledige' in the municipality; "
            "it states no seat limit, so none is set (override with a later entry)"
        ),
    ),
    outcomes=frozenset(
        {
            Outcome.ORDINARY_JOB,
            Outcome.LOENTILSKUD,
            Outcome.VIRKSOMHEDSPRAKTIK,
            Outcome.EDUCATION,
            Outcome.STILL_UNEMPLOYED,
            Outcome.OTHER,
        }
    ),
    measurements=(
        Measurement(
            key="end",
            name_da="Efter 10 ugers forløb",
            name_en="At the end of the 10 weeks",
            months_after_end=0,
            source=f"{SOLROED_2016}: '69 procent ... efter 10 ugers forløb'",
        ),
        Measurement(
            key="after_3_months",
            name_da="Næste måling om tre måneder",
            name_en="Three months after the end",
            months_after_end=3,
            source=f"{SOLROED_2016}: 'ved næste måling om tre måneder'",
        ),
    ),
    machine=Machine(
        states=("workshop", "club", "ended", "measured_at_end", "closed", "cancelled"),
        initial="workshop",
        final={"closed", "cancelled"},
        ended={"ended", "measured_at_end", "closed"},
        transitions=(
            Transition("workshop", "phase_completed", "club"),
            Transition("workshop", "ended_early", "ended"),
            Transition("workshop", "cancelled", "cancelled"),
            Transition("club", "coaching_session_held", "club"),
            Transition("club", "phase_completed", "ended"),
            Transition("club", "ended_early", "ended"),
            Transition("club", "cancelled", "cancelled"),
            Transition("ended", "outcome_recorded", "measured_at_end"),
            Transition("measured_at_end", "outcome_recorded", "closed", (MonthsAfterEnd(3),)),
        ),
    ),
)

#: The catalogue of shipped programmes.
CATALOGUE = Catalogue((AFKLARINGSFORLOEB, JOBKLUB))
