"""Indonesian clause grammar: the events of an Indonesian article, CAMEO-coded, one sentence each.

The Indonesian pack's coder (:mod:`warta.lang.id`), called by the ``events`` stage
(:mod:`warta.stages.events`), which then folds reports of one act into one event. Reads
``lang/id/triggers.tsv`` (:mod:`warta.triggers`) and ``lang/id/offtopic.tsv``.

For each body sentence (never a title, never a dropped furniture line):

1. **Triggers** are found by their surface forms (:func:`warta.lang.id.morph.forms`), so one lexicon row
   "kunjung" covers mengunjungi, berkunjung, kunjungan, dikunjungi.
2. **Clauses**: the sentence is cut at bahwa, yang, untuk, ketika, jika, namun, … (never inside an
   actor mention). A leading adverbial ("Menurut …,", "Pada Jumat, 21 Juni 2024,") is set apart.
3. **Source**: the first actor of the trigger's clause that can be a subject (not after a
   preposition, not a genitive as in "isu nuklir Korea Utara"), with any actors coordinated with it
   ("X dan Y", "X, bersama dengan Y,"). A clause with no subject of its own (untuk, agar, a leading
   adverbial) takes the main clause's; a relative clause (yang) takes the noun before "yang".
   Passive forms (di-) take their source after "oleh" and their target from the subject.
4. **Target**: the first actor after the trigger in its clause; else, for a reference back to an
   agreement ("mengutuk perjanjian tersebut"), the parties of that agreement; else, for replies
   (target ``context`` in the lexicon), the last other party of the article.
5. **Mutual acts** (meetings, talks, agreements) with two parties — "X dan Y bertemu",
   "pertemuan antara X dan Y", "pertemuan puncak X-Y", "kedua negara" — are one symmetric event.
   A noun trigger ("pertemuan", "kunjungan", "sanksi") is an event only after a light verb
   ("mengadakan", "melakukan", "menjatuhkan") or with its parties ("antara X dan Y").
6. **Polarity and mood**: tidak/tak/belum/bukan before the trigger → ``negated``; akan/berencana/
   siap…, or an untuk-clause under undangan/sepakat/berkomitmen… → ``modality="intent"`` and the
   CAMEO intent code (04 → 036, 13 for conflictual acts); jika/apabila/seandainya earlier in the
   sentence → ``hypothetical``; kata/ujar/menurut → ``attribution``.
7. **Judgements**: "X menegaskan bahwa … [ancaman|pelanggaran] …" is X criticising (111) the first
   actor of the bahwa clause.
8. **Date**: the time expression of the trigger's clause, else of its sentence, else the last one
   earlier in its paragraph, else the story date (the day the lede states, when it agrees with the
   publication date), else the publication date.
No event is coded without both actors resolved to a state or an organisation.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from warta import dicts, ontology
from warta.article import ActorMention, Article, Event, TimeExpression
from warta.lexicon import data_path, read_tsv
from warta.stages.actors import IRREGULAR as _IRREGULAR
from warta.stages.actors import POSSESSED
from warta.stages.sentences import tokenize
from warta.triggers import Lexicon, TriggerRule, load_lexicon, normal_word

# -- words that steer the grammar ----------------------------------------------------------------
_CLAUSE_MARKERS = {
    "bahwa": "bahwa", "yang": "yang", "untuk": "untuk", "agar": "untuk", "supaya": "untuk", "guna": "untuk",
    "ketika": "sub", "saat": "sub", "setelah": "sub", "sebelum": "sub", "sejak": "sub", "sembari": "untuk",
    "sambil": "untuk", "karena": "sub", "sehingga": "sub", "jika": "sub", "apabila": "sub", "bila": "sub",
    "kalau": "sub", "seandainya": "sub", "namun": "main", "tetapi": "main", "sementara": "main",
    "sedangkan": "main", "padahal": "main", "meskipun": "sub", "walaupun": "sub", "meski": "sub", "walau": "sub",
    "kendati": "sub", "sekalipun": "sub", "apakah": "sub", "entah": "sub",
}  # fmt: skip
_PREPOSITIONS = frozenset(
    "di ke dari dengan terhadap kepada untuk antara atas bagi pada oleh mengenai tentang soal melawan tanpa "
    "sejak hingga seperti termasuk dalam oleh-oleh menuju".split()
)
_SUBJECT_OK_BEFORE = frozenset(
    "dan serta atau seorang para sang pihak sebuah sejumlah beberapa bahwa yang ketika saat karena namun tetapi "
    "sementara itu ini juga pun kemudian lalu sedangkan adapun sebelumnya akhirnya kini pula selanjutnya sehingga "
    "jika apabila bila kalau setelah sebelum bahkan sedang mantan "
    # quantities before a group: "Puluhan ribu demonstran Prancis", "sekelompok militan"
    "ribu ribuan ratus ratusan puluhan belasan juta jutaan sekelompok sekitar kurang lebih hampir "
    "seorang dua tiga empat lima enam tujuh delapan sembilan sepuluh eks kini pun".split()
)
_LIGHT_VERBS = frozenset(
    "mengadakan menggelar melakukan melangsungkan menyelenggarakan menyampaikan menyatakan mengungkapkan "
    "memberikan memberi menjatuhkan memberlakukan menjalin mengirim mengirimkan menyalurkan melancarkan "
    "meluncurkan melayangkan mengajukan menawarkan menandatangani menerapkan mengumumkan menggelontorkan "
    "menggalang menegaskan menunjukkan memulai melaksanakan melepas melepaskan memberangkatkan menyerahkan "
    "menyumbangkan mengeluarkan menjalankan menempuh mengenakan menyalakan mengucapkan".split()
)
_CLAUSE_HEAD = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:itu|ini|tersebut|merupakan|adalah|telah|sudah|akan|menjadi|bukan)\b"
)
_VERB_NEXT = re.compile(r"\s+(?:(?:telah|pernah|sudah|akan|ikut|turut)\s+)?(?:me[mny]?|meng|di|ber?|ter)[a-z]{3,}\b")
_MODAL = re.compile(
    r"\s+(?:(?:juga|pun|tetap|masih|pula)\s+)?(?:harus|perlu|wajib|mesti|hendaknya|sebaiknya|seharusnya|semestinya)\b"
    r"(?!\s+(?:diakui|dicatat|diketahui|dipahami|diingat)\b)"
)
_COMPLEMENT_OPENS = re.compile(r"\s*,?\s*(?:bahwa\s+)?(?:pihak\s+|pemerintah\s+)?")
_RELATIVE_ASIDE = re.compile(r"\s*,\s*yang\s+[^,]{3,80},")
_APPEAL = TriggerRule("harus", "020", "verb", None, "object", False, "modal")
"""What saying that another must act is: an appeal (CAMEO 020)."""
_AT_CITY = re.compile(r"\bdi\s+(?:(?:kota|ibu\s+kota|pusat\s+kota)\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})")
CITY_MIN_POPULATION = 200_000
"""A place named after "di" names a state only if it is a city this large (GeoNames population)."""
_RECEIVING = frozenset("mendapat mendapatkan menerima memperoleh menuai meraih dapat terima".split())
"""Verbs that receive an act: "mendapat dukungan dari", "menuai kecaman dari"."""
_LISTING = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:itu|tersebut)?\s*,?\s*(?:mencakup|meliputi|terdiri\s+(?:atas|dari)|termasuk|antara\s+lain)\s+"
)
_UNDERGOING = frozenset("menjalani menghadiri mengikuti".split())
"""Verbs of one who undergoes legal action: "menjalani sidang perdana"."""
_BACK_REFERENCE = re.compile(
    r"\s*(?:[,.;]|$|(?:\s*(?:semua|seluruh|segala|berbagai)\s+)?(?:[\w-]+\s+){1,3}?(?:tersebut|itu|ini|tadi)\b"
    r"|\s+(?:(?:keras|tegas|mentah-mentah)\s+)?(?:hal|pernyataan|tuduhan|tudingan|klaim|laporan|anggapan|kabar|isu"
    # what is always another party's: a proposal, a demand, an invitation
    r"|usulan|usul|proposal|tawaran|permintaan|tuntutan|desakan|ajakan|undangan|seruan|rencana|resolusi|keputusan"
    r"|kebijakan|ultimatum|kritik|kecaman)\b"
    r"|\s+(?:nya|hal\s+itu)\b)"
)
"""What names back something said or done by another: "tuduhan tersebut", "klaim itu", "usulan sanksi", or nothing."""
_DONE_TO_PEOPLE = ("17", "18", "19")
"""Roots whose passive may take any actor as its subject: "Dua pengungsi asal Irak ditahan …"."""
_IMPLICIT_AUTHORITY_ROOTS = ("17", "09")
"""Passives whose agent, when unnamed, is the authority of the place or of the story: "ditahan", "diperiksa"."""
_ALLEGING = frozenset(
    "menuduh menuding mendakwa membantah menyangkal menepis menampik menyanggah dituduh dituding didakwa".split()
)
"""Verbs whose complement is an allegation or a denial, not an act: "menuduh Rusia menyerang Ukraina"."""
_SAYING = frozenset("menyatakan menegaskan mengungkapkan menyampaikan mengumumkan menunjukkan".split())
_NEGATORS = frozenset("tidak tak belum bukan tanpa enggan menolak gagal sulit kesulitan susah".split())
_SKIP_BEFORE = frozenset("akan pernah juga lagi dapat bisa mau ingin sempat pun masih sudah telah segera".split())
_INTENT = frozenset(
    "akan bakal hendak berencana rencana ingin berniat bermaksud siap bersedia dijadwalkan diperkirakan diprediksi "
    "mempertimbangkan bertekad berjanji".split()
)
_INTENT_GOVERNORS = frozenset(
    "undangan rencana berencana niat berniat sepakat setuju berkomitmen komitmen siap ingin upaya berupaya "
    "berjanji bertekad mengajak rencananya kesepakatan bermaksud hendak mempertimbangkan berencana dipersiapkan "
    "disiapkan keinginan wacana gagasan".split()
)
_REQUEST_NOUNS = frozenset("seruan imbauan ajakan usulan usul permintaan tuntutan desakan perintah".split())
"""Nouns whose "untuk" clause is what is asked for, not what is done: "seruan untuk menghancurkan …"."""
_CONDITIONALS = frozenset("jika apabila bila kalau seandainya andaikan andai manakala".split())
_SPEECH_COMMA = re.compile(
    r"\b(?:mengatakan|menyatakan|mengungkapkan|menegaskan|menjelaskan|menyebutkan|menuturkan|mengungkap|"
    r"menyebut|menilai|mengklaim|melaporkan)\s*,"
)
_DIRECTIVES = frozenset(
    "meminta mendesak mengajak mendorong menyerukan mengimbau memperingatkan mengundang memerintahkan menekan "
    "menuntut membujuk menyuruh mengingatkan menantang menginstruksikan meminta".split()
)
_NOT_VERB_WORDS = frozenset(
    "bersama beserta berdasarkan berbagai menteri menlu mengenai menurut melalui menjelang menuju mendatang diri "
    "dirinya dengan demi depan dalam".split()
)
_BEFORE_NOUN = frozenset("sebuah suatu serangkaian berbagai beberapa lagi nota surat acara sesi rangkaian".split())
_NOT_PASSIVE = frozenset("dirinya diri dia dikenal diantaranya disini disana".split())
_PRIVATE_SECTORS = frozenset({"CVL", "EDU", "LAB", "BUS"})
_NOUN_COMPLEMENT_PREPS = frozenset("terhadap atas mengenai soal tentang".split())
_ADVERBS = frozenset(
    "keras tegas juga telah sudah akan secara sangat langsung pula kembali sekali segera terus lagi".split()
)


def _joined(words: list[str]) -> list[str]:
    """Words with "kerja sama" written as one ("kerjasama"), as the topic table lists it."""
    return " ".join(words).replace("kerja sama", "kerjasama").split()


def _noun_between(gap: str) -> bool:
    """Whether a noun phrase stands between a verb and a preposition ("menolak usulan sanksi baru terhadap")."""
    words = [w for w in re.findall(r"[^\W\d_]+", gap.casefold()) if w not in _ADVERBS | _NOUN_COMPLEMENT_PREPS]
    if any(re.match(r"(?:me[mny]?|ber?|di|ter)[a-z]{3,}", w) for w in words):
        return False  # "mengancam akan mengambil tindakan terhadap AS": a verb carries the target on
    return bool(words)


_SPEECH_CLAUSE = re.compile(
    r"\b(?:mengatakan|menyatakan|menyebutkan|mengungkapkan|menegaskan|menjelaskan|mengklaim|melaporkan)\s+"
    r"(?=[A-Z]|sekitar\b|sebanyak\b|\d)"
)
_DESTINATION_CODES = ("03", "04", "06", "07", "174", "166", "19", "18")
"""Codes whose target may be a destination ("berkunjung ke Moskow", "mengirim bantuan ke Gaza")."""
_TOPIC_CLASSES = {
    **dict.fromkeys("perjanjian kesepakatan pakta traktat deklarasi nota kesepahaman persetujuan".split(), "agreement"),
    **dict.fromkeys("pertemuan ktt pembicaraan dialog perundingan konsultasi kunjungan".split(), "meeting"),
    **dict.fromkeys("resolusi keputusan langkah".split(), "decision"),
    **dict.fromkeys("kerjasama hubungan".split(), "cooperation"),
    **dict.fromkeys(
        "peluncuran uji serangan penyerangan penembakan pemboman pengeboman ledakan pembunuhan penculikan "
        "penangkapan penahanan tindakan provokasi latihan manuver".split(),
        "action",
    ),
}
"""Nouns a later "… tersebut/itu/ini" may use for an act, by kind: "kesepakatan itu" = "perjanjian"."""
_ATTRIBUTION = re.compile(
    r"(?:\b(?:kata|ujar|ucap|tutur|jelas|tegas)(?:nya)?\s+(?P<a>[^,.;\"“”]{2,60}?)(?=\s*(?:[,.;]|kepada|pada|dalam|$)))"
    r"|(?:\b[Mm]enurut\s+(?P<b>[^,.;]{2,60}?)\s*,)"
)
_LEAD = re.compile(
    r"^\s*(?:(?:(?:[Dd]ilansir|[Dd]ikutip|[Ss]eperti\s+dilansir|[Ss]eperti\s+dikutip|[Mm]enurut|[Bb]erdasarkan|[Dd]alam|"
    r"[Pp]ada|[Ss]ebelum(?:nya)?|[Ss]etelah|[Ss]elain|[Ss]ejak|[Tt]ahun\s+lalu|[Bb]ulan\s+lalu|[Pp]ekan\s+lalu|"
    r"[Mm]elalui|[Ll]ewat|[Uu]sai|[Ss]eusai|[Mm]enanggapi|[Tt]erkait|[Mm]engenai|[Tt]erlepas\s+dari)\b[^,]*"
    # connectives are a lead only with their comma: "Namun, …" — "Namun Jepang, yang …" is the subject
    r"|(?:[Ss]ementara\s+itu|[Nn]amun|[Aa]kan\s+tetapi|[Ss]elain\s+itu|[Aa]kibatnya|[Tt]erlebih|[Bb]ahkan|[Aa]dapun))"
    r",\s*)+"
)
_SAID_TAG = re.compile(
    r"[,\"”]\s*[\"”]?\s*(?=(?:kata|ujar|ucap|tutur|jelas|tegas|imbuh|tambah|lanjut|beber|papar|sebut|terang|ungkap)"
    r"(?:nya)?\b)"
)
"""Where an attribution after the words reported begins: "…, kata Menteri Pertahanan Rusia"."""


def _agentive(m: ActorMention) -> bool:
    """Whether a mention right after a passive verb can be its agent: an authority, a state, a named
    person or body — not a group named as what the subject is ("ditangkap terduga penyelundup")."""
    return m.kind in ("person", "coref", "institution", "state", "capital", "seat", "igo") or m.sector in (
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "SPY",
        "LEG",
    )


_VICTIMS = re.compile(
    r"\b(?:tewas|terbunuh|meninggal(?:\s+dunia)?|terluka|luka-luka|cedera|menjadi\s+korban|dibunuh|ditembak)"
    r"\s+(?:\S+\s+){0,2}?(?:dalam|akibat|saat|ketika|oleh)\s+$"
)
_CONTINUING = re.compile(r"\s*(?:Selain\s+itu|Setelah\s+itu|Sesudah\s+itu|Usai\s+itu|Kemudian|Lalu|Lantas)\b")
"""Openers that continue the sentence before in time."""
_AND_VERB = re.compile(
    r"(?<=\s)(?:dan|serta|lalu|kemudian)\s+(?:(?:juga|kemudian|telah|sudah|akan|langsung|segera|lantas|pun|bahkan)\s+)*"
    r"(?=(?:me[mny]?|meng|di|ber?|ter|mem)[a-z]{3,}\b)"
)
_COORDINATION = re.compile(
    r"\s*(?:,\s*)?(?:dan|serta|bersama(?:\s+dengan)?|beserta|maupun|,|-|–)\s*(?:,\s*)?"
    r"(?:(?:para|sejumlah|beberapa|\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s+)?"
)
"""What joins coordinated actors: "X dan Y", "X bersama sembilan pemimpin …"."""
_INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "034",
                 "14": "133", "15": "130", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}  # fmt: skip


@dataclass(slots=True)
class _Tok:
    start: int  # offset in the sentence
    end: int
    word: str  # casefolded


@dataclass(slots=True)
class _Trig:
    rule: TriggerRule
    voice: str
    first: int  # token index
    last: int  # token index after the trigger
    start: int
    end: int


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    kind: str  # lead, main, bahwa, yang, untuk, sub
    marker_tok: int | None


def _family(code: str) -> str:
    """The CAMEO family of a code: an intent to meet (036) is of the meetings' (04)."""
    return "04" if code == "036" else code[:2]


