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
         "Presiden Joko Widodo mengatakan ASEAN, yang masih menghadapi kemiskinan, harus memperkuat kerja sama.",
         ("IDN", "02", "ASN")),
        ("a passive's agent right after the verb, in lowercase",
         "Dua mahasiswa Indonesia ditahan otoritas Mesir sejak pekan lalu.", ("EGY", "17", "IDN")),
        ("a mutual act's partner after 'dengan … dan'",
         "Israel terus melakukan pembicaraan dengan pihak keamanan dan pemerintah Yordania.", ("ISR", "04", "JOR")),
        ("a pronoun after a verb of saying is its subject",
         "Duta Besar Inggris Kim Darroch mengatakan ia telah menyampaikan keprihatinan kepada pejabat Amerika Serikat.",
         ("GBR", "11", "USA")),
        ("a detention without an agent: the state where it happened",
         "Dua pengungsi asal Irak ditahan di bandara internasional di New York.", ("USA", "17", "IRQ")),
        ("an attack by gunmen hits the state where it happens, as an assault",
         "Sekelompok pria bersenjata menyerang sebuah sekolah polisi di Quetta, Pakistan.", ("PAK", "18", "PAK")),
        ("people held by militants are hostages",
         "Hamas menahan dua tentara Israel.", ("PSE", "18", "ISR")),
        ("what a subject receives from another is the giver's act",
         "Indonesia mendapatkan penghargaan dari Perserikatan Bangsa-Bangsa.", ("UNO", "05", "IDN")),
        ("a meeting noun after 'setelah' is a meeting of the subject's two parties",
         "Trump dan Abe terbang ke Florida setelah rapat resmi di Gedung Putih.", ("USA", "04", "JPN")),
        ("a warning's addressee opens its agar clause",
         "Hamas memperingatkan agar Israel memenuhi tuntutan para tahanan.", ("PSE", "13", "ISR")),
        ("'negara tersebut' is the state named last",
         "Hamas memberi Israel waktu 24 jam dan memperingatkan negara tersebut.", ("PSE", "13", "ISR")),
        ("an enclitic object is the one just named",
         "Korea Utara kembali menembakkan rudal balistik. Jepang langsung mengecamnya.", ("JPN", "11", "PRK")),
        ("victims named before 'tewas dalam serangan X'",
         "Dua tentara Myanmar tewas dalam serangan militan Rohingya.", ("MMR", "19", "MMR")),
        ("a bare title is the last person named with it",
         "Presiden Joko Widodo tiba di Tokyo pada Selasa. Presiden kemudian bertemu Perdana Menteri Jepang.",
         ("IDN", "04", "JPN")),
        ("a role word after a noun describes it: the exercise is the two states'",
         "Korea Utara mengecam latihan militer Amerika Serikat.", ("PRK", "11", "USA")),
        ("a verb phrase after 'dan' keeps the subject and takes its own object",
         "Pemerintah Afghanistan mengutuk serangan itu dan menuduh Pakistan melindungi para penyerang.",
         ("AFG", "11", "PAK")),
        ("a body named after another state is that state's",
         "Kemenhan AS mengerahkan kapal perang ke Laut China Selatan dan mengecam Tiongkok.", ("USA", "11", "CHN")),
        ("a role followed by a named body takes its state",
         "Juru Bicara KPK Febri Diansyah mengecam Kejaksaan Agung Malaysia.", ("IDN", "11", "MYS")),
        ("a state named alone is its government against another sector of it",
         "Myanmar menolak gencatan senjata yang diumumkan oleh kelompok gerilyawan Arakan Rohingya Salvation Army.",
         ("MMR", "12", "MMR")),
        ("two sectors of one state: a domestic event",
         "Komisi Pemberantasan Korupsi memanggil Ketua DPR Setya Novanto sebagai saksi.", ("IDN", "09", "IDN")),
        ("what is refused entry to names who refused it",
         "Panglima TNI Gatot Nurmantyo ditolak masuk ke negeri Paman Sam.", ("USA", "17", "IDN")),
        ("a siege of ground named with who holds it",
         "Tentara Myanmar mengepung wilayah yang dikuasai Tentara Arakan.", ("MMR", "19", "MMR")),
        ("a role with '-nya' belongs to the sentence's subject",
         "Perdana Menteri Belgia Charles Michel menyesalkan keputusan duta besarnya untuk PBB.", ("BEL", "11", "BEL")),
        ("a judgement in reported speech judges the first one named, with what it did",
         "Menteri Luar Negeri Jepang mengatakan, tindakan Korea Utara meluncurkan rudal itu tidak bertanggung jawab.",
         ("JPN", "11", "PRK")),
        ("'Menurut X,' attributes a judgement",
         "Menurut Menteri Pertahanan Korea Selatan, klaim Korea Utara itu tidak berdasar.", ("KOR", "11", "PRK")),
        ("a judgement in quoted words, said after them",
         "“Rusia telah berbohong kepada dunia,” kata Presiden Ukraina Volodymyr Zelensky.", ("UKR", "11", "RUS")),
        ("a judgement of coordinated parties judges each",
         "Pemerintah China mengatakan upaya Taiwan dan Hong Kong memisahkan diri tidak akan pernah berhasil.",
         ("CHN", "11", "HKG")),
        ("condemning 'that bombing' targets the bomber, a domestic actor",
         "Seorang pelaku bom bunuh diri meledakkan diri di sebuah pasar, menewaskan 20 orang dan melukai 40 lainnya "
         "di pusat kota Kabul, Afghanistan. Pemerintah Afghanistan mengutuk pemboman tersebut.", ("AFG", "11", "AFG")),
        ("an attack's place named in a joined verb phrase",
         "Seorang pelaku bom bunuh diri menewaskan 20 orang dan melukai 40 lainnya di pusat kota Kabul, Afghanistan.",
         ("AFG", "18", "AFG")),
        ("an army's attack on places hits the state they lie in",
         "Tentara Myanmar melancarkan serangan udara ke sejumlah desa di utara Myanmar.", ("MMR", "19", "MMR")),
        ("an object pronoun in a pseudo-cleft is the one just named, of the same state",
         "Presiden Joko Widodo menandatangani peraturan itu. Yang pertama mengkritiknya adalah Ketua DPR Bambang "
         "Soesatyo.", ("IDN", "11", "IDN")),
        ("a protest named with who protests and where: aimed at that state",
         "Unjuk rasa buruh Indonesia di Malaysia menuntut kenaikan upah.", ("IDN", "14", "MYS")),
        ("a defendant's trial comes from the court it sits in",
         "Ketua DPR Setya Novanto menjalani sidang perdana kasus korupsi di Pengadilan Tipikor Jakarta.",
         ("IDN", "17", "IDN")),
        ("a trial abroad comes from the state it is held in",
         "Dua warga Indonesia menjalani sidang lanjutan di Malaysia.", ("MYS", "17", "IDN")),
        ("those done to, listed after 'terdiri dari', by whoever did it before",
         "Polisi Malaysia menangkap puluhan nelayan di Selat Malaka. Para nelayan yang ditangkap itu terdiri dari "
         "12 warga Indonesia dan 5 warga Thailand.", ("MYS", "17", "THA")),
        ("aid for people named without a state goes to the state they are in",
         "Pemerintah Jepang mengirim bantuan kemanusiaan untuk para pengungsi yang berada di Yordania.",
         ("JPN", "07", "JOR")),
        ("aid for people of a state goes to them",
         "Pemerintah Jepang mengirim bantuan kemanusiaan untuk para pengungsi Suriah yang berada di Yordania.",
         ("JPN", "07", "SYR")),
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
        ("an act only asked of another", "Hamas memperingatkan agar Israel membebaskan para tahanan."),
        ("an open question", "Pejabat itu belum tahu apakah Rusia akan menyerang Ukraina."),
        ("a plan under a later condition", "Polisi Malaysia akan menahan warga Indonesia itu jika dia kembali."),
        ("the purpose of what did not happen", "KBRI belum mendapat akses untuk bertemu dengan warga Indonesia."),
        ("a denied act", "Kremlin membantah menyerang Ukraina."),
        ("an alleged act", "Korea Selatan menuduh Korea Utara memasok senjata kepada Rusia."),
        ("support named only to describe", "Pasukan Suriah dan milisi yang didukung Iran menguasai kota itu."),
        ("the forces one deploys are no target", "Singapura mengerahkan kapal perang dan helikopter."),
        ("a capital naming an agreement", "Trump akan mempertimbangkan kembali pakta Paris."),
        ("the attribution after the words", "Rusia dan Korea Utara sepakat, kata Menteri Pertahanan Rusia."),
        ("where one comes from is no target", "Presiden Jepang menerima kunjungan dari Korea Selatan."),
        ("deals between companies",
         "Perusahaan Korea Selatan Samsung menjalin kerja sama dengan perusahaan Rusia Gazprom."),
        ("a penalty is no judgement",
         "Kepolisian Malaysia mengatakan warga Indonesia itu kini di bawah ancaman hukuman mati."),
        ("another act between the one named and the judgement",
         "Presiden Joko Widodo mengatakan Polri akan menindak tegas setiap pelanggaran hukum."),
        ("no one did it", "Kementerian itu menegaskan tidak ada tentara Rusia yang menyerang Ukraina."),
        ("an act only called for", "Hamas membatalkan seruan untuk menghancurkan Israel."),
        ("what one struggles to do", "Polisi Malaysia kesulitan untuk menangkap warga Indonesia itu."),
        ("what must happen to one, not what it must do",
         "Presiden Joko Widodo mengatakan Malaysia seharusnya tidak diundang."),
    ],
)  # fmt: skip
def test_coder_rules_no_event(construction, text):
    wrong = {
        "an act only asked of another": ("ISR", "08", "PSE"),
        "an open question": ("RUS", "19", "UKR"),
        "a plan under a later condition": ("MYS", "17", "IDN"),
        "the purpose of what did not happen": ("IDN", "04", "IDN"),
        "a denied act": ("RUS", "19", "UKR"),
        "an alleged act": ("PRK", "07", "RUS"),
        "support named only to describe": ("IRN", "05", "SYR"),
        "the forces one deploys are no target": ("SGP", "15", "SGP"),
        "a capital naming an agreement": ("USA", "01", "FRA"),
        "the attribution after the words": ("RUS", "03", "RUS"),
        "where one comes from is no target": ("JPN", "04", "KOR"),
        "deals between companies": ("KOR", "06", "RUS"),
        "what must happen to one, not what it must do": ("IDN", "02", "MYS"),
        "an act only called for": ("PSE", "17", "ISR"),
        "what one struggles to do": ("MYS", "17", "IDN"),
        "no one did it": ("RUS", "19", "UKR"),
        "a penalty is no judgement": ("MYS", "11", "IDN"),
        "another act between the one named and the judgement": ("IDN", "11", "IDN"),
    }[construction]
    assert wrong not in real(text), construction


