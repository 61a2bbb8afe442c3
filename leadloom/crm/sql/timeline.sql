-- Timelines: a record's activities and its deals' stage changes, newest first, keyset-paged on (at, id).
-- One query per kind of record so each can use its own index (an OR across kinds would use none).
-- Parameters: org_id, entity_id, limit, and before_at/before_id (both NULL on the first page).

-- name: contact_timeline
SELECT * FROM (
    SELECT 'activity' AS kind, a.id, a.occurred_at AS at, a.type, a.direction, a.subject, a.body, a.status,
           a.due_at, a.contact_id, a.company_id, a.deal_id, d.name AS deal_name, a.owner_id AS user_id,
           NULL::text AS from_stage, NULL::text AS to_stage, NULL::text AS to_status, NULL::text AS reason
    FROM activities a LEFT JOIN deals d ON d.id = a.deal_id
    WHERE a.org_id = %(org_id)s AND a.contact_id = %(entity_id)s AND a.deleted_at IS NULL
    UNION ALL
    SELECT 'stage_change', s.id, s.changed_at, NULL, NULL, NULL, NULL, NULL,
           NULL, d.contact_id, d.company_id, d.id, d.name, s.changed_by,
           s.from_stage, s.to_stage, s.to_status, s.reason
    FROM deal_stage_changes s JOIN deals d ON d.id = s.deal_id
    WHERE s.org_id = %(org_id)s AND d.contact_id = %(entity_id)s AND d.deleted_at IS NULL
) t
WHERE %(before_at)s::timestamptz IS NULL OR (t.at, t.id) < (%(before_at)s::timestamptz, %(before_id)s::uuid)
ORDER BY t.at DESC, t.id DESC
LIMIT %(limit)s

-- name: company_timeline
-- A company's own activities and those of its contacts (a contact's email is part of the account's story).
SELECT * FROM (
    SELECT 'activity' AS kind, a.id, a.occurred_at AS at, a.type, a.direction, a.subject, a.body, a.status,
           a.due_at, a.contact_id, a.company_id, a.deal_id, d.name AS deal_name, a.owner_id AS user_id,
           NULL::text AS from_stage, NULL::text AS to_stage, NULL::text AS to_status, NULL::text AS reason
    FROM activities a LEFT JOIN deals d ON d.id = a.deal_id
    WHERE a.org_id = %(org_id)s AND a.deleted_at IS NULL
      AND (a.company_id = %(entity_id)s
           OR a.contact_id IN (SELECT c.id FROM contacts c
                               WHERE c.org_id = %(org_id)s AND c.company_id = %(entity_id)s))
    UNION ALL
    SELECT 'stage_change', s.id, s.changed_at, NULL, NULL, NULL, NULL, NULL,
           NULL, d.contact_id, d.company_id, d.id, d.name, s.changed_by,
           s.from_stage, s.to_stage, s.to_status, s.reason
    FROM deal_stage_changes s JOIN deals d ON d.id = s.deal_id
    WHERE s.org_id = %(org_id)s AND d.company_id = %(entity_id)s AND d.deleted_at IS NULL
) t
WHERE %(before_at)s::timestamptz IS NULL OR (t.at, t.id) < (%(before_at)s::timestamptz, %(before_id)s::uuid)
ORDER BY t.at DESC, t.id DESC
LIMIT %(limit)s

-- name: deal_timeline
SELECT * FROM (
    SELECT 'activity' AS kind, a.id, a.occurred_at AS at, a.type, a.direction, a.subject, a.body, a.status,
           a.due_at, a.contact_id, a.company_id, a.deal_id, d.name AS deal_name, a.owner_id AS user_id,
           NULL::text AS from_stage, NULL::text AS to_stage, NULL::text AS to_status, NULL::text AS reason
    FROM activities a LEFT JOIN deals d ON d.id = a.deal_id
    WHERE a.org_id = %(org_id)s AND a.deal_id = %(entity_id)s AND a.deleted_at IS NULL
    UNION ALL
    SELECT 'stage_change', s.id, s.changed_at, NULL, NULL, NULL, NULL, NULL,
           NULL, d.contact_id, d.company_id, d.id, d.name, s.changed_by,
           s.from_stage, s.to_stage, s.to_status, s.reason
    FROM deal_stage_changes s JOIN deals d ON d.id = s.deal_id
    WHERE s.org_id = %(org_id)s AND s.deal_id = %(entity_id)s
) t
WHERE %(before_at)s::timestamptz IS NULL OR (t.at, t.id) < (%(before_at)s::timestamptz, %(before_id)s::uuid)
ORDER BY t.at DESC, t.id DESC
LIMIT %(limit)s

-- name: entity_exists
-- Whether the record exists (and is live) in the current organization; {table} is from a fixed whitelist.
SELECT 1 AS ok FROM {table} WHERE org_id = %(org_id)s AND id = %(entity_id)s AND deleted_at IS NULL
