"""Danish and English labels for the library's vocabularies: one mechanism for every enum.

An enum that users see derives from :class:`Labelled`; its labels are the ``_LABELS`` table
(member → (Danish, English)) of the module that defines it, so a vocabulary and its labels are
read together, and a test checks that every member of every labelled enum has both.

>>> import enum
>>> from beskaeftigelse.events import Outcome
>>> Outcome.FLEKSJOB.label_da, Outcome.FLEKSJOB.label_en
('fleksjob', 'flexi-job')
"""

from __future__ import annotations

import enum
import sys
from typing import Literal

#: The languages every label and message is in.
Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")


class Labelled(enum.Enum):
    """An enum whose members carry a Danish and an English label (see the module docstring)."""

    @property
    def label_da(self) -> str:
        """The Danish label."""
        return _labels(self)[0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _labels(self)[1]

    def label(self, lang: Lang) -> str:
        """The label in ``lang`` (``"da"`` or ``"en"``)."""
        return self.label_da if lang == "da" else self.label_en


def _labels(member: enum.Enum) -> tuple[str, str]:
    table = vars(sys.modules[type(member).__module__])["_LABELS"]
    return table[member]  # type: ignore[no-any-return]
