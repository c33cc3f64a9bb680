"""Generate distinct trade-news articles for scale benchmarks (issue 14), deterministically.

Unlike ``corpus.py`` (the seed and dev articles repeated, which makes every copy a near-duplicate of the others),
each article here is written from sentence templates in English or Spanish whose slots take products, partner
countries, Peru's regions and organisations from the project's own gazetteers, and figures, percentages and
periods drawn from a seeded generator: the same ``n`` and seed give the same bytes, and two articles share too
few 3-word shingles to be linked as near-duplicates. One article in ten is a markdown file with front matter,
one in ten an HTML page, the rest plain text, as in a newsroom feed.

    .venv/bin/python bench/articles.py OUT_DIR N
"""

from __future__ import annotations

import argparse
import csv
import random
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZETTEERS = ROOT / "extractors" / "data" / "gazetteers"

HEADLINES = {
    "en": ["{product} exports to {country} rise {pct} in {period}", "{region} ships {amount} of {product} in {period}",
           "{org} expects {product} sales abroad to grow {pct}", "Peru's {product} shipments fall {pct} to {country}"],
    "es": ["Exportaciones de {product} a {country} crecen {pct} en {period}",
           "{region} exportó {amount} en {product} en {period}",
           "{org} prevé que las ventas de {product} suban {pct}",
           "Envíos peruanos de {product} a {country} caen {pct}"],
}
SENTENCES = {
    "en": [
        "Peru's exports of {product} reached {amount} in {period}, up {pct} from a year earlier, {org} said.",
        "Shipments to {country} accounted for {pct} of the total, followed by {country2} with {pct2}.",
        "The {region} region led the growth, with sales abroad of {amount2} between {month} and {month2}.",
        "{person}, an analyst at {org}, said demand from {country} would stay firm through {year}.",
        "Non-traditional exports grew {pct} in {period} and totalled {amount}.",
        "Farmers in {region} planted more {product} after prices in {country} climbed {pct}.",
        "Imports of {product2} from {country2} dropped {pct2} to {amount2} over the same period.",
        "According to {org}, small exporters sent {product} to {n} markets, {n2} more than in {year0}.",
        "Freight costs to {country} rose {pct}, trimming margins for {product2} producers in {region2}.",
        "The trade surplus widened to {amount} in {month}, the central bank reported on {weekday}.",
        "{org} projects that {product} exports will exceed {amount2} by {year2}.",
        "Between {month} and {month2}, {region2} sold {product2} worth {amount} to buyers in {country2}.",
        "Officials from {org} and {org2} met in {capital} to discuss tariffs on {product}.",
        "Mining shipments of {product2} fell {pct2}, while agricultural sales rose {pct}.",
    ],
    "es": [
        "Las exportaciones peruanas de {product} sumaron {amount} en {period}, {pct} más que un año antes, informó {org}.",
        "Los envíos a {country} representaron el {pct} del total, seguidos por {country2} con {pct2}.",
        "La región {region} lideró el crecimiento, con ventas al exterior por {amount2} entre {month} y {month2}.",
        "{person}, analista de {org}, indicó que la demanda de {country} seguirá firme hasta {year}.",
        "Las exportaciones no tradicionales crecieron {pct} en {period} y totalizaron {amount}.",
        "Los productores de {region} sembraron más {product} tras un alza de {pct} en los precios de {country}.",
        "Las importaciones de {product2} desde {country2} cayeron {pct2} a {amount2} en el mismo periodo.",
        "Según {org}, las pequeñas empresas enviaron {product} a {n} mercados, {n2} más que en {year0}.",
        "Los fletes hacia {country} subieron {pct}, lo que redujo los márgenes de los productores de {product2} en {region2}.",
        "El superávit comercial llegó a {amount} en {month}, reportó el banco central el {weekday}.",
        "{org} proyecta que las exportaciones de {product} superarán los {amount2} en {year2}.",
        "Entre {month} y {month2}, {region2} vendió {product2} por {amount} a compradores de {country2}.",
        "Funcionarios de {org} y {org2} se reunieron en {capital} para revisar los aranceles al {product}.",
        "Los envíos mineros de {product2} bajaron {pct2}, mientras que los agrícolas subieron {pct}.",
    ],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "setiembre", "octubre",
           "noviembre", "diciembre"],
}
WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "es": ["lunes", "martes", "miércoles", "jueves", "viernes"]}
PEOPLE = ["Carla Mendoza", "Luis Ramírez", "Ana Torres", "Jorge Salas", "María Quispe", "Pedro Huamán",
          "Rosa Vargas", "Diego Flores", "Lucía Paredes", "Miguel Castro"]
