"""The linker's stages one at a time, each on its own table: which mentions are frame figures, how the
binder groups them, and what the discourse model takes as the report's year, period and flow.

Rows are (lang, text, expected); the text is run through the real pipeline, then only the stage under
test reads it, so a row fails where that stage goes wrong rather than somewhere down the line.
"""

from datetime import date

import pytest

from extractors.facts import document_flow, headline_topic
from extractors.facts.binding import Binder
from extractors.facts.discourse import Discourse
from extractors.facts.document import DocumentIndex
from extractors.facts.figures import select_figures
from extractors.nlp import _mentions, get_pipeline, normalise_spaces


def index_of(lang, text, published=None):
    text = normalise_spaces(text)
    doc = get_pipeline(lang)(text)
    return DocumentIndex(doc, _mentions(doc, text), lang, published, text)


def figures_of(lang, text):
    index = index_of(lang, text)
    start, end = index.sentences[0]
    return index, select_figures(index, start, end)


FIGURES = [
    pytest.param("en", "Exports rose 12% to $5 billion in 2024.", ["12%", "$5 billion"], id="a rate and an amount"),
    pytest.param("en", "Exports will grow 10 to 12 percent in 2025.", [], id="a range is no figure"),
    pytest.param("es", "El agro creció entre 13% y 57% en 2020.", [], id="entre X y Y"),
    pytest.param("es", "Las exportaciones mejoraron en US$ 162 millones en mayo.", [], id="a difference"),
    pytest.param("en", "Blueberries sold at $7.00 per kilogram in 2021.", ["$7.00"], id="a unit price is a figure"),
    pytest.param("en", "The price per tonne, quoted on the London exchange, came close to US$12,000.", [], id="a world price"),
    pytest.param("en", "Cocoa exports grew 6.78% in volume and 155.70% in revenue.", ["155.70%"], id="a volume rate"),
    pytest.param("en", "Output fell 56% from the January-November average.", [], id="a rate against an average"),
    pytest.param("en", "The economies grew more than 3% a year.", [], id="a yearly average"),
    pytest.param("en", "Financing tripled from S/5,000 to S/15,000 million.", [], id="finance"),
    pytest.param("en", "Exports reached USD 1.28 billion (EUR 1.06 billion) in 2024.", ["USD 1.28 billion"],
                 id="one amount in two currencies"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FIGURES)
def test_frame_figures(lang, text, expected):
    _, figures = figures_of(lang, text)
    assert [f.mention.text for f in figures] == expected


BINDING = [
    # (lang, text, statements as [anchor, joined...] with bases marked "base:")
    pytest.param("en", "Exports totalled USD 25 billion, a 9.2% increase in 2024.", [["USD 25 billion", "9.2%"]], id="apposition"),
    pytest.param("en", "Zinc exports slid 30.8pc to $173.4mn from $250.6mn.",
                 [["$173.4mn", "30.8pc"], ["base:$250.6mn"]], id="a base of its own"),
    pytest.param("es", "El Callao, con el 34,6% del total, creció 15%.", [["34,6%", "15%"]], id="a share and a growth"),
    pytest.param("en", "The US and the EU took USD 9.5 billion and USD 8.2 billion, respectively.",
                 [["USD 9.5 billion"], ["USD 8.2 billion"]], id="respectively keeps them apart"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BINDING)
def test_binding(lang, text, expected):
    index, figures = figures_of(lang, text)
    start, end = index.sentences[0]
    anchors = Binder(index, figures, start, end).bind()
    statements = [[("base:" if f.base else "") + f.mention.text for f in [a, *a.joined]] for a in anchors]
    assert sorted(statements) == sorted(expected)


REPORT = [
    # (lang, text, published, (report year, lead period as "YYYY-MM..YYYY-MM", document flow))
    pytest.param("es", "Las exportaciones crecieron 21% entre enero y mayo frente al mismo lapso de 2007.", None,
                 (2008, "2008-01..2008-05", "PE"), id="year from a comparison base"),
    pytest.param("en", "Peru's exports grew 10% in 2019.", None, (2019, "2019-01..2019-12", "PE"), id="year stated"),
    pytest.param("en", "Exports grew 10% in March.", date(2021, 4, 2), (None, "2021-03..2021-03", "PE"),
                 id="a dated article's month"),
    pytest.param("en", "Chile's copper exports jump 40.5% in August 2021.", None, (2021, "2021-08..2021-08", "CL"),
                 id="a foreign owner"),
    pytest.param("es", "Exportaciones arequipeñas crecieron 8% en 2022.", None, (2022, "2022-01..2022-12", "PE-ARE"),
                 id="a regional demonym"),
    pytest.param("en", "LIMA — Exports to China rose 9% in 2017.", None, (2017, "2017-01..2017-12", "PE"),
                 id="a dateline is not the owner"),
    pytest.param("en", "Blueberry exports rose 59% in the 2021-22 campaign.", date(2021, 10, 8), (None, None, "PE"),
                 id="a season sets no period"),
    pytest.param("es", "Bogotá y Antioquia son las zonas de Colombia con mayor dinamismo y peso en el comercio exterior: a ellas "
                       "llegan dos tercios de las importaciones (62,9%).", None, (None, None, "CO"),
                 id="a share word with no figure near does not make a destination"),
    pytest.param("es", "En 2025, China fue el principal destino (35%) de las exportaciones.", None,
                 (2025, "2025-01..2025-12", "PE"), id="a share word with its figure makes a destination"),
]


@pytest.mark.parametrize(("lang", "text", "published", "expected"), REPORT)
def test_report(lang, text, published, expected):
    index = index_of(lang, text, published)
    flow = document_flow(index)
    report = Discourse(index, flow, headline_topic(index, flow)).report
    period = report.period and f"{report.period.start:%Y-%m}..{report.period.end:%Y-%m}"
    assert (report.year, period, report.flow) == expected
