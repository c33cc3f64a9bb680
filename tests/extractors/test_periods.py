"""Period expressions: (lang, text, passage period, publication date) -> resolved span, per construction."""

from datetime import date

import pytest

from extractors.periods import Period, find_periods, resolve

JAN_NOV_2025 = Period.of_months(2025, 1, 11)
AUG_2020 = Period.of_months(2020, 8, 8)


def span(text, lang, context=None, published=None, report_year=None):
    """(start, end) months of the first own (non-comparison) period of ``text``."""
    for expression in find_periods(text, lang):
        if not expression.comparison:
            period = resolve(expression, context, published, report_year)
            return None if period is None else (period.start.isoformat()[:7], period.end.isoformat()[:7])
    return "none found"


GUIDE = [
    pytest.param("es", "en 2024", None, None, ("2024-01", "2024-12"), id="year"),
    pytest.param("es", "entre enero y noviembre de 2025", None, None, ("2025-01", "2025-11"), id="month range"),
    pytest.param("es", "de diciembre de 2024 a noviembre de 2025", None, None, ("2024-12", "2025-11"), id="across a year end"),
    pytest.param("en", "in the first quarter of 2017", None, None, ("2017-01", "2017-03"), id="quarter"),
    pytest.param("es", "en el primer semestre de 2025", None, None, ("2025-01", "2025-06"), id="semester"),
    pytest.param("es", "en el primer bimestre de 2025", None, None, ("2025-01", "2025-02"), id="bimester"),
    pytest.param("en", "in the first eight months of 2019", None, None, ("2019-01", "2019-08"), id="first n months"),
    pytest.param("en", "Through July, shipments", None, date(2011, 9, 27), ("2011-01", "2011-07"), id="through a month"),
    pytest.param("es", "a noviembre", None, date(2025, 12, 5), ("2025-01", "2025-11"), id="a noviembre"),
    pytest.param("en", "Peru's January-August exports", None, date(2011, 9, 27), ("2011-01", "2011-08"), id="dashed months"),
    pytest.param("en", "between 2008 and 2017", None, None, ("2008-01", "2017-12"), id="span of years"),
    pytest.param("en", "last year", None, date(2008, 1, 24), ("2007-01", "2007-12"), id="last year"),
    pytest.param("es", "en lo que va del año", None, date(2015, 4, 20), ("2015-01", "2015-04"), id="year to date"),
    pytest.param("en", "in the month", AUG_2020, None, ("2020-08", "2020-08"), id="the passage's month"),
    pytest.param("en", "shipped in August last year", None, date(2020, 10, 14), ("2019-08", "2019-08"), id="month last year"),
    pytest.param("es", "en marzo", None, date(2023, 2, 1), ("2022-03", "2022-03"), id="latest March not after the date"),
    pytest.param("es", "En los dos últimos años", None, date(2019, 2, 1), ("2017-01", "2018-12"), id="the last two years"),
    pytest.param("en", "over the past three years", None, date(2019, 2, 1), ("2016-01", "2018-12"), id="the past three years"),
]

# Constructions met in articles the rules were not written from (dev2, dev3), one row per rule (issue 10).
UNSEEN = [
    pytest.param("en", "On a 12-month basis through July 2020", None, None, ("2019-08", "2020-07"), id="rolling twelve months"),
    pytest.param("en", "in the last 12 months to June 2021", None, None, ("2020-07", "2021-06"), id="last twelve months to"),
    pytest.param("en", "in Jan-Aug 2019", None, None, ("2019-01", "2019-08"), id="abbreviated month range"),
    pytest.param("en", "through the third quarter of 2019", None, None, ("2019-01", "2019-09"), id="through a quarter"),
    pytest.param("en", "in the first three quarters of 2018", None, None, ("2018-01", "2018-09"), id="first n quarters"),
    pytest.param("es", "en los diez primeros meses de 2019", None, None, ("2019-01", "2019-10"), id="count before primeros meses"),
    pytest.param("es", "en el primer mes del año", None, date(2021, 3, 5), ("2021-01", "2021-01"), id="the year's first month"),
    pytest.param("en", "as of September 2019", None, None, ("2019-01", "2019-09"), id="as of a month"),
    pytest.param("en", "in the last decade", None, date(2019, 2, 1), ("2009-02", "2019-02"), id="a decade up to the date"),
    pytest.param("es", "este año", None, date(2019, 5, 1), ("2019-01", "2019-12"), id="this year"),
    pytest.param("en", "in the 2021-22 campaign", None, date(2021, 10, 8), None, id="a season has no months"),
    pytest.param("en", "in that year", None, None, None, id="that year needs its passage"),
]

PASSAGE = [
    pytest.param("es", "pasó de 84,3% en 2024", JAN_NOV_2025, None, ("2024-01", "2024-11"), id="a year in a months passage"),
    pytest.param("en", "a year earlier", AUG_2020, None, ("2019-08", "2019-08"), id="a year earlier"),
]

UNDATED = [
    pytest.param("en", "last year", None, None, None, id="relative with no date is null"),
    pytest.param("en", "in the first quarter", None, None, None, id="no year anywhere is null"),
]

NOT_PERIODS = [
    pytest.param("en", "exports may rise", id="may the verb"),
    pytest.param("es", "la feria, del 13 al 15 de febrero", id="a day of a month is a date"),
    pytest.param("en", "on February 15", id="a date in English"),
    pytest.param("es", "el 02/02/2024", id="a numeric date"),
]


@pytest.mark.parametrize(("lang", "text", "context", "published", "expected"), GUIDE + UNSEEN + PASSAGE + UNDATED)
def test_resolves(lang, text, context, published, expected):
    assert span(text, lang, context, published) == expected


def test_report_year_settles_an_undated_quarter():
    assert span("in the first quarter", "en", report_year=2024) == ("2024-01", "2024-03")


@pytest.mark.parametrize(("lang", "text"), NOT_PERIODS)
def test_not_a_period(lang, text):
    assert find_periods(text, lang) == []


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("en", "an increase of 15.6% in comparison to 2023", id="in comparison to"),
    pytest.param("es", "12,6 % frente al mismo mes de 2023", id="frente al mismo mes"),
    pytest.param("es", "22,3% más que en el mismo lapso de 2024", id="mismo lapso"),
    pytest.param("en", "4.1% more than in the same stretch of 2018", id="same stretch"),
    pytest.param("es", "frente al octavo lugar que ocupaba en el 2012", id="frente al ... que ocupaba en"),
    pytest.param("en", "above what it achieved in 2013", id="above what it achieved in"),
    pytest.param("es", "frente a enero de 2020", id="frente a a month"),
])
def test_comparison_bases_are_marked(lang, text):
    assert [p.comparison for p in find_periods(text, lang)] == [True]


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("en", "China bought $11.46 billion worth of products from Peru in 2017", id="from a country"),
    pytest.param("es", "las compras desde China en 2017", id="desde a country"),
    pytest.param("en", "exports rose in the same period", id="the same period alone"),
])
def test_not_comparison_bases(lang, text):
    assert [p.comparison for p in find_periods(text, lang)] == [False]
