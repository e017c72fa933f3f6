"""GDELT 2.0 event and mentions files from the store, loaded as GDELT's own are; joins between the exports."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from warta import gdelt, ontology
from warta.cli import app
from warta.store.db import Store

pd = pytest.importorskip("pandas")
runner = CliRunner()

# GDELT 2.0 Event Codebook (data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf): the event
# table's 61 columns and the mentions table's 16, in order, written out here rather than imported, so that
# the test checks the code against the codebook and not against itself.
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]  # fmt: skip
CODES_AS_TEXT = {"EventCode": str, "EventBaseCode": str, "EventRootCode": str}  # GDELT: "store as a string"

# what an article says instead of a name, and Indonesian state names: never a GDELT actor name
NOT_NAMES = {
    "IA", "DIA", "BELIAU", "MEREKA", "PIHAKNYA", "DIRINYA", "KAMI", "KITA", "KEDUA", "KEDUANYA", "PIHAK",
    "RUSIA", "KOREA SELATAN", "KOREA UTARA", "AMERIKA SERIKAT", "KORSEL", "KORUT", "MOSKOW",
    "PERSERIKATAN BANGSA-BANGSA", "PEJABAT", "KEMENTERIAN", "MENTERI", "PRESIDEN", "DUTA BESAR", "MILITER",
}  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("gdelt") / "g.db"
    res = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(path), "-q"])
    assert res.exit_code == 0, res.output
    return path


@pytest.fixture(scope="module")
def files(db, tmp_path_factory):
    """The folder export: event table, mentions table and Warta's companion file, one GDELT stamp."""
    folder = tmp_path_factory.mktemp("out")
    res = runner.invoke(app, ["export", str(folder), "--gdelt", "--db", str(db)])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3
    stamp = names[0].split(".")[0]
    assert re.fullmatch(r"\d{14}", stamp)
    assert names == [f"{stamp}.export.CSV", f"{stamp}.mentions.CSV", f"{stamp}.warta.CSV"]
    return {kind: folder / f"{stamp}.{kind}.CSV" for kind in ("export", "mentions", "warta")}


def _events(path):
    return pd.read_csv(path, sep="\t", header=None, names=GDELT_EVENT_COLUMNS, dtype=CODES_AS_TEXT)


def _mentions(path):
    return pd.read_csv(path, sep="\t", header=None, names=GDELT_MENTION_COLUMNS)