def _intent_code(code: str) -> str:
    root = code[:2]
    return _INTENT_CODES.get(root, code)


class _SentenceCoder:
    """Codes one sentence; holds its tokens, clauses and actors."""

    def __init__(self, art: Article, si: int, lex: Lexicon, context: _ArticleContext) -> None:
        sent = art.sentences[si]
        self.art, self.si, self.lex, self.ctx = art, si, lex, context
        self.off = sent.start
        self.text = art.text[sent.start : sent.end]
        self.toks = [_Tok(a - self.off, b - self.off, normal_word(w)) for a, b, w in tokenize(self.text, self.off)]
        self.words = [t.word for t in self.toks]
        self.tok_ends = [t.end for t in self.toks]
        self.actors = [m for m in context.by_sentence.get(si, []) if m.kind != "place"]
        self.places = [m for m in context.by_sentence.get(si, []) if m.kind == "place"]
        self.lead_end = m.end() if (m := _LEAD.match(self.text)) else 0
        self.clauses = self._clauses()

    # -- structure --------------------------------------------------------------------------------
    def _in_actor(self, pos: int) -> bool:
        return any(m.start - self.off <= pos < m.end - self.off for m in self.ctx.by_sentence.get(self.si, []))

    def _clauses(self) -> list[_Clause]:
        cuts: list[tuple[int, str, int | None]] = []
        if self.lead_end:
            cuts.append((0, "lead", None))
        cuts.append((self.lead_end, "main", None))
        for k, t in enumerate(self.toks):
            kind = _CLAUSE_MARKERS.get(t.word)
            if kind is None or t.start < self.lead_end or self._in_actor(t.start):
                continue
            if t.word == "untuk" and k > 0 and self.words[k - 1] in ("duta", "besar", "dubes", "besarnya", "dubesnya"):
                continue
            if t.word == "sementara" and k + 1 < len(self.words) and self.words[k + 1] == "itu":
                continue
            cuts.append((t.start, kind, k))
        for m in re.finditer(r"[;:]", self.text):
            if m.start() > self.lead_end:
                cuts.append((m.start(), "main", None))
        for m in _SAID_TAG.finditer(self.text):  # "…, kata Menteri Pertahanan Rusia": the attribution
            if m.start() > self.lead_end:
                cuts.append((m.start(), "said", None))
        for m in _AND_VERB.finditer(self.text):  # "mengutuk pemboman itu dan menuduh Pakistan …": a second act
            if m.start() > self.lead_end and not self._in_actor(m.start()):
                cuts.append((m.start(), "and", None))
        for m in _SPEECH_COMMA.finditer(self.text):  # "UNHCR mengungkapkan, Jolie mengunjungi …": reported speech
            if m.end() > self.lead_end:
                cuts.append((m.end(), "bahwa", None))
        for m in _SPEECH_CLAUSE.finditer(self.text):  # "Zelensky mengatakan sekitar 10.000 tentara Korut …"
            if m.end() > self.lead_end and not self._in_actor(m.start()):
                cuts.append((m.end(), "bahwa", None))
        cuts.sort(key=lambda c: (c[0], c[2] if c[2] is not None else -1))
        out = []
        for n, (a, kind, tok) in enumerate(cuts):
            b = cuts[n + 1][0] if n + 1 < len(cuts) else len(self.text)
            out.append(_Clause(a, b, kind, tok))
        return out

    def clause_of(self, pos: int) -> _Clause:
        for c in self.clauses:
            if c.start <= pos < c.end:
                return c
        return self.clauses[-1]

    def _word_before(self, pos: int) -> str | None:
        """The word just before ``pos`` (``"<p>"`` for punctuation), or None at the start."""
        k = bisect.bisect_right(self.tok_ends, pos)
        if k == 0:
            return None
        t = self.toks[k - 1]
        return t.word if t.word.isalpha() or ("-" in t.word and any(c.isalpha() for c in t.word)) else "<p>"

    def _eligible_subject(self, m: ActorMention) -> bool:
        pos = m.start - self.off
        w = self._word_before(pos)
        if w is None or w == "<p>":
            return True
        if w in _PREPOSITIONS:
            return False
        if re.fullmatch(r"di[a-z]{4,}", w) and w not in _NOT_PASSIVE:
            return True  # "disampaikan Menlu Cho": the agent of a passive without "oleh"
        k = bisect.bisect_right(self.tok_ends, pos) - 1
        capitalised = self.text[self.toks[k].start : self.toks[k].start + 1].isupper()
        # a capitalised word before is part of a title or a name ("Eks Duta Besar", "Wakil Ketua DPR")
        return w in _SUBJECT_OK_BEFORE or w in _CLAUSE_MARKERS or capitalised

    def _coordinated(self, first: ActorMention, limit: int) -> list[ActorMention]:
        out = [first]
        for m in self.actors:
            if m.start <= out[-1].start or m.start - self.off >= limit:
                continue
            gap = self.text[out[-1].end - self.off : m.start - self.off]
            if _COORDINATION.fullmatch(gap):
                out.append(m)
            else:
                break
        return out

    def main_subject(self) -> list[ActorMention]:
        main = next((c for c in self.clauses if c.kind == "main"), self.clauses[0])
        return self.subject_in(main, None, frozenset({self.clauses.index(main)}))

    def subject_in(self, clause: _Clause, trig: _Trig | None, seen: frozenset[int] = frozenset()) -> list[ActorMention]:
        """The subject of ``clause`` (before ``trig``), inherited from an earlier clause when it has none."""
        idx = self.clauses.index(clause)
        seen = seen | {idx}
        limit = trig.start if trig else clause.end
        prev = self.clauses[idx - 1] if idx > 0 else None
        if clause.kind == "yang" and clause.marker_tok is not None:
            marker = self.toks[clause.marker_tok].start
            before = [m for m in self.actors if m.end - self.off <= marker]
            if before and re.fullmatch(
                r"[\s,]*(?:\w+\s+lalu\s*,?\s*|\([^)]{0,20}\)\s*)?", self.text[before[-1].end - self.off : marker]
            ):
                return [before[-1]]
            named = re.match(r"yang\s+(?:bernama|berinisial)\s+", self.text[marker : clause.end])
            if named is not None:  # "nakhoda kapal yang bernama A Rahman telah ditetapkan …": the one named
                return [a for a in self.actors if a.start - self.off == marker + named.end()][:1]
            cleft = re.search(r"\b(?:adalah|ialah)\s+", self.text[marker : clause.end])
            if cleft is not None:  # "Yang pertama mengecamnya adalah Jepang": the one after "adalah"
                at = marker + cleft.end()
                return [a for a in self.actors if a.start - self.off == at][:1]
            return []  # "kota yang diminta …": the relative clause is about a noun that is no actor
        cands = [
            m for m in self.actors
            if clause.start <= m.start - self.off < limit
            and (self._eligible_subject(m) or not self.text[clause.start : m.start - self.off].strip())
        ]  # fmt: skip
        if cands:
            first = self._coordinated(cands[0], limit)
            rest = [m for m in self.actors if first[-1].end <= m.start and m.start - self.off < limit]
            if trig is not None and rest and self._object_subject(rest[-1], trig):
                return [rest[-1]]  # "Ukraina menuduh Korea Utara memasok amunisi": Korea Utara supplies
            return first
        if clause.kind == "bahwa":
            return []
        if clause.kind == "lead":
            main = next((c for c in self.clauses if c.kind == "main"), None)
            if main is not None and self.clauses.index(main) not in seen:
                return self.subject_in(main, None, seen)
            return []
        if clause.kind == "and" and prev is not None and prev.kind in ("yang", "sub", "untuk"):
            # "X memberi Vietnam waktu untuk … yang ditahan, dan memperingatkan …": the verb X governs
            back = idx - 1
            while back > 0 and self.clauses[back].kind in ("yang", "sub", "untuk"):
                back -= 1
            if back not in seen and self.clauses[back].kind != "lead":
                return self.subject_in(self.clauses[back], None, seen)
        if (
            prev is not None
            and prev.kind != "lead"
            and idx - 1 not in seen
            and (prev.kind != "bahwa" or clause.kind in ("untuk", "sub", "and"))
            and not (clause.kind == "main" and prev.kind in ("yang", "sub"))  # "…, tetapi pelaku menyerang"
        ):
            if clause.kind == "untuk" and (obj := self._directed_object(prev, clause)) is not None:
                return [obj]  # "mendesak Rusia untuk menarik pasukan": Rusia is to withdraw
            return self.subject_in(prev, None, seen)
        return []

    def _directed_object(self, prev: _Clause, clause: _Clause) -> ActorMention | None:
        """The actor a directive verb ("meminta", "mendesak", "mengundang" …) names just before "untuk"."""
        toks = [k for k, tk in enumerate(self.toks) if prev.start <= tk.start < clause.start]
        verbs = [k for k in toks if self.words[k] in _DIRECTIVES]
        if not verbs:
            return None
        after = [a for a in self.actors if self.toks[verbs[-1]].end <= a.start - self.off < clause.start]
        if not after or not re.fullmatch(r"\s*", self.text[after[-1].end - self.off : clause.start]):
            return None
        return after[-1]

    def _directive_at(self, clause: _Clause) -> bool:
        """Whether a directive verb stands right before the clause's marker: "memperingatkan agar Israel …"."""
        k = clause.marker_tok
        return k is not None and k > 0 and self.words[k - 1] in _DIRECTIVES

    def _object_subject(self, m: ActorMention, trig: _Trig) -> bool:
        """Whether ``m`` is the object of a verb and, at once, the subject of ``trig``: "menuduh Korea Utara
        memasok" — a verb right before it, nothing but auxiliaries between it and the trigger."""
        before = self.text[: m.start - self.off]
        verb = re.search(r"\b((?:me[mny]?|di)[a-z]{3,})\s+$", before)
        if verb is None or verb.group(1) in _NOT_VERB_WORDS:
            return False
        between = self.text[m.end - self.off : trig.start]
        return bool(
            re.fullmatch(
                r"\s*(?:(?:telah|akan|sudah|juga|terus|bersedia|siap|ingin|diam-diam|secara\s+\w+)\s+)*", between
            )
        )

    def _clause_before(self, clause: _Clause) -> _Clause | None:
        idx = self.clauses.index(clause)
        return self.clauses[idx - 1] if idx > 0 else None

    # -- triggers ---------------------------------------------------------------------------------
    def triggers(self) -> list[_Trig]:
        """Trigger matches; where several rules share the longest match, the first whose object fits."""
        out: list[_Trig] = []
        i = 0
        while i < len(self.toks):
            hits = self.lex.matches(self.words, i)
            if not hits or self._in_actor(self.toks[i].start):
                i += 1
                continue
            last = i + hits[0][2]
            start, end = self.toks[i].start, self.toks[last - 1].end
            clause = self.clause_of(start)
            after, before = self.text[end : clause.end], " " + self.text[clause.start : start]
            hits = [h for h in hits if h[0].subject_re is None or h[0].subject_re.search(before)] or hits
            chosen = next(
                (
                    h
                    for h in hits
                    if (h[0].object_re is None or h[0].object_re.search(after))
                    and (h[0].subject_re is None or h[0].subject_re.search(before))
                ),
                # a passive names its object before the verb: "Duta Besar Rusia dipanggil oleh …"; for acts
                # done to people ("ditahan", "diserang") any actor as the subject will do
                next(
                    (
                        h
                        for h in hits
                        if h[1] == "passive"
                        and (
                            _object_before(h[0], before)
                            or (h[0].code[:2] in _DONE_TO_PEOPLE and self._actor_before(start))
                        )
                    ),
                    hits[0],
                ),
            )
            out.append(_Trig(chosen[0], chosen[1], i, last, start, end))
            i = last
        return out

    def _actor_before(self, pos: int) -> bool:
        """Whether an actor stands in the clause before ``pos`` (a passive's subject)."""
        clause = self.clause_of(pos)
        return any(clause.start <= a.start - self.off < pos for a in self.actors)

    def _is_noun(self, t: _Trig) -> bool:
        return t.rule.frame == "noun" or t.voice == "noun"

    def _after(self, t: _Trig, clause: _Clause) -> str:
        return self.text[t.end : clause.end]

    # -- parties, sources, targets ----------------------------------------------------------------
    def parties(self, t: _Trig) -> tuple[ActorMention, ActorMention] | None:
        """ "antara X dan Y", "X-Y" or "antara kedua negara" right after a trigger."""
        window = self.text[t.end : t.end + 60]
        m = re.match(r"^\s+(?:[\w-]+\s+){0,4}?antara\s+", window)
        after = [a for a in self.actors if a.start - self.off >= t.end]
        if m:
            pos = t.end + m.end()
            first = next((a for a in after if a.start - self.off >= pos - 1), None)
            if first is not None and first.start - self.off - pos <= 2:
                if first.kind == "group" and first.other:
                    return first, _other_of(first)
                rest = [a for a in after if a.start > first.start]
                if rest and re.fullmatch(
                    r"\s*(?:dan|,|-|–|dengan)\s*", self.text[first.end - self.off : rest[0].start - self.off]
                ):
                    return first, rest[0]
        if after and re.fullmatch(r"\s+(?:[\w]+\s+){0,2}", self.text[t.end : after[0].start - self.off]):
            first = after[0]
            if True:
                rest = [a for a in after if a.start > first.start]
                if rest and re.fullmatch(r"\s*[-–]\s*", self.text[first.end - self.off : rest[0].start - self.off]):
                    return first, rest[0]
        return None

    def target_after(self, t: _Trig, clause: _Clause, sources: list[ActorMention]) -> list[ActorMention]:
        """The target: an agreement or meeting named again right after the trigger ("mengecam kesepakatan
        itu"), else the first actor after it in the clause, with any actor coordinated with it."""
        if topic := self.topic_target(t, clause, sources):
            return topic
        src_keys = {s.key for s in sources} | {s.other for s in sources if s.other}
        for a in self.actors:
            pos = a.start - self.off
            if pos < t.end or pos >= clause.end:
                continue
            if re.search(r"[”\"]", self.text[t.end : pos].lstrip()[1:]):
                break  # "… menempuh jalur dialog,” demikian isi pernyataan …": past the quotation's end
            if a.key in src_keys and not _domestic(a, sources, t.rule.code):
                continue
            before = self._word_before(pos)
            if before in ("ke", "menuju") and not t.rule.code.startswith(_DESTINATION_CODES):
                continue  # "menangkap pengungsi … ke Myanmar": a destination, not the one arrested
            if before == "dari" or (before == "di" and not (t.rule.mutual or t.rule.code[:2] in ("04",))):
                continue  # "di Kedutaan Besar Kanada": where, not whom; "kedatangan Rizieq dari Arab Saudi": whence
            if t.rule.code[:2] == "15" and before not in ("ke", "terhadap", "melawan", "menuju", "dekat"):
                continue  # "mengerahkan kapal perang": the forces deployed are the source's own
            if (
                t.rule.object_re is not None
                and t.rule.code[:2] in ("06", "07")
                and before not in ("ke", "kepada", "untuk", "bagi", "dengan", "terhadap", "menuju")
            ):
                continue  # "mengirim 1.500 tentara pasukan khusus ke Rusia": what is sent is no target
            if t.rule.mutual and pos > t.end + 1 and not _partner_gap(self.text[t.end : pos]):
                continue  # "membahas kerja sama … Korea Utara": a topic; a partner comes with "dengan"
            if (
                not self._is_noun(t)
                and self._word_before(pos) in _NOUN_COMPLEMENT_PREPS
                and _noun_between(self.text[t.end : pos])
            ):
                continue  # "menolak usulan sanksi terhadap Korea Utara": the sanctions', not the rejection's
            if a.kind == "group" and pos <= t.end + 1 and self._is_noun(t):
                continue  # "dukungan mereka kepada Madrid": a possessive, not the target
            if a.kind == "group":
                return [a]
            return [m for m in self._coordinated(a, clause.end) if m.key not in src_keys or m is a]
        # a criticism of something "yang dilakukan Korea Utara": the doer is the target; so is whoever
        # holds the ground attacked ("mengepung wilayah yang dikendalikan FSA")
        later = [c for c in self.clauses if c.start >= clause.end]
        held = (
            t.rule.code[:2] in ("17", "18", "19", "20")
            and _TERRITORY.search(self.text[t.end : clause.end])
            and later
            and _HELD_BY.match(self.text[later[0].start : later[0].end])
        )
        if t.rule.code[:2] in ("10", "11", "12", "13") or held:
            if later and later[0].kind == "yang" and not re.search(r"[”\"]", self.text[t.end : later[0].start]):
                for a in self.actors:
                    if later[0].start <= a.start - self.off < later[0].end and (
                        a.key not in src_keys or _domestic(a, sources, t.rule.code)
                    ):
                        return [a]
        return []

    def topic_target(self, t: _Trig, clause: _Clause, sources: list[ActorMention]) -> list[ActorMention]:
        """A reference back to an agreement or a meeting: "mengutuk perjanjian tersebut" → its parties."""
        m = re.match(r"^\s+((?:[\w-]+\s+){1,3}?)(?:tersebut|itu|ini)\b", self._after(t, clause))
        if not m:
            return []
        src_keys = {s.key for s in sources} | {s.other for s in sources if s.other}
        kinds = {_TOPIC_CLASSES[w] for w in _joined(m.group(1).casefold().split()) if w in _TOPIC_CLASSES}
        for kind, pair in reversed(self.ctx.topics):
            if kind in kinds:
                # "mengutuk serangan itu": the one who attacked, not the victim; "perjanjian itu": both parties
                named = pair[:1] if kind == "action" else pair
                found = [p for p in named if p.key not in src_keys or _domestic(p, sources, t.rule.code)]
                if found or kind != "action":
                    return found  # an act of the source's own is passed over: "membalas serangan tersebut"
        return []

    def context_target(self, sources: list[ActorMention], domestic: bool = False) -> list[ActorMention]:
        """The other party of a reply: the previous sentence's subject, else its last other actor (of
        another state, or with ``domestic`` — an object pronoun, "memprotesnya" — another actor of its own)."""
        keys = {s.key for s in sources}

        def other(m: ActorMention) -> bool:
            return bool(m.key) and (m.key not in keys or (domestic and _domestic(m, sources)))

        if self.si > 0 and self.ctx.by_sentence.get(self.si - 1):
            prev = _SentenceCoder(self.art, self.si - 1, self.lex, self.ctx).main_subject()
            prev = [m for m in _expand(prev) if other(m)]
            if prev:
                return prev[:1]
        for m in reversed([m for m in self.ctx.before(self.si) if m.sentence == self.si - 1]):
            if other(m) and m.kind != "place":
                return [m]
        return []

    # -- mood -------------------------------------------------------------------------------------
    def negated(self, t: _Trig, clause: _Clause) -> bool:
        if re.search(r"\b(?:tidak|tak)\s+ada\s+(?:[\w-]+\s+){0,3}yang\s+(?:[\w-]+\s+)?$", self.text[: t.start]):
            return True  # "tak ada anggota DPR yang mengancamnya": no one did
        if clause.kind == "untuk" and clause.marker_tok is not None and t.first - clause.marker_tok <= 2:
            # "belum mendapat akses untuk bertemu dengan …": the purpose of what did not happen
            prev = self._clause_before(clause)
            if prev is not None and any(
                w in ("tidak", "tak", "belum", "bukan", "gagal", "batal", "urung", "sulit", "kesulitan", "susah")
                for w in self._words_in(prev)
            ):
                return True
        k = t.first - 1
        steps = 0
        while k >= 0 and steps < 4 and self.toks[k].start >= clause.start:
            w = self.words[k]
            if w in _NEGATORS and not (w == "menolak" and t.rule.code.startswith("12")):
                return True
            if w not in _SKIP_BEFORE:
                steps += 1
            k -= 1
        return False

    def _words_in(self, clause: _Clause) -> list[str]:
        return [w for tk, w in zip(self.toks, self.words, strict=True) if clause.start <= tk.start < clause.end]

    def _governing(self, clause: _Clause) -> _Clause:
        """The clause a coordinated verb phrase ("… dan menghentikan …") continues: its mood is that one's."""
        idx = self.clauses.index(clause)
        while idx > 0 and self.clauses[idx].kind == "and":
            idx -= 1
        return self.clauses[idx]

    def intent(self, t: _Trig, clause: _Clause) -> bool:
        if clause.kind == "and" and (gov := self._governing(clause)) is not clause:
            first = next((k for k, tk in enumerate(self.toks) if tk.start >= gov.start), t.first)
            last = max(first, next((k for k, tk in enumerate(self.toks) if tk.start >= gov.end), t.first) - 1)
            probe = _Trig(t.rule, t.voice, last, last + 1, self.toks[last].start, self.toks[last].end)
            if self.intent(probe, gov):
                return True
        for k in range(t.first - 1, -1, -1):
            if self.toks[k].start < clause.start:
                break
            w = self.words[k]
            if w in _INTENT and not (w == "akan" and k + 1 < len(self.words) and self.words[k + 1] == "tetapi"):
                return True
        if clause.kind == "untuk" and clause.marker_tok is not None and t.first - clause.marker_tok <= 3:
            prev = self._clause_before(clause)
            if prev is not None:
                span = [w for tk, w in zip(self.toks, self.words, strict=True) if prev.start <= tk.start < prev.end]
                if any(w in _INTENT_GOVERNORS for w in span[-6:]):
                    return True
        return False

    def hypothetical(self, t: _Trig, clause: _Clause | None = None) -> bool:
        """A question, a condition before the trigger, an act only requested ("meminta X untuk menyerang"),
        or an act only alleged or denied ("menuduh Rusia menyerang", "membantah menerima suap")."""
        if self.text.rstrip().endswith("?"):
            return True
        if self._alleged(t):
            return True
        if clause is not None and clause.kind == "and" and (gov := self._governing(clause)) is not clause:
            return self.hypothetical(t, gov)
        if clause is not None and clause.kind == "untuk":
            prev = self._clause_before(clause)
            if prev is not None and (self._directed_object(prev, clause) is not None or self._directive_at(clause)):
                return True
            if prev is not None and set(self._words_in(prev)[-3:]) & _REQUEST_NOUNS:
                return True  # "mencabut seruan untuk memboikot Jepang": an act only called for
        marker = self.words[clause.marker_tok] if clause is not None and clause.marker_tok is not None else None
        if clause is not None and clause.kind == "untuk":
            prev = self._clause_before(clause)
            if marker in ("agar", "supaya") or (prev is not None and prev.kind == "untuk"):
                return True  # "supaya memberikan izin …", "… untuk berunding": an outcome sought
        if marker in ("apakah", "entah"):
            return True  # "berandai-andai apakah penyidik akan menahan …": an open question
        if clause is not None and "akan" in self.words[max(0, t.first - 3) : t.first]:
            later = [c for c in self.clauses if c.start >= clause.end]
            if later and later[0].marker_tok is not None and self.words[later[0].marker_tok] in _CONDITIONALS:
                return True  # "akan menahan … jika lusa tidak hadir": only if
        return any(w in _CONDITIONALS for w in self.words[: t.first])

    def _alleged(self, t: _Trig) -> bool:
        """Whether the trigger stands in the complement of a verb of alleging or denying, within a few
        words and with no new main clause between."""
        for k in range(t.first - 1, max(-1, t.first - 14), -1):
            w = self.words[k]
            if w in (";", ".") or _CLAUSE_MARKERS.get(w) == "main":
                return False
            if w in _ALLEGING:
                return True
        return False

    def attribution(self) -> str | None:
        m = _ATTRIBUTION.search(self.text)
        return (m.group("a") or m.group("b")).strip() if m else None

    def location(self, clause: _Clause) -> tuple[str, tuple[int, int]] | None:
        for p in self.places:
            if clause.start <= p.start - self.off < clause.end:
                return p.name, (p.start, p.end)
        for p in self.places:
            return p.name, (p.start, p.end)
        m = re.search(r"\bdi\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})", self.text)
        if m and not self._in_actor(m.start(1)):
            from warta.places import lookup

            if lookup(m.group(1)) is not None:
                return m.group(1), (self.off + m.start(1), self.off + m.end(1))
        return None

    # -- the coder --------------------------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        trigs = self.triggers()
        speech = [t for t in trigs if t.rule.frame == "speech"]
        for t in trigs:
            rule = t.rule
            if rule.frame == "speech":
                continue
            clause = self.clause_of(t.start)
            if rule.object_re is not None and not rule.object_re.search(self._after(t, self._with_purpose(clause))):
                # a passive names its object before the verb: "Duta Besar Rusia dipanggil oleh …"
                before = " " + self.text[clause.start : t.start]
                if t.voice != "passive" or not (
                    _object_before(rule, before) or (rule.code[:2] in _DONE_TO_PEOPLE and self._actor_before(t.start))
                ):
                    continue
            pairs: list[tuple[ActorMention, ActorMention, bool]] = []
            how = rule.frame
            if rule.frame == "evaluation":
                pairs = self._evaluation(t, clause, speech, trigs)
                how = "evaluation"
            elif rule.frame == "parties":
                p = self._parties_object(t, clause)
                if p:
                    pairs = [(p[0], p[1], True)]
                    how = "parties"
            else:
                p = self.parties(t) if rule.mutual else None
                if p is not None:
                    pairs = [(p[0], p[1], rule.mutual or True)]
                    how = "antara"
                    for kind in self._topic_nouns(t):
                        self.ctx.topics.append((kind, p))
                elif self._is_noun(t) and (received := self._received(t, clause)) is not None:
                    pairs, how = received, "received"
                elif self._is_noun(t) and not self._after_light_verb(t):
                    pair = self._genitive(t, clause)
                    if pair is None and rule.mutual:
                        pair = self._noun_with(t, clause)
                    if pair is None:
                        continue
                    pairs, how = [(pair[0], pair[1], rule.mutual)], "genitive"
                else:
                    pairs, how = self._verb_pairs(t, clause)
            if not pairs and rule.code[:2] == "14" and (protest := self._protest_where(t, clause)) is not None:
                pairs, how = [(protest[0], protest[1], False)], "protest-place"
            if not pairs:
                continue
            if self._purpose_of_same_act(t, clause, trigs):
                continue  # "memanggil Duta Besar … untuk memprotes …": the protest is the summons
            if rule.mutual and how in ("mutual-subject", "verb", "reciprocal"):
                for src, tgt, _sym in pairs[:1]:
                    for noun in self._topic_nouns(t):
                        self.ctx.topics.append((noun, (src, tgt)))
            elif rule.code[:2] in ("17", "18", "19", "20"):
                for src, tgt, _sym in pairs[:1]:  # "mengutuk serangan itu": the attack and its parties
                    self.ctx.topics.append(("action", (src, tgt)))
            elif rule.code[:2] in ("10", "11", "12", "13") and not self._is_noun(t):
                # "mengecam peluncuran rudal … Korea Utara": a later "uji coba tersebut" is the target's act
                after = _joined(self.words[t.last : t.last + 3])
                for kind in {_TOPIC_CLASSES[w] for w in after if w in _TOPIC_CLASSES} - {"agreement", "meeting"}:
                    for _src, tgt, _sym in pairs[:1]:
                        self.ctx.topics.append((kind, (tgt, tgt)))
            events.extend(self._emit(t, clause, pairs, how))
        for t, clause, pairs in self._modal_appeals(speech):
            events.extend(self._emit(t, clause, pairs, "modal"))
        return events

    def _emit(
        self, t: _Trig, clause: _Clause, pairs: list[tuple[ActorMention, ActorMention, bool]], how: str
    ) -> list[Event]:
        """The events of one trigger and its actor pairs, with mood, date, place and attribution."""
        rule = t.rule
        code = rule.code
        intent = self.intent(t, clause)
        if intent:
            code = _intent_code(code)
        date = self.ctx.date_for(self, t, clause, intent)
        loc = self.location(clause)
        out = []
        for src, tgt, sym in pairs:
            if src.key is None or tgt.key is None or (src.key == tgt.key and not _domestic(tgt, [src], code)):
                continue
            if sym and src.start == tgt.start and self._first_named(tgt) < self._first_named(src):
                src, tgt = tgt, src  # the two of "kedua pemimpin" in the order the story first names them
            if _family(code) == "04" and src.sector in _PRIVATE_SECTORS and not sym:
                continue  # citizens, tourists or students visiting are not a state's visit
            if src.sector == "BUS" and tgt.sector == "BUS":
                continue  # talks or deals between companies are business, not politics
            out.append(
                Event(
                    sentence=self.si, source=src, target=tgt, cameo=_by_force(code, src, tgt),
                    trigger=(self.off + t.start, self.off + t.end),
                    trigger_text=self.text[t.start : t.end], rule=f"{how}:{rule.where}", symmetric=sym,
                    negated=self.negated(t, clause), hypothetical=self.hypothetical(t, clause),
                    modality="intent" if intent else None, attribution=self.attribution(),
                    date=date[0] if date else None, precision=date[1] if date else None,
                    date_span=date[2] if date else None, date_rule=date[3] if date else None,
                    location=loc[0] if loc else None, location_span=loc[1] if loc else None,
                    mentions=(self.si,),
                )
            )  # fmt: skip
        return out

    def _first_named(self, m: ActorMention) -> int:
        at = self.art.text.find(m.name)
        return at if at >= 0 else len(self.art.text)

    def _modal_appeals(
        self, speech: list[_Trig]
    ) -> list[tuple[_Trig, _Clause, list[tuple[ActorMention, ActorMention, bool]]]]:
        """ "Somchai mengatakan Vietnam … harus menjamin …": saying what another must do is an appeal (020).

        The complement's subject follows the verb of saying (after "bahwa" or a comma) and a modal
        of obligation follows it: harus, perlu, wajib, mesti, hendaknya, sebaiknya, seharusnya.
        """
        out = []
        for sp in speech:
            sources = _expand(self.subject_in(self.clause_of(sp.start), sp))
            after = [a for a in self.actors if a.start - self.off >= sp.end]
            if not sources or not after:
                continue
            subject = after[0]
            if not _COMPLEMENT_OPENS.fullmatch(self.text[sp.end : subject.start - self.off]):
                continue
            at = subject.end - self.off
            if not _MODAL.match(self.text, at) and (rel := _RELATIVE_ASIDE.match(self.text, at)):
                at = rel.end()  # "Vietnam, yang masih dilanda banjir …, harus menjamin": past a relative clause
            if (modal := _MODAL.match(self.text, at)) is None:
                continue
            if re.match(r"\s+(?:tidak\s+|tak\s+|segera\s+)?di[a-z]{3,}", self.text[modal.end() :]):
                continue  # "Menkumham seharusnya tidak diisi oleh …": what happens to it, not what it must do
            k = min(bisect.bisect_left(self.tok_ends, modal.end()), len(self.toks) - 1)
            trig = _Trig(_APPEAL, "active", k, k + 1, self.toks[k].start, self.toks[k].end)
            targets = _expand([subject])
            pairs = [(s, t, False) for s in sources for t in targets if s.key != t.key or _domestic(t, [s])]
            if pairs:
                out.append((trig, self.clause_of(trig.start), pairs))
        return out

    def _genitive(self, t: _Trig, clause: _Clause) -> tuple[ActorMention, ActorMention] | None:
        """ "serangan Israel terhadap konsulat Iran", "penggeledahan jaksa terhadap …": a noun with its agent
        and its object (investigations and conflictual acts)."""
        if t.rule.code[:2] < "09":
            return None
        end = clause.end
        nxt = [c for c in self.clauses if c.start == clause.end]
        if nxt and nxt[0].kind == "yang" and re.match(r"yang\s+(?:di[a-z]{3,}|milik)\s", self.text[nxt[0].start :]):
            end = nxt[0].end  # "terhadap rumah yang ditempati Gubernur Riau": the object's owner, in its own clause
        after = [a for a in self.actors if t.end <= a.start - self.off < end]
        if after and re.fullmatch(r"\s+", self.text[t.end : after[0].start - self.off]) and t.rule.code[:2] >= "18":
            # "Tiga polisi tewas dalam serangan kelompok bersenjata Abu Sayyaf": the victims are the attack's object
            victims = _VICTIMS.search(self.text[clause.start : t.start])
            if victims:  # the victims are named right before "tewas/terbunuh …"
                at = clause.start + victims.start()
                near = [
                    a
                    for a in self.actors
                    if a.end - self.off <= at and re.fullmatch(r"\s*", self.text[a.end - self.off : at])
                ]
                for v in _expand(near[-1:]):  # "Mereka": the people it stands for
                    if v.key != after[0].key or _domestic(v, [after[0]]):
                        return after[0], v
        if len(after) < 2 or not re.fullmatch(r"\s+", self.text[t.end : after[0].start - self.off]):
            return None
        gap = self.text[after[0].end - self.off : after[1].start - self.off]
        if not re.fullmatch(
            r"\s+(?:terhadap|atas|ke|kepada|melawan)\s+(?:[a-z]+\s+){0,2}"
            r"(?:(?:yang\s+di[a-z]{3,}|milik)\s+(?:[A-Z][\w-]*\s+){0,3})?",
            gap,
        ):
            return None  # "penggeledahan jaksa terhadap rumah yang ditempati Gubernur Riau": whose house it is
        if after[0].key == after[1].key and not _domestic(after[1], [after[0]], t.rule.code):
            return None
        return after[0], after[1]

    def _listed_after(self, t: _Trig, clause: _Clause) -> list[ActorMention]:
        """States listed after "mencakup/terdiri dari/meliputi" that follows a passive: whose the things
        done to were ("… itu mencakup 35 perahu Thailand, 12 perahu Malaysia")."""
        m = _LISTING.match(self.text, t.end)
        if m is None:
            return []
        return [a for a in self.actors if m.end() <= a.start - self.off and a.kind in ("state", "role") and a.key]

    def _protest_where(self, t: _Trig, clause: _Clause) -> tuple[ActorMention, ActorMention] | None:
        """ "Aksi mogok makan nelayan Vietnam di Malaysia": a protest named with who protests, right after
        it, and where; it is aimed at the government of the state it is held in."""
        after = [a for a in self.actors if t.end <= a.start - self.off < clause.end]
        if not after or not re.fullmatch(
            r"\s+(?:para\s+|ribuan\s+|ratusan\s+)?", self.text[t.end : after[0].start - self.off]
        ):
            return None
        where = [
            p for p in self.ctx.by_sentence.get(self.si, [])
            if after[0].end <= p.start < self.off + clause.end and p.key
            and re.fullmatch(r"\s+di\s+", self.text[after[0].end - self.off : p.start - self.off])
        ]  # fmt: skip
        if not where:
            return None
        target = replace(where[0], kind="place", sector="GOV", focus=False)
        if target.key == after[0].key and not _distinct(after[0], target):
            return None
        return after[0], target

    def _noun_with(self, t: _Trig, clause: _Clause) -> tuple[ActorMention, ActorMention] | None:
        """ "(X …) dalam pertemuan dengan Y": a meeting noun, its partner after "dengan", X the subject."""
        k = t.first - 1
        while k > 0 and self.words[k] in ("sebuah", "suatu", "acara", "sesi"):
            k -= 1
        if k < 0 or self.words[k] not in ("dalam", "usai", "seusai", "saat", "setelah", "sesudah", "selepas"):
            return None  # only a meeting that took place: "dalam/usai pertemuan dengan …"
        sources = _expand(self.subject_in(clause, t))
        m = re.match(r"^\s+(?:[\w-]+\s+){0,4}?dengan\s+", self.text[t.end : clause.end])
        if m is None:
            # "Santos dan Tanaka datang ke Osaka … setelah pertemuan resmi di Tokyo": the subject's two
            keys = list(dict.fromkeys(s.key for s in sources))
            return (sources[0], next(s for s in sources if s.key == keys[1])) if len(keys) == 2 else None
        partner = next((a for a in self.actors if a.start - self.off == t.end + m.end()), None)
        if partner is None or not sources or sources[0].key == partner.key:
            return None
        return sources[0], partner

    def _topic_nouns(self, t: _Trig) -> list[str]:
        """What a later "… tersebut" may call this act: the trigger's kind if a noun, and the kinds of
        nouns just before or after it ("perjanjian yang ditandatangani", "menandatangani perjanjian")."""
        near = _joined(self.words[max(0, t.first - 5) : t.last + 3])
        kinds = {_TOPIC_CLASSES[w] for w in near if w in _TOPIC_CLASSES}
        if t.rule.code[:2] == "04":
            kinds.add("meeting")
        elif t.rule.code in ("057",) or (self._is_noun(t) and t.rule.code[:2] in ("03", "05")):
            kinds.add("agreement")
        return sorted(kinds)

    def _with_purpose(self, clause: _Clause) -> _Clause:
        """The clause with an "untuk/agar" clause right after it: "memanggil X untuk segera …"."""
        return _Clause(clause.start, self._run_end(clause, ("untuk",), most=1), clause.kind, clause.marker_tok)

    def _run_end(self, clause: _Clause, kinds: tuple[str, ...], most: int | None = None) -> int:
        """Where ``clause`` ends together with the clauses of ``kinds`` that follow it without a gap (at
        most ``most`` of them)."""
        end, taken = clause.end, 0
        for c in self.clauses[self.clauses.index(clause) + 1 :]:
            if c.kind not in kinds or c.start != end or (most is not None and taken == most):
                break
            end, taken = c.end, taken + 1
        return end

    def _purpose_of_same_act(self, t: _Trig, clause: _Clause, trigs: list[_Trig]) -> bool:
        if clause.kind != "untuk" or clause.marker_tok is None or t.first - clause.marker_tok > 2:
            return False
        prev = self._clause_before(clause)
        return prev is not None and any(
            o is not t and o.rule.frame != "speech" and prev.start <= o.start < prev.end
            and o.rule.code[:2] == t.rule.code[:2]
            for o in trigs
        )  # fmt: skip

    def _after_light_verb(self, t: _Trig) -> bool:
        """ "melakukan kunjungan", "menyatakan dukungannya", "menggelar sebuah pertemuan" — but not a
        verb of saying before a noun that heads a clause of its own ("menyatakan serangan itu merupakan
        balasan": what was said, not an act)."""
        k = t.first - 1
        if k >= 0 and self.words[k] in _BEFORE_NOUN:
            k -= 1  # "melayangkan nota protes", "menggelar sebuah pertemuan"
        if k >= 1 and self.words[k] == "kali":
            k -= 2  # "mengirimkan tiga kali surat protes"
        if k >= 0 and self.words[k] in _BEFORE_NOUN:
            k -= 1
        if k < 0 or self.words[k] not in _LIGHT_VERBS:
            return False
        return not (self.words[k] in _SAYING and _CLAUSE_HEAD.match(self.text[t.end :]))

    def _verb_pairs(self, t: _Trig, clause: _Clause) -> tuple[list[tuple[ActorMention, ActorMention, bool]], str]:
        rule = t.rule
        if t.voice == "passive":
            # the agent follows "oleh", or comes right after the verb ("Lavrov disambut Menlu Choe")
            after = self._after(t, clause)
            oleh = re.search(r"\boleh\s+", after) or re.match(r"\s+(?:langsung\s+|secara\s+\w+\s+)?(?=[A-Z])", after)
            first = t.end + len(after) - len(after.lstrip())
            if oleh is None and any(a.start - self.off == first and _agentive(a) for a in self.actors):
                oleh = re.match(r"\s+", after)  # "ditahan otoritas Mesir": the agent right after the verb
            subj = self.subject_in(clause, t)
            if not subj and oleh is None and (listed := self._listed_after(t, clause)):
                # "Perahu-perahu yang disita itu mencakup 35 perahu Thailand, 12 perahu Malaysia …": the
                # ones listed, done to by whoever did it before in the story
                doer = self.ctx.doers.get(rule.code) or []
                return [(d, x, rule.mutual) for d in doer[:1] for x in listed if x.key != d.key], "passive-listed"
            own = [a for a in subj if clause.start <= a.start - self.off < t.start]
            if not own and re.search(r"[a-z]{3,}", self.text[clause.start : t.start].replace("yang", "")):
                subj = []  # "saat dekret itu diteken Presiden Brasil": the clause's own subject is no actor
            if not subj:
                return [], "passive"
            if clause.kind == "yang" and rule.code[:2] < "10" and not self._dated(clause):
                return [], "descriptive"  # "milisi yang didukung Arab Saudi": who backs them, not what happened
            src = None
            if oleh is not None:
                pos = t.end + oleh.end()
                src = next(
                    (a for a in self.actors if a.start - self.off >= pos - 1 and a.start - self.off < clause.end), None
                )
            elif rule.code[:2] in _IMPLICIT_AUTHORITY_ROOTS or rule.code == "115":
                src = self._implicit_authority(t, clause, _expand(subj))
                if src is not None:
                    return [(src, s, rule.mutual) for s in _expand(subj)], "passive-implicit"
            return ([(src, s, rule.mutual) for s in _expand(subj)] if src else []), "passive"
        sources = self.subject_in(clause, t)
        if not sources:
            return [], "verb"
        expanded = _expand(sources)
        self.ctx.doers[rule.code] = expanded  # "Pemerintah menenggelamkan 81 kapal": a later "ditenggelamkan" is theirs
        if rule.mutual and len({s.key for s in expanded}) >= 2:
            return [(expanded[0], expanded[1], True)], "mutual-subject"
        clausal = rule.target != "object" and bool(_VERB_NEXT.match(self.text[t.end : clause.end]))
        # a reply's other party comes from the context only when what is rejected is named back ("menolak
        # tuduhan tersebut") or not at all; "menolak retorika yang penuh prasangka" rejects something new
        fresh = rule.target != "object" and not clausal and not _BACK_REFERENCE.match(self.text[t.end : clause.end])
        targets = [] if rule.target == "context-first" or clausal else self.target_after(t, clause, sources)
        if rule.target == "context-first":
            # "membantah menyerang Ukraina": what is denied is an act; the target is the accuser
            context = [] if fresh else self.context_target(expanded)
            targets = context or ([] if clausal else self.target_after(t, clause, sources))
        if not targets and rule.code[:2] in ("02", "10", "13") and self.words[t.first] in _DIRECTIVES:
            nxt = [c for c in self.clauses if c.start >= t.end]
            if nxt and nxt[0].kind == "untuk" and nxt[0].marker_tok == t.last:
                src_keys = {s.key for s in expanded}
                opening = re.match(r"\s*\S+\s+(?:(?:pemerintah|pihak|para)\s+)?", self.text[nxt[0].start : nxt[0].end])
                at = nxt[0].start + (opening.end() if opening else 0)
                # "memperingatkan agar Vietnam menarik …": Vietnam, opening the clause, is warned
                targets = [
                    a for a in self.actors
                    if a.start - self.off == at and (a.key not in src_keys or _domestic(a, expanded))
                ]  # fmt: skip
        if not targets and rule.code.startswith("04"):
            places = [p for p in self.places if t.end <= p.start - self.off < clause.end and p.key]
            if places and places[0].key not in {s.key for s in expanded}:
                targets = [places[0]]  # "tiba di Pyongyang", "berkunjung ke Moskow" (a place)
        irregular = all(s.sector in _IRREGULAR for s in expanded)
        armed = all(s.sector in _IRREGULAR | {"MIL"} or s.kind in ("state", "capital") for s in expanded)
        if not targets and rule.code[:2] in ("18", "19", "20") and armed:
            # an attack by militants, gunmen, a bomber or an army hits the state where it happens
            # ("menyerbu sebuah markas tentara di Davao, …, Filipina"), named in its clause or in
            # a verb phrase joined to it ("menewaskan 12 orang dan melukai 30 lainnya di Marawi")
            end = self._run_end(clause, ("and",))
            places = [
                p for p in self.actors
                if t.end <= p.start - self.off < end and p.key and p.kind in ("place", "state", "capital")
                and (p.kind == "place" or _AT_STATE.search(self.text[: p.start - self.off][-40:]))
            ]  # fmt: skip
            if places:
                targets = [replace(places[0], kind="place", sector="CVL")]
            elif irregular and (city := self._place_after_di(clause)) is not None:
                targets = [ActorMention(start=self.off + t.end, end=self.off + t.end, sentence=self.si, name=city[0],
                                        kind="place", country=city[1], sector="CVL")]  # fmt: skip
        if not targets and rule.code[:2] == "07":
            # "mengirim bantuan pangan untuk para pengungsi yang berada di Kenya": aid
            # for people named without a state goes to the state they are in
            end = self._run_end(clause, ("untuk", "yang"))
            keys = {s.key for s in expanded}
            named = [a for a in self.actors if t.end <= a.start - self.off < end and a.key and a.key not in keys]
            places = [
                p for p in self.ctx.by_sentence.get(self.si, [])
                if t.end <= p.start - self.off < end and p.key and p.kind in ("place", "state")
                and re.search(r"\b(?:berada|tinggal|mengungsi)\s+di\s+(?:[\w-]+\s+){0,2}$",
                              self.text[: p.start - self.off][-50:])
                and p.key not in keys
            ]  # fmt: skip
            if named and re.match(r"\s*(?:untuk|bagi|kepada)\s+(?:para\s+|ribuan\s+)?$",
                                  self.text[t.end : named[0].start - self.off]):  # fmt: skip
                targets = named[:1]  # "untuk para pengungsi Suriah": the people it is for
            elif places:
                targets = [replace(places[0], kind="place")]
        if (
            not targets
            and clause.kind == "yang"
            and clause.marker_tok == t.first - 1
            and not self.words[t.last - 1].endswith("nya")
        ):
            return [], "adjectival"  # "isu yang mendesak": an adjective, not an act ("yang mengecamnya" is one)
        reciprocal = rule.code[:2] in ("03", "05", "06", "07") or "saling" in self.words[max(0, t.first - 3) : t.first]
        if (
            not targets
            and reciprocal
            and clause.kind in ("main", "untuk")
            and len({s.key for s in expanded}) == 2
            and len(expanded) == 2
        ):
            return [(expanded[0], expanded[1], True)], "reciprocal"  # "X dan Y berkomitmen memberikan bantuan"
        if not targets and t.voice == "active" and self.words[t.last - 1].endswith("nya"):
            targets = self.context_target(expanded, domestic=True)  # "memprotesnya": the one just named
            how = "enclitic"
        elif not targets and rule.target == "context" and not fresh:
            targets = self.context_target(expanded)
            how = "context"
        else:
            how = "verb"
        if not targets and len({s.key for s in expanded}) == 1 and not self.negated(t, clause):
            # an act with no target ("Korea Utara menembakkan rudal"): a later "peluncuran tersebut" is its
            for kind in {"action", *self._topic_nouns(t)}:
                self.ctx.topics.append((kind, (expanded[0], expanded[0])))
        out = []
        for s in expanded:
            for tg in _expand(targets):
                out.append((s, tg, rule.mutual))
        return out, how

    def _received(self, t: _Trig, clause: _Clause) -> list[tuple[ActorMention, ActorMention, bool]] | None:
        """ "X mendapat penghargaan dari PBB", "X menuai kecaman dari Y": the giver after "dari" or "oleh"
        is the source, the receiving subject the target."""
        k = t.first - 1
        if k >= 0 and self.words[k] in _BEFORE_NOUN:
            k -= 1
        if k < 0 or not (
            self.words[k] in _RECEIVING or (self.words[k] in _UNDERGOING and t.rule.code.startswith("17"))
        ):
            return None
        m = re.match(r"\s+(?:[\w-]+\s+){0,4}?(?:dari|oleh)\s+", self.text[t.end : clause.end])
        receivers = _expand(self.subject_in(clause, t))
        if m is None and receivers and t.rule.code.startswith(("0841", "17", "09")):
            # "Budi mendapat pembebasan bersyarat", "menerima vonis": the authority that grants or imposes it
            giver = self._implicit_authority(t, clause, receivers)
            return [(giver, r, False) for r in receivers] if giver is not None else None
        if m is None:
            return None
        giver = next((a for a in self.actors if a.start - self.off == t.end + m.end()), None)
        if giver is None or not receivers:
            return None
        return [(giver, r, t.rule.mutual) for r in receivers]

    def _dated(self, clause: _Clause) -> bool:
        return any(
            self.off + clause.start <= x.start < self.off + clause.end for x in self.ctx.times if x.sentence == self.si
        )

    def _implicit_authority(self, t: _Trig, clause: _Clause, targets: list[ActorMention]) -> ActorMention | None:
        """Who detained, charged or questioned someone when the passive names no agent: the state where
        it happened ("ditahan di bandara … Osaka"), the one entered ("ditolak masuk ke wilayah
        Jepang"), else the last authority the story names (police, prosecutors, courts)."""
        keys = {x.key for x in targets}
        for p in self.places:
            if clause.start <= p.start - self.off < clause.end and p.key and p.key not in keys:
                return replace(p, kind="place", sector="GOV", focus=False)
        for a in self.actors:
            if t.end <= a.start - self.off < clause.end and a.key and a.key not in keys:
                if re.search(r"\bke\s+(?:negeri\s+|negara\s+|wilayah\s+)?$", self.text[t.end : a.start - self.off]):
                    return replace(a, kind="place", sector="GOV")  # "ditolak masuk ke wilayah Jepang"
            if t.end <= a.start - self.off < clause.end and a.sector in ("JUD", "COP") and not a.focus:
                if re.search(r"\bdi\s+$", self.text[: a.start - self.off]):
                    return a  # "menjalani sidang perdana di Pengadilan Tipikor": the court it sits in
        if (place := self._place_after_di(clause)) is not None and place[1] not in keys:
            name, key = place
            return ActorMention(start=self.off + clause.start, end=self.off + clause.start, sentence=self.si,
                                name=name, kind="place", country=key, sector="GOV")  # fmt: skip
        for m in reversed([*self.ctx.before(self.si), *[a for a in self.actors if a.start - self.off < t.start]]):
            if m.sector in ("COP", "JUD") and m.key and not m.focus and (m.key not in keys or _domestic(m, targets)):
                return replace(m, kind="coref")
        return None

    def _place_after_di(self, clause: _Clause) -> tuple[str, str] | None:
        """A city named after "di" in the clause, with its state (GeoNames): "di New York" → USA."""
        from warta.places import lookup

        for m in _AT_CITY.finditer(self.text, clause.start, clause.end):
            place = lookup(m.group(1), min_population=CITY_MIN_POPULATION)
            if place is not None and place.country:
                return m.group(1), place.country
        return None  # "di bandara internasional Suvarnabhumi": a name after a common noun is no city

    def _parties_object(self, t: _Trig, clause: _Clause) -> tuple[ActorMention, ActorMention] | None:
        after = [a for a in self.actors if t.end <= a.start - self.off < clause.end]
        if len(after) >= 2 and re.fullmatch(
            r"\s*(?:dan|serta|dengan|,)\s*", self.text[after[0].end - self.off : after[1].start - self.off]
        ):
            return after[0], after[1]
        if after and after[0].kind == "group" and after[0].other:
            return after[0], _other_of(after[0])
        return None

    def _evaluation(
        self, t: _Trig, clause: _Clause, speech: list[_Trig], trigs: list[_Trig]
    ) -> list[tuple[ActorMention, ActorMention, bool]]:
        """ "X menegaskan bahwa … ancaman …", or "X menyebut langkah Y sebagai tindakan tidak bersahabat".

        Not when a verb of another act stands before the judgement in its clause ("bahwa AS mendukung
        tanggapan Korea Selatan terhadap ancaman …": the threat is not Korea's)."""
        if (said := self._judged_by(t, speech, trigs)) is not None:
            return said
        if clause.kind == "bahwa" and any(
            o.rule.frame not in ("speech", "evaluation") and not self._is_noun(o) and clause.start <= o.start < t.start
            for o in trigs
        ):
            return []
        if clause.kind != "bahwa" or clause.marker_tok is None:
            gov = [
                g for g in speech
                if clause.start <= g.start < t.start and (m := re.search(r"\bsebagai\b", self.text[g.end : t.start]))
                and not re.search(r"\b(?:tidak|tak|bukan|belum|(?:me[mny]?|ber|di)[a-z]{3,})\b",
                                  self.text[g.end : g.end + m.start()])
            ]  # fmt: skip
            if not gov:
                return []
            sources = self.subject_in(clause, gov[-1])
            keys = {s.key for s in _expand(sources)}
            objects = [a for a in self.actors if gov[-1].end <= a.start - self.off < t.start and a.key not in keys]
            return [(s, objects[0], False) for s in _expand(sources)] if sources and objects else []
        marker = self.toks[clause.marker_tok].start
        gov = [s for s in speech if 0 <= marker - s.end <= 25]
        if not gov:
            return []
        speaker_clause = self.clause_of(gov[-1].start)
        sources = self.subject_in(speaker_clause, gov[-1])
        if not sources:
            return []
        keys = {s.key for s in _expand(sources)}
        targets = [a for a in self.actors if clause.start <= a.start - self.off < t.start and a.key not in keys]
        if not targets:
            return []
        return [(s, targets[0], False) for s in _expand(sources)]

    def _judged_by(
        self, t: _Trig, speech: list[_Trig], trigs: list[_Trig]
    ) -> list[tuple[ActorMention, ActorMention, bool]] | None:
        """A judgement in what someone says, with the one it judges named before it in the words:
        "Ia menilai, keputusan menteri … mencerminkan buruknya koordinasi", "Menurut Rudi, alasan tersangka …
        tidak berdasar", "“… Rusia berbohong,” kata Zelensky". None when the sentence has no such shape."""
        start: int | None = None
        sources: list[ActorMention] = []
        opener = _ACCORDING_TO.match(self.text)
        quote_open = max(self.text.rfind("“", 0, t.start), self.text.rfind('"', 0, t.start))
        tag = _SAID_TAG.search(self.text, t.end)
        gov = [g for g in speech if g.end <= t.start and not re.search(r"[;”]", self.text[g.end : t.start])]
        if gov and opener is not None and self.clause_of(gov[-1].start).kind not in ("main", "lead", "bahwa"):
            gov = []  # "Menurut Rudi, alasan X saat … dengan menyebut …, tidak berdasar": Rudi judges
        if gov and not _SAID_WORD.match(self.words[gov[-1].first]):
            g = gov[-1]
            lead = re.match(r"\s*,?\s*(?:bahwa\s+)?", self.text[g.end :])
            start = g.end + (lead.end() if lead else 0)
            sources = self.subject_in(self.clause_of(g.start), g)
        elif opener is not None and opener.end() <= t.start:
            start = opener.end()
            sources = [a for a in self.actors if opener.start(1) <= a.start - self.off < opener.end(1)][:1]
        elif tag is not None and 0 <= quote_open < t.start and "”" not in self.text[t.end : tag.start()]:
            start = quote_open + 1
            sources = [a for a in self.actors if tag.end() <= a.start - self.off][:1]
        if start is None or not sources:
            return None
        acts = [
            o for o in trigs
            if o.rule.frame not in ("speech", "evaluation") and not self._is_noun(o) and start <= o.start < t.start
        ]  # fmt: skip
        expanded = _expand(sources)
        keys = {x.key for x in expanded}
        for a in self.actors:
            pos = a.start - self.off
            if not start <= pos < t.start or self._word_before(pos) in ("di", "dari", "ke"):
                continue
            if a.kind == "group" and _FIRST_PERSON.fullmatch(a.name):
                return []  # "Kami minta …": the speaker's own side
            owned = any(w.casefold() in POSSESSED for w in re.findall(r"\w+", self.text[max(0, pos - 30) : pos])[-2:])
            if not owned:
                # "tindakan Korea Utara meluncurkan rudal itu …": what the owner did is judged, with its verbs;
                # otherwise no other act may stand before the judgement ("Polri … akan menindak pelanggaran",
                # "bahwa AS mendukung tanggapan Korea Selatan terhadap ancaman")
                if acts or _acts_between(self.text[a.end - self.off : t.start]):
                    return []
            by = [b for b in self.actors if a.end <= b.start < self.off + t.start
                  and re.search(r"\boleh\s+$", self.text[a.end - self.off : b.start - self.off])]  # fmt: skip
            if by:
                a = by[0]  # "penetapan tersangka Budi oleh KPK tidak sah": the one who acted is judged
            if a.key not in keys or _domestic(a, expanded):
                judged = [b for b in self._coordinated(a, t.start) if b.key not in keys or b is a]
                return [(x, b, False) for b in judged for x in expanded if x.key != b.key or _distinct(x, b)]
            return []  # the words judge the first one they name; here, the speaker's own side
        return []


