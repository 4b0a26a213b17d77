-- The planner's view of the token index (issue 17). ANALYZE samples 30,000 of its rows and,
-- the name crowds filling that sample, estimated 29,302 distinct tokens among 195 million
-- rows at 10 million people: 6,651 holders per token. An inbound lookup by phone was then
-- planned as a parallel bitmap scan of the table instead of one probe of its primary key.
-- Nearly every token is one person's (identifiers, name pairs) and a few are crowds: about
-- one row in ten holds a distinct token, which ANALYZE now takes as given.
ALTER TABLE token_index ALTER COLUMN token SET (n_distinct = -0.1);

-- A name search keeps the holders of its rarest word who also hold a token of every other
-- word: one probe of a person's tokens each. The index by person held only the person, so
-- each probe read the person's rows from the table (random reads once the table outgrows
-- memory); holding the token too answers it from the index alone. SQLite's index of a
-- table without rowid already holds its primary key's columns.
CREATE INDEX token_index_person_token ON token_index (person_key, token);
DROP INDEX token_index_person;
