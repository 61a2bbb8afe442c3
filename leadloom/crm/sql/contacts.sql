-- Contacts. The list, count and bulk queries share the `contact_filter` block: every filter is an
-- optional parameter (NULL = not filtering), so the SQL stays static and fully parameterised.
-- Markers /*filter*/, /*sort_expr*/, /*keyset*/ and /*order*/ are replaced by the repository with
-- fixed fragments from its whitelist (never with user input).

-- name: contact_columns
c.id, c.first_name, c.last_name, c.emails, c.phones, c.title, c.company_id, co.name AS company_name,
c.lifecycle_stage, c.lead_source, c.owner_id, u.name AS owner_name, c.tags, c.email_consent,
c.sms_consent, c.next_follow_up, c.custom, c.score, c.external_id, c.created_at, c.updated_at, c.deleted_at

-- name: contact_from
contacts c
LEFT JOIN companies co ON co.id = c.company_id
LEFT JOIN users u ON u.id = c.owner_id

-- name: contact_filter
(%(include_deleted)s OR c.deleted_at IS NULL)
AND (%(tsquery)s::text IS NULL
     OR c.search @@ to_tsquery('simple', %(tsquery)s::text)
     OR (%(q_phone)s::text IS NOT NULL AND c.phones @> ARRAY[%(q_phone)s::text]))
AND (%(name_like)s::text IS NULL OR (c.first_name || ' ' || c.last_name) ILIKE %(name_like)s::text)
AND (%(email_exact)s::text IS NULL OR c.emails @> ARRAY[%(email_exact)s::text])
AND (%(email_like)s::text IS NULL OR text_join(c.emails, ' ') ILIKE %(email_like)s::text)
AND (%(phone_exact)s::text IS NULL OR c.phones @> ARRAY[%(phone_exact)s::text])
AND (%(phone_like)s::text IS NULL OR text_join(c.phones, ' ') LIKE %(phone_like)s::text)
AND (%(company_id)s::uuid IS NULL OR c.company_id = %(company_id)s::uuid)
AND (%(company_ids)s::uuid[] IS NULL OR c.company_id = ANY(%(company_ids)s::uuid[]))
AND (%(stages)s::text[] IS NULL OR c.lifecycle_stage = ANY(%(stages)s::text[]))
AND (%(owner_ids)s::uuid[] IS NULL OR c.owner_id = ANY(%(owner_ids)s::uuid[]))
AND (NOT %(unowned)s OR c.owner_id IS NULL)
AND (%(tags)s::text[] IS NULL OR c.tags @> %(tags)s::text[])
AND (%(lead_source)s::text IS NULL OR lower(c.lead_source) = lower(%(lead_source)s::text))
AND (%(min_score)s::int IS NULL OR c.score >= %(min_score)s::int)
AND (%(max_score)s::int IS NULL OR c.score <= %(max_score)s::int)
AND (%(created_after)s::timestamptz IS NULL OR c.created_at >= %(created_after)s::timestamptz)
AND (%(created_before)s::timestamptz IS NULL OR c.created_at < %(created_before)s::timestamptz)
AND (%(updated_after)s::timestamptz IS NULL OR c.updated_at >= %(updated_after)s::timestamptz)
AND (%(updated_before)s::timestamptz IS NULL OR c.updated_at < %(updated_before)s::timestamptz)
AND (%(follow_up_before)s::date IS NULL OR c.next_follow_up <= %(follow_up_before)s::date)
AND (%(follow_up_after)s::date IS NULL OR c.next_follow_up >= %(follow_up_after)s::date)
AND (%(has_email)s::boolean IS NULL OR (cardinality(c.emails) > 0) = %(has_email)s::boolean)
AND (%(has_phone)s::boolean IS NULL OR (cardinality(c.phones) > 0) = %(has_phone)s::boolean)
AND (%(not_contacted_since)s::timestamptz IS NULL OR NOT EXISTS (
        SELECT 1 FROM activities a
        WHERE a.contact_id = c.id AND a.deleted_at IS NULL AND a.type IN ('email', 'call', 'meeting')
          AND a.occurred_at >= %(not_contacted_since)s::timestamptz))

