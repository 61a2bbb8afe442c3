-- CSV import: jobs, what the planner needs to know, and set-based writes from temp staging tables.
-- Staging tables are temporary (ON COMMIT DROP): COPY cannot write into tables under row-level security,
-- so rows are copied into staging first and moved with INSERT ... SELECT / UPDATE ... FROM, which do obey it.

-- name: insert_job
INSERT INTO import_jobs (org_id, entity, filename, file, encoding, delimiter, header, row_count, mapping,
                         suggested, dry_run, created_by)
VALUES (%(org_id)s, %(entity)s, %(filename)s, %(file)s, %(encoding)s, %(delimiter)s, %(header)s, %(row_count)s,
        %(mapping)s, %(suggested)s, %(dry_run)s, %(created_by)s)
RETURNING id, entity, status, filename, encoding, delimiter, header, row_count, mapping, suggested, dry_run, stats,
          errors, warnings, error, created_by, created_at, started_at, finished_at

-- name: get_job
SELECT id, entity, status, filename, encoding, delimiter, header, row_count, mapping, suggested, dry_run, stats,
       errors, warnings, error, created_by, created_at, started_at, finished_at
FROM import_jobs WHERE org_id = %(org_id)s AND id = %(job_id)s

-- name: get_job_file
SELECT file FROM import_jobs WHERE org_id = %(org_id)s AND id = %(job_id)s

-- name: claim_job
-- A job is claimed by one run at a time. A run holds the job's advisory lock for its whole work transaction,
-- so a job 'running' for a while whose lock is free was left behind by a process that died: claim it again.
UPDATE import_jobs SET status = 'running', started_at = now(), finished_at = NULL, error = NULL,
       dry_run = %(dry_run)s
WHERE org_id = %(org_id)s AND id = %(job_id)s
  AND (status <> 'running'
       OR (started_at < now() - make_interval(secs => %(stale_s)s)
           AND pg_try_advisory_xact_lock(hashtextextended('leadloom.import-job:' || id::text, 0))))
RETURNING id

-- name: lock_job
SELECT pg_advisory_xact_lock(hashtextextended('leadloom.import-job:' || %(job_id)s::text, 0))

-- name: finish_job
UPDATE import_jobs SET status = %(status)s, mapping = %(mapping)s, stats = %(stats)s, errors = %(errors)s,
       warnings = %(warnings)s, error = %(error)s, finished_at = now()
WHERE org_id = %(org_id)s AND id = %(job_id)s

-- name: lock_org_imports
-- Real runs of one organization take turns, so two imports of the same file cannot both create a record.
SELECT pg_advisory_xact_lock(hashtextextended('leadloom.import:' || %(org_id)s::text, 0))

-- name: default_owner
SELECT user_id, org_id, role, email FROM import_default_owner()

-- name: list_custom_defs
SELECT entity, key, label, type, options, required FROM custom_field_defs WHERE org_id = %(org_id)s ORDER BY key

-- name: list_users
SELECT id, email, name FROM users WHERE org_id = %(org_id)s AND deleted_at IS NULL

-- name: default_pipeline_stages
SELECT p.id AS pipeline_id, s.id, s.name, s.kind, s.probability, s.position
FROM pipelines p JOIN pipeline_stages s ON s.pipeline_id = p.id
WHERE p.org_id = %(org_id)s AND p.is_default
ORDER BY s.position

-- name: load_companies
SELECT id, name, domain, industry, size, owner_id, custom, external_id, deleted_at
FROM companies WHERE org_id = %(org_id)s

