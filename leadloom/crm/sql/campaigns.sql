-- Segments, audiences and campaign drafts. An audience is the contacts search_contacts would find for
-- the same filters: the repository splices the records' shared `contact_filter` block (contacts.sql)
-- where /*contact_filter*/ stands; every value in it is a parameter (NULL = not filtering).

-- name: audience_counts
-- "reachable" is crm/consent.can_contact in SQL: an address, consent, and no unsubscribe (0090's trigger
-- already keeps consent off after an unsubscribe; the extra test keeps the two rules visibly the same).
SELECT count(*)::int AS total,
       count(*) FILTER (WHERE cardinality(c.emails) > 0)::int AS with_email,
       count(*) FILTER (WHERE cardinality(c.emails) > 0 AND c.email_consent
                        AND c.email_unsubscribed_at IS NULL)::int AS email_reachable,
       count(*) FILTER (WHERE cardinality(c.phones) > 0)::int AS with_phone,
       count(*) FILTER (WHERE cardinality(c.phones) > 0 AND c.sms_consent
                        AND c.sms_unsubscribed_at IS NULL)::int AS sms_reachable
FROM contacts c
WHERE c.org_id = %(org_id)s AND /*contact_filter*/

-- name: audience_sample
SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.emails[1] AS email, c.phones[1] AS phone,
       c.lifecycle_stage AS stage, co.name AS company, c.email_consent, c.sms_consent,
       c.email_unsubscribed_at, c.sms_unsubscribed_at, c.deleted_at
FROM contacts c
LEFT JOIN companies co ON co.id = c.company_id
WHERE c.org_id = %(org_id)s AND /*contact_filter*/
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
