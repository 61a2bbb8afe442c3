-- The audit log (0080): explicit entries (logins, exports, permission changes, approvals) and searches.

-- name: insert_audit
INSERT INTO audit_log (org_id, actor_user_id, actor_kind, run_id, thread_id, source, action, entity, entity_id,
                       before, after, ip)
VALUES (%(org_id)s, %(actor_user_id)s, %(actor_kind)s, %(run_id)s, %(thread_id)s, %(source)s, %(action)s,
        %(entity)s, %(entity_id)s, %(before)s, %(after)s, %(ip)s)

-- name: search_audit
SELECT id, at, actor_user_id, actor_kind, run_id, thread_id, source, action, entity, entity_id, before, after, ip
FROM audit_log
WHERE org_id = %(org_id)s
  AND (%(actor)s::uuid IS NULL OR actor_user_id = %(actor)s)
  AND (%(entity)s::text IS NULL OR entity = %(entity)s)
  AND (%(entity_id)s::text IS NULL OR entity_id = %(entity_id)s)
  AND (%(action)s::text IS NULL OR action = %(action)s)
  AND (%(source)s::text IS NULL OR source = %(source)s)
  AND (%(run_id)s::text IS NULL OR run_id = %(run_id)s)
  AND (%(since)s::timestamptz IS NULL OR at >= %(since)s)
  AND (%(until)s::timestamptz IS NULL OR at < %(until)s)
  AND (%(before_id)s::bigint IS NULL OR id < %(before_id)s)
ORDER BY id DESC
LIMIT %(limit)s
