"""Language packs: every pack satisfies the interface, and articles are routed to the right one."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from warta import lang
from warta.article import ActorMention, Article, Event, Given, TimeExpression
from warta.coder import code_paths
from warta.pipeline import Pipeline
from warta.record import CODER_VERSION, ENGLISH_CODER_VERSION

SAMPLES = {
    "id": "Presiden Rusia Vladimir Putin bertemu Presiden Korea Selatan Yoon Suk-yeol di Moskow pada Senin (4/3).",
    "en": "North Korea fired two artillery shells at South Korea on Monday, officials in Seoul said.",
}
"""One sentence with an event, per pack."""

ENGLISH = (
    "North Korea fired two artillery shells at South Korea on Monday (4/3/2024), officials in Seoul said. "
    "Kim Jong Un met Vladimir Putin in Moscow to discuss military cooperation."
)
INDONESIAN = (
    "Menteri Luar Negeri Rusia Sergei Lavrov mengunjungi Pyongyang pada Rabu (6/3). Lavrov bertemu "
    "Menteri Luar Negeri Korea Utara Choe Son-hui untuk membahas kerja sama kedua negara, tulis KCNA "
    '("March 6, 2024").'
)
"""Each text has a date the other pack reads too: "(4/3/2024)" for Indonesian, "March 6, 2024" for English."""


def _article(text: str, language: str | None, published: str = "2024-03-05") -> Article:
    given = Given(published=published, published_precision="day", published_source="given", language=language)
    return Article(ref="t", source="t", fmt="feed", raw=text, plain=text, given=given)


@pytest.mark.parametrize("code", sorted(lang.codes()))
def test_lang_pack_satisfies_the_interface(code: str) -> None:
    pack = lang.get(code)
    assert isinstance(pack, lang.Language) and pack.code == code and pack.name
    assert code in pack.reads
    assert resources.files("warta.lang").joinpath(code).is_dir()  # its one home
    assert pack.coder_version.startswith("warta-")
    assert isinstance(pack.fold_reports, bool)
    assert pack.lexicon() is not None
    assert pack.forms is None or callable(pack.forms)
    art = Pipeline()(_article(SAMPLES[code], code))
    actors = pack.find_actors(art)
    assert actors == art.actors and actors and all(isinstance(m, ActorMention) for m in actors)
    times, reference = pack.find_times(art)
    assert (times, reference) == (art.times, art.reference)
    assert times and all(isinstance(t, TimeExpression) for t in times)
    assert reference is not None and reference[0] == "2024-03-05"
    events = pack.code_events(art)
    assert events and all(isinstance(e, Event) for e in events)


def test_lang_packs_read_disjoint_languages() -> None:
    from warta.lang.id.grammar import CODED_LANGUAGES

    reads = [c for p in lang.packs() for c in p.reads]
    assert len(reads) == len(set(reads))
    assert lang.readable() == ("en", "id", "ms")
    assert lang.get("id").reads == frozenset(CODED_LANGUAGES)


def test_lang_indonesian_pack_exposes_its_word_forms() -> None:
    forms = lang.get("id").forms
    assert forms is not None and forms("kunjung")["mengunjungi"] == "active"
    assert lang.get("en").forms is None


@pytest.mark.parametrize(
    ("language", "pack"), [(None, "id"), ("id", "id"), ("ms", "id"), ("en", "en"), ("fr", None), ("ID", None)]
)
def test_lang_routes_a_language_code_to_its_pack(language: str | None, pack: str | None) -> None:
    found = lang.for_language(language)
    assert (found.code if found else None) == pack


@pytest.mark.parametrize(
    ("given", "code"),
    [("id", "id"), ("ID", "id"), (" id-ID ", "id"), ("id_ID", "id"), ("in", "id"), ("ind", "id"),
     ("Indonesian", "id"), ("bahasa  Indonesia", "id"), ("EN", "en"), ("en-GB", "en"), ("eng", "en"),
     ("ms-MY", "ms"), ("zsm", "ms"), ("fr-FR", "fr"), ("", None), ("  ", None), (None, None)],
)  # fmt: skip
def test_lang_a_feeds_language_is_read_as_the_code_the_packs_read(given: str | None, code: str | None) -> None:
    assert lang.normalise(given) == code


def test_lang_code_takes_lang_in_any_case(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warta.cli import app

    feed = _feed(tmp_path / "f.jsonl", ENGLISH)
    run = CliRunner().invoke(app, ["code", str(feed), "--lang", "EN", "--format", "jsonl"])
    assert run.exit_code == 0, run.output
    records = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert records and all(r["coder_version"] == ENGLISH_CODER_VERSION for r in records)
    bad = CliRunner().invoke(app, ["code", str(feed), "--lang", "xx"])
    assert bad.exit_code != 0 and "--lang takes" in bad.output


def test_lang_unknown_pack_is_an_error() -> None:
    with pytest.raises(Exception, match="no language pack 'xx'"):
        lang.get("xx")


def _feed(path: Path, text: str, **fields: str) -> Path:
    path.write_text(json.dumps({"id": "a1", "published": "2024-03-05", "text": text, **fields}) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "fields", "flag", "pack"),
    [
        (ENGLISH, {}, None, "en"),  # detected
        (INDONESIAN, {}, None, "id"),  # detected (as Indonesian or Malay)
        (ENGLISH, {"lang": "id"}, None, "id"),  # the feed's lang field overrides detection
        (ENGLISH, {"language": "ms"}, None, "id"),  # and its language field: Malay is read as Indonesian
        (ENGLISH, {}, "id", "id"),  # --lang overrides detection
        (INDONESIAN, {"language": "id"}, "en", "en"),  # and the feed's field
        (ENGLISH, {"language": "id-ID"}, None, "id"),  # a feed's language as a locale
        (INDONESIAN, {"lang": "EN_us"}, None, "en"),
        (INDONESIAN, {"language": "eng"}, None, "en"),  # ISO 639-2
        (ENGLISH, {"language": "Bahasa Indonesia"}, None, "id"),  # or a name
    ],
)
def test_lang_article_is_coded_by_the_pack_of_its_language(
    tmp_path: Path, text: str, fields: dict[str, str], flag: str | None, pack: str
) -> None:
    (coded,) = list(code_paths([_feed(tmp_path / "f.jsonl", text, **fields)], lang=flag))
    art = coded.article
    assert art is not None and art.meta is not None
    given = flag or fields.get("lang") or fields.get("language")
    assert art.meta.language == (lang.normalise(given) if given else art.meta.language)
    assert art.meta.language in ("id", "ms", "en")
    routed = lang.for_article(art)
    assert routed is not None and routed.code == pack
    english = pack == "en"
    # each pack reads dates its own way: dateparser for English, the Indonesian rules otherwise
    assert art.times and all((t.rule == "en-dateparser") == english for t in art.times)
    if (text == ENGLISH) == english:
        assert coded.records, "each text is coded by its own pack"
    want = ENGLISH_CODER_VERSION if english else CODER_VERSION
    assert all(r.coder_version == want for r in coded.records or [])
    assert all(e.rule.startswith("petrarch-") == english for e in art.events)


def test_lang_language_no_pack_reads_gets_actors_and_dates_but_no_events() -> None:
    art = Pipeline()(_article(INDONESIAN, "fr"))
    assert lang.for_article(art) is None
    assert art.actors and art.times and art.events == ()
    assert Pipeline()(_article(INDONESIAN, "id")).events  # the same text, read as Indonesian


def test_lang_a_third_pack_is_routed_once_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "_loaded", dict(lang._loaded))
    base = lang.get("id")

    def one_event(art: Article) -> tuple[Event, ...]:
        a, b = art.actors[0], art.actors[-1]
        return (Event(sentence=0, source=a, target=b, cameo="040", trigger=(0, 1), trigger_text="x", rule="xx"),)

    lang.register(replace(base, code="xx", name="Test", reads=frozenset({"xx"}), code_events=one_event))
    assert "xx" in lang.codes() and "xx" in lang.readable()
    art = Pipeline()(_article(INDONESIAN, "xx"))
    assert lang.for_article(art) is lang.get("xx")
    assert [e.rule for e in art.events] == ["xx"]