_FIRST_PERSON = re.compile(r"(?i)kami|kita|saya|aku")
_LINKING = frozenset(
    "merupakan menjadi menunjukkan mencerminkan membuktikan melakukan bertindak berbuat bersikap dianggap dinilai "
    "disebut terkesan terlihat tergolong termasuk berupa memiliki mempunyai telah sudah menimbulkan menyebabkan "
    "mengakibatkan membawa berdampak membahayakan".split()
)
"""Verbs that link one judged to the judgement ("telah melakukan pelanggaran", "merupakan ancaman")."""


def _acts_between(gap: str) -> bool:
    """Whether a verb of another act stands between the one judged and the judgement, outside a
    relative clause: "Polri dan Bawaslu akan menindaktegas adanya pelanggaran"."""
    from warta.triggers import stopwords

    relative = False
    for w in re.findall(r"[A-Za-z-]+", gap):
        lw = w.casefold()
        if lw == "yang":
            relative = True
        elif lw in _LINKING:
            relative = False
        elif not relative and re.fullmatch(r"(?:me|ber|di|ter)[a-z-]{3,}", lw) and lw not in stopwords():
            return True  # not "terhadap", "tersebut", "berbagai"
    return False


_ACCORDING_TO = re.compile(r"\s*(?:[Nn]amun,?\s+|[Ss]ementara\s+itu,?\s+)?[Mm]enurut\s+([^,]{2,80}),\s*")
"""An opener that attributes the sentence: "Menurut Febri, …"."""
_SAID_WORD = re.compile(r"(?:kata|ujar|ucap|tutur|imbuh|tambah|lanjut)(?:nya)?$")
"""Verbs of saying that follow the words they report."""


