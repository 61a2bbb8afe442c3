-- Privacy requests (0090): find everything held about one person, export it, erase it.
-- %(pattern)s is a case-insensitive regex of the person's names, emails and phones (services/privacy.py
-- builds it so that it means the same to Python's re and to Postgres' ~*).

-- name: find_subject
-- The contact a request names: by id, by an email it holds, or by its exact full name; deleted ones too
-- (a soft-deleted contact is still data held about the person).
SELECT id, first_name, last_name, emails, phones, deleted_at
FROM contacts
WHERE id::text = %(ref)s
   OR emails @> ARRAY[lower(%(ref)s)]
   OR lower(trim(first_name || ' ' || last_name)) = lower(trim(%(ref)s))
ORDER BY deleted_at NULLS FIRST, created_at
LIMIT 10

-- name: merge_partners
SELECT winner_id, loser_id, snapshot FROM merges
WHERE winner_id = ANY(%(ids)s) OR loser_id = ANY(%(ids)s)

-- name: same_email_contacts
SELECT id FROM contacts WHERE emails && %(emails)s::text[]

-- name: contacts_by_ids
SELECT c.*, co.name AS company_name, co.domain AS company_domain
FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
WHERE c.id = ANY(%(ids)s)

-- name: activities_of
SELECT id, type, direction, subject, body, occurred_at, due_at, status, contact_id, company_id, deal_id,
       created_at, updated_at, deleted_at
FROM activities
WHERE contact_id = ANY(%(ids)s) OR subject ~* %(pattern)s OR body ~* %(pattern)s
ORDER BY occurred_at

-- name: deals_of
SELECT id, name, amount, currency, status, close_reason, expected_close, contact_id, company_id, created_at,
       deleted_at
FROM deals WHERE contact_id = ANY(%(ids)s) OR name ~* %(pattern)s OR close_reason ~* %(pattern)s

-- name: score_history_of
SELECT contact_id, score, probability, kind, explanation, at FROM score_history
WHERE contact_id = ANY(%(ids)s) ORDER BY at

-- name: score_corrections_of
SELECT contact_id, corrected_label, corrected_score, reason, score_before, at FROM score_corrections
WHERE contact_id = ANY(%(ids)s) ORDER BY at

-- name: merges_of
SELECT id, entity, winner_id, loser_id, snapshot, created_at, undone_at FROM merges
WHERE winner_id = ANY(%(ids)s) OR loser_id = ANY(%(ids)s)

-- name: record_history_of
SELECT entity, entity_id, action, before, after, source, at FROM record_history
WHERE entity_id::text = ANY(%(ids)s) OR before::text ~* %(pattern)s OR after::text ~* %(pattern)s
ORDER BY at, id

-- name: audit_of
SELECT at, actor_user_id, actor_kind, source, action, entity, entity_id, before, after FROM audit_log
WHERE entity_id = ANY(%(ids)s) OR before::text ~* %(pattern)s OR after::text ~* %(pattern)s
ORDER BY id

-- name: knowledge_of
SELECT source_type, source_id, contact_id, text, updated_at FROM knowledge_chunks
WHERE contact_id = ANY(%(ids)s) OR source_id = ANY(%(activity_ids)s) OR text ~* %(pattern)s

-- name: import_jobs
SELECT id, filename, file, encoding, delimiter, header, errors::text AS errors_text,
       warnings::text AS warnings_text, created_at
FROM import_jobs ORDER BY created_at

-- name: agent_threads
SELECT t.thread_id, t.title, t.created_at,
       coalesce((SELECT jsonb_agg(jsonb_build_object('run_id', r.run_id, 'input', r.input, 'output', r.output,
                                                    'tool_calls', r.tool_calls, 'interrupts', r.interrupts,
                                                    'at', r.created_at) ORDER BY r.created_at)
                 FROM agent_runs r WHERE r.thread_id = t.thread_id), '[]') AS runs
FROM agent_threads t ORDER BY t.created_at

-- name: checkpoint_texts
-- LangGraph's checkpoint tables carry no org_id: callers pass only thread ids of their own organization
-- (agent_threads is under row-level security).
SELECT thread_id, checkpoint::text || ' ' || metadata::text AS text, NULL::bytea AS blob
FROM checkpoints WHERE thread_id = ANY(%(threads)s)
UNION ALL
SELECT thread_id, NULL, blob FROM checkpoint_blobs WHERE thread_id = ANY(%(threads)s) AND blob IS NOT NULL
UNION ALL
SELECT thread_id, NULL, blob FROM checkpoint_writes WHERE thread_id = ANY(%(threads)s)

-- name: store_items
SELECT prefix, key, value::text AS text FROM store WHERE prefix LIKE %(prefix)s

-- name: insert_request
INSERT INTO privacy_requests (org_id, kind, subject_hash, reason, actor_user_id, source, counts)
VALUES (%(org_id)s, %(kind)s, %(subject_hash)s, %(reason)s, %(actor_user_id)s, %(source)s, %(counts)s)
RETURNING id

-- name: record_counts
SELECT privacy_record_counts(%(request)s, %(counts)s)

