-- Both token indexes hold both columns, so lookups are answered from the index alone: the
-- holders of a token (a phone, a name prefix) by (token, person_id), and which tokens a
-- given person holds (scoring the people a name search kept, purging a person) by
-- (person_id, token), without one table fetch per row.
CREATE INDEX search_tokens_token_person ON search_tokens(token, person_id);
DROP INDEX search_tokens_token;
CREATE INDEX search_tokens_person_token ON search_tokens(person_id, token);
DROP INDEX search_tokens_person;
