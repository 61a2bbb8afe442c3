-- Companies. Same conventions as contacts.sql: static filters with optional parameters, and the
-- repository replaces /*...*/ markers with whitelisted fragments.

-- name: company_columns
co.id, co.name, co.domain, co.industry, co.size, co.owner_id, u.name AS owner_name, co.custom, co.external_id,
(SELECT count(*) FROM contacts c WHERE c.company_id = co.id AND c.deleted_at IS NULL) AS contact_count,
co.created_at, co.updated_at, co.deleted_at

-- name: company_from
companies co
LEFT JOIN users u ON u.id = co.owner_id

-- name: company_filter
(%(include_deleted)s OR co.deleted_at IS NULL)
AND (%(tsquery)s::text IS NULL OR co.search @@ to_tsquery('simple', %(tsquery)s::text))
AND (%(name_like)s::text IS NULL OR co.name ILIKE %(name_like)s::text)
AND (%(domain)s::text IS NULL OR co.domain = %(domain)s::text OR co.domain ILIKE %(domain_like)s::text)
AND (%(industry_like)s::text IS NULL OR co.industry ILIKE %(industry_like)s::text)
AND (%(min_size)s::int IS NULL OR co.size >= %(min_size)s::int)
AND (%(max_size)s::int IS NULL OR co.size <= %(max_size)s::int)
AND (%(owner_ids)s::uuid[] IS NULL OR co.owner_id = ANY(%(owner_ids)s::uuid[]))
AND (NOT %(unowned)s OR co.owner_id IS NULL)

-- name: list_companies
SELECT /*columns*/, /*sort_expr*/ AS sort_value
FROM /*from*/
WHERE co.org_id = %(org_id)s AND /*filter*/ AND /*keyset*/
ORDER BY /*order*/
LIMIT %(limit)s

-- name: get_company
SELECT /*columns*/
FROM /*from*/
WHERE co.org_id = %(org_id)s AND co.id = %(id)s

-- name: get_company_for_update
SELECT /*columns*/
FROM /*from*/
WHERE co.org_id = %(org_id)s AND co.id = %(id)s
FOR UPDATE OF co

-- name: name_candidates
-- Candidates for fuzzy matching: same first letter, same domain, or the text anywhere in the name
-- ("acme" finds "The Acme Group"). rapidfuzz ranks them.
SELECT co.id, co.name, co.domain FROM companies co
WHERE co.org_id = %(org_id)s AND co.deleted_at IS NULL
  AND (left(lower(co.name), 1) = ANY(%(initials)s::text[]) OR co.domain = %(domain)s::text
       OR co.name ILIKE %(like)s::text)
ORDER BY co.created_at DESC
LIMIT %(limit)s

-- name: insert_company
INSERT INTO companies (org_id, name, domain, industry, size, owner_id, custom, external_id)
VALUES (%(org_id)s, %(name)s, %(domain)s, %(industry)s, %(size)s, %(owner_id)s, %(custom)s, %(external_id)s)
RETURNING id

-- name: update_company
UPDATE companies SET name = %(name)s, domain = %(domain)s, industry = %(industry)s, size = %(size)s,
    owner_id = %(owner_id)s, custom = %(custom)s, external_id = %(external_id)s, updated_at = now()
WHERE org_id = %(org_id)s AND id = %(id)s

-- name: set_deleted
UPDATE companies SET deleted_at = CASE WHEN %(deleted)s THEN now() END, updated_at = now()
WHERE org_id = %(org_id)s AND id = %(id)s
