"""The actor knowledge base and the actors stage: names, metonyms, roles, coreference."""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from warta.actors_kb import knowledge_base
from warta.pipeline import Pipeline

STAGES = Pipeline("clean", "metadata", "sentences", "actors", on_error="raise")


def actors_of(text: str) -> list[tuple[str, str | None, str]]:
    art = STAGES(make_article("Judul\n" + text + "\n"))
    return [(art.text[m.start : m.end], m.key, m.kind) for m in art.actors]


def test_every_state_has_an_indonesian_name_and_the_press_forms_resolve():
    kb = knowledge_base()
    assert len(kb.state_names) >= 240
    for name, code in [
        ("Korsel", "KOR"), ("Korut", "PRK"), ("Korea Selatan", "KOR"), ("Tiongkok", "CHN"), ("China", "CHN"),
        ("Cina", "CHN"), ("Rusia", "RUS"), ("Negeri Paman Sam", "USA"), ("Jepang", "JPN"), ("Inggris", "GBR"),
    ]:  # fmt: skip
        found = kb.find(f"Kata {name} kemarin")
        assert found and found[0][3][0].country == code, name


@pytest.mark.parametrize(
    ("name", "code"),
    [("Moskow", "RUS"), ("Kremlin", "RUS"), ("Pyongyang", "PRK"), ("Seoul", "KOR"), ("Washington", "USA"),
     ("Gedung Putih", "USA"), ("Beijing", "CHN"), ("Tokyo", "JPN")],
)  # fmt: skip
def test_capitals_and_seats_of_power_stand_for_their_state(name, code):
    got = actors_of(f"{name} menolak usulan itu.")
    assert got[0][1] == code and got[0][2] in ("capital", "seat")


def test_organisations_by_acronym_and_indonesian_name():
    names = [("PBB", "UNO"), ("Dewan Keamanan PBB", "UNO"), ("DK PBB", "UNO"), ("Uni Eropa", "EEC"), ("ASEAN", "ASN"),
             ("NATO", "NAT"), ("IAEA", "IAE"), ("Badan Energi Atom Internasional", "IAE")]  # fmt: skip
    for name, code in names:
        got = actors_of(f"{name} mengecam langkah itu.")
        assert got[0][1] == code, name


def test_short_acronyms_match_only_in_capitals():
    assert actors_of("Pasukan AS tiba.")[0][1] == "USA"
    assert all(key != "USA" for _, key, _ in actors_of("Ia datang as usual."))


def test_roles_take_the_state_that_follows():
    got = actors_of("Kementerian Luar Negeri Korea Selatan memanggil Duta Besar Rusia untuk Seoul.")
    assert ("Kementerian Luar Negeri Korea Selatan", "KOR", "role") in got
    # the envoy's posting does not change his state
    assert ("Duta Besar Rusia untuk Seoul", "RUS", "role") in got
    got = actors_of("Duta Besar Rusia untuk Korea Utara Alexander Matsegora menyatakan keyakinannya.")
    assert got[0][1] == "RUS"


def test_demonyms_and_possessives():
    got = actors_of("Pasukan Korea Utara dan warga Korea Selatan serta Kementerian Luar Negeri Rusia hadir.")
    assert [k for _, k, _ in got] == ["PRK", "KOR", "RUS"]


def test_known_people_and_their_terms():
    kb = knowledge_base()
    got = actors_of("Vladimir Putin bertemu Kim Jong Un, lalu Choe Son-hui berbicara.")
    assert [k for _, k, _ in got] == ["RUS", "PRK", "PRK"]
    assert kb.holder("KOR", "presiden", "2023-05").name == "Yoon Suk Yeol"
    assert kb.holder("KOR", "presiden", "2019").name == "Moon Jae-in"
    assert kb.holder("USA", "presiden", "2025-06-01").name == "Donald Trump"
    assert kb.holder("USA", "menteri luar negeri", "2022-01-01").name == "Antony Blinken"


def test_apposition_introduces_a_person_and_short_names_resolve_later():
    got = actors_of(
        "Seorang saksi melihat Duta Besar Rusia, Georgy Zinoviev, memasuki gedung. "
        "Wakil Menteri Luar Negeri Korea Selatan, Kim Hong-kyun, menyampaikan sikap Seoul. "
        "Kim juga mendesak Rusia. Namun, Zinoviev menolak."
    )
    assert ("Kim", "KOR", "coref") in got
    assert ("Zinoviev", "RUS", "coref") in got


def test_short_name_goes_to_the_person_of_this_article():
    # "Kim" is Kim Hong-kyun here, not Kim Jong Un
    got = actors_of("Wakil Menlu Korea Selatan, Kim Hong-kyun, tiba. Kim mengecam Pyongyang.")
    assert ("Kim", "KOR", "coref") in got


def test_pronoun_and_group_resolution():
    got = actors_of(
        "Menurut kementerian, Yoon Joo-seok, Direktur Jenderal Kementerian Luar Negeri Korea Selatan, tiba. "
        "Ia juga meminta bantuan Rusia. Korea Selatan dan Rusia bertemu. Kedua pihak sepakat."
    )
    assert ("Ia", "KOR", "coref") in got
    group = [g for g in got if g[0] == "Kedua pihak"]
    assert group and group[0][2] == "group"


def test_a_place_after_di_is_not_an_actor():
    got = actors_of("Kedua menteri bertemu di Moskow.")
    assert ("Moskow", "RUS", "place") in got


def test_dateline_is_not_an_actor():
    got = actors_of("Liputan6.com, Moskow - Menteri Luar Negeri Korea Utara berkunjung ke Moskow.")
    assert [g for g in got if g[0] == "Moskow"] == [("Moskow", "RUS", "capital")]


def test_a_capital_in_a_route_is_a_place_but_a_pair_of_capitals_are_actors():
    got = actors_of("Maskapai itu membuka rute dari Ho Chi Minh - Jakarta bulan depan.")
    assert ("Jakarta", "IDN", "place") in got
    got = actors_of("Hubungan Moskow-Pyongyang semakin erat.")
    assert [k for _, k, kind in got if kind == "capital"] == ["RUS", "PRK"]
