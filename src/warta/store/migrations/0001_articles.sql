-- Articles as read and cleaned, with the lines cleaning dropped, near-duplicate links and
-- full-text search.  Later stages add their tables in later migrations.
CREATE TABLE articles (
    article_id          INTEGER PRIMARY KEY,
    ref                 TEXT NOT NULL,              -- feed id, or file base name
    source              TEXT NOT NULL,              -- path it was read from (:LINE for feeds)
    format              TEXT NOT NULL,              -- text | html | feed | indosum
    url                 TEXT,
    title               TEXT,
    outlet              TEXT,
    outlet_rule         TEXT,
    dateline            TEXT,
    published           TEXT,                       -- ISO prefix at its precision
    published_precision TEXT CHECK (published_precision IN ('day', 'month', 'year')),
    published_rule      TEXT,
    language            TEXT,
    text                TEXT NOT NULL,              -- the clean text, one paragraph a line
    paragraphs          TEXT NOT NULL,              -- JSON: [[start, end, raw line, is_title], …]
    content_hash        TEXT NOT NULL UNIQUE,       -- sha256 of the normalised clean text
    minhash             BLOB,                       -- MinHash signature (uint64 × num_perm)
    ingested_at         TEXT NOT NULL
);
CREATE INDEX articles_ref ON articles (ref);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE dropped_lines (
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    text       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    PRIMARY KEY (article_id, line_no)
);

CREATE TABLE article_problems (
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL
);

CREATE TABLE near_duplicates (
    article_id   INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    duplicate_of INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    similarity   REAL NOT NULL,                      -- estimated Jaccard of word 3-grams
    PRIMARY KEY (article_id, duplicate_of)
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'article_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
