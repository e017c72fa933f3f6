"""The English path: PETRARCH-2 dictionaries, the parse-free coder, PETRARCH XML input, routing."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from warta.coder import code_paths
from warta.english import stage
from warta.english.coder import Lexicon, SentenceCoder, code_sentence, tokenize
from warta.english.dictionaries import (
    DictFiles,
    DictionaryError,
    from_dir,
    load,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
    verb_forms,
)

PETR = Path(__file__).parent / "data" / "petrarch2"
SUITE = PETR / "PETR.UnitTest.records.xml"
VALIDATION = DictFiles(
    verbs=(PETR / "PETR.Validate.verbs.txt",), actors=(PETR / "PETR.Validate.actors.txt",),
    agents=(PETR / "PETR.Validate.agents.txt",), discards=(PETR / "PETR.Validate.discards.txt",), replace=True,
)  # fmt: skip

PASS_RATE_FLOOR = 0.90
"""Exact-match pass rate on PETRARCH-2's unit-test suite that the coder must keep (see README)."""


def expected(sentence: ET.Element) -> set[tuple[str, str, str]]:
    out = set()
    for e in sentence.findall("EventCoding"):
        if e.get("sourcecode"):
            out.add((e.get("sourcecode").strip('"'), e.get("targetcode").strip('"'), e.get("eventcode")))
    return out


def test_actor_dictionary_dated_codes_and_synonyms(tmp_path: Path) -> None:
    p = tmp_path / "a.actors.txt"
    p.write_text(
        "<!-- a comment\nover lines -->\nGOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n"
        "\t[HOBREB > 990816]\nTHE_SHIRE [FRO/BIL]\nZIMBABWE\n\t[RHO <790606]\n\t[ZBW]\n",
        encoding="utf-8",
    )
    gollum, shire, zim = read_actors(p)
    assert gollum.phrases == [("GOLLUM",), ("SMEAGOL",)]
    assert gollum.codes_on("19950101") == ("HOB",)
    assert gollum.codes_on("19960101") == ("HOBGOV",)
    assert gollum.codes_on("20010101") == ("HOBREB",)
    assert shire.default == ("FRO", "BIL")
    assert zim.codes_on("19781223") == ("RHO",) and zim.codes_on("20010101") == ("ZBW",)


def test_agent_dictionary_plurals_markers_and_prefix_codes(tmp_path: Path) -> None:
    p = tmp_path / "a.agents.txt"
    p.write_text(
        "!PERSON! = MAN, WOMEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [~COP]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n"
        "MSF {} [NGO~]\nSECURITY_OFFICIAL [~GOV]\n",
        encoding="utf-8",
    )
    got = {(a.phrase, a.code, a.before) for a in read_agents(p)}
    assert (("CONGRESSMAN",), "LEG", False) in got and (("CONGRESSWOMEN",), "LEG", False) in got
    assert (("POLICE",), "COP", False) in got and (("POLICES",), "COP", False) not in got
    assert (("GOLDEN", "GEESE"), "GGS", False) in got
    assert (("MSF",), "NGO", True) in got
    assert (("SECURITY", "OFFICIALS"), "GOV", False) in got


def test_blank_and_underscore_joints_in_actor_and_agent_phrases(tmp_path: Path) -> None:
    p = tmp_path / "a.actors.txt"
    p.write_text("ITHILEN TELEVISION [ITHTV]\n+ITHILEN_STATE_RADIO\nITHILEN [ITH]\nGONDOR [GON]\n", encoding="utf-8")
    tv, _ith, _gon = read_actors(p)
    assert tv.loose == {("ITHILEN", "TELEVISION"): (1,)}  # the synonym's words are all glued
    q = tmp_path / "a.agents.txt"
    q.write_text("STATE_OWNED TELEVISION [~MED]\n", encoding="utf-8")
    assert {a.loose for a in read_agents(q)} == {(2,)}
    lex = Lexicon.build(load(DictFiles(actors=(p,), agents=(q,), replace=True)))

    def codes(text: str) -> list[list[str]]:
        return [ph.codes for ph in SentenceCoder(lex, text, None).phrases]

    assert codes("Ithilen state-run television") == [["ITHTV"]]  # one modifier between the words
    assert codes("Ithilen state radio") == [["ITHTV"]]
    assert codes("Ithilen national state radio") == [["ITH"]]  # glued: no word may come between
    assert codes("Ithilen and its television") == [["ITH"]]  # a conjunction is not a modifier
    assert codes("Gondor state owned national television") == [["GONMED"]]
    assert codes("Gondor state national owned television") == [["GON"]]


