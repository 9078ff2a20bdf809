"""Personal data, in one place: the CPR recogniser and the scrubber.

Every entry point that takes a reference or free text asks :func:`looks_like_cpr`, and every
message the package builds passes through :func:`scrub`; both use the one pattern here, so a
spelling recognised in one place is recognised everywhere. The sensitive value itself,
:class:`~beskaeftigelse.events.Cpr`, and the check of opaque references are in
:mod:`beskaeftigelse._kernel.references`.

The recogniser is deliberately generous. A CPR number is a birth date ``DDMMYY`` and four
digits, and people write it in many ways: ``010190-1234``, ``0101901234``, ``010190 1234``,
``010190\u20131234`` (an en dash), ``01.01.90-1234``, ``010190/1234``, ``01 01 90 12 34``. Any run
of ten digits, grouped by at most one separator (space, dot, slash or dash of any kind)
between groups, counts: refusing an odd reference is cheap, leaking a CPR number is not.

>>> looks_like_cpr("ref-0001"), looks_like_cpr("01.01.90-1234"), looks_like_cpr("01 01 90 12 34")
(False, True, True)
>>> scrub("citizen 010190\u20131234 moved")
'citizen <redacted> moved'
"""

from __future__ import annotations

import re

#: One separator a person may put between digit groups: space, dot, slash, or any dash.
_SEP = r"[ \t.\/\-\u2010\u2011\u2012\u2013\u2014\u2212]?"

#: Text shaped like a CPR number in any common spelling (see the module docstring).
CPR_PATTERN = re.compile(
    rf"(?<![0-9])[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}(?![0-9])"
)

#: What :func:`scrub` puts where a CPR number was.
REDACTED = "<redacted>"


def looks_like_cpr(text: str) -> bool:
    """Whether ``text`` contains something shaped like a CPR number, in any spelling."""
    return CPR_PATTERN.search(text) is not None


def scrub(text: str) -> str:
    """``text`` with anything shaped like a CPR number replaced by ``<redacted>``.

    The last line of defence: messages are built from field names, dates and states, but a
    key or a name a caller chose could still carry a CPR number into one.
    """
    return CPR_PATTERN.sub(REDACTED, text)
