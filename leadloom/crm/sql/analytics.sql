-- Reporting queries. Every one is fixed SQL with parameters: the model chooses among these reports and
-- their arguments, it never writes SQL. Windows are inclusive dates: since <= day <= until.
-- A contact counts as converted when its lifecycle stage is customer/evangelist or it has a won deal.

-- name: find_pipeline
SELECT id, name, is_default FROM pipelines
WHERE org_id = %(org_id)s
  AND (CASE WHEN %(ref)s::text IS NULL THEN is_default
            ELSE id::text = %(ref)s OR lower(name) = lower(%(ref)s) END)
ORDER BY is_default DESC, name
LIMIT 1

-- name: pipeline_by_stage
SELECT s.name AS stage, s.position, s.kind, s.probability,
       count(d.id)::int AS deals,
       coalesce(sum(d.amount), 0) AS amount,
       coalesce(round(sum(d.amount * coalesce(d.probability, s.probability) / 100.0), 2), 0) AS weighted_amount
FROM pipeline_stages s
LEFT JOIN deals d ON d.stage_id = s.id AND d.deleted_at IS NULL
     AND (%(owner_id)s::uuid IS NULL OR d.owner_id = %(owner_id)s::uuid)
WHERE s.org_id = %(org_id)s AND s.pipeline_id = %(pipeline_id)s
GROUP BY s.id, s.name, s.position, s.kind, s.probability
ORDER BY s.position

-- name: conversion_by_source
WITH leads AS (
    SELECT c.id, coalesce(nullif(c.lead_source, ''), '(none)') AS source,
           c.lifecycle_stage IN ('customer', 'evangelist') AS is_customer
    FROM contacts c
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
      AND (%(since)s::date IS NULL OR c.created_at >= %(since)s::date)
      AND (%(until)s::date IS NULL OR c.created_at < %(until)s::date + 1)
), won AS (
    SELECT d.contact_id, count(*) AS n, sum(coalesce(d.amount, 0)) AS amount
    FROM deals d
    WHERE d.org_id = %(org_id)s AND d.deleted_at IS NULL AND d.status = 'won' AND d.contact_id IS NOT NULL
    GROUP BY d.contact_id
)
SELECT l.source,
       count(*)::int AS leads,
       count(*) FILTER (WHERE l.is_customer OR w.n IS NOT NULL)::int AS converted,
       coalesce(sum(w.n), 0)::int AS deals_won,
       coalesce(sum(w.amount), 0) AS won_amount
FROM leads l
LEFT JOIN won w ON w.contact_id = l.id
GROUP BY l.source
ORDER BY leads DESC, l.source

-- name: conversion_by_period
WITH leads AS (
    SELECT date_trunc(%(period)s, c.created_at)::date AS period_start,
           count(*) AS leads,
           count(*) FILTER (WHERE c.lifecycle_stage IN ('customer', 'evangelist') OR EXISTS (
               SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.status = 'won' AND d.deleted_at IS NULL
           )) AS converted
    FROM contacts c
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
      AND (%(since)s::date IS NULL OR c.created_at >= %(since)s::date)
      AND (%(until)s::date IS NULL OR c.created_at < %(until)s::date + 1)
    GROUP BY 1
), closed AS (
    SELECT date_trunc(%(period)s, d.closed_at)::date AS period_start,
           count(*) FILTER (WHERE d.status = 'won') AS won,
           count(*) FILTER (WHERE d.status = 'lost') AS lost
    FROM deals d
    WHERE d.org_id = %(org_id)s AND d.deleted_at IS NULL AND d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL
      AND (%(since)s::date IS NULL OR d.closed_at >= %(since)s::date)
      AND (%(until)s::date IS NULL OR d.closed_at < %(until)s::date + 1)
    GROUP BY 1
)
SELECT coalesce(l.period_start, k.period_start) AS period_start,
       coalesce(l.leads, 0)::int AS leads,
       coalesce(l.converted, 0)::int AS converted,
       coalesce(k.won, 0)::int AS deals_won,
       coalesce(k.lost, 0)::int AS deals_lost
FROM leads l
FULL JOIN closed k ON k.period_start = l.period_start
ORDER BY 1

-- name: activity_by_owner
SELECT a.owner_id, coalesce(u.name, '(unassigned)') AS owner,
       count(*)::int AS total,
       count(*) FILTER (WHERE a.type = 'call')::int AS calls,
       count(*) FILTER (WHERE a.type = 'email')::int AS emails,
       count(*) FILTER (WHERE a.type = 'meeting')::int AS meetings,
       count(*) FILTER (WHERE a.type = 'note')::int AS notes,
       count(*) FILTER (WHERE a.type = 'task')::int AS tasks,
       count(*) FILTER (WHERE a.type = 'task' AND a.status = 'done')::int AS tasks_done
FROM activities a
LEFT JOIN users u ON u.id = a.owner_id
WHERE a.org_id = %(org_id)s AND a.deleted_at IS NULL
  AND (%(type)s::text IS NULL OR a.type = %(type)s)
  AND (%(since)s::date IS NULL OR a.occurred_at >= %(since)s::date)
  AND (%(until)s::date IS NULL OR a.occurred_at < %(until)s::date + 1)
GROUP BY a.owner_id, u.name
ORDER BY total DESC, owner

-- name: revenue_won_over_time
SELECT date_trunc(%(period)s, d.closed_at)::date AS period_start, d.currency,
       count(*)::int AS deals_won, sum(coalesce(d.amount, 0)) AS revenue
FROM deals d
WHERE d.org_id = %(org_id)s AND d.deleted_at IS NULL AND d.status = 'won' AND d.closed_at IS NOT NULL
  AND (%(since)s::date IS NULL OR d.closed_at >= %(since)s::date)
  AND (%(until)s::date IS NULL OR d.closed_at < %(until)s::date + 1)
GROUP BY 1, 2
ORDER BY 1, 2

-- name: has_score_column
SELECT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'contacts' AND column_name = 'score'
) AS present

-- name: score_distribution
-- to_jsonb keeps this valid whether or not the records migration has added contacts.score yet.
WITH s AS (
    SELECT (to_jsonb(c) ->> 'score')::numeric AS score
    FROM contacts c
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
)
SELECT least(width_bucket(score, 0, 100, %(bins)s), %(bins)s)::int AS bucket, count(*)::int AS contacts
FROM s
WHERE score IS NOT NULL
GROUP BY 1
ORDER BY 1

-- name: count_contacts
SELECT count(*)::int AS n FROM contacts WHERE org_id = %(org_id)s AND deleted_at IS NULL
