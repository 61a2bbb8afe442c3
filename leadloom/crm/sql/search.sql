-- Full-text search across contacts, companies and deals (the generated `search` tsvector columns).
-- The query is websearch syntax ("quoted phrase", -exclude, or) OR'ed with a prefix query of every
-- word, so "ali smi" finds "Alice Smith" while typing.

-- name: search_all
WITH q AS (
    SELECT CASE WHEN %(prefix)s::text IS NULL THEN websearch_to_tsquery('simple', %(text)s::text)
                ELSE websearch_to_tsquery('simple', %(text)s::text) || to_tsquery('simple', %(prefix)s::text)
           END AS query
)
(SELECT 'contact' AS type, c.id,
        coalesce(nullif(btrim(c.first_name || ' ' || c.last_name), ''), c.emails[1]) AS title,
        nullif(concat_ws(' · ', c.emails[1], co.name), '') AS subtitle,
        ts_rank(c.search, q.query)
          + CASE WHEN lower(btrim(c.first_name || ' ' || c.last_name)) = lower(%(text)s::text) THEN 1 ELSE 0 END
          AS rank
 FROM q, contacts c LEFT JOIN companies co ON co.id = c.company_id
 WHERE %(contacts)s AND c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.search @@ q.query
 ORDER BY rank DESC, c.id LIMIT %(limit)s)
UNION ALL
(SELECT 'company', co.id, co.name, nullif(concat_ws(' · ', co.domain, co.industry), ''),
        ts_rank(co.search, q.query) + CASE WHEN lower(co.name) = lower(%(text)s::text) THEN 1 ELSE 0 END
 FROM q, companies co
 WHERE %(companies)s AND co.org_id = %(org_id)s AND co.deleted_at IS NULL AND co.search @@ q.query
 ORDER BY 5 DESC, co.id LIMIT %(limit)s)
UNION ALL
(SELECT 'deal', d.id, d.name,
        nullif(concat_ws(' · ', d.status, CASE WHEN d.amount IS NOT NULL THEN d.amount::text || ' ' || d.currency END,
                         co.name), ''),
        ts_rank(d.search, q.query) + CASE WHEN lower(d.name) = lower(%(text)s::text) THEN 1 ELSE 0 END
 FROM q, deals d LEFT JOIN companies co ON co.id = d.company_id
 WHERE %(deals)s AND d.org_id = %(org_id)s AND d.deleted_at IS NULL AND d.search @@ q.query
 ORDER BY 5 DESC, d.id LIMIT %(limit)s)
ORDER BY rank DESC, type, id
LIMIT %(limit)s
