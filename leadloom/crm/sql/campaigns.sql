-- Segments, audiences and campaign drafts. The audience WHERE is written once (audience_where) and
-- spliced by the repository into the queries that carry the /*audience_where*/ marker; every value in
-- it is a parameter, and an absent filter is NULL, which switches its condition off.

-- name: audience_where
c.deleted_at IS NULL
AND (%(query)s::text IS NULL
     OR c.search @@ plainto_tsquery('simple', %(query)s)
     OR (c.first_name || ' ' || c.last_name) ILIKE '%%' || %(query)s || '%%'
     OR EXISTS (SELECT 1 FROM companies qc WHERE qc.id = c.company_id AND qc.name ILIKE '%%' || %(query)s || '%%'))
AND (%(name)s::text IS NULL OR (c.first_name || ' ' || c.last_name) ILIKE '%%' || %(name)s || '%%')
AND (%(email)s::text IS NULL OR EXISTS (SELECT 1 FROM unnest(c.emails) e WHERE e ILIKE '%%' || %(email)s || '%%'))
AND (%(phone)s::text IS NULL OR %(phone)s = ANY (c.phones))
AND (%(company_id)s::uuid IS NULL OR c.company_id = %(company_id)s::uuid)
AND (%(company)s::text IS NULL OR EXISTS (
        SELECT 1 FROM companies co
        WHERE co.id = c.company_id AND co.deleted_at IS NULL
          AND (co.name ILIKE '%%' || %(company)s || '%%' OR co.domain = lower(%(company)s))))
AND (%(stage)s::text IS NULL OR c.lifecycle_stage = %(stage)s)
AND (%(owner_id)s::uuid IS NULL OR c.owner_id = %(owner_id)s::uuid)
AND (%(tag)s::text IS NULL OR %(tag)s = ANY (c.tags))
AND (%(lead_source)s::text IS NULL OR lower(c.lead_source) = lower(%(lead_source)s))
-- The score column arrives with the records migration (0010); to_jsonb keeps this query valid before it.
AND (%(min_score)s::numeric IS NULL OR (to_jsonb(c) ->> 'score')::numeric >= %(min_score)s::numeric)
AND (%(max_score)s::numeric IS NULL OR (to_jsonb(c) ->> 'score')::numeric <= %(max_score)s::numeric)
AND (%(created_after)s::date IS NULL OR c.created_at >= %(created_after)s::date)
AND (%(created_before)s::date IS NULL OR c.created_at < %(created_before)s::date)
AND (%(follow_up_before)s::date IS NULL OR c.next_follow_up <= %(follow_up_before)s::date)
AND (%(follow_up_after)s::date IS NULL OR c.next_follow_up >= %(follow_up_after)s::date)
AND (%(has_email)s::boolean IS NULL OR (cardinality(c.emails) > 0) = %(has_email)s::boolean)
AND (%(has_phone)s::boolean IS NULL OR (cardinality(c.phones) > 0) = %(has_phone)s::boolean)
AND (%(not_contacted_since)s::date IS NULL OR NOT EXISTS (
        SELECT 1 FROM activities a
        WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.type IN ('call', 'email', 'meeting')
          AND a.occurred_at >= %(not_contacted_since)s::date))

-- name: audience_counts
SELECT count(*)::int AS total,
       count(*) FILTER (WHERE cardinality(c.emails) > 0)::int AS with_email,
       count(*) FILTER (WHERE cardinality(c.emails) > 0 AND c.email_consent)::int AS email_reachable,
       count(*) FILTER (WHERE cardinality(c.phones) > 0)::int AS with_phone,
       count(*) FILTER (WHERE cardinality(c.phones) > 0 AND c.sms_consent)::int AS sms_reachable
FROM contacts c
WHERE c.org_id = %(org_id)s AND /*audience_where*/

-- name: audience_sample
SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.emails[1] AS email, c.phones[1] AS phone,
       c.lifecycle_stage AS stage, co.name AS company, c.email_consent, c.sms_consent
FROM contacts c
LEFT JOIN companies co ON co.id = c.company_id
WHERE c.org_id = %(org_id)s AND /*audience_where*/
ORDER BY c.created_at DESC, c.id DESC
LIMIT %(limit)s

-- name: insert_segment
INSERT INTO segments (org_id, name, description, filters, created_by)
VALUES (%(org_id)s, %(name)s, %(description)s, %(filters)s, %(created_by)s)
RETURNING id, name, description, filters, created_at, updated_at

-- name: list_segments
SELECT id, name, description, filters, created_at, updated_at
FROM segments
WHERE org_id = %(org_id)s AND deleted_at IS NULL
ORDER BY lower(name)
LIMIT %(limit)s

-- name: get_segment
SELECT id, name, description, filters, created_at, updated_at
FROM segments
WHERE org_id = %(org_id)s AND id = %(id)s AND deleted_at IS NULL

-- name: find_segments_by_name
SELECT id, name, description, filters, created_at, updated_at
FROM segments
WHERE org_id = %(org_id)s AND deleted_at IS NULL AND lower(name) LIKE '%%' || lower(%(name)s) || '%%'
ORDER BY (lower(name) = lower(%(name)s)) DESC, length(name), lower(name)
LIMIT 10

-- name: insert_campaign
INSERT INTO campaigns (org_id, name, segment_id, filters, channel, subject, body, status, audience_count, created_by)
VALUES (%(org_id)s, %(name)s, %(segment_id)s, %(filters)s, %(channel)s, %(subject)s, %(body)s, 'draft',
        %(audience_count)s, %(created_by)s)
RETURNING id

-- name: get_campaign
SELECT ca.id, ca.name, ca.channel, ca.status, ca.segment_id, s.name AS segment_name, ca.filters, ca.subject,
       ca.body, ca.audience_count, ca.created_at, ca.updated_at
FROM campaigns ca
LEFT JOIN segments s ON s.id = ca.segment_id
WHERE ca.org_id = %(org_id)s AND ca.id = %(id)s AND ca.deleted_at IS NULL

-- name: list_campaigns
SELECT ca.id, ca.name, ca.channel, ca.status, ca.segment_id, s.name AS segment_name, ca.filters, ca.subject,
       ca.body, ca.audience_count, ca.created_at, ca.updated_at
FROM campaigns ca
LEFT JOIN segments s ON s.id = ca.segment_id
WHERE ca.org_id = %(org_id)s AND ca.deleted_at IS NULL
  AND (%(status)s::text IS NULL OR ca.status = %(status)s)
ORDER BY ca.created_at DESC, ca.id DESC
LIMIT %(limit)s
