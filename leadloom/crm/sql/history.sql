-- Record history: every change's before/after, append-only.

-- name: insert_history
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
VALUES (%(org_id)s, %(entity)s, %(entity_id)s, %(action)s, %(before)s, %(after)s, %(actor_id)s, %(source)s)

-- name: list_history
SELECT id, entity, entity_id, action, before, after, actor_id, source, at
FROM record_history
WHERE org_id = %(org_id)s AND entity = %(entity)s AND entity_id = %(entity_id)s
ORDER BY at DESC, id DESC
LIMIT %(limit)s
