-- Deals: reads go through the deal_details view (names of stage, company, contact); writes hit deals.

-- name: get_deal
SELECT * FROM deal_details WHERE org_id = %(org_id)s AND id = %(deal_id)s
  AND (%(include_deleted)s OR deleted_at IS NULL)

-- name: lock_deal
SELECT id FROM deals WHERE org_id = %(org_id)s AND id = %(deal_id)s FOR UPDATE

-- name: insert_deal
INSERT INTO deals (org_id, name, company_id, contact_id, pipeline_id, stage_id, amount, currency,
                   expected_close, probability, status, close_reason, closed_at, owner_id, custom, external_id)
VALUES (%(org_id)s, %(name)s, %(company_id)s, %(contact_id)s, %(pipeline_id)s, %(stage_id)s, %(amount)s,
        %(currency)s, %(expected_close)s, %(probability)s, %(status)s, %(close_reason)s, %(closed_at)s,
        %(owner_id)s, %(custom)s, %(external_id)s)
RETURNING id

-- name: update_deal
UPDATE deals SET
    name = %(name)s, company_id = %(company_id)s, contact_id = %(contact_id)s, stage_id = %(stage_id)s,
    amount = %(amount)s, currency = %(currency)s, expected_close = %(expected_close)s,
    probability = %(probability)s, status = %(status)s, close_reason = %(close_reason)s,
    closed_at = %(closed_at)s, owner_id = %(owner_id)s, custom = %(custom)s, external_id = %(external_id)s,
    updated_at = now()
WHERE org_id = %(org_id)s AND id = %(deal_id)s AND deleted_at IS NULL
RETURNING id

-- name: set_deleted
UPDATE deals SET deleted_at = %(deleted_at)s, updated_at = now()
WHERE org_id = %(org_id)s AND id = %(deal_id)s
RETURNING id

-- name: insert_stage_change
INSERT INTO deal_stage_changes (org_id, deal_id, from_stage_id, to_stage_id, from_stage, to_stage,
                                from_status, to_status, reason, changed_by)
VALUES (%(org_id)s, %(deal_id)s, %(from_stage_id)s, %(to_stage_id)s, %(from_stage)s, %(to_stage)s,
        %(from_status)s, %(to_status)s, %(reason)s, %(changed_by)s)
RETURNING id, changed_at

-- name: list_stage_changes
SELECT id, deal_id, from_stage, to_stage, from_status, to_status, reason, changed_by, changed_at
FROM deal_stage_changes WHERE org_id = %(org_id)s AND deal_id = %(deal_id)s
ORDER BY changed_at DESC, id DESC

-- name: list_deals
-- {sort_expr}, {direction} and {keyset} are filled from a whitelist in repositories/deals.py (never user text).
SELECT d.*, {sort_expr} AS sort_value
FROM deal_details d
WHERE d.org_id = %(org_id)s
  AND (%(include_deleted)s OR d.deleted_at IS NULL)
  AND (%(q)s::text IS NULL OR d.id IN (
        SELECT x.id FROM deals x WHERE x.org_id = %(org_id)s
          AND (x.search @@ plainto_tsquery('simple', %(q)s) OR x.name ILIKE %(q_like)s)))
  AND (%(pipeline_id)s::uuid IS NULL OR d.pipeline_id = %(pipeline_id)s)
  AND (%(company_id)s::uuid IS NULL OR d.company_id = %(company_id)s)
  AND (%(contact_id)s::uuid IS NULL OR d.contact_id = %(contact_id)s)
  AND (%(stage_ids)s::uuid[] IS NULL OR d.stage_id = ANY(%(stage_ids)s))
  AND (%(status)s::text IS NULL OR d.status = %(status)s)
  AND (%(owner_id)s::uuid IS NULL OR d.owner_id = %(owner_id)s)
  AND (%(min_amount)s::numeric IS NULL OR d.amount >= %(min_amount)s)
  AND (%(max_amount)s::numeric IS NULL OR d.amount <= %(max_amount)s)
  AND (%(closing_before)s::date IS NULL OR d.expected_close <= %(closing_before)s)
  AND (%(closing_after)s::date IS NULL OR d.expected_close >= %(closing_after)s)
  AND (%(created_after)s::timestamptz IS NULL OR d.created_at >= %(created_after)s)
  AND (%(created_before)s::timestamptz IS NULL OR d.created_at < %(created_before)s)
  {keyset}
ORDER BY sort_value {direction}, d.id {direction}
LIMIT %(limit)s

-- name: pipeline_summary
-- Weighted amount uses the deal's own probability when set, else its stage's.
SELECT s.id AS stage_id, s.name AS stage, s.kind, s.position, s.probability,
       count(d.id)::int AS count,
       COALESCE(sum(d.amount), 0)::numeric(16,2) AS amount,
       COALESCE(sum(d.amount * COALESCE(d.probability, s.probability) / 100.0), 0)::numeric(16,2) AS weighted_amount
FROM pipeline_stages s
LEFT JOIN deals d ON d.stage_id = s.id AND d.deleted_at IS NULL
                 AND (%(owner_id)s::uuid IS NULL OR d.owner_id = %(owner_id)s)
WHERE s.org_id = %(org_id)s AND s.pipeline_id = %(pipeline_id)s
GROUP BY s.id, s.name, s.kind, s.position, s.probability
ORDER BY s.position, s.name

-- name: custom_field_defs
SELECT key, label, type, options, required FROM custom_field_defs
WHERE org_id = %(org_id)s AND entity = %(entity)s

-- name: user_exists
SELECT 1 AS ok FROM users WHERE org_id = %(org_id)s AND id = %(user_id)s AND deleted_at IS NULL

-- name: contact_ref
-- Just enough of a contact to link to it; owned here so deals do not depend on the contacts service.
SELECT id, company_id FROM contacts WHERE org_id = %(org_id)s AND id = %(contact_id)s AND deleted_at IS NULL

-- name: company_ref
SELECT id FROM companies WHERE org_id = %(org_id)s AND id = %(company_id)s AND deleted_at IS NULL
