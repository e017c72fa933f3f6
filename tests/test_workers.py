"""Parallel ingest: worker processes clean and code, this process writes; same store as one worker."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEEDS
from warta.ingest import ingest
from warta.store.db import Store


def _dump(db) -> dict[str, list]:
    """The store's contents that must not depend on the number of workers."""
    with Store(db) as store:
        c = store.conn
        return {
            "articles": [tuple(r) for r in c.execute(
                "SELECT article_id, ref, source, published, language, text, content_hash FROM articles ORDER BY 1"
            )],
            "near": [tuple(r) for r in c.execute("SELECT * FROM near_duplicates ORDER BY 1, 2")],
            "events": [tuple(r) for r in c.execute(
                "SELECT event_id, article_id, date, source_code, target_code, cameo, canonical_id"
                " FROM events ORDER BY 1"
            )],
            "fused": [tuple(r) for r in c.execute(
                "SELECT canonical_id, date, source_actor, target_actor, cameo FROM canonical_events ORDER BY 1"
            )],
        }  # fmt: skip


def test_two_workers_give_the_same_store_as_one(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
            text = path.read_text(encoding="utf-8")
            fh.write(json.dumps({"id": f"f{i}", "text": text}) + "\n")
            fh.write(json.dumps({"id": f"g{i}", "text": text + "\nParagraf tambahan di akhir."}) + "\n")
        fh.write("{not json\n")
    inputs = [SEEDS, feed]
    summaries = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            summaries[workers] = ingest(inputs, store, workers=workers, commit_every=3)
    one, two = summaries[1], summaries[2]
    assert (one.ingested, one.present, one.near_duplicates, one.events) == (
        two.ingested, two.present, two.near_duplicates, two.events
    )  # fmt: skip
    assert [str(e) for e in one.skipped] == [str(e) for e in two.skipped] and len(one.skipped) == 1
    assert one.ingested == 10 and one.present == 5 and one.near_duplicates >= 5
    assert _dump(tmp_path / "w1.db") == _dump(tmp_path / "w2.db")


def test_input_errors_survive_the_trip_from_a_worker():
    import pickle

    from warta.errors import InputError

    err = pickle.loads(pickle.dumps(InputError("a.jsonl", "W105", "invalid JSON", 3)))
    assert (err.path, err.code, err.reason, err.line, str(err)) == ("a.jsonl", "W105", "invalid JSON", 3, str(err))
    assert str(err) == "a.jsonl:3: [W105] invalid JSON"


def test_the_reported_event_count_is_what_the_store_holds(tmp_path):
    # dev_57 names one actor twice in apposition ("Ketua Aliansi …, Lamsiang Sitompul melaporkan …"):
    # one event id, one record, one row, one event counted
    from tests.conftest import ROOT
    from warta.coder import code_paths

    dev = ROOT / "tests" / "data" / "dev" / "dev.jsonl"
    ids = [r.event_id for c in code_paths([dev]) for r in c.records or []]
    assert len(ids) == len(set(ids)) > 100
    with Store(tmp_path / "w.db") as store:
        summary = ingest([dev], store)
        stored = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert summary.events == stored == len(ids)


def test_a_repeated_ingest_recognises_stored_articles_before_coding_them(tmp_path, monkeypatch):
    import warta.ingest as ingest_module
    from warta.pipeline import Pipeline

    with Store(tmp_path / "w.db") as store:
        first = ingest([SEEDS], store)
        assert first.ingested == 5 and first.events > 0

        coded: list[str] = []

        class Spy(Pipeline):
            def __call__(self, art):
                if any(s.name == "events" for s in self.stages):
                    coded.append(art.source)
                return super().__call__(art)

        monkeypatch.setattr(ingest_module, "Pipeline", Spy)
        again = ingest([SEEDS], store)
        assert (again.present, again.ingested, again.skipped, coded) == (5, 0, [], [])
        new = tmp_path / "new.txt"
        new.write_text("Jakarta - Presiden Rusia mengunjungi Korea Utara pada Rabu (19/6/2024).\n", encoding="utf-8")
        ingest([SEEDS, new], store)
        assert [Path(c).name for c in coded] == ["new.txt"]
