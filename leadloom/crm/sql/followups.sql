-- Candidates for follow-up recommendations. Every query takes %(now)s instead of now() so results are
-- reproducible (tests, evals) and one request sees one clock. Ranking happens in services/followups.py.

-- name: overdue_tasks
SELECT a.id AS task_id, a.subject, a.due_at, a.owner_id, a.contact_id, a.contact_name, a.company_id,
       a.deal_id, a.deal_name
FROM activity_details a
WHERE a.org_id = %(org_id)s AND a.type = 'task' AND a.status = 'open' AND a.deleted_at IS NULL
  AND a.due_at < %(now)s
  AND (%(owner_id)s::uuid IS NULL OR a.owner_id = %(owner_id)s)
ORDER BY a.due_at, a.id
LIMIT %(cap)s

-- name: unanswered_inbound
-- The last conversation-type activity of each contact; it is "unanswered" when that is an inbound email
-- or call, because any outbound reply or meeting after it would have been the last one instead.
SELECT l.contact_id, l.activity_id, l.type, l.subject, l.occurred_at, c.owner_id, c.company_id,
       COALESCE(NULLIF(trim(c.first_name || ' ' || c.last_name), ''), c.emails[1]) AS contact_name
FROM (
    SELECT DISTINCT ON (a.contact_id) a.contact_id, a.id AS activity_id, a.type, a.direction, a.subject,
           a.occurred_at
    FROM activities a
    WHERE a.org_id = %(org_id)s AND a.deleted_at IS NULL AND a.contact_id IS NOT NULL
      AND a.type IN ('email', 'call', 'meeting') AND a.occurred_at <= %(now)s
    ORDER BY a.contact_id, a.occurred_at DESC, a.id DESC
) l
JOIN contacts c ON c.id = l.contact_id AND c.deleted_at IS NULL
WHERE l.direction = 'inbound' AND l.type IN ('email', 'call')
  AND (%(owner_id)s::uuid IS NULL OR c.owner_id = %(owner_id)s)
ORDER BY l.occurred_at, l.contact_id
LIMIT %(cap)s

-- name: engaged_not_touched
-- Engaged: an inbound activity, or at least %(min_activities)s activities, within %(engaged_days)s days.
-- Touched: an outbound activity or a meeting; the last one is older than %(idle_days)s days (or none).
SELECT * FROM (
    SELECT c.id AS contact_id, c.owner_id, c.company_id,
           COALESCE(NULLIF(trim(c.first_name || ' ' || c.last_name), ''), c.emails[1]) AS contact_name,
           count(a.id) FILTER (WHERE a.occurred_at > %(now)s - make_interval(days => %(engaged_days)s))::int
               AS recent_count,
           bool_or(a.direction = 'inbound'
                   AND a.occurred_at > %(now)s - make_interval(days => %(engaged_days)s)) AS recent_inbound,
           max(a.occurred_at) FILTER (WHERE a.direction = 'outbound' OR a.type = 'meeting') AS last_touch,
           min(a.occurred_at) AS first_activity
    FROM contacts c
    JOIN activities a ON a.contact_id = c.id AND a.deleted_at IS NULL AND a.type <> 'task'
                     AND a.occurred_at <= %(now)s
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
      AND (%(owner_id)s::uuid IS NULL OR c.owner_id = %(owner_id)s)
    GROUP BY c.id
) e
WHERE (e.recent_inbound OR e.recent_count >= %(min_activities)s)
  AND (e.last_touch IS NULL OR e.last_touch < %(now)s - make_interval(days => %(idle_days)s))
ORDER BY e.contact_id
LIMIT %(cap)s

-- name: stalled_deals
-- Last touch: the latest of creation, a stage move, or an activity on the deal.
SELECT * FROM (
    SELECT d.id AS deal_id, d.name AS deal_name, d.owner_id, d.contact_id, d.contact_name, d.company_id,
           d.amount, d.currency, d.expected_close, d.stage,
           GREATEST(d.created_at,
                    (SELECT max(s.changed_at) FROM deal_stage_changes s
                     WHERE s.deal_id = d.id AND s.changed_at <= %(now)s),
                    (SELECT max(a.occurred_at) FROM activities a
                     WHERE a.deal_id = d.id AND a.deleted_at IS NULL AND a.occurred_at <= %(now)s)) AS last_touch
    FROM deal_details d
    WHERE d.org_id = %(org_id)s AND d.status = 'open' AND d.deleted_at IS NULL
      AND (%(owner_id)s::uuid IS NULL OR d.owner_id = %(owner_id)s)
) s
WHERE s.last_touch < %(now)s - make_interval(days => %(stall_days)s)
   OR s.expected_close < %(now)s::date
ORDER BY s.deal_id
LIMIT %(cap)s

-- name: contacts_have_score
-- contacts.score arrives with the scoring migration; until then hot leads are judged by activity.
SELECT EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = 'contacts' AND column_name = 'score') AS ok

-- name: hot_unowned_by_activity
SELECT c.id AS contact_id, c.company_id, NULL::numeric AS score,
       COALESCE(NULLIF(trim(c.first_name || ' ' || c.last_name), ''), c.emails[1]) AS contact_name,
       count(a.id)::int AS recent_count, max(a.occurred_at) AS last_activity
FROM contacts c
JOIN activities a ON a.contact_id = c.id AND a.deleted_at IS NULL AND a.type <> 'task'
                 AND a.occurred_at <= %(now)s
                 AND a.occurred_at > %(now)s - make_interval(days => %(engaged_days)s)
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.owner_id IS NULL
GROUP BY c.id
HAVING count(a.id) >= %(hot_activities)s
ORDER BY c.id
LIMIT %(cap)s

-- name: hot_unowned_scored
-- With a score column: a high score makes a lead hot; a lead not scored yet falls back to activity.
SELECT * FROM (
    SELECT c.id AS contact_id, c.company_id, c.score::numeric AS score,
           COALESCE(NULLIF(trim(c.first_name || ' ' || c.last_name), ''), c.emails[1]) AS contact_name,
           (SELECT count(*) FROM activities a
            WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.type <> 'task' AND a.occurred_at <= %(now)s
              AND a.occurred_at > %(now)s - make_interval(days => %(engaged_days)s))::int AS recent_count,
           (SELECT max(a.occurred_at) FROM activities a
            WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.occurred_at <= %(now)s) AS last_activity
    FROM contacts c
    WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.owner_id IS NULL
) h
WHERE h.score >= %(hot_score)s OR (h.score IS NULL AND h.recent_count >= %(hot_activities)s)
ORDER BY h.contact_id
LIMIT %(cap)s
