-- CSV import jobs: the uploaded file itself (so an accepted upload is never lost and can be re-run with an
-- edited mapping), how it was read, the mapping, and the outcome of the last dry or real run.

CREATE TABLE import_jobs (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    entity       text NOT NULL CHECK (entity IN ('contacts','companies','deals')),
    status       text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending','running','dry_run_done','done','failed')),
    filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 500),
    file         bytea NOT NULL,
    encoding     text,
    delimiter    text,
    header       text[] NOT NULL DEFAULT '{}',
    row_count    int NOT NULL DEFAULT 0,
    mapping      jsonb,                         -- field -> column as last run (or as given at upload)
    suggested    jsonb NOT NULL DEFAULT '{}',   -- suggested mapping with a confidence per column
    dry_run      boolean NOT NULL DEFAULT true,
    stats        jsonb NOT NULL DEFAULT '{}',
    errors       jsonb NOT NULL DEFAULT '[]',   -- row-level errors, capped (stats holds the full counts)
    warnings     jsonb NOT NULL DEFAULT '[]',   -- normalisations and links worth a look, capped
    error        text,                          -- why the job as a whole failed
    created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX import_jobs_org_created_idx ON import_jobs (org_id, created_at DESC);

ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_jobs USING (org_id = current_org()) WITH CHECK (org_id = current_org());

-- `leadloom import` without --org-email acts as the first owner; finding them precedes knowing an organization,
-- so, like the auth functions, this runs as the owner of the schema and returns only what the CLI needs.
CREATE FUNCTION import_default_owner()
RETURNS TABLE (user_id uuid, org_id uuid, role text, email text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.id, u.org_id, u.role, u.email FROM users u
    WHERE u.role = 'owner' AND u.deleted_at IS NULL
    ORDER BY u.created_at, u.id LIMIT 1
$$;
