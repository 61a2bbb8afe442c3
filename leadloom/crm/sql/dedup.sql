-- De-duplication: candidate pairs from shared emails/phones (GIN indexes), name rows for fuzzy
-- blocking in Python, merges ledger, and moving activities/deals between contacts.

-- name: shared_pairs
-- Every pair of live contacts sharing an email or a phone, each pair once (a.id < b.id). Unnesting
-- and joining on the values is a hash join: linear in the number of addresses, not quadratic.
WITH v AS (
    SELECT c.id, 'email' AS kind, e AS value FROM contacts c, unnest(c.emails) e
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
    UNION ALL
    SELECT c.id, 'phone', p FROM contacts c, unnest(c.phones) p
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
)
SELECT a.id AS a_id, b.id AS b_id,
       array_agg(DISTINCT a.value) FILTER (WHERE a.kind = 'email') AS shared_emails,
       array_agg(DISTINCT a.value) FILTER (WHERE a.kind = 'phone') AS shared_phones
FROM v a JOIN v b ON b.kind = a.kind AND b.value = a.value AND b.id > a.id
GROUP BY a.id, b.id
LIMIT %(limit)s

-- name: shared_pairs_for
-- The same, for one contact against all others (the GIN indexes find the others).
SELECT a.id AS a_id, b.id AS b_id,
       ARRAY(SELECT unnest(a.emails) INTERSECT SELECT unnest(b.emails)) AS shared_emails,
       ARRAY(SELECT unnest(a.phones) INTERSECT SELECT unnest(b.phones)) AS shared_phones
FROM contacts a
JOIN contacts b ON b.org_id = a.org_id AND b.id <> a.id AND b.deleted_at IS NULL
               AND (b.emails && a.emails OR b.phones && a.phones)
WHERE a.org_id = %(org_id)s AND a.id = %(contact_id)s AND a.deleted_at IS NULL
LIMIT %(limit)s

-- name: name_rows
SELECT c.id, c.first_name, c.last_name, c.company_id FROM contacts c
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND (c.first_name <> '' OR c.last_name <> '')

-- name: refs
-- Short views of contacts for duplicate pairs, with what decides the suggested winner.
SELECT c.id, btrim(c.first_name || ' ' || c.last_name) AS full_name, c.emails, c.phones,
       co.name AS company_name, c.created_at,
       (SELECT count(*) FROM activities a WHERE a.contact_id = c.id AND a.deleted_at IS NULL) AS activity_count,
       (CASE WHEN c.title IS NULL THEN 0 ELSE 1 END + CASE WHEN c.company_id IS NULL THEN 0 ELSE 1 END
        + CASE WHEN c.lifecycle_stage IS NULL THEN 0 ELSE 1 END + CASE WHEN c.owner_id IS NULL THEN 0 ELSE 1 END
        + cardinality(c.emails) + cardinality(c.phones)) AS filled
FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
WHERE c.org_id = %(org_id)s AND c.id = ANY(%(ids)s::uuid[])

-- name: move_activities
UPDATE activities SET contact_id = %(to_id)s, updated_at = now()
WHERE org_id = %(org_id)s AND contact_id = %(from_id)s
  AND (%(ids)s::uuid[] IS NULL OR id = ANY(%(ids)s::uuid[]))
RETURNING id

-- name: move_deals
UPDATE deals SET contact_id = %(to_id)s, updated_at = now()
WHERE org_id = %(org_id)s AND contact_id = %(from_id)s
  AND (%(ids)s::uuid[] IS NULL OR id = ANY(%(ids)s::uuid[]))
RETURNING id

-- name: insert_merge
INSERT INTO merges (org_id, entity, winner_id, loser_id, snapshot, actor_id)
VALUES (%(org_id)s, %(entity)s, %(winner_id)s, %(loser_id)s, %(snapshot)s, %(actor_id)s)
RETURNING id, entity, winner_id, loser_id, created_at

-- name: get_merge_for_update
SELECT id, entity, winner_id, loser_id, snapshot, created_at, actor_id, undone_at FROM merges
WHERE org_id = %(org_id)s AND id = %(id)s
FOR UPDATE

-- name: mark_undone
UPDATE merges SET undone_at = now() WHERE org_id = %(org_id)s AND id = %(id)s