-- name: load_contacts
-- Joins against the file's keys rather than `emails && array OR external_id = ANY(array)`: with tens of
-- thousands of keys that OR defeats the indexes and compares every array with every row.
WITH hit AS (
    SELECT c.id FROM contacts c CROSS JOIN LATERAL unnest(c.emails) AS ce(email)
    JOIN unnest(%(emails)s::text[]) AS f(email) ON f.email = ce.email
    WHERE c.org_id = %(org_id)s
    UNION
    SELECT c.id FROM contacts c JOIN unnest(%(external_ids)s::text[]) AS x(ext) ON c.external_id = x.ext
    WHERE c.org_id = %(org_id)s
)
SELECT id, first_name, last_name, emails, phones, title, company_id, lifecycle_stage, lead_source, owner_id, tags,
       email_consent, sms_consent, next_follow_up, custom, external_id, deleted_at
FROM contacts WHERE org_id = %(org_id)s AND id IN (SELECT id FROM hit)

-- name: load_deals
WITH hit AS (
    SELECT d.id FROM deals d JOIN unnest(%(external_ids)s::text[]) AS x(ext) ON d.external_id = x.ext
    WHERE d.org_id = %(org_id)s
    UNION
    SELECT d.id FROM deals d JOIN unnest(%(names)s::text[]) AS n(name) ON lower(d.name) = n.name
    WHERE d.org_id = %(org_id)s
)
SELECT id, name, company_id, contact_id, pipeline_id, stage_id, amount, currency::text AS currency, expected_close,
       probability, status, close_reason, closed_at, owner_id, custom, external_id, deleted_at
FROM deals WHERE org_id = %(org_id)s AND id IN (SELECT id FROM hit)

-- name: create_stage_companies
CREATE TEMP TABLE IF NOT EXISTS import_stage_companies (
    batch int NOT NULL, action text NOT NULL, id uuid NOT NULL, name text NOT NULL, domain text, industry text,
    size int, owner_id uuid, custom jsonb NOT NULL, external_id text
) ON COMMIT DROP

-- name: copy_stage_companies
COPY import_stage_companies (batch, action, id, name, domain, industry, size, owner_id, custom, external_id)
FROM STDIN

-- name: analyze_stage_companies
-- A fresh temp table has no statistics; the planner would guess one row and may pick a nested loop that
-- rescans the whole staging table for every existing record. Cheap to fix, ruinous not to.
ANALYZE import_stage_companies

-- name: insert_companies
WITH ins AS (
    INSERT INTO companies (id, org_id, name, domain, industry, size, owner_id, custom, external_id)
    SELECT id, %(org_id)s, name, domain, industry, size, owner_id, custom, external_id
    FROM import_stage_companies WHERE action = 'create' AND batch = %(batch)s
    RETURNING id, org_id, name, domain, industry, size, owner_id, custom, external_id, created_at, updated_at,
              deleted_at
)
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
SELECT org_id, 'company', id, 'import', NULL, to_jsonb(ins), %(actor_id)s, %(source)s FROM ins

-- name: update_companies
-- `old` reads the rows as they were before this statement (all parts of a WITH share one snapshot). No FOR UPDATE
-- there: a row locked earlier in the same command is silently skipped by the UPDATE. Records are found by the
-- id list, not by joining staging: the planner's row estimate for an organization that this very import is
-- filling is stale, and joining on it chose a nested loop that rescanned staging per record (minutes, not ms).
WITH old AS (
    SELECT c.id, c.org_id, c.name, c.domain, c.industry, c.size, c.owner_id, c.custom, c.external_id,
           c.created_at, c.updated_at, c.deleted_at
    FROM companies c WHERE c.id = ANY(%(ids)s::uuid[])
), upd AS (
    UPDATE companies c
    SET name = s.name, domain = s.domain, industry = s.industry, size = s.size, owner_id = s.owner_id,
        custom = s.custom, external_id = s.external_id, updated_at = now()
    FROM import_stage_companies s
    WHERE c.id = ANY(%(ids)s::uuid[]) AND s.id = c.id AND s.action = 'update' AND s.batch = %(batch)s
    RETURNING c.id, c.org_id, c.name, c.domain, c.industry, c.size, c.owner_id, c.custom, c.external_id,
              c.created_at, c.updated_at, c.deleted_at
)
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
SELECT upd.org_id, 'company', upd.id, 'import', to_jsonb(old), to_jsonb(upd),
       %(actor_id)s, %(source)s
