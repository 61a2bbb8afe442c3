-- Lead scoring on the database: leads and their activities for features, closed outcomes for labels,
-- the model registry, score history, corrections and the rescoring queue (see 0060_scoring.sql).

-- name: lead_rows
-- Lead fields the features are built from, plus what results show (name, company, stage, owner).
SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.emails[1] AS email, c.phones[1] AS phone,
       c.title, c.lead_source, c.lifecycle_stage, c.email_consent, c.custom, c.created_at, c.score,
       co.name AS company, co.industry, co.size AS company_size, u.name AS owner
FROM contacts c
LEFT JOIN companies co ON co.id = c.company_id AND co.deleted_at IS NULL
LEFT JOIN users u ON u.id = c.owner_id
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.id = ANY(%(ids)s::uuid[])

-- name: lead_activities
-- Interactions only: an open task is a plan, not something the lead did.
SELECT a.contact_id, a.type, a.direction, a.occurred_at
FROM activities a
WHERE a.org_id = %(org_id)s AND a.deleted_at IS NULL AND a.type <> 'task'
  AND a.contact_id = ANY(%(ids)s::uuid[])
ORDER BY a.contact_id, a.occurred_at

-- name: outcomes
-- Every contact with a known outcome and when it became known. Won deals and customer stages are
-- positive; lost deals and disqualification negative; the latest correction overrides both.
SELECT c.id, c.lifecycle_stage, c.updated_at,
       (SELECT min(d.closed_at) FROM deals d
         WHERE d.contact_id = c.id AND d.deleted_at IS NULL AND d.status = 'won') AS won_at,
       (SELECT min(d.closed_at) FROM deals d
         WHERE d.contact_id = c.id AND d.deleted_at IS NULL AND d.status = 'lost') AS lost_at,
       (SELECT max(h.at) FROM record_history h
         WHERE h.org_id = c.org_id AND h.entity = 'contact' AND h.entity_id = c.id
           AND h.after ->> 'lifecycle_stage' = c.lifecycle_stage
           AND (h.before IS NULL OR h.before ->> 'lifecycle_stage' IS DISTINCT FROM c.lifecycle_stage)) AS stage_at,
       corr.corrected_label, corr.corrected_score, corr.at AS corrected_at
FROM contacts c
LEFT JOIN LATERAL (
    SELECT s.corrected_label, s.corrected_score, s.at FROM score_corrections s
    WHERE s.org_id = c.org_id AND s.contact_id = c.id ORDER BY s.at DESC LIMIT 1
) corr ON true
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
  AND (corr.at IS NOT NULL
       OR c.lifecycle_stage IN ('customer', 'evangelist', 'churned', 'disqualified')
       OR EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.deleted_at IS NULL
                  AND d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL))

-- name: count_contacts
SELECT count(*)::int AS n FROM contacts WHERE org_id = %(org_id)s AND deleted_at IS NULL

-- name: champion
SELECT id, version, kind, algorithm, status, status_text, metrics, created_at, artefact
FROM scoring_models WHERE org_id = %(org_id)s AND status = 'champion'

-- name: champion_id
SELECT id FROM scoring_models WHERE org_id = %(org_id)s AND status = 'champion'

-- name: model_artefact
SELECT artefact FROM scoring_models WHERE org_id = %(org_id)s AND id = %(id)s

-- name: next_version
SELECT coalesce(max(version), 0) + 1 AS version FROM scoring_models WHERE org_id = %(org_id)s

-- name: lock_org_models
-- Serialises registry writes of one organization (two trainings racing for champion).
SELECT pg_advisory_xact_lock(hashtextextended('leadloom.scoring:' || %(org_id)s::text, 0))

-- name: retire_champion
UPDATE scoring_models SET status = 'retired' WHERE org_id = %(org_id)s AND status = 'champion'

-- name: insert_model
INSERT INTO scoring_models (org_id, version, kind, algorithm, status, status_text, metrics, features, gate,
                            window_from, window_to, n_train, n_outcomes, artefact, card)
VALUES (%(org_id)s, %(version)s, %(kind)s, %(algorithm)s, %(status)s, %(status_text)s, %(metrics)s, %(features)s,
        %(gate)s, %(window_from)s, %(window_to)s, %(n_train)s, %(n_outcomes)s, %(artefact)s, %(card)s)
RETURNING id, version, kind, algorithm, status, status_text, metrics, gate, window_from, window_to, n_train,
          n_outcomes, created_at

-- name: list_models
SELECT id, version, kind, algorithm, status, status_text, metrics, gate, window_from, window_to, n_train,
       n_outcomes, created_at