-- name: purge
SELECT privacy_purge(%(request)s, %(ids)s, %(pattern)s) AS counts

-- name: delete_knowledge
DELETE FROM knowledge_chunks
WHERE contact_id = ANY(%(ids)s) OR source_id = ANY(%(activity_ids)s) OR text ~* %(pattern)s

-- name: delete_activities
DELETE FROM activities WHERE contact_id = ANY(%(ids)s)

-- name: scrub_activities
-- Other records' notes that mention the person keep their text with the person blanked out; updated_at
-- moves so the knowledge indexer re-embeds the cleaned text.
UPDATE activities
SET subject = regexp_replace(subject, %(pattern)s, '[erased]', 'gi'),
    body = regexp_replace(body, %(pattern)s, '[erased]', 'gi'),
    updated_at = now()
WHERE subject ~* %(pattern)s OR body ~* %(pattern)s

-- name: scrub_deals
-- Deals are the organization's revenue records: they stay, unlinked from the person, without their name.
UPDATE deals
SET name = regexp_replace(name, %(pattern)s, '[erased]', 'gi'),
    close_reason = regexp_replace(close_reason, %(pattern)s, '[erased]', 'gi'),
    contact_id = CASE WHEN contact_id = ANY(%(ids)s) THEN NULL ELSE contact_id END,
    updated_at = now()
WHERE contact_id = ANY(%(ids)s) OR name ~* %(pattern)s OR close_reason ~* %(pattern)s
RETURNING id

-- name: scrub_companies
UPDATE companies SET name = regexp_replace(name, %(pattern)s, '[erased]', 'gi'), updated_at = now()
WHERE name ~* %(pattern)s

-- name: scrub_other_contacts
UPDATE contacts
SET title = regexp_replace(title, %(pattern)s, '[erased]', 'gi'),
    custom = regexp_replace(custom::text, %(pattern)s, '[erased]', 'gi')::jsonb
WHERE NOT (id = ANY(%(ids)s)) AND (title ~* %(pattern)s OR custom::text ~* %(pattern)s)

-- name: scrub_campaigns
UPDATE campaigns
SET name = regexp_replace(name, %(pattern)s, '[erased]', 'gi'),
    subject = regexp_replace(subject, %(pattern)s, '[erased]', 'gi'),
    body = regexp_replace(body, %(pattern)s, '[erased]', 'gi'),
    filters = regexp_replace(filters::text, %(pattern)s, '[erased]', 'gi')::jsonb
WHERE name ~* %(pattern)s OR subject ~* %(pattern)s OR body ~* %(pattern)s OR filters::text ~* %(pattern)s

-- name: scrub_segments
UPDATE segments
SET name = regexp_replace(name, %(pattern)s, '[erased]', 'gi'),
    description = regexp_replace(description, %(pattern)s, '[erased]', 'gi'),
    filters = regexp_replace(filters::text, %(pattern)s, '[erased]', 'gi')::jsonb
WHERE name ~* %(pattern)s OR description ~* %(pattern)s OR filters::text ~* %(pattern)s

-- name: delete_merges
DELETE FROM merges WHERE winner_id = ANY(%(ids)s) OR loser_id = ANY(%(ids)s)

-- name: delete_contacts
DELETE FROM contacts WHERE id = ANY(%(ids)s)

-- name: delete_score_queue
DELETE FROM score_queue WHERE contact_id = ANY(%(ids)s)

-- name: update_import_job
UPDATE import_jobs
SET file = %(file)s, row_count = %(row_count)s,
    errors = regexp_replace(errors::text, %(pattern)s, '[erased]', 'gi')::jsonb,
    warnings = regexp_replace(warnings::text, %(pattern)s, '[erased]', 'gi')::jsonb
WHERE id = %(id)s

-- name: delete_threads
DELETE FROM agent_threads WHERE thread_id = ANY(%(threads)s)

-- name: delete_checkpoints
-- What AsyncPostgresSaver.adelete_thread does, but inside the erasure's own transaction.
WITH w AS (DELETE FROM checkpoint_writes WHERE thread_id = ANY(%(threads)s) RETURNING 1),
     b AS (DELETE FROM checkpoint_blobs WHERE thread_id = ANY(%(threads)s) RETURNING 1),
     c AS (DELETE FROM checkpoints WHERE thread_id = ANY(%(threads)s) RETURNING 1)
SELECT (SELECT count(*) FROM w) + (SELECT count(*) FROM b) + (SELECT count(*) FROM c) AS n

-- name: delete_store_item
DELETE FROM store WHERE prefix = %(prefix)s AND key = %(key)s

-- name: unsubscribe
UPDATE contacts
SET email_unsubscribed_at = CASE WHEN %(channel)s = 'email' THEN coalesce(email_unsubscribed_at, now())
                                 ELSE email_unsubscribed_at END,
    sms_unsubscribed_at = CASE WHEN %(channel)s = 'sms' THEN coalesce(sms_unsubscribed_at, now())
                               ELSE sms_unsubscribed_at END,
    updated_at = now()
WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id, emails, phones, email_consent, sms_consent, email_unsubscribed_at, sms_unsubscribed_at, deleted_at