def test_verb_dictionary_synsets_forms_and_patterns(tmp_path: Path) -> None:
    p = tmp_path / "v.verbs.txt"
    p.write_text(
        "&TIES\n+MILITARY\n+ECONOMIC\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\n"
        "+BREAK_DOWN {+BROKE_DOWN}\n- * &TIES_TIES [902]\n- + * IN $ [075]\n- * DEADLOCK [---]\n\n"
        "--- VISIT [032:033] ---\nVISIT\n",
        encoding="utf-8",
    )
    v = read_verbs(p)
    assert {f.words for f in v.forms["BROKE"]} == {("BROKE",), ("BROKE", "DOWN")}
    assert ("BREAKING",) in {f.words for f in v.forms["BREAKING"]}
    block = v.forms["VISIT"][0].block
    assert (block.code, block.back) == ("032", "033")
    pats = v.forms["BREAK"][0].block.patterns
    assert [pt.code for pt in pats] == ["902", "075", "---"]
    assert pats[0].after[0].alts[:2] == (("MILITARY",), ("MILITARIES",))
    assert pats[0].after[1].glued and pats[1].before[0].kind == "+" and pats[1].after[1].kind == "$"
    assert verb_forms("DENY") == ("DENY", "DENIES", "DENIED", "DENYING")


def test_discards_and_a_bad_folder(tmp_path: Path) -> None:
    p = tmp_path / "d.discards.txt"
    p.write_text("+TYPHOON\nBASEBALL # sport\n", encoding="utf-8")
    assert read_discards(p) == [(("TYPHOON",), True), (("BASEBALL",), False)]
    with pytest.raises(DictionaryError, match="no such folder"):
        from_dir(tmp_path / "nope")
    with pytest.raises(DictionaryError, match=r"names 'X\.txt'"):
        from_dir(tmp_path, {"verbs": ["X.txt"]})


def test_tokens_split_possessives_and_contractions() -> None:
    assert [t.norm for t in tokenize("Gondor's U.S. envoy didn't go, won't.")] == [
        "GONDOR", "'S", "U.S.", "ENVOY", "DID", "N'T", "GO", ",", "WO", "N'T", ".",
    ]  # fmt: skip


def _lex() -> Lexicon:
    return Lexicon.build(load(VALIDATION))


@pytest.mark.parametrize(
    ("text", "day", "want"),
    [
        ("Arnor is about to restore full diplomatic ties with Gondor.", "19950101", {("ARN", "GON", "064")}),
        ("Bree Prime Minister Romendacil arrived in Gondor on Monday.", "19950117",
         {("BREGOV", "GON", "032"), ("GON", "BREGOV", "033")}),
        ("The ambassadors of Arnor and Gondor presented credentials to Ithilen's president.", "19950108",
         {("ARNGOV", "ITHGOV", "032"), ("GONGOV", "ITHGOV", "032")}),
        ("Arnor will contribute a million swiss francs to Gondor.", "19950101", {("ARN", "GON", "903")}),
        ("Eriador was opposed by Osgiliath in the peace process.", "19950112", {("OSG", "ERI", "112")}),
        ("Smeagol is about to restore full diplomatic ties with Gondor.", "19951101", {("HOBGOV", "GON", "064")}),
        ("Arnor is about to restore baseball competition with Gondor.", "19950101", set()),
        # "MOST_CERTAINLY_&NEGATVAUXVRB_EVER *" is glued: "did not even ever" leaves the looser "&NEG… EVER *"
        ("Arnor most certainly really did not even ever clash over efforts of Gondor.", "19950101",
         {("ARN", "GON", "905")}),
        # "[+++]" is no CAMEO code: that pattern is skipped and "* DIPLOMATIC [064]" decides
        ("Arnor will restore fxll diplomatic ties with Gondor.", "19950101", {("ARN", "GON", "064")}),
        # a two-way code with a list subject and no target: each with the other
        ("Gondor and Arnor have renewed diplomatic ties.", "19950101", {("ARN", "GON", "064"), ("GON", "ARN", "064")}),
        # an infinitive after the object of a coded verb is not an event; nor is a plural right after a verb
        ("Arnor abandoned efforts to attack Gondor.", "19950101", {("ARN", "GON", "345")}),
        ("Arnor promised raids to Gondor.", "19950101", {("ARN", "GON", "173")}),
        # the actors in an uncoded subject's prepositional phrase, unless the clause opens with a preposition
        ("Talks between Arnor and Bree may spur reconciliation with Gondor.", "19950101",
         {("ARN", "GON", "081"), ("BRE", "GON", "081")}),
        ("On talks with Arnor, the Bree minister may spur reconciliation with Gondor.", "19950101",
         {("BREGOV", "GON", "081")}),
        # agents are added unless the code has them as one of its three-letter pieces: GMWGOV has no WGO
        ("West German world government activists will restore diplomatic ties with Gondor.", "19950101",
         {("GMWGOVWGO", "GON", "064")}),
        # a list member may be an uncoded noun with "of" and an actor: "X's sheep and goats of Y"
        ("Ithilen's sheep and goats of Gondor condemned Bree.", "19950101",
         {("ITH", "BRE", "122"), ("GON", "BRE", "122")}),
        # nothing in a clause-opening prepositional phrase is the subject; an actor after an infinitive whose verb
        # is not in the dictionary goes with that verb, not with the one before "to"
        ("On improvement of Gondor's health centres, he said Bree proposed to take up the issue with Arnor.",
         "19950101", set()),
        ("Bree proposed talks with Arnor.", "19950101", {("BRE", "ARN", "100")}),
        # "ITHILEN TELEVISION" (a blank) allows a modifier between its words
        ("Gondor criticized Ithilen state-run television.", "19950101", {("GON", "ITHTV", "121")}),
        ("Gondor criticized Ithilen and its television.", "19950101", {("GON", "ITH", "121")}),
    ],
)  # fmt: skip
def test_coder_on_known_sentences(text: str, day: str, want: set[tuple[str, str, str]]) -> None:
    got, _story = code_sentence(_lex(), text, day)
    assert {(c.source, c.target, c.cameo) for c in got} == want


