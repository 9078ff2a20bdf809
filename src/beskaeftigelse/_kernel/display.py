"""The one seam from a value to its notebook display.

Value types live below the views, so they cannot import display code. A value that Jupyter
should show richly derives from :class:`RichDisplay`; when Jupyter asks, the mixin loads
:mod:`beskaeftigelse._views.display` **by name** and hands itself over. This is the only place
where a lower layer reaches the views, and it does so only on demand: importing a value type
never imports display code, and the import-layer contract in the gate sees no arrow upwards.
"""

from __future__ import annotations

import importlib
from typing import Any

#: The module that renders values; loaded by name when a notebook first asks.
VIEWS = "beskaeftigelse._views.display"


def _views() -> Any:
    return importlib.import_module(VIEWS)


class RichDisplay:
    """Mixin: ``_repr_html_`` and ``_repr_mimebundle_`` rendered by the views, on demand."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return _views().render_html(self)  # type: ignore[no-any-return]

    def _repr_mimebundle_(
        self,
        include: object = None,  # noqa: ARG002 - IPython passes it by name
        exclude: object = None,  # noqa: ARG002 - IPython passes it by name
    ) -> dict[str, str]:
        return _views().render_bundle(self)  # type: ignore[no-any-return]
