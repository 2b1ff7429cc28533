"""Schemas of the layout data files (being written: placeholders accept anything)."""

from storyline.data.schemas.base import Pending

LayoutFile = Pending
DatesFile = Pending
