"""The coder's rules for the language, one construction each, on sentences written for the tests.

Each case names the construction; none is a sentence of the development set.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from warta.article import Given
from warta.coder import code_article
from warta.pipeline import Pipeline

ACTORS = Pipeline("clean", "metadata", "sentences", "actors", on_error="raise")


def records(text: str, published: str = "2018-03-14"):
    art = make_article("Judul berita\n" + text + "\n", given=Given(published=published, published_precision="day"))
    return code_article(art)[1]


def real(text: str, published: str = "2018-03-14") -> set[tuple[str, str, str]]:
    return {
        (r.source.key, r.cameo[:2], r.target.key) for r in records(text, published) if not (r.negated or r.hypothetical)
    }


@pytest.mark.parametrize(
    ("construction", "text", "expected"),
    [
        ("saying that another must act is an appeal",
         "Perdana Menteri Thailand mengatakan Vietnam, yang masih dilanda banjir besar, harus memperkuat kerja sama.",
         ("THA", "02", "VNM")),
        ("a passive's agent right after the verb, in lowercase",
         "Tiga nelayan Vietnam ditahan otoritas Filipina sejak pekan lalu.", ("PHL", "17", "VNM")),
        ("a mutual act's partner after 'dengan … dan'",
         "Jepang sedang mengadakan pembicaraan dengan pihak militer dan pemerintah Filipina.", ("JPN", "04", "PHL")),
        ("a pronoun after a verb of saying is its subject",
         "Duta Besar Kanada Robert Miller mengatakan ia sudah menyampaikan keprihatinan kepada pejabat Brasil.",
         ("CAN", "11", "BRA")),
        ("a detention without an agent: the state where it happened",
         "Dua pelajar asal Vietnam ditahan di bandara internasional di Osaka.", ("JPN", "17", "VNM")),
        ("an attack by gunmen hits the state where it happens, as an assault",
         "Beberapa orang bersenjata menyerbu sebuah markas tentara di Davao, Filipina.", ("PHL", "18", "PHL")),
        ("people held by militants are hostages",
         "Abu Sayyaf menahan tiga nelayan Malaysia.", ("PHL", "18", "MYS")),
        ("what a subject receives from another is the giver's act",
         "Vietnam mendapatkan penghargaan dari Jepang.", ("JPN", "05", "VNM")),
        ("a meeting noun after 'setelah' is a meeting of the subject's two parties",
         "Presiden Filipina dan Perdana Menteri Jepang terbang ke Osaka setelah pertemuan resmi di Tokyo.",
         ("PHL", "04", "JPN")),
        ("a warning's addressee opens its agar clause",
         "Korea Selatan memperingatkan agar Korea Utara menghentikan uji coba rudal.", ("KOR", "13", "PRK")),
        ("'negara tersebut' is the state named last",
         "Tiongkok memberi Vietnam waktu tiga hari dan memperingatkan negara tersebut.", ("CHN", "13", "VNM")),
        ("an enclitic object is the one just named",
         "Korea Utara kembali menembakkan rudal balistik. Jepang langsung mengecamnya.", ("JPN", "11", "PRK")),
        ("victims named before 'tewas dalam serangan X'",
         "Dua tentara Filipina tewas dalam serangan militan Maute.", ("PHL", "19", "PHL")),
        ("a bare title is the last person named with it",
         "Presiden Filipina Ramon Santos tiba di Hanoi pada Selasa. Presiden kemudian bertemu Perdana Menteri Vietnam.",
         ("PHL", "04", "VNM")),
        ("a role word after a noun describes it: the exercise is the two states'",
         "Korea Utara mengecam latihan militer Amerika Serikat.", ("PRK", "11", "USA")),
        ("a verb phrase after 'dan' keeps the subject and takes its own object",
         "Pemerintah Thailand mengutuk serangan itu dan menuduh Malaysia melindungi para pelaku.",
         ("THA", "11", "MYS")),
        ("a body named after another state is that state's",
         "Kemenhan Jepang mengerahkan kapal perang ke Laut China Selatan dan mengecam Tiongkok.", ("JPN", "11", "CHN")),
        ("a role followed by a named body takes its state",
         "Juru Bicara Polri Budi Santoso mengecam Kepolisian Malaysia.", ("IDN", "11", "MYS")),
        ("a state named alone is its government against another sector of it",
         "Filipina menolak tawaran gencatan senjata dari kelompok pemberontak Tentara Rakyat Baru.",
         ("PHL", "12", "PHL")),
        ("two sectors of one state: a domestic event",
         "Komisi Pemberantasan Korupsi memanggil Wakil Ketua DPR Budi Santoso sebagai saksi.", ("IDN", "09", "IDN")),
        ("what is refused entry to names who refused it",
         "Panglima Angkatan Bersenjata Thailand Somchai Rattanakul ditolak masuk ke Negeri Sakura.",
         ("JPN", "17", "THA")),
        ("a siege of ground named with who holds it",
         "Tentara Filipina mengepung wilayah yang dikuasai Abu Sayyaf.", ("PHL", "19", "PHL")),
        ("a role with '-nya' belongs to the sentence's subject",
         "Perdana Menteri Kanada Daniel Moreau mengkritik sikap duta besarnya untuk ASEAN.", ("CAN", "11", "CAN")),
        ("a judgement in reported speech judges the first one named, with what it did",
         "Menteri Luar Negeri Jepang mengatakan, tindakan Korea Utara meluncurkan rudal itu tidak bertanggung jawab.",
         ("JPN", "11", "PRK")),
        ("'Menurut X,' attributes a judgement",
         "Menurut Menteri Pertahanan Korea Selatan, klaim Korea Utara itu tidak berdasar.", ("KOR", "11", "PRK")),
        ("a judgement in quoted words, said after them",
         "“Rusia telah berbohong kepada dunia,” kata Presiden Ukraina Volodymyr Zelensky.", ("UKR", "11", "RUS")),
        ("a judgement of coordinated parties judges each",
         "Pemerintah Thailand mengatakan upaya Kamboja dan Laos menguasai sungai itu tidak akan pernah berhasil.",
         ("THA", "11", "LAO")),
        ("condemning 'that bombing' targets the bomber, a domestic actor",
         "Seorang pelaku bom bunuh diri meledakkan diri di sebuah pasar, menewaskan 12 orang dan melukai 30 lainnya "
         "di pusat kota Marawi, Filipina. Pemerintah Filipina mengecam pemboman tersebut.", ("PHL", "11", "PHL")),
        ("an attack's place named in a joined verb phrase",
         "Seorang pelaku bom bunuh diri menewaskan 12 orang dan melukai 30 lainnya di pusat kota Karachi, Pakistan.",
         ("PAK", "18", "PAK")),
        ("an army's attack on places hits the state they lie in",
         "Tentara Myanmar melancarkan serangan udara ke sejumlah desa di utara Myanmar.", ("MMR", "19", "MMR")),
        ("an object pronoun in a pseudo-cleft is the one just named, of the same state",
         "Presiden Joko Widodo menandatangani peraturan itu. Yang pertama mengkritiknya adalah Ketua DPR Hendra "
         "Gunawan.", ("IDN", "11", "IDN")),
        ("a protest named with who protests and where: aimed at that state",
         "Unjuk rasa buruh Indonesia di Malaysia menuntut kenaikan upah.", ("IDN", "14", "MYS")),
        ("a defendant's trial comes from the court it sits in",
         "Wakil Ketua DPR Agus Hermawan menjalani sidang perdana kasus korupsi di Pengadilan Tipikor Jakarta.",
         ("IDN", "17", "IDN")),
        ("a trial abroad comes from the state it is held in",
         "Dua warga Indonesia menjalani sidang lanjutan di Malaysia.", ("MYS", "17", "IDN")),
        ("those done to, listed after 'terdiri dari', by whoever did it before",
         "Polisi Malaysia menangkap puluhan nelayan di Selat Malaka. Para nelayan yang ditangkap itu terdiri dari "
         "12 warga Indonesia dan 5 warga Thailand.", ("MYS", "17", "THA")),
        ("aid for people named without a state goes to the state they are in",
         "Pemerintah Kanada mengirim bantuan pangan untuk para pengungsi yang berada di Kenya.",
         ("CAN", "07", "KEN")),
        ("aid for people of a state goes to them",
         "Pemerintah Kanada mengirim bantuan pangan untuk para pengungsi Sudan yang berada di Kenya.",
         ("CAN", "07", "SDN")),
        ("an act on a thing is on whom it belongs to, named in its relative clause",
         "Penggeledahan KPK terhadap rumah yang ditempati Gubernur Jambi Zumi Zola berlangsung lima jam.",
         ("IDN", "09", "IDN")),
        ("one politician's attack on another is words",
         "Presiden Donald Trump menyerang Direktur FBI James Comey.", ("USA", "11", "USA")),
    ],
)  # fmt: skip
def test_coder_rules(construction, text, expected):
    assert expected in real(text), construction


@pytest.mark.parametrize(
    ("construction", "text"),
    [
        ("an act only asked of another", "Jepang memperingatkan agar Tiongkok membebaskan para nelayan itu."),
        ("an open question", "Pejabat itu belum tahu apakah Rusia akan menyerang Ukraina."),
        ("a plan under a later condition", "Polisi Malaysia akan menahan warga Indonesia itu jika dia kembali."),
        ("the purpose of what did not happen", "KBRI belum mendapat izin untuk bertemu dengan para nelayan Indonesia."),
        ("a denied act", "Kremlin membantah menyerang Ukraina."),
        ("an alleged act", "Korea Selatan menuduh Korea Utara memasok senjata kepada Rusia."),
        ("support named only to describe", "Tentara Yaman dan milisi yang didukung Arab Saudi menguasai kota itu."),
        ("the forces one deploys are no target", "Singapura mengerahkan kapal perang dan helikopter."),
        ("a capital naming an agreement", "Kanada akan mempertimbangkan kembali perjanjian Bangkok."),
        ("the attribution after the words", "Rusia dan Korea Utara sepakat, kata Menteri Pertahanan Rusia."),
        ("where one comes from is no target", "Presiden Jepang menerima kunjungan dari Korea Selatan."),
        ("deals between companies",
         "Perusahaan Korea Selatan Samsung menjalin kerja sama dengan perusahaan Rusia Gazprom."),
        ("a penalty is no judgement",
         "Kepolisian Thailand mengatakan warga Vietnam itu kini di bawah ancaman hukuman mati."),
        ("another act between the one named and the judgement",
         "Presiden Joko Widodo mengatakan Polri akan menindak tegas setiap pelanggaran hukum."),
        ("no one did it", "Kementerian itu menegaskan tidak ada tentara Rusia yang menyerang Ukraina."),
        ("an act only called for", "Iran mencabut seruan untuk menyerang Arab Saudi."),
        ("what one struggles to do", "Polisi Thailand kesulitan untuk menangkap warga Kamboja itu."),
        ("what must happen to one, not what it must do",
         "Presiden Joko Widodo mengatakan Malaysia seharusnya tidak diundang."),
    ],
)  # fmt: skip
def test_coder_rules_no_event(construction, text):
    wrong = {
        "an act only asked of another": ("CHN", "08", "JPN"),
        "an open question": ("RUS", "19", "UKR"),
        "a plan under a later condition": ("MYS", "17", "IDN"),
        "the purpose of what did not happen": ("IDN", "04", "IDN"),
        "a denied act": ("RUS", "19", "UKR"),
        "an alleged act": ("PRK", "07", "RUS"),
        "support named only to describe": ("SAU", "05", "YEM"),
        "the forces one deploys are no target": ("SGP", "15", "SGP"),
        "a capital naming an agreement": ("CAN", "01", "THA"),
        "the attribution after the words": ("RUS", "03", "RUS"),
        "where one comes from is no target": ("JPN", "04", "KOR"),
        "deals between companies": ("KOR", "06", "RUS"),
        "what must happen to one, not what it must do": ("IDN", "02", "MYS"),
        "an act only called for": ("IRN", "19", "SAU"),
        "what one struggles to do": ("THA", "17", "KHM"),
        "no one did it": ("RUS", "19", "UKR"),
        "a penalty is no judgement": ("THA", "11", "VNM"),
        "another act between the one named and the judgement": ("IDN", "11", "IDN"),
    }[construction]
    assert wrong not in real(text), construction


def actors_of(text: str) -> list[tuple[str, str | None, str | None]]:
    art = ACTORS(make_article("Judul\n" + text + "\n"))
    return [(art.text[m.start : m.end], m.key, m.sector) for m in art.actors]


@pytest.mark.parametrize(
    ("text", "name", "key", "sector"),
    [
        ("Dua pengungsi asal Somalia tiba di bandara.", "pengungsi asal Somalia", "SOM", "REF"),
        ("Kemenhan Jepang menyatakan siaga.", "Kemenhan Jepang", "JPN", "MIL"),
        ("Negara-negara Asia Tenggara menyatakan sikap.", "Negara-negara Asia Tenggara", "ASN", None),
        ("Hizbullah menembakkan roket.", "Hizbullah", "LBN", "REB"),
        ("ISIS mengklaim serangan itu.", "ISIS", "SYR", "REB"),
        ("Kapolri Budi Santoso berbicara.", "Kapolri Budi Santoso", "IDN", "COP"),
        ("Menteri Koordinator Bidang Kemaritiman Luhut Binsar Pandjaitan berbicara.",
         "Menteri Koordinator Bidang Kemaritiman Luhut Binsar Pandjaitan", "IDN", "GOV"),
        ("Densus 88 Antiteror menangkap tiga orang.", "Densus 88 Antiteror", "IDN", "COP"),
        ("Duta Besar Pelucutan Senjata AS Robert Wood berbicara.",
         "Duta Besar Pelucutan Senjata AS Robert Wood", "USA", "GOV"),
        ("ISIS menyerang sebuah pos polisi di dekat Mosul, Irak.", "ISIS", "IRQ", "REB"),  # where it acts
        ("Pemimpin Al Qaeda tewas di Sanaa, Yaman.", "Pemimpin Al Qaeda", "YEM", "REB"),
        ("Pemimpin Al Qaeda menyerukan perang.", "Pemimpin Al Qaeda", "AFG", "REB"),  # placed nowhere: its base
    ],
)  # fmt: skip
def test_actors_at_scale(text, name, key, sector):
    got = {(n, k, s) for n, k, s in actors_of(text)}
    assert (name, key, sector) in got, got


def test_unknown_people_in_a_story_about_indonesia_are_indonesian_and_only_guessed():
    art = ACTORS(make_article(
        "Judul\nPolda Kalimantan Barat menerima laporan di Pontianak, Indonesia. "
        "Rudi Hartono melaporkan Sri Wahyuni ke polisi.\n"
    ))  # fmt: skip
    people = {art.text[m.start : m.end]: m for m in art.actors if m.kind == "person"}
    assert people["Rudi Hartono"].country == "IDN" and people["Rudi Hartono"].focus
    assert "Kalimantan Barat" not in people  # a place, not a person


def test_a_name_the_text_calls_one_is_a_person_even_with_an_initial():
    art = ACTORS(make_article(
        "Judul\nPolda Kalimantan Barat menyelidiki kebakaran kapal di Pontianak, Indonesia. "
        "Nakhoda kapal itu yang bernama A Rahman diperiksa polisi.\n"
    ))  # fmt: skip
    people = {art.text[m.start : m.end]: m for m in art.actors if m.kind == "person"}
    assert "A Rahman" in people and people["A Rahman"].country == "IDN"


def test_pihaknya_after_a_verb_of_saying_is_the_speaker_and_people_take_the_place_they_are_in():
    got = actors_of(
        "Konsul Jenderal RI di Osaka, Jepang, Rina Kusuma, mengatakan, pihaknya menggelar acara makan siang "
        "bersama dengan para pengusaha yang ada di Osaka."
    )
    assert ("pihaknya", "IDN", "GOV") in got
    assert ("pengusaha", "JPN", "BUS") in got
    assert ("IDN", "04", "JPN") in real(
        "Konsul Jenderal RI di Osaka, Jepang, Rina Kusuma, mengatakan, pihaknya menggelar acara makan siang "
        "bersama dengan para pengusaha yang ada di Osaka."
    )


def test_a_state_of_affairs_is_dated_by_its_start_and_stopping_payments_is_cutting_aid():
    held = records("Dua nelayan Vietnam yang ditahan otoritas Filipina sejak 3 Maret lalu akhirnya dibebaskan.")
    assert [(r.source.key, r.cameo, r.target.key, r.date) for r in held if r.cameo == "173"] == [
        ("PHL", "173", "VNM", "2018-03-03")
    ]
    stop = records("Kanada akan berhenti membayar iuran kepada PBB, kata Perdana Menteri Kanada pada Senin (12/3).")
    assert [(r.source.key, r.cameo[:2], r.target.key) for r in stop] == [("CAN", "13", "UNO")]  # a plan: a threat
