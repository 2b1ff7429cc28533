"""Schemas of the attribution data files (being written: placeholders accept anything)."""

from storyline.data.schemas.base import Pending

AttributionFile = Pending
SectionsFile = Pending
