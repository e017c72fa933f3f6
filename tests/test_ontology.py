"""The CAMEO codebook, Goldstein weights, QuadClass and the PLOVER crosswalk."""

from __future__ import annotations

import pytest

from warta import ontology
from warta.ontology import UnknownCode


def test_ontology_codebook_has_every_cameo_code():
    book = ontology.codebook()
    assert len(book) == 312
    assert {c.root for c in book.values()} == set(ontology.ROOTS)
    assert book["0311"].name and book["0311"].root == "03"


@pytest.mark.parametrize("code", ["99", "0000", "215", "", "04a", "4"])
def test_ontology_rejects_unknown_codes(code):
    with pytest.raises(UnknownCode):
        ontology.get(code)
    assert not ontology.is_code(code)


# GDELT's Goldstein weight of every root code
ROOT_GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0, "10": -5.0,
    "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0,
    "20": -10.0,
}  # fmt: skip


@pytest.mark.parametrize(("code", "weight"), sorted(ROOT_GOLDSTEIN.items()))
def test_ontology_goldstein_of_every_root(code, weight):
    assert ontology.goldstein(code) == weight


@pytest.mark.parametrize(
    ("code", "gdelt", "icews"), [("016", -2.0, -5.0), ("022", 3.2, 3.4), ("164", -7.0, -6.5), ("165", -6.5, -7.0)]
)
def test_ontology_goldstein_uses_gdelt_where_tables_disagree(code, gdelt, icews):
    assert ontology.goldstein(code) == gdelt
    assert ontology.get(code).goldstein_icews == icews


def test_ontology_goldstein_of_code_missing_from_gdelt_table():
    assert ontology.goldstein("1213") == ontology.goldstein("121")


COMMON = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
GDELT = {1: range(1, 6), 2: range(6, 10), 3: range(10, 15), 4: range(15, 21)}


@pytest.mark.parametrize("root", ontology.ROOTS)
def test_ontology_quad_class_of_every_root(root):
    r = int(root)
    assert ontology.quad_class(root) == next(q for q, rs in COMMON.items() if r in rs)
    assert ontology.quad_class(root, "gdelt") == next(q for q, rs in GDELT.items() if r in rs)


def test_ontology_quad_class_conventions_differ_where_documented():
    assert [ontology.quad_class(c) for c in ("09", "14")] == [3, 4]
    assert [ontology.quad_class(c, "gdelt") for c in ("09", "14")] == [2, 3]
    with pytest.raises(ontology.WartaError):
        ontology.quad_class("01", "other")


@pytest.mark.parametrize(
    ("code", "event", "mode", "context"),
    [
        ("036", "AGREE", None, "diplomatic"),
        ("041", "CONSULT", "phone", None),
        ("042", "CONSULT", "visit", None),
        ("046", "CONSULT", None, "diplomatic"),
        ("0312", "AGREE", None, "military"),
        ("057", "SUPPORT", None, "diplomatic"),
        ("114", "ACCUSE", "allege", "diplomatic"),
        ("173", "COERCE", "arrest", "legal"),
    ],
)
def test_ontology_plover_mapping(code, event, mode, context):
    p = ontology.plover(code)
    assert (p.event, p.mode) == (event, mode)
    if context is not None:
        assert p.context == context


def test_ontology_every_code_but_statements_and_appeals_has_a_plover_mapping():
    for code in ontology.codebook():
        if code[:2] in ("01", "02"):
            assert ontology.plover(code) is None
        else:
            assert ontology.plover(code).event


def test_ontology_actor_codes():
    assert ontology.is_actor_code("KOR") and ontology.is_actor_code("PRK") and ontology.is_actor_code("UNO")
    assert not ontology.is_actor_code("XXX")


def test_ontology_indonesian_names_of_every_root():
    names = ontology.names_id()
    assert set(names) == set(ontology.ROOTS) and all(names.values())
    assert ontology.cameo_name("11", "id") == "Menyatakan ketidaksetujuan"
    assert ontology.cameo_name("04", "en") == "Consult"  # roots in sentence case, not the codebook's capitals
    assert ontology.cameo_name("114", "en") == "Complain officially"
    assert ontology.cameo_name("114", "id") is None  # below the roots: English only, for now
    with pytest.raises(UnknownCode):
        ontology.cameo_name("99", "id")
    with pytest.raises(ValueError, match="lang"):
        ontology.cameo_name("04", "fr")


@pytest.mark.parametrize(
    ("code", "name_id", "name_en"),
    [("KOR", "Korea Selatan", "South Korea"), ("RUS", "Rusia", "Russian Federation"),
     ("UNO", "Perserikatan Bangsa-Bangsa", "United Nations"), ("WHO", "Organisasi Kesehatan Dunia",
     "World Health Organization"), ("NAT", "NATO", "NATO"), ("XYZ", "XYZ", "XYZ")],
)  # fmt: skip
def test_ontology_actor_names_in_both_languages(code, name_id, name_en):
    assert (ontology.actor_name(code, "id"), ontology.actor_name(code, "en")) == (name_id, name_en)