FROM upd JOIN old ON old.id = upd.id

-- name: create_stage_contacts
CREATE TEMP TABLE IF NOT EXISTS import_stage_contacts (
    batch int NOT NULL, action text NOT NULL, id uuid NOT NULL, first_name text NOT NULL, last_name text NOT NULL,
    emails text[] NOT NULL, phones text[] NOT NULL, title text, company_id uuid, lifecycle_stage text,
    lead_source text, owner_id uuid, tags text[] NOT NULL, email_consent boolean NOT NULL,
    sms_consent boolean NOT NULL, next_follow_up date, custom jsonb NOT NULL, external_id text
) ON COMMIT DROP

-- name: copy_stage_contacts
COPY import_stage_contacts (batch, action, id, first_name, last_name, emails, phones, title, company_id,
                            lifecycle_stage, lead_source, owner_id, tags, email_consent, sms_consent, next_follow_up,
                            custom, external_id)
FROM STDIN

-- name: analyze_stage_contacts
-- A fresh temp table has no statistics; the planner would guess one row and may pick a nested loop that
-- rescans the whole staging table for every existing record. Cheap to fix, ruinous not to.
ANALYZE import_stage_contacts

-- name: insert_contacts
WITH ins AS (
    INSERT INTO contacts (id, org_id, first_name, last_name, emails, phones, title, company_id, lifecycle_stage,
                          lead_source, owner_id, tags, email_consent, sms_consent, next_follow_up, custom,
                          external_id)
    SELECT id, %(org_id)s, first_name, last_name, emails, phones, title, company_id, lifecycle_stage, lead_source,
           owner_id, tags, email_consent, sms_consent, next_follow_up, custom, external_id
    FROM import_stage_contacts WHERE action = 'create' AND batch = %(batch)s
    RETURNING id, org_id, first_name, last_name, emails, phones, title, company_id, lifecycle_stage,
              lead_source, owner_id, tags, email_consent, sms_consent, next_follow_up, custom, external_id,
              created_at, updated_at, deleted_at
)
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
SELECT org_id, 'contact', id, 'import', NULL, to_jsonb(ins), %(actor_id)s, %(source)s FROM ins

-- name: update_contacts
WITH old AS (
    SELECT c.id, c.org_id, c.first_name, c.last_name, c.emails, c.phones, c.title, c.company_id,
           c.lifecycle_stage, c.lead_source, c.owner_id, c.tags, c.email_consent, c.sms_consent,
           c.next_follow_up, c.custom, c.external_id, c.created_at, c.updated_at, c.deleted_at
    FROM contacts c WHERE c.id = ANY(%(ids)s::uuid[])
), upd AS (
    UPDATE contacts c
    SET first_name = s.first_name, last_name = s.last_name, emails = s.emails, phones = s.phones, title = s.title,
        company_id = s.company_id, lifecycle_stage = s.lifecycle_stage, lead_source = s.lead_source,
        owner_id = s.owner_id, tags = s.tags, email_consent = s.email_consent, sms_consent = s.sms_consent,
        next_follow_up = s.next_follow_up, custom = s.custom, external_id = s.external_id, updated_at = now()
    FROM import_stage_contacts s
    WHERE c.id = ANY(%(ids)s::uuid[]) AND s.id = c.id AND s.action = 'update' AND s.batch = %(batch)s
    RETURNING c.id, c.org_id, c.first_name, c.last_name, c.emails, c.phones, c.title, c.company_id,
              c.lifecycle_stage, c.lead_source, c.owner_id, c.tags, c.email_consent, c.sms_consent,
              c.next_follow_up, c.custom, c.external_id, c.created_at, c.updated_at, c.deleted_at
)
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
SELECT upd.org_id, 'contact', upd.id, 'import', to_jsonb(old), to_jsonb(upd),
       %(actor_id)s, %(source)s