_UNARMED = frozenset({"CVL", "CRM", "REF", "EDU", "LAB", "BUS", "AGR", "MED", "NGO", "HLH", "REL", "OPP", "PTY"})


_TERRITORY = re.compile(
    r"\b(?:wilayah|daerah|kawasan|kota|desa|desa-desa|posisi|posisi-posisi|markas|basis|benteng|kubu|pangkalan|"
    r"kamp|distrik|provinsi|pos|kantong|jalur)\b",
    re.IGNORECASE,
)
"""The ground an attack or siege is aimed at, when its holder is named after it."""
_HELD_BY = re.compile(r"yang\s+(?:masih\s+|kini\s+|sebelumnya\s+)?(?:dikuasai|dikendalikan|diduduki|dipegang)\b")

_AT_STATE = re.compile(r"\bdi\s+(?:[\w-]+,?\s+){0,3}$")
"""Words before a state named as where something happens: "di pusat ibu kota Afghanistan"."""
_CIVIL_OFFICE = frozenset({"GOV", "LEG", "PTY", "JUD", "OPP"})
"""Sectors of civil office: one of them "attacking" another of the same state does it with words."""


def _by_force(code: str, src: ActorMention, tgt: ActorMention | None = None) -> str:
    """An attack by people who are no armed force is an assault (18), not military force (19); so is
    one by militants on anyone but soldiers (a raid on a police school, a bombing in a market). People
    held by militants are abducted or taken hostage (181), not arrested (173)."""
    if (
        code in ("190", "180")
        and tgt is not None
        and src.key == tgt.key
        and src.sector in _CIVIL_OFFICE
        and tgt.sector in _CIVIL_OFFICE | {"COP"}
    ):
        return "111"  # "Trump menyerang Direktur FBI": one politician's attack on another is words
    if code in ("190", "193", "194") and (
        src.sector in _UNARMED or (src.sector in _IRREGULAR and (tgt is None or tgt.sector != "MIL"))
    ):
        return "180"
    if code == "173" and src.sector in _IRREGULAR:
        return "181"
    return code


