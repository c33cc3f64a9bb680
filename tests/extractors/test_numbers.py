"""Numeral parsing and compound amounts, one table for both languages (language first)."""

from decimal import Decimal

import pytest

from extractors.nlp import get_pipeline
from extractors.numbers import JOIN, NUM, SCALE, UNIT, WORD, combine_amount, load_number_format, parse_number, read_number

GUIDE = [  # annotation-guide §1.2
    pytest.param("es", "68 120", None, "68120", id="es-space-groups"),
    pytest.param("es", "2 847 761 852", None, "2847761852", id="es-many-space-groups"),
    pytest.param("es", "1.234,9", None, "1234.9", id="es-both-marks-comma-decimal"),
    pytest.param("en", "104,381.6", None, "104381.6", id="en-both-marks-point-decimal"),
    pytest.param("en", "25,418,300", None, "25418300", id="en-repeated-groups"),
    pytest.param("es", "5.263", "millones", "5263", id="es-point-three-digits-millones"),
    pytest.param("es", "33,410", "millones", "33410", id="es-comma-three-digits-millones"),
    pytest.param("es", "540.000", None, "540000", id="es-point-three-digits-bare"),
    pytest.param("en", "44.058", "billion", "44.058", id="en-point-three-digits-billion"),
    pytest.param("en", "9.360", "billion", "9.36", id="en-point-three-digits-billion-2"),
    pytest.param("en", "10,999", "million", "10999", id="en-comma-three-digits-million"),
    pytest.param("en", "13,166", "million", "13166", id="en-comma-three-digits-million-2"),
    pytest.param("es", "19,8", None, "19.8", id="es-one-digit-decimal"),
    pytest.param("en", "18.1", None, "18.1", id="en-one-digit-decimal"),
    pytest.param("es", "953,8", "millones", "953.8", id="es-decimal-before-millones"),
    pytest.param("en", "4.383", "billion", "4.383", id="en-decimal-before-billion"),
    pytest.param("es", "41, 6", "millones", "41.6", id="es-stray-space-after-comma"),
    pytest.param("en", "1234,567", None, "1234.567", id="en-long-whole-part-is-decimal"),
]

PEER_SUITE = [  # shared/peer-suites/recognizers-text: a leading decimal mark
    pytest.param("es", ",08", None, "0.08", id="es-leading-comma"),
    pytest.param("es", ",23456000", None, "0.23456", id="es-leading-comma-long"),
    pytest.param("en", ".5", None, "0.5", id="en-leading-point"),
]


@pytest.mark.parametrize(("lang", "text", "before", "expected"), GUIDE + PEER_SUITE)
def test_parse_number(lang, text, before, expected):
    assert parse_number(text, load_number_format(lang), before) == Decimal(expected)


AMBIGUITY = [
    pytest.param("en", "4.507", "million", True, id="en-point-three-digits-million-is-a-guess"),
    pytest.param("es", "5.263", "millones", False, id="es-three-digits-millones-is-sure"),
    pytest.param("es", "540.000", None, True, id="es-three-digits-bare-is-a-guess"),
    pytest.param("en", "18.1", None, False, id="en-one-digit-is-sure"),
]


@pytest.mark.parametrize(("lang", "text", "before", "guess"), AMBIGUITY)
def test_read_number_flags_guesses(lang, text, before, guess):
    assert (read_number(text, load_number_format(lang), before)[1] is not None) is guess


K, M = Decimal("1e3"), Decimal("1e6")
COMPOUNDS = [  # annotation-guide §1 "Values" 1
    pytest.param([(NUM, Decimal(6)), (SCALE, K), (NUM, Decimal(299)), (SCALE, M)], "6299e6", id="6 mil 299 millones"),
    pytest.param([(SCALE, K), (NUM, Decimal(500)), (SCALE, M)], "1500e6", id="mil 500 millones"),
    pytest.param([(WORD, Decimal(4)), (SCALE, K), (NUM, Decimal(15)), (SCALE, M)], "4015e6", id="cuatro mil 15 millones"),
    pytest.param([(NUM, Decimal(1111)), (SCALE, M), (NUM, Decimal(653)), (SCALE, K)], "1111653000", id="1,111 millones 653 mil"),
    pytest.param([(NUM, Decimal(2318)), (SCALE, M), (NUM, Decimal(450000))], "2318450000", id="2,318 millones 450,000"),
    pytest.param([(NUM, Decimal(68)), (SCALE, K), (SCALE, M)], "68e9", id="68 mil millones"),
    pytest.param([(WORD, Decimal(30)), (WORD, Decimal(5))], "35", id="treinta y cinco"),
]


@pytest.mark.parametrize(("parts", "expected"), COMPOUNDS)
def test_combine_amount(parts, expected):
    assert combine_amount(parts) == Decimal(expected)


INVALID = [
    pytest.param([(NUM, Decimal(5)), (NUM, Decimal(7))], id="two numerals"),
    pytest.param([(SCALE, M)], id="scale alone"),
    pytest.param([(NUM, Decimal(5)), (SCALE, M), (SCALE, M)], id="repeated scale"),
    pytest.param([(WORD, Decimal(5)), (WORD, Decimal(30))], id="smaller word before larger"),
]


@pytest.mark.parametrize("parts", INVALID)
def test_combine_amount_rejects(parts):
    assert combine_amount(parts) is None


DENOMINATORS = [  # shared/peer-suites/recognizers-text, es-percent fractions
    pytest.param("es", "quintos", "5", id="es-listed"),
    pytest.param("es", "veintiunavo", "21", id="es-avo"),
    pytest.param("es", "treintavos", "30", id="es-avo-elided-vowel"),
    pytest.param("es", "treintaicincoavos", "35", id="es-avo-joined-words"),
    pytest.param("es", "veintemilesimos", "20000", id="es-esimo-with-scale"),
    pytest.param("es", "billonesimo", "1e12", id="es-esimo-scale-alone"),
    pytest.param("en", "hundredths", "100", id="en-ths"),
    pytest.param("en", "quarters", "4", id="en-listed"),
    pytest.param("es", "esclavo", None, id="es-not-a-number-stem"),
    pytest.param("en", "month", None, id="en-not-a-number-stem"),
]


@pytest.mark.parametrize(("lang", "word", "expected"), DENOMINATORS)
def test_denominator(lang, word, expected):
    denominator = load_number_format(lang).denominator(word)
    assert denominator == (None if expected is None else Decimal(expected))


ROLES = [  # shared/corpus dev2 and dev3: tokens the numeral tagger merges or tags
    pytest.param("es", "sumaron el 20% (US$589\nmillones) de", "\n", JOIN, id="es-line-break-before-scale-joins"),
    pytest.param("es", "sumaron US$589\n\nmillones de", "\n\n", "", id="es-blank-line-does-not-join"),
    pytest.param("en", "worth US$211.7m-worth of goods", "m", SCALE, id="en-attached-scale-before-hyphen"),
    pytest.param("es", "286 millones de litros (26,1%)", "litros", UNIT, id="es-litros-unit"),
    pytest.param("en", "to lift production to 1mn b/d by 2025", "b/d", UNIT, id="en-multi-token-unit-merged"),
]


@pytest.mark.parametrize(("lang", "text", "token", "role"), ROLES)
def test_numeral_roles(lang, text, token, role):
    doc = get_pipeline(lang)(text)
    assert [t.tag_ for t in doc if t.text == token] == [role]
