"""`warta lexicon gaps`: candidate sentences, coverage, and the uncovered words by frequency."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import make_article
from warta.cli import app
from warta.gaps import candidate_sentences, gap_report, lexicon_size
from warta.pipeline import Pipeline

PIPE = Pipeline("clean", "metadata", "sentences", "actors", on_error="raise")

TEXT = (
    "Jakarta - Pemerintah Korea Selatan mengecam Korea Utara atas peluncuran rudal.\n"
    "Jepang menyelundupkan minyak ke Rusia pada pekan lalu.\n"
    "Filipina menyelundupkan beras ke Vietnam.\n"
    "Indonesia menjadi mitra dagang Australia.\n"
    "Harga beras naik tajam di pasar.\n"
)


def test_gaps_candidates_need_two_actors_and_coverage_counts_triggers_and_nonevents():
    art = PIPE(make_article(TEXT))
    assert len(candidate_sentences(art)) == 4  # the price sentence names no actor
    report = gap_report([art])
    assert (report.candidates, report.by_trigger, report.by_nonevent) == (4, 1, 1)
    assert report.coverage == 0.5
    top = report.top(5)
    assert top[0].lemma == "selundup" and top[0].sentences == 2  # counted once a sentence
    assert "menyelundupkan" in top[0].forms
    assert all(g.lemma not in ("pada", "pekan", "jepang", "rusia") for g in top)  # function words, names


def test_gaps_skip_sports_reports():
    sports = (
        "Timnas Indonesia mengalahkan Malaysia dalam laga final.\n"
        "Pelatih dan pemain timnas merayakan gol kemenangan di stadion bersama suporter.\n"
    )
    assert candidate_sentences(PIPE(make_article(sports))) == []


def test_lexicon_gaps_command_reports_size_coverage_and_gaps(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "text": TEXT, "published": "2017-05-01"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lexicon", "gaps", str(feed), "--json", "--top", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["candidate_sentences"] == 4 and data["coverage"] == 0.5
    assert data["lexicon"]["senses"] == lexicon_size()["senses"] > 100
    assert data["gaps"][0]["lemma"] == "selundup"