_PARTNER_GAP = re.compile(
    r"(?:\s+\S+){0,6}?\s+(?:dengan|bersama|kepada)\s+(?:(?!(?:me[mny]?|di|ber?|ter)[a-z]{3,}\b)[\w-]+\s+){0,3}?(?:dan\s+)?"
)


def _partner_gap(gap: str) -> bool:
    """Whether the words between a mutual act and an actor introduce a partner: "bertemu dengan", or
    "pembicaraan dengan pihak militer dan pemerintah Filipina" (no verb between)."""
    return bool(_PARTNER_GAP.fullmatch(gap))


@functools.cache
def _before_re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.lstrip("^"))


def _object_before(rule: TriggerRule, before: str) -> bool:
    """Whether a passive's subject, before the verb, is the kind of object the rule asks for."""
    return rule.object_re is not None and bool(_before_re(rule.object_re.pattern).search(before))


def _other_of(group: ActorMention) -> ActorMention:
    """The second actor of a group mention, at the group's place."""
    if len(group.members) >= 2:
        return _at(group.members[1], group)
    other = group.other or ""
    is_igo = other in ontology.igos()
    return replace(group, country=None if is_igo else other, igo=other if is_igo else None, other=group.key, members=())


def _at(m: ActorMention, group: ActorMention) -> ActorMention:
    return replace(m, start=group.start, end=group.end, sentence=group.sentence, kind="group", other=None, members=())


