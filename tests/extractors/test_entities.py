"""Entity mentions from the gazetteers and rules: one table per provenance, language first."""

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
    pytest.param("es", "dijo Juan Trigo, y las flores crecieron", [("flores", "PRODUCT", "flower")], id="a product word inside a person's name"),
    pytest.param("en", "Cocoa\n\nExports of cocoa rose 5%.", [("cocoa", "PRODUCT", "cocoa")], id="a heading alone on its line is no product"),
]

GAPS = [
    pytest.param("es", "informó el Banco Central de Chile. El Banco Central", [("Banco Central de Chile", "ORG", "banco-central-de-chile"), ("Banco Central", "ORG", "banco-central-de-chile")], id="short form of a named bank", marks=pytest.mark.xfail(strict=True)),
    pytest.param("en", "said minister León", [("León", "PERSON", "desilu-leon")], id="surname alone", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SEEDS + GUIDE + GAPS)
def test_entities(lang, text, expected):
    assert entities(lang, text) == expected


def found(lang, text):
    return {(label, entity_id) for _, label, entity_id in entities(lang, text)}


# Issue 4 "Canonical entities in both languages": English and Spanish forms give the same id.
ISSUE_4 = [
    pytest.param("en", "exports to the United States", "COUNTRY", "US", id="en United States"),
    pytest.param("en", "exports to the U.S. rose", "COUNTRY", "US", id="en U.S."),
    pytest.param("en", "exports to the USA rose", "COUNTRY", "US", id="en USA"),
    pytest.param("es", "envíos a EE.UU. crecieron", "COUNTRY", "US", id="es EE.UU."),
    pytest.param("es", "envíos a EEUU crecieron", "COUNTRY", "US", id="es EEUU"),
    pytest.param("es", "envíos a Estados Unidos", "COUNTRY", "US", id="es Estados Unidos"),
    pytest.param("en", "sales to the Netherlands", "COUNTRY", "NL", id="en Netherlands"),
    pytest.param("es", "ventas a los Países Bajos", "COUNTRY", "NL", id="es Paises Bajos"),
    pytest.param("en", "Britain and the rest", "COUNTRY", "GB", id="en Britain"),
    pytest.param("es", "el Reino Unido compró", "COUNTRY", "GB", id="es Reino Unido"),
    pytest.param("en", "South Korea bought", "COUNTRY", "KR", id="en South Korea"),
    pytest.param("es", "Corea del Sur compró", "COUNTRY", "KR", id="es Corea del Sur"),
    pytest.param("en", "the United Arab Emirates", "COUNTRY", "AE", id="en UAE"),
    pytest.param("es", "los Emiratos Árabes Unidos", "COUNTRY", "AE", id="es Emiratos"),
    pytest.param("en", "exports to Kazakhstan", "COUNTRY", "KZ", id="en ISO name"),
    pytest.param("es", "exportaciones a Kazajistán", "COUNTRY", "KZ", id="es ISO translation"),
    pytest.param("es", "envíos a Republica Dominicana", "COUNTRY", "DO", id="es accents folded"),
    pytest.param("es", "la región Áncash", "REGION", "PE-ANC", id="es Ancash accent"),
    pytest.param("en", "the Ancash region", "REGION", "PE-ANC", id="en Ancash"),
    pytest.param("es", "en Madre de Dios", "REGION", "PE-MDD", id="es Madre de Dios"),
    pytest.param("en", "in San Martin region", "REGION", "PE-SAM", id="en San Martin"),
    pytest.param("en", "the Ministry of Foreign Trade and Tourism", "ORG", "mincetur", id="en Mincetur long"),
    pytest.param("es", "el Ministerio de Comercio Exterior y Turismo", "ORG", "mincetur", id="es Mincetur long"),
    pytest.param("en", "the Central Reserve Bank of Peru", "ORG", "bcrp", id="en BCRP"),
    pytest.param("es", "el BCR informó", "ORG", "bcrp", id="es BCR"),
    pytest.param("en", "the World Bank said", "ORG", "world-bank", id="en World Bank"),
    pytest.param("es", "el Banco Mundial dijo", "ORG", "world-bank", id="es Banco Mundial"),
    pytest.param("en", "according to the IMF", "ORG", "imf", id="en IMF"),
    pytest.param("es", "según el FMI", "ORG", "imf", id="es FMI"),
    pytest.param("en", "ECLAC projects", "ORG", "eclac", id="en ECLAC"),
    pytest.param("es", "la CEPAL proyecta", "ORG", "eclac", id="es CEPAL"),
    pytest.param("en", "the Pacific Alliance", "ORG", "alianza-del-pacifico", id="en Pacific Alliance"),
    pytest.param("es", "la Alianza del Pacífico", "ORG", "alianza-del-pacifico", id="es Alianza"),
    pytest.param("es", "la Sociedad Nacional de Industrias", "ORG", "sni", id="es SNI"),
    pytest.param("en", "Chile's ProChile", "ORG", "prochile", id="en ProChile"),
    pytest.param("en", "blueberries from Peru", "PRODUCT", "blueberry", id="en blueberries"),
    pytest.param("es", "arándanos del Perú", "PRODUCT", "blueberry", id="es arandanos"),
    pytest.param("en", "avocados", "PRODUCT", "avocado", id="en avocados"),
    pytest.param("es", "los aguacates", "PRODUCT", "avocado", id="es aguacates"),
    pytest.param("en", "tangerines and more", "PRODUCT", "mandarin", id="en tangerines"),
    pytest.param("es", "las mandarinas", "PRODUCT", "mandarin", id="es mandarinas"),
    pytest.param("en", "fish oil shipments", "PRODUCT", "fish-oil", id="en fish oil"),
    pytest.param("es", "aceite de pescado", "PRODUCT", "fish-oil", id="es aceite de pescado"),
    pytest.param("en", "giant squid catches", "PRODUCT", "giant-squid", id="en giant squid"),
    pytest.param("es", "la pota", "PRODUCT", "giant-squid", id="es pota"),
    pytest.param("en", "natural gas", "PRODUCT", "natural-gas", id="en natural gas"),
    pytest.param("es", "gas natural", "PRODUCT", "natural-gas", id="es gas natural"),
    pytest.param("en", "lithium output", "PRODUCT", "lithium", id="en lithium"),
    pytest.param("es", "producción de litio", "PRODUCT", "lithium", id="es litio"),
    pytest.param("en", "shipped through Chancay port", "PLACE", "port-of-chancay", id="en Chancay port"),
    pytest.param("es", "el puerto de Chancay", "PLACE", "port-of-chancay", id="es puerto de Chancay"),
    pytest.param("en", "markets in Latin America", "PLACE", "latin-america", id="en Latin America"),
    pytest.param("es", "mercados de Latinoamérica", "PLACE", "latin-america", id="es Latinoamerica"),
    pytest.param("en", "South America and Africa", "PLACE", "south-america", id="en South America"),
    pytest.param("es", "Sudamérica y África", "PLACE", "south-america", id="es Sudamerica"),
]

# Rules over data (entities.toml): roles make persons, context turns a region into a port, city or nothing.
RULES = [
    pytest.param("es", "dijo la ministra de Comercio Exterior y Turismo, Teresa Mera.", "PERSON", "teresa-mera", id="es role, comma, name"),
    pytest.param("es", "el presidente de ADEX, Julio Pérez, señaló", "PERSON", "julio-perez", id="es role of org, name"),
    pytest.param("en", "Minister Ana Gómez said", "PERSON", "ana-gomez", id="en role then name"),
    pytest.param("en", "said John Smith, director of the firm.", "PERSON", "john-smith", id="en name, role"),
    pytest.param("es", "Rosa Quispe Mamani, gerenta de la empresa", "PERSON", "rosa-quispe", id="es two surnames"),
    pytest.param("es", "el economista Juan Carlos Rojas", "PERSON", "juan-carlos-rojas", id="es compound given name"),
    pytest.param("es", "el coordinador Edgar Manuel Vásquez Vela", "PERSON", "edgar-vasquez", id="es four words"),
    pytest.param("en", "shipped through Callao to Asia", "PLACE", "port-of-callao", id="en port cue"),
    pytest.param("es", "embarcados por el Callao", "PLACE", "port-of-callao", id="es port cue"),
    pytest.param("en", "copper, zinc and lead rose", "PRODUCT", "lead", id="en lead in a list"),
    pytest.param("es", "el oro, la plata y el cobre", "PRODUCT", "silver", id="es plata in a list"),
    pytest.param("es", "las regiones Amazonas y Junín crecieron", "REGION", "PE-AMA", id="es Amazonas the region"),
]

NOT_FOUND = [
    pytest.param("en", "to lead the market", ("PRODUCT", "lead"), id="en lead the verb"),
    pytest.param("es", "no hay plata para eso", ("PRODUCT", "silver"), id="es plata is money"),
    pytest.param("es", "la Caja Municipal CMAC Cusco", ("REGION", "PE-CUS"), id="es region inside an org name"),
    pytest.param("es", "la avenida José de San Martín", ("REGION", "PE-SAM"), id="es San Martin the person"),
    pytest.param("en", "in Georgia and Texas", ("COUNTRY", "GE"), id="en Georgia the US state"),
    pytest.param("es", "una Reunión de ministros", ("COUNTRY", "RE"), id="es reunion the meeting"),
    pytest.param("es", "la región San Martín creció", ("COUNTRY", "MF"), id="es San Martin is the region"),
    pytest.param("es", "la Cámara Peruana del Café y Cacao", ("PRODUCT", "coffee"), id="es product inside an org"),
    pytest.param("en", "said the minister of trade, the economy", ("PERSON", "the-economy"), id="en no name after role"),
    pytest.param("es", "el estado brasileño de Amazonas compró", ("REGION", "PE-AMA"), id="es Amazonas the Brazilian state"),
    pytest.param("es", "la navegación por el río Amazonas", ("REGION", "PE-AMA"), id="es Amazonas the river"),
    pytest.param("en", "the Brazilian state of Amazonas bought", ("REGION", "PE-AMA"), id="en Amazonas the Brazilian state"),
]

ISSUE_4_GAPS = [
    pytest.param("en", "said John Michael Smith, director", "PERSON", "john-smith", id="en middle name read as surname",
                 marks=pytest.mark.xfail(strict=True)),
    pytest.param("es", "la ministra de Comercio Exterior y Turismo Ana Gómez", "PERSON", "ana-gomez",
                 id="es role phrase and name without a comma", marks=pytest.mark.xfail(strict=True)),
    pytest.param("en", "cargo moved at Chancay", "PLACE", "port-of-chancay", id="en Chancay alone",
                 marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("lang", "text", "label", "entity_id"), ISSUE_4 + RULES + ISSUE_4_GAPS)
def test_canonical_id(lang, text, label, entity_id):
    assert (label, entity_id) in found(lang, text)


@pytest.mark.parametrize(("lang", "text", "absent"), NOT_FOUND)
def test_not_an_entity(lang, text, absent):
    assert absent not in found(lang, text)
