-- Contacts' search vector also holds each email split at the @, so "acme" finds everyone at acme.io
-- (the 'simple' parser keeps a whole address as one token, which only a search for the address matches).

DROP INDEX IF EXISTS contacts_search_idx;
ALTER TABLE contacts DROP COLUMN search;
ALTER TABLE contacts ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', first_name || ' ' || last_name || ' ' || coalesce(title, '') || ' '
        || text_join(emails, ' ') || ' ' || replace(text_join(emails, ' '), '@', ' ') || ' '
        || text_join(tags, ' '))
) STORED;
CREATE INDEX contacts_search_idx ON contacts USING gin (search);