def _expand(ms: list[ActorMention]) -> list[ActorMention]:
    """Mentions with each group replaced by its two actors (its members, where it has them)."""
    out: list[ActorMention] = []
    for m in ms:
        if m.kind == "group" and m.members:
            out.extend(_at(x, m) for x in m.members)
        elif m.kind == "group" and m.other:
            out.extend([replace(m, other=None), _other_of(m)])
        elif m.kind == "group":
            out.append(replace(m, other=None))
        else:
            out.append(m)
    return out


def _domestic(a: ActorMention, sources: list[ActorMention], code: str = "") -> bool:
    """Whether ``a`` and one of ``sources`` are two actors of one state: a domestic event.

    Two sectors of one state are two actors (police and protesters, the KPK and a legislator); so
    are two named people or bodies of the same sector (the president and a minister). A bare state
    name ("Indonesia") is never a party to its own domestic event.
    """
    if code.startswith(_INTERNATIONAL_ONLY):
        return False
    return any(_distinct(s, a) for s in _expand(sources) if s.key == a.key)


_NAMED = frozenset({"person", "coref", "institution", "role"})
_INTERNATIONAL_ONLY = ("042", "043", "044", "16", "174", "0874")
"""Codes that need two states: visits and hosting, reducing relations, expelling, sending home."""