def test_event_file_has_gdelt_layout_and_types(files, db):
    lines = files["export"].read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert lines[0].split("\t")[0].isdigit()  # no header
    ev = _events(files["export"])
    with Store(db) as store:
        fused = store.conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    assert len(ev) == fused and ev["GLOBALEVENTID"].is_unique
    integers = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type",
                "DATEADDED")  # fmt: skip
    for col in integers:
        assert pd.api.types.is_integer_dtype(ev[col]), col
    for col in ("FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"):
        assert pd.api.types.is_float_dtype(ev[col]), col
    days = pd.to_datetime(ev["SQLDATE"].astype(str), format="%Y%m%d")  # raises on anything but YYYYMMDD
    assert (ev["MonthYear"] == ev["SQLDATE"] // 100).all() and (ev["Year"] == days.dt.year).all()
    assert ((ev["FractionDate"] - ev["Year"]).between(0, 1)).all()
    pd.to_datetime(ev["DATEADDED"].astype(str), format="%Y%m%d%H%M%S")
    # CAMEO codes, GDELT's QuadClass convention, Goldstein from the codebook
    for _, r in ev.iterrows():
        assert ontology.is_code(r["EventCode"]) and r["EventRootCode"] == r["EventCode"][:2]
        assert r["EventCode"].startswith(r["EventBaseCode"]) and len(r["EventBaseCode"]) in (2, 3)
        assert r["QuadClass"] == ontology.quad_class(r["EventCode"], "gdelt")
        assert r["GoldsteinScale"] == ontology.goldstein(r["EventCode"])
        assert 1 <= r["NumSources"] <= r["NumArticles"] <= r["NumMentions"]
    assert set(ev["IsRootEvent"]) == {0, 1}
    assert ev["SOURCEURL"].notna().all()
    assert ev["AvgTone"].isna().all()  # Warta scores no tone


def test_event_file_actors_are_cameo_codes_and_english_names(files):
    ev = _events(files["export"])
    names = set(ev["Actor1Name"]) | set(ev["Actor2Name"])
    assert all(isinstance(n, str) and n == n.upper() for n in names)
    assert not names & NOT_NAMES
    assert {"SOUTH KOREA", "NORTH KOREA", "RUSSIA", "UNITED STATES", "UNITED NATIONS", "VLADIMIR PUTIN"} <= names
    assert not any(w in NOT_NAMES for n in names for w in n.split())
    for side in ("Actor1", "Actor2"):
        for _, r in ev.iterrows():
            country, group, code = r[f"{side}CountryCode"], r[f"{side}KnownGroupCode"], r[f"{side}Code"]
            if isinstance(group, str):  # an organisation: IGOUNO, with its known-group code and no state
                assert pd.isna(country) and code.startswith(("IGO", "NGO")) and group in code
                assert r[f"{side}Type1Code"] in ("IGO", "NGO")
            else:
                assert country in ontology.countries() and code.startswith(country)
                sector = code[3:]  # KORGOV: the sector is the first type code
                assert r[f"{side}Type1Code"] == sector if sector else pd.isna(r[f"{side}Type1Code"])
    un = ev[ev["Actor1KnownGroupCode"] == "UNO"]
    assert len(un) and (un["Actor1Code"] == "IGOUNO").all() and (un["Actor1Name"] == "UNITED NATIONS").all()


def test_event_file_places_in_fips(files):
    ev = _events(files["export"])
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        assert set(ev[f"{prefix}_Type"]) <= {0, 1, 3, 4}
        codes = ev[f"{prefix}_CountryCode"].dropna()
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
        empty = ev[ev[f"{prefix}_Type"] == 0]
        assert empty[[f"{prefix}_FullName", f"{prefix}_CountryCode"]].isna().all().all()
    moscow = ev[ev["ActionGeo_FullName"] == "Moscow, Russia"]
    assert len(moscow) and (moscow["ActionGeo_CountryCode"] == "RS").all() and (moscow["ActionGeo_Type"] == 4).all()
    assert moscow["ActionGeo_Lat"].between(55, 56).all()
    pyongyang = ev[ev["ActionGeo_FullName"] == "Pyongyang, North Korea"]
    assert len(pyongyang) and (pyongyang["ActionGeo_CountryCode"] == "KN").all()
    state_level = ev[ev["ActionGeo_Type"] == 1]  # a place known by its state: the state's FIPS code as feature
    assert len(state_level) and (state_level["ActionGeo_FeatureID"] == state_level["ActionGeo_CountryCode"]).all()


def test_mentions_join_the_events_and_point_into_the_articles(files, db):
    ev, mn = _events(files["export"]), _mentions(files["mentions"])
    assert all(len(line.split("\t")) == 16 for line in files["mentions"].read_text(encoding="utf-8").splitlines())
    for col in ("GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "SentenceID", "Actor1CharOffset",
                "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen"):  # fmt: skip
        assert pd.api.types.is_integer_dtype(mn[col]), col
    assert set(mn["GLOBALEVENTID"]) == set(ev["GLOBALEVENTID"])
    joined = mn.merge(ev, on="GLOBALEVENTID", how="left", validate="many_to_one")
    assert (joined["EventTimeDate"] == joined["DATEADDED"]).all()
    assert (joined["MentionTimeDate"] >= joined["EventTimeDate"]).all()
    per_event = mn.groupby("GLOBALEVENTID").size()
    assert (per_event == ev.set_index("GLOBALEVENTID")["NumArticles"].loc[per_event.index]).all()
    assert set(mn["MentionType"]) <= {1, 2} and mn["Confidence"].between(10, 100).all()
    assert (mn["SentenceID"] >= 1).all() and set(mn["InRawText"]) == {0, 1}
    # every mention names its Warta report; the offsets point at the trigger and the actors in the article text
    with Store(db) as store:
        for _, m in mn.iterrows():
            event_id = re.fullmatch(r"<WARTA_EVENT_ID>(\w+)</WARTA_EVENT_ID>", m["Extras"]).group(1)
            row = store.conn.execute(
                "SELECT e.record, e.canonical_id, a.text FROM events e JOIN articles a USING (article_id)"
                " WHERE e.event_id = ?",
                (event_id,),
            ).fetchone()
            rec, text = json.loads(row["record"]), row["text"]
            assert row["canonical_id"] == m["GLOBALEVENTID"] and m["MentionDocLen"] == len(text)
            assert text[m["ActionCharOffset"] :].startswith(rec["trigger"])
            assert m["SentenceID"] == rec["evidence"]["sentence_index"] + 1
            texts = {rec["source"]["text"], rec["target"]["text"]}
            for col in ("Actor1CharOffset", "Actor2CharOffset"):
                assert m[col] == -1 or any(text[m[col] :].startswith(t) for t in texts)


def test_companion_file_keeps_warta_precision(files):
    ev = _events(files["export"])
    side = pd.read_csv(files["warta"], sep="\t", dtype={"Date": str})
    assert list(side.columns) == list(gdelt.SIDECAR_COLUMNS)
    assert list(side["GLOBALEVENTID"]) == list(ev["GLOBALEVENTID"])
    assert set(side["DatePrecision"]) <= {"day", "month", "year"} and "month" in set(side["DatePrecision"])
    merged = side.merge(ev[["GLOBALEVENTID", "SQLDATE", "NumArticles"]], on="GLOBALEVENTID")
    for _, r in merged.iterrows():
        first_day = (r["Date"].replace("-", "") + "0101")[:8]
        assert str(r["SQLDATE"]) == first_day  # a month is its first day, never 00
        assert len(r["EventIDs"].split(";")) == r["NumArticles"]


def test_gdelt_file_names_and_bad_flags(db, tmp_path):
    named = tmp_path / "warta.export.CSV"
    res = runner.invoke(app, ["export", str(named), "--gdelt", "--db", str(db),
                              "--gdelt-mentions", str(tmp_path / "warta.mentions.CSV")])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warta.export.CSV", "warta.mentions.CSV", "warta.warta.CSV"]
    res = runner.invoke(app, ["export", "-", "--gdelt", "--db", str(db)])
    assert res.exit_code == 0 and all(len(line.split("\t")) == 61 for line in res.stdout.splitlines())
    for args, message in [
        ([str(tmp_path / "g.csv"), "--gdelt"], "FILE"),
        ([str(named), "--gdelt-mentions", str(tmp_path / "m.csv")], "--gdelt-mentions"),
        ([str(named), "--gdelt", "--fused"], "choose one"),
        ([str(named), "--gdelt", "--format", "csv"], "--format"),
    ]:
        res = runner.invoke(app, ["export", *args, "--db", str(db)])
        assert res.exit_code == 2 and message in res.output, (args, res.output)
    assert not (tmp_path / "g.csv").exists() and not (tmp_path / "m.csv").exists()


# 20140202 → 2014.0876 is in GDELT's own data (rounding would give .0877); the others follow its formula
@pytest.mark.parametrize(
    ("day", "fraction"), [("20140202", 2014.0876), ("20240621", 2024.4684), ("20241231", 2024.989)]
)
def test_fraction_date_as_gdelt_computes_it(day, fraction):
    assert gdelt.fraction_date(day) == fraction


def test_actor_fields_and_fips():
    assert (
        gdelt.actor_fields({"country": "KOR", "sector": "GOV", "code": "KORGOV", "name": "Korea Selatan"}, 1)[
            "Actor1Name"
        ]
        == "SOUTH KOREA"
    )
    hrw = gdelt.actor_fields({"igo": "HRW", "name": "Human Rights Watch"}, 2)
    assert (hrw["Actor2Code"], hrw["Actor2KnownGroupCode"], hrw["Actor2Type1Code"]) == ("NGOHRW", "HRW", "NGO")
    assert gdelt.actor_fields({"igo": "UNO", "name": "Perserikatan Bangsa-Bangsa"}, 1)["Actor1Name"] == "UNITED NATIONS"
    who = gdelt.actor_fields({"igo": "WHO"}, 1)
    assert who["Actor1Code"] == "IGOUNOWHO"
    putin = gdelt.actor_fields({"country": "RUS", "sector": "GOV", "name": "Vladimir Putin", "text": "ia"}, 1)
    assert (putin["Actor1Name"], putin["Actor1Type1Code"]) == ("VLADIMIR PUTIN", "GOV")
    assert gdelt.actor_name({"country": "PRK", "name": "mereka", "text": "mereka"}) == "NORTH KOREA"
    assert [gdelt.fips(c) for c in ("KOR", "PRK", "RUS", "IDN", "USA", "GBR")] == ["KS", "KN", "RS", "ID", "US", "UK"]
    table = gdelt.fips_table()
    assert set(table) == set(ontology.countries())
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code, _ in table.values() if code)
    assert gdelt.timestamp("2026-11-30T13:02:28+07:00") == 20261130060228


