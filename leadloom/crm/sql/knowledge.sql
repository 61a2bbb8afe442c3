-- The knowledge index (migrations 0040, 0091): embedded activity text for semantic and word search. Inside org_tx.

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
-- Hybrid search: the pool nearest in meaning (exact cosine over the organization's rows: there is no vector
-- index, see migration 0091) and the pool that best matches the words (any of them, ranked by ts_rank,
-- through the GIN index), fused by reciprocal rank (score = sum of 1 / (60 + rank), k = 60 as in Cormack et
-- al. 2009), so a chunk both lists agree on comes first and a chunk only one finds still counts. `words` is the
-- question's words joined by "or" (websearch syntax, which never fails to parse). Each pool is cut to its size
-- before it is ranked, so only the pool is sorted in full.
WITH by_meaning AS (
    SELECT id, row_number() OVER (ORDER BY distance, id) AS r
    FROM (
        SELECT k.id, k.embedding <=> %(embedding)s::vector AS distance
        FROM knowledge_chunks k
        WHERE %(contact_id)s::uuid IS NULL OR k.contact_id = %(contact_id)s::uuid
        ORDER BY distance, k.id
        LIMIT %(pool)s
    ) nearest
), by_words AS (
    SELECT id, row_number() OVER (ORDER BY rank DESC, id) AS r
    FROM (
        SELECT k.id, ts_rank(k.text_search, websearch_to_tsquery('english', %(words)s)) AS rank
        FROM knowledge_chunks k
        WHERE k.text_search @@ websearch_to_tsquery('english', %(words)s)
          AND (%(contact_id)s::uuid IS NULL OR k.contact_id = %(contact_id)s::uuid)
        ORDER BY rank DESC, k.id
        LIMIT %(pool)s
    ) best
), fused AS (
    SELECT id, sum(1.0 / (60 + r)) AS score
    FROM (SELECT id, r FROM by_meaning UNION ALL SELECT id, r FROM by_words) both_lists
    GROUP BY id
)
SELECT k.source_type, k.source_id, k.contact_id, k.text, k.updated_at,
       1 - (k.embedding <=> %(embedding)s::vector) AS similarity,
       nullif(trim(c.first_name || ' ' || c.last_name), '') AS contact_name, a.occurred_at
FROM fused f
JOIN knowledge_chunks k ON k.id = f.id
LEFT JOIN contacts c ON c.id = k.contact_id
LEFT JOIN activities a ON k.source_type = 'activity' AND a.id = k.source_id
ORDER BY f.score DESC, k.id
LIMIT %(limit)s;