def actors_of(text: str) -> list[tuple[str, str | None, str | None]]:
    art = ACTORS(make_article("Judul\n" + text + "\n"))
    return [(art.text[m.start : m.end], m.key, m.sector) for m in art.actors]


@pytest.mark.parametrize(
    ("text", "name", "key", "sector"),
    [
        ("Dua pengungsi asal Irak tiba di bandara.", "pengungsi asal Irak", "IRQ", "REF"),
        ("Kemenhan AS menyatakan siaga.", "Kemenhan AS", "USA", "MIL"),
        ("Negara-negara Asia Tenggara menyatakan sikap.", "Negara-negara Asia Tenggara", "ASN", None),
        ("Hizbullah menembakkan roket.", "Hizbullah", "LBN", "REB"),
        ("ISIS mengklaim serangan itu.", "ISIS", "SYR", "REB"),
        ("Kapolri Tito Karnavian berbicara.", "Kapolri Tito Karnavian", "IDN", "COP"),
        ("Menteri Koordinator Bidang Perekonomian Darmin Nasution berbicara.",
         "Menteri Koordinator Bidang Perekonomian Darmin Nasution", "IDN", "GOV"),
        ("Densus 88 Antiteror menangkap tiga orang.", "Densus 88 Antiteror", "IDN", "COP"),
        ("Duta Besar Pelucutan Senjata AS Robert Wood berbicara.",
         "Duta Besar Pelucutan Senjata AS Robert Wood", "USA", "GOV"),
        ("ISIS menyerang sebuah pos polisi di dekat Mosul, Irak.", "ISIS", "IRQ", "REB"),  # where it acts
        ("Pemimpin Al Qaeda tewas di Idlib, Suriah.", "Pemimpin Al Qaeda", "SYR", "REB"),
        ("Pemimpin Al Qaeda menyerukan perang.", "Pemimpin Al Qaeda", "AFG", "REB"),  # placed nowhere: its base
    ],
)  # fmt: skip
def test_actors_at_scale(text, name, key, sector):
    got = {(n, k, s) for n, k, s in actors_of(text)}
    assert (name, key, sector) in got, got