def _person_and_body(a: ActorMention, b: ActorMention) -> bool:
    """A named person and a public body of the state the story is about ("Ia" for a legislator named
    before, and "pemerintah"): two actors even when both states were guessed."""
    for p, q in ((a, b), (b, a)):
        if p.kind in ("person", "coref") and p.name[:1].isupper() and " " in p.name.strip():
            if q.kind in ("role", "institution") and q.sector in ("GOV", "LEG", "JUD", "COP", "MIL"):
                return True
    return False


def _distinct(a: ActorMention, b: ActorMention) -> bool:
    # a state named alone acts through its government: "Filipina menolak gencatan senjata NPA"
    a_sector = a.sector or ("GOV" if a.kind in ("state", "capital", "seat") and b.sector not in (None, "GOV") else None)
    b_sector = b.sector or ("GOV" if b.kind in ("state", "capital", "seat") and a.sector not in (None, "GOV") else None)
    if a.sector is None or b.sector is None:
        if a_sector is None or b_sector is None or (a.focus or b.focus):
            return False
        return a_sector != b_sector
    if a.focus and b.focus and not (a.kind == b.kind == "person") and not _person_and_body(a, b):
        # two actors whose state was only guessed from the story are no evidence of a domestic act, unless
        # they are two people named in it
        return False
    if a.sector != b.sector:
        return True
    if {a.kind, b.kind} == {"person", "institution"} or {a.kind, b.kind} == {"coref", "institution"}:
        return False  # "Hendra Gunawan" and "DPR", both legislature: a member and his own body
    return a.kind in _NAMED and b.kind in _NAMED and a.name.casefold() != b.name.casefold()


