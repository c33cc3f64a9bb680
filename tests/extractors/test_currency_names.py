"""The generated currency table: re-generated in memory it equals the committed file, and it loads."""

from pathlib import Path

from extractors.currency_names import is_name, load_currency_names, with_currency_names
from extractors.lexicon import load_currencies

ROOT = Path(__file__).resolve().parents[2]


def test_committed_file_is_what_the_script_generates(data_script):
    """Fails on a hand edit of currency_names.tsv, a Babel/pycountry upgrade or a currencies.tsv
    change that the file does not reflect: rerun scripts/build_currency_names.py and review."""
    committed = (ROOT / "extractors" / "data" / "currency_names.tsv").read_text("utf-8")
    assert data_script("build_currency_names").build() == committed


def test_provenance_names_script_and_babel_version():
    import babel

    first = (ROOT / "extractors" / "data" / "currency_names.tsv").read_text("utf-8").splitlines()[0]
    assert first.startswith("# provenance:")
    assert "scripts/build_currency_names.py" in first and f"Babel {babel.__version__}" in first


def test_every_kept_iso_code_is_a_surface(data_script):
    import pycountry

    builder = data_script("build_currency_names")
    surfaces = {c.surface for c in with_currency_names(load_currencies())}
    for currency in pycountry.currencies:
        if currency.alpha_3 not in builder.DROPPED_CODES:
            assert currency.alpha_3 in surfaces


def test_hand_rows_win():
    merged = {c.surface.lower(): c.code for c in with_currency_names(load_currencies())}
    hand = {c.surface.lower(): c.code for c in load_currencies()}
    assert all(merged[surface] == code for surface, code in hand.items())
    assert merged["dollar"] == "USD" and merged["$"] == "USD"
    generated = {c.surface.lower() for c in load_currency_names()}
    assert not generated & set(hand)


def test_ambiguous_heads_are_left_out():
    generated = {c.surface.lower() for c in load_currency_names()}
    for bare in ("pesos", "peso", "francs", "francos", "dollars", "coronas", "rupias", "dinars", "all", "top"):
        assert bare not in generated
    assert {"south african rand", "coronas suecas", "rand", "zlotys", "zar"} <= generated


def test_names_and_codes_are_told_apart():
    by_surface = {c.surface: c for c in with_currency_names(load_currencies())}
    assert is_name(by_surface["soles"]) and is_name(by_surface["South African rand".lower()])
    assert not is_name(by_surface["ZAR"]) and not is_name(by_surface["S/"]) and not is_name(by_surface["US$"])