CAPITALS = ["Lima", "Beijing", "Washington", "Madrid", "Brasilia", "Santiago", "Tokyo", "Seoul"]


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZETTEERS / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def _vocabulary(lang: str) -> dict[str, list[str]]:
    """Names the extractors know (their gazetteers), by slot."""
    def aliases(name: str) -> list[str]:
        found = sorted({row["alias"] for row in _rows(name) if row["lang"] in (lang, "*") and len(row["alias"]) > 3})
        return found or sorted({row["alias"] for row in _rows(name)})

    countries = sorted({row[f"name_{lang}"] for row in _rows("country_names.tsv") if row[f"name_{lang}"]
                        and "," not in row[f"name_{lang}"] and "(" not in row[f"name_{lang}"]})
    return {"product": aliases("products.tsv"), "country": countries, "region": aliases("regions.tsv"),
            "org": aliases("orgs.tsv")}


def _amount(rng: random.Random, lang: str) -> str:
    value = rng.randint(12, 9_800)
    if lang == "es":
        return f"US$ {value:,} millones".replace(",", " ")
    return f"${value / 1000:.1f} billion" if value >= 1000 else f"${value} million"


def _pct(rng: random.Random, lang: str) -> str:
    value = f"{rng.randint(1, 600) / 10:.1f}"
    return f"{value.replace('.', ',')} %" if lang == "es" else f"{value}%"


def _slots(rng: random.Random, lang: str) -> dict[str, str]:
    words = _vocabulary(lang)
    year = rng.randint(2015, 2025)
    month = rng.randrange(12)
    period = rng.choice([str(year), f"{MONTHS[lang][month]} {year}" if lang == "en" else f"{MONTHS[lang][month]} de {year}",
                         f"the first half of {year}" if lang == "en" else f"el primer semestre de {year}"])
    return {
        "product": rng.choice(words["product"]), "product2": rng.choice(words["product"]),
        "country": rng.choice(words["country"]), "country2": rng.choice(words["country"]),
        "region": rng.choice(words["region"]), "region2": rng.choice(words["region"]),
        "org": rng.choice(words["org"]), "org2": rng.choice(words["org"]),
        "amount": _amount(rng, lang), "amount2": _amount(rng, lang), "pct": _pct(rng, lang), "pct2": _pct(rng, lang),
        "period": period, "year": str(year), "year0": str(year - 1), "year2": str(year + rng.randint(1, 5)),
        "month": MONTHS[lang][month], "month2": MONTHS[lang][min(11, month + rng.randint(1, 5))],
        "weekday": rng.choice(WEEKDAYS[lang]), "person": rng.choice(PEOPLE), "capital": rng.choice(CAPITALS),
        "n": str(rng.randint(10, 90)), "n2": str(rng.randint(2, 9)),
    }


def article(i: int, seed: int = 14) -> tuple[str, str]:
    """The ``i``-th article: (file name, text in its file format)."""
    rng = random.Random(f"{seed}:{i}")
    lang = "es" if i % 2 else "en"
    headline = rng.choice(HEADLINES[lang]).format(**_slots(rng, lang))
    headline = headline[0].upper() + headline[1:]
    sentences = [rng.choice(SENTENCES[lang]).format(**_slots(rng, lang)) for _ in range(rng.randint(6, 14))]
    paragraphs, start = [], 0
    while start < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[start:start + size]))
        start += size
    date = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    kind = i % 10
    if kind == 3:
        body = "\n\n".join(paragraphs)
        return f"{i:07d}_{lang}.md", f'---\ntitle: "{headline}"\ndate: {date}\nlang: {lang}\n---\n\n{body}\n'
    if kind == 7:
        blocks = "".join(f"<p>{p}</p>" for p in paragraphs)
        return (f"{i:07d}_{lang}.html", f'<html lang="{lang}"><head><title>{headline}</title></head><body>'
                f'<nav><a href="/">Home</a></nav><article><h1>{headline}</h1><time datetime="{date}"></time>'
                f"{blocks}</article><footer>© Example</footer></body></html>")
    published = "Published" if lang == "en" else "Publicado"
    return f"{i:07d}_{lang}.txt", f"{headline}\n\n" + "\n\n".join(paragraphs) + f"\n\n{published}: {date}\n"


def generate(target: Path, n: int, start: int = 0, seed: int = 14) -> list[Path]:
    """Write articles ``start`` to ``start + n - 1`` into ``target``; return their paths."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(start, start + n):
        name, text = article(i, seed)
        path = target / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    print(f"{len(generate(args.out, args.n))} articles in {args.out}")


if __name__ == "__main__":
    main()
