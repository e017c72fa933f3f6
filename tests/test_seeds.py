"""The five seed pages against the expectations in data/seeds.meta.jsonl."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from warta.stages.read import read_path

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _process(pipeline, name):
    items = list(read_path(SEEDS / name))
    assert len(items) == 1 and items[0].error is None
    return pipeline(items[0].article)


def test_seeds_all_present(seed_meta):
    assert sorted(seed_meta) == SEED_FILES


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_must_drop_lines_are_gone(pipeline, seed_meta, name):
    art = _process(pipeline, name)
    for line in seed_meta[name]["must_drop"]:
        assert line not in art.text, f"furniture kept: {line!r}"
        assert any(line in d.text for d in art.dropped), f"not recorded as dropped: {line!r}"


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_must_keep_lines_stay(pipeline, seed_meta, name):
    art = _process(pipeline, name)
    for line in seed_meta[name]["must_keep"]:
        assert line in art.text, f"body line lost: {line!r}"


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_metadata(pipeline, seed_meta, name):
    expected = seed_meta[name]
    meta = _process(pipeline, name).meta
    assert meta.outlet == expected["outlet"]
    assert meta.title == expected["title"]
    assert meta.language == expected["language"]
    if name.startswith("002"):
        # no date anchor in the page: the date stays unknown (the gold's month comes from elsewhere)
        assert meta.published is None and meta.published_precision is None
    else:
        assert meta.published == expected["published"]
        assert meta.published_precision == expected["precision"]


def test_seed_002_takes_its_date_from_a_feed(pipeline, tmp_path):
    import json

    text = (SEEDS / "002_796e4c222cf1b5ba.txt").read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "002", "text": text, "published": "2024-02"}) + "\n", encoding="utf-8")
    (item,) = list(read_path(feed))
    meta = pipeline(item.article).meta
    assert (meta.published, meta.published_precision) == ("2024-02", "month")


def test_seed_dropped_lines_name_their_rules(pipeline):
    art = _process(pipeline, "001_28770d38e02522de.txt")
    rules = {d.text: d.rule for d in art.dropped}
    assert rules["Penerjemah: Kuntum Khaira Riswan"] == "credit"
    assert rules["5 days ago"] == "counter"
    assert rules["7"] == "bare-number"
    assert rules["Copyright © ANTARA 2025"] == "legal"