# -- 2. joins and typed Parquet --------------------------------------------------------------------------------


def test_per_article_exports_carry_canonical_id_and_fused_events_their_reports(db, tmp_path):
    import csv

    records = [json.loads(x) for x in runner.invoke(app, ["export", "-", "--db", str(db)]).stdout.splitlines()]
    fused = [json.loads(x) for x in runner.invoke(app, ["export", "-", "--fused", "--db", str(db)]).stdout.splitlines()]
    assert all("canonical_id" in r for r in records)
    by_id = {f["canonical_id"]: f for f in fused}
    for r in records:
        if r["negated"] or r["hypothetical"]:
            assert r["canonical_id"] is None  # not fused
        else:
            assert r["event_id"] in by_id[r["canonical_id"]]["event_ids"]
    assert sorted(e for f in fused for e in f["event_ids"]) == sorted(
        r["event_id"] for r in records if r["canonical_id"]
    )
    assert all(len(f["event_ids"]) == f["num_articles"] for f in fused)
    assert runner.invoke(app, ["export", str(tmp_path / "e.csv"), "--format", "csv", "--db", str(db)]).exit_code == 0
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert {r["event_id"]: r["canonical_id"] for r in rows} == {
        r["event_id"]: str(r["canonical_id"]) if r["canonical_id"] else "" for r in records
    }
    res = runner.invoke(app, ["export", str(tmp_path / "f.csv"), "--format", "csv", "--fused", "--db", str(db)])
    assert res.exit_code == 0
    assert all(json.loads(r["event_ids"]) for r in csv.DictReader((tmp_path / "f.csv").open(encoding="utf-8")))


