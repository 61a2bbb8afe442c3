-- The knowledge index (migration 0040): embedded activity text for semantic search. Inside org_tx.

-- name: pending_orgs
SELECT org_id FROM knowledge_pending_orgs();

-- name: get_watermark
SELECT last_at, last_id FROM knowledge_watermarks WHERE source_type = %(source_type)s;

-- name: set_watermark
INSERT INTO knowledge_watermarks (org_id, source_type, last_at, last_id)
VALUES (%(org_id)s, %(source_type)s, %(last_at)s, %(last_id)s)
ON CONFLICT (org_id, source_type) DO UPDATE SET last_at = excluded.last_at, last_id = excluded.last_id;

-- name: pending_activities
-- Activities changed after the watermark, oldest first; settle_s leaves very recent rows for the next
-- poll so a transaction that commits late with an earlier timestamp is not skipped.
SELECT id, contact_id, type, subject, body, updated_at, deleted_at
FROM activities
WHERE (updated_at, id) > (%(last_at)s::timestamptz, %(last_id)s::uuid)
  AND updated_at <= now() - make_interval(secs => %(settle_s)s)
ORDER BY updated_at, id
LIMIT %(limit)s;

-- name: upsert_chunk
INSERT INTO knowledge_chunks (org_id, source_type, source_id, contact_id, text, embedding, source_updated_at)
VALUES (%(org_id)s, %(source_type)s, %(source_id)s, %(contact_id)s, %(text)s, %(embedding)s::vector,
        %(source_updated_at)s)
ON CONFLICT (org_id, source_type, source_id) DO UPDATE
SET contact_id = excluded.contact_id, text = excluded.text, embedding = excluded.embedding,
    source_updated_at = excluded.source_updated_at, updated_at = now();

-- name: delete_chunk
DELETE FROM knowledge_chunks WHERE source_type = %(source_type)s AND source_id = %(source_id)s;

-- name: search_chunks
SELECT k.source_type, k.source_id, k.contact_id, k.text, k.updated_at,
       1 - (k.embedding <=> %(embedding)s::vector) AS similarity,
       nullif(trim(c.first_name || ' ' || c.last_name), '') AS contact_name, a.occurred_at
FROM knowledge_chunks k
LEFT JOIN contacts c ON c.id = k.contact_id
LEFT JOIN activities a ON k.source_type = 'activity' AND a.id = k.source_id
WHERE (%(contact_id)s::uuid IS NULL OR k.contact_id = %(contact_id)s::uuid)
ORDER BY k.embedding <=> %(embedding)s::vector
LIMIT %(limit)s;
