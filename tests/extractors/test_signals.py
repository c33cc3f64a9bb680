"""Names no gazetteer lists, from the text's own signals (extractors/signals.py): one row per construction."""

from importlib import resources

import pytest

from extractors import extract
from extractors.signals import load_given_names


def found(lang, text):
    return {(m.label, m.entity_id) for m in extract(text, lang) if m.kind == "entity"}


CONSTRUCTIONS = [
    # an acronym in brackets names the organisation, and its bare uses later
    pytest.param("es", "la agencia estatal Comisión Chilena del Cobre (Cochilco) estimó 5%. Cochilco prevé más.", {("ORG", "cochilco")}, id="acronym after an org name"),
    pytest.param("es", "Dora Inés Rey, directora de la Unidad de Planificación Rural Agropecuaria (Upra), explicó", {("PERSON", "dora-ines-rey"), ("ORG", "upra")}, id="word acronym without org word; second given name"),
    pytest.param("en", "according to the National Association of Cocoa Exporters (Anecacao), sales grew", {("ORG", "anecacao")}, id="acronym of another language"),
    pytest.param("es", "datos del Informe de Intercambio Comercial Argentino (ICA) del Instituto Nacional de Estadística y Censos (Indec).", {("ORG", "indec")}, id="document acronym silences a region"),
    # organisation words head or close a name
    pytest.param("es", "El Ministerio de Minería y Metalurgia rindió cuentas.", {("ORG", "ministerio-de-mineria-y-metalurgia")}, id="head word with conjunction"),
    pytest.param("en", "and the Alternative Credit Company took part", {("ORG", "alternative-credit-company")}, id="closing word"),
    pytest.param("en", "the CMAC Del Santa and CMAC Piura lenders", {("ORG", "cmac-del-santa"), ("ORG", "cmac-piura")}, id="a conjunction before a new org name splits"),
    pytest.param("en", "reported by the EFE News Service.", {("ORG", "efe")}, id="acronym plus org words is the acronym"),
    pytest.param("en", "sales from Canadian miner Lundin Gold Inc's mine", {("ORG", "lundin-gold")}, id="legal suffix dropped"),
    # cues
    pytest.param("es", "frente al octavo lugar en el 2012, según Latinvex.", {("ORG", "latinvex")}, id="source cue es"),
    pytest.param("en", "exports have been weak, said Capital Economics, which expects a fall", {("ORG", "capital-economics")}, id="source cue en"),
    pytest.param("en", "last year, the daily La Tercera said, citing data", {("ORG", "la-tercera")}, id="media cue keeps its article"),
    pytest.param("en", "Workers at the Cerrejon mine went on strike after talks with the Sintracarbon union broke down.", {("PLACE", "cerrejon"), ("ORG", "sintracarbon")}, id="site and org nouns after the name"),
    pytest.param("en", "due to the two large-scale mines Mirador and Fruta del Norte, especially", {("PLACE", "mirador"), ("PLACE", "fruta-del-norte")}, id="a list takes its cue"),
    pytest.param("es", "en las plantas a la vera del Río Paraná, el complejo", {("PLACE", "parana-river")}, id="river"),
    pytest.param("en", "barges on the Paraná River carry grain", {("PLACE", "parana-river")}, id="river word after the name"),
    pytest.param("es", "el estado brasileño de Amazonas compró", {("PLACE", "amazonas")}, id="a foreign state named like a region"),
    pytest.param("es", "en la provincia de Chincha y el departamento de Cajamarca", {("PLACE", "chincha"), ("REGION", "PE-CAJ")}, id="subdivision cue"),
    pytest.param("es", "la navegación por el río Amazonas", {("PLACE", "amazonas-river")}, id="a river named like a region"),
    pytest.param("en", "the Brazilian state of Amazonas bought", {("PLACE", "amazonas")}, id="a foreign state named like a region en"),
    pytest.param("es", "Vinos de Chile explicó que los mercados crecieron", {("ORG", "vinos-de-chile")}, id="speech verb after a name"),
    pytest.param("en", "Danper, the largest exporter of asparagus, said", {("ORG", "danper"), ("PRODUCT", "asparagus")}, id="company apposition"),
    pytest.param("es", "Camposol, la mayor agroexportadora del país, informó", {("ORG", "camposol")}, id="company apposition es"),
    pytest.param("en", "said Ana Ruiz, an analyst at Xyzcorp Advisors, where", {("ORG", "xyzcorp-advisors"), ("PERSON", "ana-ruiz")}, id="a role's organisation"),
    pytest.param("en", "Danper's chief executive said", {("ORG", "danper")}, id="an organisation's role"),
    pytest.param("en", "shipped from the port of Santos to the Manzanillo port", {("PLACE", "port-of-santos"), ("PLACE", "port-of-manzanillo")}, id="ports"),
    pytest.param("es", "desde el puerto de Shanghái", {("PLACE", "port-of-shanghai")}, id="a known city's port"),
    # people: bylines, credits, titles, roles with ex-, surnames alone
    pytest.param("en", "Mr. John Smith said", {("PERSON", "john-smith")}, id="title"),
    pytest.param("en", "(By Alexandra Valencia; Editing by David Gregorio)", {("PERSON", "alexandra-valencia"), ("PERSON", "david-gregorio")}, id="byline"),
    pytest.param("es", "en una imagen de archivo. EFE/Antonio Lacerda", {("ORG", "efe"), ("PERSON", "antonio-lacerda")}, id="photo credit"),
    pytest.param("es", "Para Fausto Ortiz, exministro de Finanzas, la caída pesa. Ortiz añadió que", {("PERSON", "fausto-ortiz")}, id="ex- role and surname alone"),
    # central bank of the article's country
    pytest.param("en", "Peru's exports fell. The Central Bank expects exports to recover in Peru.", {("COUNTRY", "PE"), ("ORG", "bcrp")}, id="bare central bank"),
]

