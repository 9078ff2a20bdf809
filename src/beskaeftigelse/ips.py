"""IPS (Individual Placement and Support) courses and the IPS-25 fidelity scale.

:data:`FUTURUM_IPS` is Aarhus Kommune's Futurum as a programme definition: from
engagement, through a :class:`StartAgreement` and a placement in virksomhedspraktik, to
follow-along support and a job or education. An :class:`IpsCourse` wraps its course with the
citizen and the legal :class:`~beskaeftigelse.legal.RuleSet`, so a placement that breaks the
instrument's caps for the citizen's target group on its date is refused with the reason.
:class:`FidelityReview` scores a service on the IPS-25 scale (:data:`IPS_25`).

>>> from datetime import date
>>> from beskaeftigelse import ips
>>> ips.FidelityReview(on=date(2024, 6, 1), scores=(5,) * 25).band.value
'exemplary'
"""

from beskaeftigelse._domain.ips.logic import (
    FUTURUM_IPS,
    FUTURUM_SOURCE,
    IPS_25,
    IPS_MACHINE,
    EducationStarted,
    FidelityBand,
    FidelityReview,
    FidelityScale,
    HoursChanged,
    HoursStep,
    IpsCourse,
    JobObtained,
    PlacementEnded,
    PlacementExtended,
    PlacementStarted,
    PlacementStatus,
    StartAgreement,
    StartAgreementMade,
    SupportSessionHeld,
    WorkPlacement,
)

__all__ = [
    "FUTURUM_IPS",
    "FUTURUM_SOURCE",
    "IPS_25",
    "IPS_MACHINE",
    "EducationStarted",
    "FidelityBand",
    "FidelityReview",
    "FidelityScale",
    "HoursChanged",
    "HoursStep",
    "IpsCourse",
    "JobObtained",
    "PlacementEnded",
    "PlacementExtended",
    "PlacementStarted",
    "PlacementStatus",
    "StartAgreement",
    "StartAgreementMade",
    "SupportSessionHeld",
    "WorkPlacement",
]