@dataclass(slots=True)
class _ArticleContext:
    by_sentence: dict[int, list[ActorMention]]
    times: tuple[TimeExpression, ...]
    paragraph_of: list[int]
    story: tuple[str, str, tuple[int, int] | None, str] | None
    topics: list[tuple[str, tuple[ActorMention, ActorMention]]]
    all_actors: tuple[ActorMention, ...]
    published: tuple[str, str, tuple[int, int] | None, str] | None = None
    doers: dict[str, list[ActorMention]] = field(default_factory=dict)  # CAMEO code → who last did it

    def before(self, si: int) -> list[ActorMention]:
        return [m for m in self.all_actors if m.sentence < si]

    def date_for(
        self, sc: _SentenceCoder, t: _Trig, clause: _Clause, intent: bool = False
    ) -> tuple[str, str, tuple[int, int] | None, str] | None:
        same = [x for x in self.times if x.sentence == sc.si]
        abs_t = sc.off + t.start
        in_clause = [x for x in same if sc.off + clause.start <= x.start < sc.off + clause.end]
        lead = [x for x in same if x.start < sc.off + sc.lead_end] if clause.kind in ("main", "lead", "untuk") else []
        if clause.kind in ("bahwa", "sub", "untuk", "yang"):
            # an act reported in a bahwa clause (or a purpose) without a date of its own takes the date of
            # the clause that governs it: "menyatakan pada Kamis bahwa mereka menolak …"
            lead = lead or [x for x in same if x.start < sc.off + clause.start]
        relative: list[TimeExpression] = []
        if sc._is_noun(t):  # "pertemuan … yang diadakan … pada bulan September": the relative clause dates the noun
            nxt = [c for c in sc.clauses if c.start >= t.end]
            if nxt and nxt[0].kind == "yang":
                relative = [x for x in same if sc.off + nxt[0].start <= x.start < sc.off + nxt[0].end]
        # "… menahan dua pria … yang berasal dari Kampung …, Senin (4/3).": the day that closes the sentence
        anywhere = [
            x for x in same
            if clause.kind in ("main", "and") and x.start > abs_t and x.precision == "day"
            and x.rule.startswith("weekday")
        ]  # fmt: skip
        since: list[TimeExpression] = []
        nxt = [c for c in sc.clauses if c.start == clause.end]
        if nxt and nxt[0].marker_tok is not None and sc.words[nxt[0].marker_tok] in ("sejak", "semenjak"):
            # "yang ditahan otoritas Mesir sejak 1 Agustus lalu": a state of affairs dated by its start
            since = [x for x in same if sc.off + nxt[0].start <= x.start < sc.off + nxt[0].end]
        for group, how in (
            (in_clause, "clause"), (since, "clause"), (relative, "clause"), (lead, "sentence"), (anywhere, "sentence")
        ):  # fmt: skip
            if group:
                best = min(group, key=lambda x: abs(x.start - abs_t))
                return best.value, best.precision, (best.start, best.end), how
        para = self.paragraph_of[sc.si]
        earlier = [x for x in self.times if x.sentence < sc.si and self.paragraph_of[x.sentence] == para]
        if earlier and not intent:  # a plan ("akan menghubungi") is not dated by a past day told before it
            x = earlier[-1]
            return x.value, x.precision, (x.start, x.end), "paragraph"
        if _CONTINUING.match(sc.text) and sc.si > 0:
            # "Selain itu, Menteri juga menutup pelabuhan …": the same time as the last told, a few sentences
            # back; for a plan ("Selain itu, dia mengatakan … akan …") the day it was announced
            before = [x for x in self.times if sc.si - 3 <= x.sentence < sc.si]
            if before:
                return before[-1].value, before[-1].precision, (before[-1].start, before[-1].end), "previous"
        if intent and self.published is not None and (self.story is None or self.story[3] != "story"):
            return self.published  # a plan with no date of its own: the day it was announced
        return self.story


def _published(art: Article) -> tuple[str, str, tuple[int, int] | None, str] | None:
    """The date relative expressions are read against, as an event date: the publication date."""
    ref = art.reference
    return (ref[0], ref[1], None, "published") if ref and ref[0] else None


def _story_date(art: Article) -> tuple[str, str, tuple[int, int] | None, str] | None:
    """The date a report is about when a sentence gives none: the lede's day, else the publication."""
    ref = art.reference
    body = [i for i, s in enumerate(art.sentences) if not s.is_title]
    if body:
        first_para = art.sentences[body[0]].paragraph
        lede = [
            x for x in art.times
            if art.sentences[x.sentence].paragraph == first_para and x.precision == "day"
            and not re.search(r"\b(?:sejak|semenjak)\s+(?:tanggal\s+)?$", art.text[max(0, x.start - 20) : x.start])
        ]  # fmt: skip  # "ditahan sejak 1 Agustus lalu": when a state of affairs began, not the story's day
        if ref is not None and ref[1] == "day":  # a day after publication is a plan, not the story's day
            lede = [x for x in lede if x.value <= ref[0]]
        if lede and (
            ref is None or ref[0] == "" or lede[0].value.startswith(ref[0][:7]) or _within(lede[0].value, ref[0])
        ):
            return lede[0].value, "day", (lede[0].start, lede[0].end), "story"
        # no day in the lede: the first weekday date of the body in the week before publication ("Senin (22/8)")
        if ref is not None and ref[1] == "day":
            for x in art.times:
                if (
                    x.precision == "day"
                    and x.rule.startswith("weekday")
                    and _within(x.value, ref[0], days=7)
                    and x.value[:7] == ref[0][:7]  # a day of another month may be another story's
                ):
                    return x.value, "day", (x.start, x.end), "story"
    if ref is None:
        return None
    value, precision, how = ref
    if how == "inferred" and precision == "day":
        return value[:7], "month", None, "inferred-reference"
    return value, precision, None, "published"


def _within(day: str, ref: str, days: int = 31) -> bool:
    """``day`` lies in the ``days`` before ``ref`` (a lede dated just before a late publication)."""
    from datetime import date, timedelta

    try:
        d = date.fromisoformat(day)
        r = date.fromisoformat(ref[:10]) if len(ref) >= 10 else None
    except ValueError:
        return False
    return r is not None and r - timedelta(days=days) <= d <= r


def heading(text: str) -> bool:
    """A sub-heading: title case, no final stop ("Rusia Mendukung Rencana Dialog AS - Korea Utara")."""
    if text.rstrip().endswith((".", "!", '"', "”", ")")):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


OFFTOPIC_MIN_TERMS = 3
"""Distinct sports/entertainment words that make an article off-topic (its "Korea" is a team)."""


@functools.cache
def _offtopic_re(lang: str) -> re.Pattern[str]:
    rows = read_tsv(data_path(lang, "offtopic.tsv"), required=("term",), optional=("domain",))
    terms = sorted((r["term"].casefold() for r in rows), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b")


def off_topic(text: str, lang: str = "id") -> bool:
    """Whether a text reads as a sports or entertainment report."""
    return len(set(_offtopic_re(lang).findall(text.casefold()))) >= OFFTOPIC_MIN_TERMS


CODED_LANGUAGES = ("id", "ms")
"""Languages the Indonesian lexicon reads (Malay is close enough); other articles are not coded."""


def code_events(art: Article, lang: str = "id") -> tuple[Event, ...]:
    """The events of an Indonesian article, sentence by sentence, before reports of one act are folded
    together (the ``events`` stage's Indonesian path); none for a sports or entertainment report."""
    if off_topic(art.text, lang):
        return ()
    lex = load_lexicon(lang, dicts.active())
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in art.actors:
        by_sentence.setdefault(m.sentence, []).append(m)
    ctx = _ArticleContext(
        by_sentence=by_sentence,
        times=art.times,
        paragraph_of=[s.paragraph for s in art.sentences],
        story=_story_date(art),
        topics=[],
        all_actors=art.actors,
        published=_published(art),
    )
    events: list[Event] = []
    for si, sent in enumerate(art.sentences):
        if sent.is_title or not by_sentence.get(si) or heading(art.text[sent.start : sent.end]):
            continue
        events.extend(_SentenceCoder(art, si, lex, ctx).code())
    return tuple(events)