FROM scoring_models WHERE org_id = %(org_id)s
ORDER BY version DESC
LIMIT %(limit)s

-- name: get_model
SELECT id, version, kind, algorithm, status, status_text, metrics, features, gate, window_from, window_to,
       n_train, n_outcomes, created_at, card
FROM scoring_models WHERE org_id = %(org_id)s AND id = %(id)s

-- name: save_score
UPDATE contacts SET score = %(score)s, score_updated_at = %(at)s
WHERE org_id = %(org_id)s AND id = %(contact_id)s

-- name: insert_history
INSERT INTO score_history (org_id, contact_id, score, probability, model_id, kind, explanation, at)
VALUES (%(org_id)s, %(contact_id)s, %(score)s, %(probability)s, %(model_id)s, %(kind)s, %(explanation)s, %(at)s)

-- name: latest_history
SELECT h.score, h.probability, h.model_id, m.version AS model_version, h.kind, h.explanation, h.at
FROM score_history h LEFT JOIN scoring_models m ON m.id = h.model_id
WHERE h.org_id = %(org_id)s AND h.contact_id = %(contact_id)s
ORDER BY h.at DESC, h.id DESC
LIMIT %(limit)s

-- name: insert_correction
INSERT INTO score_corrections (org_id, contact_id, user_id, corrected_label, corrected_score, reason, score_before)
VALUES (%(org_id)s, %(contact_id)s, %(user_id)s, %(corrected_label)s, %(corrected_score)s, %(reason)s,
        %(score_before)s)
RETURNING id, contact_id, user_id, corrected_label, corrected_score, reason, score_before, at

-- name: top_leads
-- Open leads by stored score (kept fresh by the rescoring worker), with their latest explanation.
SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.emails[1] AS email, co.name AS company,
       c.lifecycle_stage AS stage, u.name AS owner, c.score, h.explanation, h.kind, h.model_id
FROM contacts c
LEFT JOIN companies co ON co.id = c.company_id
LEFT JOIN users u ON u.id = c.owner_id
LEFT JOIN LATERAL (
    SELECT s.explanation, s.kind, s.model_id FROM score_history s
    WHERE s.org_id = c.org_id AND s.contact_id = c.id ORDER BY s.at DESC, s.id DESC LIMIT 1
) h ON true
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.score IS NOT NULL
  AND (%(owner_id)s::uuid IS NULL OR c.owner_id = %(owner_id)s::uuid)
  AND (%(stage)s::text IS NULL OR c.lifecycle_stage = %(stage)s)
  -- Without a stage asked for, "leads" excludes people who already bought or were ruled out.
  AND (%(stage)s::text IS NOT NULL
       OR c.lifecycle_stage IS NULL OR c.lifecycle_stage NOT IN ('customer', 'evangelist', 'churned', 'disqualified'))
  AND (%(since)s::date IS NULL OR c.created_at >= %(since)s::date)
ORDER BY c.score DESC, name
LIMIT %(limit)s

-- name: unscored_ids
SELECT c.id FROM contacts c
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.score IS NULL
  AND (%(owner_id)s::uuid IS NULL OR c.owner_id = %(owner_id)s::uuid)
  AND (%(stage)s::text IS NULL OR c.lifecycle_stage = %(stage)s)
  AND (%(since)s::date IS NULL OR c.created_at >= %(since)s::date)
LIMIT %(limit)s

-- name: enqueue_org
-- Every live contact of the organization, after a new champion: their scores came from the old one.
INSERT INTO score_queue (org_id, contact_id)
SELECT c.org_id, c.id FROM contacts c WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
ON CONFLICT (org_id, contact_id) DO UPDATE SET enqueued_at = now()

-- name: queue_orgs
SELECT org_id FROM scoring_queue_orgs()

-- name: claim_queue
-- SKIP LOCKED: several workers (processes) can drain one queue without waiting on each other.
SELECT contact_id FROM score_queue WHERE org_id = %(org_id)s
ORDER BY enqueued_at
LIMIT %(limit)s
FOR UPDATE SKIP LOCKED

-- name: delete_queue
DELETE FROM score_queue WHERE org_id = %(org_id)s AND contact_id = ANY(%(ids)s::uuid[])

-- name: queue_length
SELECT count(*)::int AS n FROM score_queue WHERE org_id = %(org_id)s

-- name: retrain_due
SELECT org_id, reason FROM scoring_retrain_due(%(new_outcomes)s, make_interval(secs => %(max_age_s)s))

-- name: listen
LISTEN leadloom_rescore
