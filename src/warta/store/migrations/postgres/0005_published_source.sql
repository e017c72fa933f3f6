-- PostgreSQL: the same as ../0005_published_source.sql (see there).
ALTER TABLE articles ADD COLUMN published_source TEXT COLLATE "C"
    CHECK (published_source IN ('given', 'page', 'url', 'text', 'crawl'));

UPDATE articles SET published_source = 'crawl', published_rule = 'crawl-time'
 WHERE format = 'indosum' AND published_rule = 'given';
UPDATE articles SET published_source = 'given'
 WHERE format = 'feed' AND published_rule = 'given';
UPDATE articles SET published_source = 'page', published_rule = 'page-metadata'
 WHERE format = 'html' AND published_rule = 'given'
   AND (source LIKE '%.html' OR source LIKE '%.htm' OR source LIKE '%.xhtml');
UPDATE articles SET published_source = 'text'
 WHERE published_rule IN ('stamp', 'citation-date', 'dateline-weekday', 'lede-date');
