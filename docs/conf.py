"""Sphinx configuration: MyST Markdown pages and an API reference from the docstrings."""

from importlib.metadata import version as _version

project = "beskaeftigelse"
author = "The beskaeftigelse developers"
copyright = "The beskaeftigelse developers"  # noqa: A001 - Sphinx's own name for it
release = version = _version("beskaeftigelse")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "notebooks", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# The docstrings are Google style; the types are in the signatures.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}
# The public modules re-export from private ones; document each name where users import it.
autodoc_inherit_docstrings = False
nitpicky = False

html_theme = "alabaster"
html_title = "beskaeftigelse"
