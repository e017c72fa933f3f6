"""Scoring by the guidelines, on small hand-made gold/system pairs, and on the seed gold."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import DATA, SEEDS
from warta.cli import app
from warta.gold import GoldEvent, check_gold, evidence_in_text, load_gold
from warta.record import EventRecord
from warta.scoring import evaluate, score

GOLD_FILE = DATA / "gold" / "seeds.gold.jsonl"


def G(id, src, tgt, roots, code, date=None, precision=None, core=True, symmetric=False, doc="a.txt"):
    return GoldEvent(doc, id, core, src, tgt, symmetric, tuple(roots), code, date, precision, "bukti")


def E(src, tgt, code, date=None, article="a", **kw):
    return EventRecord.from_dict(
        {"article": article, "source": src, "target": tgt, "cameo": code, "date": date,
         "date_precision": {10: "day", 7: "month", 4: "year"}.get(len(date or "")), "evidence": "kalimat", **kw}
    )  # fmt: skip


def test_scoring_symmetric_event_matches_either_direction():
    gold = [G("1", "KOR", "RUS", ["04"], "046", symmetric=True)]
    assert score(gold, [E("RUS", "KOR", "040")], strict=False).matched == 1
    asym = [G("1", "KOR", "RUS", ["11"], "114")]
    assert score(asym, [E("RUS", "KOR", "114")], strict=False).matched == 0


def test_scoring_any_listed_root_is_acceptable():
    gold = [G("1", "KOR", "RUS", ["03", "01", "05"], "030")]
    for code in ("030", "010", "057"):
        assert score(gold, [E("KOR", "RUS", code)], strict=False).precision == 1.0
    assert score(gold, [E("KOR", "RUS", "111")], strict=False).precision == 0.0


def test_scoring_duplicates_count_against_precision_not_recall():
    gold = [G("1", "KOR", "RUS", ["04"], "046", symmetric=True)]
    s = score(gold, [E("KOR", "RUS", "046"), E("RUS", "KOR", "040"), E("KOR", "RUS", "042")], strict=False)
    assert (s.matched, s.duplicates, s.false) == (1, 2, 0)
    assert s.recall == 1.0 and round(s.precision, 3) == 0.333
    assert s.extra_rate == 2.0


def test_scoring_negated_and_hypothetical_are_left_out():
    gold = [G("1", "KOR", "RUS", ["04"], "040")]
    system = [E("KOR", "RUS", "040", negated=True), E("KOR", "RUS", "190", hypothetical=True)]
    s = score(gold, system, strict=False)
    assert (s.system, s.matched, s.recall) == (0, 0, 0.0)


def test_scoring_organisations_outside_the_five_are_left_out():
    # the guidelines annotate UNO, EEC, ASN, NAT and IAE only; an IMF or OIC event is neither matched nor false
    gold = [G("1", "KOR", "UNO", ["04"], "040")]
    system = [E("IMF", "KOR", "040"), E("KOR", "OIC", "111"), E("KOR", "UNO", "040"), E("KOR", "EEC", "111")]
    s = score(gold, system, strict=False)
    assert (s.system, s.matched, s.false) == (2, 1, 1)
    assert s.precision == 0.5


def test_scoring_strict_date_prefix_rule():
    gold = [G("1", "KOR", "RUS", ["04"], "040", "2025-05", "month")]
    assert score(gold, [E("KOR", "RUS", "040", "2025-05-21")], strict=True).matched == 1
    assert score(gold, [E("KOR", "RUS", "040", "2025-06-01")], strict=True).matched == 0
    assert score(gold, [E("KOR", "RUS", "040", "2025")], strict=True).matched == 0  # coarser than gold
    assert score(gold, [E("KOR", "RUS", "040", None)], strict=True).matched == 0
    assert score(gold, [E("KOR", "RUS", "040", "2025-06-01")], strict=False).matched == 1
    undated = [G("1", "KOR", "RUS", ["04"], "040")]
    assert score(undated, [E("KOR", "RUS", "040", "2019")], strict=True).matched == 1


def test_scoring_core_and_optional_events():
    gold = [G("1", "KOR", "RUS", ["04"], "040"), G("2", "RUS", "KOR", ["11"], "111", core=False)]
    only_optional = score(gold, [E("RUS", "KOR", "111")], strict=False)
    assert (only_optional.precision, only_optional.recall) == (1.0, 0.0)  # not penalised, not credited
    neither = score(gold, [E("KOR", "RUS", "040")], strict=False)
    assert (neither.precision, neither.recall, neither.core_gold) == (1.0, 1.0, 1)


def test_scoring_empty_system_output():
    s = score([G("1", "KOR", "RUS", ["04"], "040")], [], strict=True)
    assert (s.precision, s.recall, s.f1, s.system) == (0.0, 0.0, 0.0, 0)
    assert len(s.misses) == 1


def test_scoring_event_of_an_article_not_in_gold_is_false():
    s = score([G("1", "KOR", "RUS", ["04"], "040")], [E("KOR", "RUS", "040", article="other")], strict=False)
    assert (s.false, s.matched, s.precision) == (1, 0, 0.0)
    assert s.wrong[0][1] == "false"


def test_scoring_article_names_with_or_without_extension():
    gold = [G("1", "KOR", "RUS", ["04"], "040", doc="000_x.txt")]
    assert score(gold, [E("KOR", "RUS", "040", article="000_x")], strict=False).matched == 1


def test_scoring_igo_actors():
    gold = [G("1", "RUS", "UNO", ["05"], "051")]
    assert score(gold, [E("RUS", {"igo": "UNO"}, "051")], strict=False).matched == 1


def test_scoring_per_root_breakdown():
    gold = [G("1", "KOR", "RUS", ["04"], "040"), G("2", "KOR", "RUS", ["11"], "111")]
    result = evaluate(gold, [E("KOR", "RUS", "040"), E("KOR", "RUS", "190")])
    assert result["by_root"]["04"]["lenient"].precision == 1.0
    assert result["by_root"]["11"]["lenient"].recall == 0.0
    assert result["by_root"]["19"]["lenient"].false == 1


def _gold_as_events(tmp_path):
    from warta.ontology import igos

    def actor(code):
        return {"igo": code} if code in igos() else {"country": code}

    f = tmp_path / "events.jsonl"
    lines = [
        json.dumps({"event_id": g.id, "article": g.article, "source": actor(g.source), "target": actor(g.target),
                    "cameo": g.code, "date": g.date, "date_precision": g.precision, "evidence": g.evidence})
        for g in load_gold(GOLD_FILE)
    ]  # fmt: skip
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def test_eval_cli_gold_against_itself_is_perfect(tmp_path):
    res = CliRunner().invoke(app, ["eval", str(GOLD_FILE), str(_gold_as_events(tmp_path)), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    for kind in ("lenient", "strict"):
        assert data[kind]["precision"] == data[kind]["recall"] == 1.0


def test_eval_cli_empty_system_has_zero_recall(tmp_path):
    empty = tmp_path / "none.jsonl"
    empty.write_text("")
    res = CliRunner().invoke(app, ["eval", str(GOLD_FILE), str(empty), "--json", "--show", "misses"])
    assert res.exit_code == 0
    assert '"recall": 0.0' in res.stdout and "000-1" in res.stdout


def test_eval_cli_reports_invalid_event_lines(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text(json.dumps({"article": "a", "source": "KOR", "target": "RUS", "cameo": "999"}) + "\n{x\n")
    res = CliRunner().invoke(app, ["eval", str(GOLD_FILE), str(f)])
    assert res.exit_code == 1
    assert "bad.jsonl:1: unknown CAMEO code '999'" in res.output and "bad.jsonl:2:" in res.output


def test_gold_check_seeds_pass_with_articles():
    assert check_gold(GOLD_FILE, SEEDS) == []
    res = CliRunner().invoke(app, ["gold", "check", str(GOLD_FILE), "--articles", str(SEEDS)])
    assert res.exit_code == 0 and "63 gold events, all valid" in res.output


def test_gold_check_finds_every_problem(tmp_path):
    good = json.loads(GOLD_FILE.read_text(encoding="utf-8").splitlines()[0])
    bad = [
        {**good, "id": "x1", "code": "999"},
        {**good, "id": "x2", "roots": ["11"]},
        {**good, "id": "x3", "source": "XXX"},
        {**good, "id": "x4", "date": "2025-05", "precision": "day"},
        {**good, "id": "x5", "evidence": "kalimat yang tidak ada di artikel"},
        {k: v for k, v in good.items() if k != "core"},
        good,
        good,
    ]
    f = tmp_path / "g.jsonl"
    f.write_text("\n".join(json.dumps(b) for b in bad) + "\n{oops\n", encoding="utf-8")
    problems = check_gold(f, SEEDS)
    text = "\n".join(problems)
    assert "g.jsonl:1: unknown CAMEO code '999'" in text
    assert "g.jsonl:2: code '046' is not under any of its roots" in text
    assert "g.jsonl:3: source 'XXX'" in text
    assert "g.jsonl:4: date '2025-05' does not fit precision 'day'" in text
    assert "g.jsonl:5: evidence not found" in text
    assert "g.jsonl:6: missing field 'core'" in text
    assert "g.jsonl:7: id '000-1' already used on line 6" in text
    assert "g.jsonl:9: invalid JSON" in text


def test_gold_evidence_with_ellipsis():
    assert evidence_in_text("warga Korea ... ditangkap", "seorang warga Korea Selatan bermarga Baek ditangkap")
    assert not evidence_in_text("ditangkap ... warga Korea", "seorang warga Korea Selatan ditangkap")
