-- Signals for the rule-based lead score (services/lead_scores.py), one row per contact.

-- name: score_features
SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.emails[1] AS email, c.title,
       c.lifecycle_stage AS stage, cardinality(c.emails) > 0 AS has_email, cardinality(c.phones) > 0 AS has_phone,
       c.email_consent, co.name AS company, co.size AS company_size, u.name AS owner, c.created_at,
       (SELECT count(*) FROM activities a
         WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.direction = 'inbound'
           AND a.occurred_at >= %(now)s - interval '30 days')::int AS inbound_30d,
       (SELECT count(*) FROM activities a
         WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.type IN ('call', 'meeting')
           AND a.occurred_at >= %(now)s - interval '30 days')::int AS conversations_30d,
       (SELECT max(a.occurred_at) FROM activities a
         WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.type IN ('call', 'email', 'meeting')) AS last_touch,
       EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.deleted_at IS NULL AND d.status = 'open')
           AS open_deal,
       EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.deleted_at IS NULL AND d.status = 'won')
           AS won_deal
FROM contacts c
LEFT JOIN companies co ON co.id = c.company_id
LEFT JOIN users u ON u.id = c.owner_id
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
  AND (%(contact_id)s::uuid IS NULL OR c.id = %(contact_id)s::uuid)
  AND (%(owner_id)s::uuid IS NULL OR c.owner_id = %(owner_id)s::uuid)
  AND (%(stage)s::text IS NULL OR c.lifecycle_stage = %(stage)s)
  -- Without a stage asked for, "leads" excludes people who already bought or were ruled out.
  AND (%(stage)s::text IS NOT NULL OR %(contact_id)s::uuid IS NOT NULL
       OR c.lifecycle_stage IS NULL OR c.lifecycle_stage NOT IN ('customer', 'evangelist', 'churned', 'disqualified'))
  AND (%(since)s::date IS NULL OR c.created_at >= %(since)s::date)
ORDER BY c.created_at DESC
LIMIT %(max_rows)s

-- name: save_score
UPDATE contacts SET score = %(score)s, score_updated_at = now()
WHERE org_id = %(org_id)s AND id = %(contact_id)s