def test_unknown_people_in_a_story_about_indonesia_are_indonesian_and_only_guessed():
    art = ACTORS(make_article(
        "Judul\nPolda Sumatera Utara menerima laporan di Medan, Indonesia. "
        "Lamsiang Sitompul melaporkan Nunik Wulandari ke polisi.\n"
    ))  # fmt: skip
    people = {art.text[m.start : m.end]: m for m in art.actors if m.kind == "person"}
    assert people["Lamsiang Sitompul"].country == "IDN" and people["Lamsiang Sitompul"].focus
    assert "Sumatera Utara" not in people  # a place, not a person


def test_a_name_the_text_calls_one_is_a_person_even_with_an_initial():
    art = ACTORS(make_article(
        "Judul\nPolda Sumatera Utara menyelidiki kebakaran kapal di Medan, Indonesia. "
        "Nakhoda kapal itu yang bernama A Rahman diperiksa polisi.\n"
    ))  # fmt: skip
    people = {art.text[m.start : m.end]: m for m in art.actors if m.kind == "person"}
    assert "A Rahman" in people and people["A Rahman"].country == "IDN"


def test_pihaknya_after_a_verb_of_saying_is_the_speaker_and_people_take_the_place_they_are_in():
    got = actors_of(
        "Konsul Jenderal RI di Istanbul, Turki, Herry Sudradjat, mengatakan, pihaknya mengadakan acara makan "
        "bersama dengan para pengusaha yang ada di Istanbul."
    )
    assert ("pihaknya", "IDN", "GOV") in got
    assert ("pengusaha", "TUR", "BUS") in got
    assert ("IDN", "04", "TUR") in real(
        "Konsul Jenderal RI di Istanbul, Turki, Herry Sudradjat, mengatakan, pihaknya mengadakan acara makan "
        "bersama dengan para pengusaha yang ada di Istanbul."
    )
