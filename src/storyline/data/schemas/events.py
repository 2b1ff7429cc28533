"""Schemas of the events data files (being written: placeholders accept anything)."""

from storyline.data.schemas.base import Pending

CameoPatternsFile = Pending
CameoPloverRow = Pending
