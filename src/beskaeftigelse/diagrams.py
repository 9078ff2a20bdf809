"""State diagrams of programmes and courses: Mermaid and DOT text, Graphviz rendering.

``to_mermaid`` and ``to_dot`` need no extra dependency; ``render`` needs the ``graphviz``
extra and Graphviz' ``dot`` program.
"""

from beskaeftigelse._views.diagrams import render, to_dot, to_mermaid

__all__ = ["render", "to_dot", "to_mermaid"]
