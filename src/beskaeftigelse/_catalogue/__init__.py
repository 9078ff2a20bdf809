"""Everything the library ships: the catalogue of programmes (``bk.catalogue``)."""

from beskaeftigelse._catalogue.programmes import CATALOGUE

__all__ = ["CATALOGUE"]