FROM upd JOIN old ON old.id = upd.id

-- name: create_stage_deals
CREATE TEMP TABLE IF NOT EXISTS import_stage_deals (
    batch int NOT NULL, action text NOT NULL, id uuid NOT NULL, name text NOT NULL, company_id uuid,
    contact_id uuid, pipeline_id uuid NOT NULL, stage_id uuid NOT NULL, amount numeric(14,2), currency text NOT NULL,
    expected_close date, probability int, status text NOT NULL, close_reason text, closed_at timestamptz,
    owner_id uuid, custom jsonb NOT NULL, external_id text
) ON COMMIT DROP

-- name: copy_stage_deals
COPY import_stage_deals (batch, action, id, name, company_id, contact_id, pipeline_id, stage_id, amount, currency,
                         expected_close, probability, status, close_reason, closed_at, owner_id, custom, external_id)
FROM STDIN

-- name: analyze_stage_deals
-- A fresh temp table has no statistics; the planner would guess one row and may pick a nested loop that
-- rescans the whole staging table for every existing record. Cheap to fix, ruinous not to.
ANALYZE import_stage_deals

-- name: insert_deals
WITH ins AS (
    INSERT INTO deals (id, org_id, name, company_id, contact_id, pipeline_id, stage_id, amount, currency,
                       expected_close, probability, status, close_reason, closed_at, owner_id, custom, external_id)
    SELECT id, %(org_id)s, name, company_id, contact_id, pipeline_id, stage_id, amount, currency, expected_close,
           probability, status, close_reason, closed_at, owner_id, custom, external_id
    FROM import_stage_deals WHERE action = 'create' AND batch = %(batch)s
    RETURNING id, org_id, name, company_id, contact_id, pipeline_id, stage_id, amount, currency,
              expected_close, probability, status, close_reason, closed_at, owner_id, custom, external_id,
              created_at, updated_at, deleted_at
)
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
SELECT org_id, 'deal', id, 'import', NULL, to_jsonb(ins), %(actor_id)s, %(source)s FROM ins

-- name: update_deals
WITH old AS (
    SELECT d.id, d.org_id, d.name, d.company_id, d.contact_id, d.pipeline_id, d.stage_id, d.amount,
           d.currency, d.expected_close, d.probability, d.status, d.close_reason, d.closed_at, d.owner_id,
           d.custom, d.external_id, d.created_at, d.updated_at, d.deleted_at
    FROM deals d WHERE d.id = ANY(%(ids)s::uuid[])
), upd AS (
    UPDATE deals d
    SET name = s.name, company_id = s.company_id, contact_id = s.contact_id, pipeline_id = s.pipeline_id,
        stage_id = s.stage_id, amount = s.amount, currency = s.currency, expected_close = s.expected_close,
        probability = s.probability, status = s.status, close_reason = s.close_reason, closed_at = s.closed_at,
        owner_id = s.owner_id, custom = s.custom, external_id = s.external_id, updated_at = now()
    FROM import_stage_deals s
    WHERE d.id = ANY(%(ids)s::uuid[]) AND s.id = d.id AND s.action = 'update' AND s.batch = %(batch)s
    RETURNING d.id, d.org_id, d.name, d.company_id, d.contact_id, d.pipeline_id, d.stage_id, d.amount,
              d.currency, d.expected_close, d.probability, d.status, d.close_reason, d.closed_at, d.owner_id,
              d.custom, d.external_id, d.created_at, d.updated_at, d.deleted_at
)
INSERT INTO record_history (org_id, entity, entity_id, action, before, after, actor_id, source)
SELECT upd.org_id, 'deal', upd.id, 'import', to_jsonb(old), to_jsonb(upd),
       %(actor_id)s, %(source)s
FROM upd JOIN old ON old.id = upd.id
