-- Activities and tasks: reads through the activity_details view, writes on activities.

-- name: get_activity
SELECT * FROM activity_details WHERE org_id = %(org_id)s AND id = %(activity_id)s AND deleted_at IS NULL

-- name: get_activity_for_update
SELECT id, type, direction, subject, body, occurred_at, due_at, status, contact_id, company_id, deal_id,
       owner_id, created_at, updated_at, deleted_at
FROM activities WHERE org_id = %(org_id)s AND id = %(activity_id)s AND deleted_at IS NULL
FOR UPDATE

-- name: insert_activity
INSERT INTO activities (org_id, type, direction, subject, body, occurred_at, due_at, status,
                        contact_id, company_id, deal_id, owner_id)
VALUES (%(org_id)s, %(type)s, %(direction)s, %(subject)s, %(body)s, COALESCE(%(occurred_at)s, now()),
        %(due_at)s, %(status)s, %(contact_id)s, %(company_id)s, %(deal_id)s, %(owner_id)s)
RETURNING id

-- name: update_activity
UPDATE activities SET
    direction = %(direction)s, subject = %(subject)s, body = %(body)s, occurred_at = %(occurred_at)s,
    due_at = %(due_at)s, status = %(status)s, contact_id = %(contact_id)s, company_id = %(company_id)s,
    deal_id = %(deal_id)s, owner_id = %(owner_id)s, updated_at = now()
WHERE org_id = %(org_id)s AND id = %(activity_id)s AND deleted_at IS NULL
RETURNING id

-- name: soft_delete_activity
UPDATE activities SET deleted_at = now(), updated_at = now()
WHERE org_id = %(org_id)s AND id = %(activity_id)s AND deleted_at IS NULL
RETURNING id

-- name: deal_ref
SELECT id, company_id, contact_id FROM deals WHERE org_id = %(org_id)s AND id = %(deal_id)s AND deleted_at IS NULL

-- name: list_tasks
-- {sort_expr}, {direction} and {keyset} come from a whitelist in repositories/activities.py.
SELECT a.*, {sort_expr} AS sort_value
FROM activity_details a
WHERE a.org_id = %(org_id)s AND a.type = 'task' AND a.deleted_at IS NULL
  AND (%(owner_id)s::uuid IS NULL OR a.owner_id = %(owner_id)s)
  AND (%(status)s::text IS NULL OR a.status = %(status)s)
  AND (%(due_before)s::timestamptz IS NULL OR a.due_at < %(due_before)s)
  AND (%(due_after)s::timestamptz IS NULL OR a.due_at >= %(due_after)s)
  AND (%(overdue)s::boolean IS NULL
       OR %(overdue)s = (a.status = 'open' AND a.due_at IS NOT NULL AND a.due_at < %(now)s))
  AND (%(contact_id)s::uuid IS NULL OR a.contact_id = %(contact_id)s)
  AND (%(company_id)s::uuid IS NULL OR a.company_id = %(company_id)s)
  AND (%(deal_id)s::uuid IS NULL OR a.deal_id = %(deal_id)s)
  {keyset}
ORDER BY sort_value {direction}, a.id {direction}
LIMIT %(limit)s
