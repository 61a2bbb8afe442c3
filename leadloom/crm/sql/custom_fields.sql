-- Custom field definitions per organization and entity.

-- name: list_defs
SELECT id, entity, key, label, type, options, required FROM custom_field_defs
WHERE org_id = %(org_id)s AND (%(entity)s::text IS NULL OR entity = %(entity)s::text)
ORDER BY entity, label

-- name: insert_def
INSERT INTO custom_field_defs (org_id, entity, key, label, type, options, required)
VALUES (%(org_id)s, %(entity)s, %(key)s, %(label)s, %(type)s, %(options)s, %(required)s)
RETURNING id, entity, key, label, type, options, required

-- name: delete_def
DELETE FROM custom_field_defs WHERE org_id = %(org_id)s AND id = %(id)s
RETURNING id, entity, key, label, type, options, required
