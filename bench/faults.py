"""Fault campaign: a corrupt batch, a kill -9 loop, and pathological text, against ``warta ingest``.

1. **Corrupt batch.** Builds a folder of 900 good articles from the corpus in every format
   (.txt, .html, .jsonl, .json; some UTF-16, some with NUL bytes, some nested too deep for an
   HTML parser, one with a file name that is not UTF-8) and 100 bad inputs of every kind the
   readers know (empty, binary, truncated UTF-8 and HTML, oversized files and records, invalid
   and too deeply nested JSON, bad records, pages without text, binary feeds, dangling links,
   link loops, a folder that cannot be entered when not run as root). Runs ``warta ingest`` on
   it in a subprocess and prints: files, good stored, good lost, bad named, tracebacks, time.
2. **kill -9 loops.** Starts ``warta ingest`` on the good articles (in one process, then with two
   worker processes), kills it with SIGKILL at random moments several times, then lets a last run
   finish; prints the store's integrity
   check, good articles lost, and articles or events stored twice.
3. **Pathological text.** A 2 MB text of one paragraph repeated against a 2 MB text of distinct
   paragraphs, each ingested alone; prints both times and their ratio.

    python bench/faults.py [FEED.jsonl] [--kills N]

Exit status 1 when any of: a traceback, a good article lost, a bad input not named, a failed
integrity check, a duplicate.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import parse_feed
from warta.ingest import ingest
from warta.stages.read import article_from_record, display_name
from warta.store.db import Store

GOOD = 900
BAD = 100
WARTA = [sys.executable, "-c", "import sys; from warta.cli import main; sys.argv[0] = 'warta'; main()"]
SKIP_LINE = re.compile(r"^skipped (.+?)(?::\d+)?: \[([WE]\d{3})\]")


def corpus_texts(feed: Path, n: int) -> list[tuple[str, str, str]]:
    """``n`` distinct corpus articles as (id, title, text)."""
    out, seen = [], set()
    with feed.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            art = article_from_record(rec, source="corpus")
            digest = hashlib.sha1(art.plain.encode()).hexdigest()
            if digest in seen or len(art.plain) < 400:
                continue
            seen.add(digest)
            title = art.plain.split("\n", 1)[0][:120]
            out.append((f"{len(out):04d}", title, art.plain))
            if len(out) == n:
                break
    return out


def _html(title: str, text: str) -> str:
    paras = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def build_batch(folder: Path, texts: list[tuple[str, str, str]]) -> tuple[set[str], list[Path]]:
    """Write the good and the bad inputs; return the good refs and the bad paths."""
    folder.mkdir(parents=True)
    good_refs: set[str] = set()
    for i, (ident, title, text) in enumerate(texts):
        ref = f"good{ident}"
        kind = i % 9
        if kind in (0, 1, 2):
            (folder / f"{ref}.txt").write_text(text, encoding="utf-8")
        elif kind == 3:
            (folder / f"{ref}.txt").write_bytes(text.encode("utf-16"))  # UTF-16 with a BOM
        elif kind == 4:  # a NUL past the first 8 KB (the binary check reads 8 KB)
            more = "\n".join(t for _, _, t in texts[i + 1 : i + 6])
            data = f"{text}\n{more}".encode()
            cut = max(8300, data.rfind(b" ", 0, 8400))
            (folder / f"{ref}.txt").write_bytes(data[:cut] + b"\x00" + data[cut:])
        elif kind == 5:
            (folder / f"{ref}.html").write_text(_html(title, text), encoding="utf-8")
        elif kind == 6:
            depth = 3_000
            body = "<div>" * depth + "".join(f"<p>{p}</p>" for p in text.splitlines()) + "</div>" * depth
            (folder / f"{ref}.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
        elif kind == 7:
            rec = {"id": ref, "title": title, "text": text, "published": "2024-05-22"}
            (folder / f"{ref}.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            rec = {"id": ref, "text": text.replace("\n", "\n\u0000", 1)}
            (folder / f"{ref}.json").write_text(json.dumps([rec]), encoding="utf-8")
        good_refs.add(ref)
    # one good file whose name is not UTF-8 (stored as its ref with the byte escaped)
    odd = os.path.join(os.fsencode(folder), b"good_\xff.txt")
    with open(odd, "w", encoding="utf-8") as fh:
        fh.write(texts[0][2] + "\nParagraf tambahan agar teks ini berbeda dari yang lain.")
    good_refs.add(display_name(Path(os.fsdecode(b"good_\xff"))))

    bad = folder / "bad"
    bad.mkdir()
    sample = texts[0][2].encode()
    makers = [
        ("empty.txt", lambda: b""),
        ("blank.txt", lambda: b"\n  \n\t\n"),
        ("binary.txt", lambda: bytes(range(256)) * 40),
        ("cut.txt", lambda: sample + "é".encode()[:1]),
        ("cut.html", lambda: _html("Judul", texts[1][2]).encode()[:-40]),
        ("menu.html", lambda: b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>"),
        ("huge.txt", lambda: b"kata " * 1_100_000),
        ("broken.jsonl", lambda: b'{"id": "x", "text": "tanpa penutup\n'),
        ("deep.jsonl", lambda: b"[" * 50_000 + b"]" * 50_000 + b"\n"),
        ("deep.json", lambda: b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("noid.jsonl", lambda: b'{"text": "Berita tanpa id."}\n'),
        ("notext.jsonl", lambda: b'{"id": "n1", "title": "Hanya judul"}\n'),
        ("wrongtype.jsonl", lambda: b'{"id": "w1", "text": 42}\n'),
        ("bigrecord.json", lambda: json.dumps({"id": "big", "text": "kata " * 1_100_000}).encode()),
        ("binary.jsonl", lambda: os.urandom(30_000)),
        ("empty.jsonl", lambda: b""),
    ]
    bad_paths: list[Path] = []
    for i in range(BAD - 10):
        name, make = makers[i % len(makers)]
        path = bad / f"{i:03d}_{name}"
        path.write_bytes(make())
        bad_paths.append(path)
    for i in range(5):
        link = bad / f"dangling_{i}.txt"
        os.symlink(f"missing_{i}.txt", link)
        bad_paths.append(link)
    for i in range(4):
        link = bad / f"loop_{i}.txt"
        os.symlink(link.name, link)
        bad_paths.append(link)
    locked = bad / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(texts[2][2], encoding="utf-8")
    if os.geteuid() != 0:  # root enters any folder; the case is then left out
        locked.chmod(0)
        bad_paths.append(locked)
    else:
        (locked / "inside.txt").unlink()
        locked.rmdir()
        up = bad / "up"
        up.mkdir()
        os.symlink("..", up / "again")  # a folder that contains itself, in its place
        bad_paths.append(up / "again")
    return good_refs, bad_paths


def stored_refs(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT ref FROM articles")]


def corrupt_batch(texts: list[tuple[str, str, str]], tmp: Path) -> bool:
    folder = tmp / "batch"
    good_refs, bad_paths = build_batch(folder, texts)
    db = tmp / "batch.db"
    t0 = time.perf_counter()
    run = subprocess.run([*WARTA, "ingest", str(folder), "--db", str(db), "--quiet"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    named = {m.group(1) for line in run.stderr.splitlines() if (m := SKIP_LINE.match(line.strip()))}
    refs = stored_refs(db)
    lost = good_refs - set(refs)
    unnamed = [p for p in bad_paths if display_name(p) not in named]
    tracebacks = run.stderr.count("Traceback")
    files = len(good_refs) + len(bad_paths)
    print("corrupt batch")
    print(f"  files             {files:>6}  ({len(good_refs)} good, {len(bad_paths)} bad)")
    print(f"  good stored       {len(good_refs & set(refs)):>6}")
    print(f"  good lost         {len(lost):>6}" + (f"  e.g. {sorted(lost)[:3]}" if lost else ""))
    print(f"  bad named         {len(bad_paths) - len(unnamed):>6} of {len(bad_paths)}")
    print(f"  tracebacks        {tracebacks:>6}")
    print(f"  exit status       {run.returncode:>6}  (1: inputs were skipped)")
    print(f"  time              {wall:>6.1f} s")
    for p in unnamed[:5]:
        print(f"  not named: {p}")
    if tracebacks:
        print(run.stderr[-2000:])
    return not (lost or unnamed or tracebacks)


def kill_loop(texts: list[tuple[str, str, str]], tmp: Path, kills: int, workers: int = 1) -> bool:
    folder = tmp / f"kill{workers}"
    folder.mkdir()
    for ident, _title, text in texts:
        (folder / f"good{ident}.txt").write_text(text, encoding="utf-8")
    db = tmp / f"kill{workers}.db"
    rng = random.Random(7)
    cmd = [*WARTA, "ingest", str(folder), "--db", str(db), "--quiet", "--workers", str(workers)]
    counts = []
    for _ in range(kills):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(3.0, 9.0 + 4 * (workers > 1)))  # loading takes a second or two; then 100 a write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        counts.append(len(stored_refs(db)) if db.exists() else 0)
    final = subprocess.run(cmd, capture_output=True, text=True)
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        dup_articles = conn.execute(
            "SELECT count(*) FROM (SELECT ref FROM articles GROUP BY ref HAVING count(*) > 1)"
        ).fetchone()[0]
        dup_events = conn.execute(
            "SELECT count(*) FROM (SELECT article_id, sentence_index, source_code, target_code, cameo FROM events "
            "GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1)"
        ).fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM events e LEFT JOIN articles a USING (article_id) WHERE a.article_id IS NULL"
        ).fetchone()[0]
    want = {f"good{ident}" for ident, _, _ in texts}
    lost = want - set(stored_refs(db))
    print(f"kill -9 loop, --workers {workers} ({kills} kills, then a resume)")
    print(f"  articles after each kill  {counts}")
    print(f"  resume exit status        {final.returncode}  ({final.stdout.strip()})")
    print(f"  integrity                 {integrity}")
    print(f"  lost                      {len(lost)}")
    print(f"  duplicated articles       {dup_articles}")
    print(f"  duplicated events         {dup_events}")
    print(f"  events without article    {orphans}")
    return integrity == "ok" and not lost and not dup_articles and not dup_events and not orphans


def pathological(texts: list[tuple[str, str, str]], tmp: Path) -> None:
    ordinary, i = [], 0
    while sum(map(len, ordinary)) < 2_000_000:
        _, _, text = texts[i % len(texts)]
        ordinary.append("\n".join(f"{line} ({i})" for line in text.splitlines()))
        i += 1
    para = max(texts[0][2].splitlines(), key=len)
    repeated = "\n".join([para] * (2_000_000 // (len(para) + 1)))
    times = {}
    for name, text in (("ordinary", "\n".join(ordinary)), ("repeated", repeated)):
        path = tmp / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        with Store(tmp / f"{name}.db") as store:
            t0 = time.perf_counter()
            ingest([path], store, max_bytes=5_000_000)
            times[name] = time.perf_counter() - t0
    print("pathological text (one file, ingested alone)")
    print(f"  2 MB distinct paragraphs   {times['ordinary']:.2f} s")
    print(f"  2 MB one line repeated     {times['repeated']:.2f} s")
    print(f"  ratio repeated/ordinary    {times['repeated'] / times['ordinary']:.2f}  (goal: under 3)")


def main() -> int:
    args = parse_feed(__doc__, [(("--kills",), {"type": int, "default": 6, "help": "kill -9s before resuming"})])
    if args is None:
        return 2
    texts = corpus_texts(args.feed, GOOD)
    with tempfile.TemporaryDirectory() as tmp:
        ok = corrupt_batch(texts, Path(tmp))
        print()
        ok = kill_loop(texts, Path(tmp), args.kills) and ok
        print()
        ok = kill_loop(texts, Path(tmp), args.kills, workers=2) and ok
        print()
        pathological(texts, Path(tmp))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
