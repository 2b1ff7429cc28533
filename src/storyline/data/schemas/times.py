"""Schemas of the times data files (being written: placeholders accept anything)."""

from storyline.data.schemas.base import Pending

TimeRulesFile = Pending
