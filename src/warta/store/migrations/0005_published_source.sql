-- Where each article's publication date came from: the feed (given), the page's own metadata
-- (page), the URL (url), the text (text) or the crawl time (crawl). Independent of 0004.
ALTER TABLE articles ADD COLUMN published_source TEXT
    CHECK (published_source IN ('given', 'page', 'url', 'text', 'crawl'));

-- Articles stored before: what their rule says for certain. An IndoSum article's "given" date was
-- the crawl time in its id; an HTML file's was its page's metadata. An HTML page carried by a
-- feed could have its date from either, so it stays unknown.
UPDATE articles SET published_source = 'crawl', published_rule = 'crawl-time'
 WHERE format = 'indosum' AND published_rule = 'given';
UPDATE articles SET published_source = 'given'
 WHERE format = 'feed' AND published_rule = 'given';
UPDATE articles SET published_source = 'page', published_rule = 'page-metadata'
 WHERE format = 'html' AND published_rule = 'given'
   AND (source LIKE '%.html' OR source LIKE '%.htm' OR source LIKE '%.xhtml');
UPDATE articles SET published_source = 'text'
 WHERE published_rule IN ('stamp', 'citation-date', 'dateline-weekday', 'lede-date');
