"""PRODUCT mentions: plurals from data/<lang>/inflection.toml, the product vocabulary, and what is no product."""

import pytest

from extractors.entities import fold, load_entity_rules
from extractors.inflection import load_inflection, with_plurals
from extractors.lexicon import LANGUAGES, Alias, load_aliases
from extractors.nlp import extract_many

CASES = [
    # plurals that the rules make from singular rows
    pytest.param("peppers and plantains rose", "en", {"pepper", "plantain"}, id="en plurals"),
    pytest.param("giant squids, carnations and chestnuts", "en", {"giant-squid", "carnation", "brazil-nut"}, id="en plural of the head"),
    pytest.param("blueberries, peaches, mangoes, mangos and tomatoes", "en", {"blueberry", "peach", "mango", "tomato"}, id="en y, ch, o endings"),
    pytest.param("las flores, las uvas y los limones", "es", {"flower", "grape", "lemon"}, id="es vowel and consonant"),
    pytest.param("maíces, nueces y ajíes", "es", {"corn", "walnut", "chili-pepper"}, id="es z and stressed i"),
    pytest.param("uvas de mesa y gases naturales", "es", {"grape", "natural-gas"}, id="es words before the link"),
    pytest.param("las paltas Hass", "es", {"avocado"}, id="es a capitalised word keeps its form"),
    # vocabulary across the HS chapters
    pytest.param("live cattle, beef, pork and poultry", "en", {"cattle", "beef", "pork", "poultry"}, id="en animals and meat"),
    pytest.param("carne de res, carne de vacuno y carne bovina", "es", {"beef"}, id="es beef"),
    pytest.param("salmon, tilapia, crabs and fish flour", "en", {"salmon", "tilapia", "crab", "fishmeal"}, id="en fish"),
    pytest.param("Natural flowers, broccoli, peas and berries", "en", {"flower", "broccoli", "pea", "berry"}, id="en plants and vegetables"),
    pytest.param("yuca, jitomate, zarzamora, follaje y plantas ornamentales", "es", {"cassava", "tomato", "blackberry", "foliage", "ornamental-plant"}, id="es plants"),
    pytest.param("trigo, soja, torta de soya, aceite de soya y biodiesel", "es", {"wheat", "soybean", "soybean-meal", "soybean-oil", "biodiesel"}, id="es soy complex"),
    pytest.param("tobacco, wine, wool and fine hair", "en", {"tobacco", "wine", "wool", "fine-animal-hair"}, id="en tobacco, wine, fibre"),
    pytest.param("lana sin cardar, hilados de lana, cueros y vino embotellado", "es", {"wool", "wool-yarn", "hide", "wine"}, id="es wool, hides, wine"),
    pytest.param("wólfram, wolframio, ulexita y hulla", "es", {"tungsten", "ulexite", "coal"}, id="es minerals"),
    pytest.param("barras de acero y alambre de cobre", "es", {"steel-bar", "copper-wire"}, id="es manufactures"),
    pytest.param("Aluminium and iron bar", "en", {"aluminum", "steel-bar"}, id="en aluminium is aluminum"),
    pytest.param("liquefied natural gas and natural gas", "en", {"liquefied-natural-gas", "natural-gas"}, id="en LNG is its own product"),
    pytest.param("gas natural licuado y alcohol etílico", "es", {"liquefied-natural-gas", "ethanol"}, id="es LNG and ethanol"),
    # negatives: sectors, broad categories, words that are something else first
    pytest.param("mining, textiles, seafood and fruit grew", "en", set(), id="en sectors"),
    pytest.param("la minería, el agro, los textiles y las frutas", "es", set(), id="es sectors"),
    pytest.param("vegetable oils and other aceites", "en", set(), id="en oils are not crude"),
    pytest.param("el aceite y la harina subieron", "es", set(), id="es bare aceite and harina"),
    pytest.param("exports rose 5% and leads the ranking", "en", set(), id="en rose and leads are verbs"),
    pytest.param("Aceros Arequipa y Cementos Pacasmayo", "es", set(), id="es company names are no plurals"),
    pytest.param("productos crudos y sin plata", "es", set(), id="es crudos and plata"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_product_ids(text, lang, expected):
    [mentions] = extract_many([(text, lang)])
    assert {m.entity_id for m in mentions if m.label == "PRODUCT"} == expected


def test_with_plurals_keeps_the_alias_and_skips_taken_forms():
    aliases = (
        Alias("uva de mesa", "grape", "PRODUCT", "es", "products"),
        Alias("limón", "lemon", "PRODUCT", "es", "products"),
        Alias("limones", "other", "ORG", "es", "orgs"),
        Alias("Lima", "PE-LIM", "REGION", "es", "regions"),
    )
    added = with_plurals(aliases, "es")[len(aliases):]
    assert added == (Alias("uvas de mesa", "grape", "PRODUCT", "es", "products"),)


@pytest.mark.parametrize(("lang", "singular", "plurals"), [
    ("en", "giant squid", ["giant squids"]), ("en", "blueberry", ["blueberries"]), ("en", "turkey", ["turkeys"]),
    ("en", "peach", ["peaches"]), ("en", "mango", ["mangoes", "mangos"]), ("en", "Brazil nut", ["Brazil nuts"]),
    ("en", "fish oil", []), ("en", "LNG", []), ("en", "lead", []),
    ("es", "limón", ["limónes"]), ("es", "maíz amarillo duro", ["maíces amarillos duros"]), ("es", "café sin tostar", ["cafés sin tostar"]),
    ("es", "ají", ["ajíes"]), ("es", "gas natural", ["gases naturales"]), ("es", "cítricos", []), ("es", "palta Hass", ["paltas Hass"]),
])  # fmt: skip
def test_plurals(lang, singular, plurals):
    assert load_inflection(lang).plurals(singular) == plurals


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plurals_never_give_a_folded_alias_two_ids(lang):
    seen: dict[str, set] = {}
    for alias in with_plurals(load_aliases(lang), lang):
        seen.setdefault(fold(alias.alias), set()).add((alias.label, alias.entity_id))
    assert {key: ids for key, ids in seen.items() if len(ids) > 1} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_only_words_have_no_plural(lang):
    # a plural of "lead" or "plata" would not be list-only, so it would match alone
    assert all(load_inflection(lang).plurals(word) == [] for word in load_entity_rules(lang)["list_only"])
