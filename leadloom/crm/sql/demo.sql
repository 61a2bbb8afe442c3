-- The demo organization's bulk writes (executemany in one transaction) and its lookup and reset.
-- Only 0001 columns are named, so later migrations that add columns with defaults keep working.

-- name: default_pipeline_stages
SELECT s.name, s.id, s.pipeline_id
FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id
WHERE p.org_id = %(org_id)s AND p.is_default

-- name: insert_user
INSERT INTO users (id, org_id, email, name, role, password_hash)
VALUES (%(id)s, %(org_id)s, %(email)s, %(name)s, %(role)s, %(password_hash)s)

-- name: insert_company
INSERT INTO companies (id, org_id, name, domain, industry, size, owner_id, created_at, updated_at)
VALUES (%(id)s, %(org_id)s, %(name)s, %(domain)s, %(industry)s, %(size)s, %(owner_id)s, %(created_at)s, %(created_at)s)

-- name: insert_contact
INSERT INTO contacts (id, org_id, first_name, last_name, emails, phones, title, company_id, lifecycle_stage,
                      lead_source, owner_id, tags, email_consent, sms_consent, next_follow_up, created_at, updated_at)
VALUES (%(id)s, %(org_id)s, %(first_name)s, %(last_name)s, %(emails)s, %(phones)s, %(title)s, %(company_id)s,
        %(lifecycle_stage)s, %(lead_source)s, %(owner_id)s, %(tags)s, %(email_consent)s, %(sms_consent)s,
        %(next_follow_up)s, %(created_at)s, %(updated_at)s)

-- name: insert_deal
INSERT INTO deals (id, org_id, name, company_id, contact_id, pipeline_id, stage_id, amount, currency,
                   expected_close, probability, status, close_reason, closed_at, owner_id, created_at, updated_at)
VALUES (%(id)s, %(org_id)s, %(name)s, %(company_id)s, %(contact_id)s, %(pipeline_id)s, %(stage_id)s, %(amount)s,
        %(currency)s, %(expected_close)s, %(probability)s, %(status)s, %(close_reason)s, %(closed_at)s,
        %(owner_id)s, %(created_at)s, %(updated_at)s)

-- name: insert_activity
INSERT INTO activities (id, org_id, type, direction, subject, body, occurred_at, due_at, status, contact_id,
                        company_id, deal_id, owner_id, created_at, updated_at)
VALUES (%(id)s, %(org_id)s, %(type)s, %(direction)s, %(subject)s, %(body)s, %(occurred_at)s, %(due_at)s,
        %(status)s, %(contact_id)s, %(company_id)s, %(deal_id)s, %(owner_id)s, %(created_at)s, %(updated_at)s)

-- Reset. An organization cannot be deleted once its audit log has rows (the log is append-only and
-- keeps its organization), so a reset empties the demo organization and the load refills the same one.

-- name: clear_activities
DELETE FROM activities WHERE org_id = %(org_id)s

-- name: clear_deals
DELETE FROM deals WHERE org_id = %(org_id)s

-- name: clear_contacts
DELETE FROM contacts WHERE org_id = %(org_id)s

-- name: clear_companies
DELETE FROM companies WHERE org_id = %(org_id)s

-- name: clear_users_but
DELETE FROM users WHERE org_id = %(org_id)s AND id <> %(keep_user_id)s

-- name: update_owner
UPDATE users SET name = %(name)s, password_hash = %(password_hash)s, deleted_at = NULL
WHERE org_id = %(org_id)s AND id = %(user_id)s