EVENT_TYPES = {"published": "date32[day]", "date": "date32[day]", "negated": "bool", "hypothetical": "bool",
               "symmetric": "bool", "canonical_id": "int64", "quad_class": "int64", "goldstein": "double",
               "confidence": "double", "lat": "double", "lon": "double", "url": "string", "attribution": "string",
               "date_precision": "string", "published_precision": "string", "cameo": "string"}  # fmt: skip
FUSED_TYPES = {"canonical_id": "int64", "symmetric": "bool", "date": "date32[day]", "first_reported": "date32[day]",
               "last_reported": "date32[day]", "num_mentions": "int64", "num_articles": "int64",
               "num_sources": "int64", "confidence": "double", "goldstein": "double", "url": "string",
               "event_ids": "list<element: string>", "ingested_at": "timestamp[ms, tz=UTC]"}  # fmt: skip


def _schema(path):
    import pyarrow.parquet as pq

    return {f.name: f.type for f in pq.read_schema(path)}


@pytest.mark.parametrize("empty", [False, True])
def test_parquet_columns_are_typed(db, tmp_path, empty):
    import pyarrow as pa
    import pyarrow.parquet as pq

    store_path = db
    if empty:  # no rows at all: every column keeps the type it would have had
        store_path = tmp_path / "empty.db"
        Store(store_path).close()
    for fused, expected in ((False, EVENT_TYPES), (True, FUSED_TYPES)):
        out = tmp_path / f"{fused}.parquet"
        args = ["export", str(out), "--format", "parquet", "--db", str(store_path)] + (["--fused"] if fused else [])
        assert runner.invoke(app, args).exit_code == 0
        schema = _schema(out)
        assert {k: str(schema[k]) for k in expected} == expected
        assert not any(pa.types.is_null(t) for t in schema.values())
        if fused:
            assert pa.types.is_struct(schema["location"]) and pa.types.is_struct(schema["source"])
        table = pq.read_table(out)
        assert (table.num_rows == 0) == empty
        if not empty and not fused:  # a month is its first day, and says so beside it
            rows = table.to_pylist()
            month = next(r for r in rows if r["date_precision"] == "month")
            assert month["date"].day == 1 and isinstance(month["negated"], bool)


def test_quad_class_follows_gdelt_convention(db, tmp_path):
    """Roots 09 and 14 are where GDELT's QuadClass differs from Warta's default (the seeds have neither)."""
    import shutil

    copy = tmp_path / "q.db"
    shutil.copy(db, copy)
    with Store(copy) as store:
        store.conn.execute("UPDATE canonical_events SET cameo = '091', cameo_root = '09' WHERE canonical_id = 1")
        store.conn.execute("UPDATE canonical_events SET cameo = '141', cameo_root = '14' WHERE canonical_id = 2")
    res = runner.invoke(app, ["export", str(tmp_path / "q.export.CSV"), "--gdelt", "--db", str(copy)])
    assert res.exit_code == 0, res.output
    ev = _events(tmp_path / "q.export.CSV").set_index("GLOBALEVENTID")
    assert (ev.loc[1, "EventCode"], ev.loc[1, "QuadClass"]) == ("091", 2)  # common convention: 3
    assert (ev.loc[2, "EventCode"], ev.loc[2, "QuadClass"]) == ("141", 3)  # common convention: 4
