-- Lifecycle stages: the per-organization list contacts' lifecycle_stage must come from.

-- name: list_stages
SELECT key, label, position FROM lifecycle_stages WHERE org_id = %(org_id)s ORDER BY position

-- name: upsert_stage
INSERT INTO lifecycle_stages (org_id, key, label, position)
VALUES (%(org_id)s, %(key)s, %(label)s, %(position)s)
ON CONFLICT (org_id, key) DO UPDATE SET label = EXCLUDED.label, position = EXCLUDED.position

-- name: stage_usage
SELECT lifecycle_stage AS key, count(*) AS n FROM contacts
WHERE org_id = %(org_id)s AND lifecycle_stage = ANY(%(keys)s::text[])
GROUP BY lifecycle_stage

-- name: delete_stages
DELETE FROM lifecycle_stages WHERE org_id = %(org_id)s AND key = ANY(%(keys)s::text[])
