"""Entity mentions from the gazetteers: one table per provenance, language first."""

import pytest

from extractors import extract


def entities(lang, text):
    return [(m.text, m.label, m.entity_id) for m in extract(text, lang) if m.kind == "entity"]


SEEDS = [
    pytest.param("es", "regiones como Piura, Arequipa y La Libertad", [("Piura", "REGION", "PE-PIU"), ("Arequipa", "REGION", "PE-ARE"), ("La Libertad", "REGION", "PE-LAL")], id="regions"),
    pytest.param("es", "Estados Unidos, EE.UU. y la Unión Europea", [("Estados Unidos", "COUNTRY", "US"), ("EE.UU.", "COUNTRY", "US"), ("Unión Europea", "COUNTRY", "EU")], id="countries es"),
    pytest.param("en", "China, the US and the European Union", [("China", "COUNTRY", "CN"), ("US", "COUNTRY", "US"), ("European Union", "COUNTRY", "EU")], id="countries en"),
    pytest.param("en", "11:06 | Lima, Apr. 30.", [("Lima", "PLACE", "lima")], id="dateline is the city"),
    pytest.param("es", "sin considerar Lima y el Callao", [("Lima", "REGION", "PE-LIM"), ("Callao", "REGION", "PE-CAL")], id="Lima y Callao are regions"),
    pytest.param("es", "el puerto del Callao creció 15%", [("puerto del Callao", "PLACE", "port-of-callao")], id="port is a place"),
    pytest.param("en", "The Minister, Desilú León, said", [("Desilú León", "PERSON", "desilu-leon")], id="person"),
    pytest.param("es", "los arándanos y la palta Hass", [("arándanos", "PRODUCT", "blueberry"), ("palta Hass", "PRODUCT", "avocado")], id="products es"),
    pytest.param("en", "blueberries and Blueberry exports", [("blueberries", "PRODUCT", "blueberry"), ("Blueberry", "PRODUCT", "blueberry")], id="products en case"),
]

GUIDE = [
    pytest.param("es", "según la Cámara de Comercio de Lima", [("Cámara de Comercio de Lima", "ORG", "ccl")], id="longest span wins"),
    pytest.param("es", "según PROMPERÚ y Promperu", [("PROMPERÚ", "ORG", "promperu"), ("Promperu", "ORG", "promperu")], id="accents and case folded"),
    pytest.param("en", "Holland and the UK", [("Holland", "COUNTRY", "NL"), ("UK", "COUNTRY", "GB")], id="press forms"),
    pytest.param("es", "Holanda, Países Bajos y Reino Unido", [("Holanda", "COUNTRY", "NL"), ("Países Bajos", "COUNTRY", "NL"), ("Reino Unido", "COUNTRY", "GB")], id="press forms es"),
    pytest.param("en", "tell us about Peru", [("Peru", "COUNTRY", "PE")], id="lower-case us is no country"),
    pytest.param("en", "to lead the market in copper", [("copper", "PRODUCT", "copper")], id="lead the verb is no product"),
    pytest.param("es", "le siguieron el oro y la plata", [("oro", "PRODUCT", "gold"), ("plata", "PRODUCT", "silver")], id="el oro is not El Oro"),
    pytest.param("es", "provincias como Guayas y El Oro", [("Guayas", "PLACE", "guayas"), ("El Oro", "PLACE", "el-oro")], id="El Oro province"),
    pytest.param("es", "se realizó en la ciudad de Arequipa", [("Arequipa", "PLACE", "arequipa")], id="city cue"),
    pytest.param("en", "exports of US$ 5 million", [], id="no country inside a currency"),
]

GAPS = [
    pytest.param("es", "informó el Banco Central de Chile. El Banco Central", [("Banco Central de Chile", "ORG", "banco-central-de-chile"), ("Banco Central", "ORG", "banco-central-de-chile")], id="short form of a named bank", marks=pytest.mark.xfail(strict=True)),
    pytest.param("en", "said minister León", [("León", "PERSON", "desilu-leon")], id="surname alone", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SEEDS + GUIDE + GAPS)
def test_entities(lang, text, expected):
    assert entities(lang, text) == expected