-- name: list_contacts
SELECT /*columns*/, /*sort_expr*/ AS sort_value
FROM /*from*/
WHERE c.org_id = %(org_id)s AND /*filter*/ AND /*keyset*/
ORDER BY /*order*/
LIMIT %(limit)s

-- name: count_contacts
SELECT count(*) AS n
FROM /*from*/
WHERE c.org_id = %(org_id)s AND /*filter*/

-- name: select_for_update
-- Matching contacts, locked, in id order (a stable order keeps concurrent bulk changes from deadlocking).
SELECT /*columns*/
FROM /*from*/
WHERE c.org_id = %(org_id)s AND /*filter*/
ORDER BY c.id
LIMIT %(limit)s
FOR UPDATE OF c

-- name: get_contact
SELECT /*columns*/
FROM /*from*/
WHERE c.org_id = %(org_id)s AND c.id = %(id)s

-- name: get_contact_for_update
SELECT /*columns*/
FROM /*from*/
WHERE c.org_id = %(org_id)s AND c.id = %(id)s
FOR UPDATE OF c

-- name: find_by_emails
SELECT /*columns*/
FROM /*from*/
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL AND c.emails && %(emails)s::text[]
ORDER BY c.created_at, c.id
LIMIT 50

-- name: name_candidates
-- Candidates for fuzzy name matching: any contact whose first or last name starts with the first letter
-- of one of the words given. Only ids and names: rapidfuzz ranks them, and the few winners are then
-- read in full.
SELECT c.id, c.first_name, c.last_name
FROM contacts c
WHERE c.org_id = %(org_id)s AND c.deleted_at IS NULL
  AND (left(lower(c.first_name), 1) = ANY(%(initials)s::text[])
       OR left(lower(c.last_name), 1) = ANY(%(initials)s::text[]))
ORDER BY c.created_at DESC
LIMIT %(limit)s

-- name: insert_contact
INSERT INTO contacts (org_id, first_name, last_name, emails, phones, title, company_id, lifecycle_stage,
                      lead_source, owner_id, tags, email_consent, sms_consent, next_follow_up, custom, external_id)
VALUES (%(org_id)s, %(first_name)s, %(last_name)s, %(emails)s, %(phones)s, %(title)s, %(company_id)s,
        %(lifecycle_stage)s, %(lead_source)s, %(owner_id)s, %(tags)s, %(email_consent)s, %(sms_consent)s,
        %(next_follow_up)s, %(custom)s, %(external_id)s)
RETURNING id

-- name: update_contact
UPDATE contacts SET
    first_name = %(first_name)s, last_name = %(last_name)s, emails = %(emails)s, phones = %(phones)s,
    title = %(title)s, company_id = %(company_id)s, lifecycle_stage = %(lifecycle_stage)s,
    lead_source = %(lead_source)s, owner_id = %(owner_id)s, tags = %(tags)s,
    email_consent = %(email_consent)s, sms_consent = %(sms_consent)s, next_follow_up = %(next_follow_up)s,
    custom = %(custom)s, external_id = %(external_id)s, updated_at = now()
WHERE org_id = %(org_id)s AND id = %(id)s

-- name: national_phones
-- contacts with a phone stored without its country code (digits kept as typed), locked for re-reading
SELECT id, phones FROM contacts
WHERE org_id = %(org_id)s AND EXISTS (SELECT 1 FROM unnest(phones) AS p(v) WHERE left(p.v, 1) <> '+')
ORDER BY id
FOR UPDATE

-- name: set_phones
UPDATE contacts SET phones = %(phones)s, updated_at = now() WHERE org_id = %(org_id)s AND id = %(id)s

-- name: set_deleted
UPDATE contacts SET deleted_at = CASE WHEN %(deleted)s THEN now() END, updated_at = now()
WHERE org_id = %(org_id)s AND id = ANY(%(ids)s::uuid[])

-- name: company_exists
SELECT id FROM companies WHERE org_id = %(org_id)s AND id = %(id)s AND deleted_at IS NULL

-- name: user_exists
SELECT id FROM users WHERE org_id = %(org_id)s AND id = %(id)s AND deleted_at IS NULL