def pass_rate() -> tuple[float, int, int]:
    """Run the suite through the real pipeline (XML reader, English routing) with its validation dictionaries."""
    stage.use_dictionaries(VALIDATION)
    try:
        sentences = list(ET.parse(SUITE).getroot().iter("Sentence"))
        coded = list(code_paths([SUITE], lang="en"))
    finally:
        stage.use_dictionaries(None)
    assert len(coded) == len(sentences) == 284
    ok = 0
    for sentence, c in zip(sentences, coded, strict=True):
        assert c.article is not None and c.article.ref == (sentence.get("id") or c.article.ref)
        got = {(r.source.code, r.target.code, r.cameo) for r in c.records or []}
        ok += got == expected(sentence)
    return ok / len(sentences), ok, len(sentences)


def test_petrarch_unit_test_suite_pass_rate() -> None:
    rate, ok, n = pass_rate()
    print(f"PETRARCH-2 unit tests: {ok}/{n} exact ({rate:.1%})")
    assert rate >= PASS_RATE_FLOOR


def test_cli_codes_petrarch_xml_with_its_environment(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warta.cli import app

    xml = tmp_path / "two.xml"
    xml.write_text(
        "<Sentences><Environment><Verbfile>PETR.Validate.verbs.txt</Verbfile>"
        "<Actorfile>PETR.Validate.actors.txt</Actorfile><Agentfile>PETR.Validate.agents.txt</Agentfile>"
        "<Discardfile>PETR.Validate.discards.txt</Discardfile></Environment>"
        '<Sentence date="19950101" id="S-1"><Text>Arnor is about to restore full diplomatic ties with Gondor.</Text>'
        "<Parse>(ROOT (S (NP (NNP Arnor))))</Parse></Sentence>"
        '<Sentence date="19950101" id="S-2"><Text>Arnor will abandon full economic ties with Gondor.</Text>'
        "</Sentence></Sentences>",
        encoding="utf-8",
    )
    try:
        res = CliRunner().invoke(app, ["code", str(xml), "--lang", "en", "--dict-dir", str(PETR), "-f", "jsonl"])
    finally:
        stage.use_dictionaries(None)
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [(r["article"], r["source"]["code"], r["target"]["code"], r["cameo"]) for r in rows] == [
        ("S-1", "ARN", "GON", "064"), ("S-2", "ARN", "GON", "902"),
    ]  # fmt: skip
    assert rows[1]["cameo_name"] is None  # 902 is the validation dictionary's own code, written as it is
    assert rows[0]["coder_version"].startswith("warta-en")


def test_cli_refuses_a_missing_dictionary(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warta.cli import app

    txt = tmp_path / "a.txt"
    txt.write_text("Russia condemned the attack.", encoding="utf-8")
    res = CliRunner().invoke(app, ["code", str(txt), "--actors", str(tmp_path / "none.txt")])
    assert res.exit_code == 2 and "--actors" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(app, ["code", str(txt), "--lang", "fr"])
    assert res.exit_code == 2 and "--lang" in res.output


def test_english_news_is_routed_and_coded_with_the_builtin_dictionaries(tmp_path: Path) -> None:
    feed = tmp_path / "en.jsonl"
    feed.write_text(
        json.dumps({"id": "e1", "published": "2024-03-05", "text": (
            "North Korea fired two artillery shells at South Korea on Monday, officials in Seoul said. "
            "Kim Jong Un met Vladimir Putin in Moscow to discuss military cooperation."
        )}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (c,) = list(code_paths([feed]))
    assert c.article is not None and c.article.meta is not None and c.article.meta.language == "en"
    got = {(r.source.code, r.target.code, r.cameo) for r in c.records or []}
    assert any(s == "PRK" for s, _t, _ in got), got
    assert any(s == "PRKGOV" and t.startswith("RUS") for s, t, _ in got), got
    dated = [r for r in c.records or [] if r.date_text]
    assert dated and dated[0].date == "2024-03-04"  # "on Monday" before Tuesday 5 March


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the infinitive after the object is the meeting's purpose, not a second event
        ("Kim Jong Un met Vladimir Putin in Moscow to discuss military cooperation.", {("PRKGOV", "RUSGOV", "040")}),
        ("Australia announced plans to buy nuclear submarines from the United States.", {("AUS", "USA", "030")}),
        # the comma closing an opening clause or phrase ends a list: Joe Biden is not a critic of Japan
        ("After meeting Joe Biden, Xi Jinping criticized Japan.", {("CHNGOV", "JPN", "111")}),
        # a two-way code with a list subject and no target
        ("Israel and Jordan have held talks on water sharing.", {("ISR", "JOR", "046"), ("JOR", "ISR", "046")}),
        ("Russia and China signed an agreement on energy cooperation on Tuesday.",
         {("RUS", "CHN", "057"), ("CHN", "RUS", "057")}),
    ],
)  # fmt: skip
def test_english_news_with_the_builtin_dictionaries(text: str, want: set[tuple[str, str, str]]) -> None:
    got, _story = code_sentence(stage.lexicon(), text, "20240305")  # the built-in dictionaries
    assert {(c.source, c.target, c.cameo) for c in got} == want


def test_english_weekday_with_a_date_must_agree_with_it() -> None:
    from datetime import date

    ref = date(2019, 4, 26)
    assert stage._weekday_date("Wednesday", "April 24", ref) == (date(2019, 4, 24), "en-dateparser")
    # "Monday, April 24" cannot be 2019's: the nearest year where April 24 is a Monday
    assert stage._weekday_date("Monday", "April 24", ref) == (date(2017, 4, 24), "en-dateparser+weekday-year")
    # a year written out is kept, flagged
    assert stage._weekday_date("monday", "24 April 2019", ref) == (date(2019, 4, 24), "en-dateparser!weekday-mismatch")


def test_english_events_take_the_checked_weekday_date_and_the_place_from_the_gazetteer() -> None:
    import warta

    text = (
        "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok on Monday, April 24.\n"
        "Japan criticized Russia at the United Nations in New York."
    )
    recs = {r.cameo: r for r in warta.code(text, lang="en", published="2019-04-26")}
    met = recs["040"]
    assert (met.date, met.date_precision) == ("2017-04-24", "day")
    assert met.location is not None and (met.location.name, met.location.country) == ("Vladivostok", "RUS")
    assert met.evidence.sentence[slice(*met.evidence.spans["date"])] == "Monday, April 24"
    crit = recs["111"]
    assert crit.location is not None and (crit.location.name, crit.location.country) == ("New York", "USA")


def test_english_place_needs_a_place_preposition_and_a_known_city() -> None:
    assert stage._places("Talks in Vladivostok and at the Hague") == [("Vladivostok", 9, 20), ("Hague", 32, 37)]
    assert stage._places("Moscow criticized Kyiv in March") == []
    assert stage._places("officials in Xyzzyville said") == []


def test_a_users_petrarch_actor_file_changes_the_codes_of_an_english_article(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warta.cli import app

    article = tmp_path / "article.txt"
    article.write_text(
        "Kim Jong Un met Vladimir Putin in Moscow on Wednesday, September 13, 2023.\n"
        "The Freedonia Liberation Front attacked the army of Sylvania.\n",
        encoding="utf-8",
    )
    mine = tmp_path / "dicts"
    mine.mkdir()
    (mine / "my.actors.txt").write_text(
        "VLADIMIR_PUTIN\n\t[RUSELI]\nFREEDONIA_LIBERATION_FRONT [FRDREB]\nSYLVANIA [SYL]\n", encoding="utf-8"
    )

    def coded(*extra: str) -> set[tuple[str, str, str]]:
        try:
            res = CliRunner().invoke(app, ["code", str(article), "-f", "jsonl", *extra])
        finally:
            stage.use_dictionaries(None)
        assert res.exit_code == 0, res.output
        rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
        return {(r["source"]["code"], r["target"]["code"], r["cameo"]) for r in rows}

    builtin = coded()
    assert ("PRK", "RUS", "040") in builtin and ("---REB", "---MIL", "190") in builtin
    with_mine = coded("--dict-dir", str(mine))
    assert ("PRK", "RUSELI", "040") in with_mine  # the user's code for Putin over the built-in one
    assert any(s == "FRDREB" and t.startswith("SYL") for s, t, _ in with_mine)  # new actors are coded