NOT_NAMES = [
    pytest.param("en", "Buvinic said Chilean fruit stands out in the market", set(), id="demonym after a source cue"),
    pytest.param("en", "a unit of Chinese consortium CRCC-Tongguan, and others", {("ORG", "crcc-tongguan")}, id="demonym before a cue noun"),
    pytest.param("en", "Peru Exports Rise As Mining Association Reports Gains\n\nText follows.", {("COUNTRY", "PE")}, id="title-cased heading"),
    pytest.param("en", "according to the Mining Investment Guide 2020-2021", set(), id="a document is no org"),
    pytest.param("es", "las Manufacturas de Origen Agropecuario (MOA) crecieron", set(), id="a term's acronym is no org"),
    pytest.param("en", "Mining projects\n\nThese were the most prominent investments", set(), id="line-initial word before a site word"),
    pytest.param("es", "informó el Banco Central.", set(), id="central bank of an unknown country"),
    pytest.param("en", "said the head of the Adex Coffee and Cocoa Committee, adding", {("ORG", "adex")}, id="no mention inside a unit's name"),
    pytest.param("es", "según el Comité de Café y Cacao, las ventas", set(), id="no mention inside a unit's name es"),
    pytest.param("en", "Juan Pérez, the company's manager, said", set(), id="a person's apposition names no company"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CONSTRUCTIONS + NOT_NAMES)
def test_signal_names(lang, text, expected):
    assert found(lang, text) == expected


def test_given_names_mark_surnames():
    names = load_given_names()
    assert len(names) > 1500
    assert names["ines"] is False and names["leon"] is True  # "Desilú León Chempén" stays desilu-leon
    assert "lima" not in names and "rosa" not in names  # dropped: places and products first


def test_given_names_file_is_what_the_script_builds(data_script):
    # Drift: the committed file is exactly what scripts/build_given_names.py makes from the pinned Faker.
    text = resources.files("extractors").joinpath("data", "given_names.tsv").read_text("utf-8")
    assert text == data_script("build_given_names").render()
