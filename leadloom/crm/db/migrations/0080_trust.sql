-- Trust: teams, browser sessions, invitations, password resets, failed-login throttling and the audit log.
-- Tenant tables follow 0001 (org_id + ENABLE + FORCE RLS + tenant_isolation); anything looked up before an
-- organization is known goes through a SECURITY DEFINER function that returns only what sign-in needs.

-- Teams: managers may change the records owned by people of their team (docs/permissions.md).
CREATE TABLE teams (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);
ALTER TABLE users ADD COLUMN team_id uuid REFERENCES teams(id) ON DELETE SET NULL;
CREATE INDEX users_team_idx ON users (org_id, team_id);

-- Server-side browser sessions. Only the sha256 of the cookie's token is stored.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash    text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    ip            text,
    user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (org_id, user_id);

-- Invitations: one-time, expiring, hashed at rest; accepting one creates the user.
CREATE TABLE invitations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email        text NOT NULL,
    role         text NOT NULL CHECK (role IN ('owner','admin','manager','rep','viewer')),
    team_id      uuid REFERENCES teams(id) ON DELETE SET NULL,
    token_hash   text NOT NULL UNIQUE,
    invited_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX invitations_org_idx ON invitations (org_id, created_at);

-- Password resets: one-time, expiring, hashed at rest.
CREATE TABLE password_resets (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);

-- Rotation: the replaced key keeps working until its grace period ends (revoked_at in the future).
ALTER TABLE api_keys ADD COLUMN replaced_by uuid REFERENCES api_keys(id) ON DELETE SET NULL;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['teams','sessions','invitations','password_resets']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = current_org()) WITH CHECK (org_id = current_org())', t);
    END LOOP;
END $$;

-- Failed and successful sign-ins, per email and per IP, for lockout. Written and read before any
-- organization is known, so RLS is enabled with no policy at all: the app role can neither read nor write
-- it directly, only through the functions below (not FORCEd, so their owner can).
CREATE TABLE login_attempts (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email    text NOT NULL,
    ip       text,
    ok       boolean NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (lower(email), at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);
ALTER TABLE login_attempts ENABLE ROW LEVEL SECURITY;

CREATE FUNCTION auth_record_login(p_email text, p_ip text, p_ok boolean) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    INSERT INTO login_attempts (email, ip, ok) VALUES (lower(p_email), p_ip, p_ok);
    -- Keep the table small: a day of history is all lockout needs.
    DELETE FROM login_attempts WHERE at < now() - interval '1 day';
$$;

-- Failures since the last success (per email) or in the window (per IP), and when the newest one happened.
CREATE FUNCTION auth_login_failures(p_email text, p_ip text, p_window interval)
RETURNS TABLE (email_failures int, ip_failures int, last_email_failure timestamptz, last_ip_failure timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT
        (SELECT count(*)::int FROM login_attempts a WHERE a.email = lower(p_email) AND NOT a.ok
            AND a.at > now() - p_window
            AND a.at > coalesce((SELECT max(s.at) FROM login_attempts s WHERE s.email = lower(p_email) AND s.ok), '-infinity')),
        (SELECT count(*)::int FROM login_attempts a WHERE a.ip = p_ip AND NOT a.ok AND a.at > now() - p_window),
        (SELECT max(a.at) FROM login_attempts a WHERE a.email = lower(p_email) AND NOT a.ok),
        (SELECT max(a.at) FROM login_attempts a WHERE a.ip = p_ip AND NOT a.ok)
$$;

-- Sign-in lookups (before an organization is known). They return only what authentication needs.
DROP FUNCTION auth_api_key(text);
CREATE FUNCTION auth_api_key(p_hash text)
RETURNS TABLE (key_id uuid, org_id uuid, user_id uuid, scopes text[], role text, expires_at timestamptz, team_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT k.id, k.org_id, k.user_id, k.scopes, u.role, k.expires_at, u.team_id
    FROM api_keys k JOIN users u ON u.id = k.user_id
    WHERE k.key_hash = p_hash AND (k.revoked_at IS NULL OR k.revoked_at > now()) AND u.deleted_at IS NULL
$$;

CREATE FUNCTION auth_session(p_hash text)
RETURNS TABLE (session_id uuid, org_id uuid, user_id uuid, role text, team_id uuid, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT s.id, s.org_id, s.user_id, u.role, u.team_id, s.expires_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = p_hash AND s.revoked_at IS NULL AND s.expires_at > now() AND u.deleted_at IS NULL
$$;

CREATE FUNCTION auth_invitation(p_hash text)
RETURNS TABLE (invitation_id uuid, org_id uuid, email text, role text, expires_at timestamptz,
               accepted_at timestamptz, revoked_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT i.id, i.org_id, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
    FROM invitations i WHERE i.token_hash = p_hash
$$;

CREATE FUNCTION auth_password_reset(p_hash text)
RETURNS TABLE (reset_id uuid, org_id uuid, user_id uuid, expires_at timestamptz, used_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT r.id, r.org_id, r.user_id, r.expires_at, r.used_at FROM password_resets r WHERE r.token_hash = p_hash
$$;

-- ---------------------------------------------------------------------------------------------------
-- The audit log: who (a user, or an agent run on a user's behalf) did what, from where, before and after.
-- Row changes are captured by statement-level triggers below, reading the actor from the transaction's
-- settings (org_tx sets them); logins, exports, permission changes and approvals are written by services.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id         uuid NOT NULL REFERENCES organizations(id),
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_user_id  uuid,
    actor_kind     text NOT NULL DEFAULT 'user' CHECK (actor_kind IN ('user','agent','system')),
    run_id         text,
    thread_id      text,
    source         text NOT NULL DEFAULT 'system',
    action         text NOT NULL,
    entity         text NOT NULL,
    entity_id      text,
    before         jsonb,
    after          jsonb,
    ip             text
);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (org_id, entity, entity_id, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (org_id, actor_user_id, id DESC);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log USING (org_id = current_org()) WITH CHECK (org_id = current_org());
-- ensure_app_role revokes UPDATE and DELETE from the app role on every table whose comment says this.
COMMENT ON TABLE audit_log IS 'append-only: written by triggers and services, never updated or deleted';

-- Even the owner cannot change or remove audit rows; only redact_audit_subject (below) may blank the
-- values of one subject, and it says so in the row it leaves.
CREATE FUNCTION audit_log_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('leadloom.audit_redact', true) = 'on'
       AND current_user = (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log')
       AND NEW.id = OLD.id AND NEW.org_id = OLD.org_id AND NEW.action = OLD.action AND NEW.at = OLD.at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();

-- The erasure hook (privacy requests): blank the before/after values of every audit row about one record
-- of the current organization, keeping who/when/what. Runs as the owner, so the trigger above lets it pass.
CREATE FUNCTION redact_audit_subject(p_entity_id text) RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE n int;
BEGIN
    IF current_org() IS NULL THEN
        RAISE EXCEPTION 'redact_audit_subject needs an organization (leadloom.org_id)';
    END IF;
    PERFORM set_config('leadloom.audit_redact', 'on', true);
    UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE '{"redacted": true}'::jsonb END,
                         after = CASE WHEN after IS NULL THEN NULL ELSE '{"redacted": true}'::jsonb END
    WHERE org_id = current_org() AND entity_id = p_entity_id;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('leadloom.audit_redact', 'off', true);
    RETURN n;
END $$;

-- Columns never copied into the audit log: derived search vectors, uploaded files, secrets, and
-- bookkeeping that changes on its own (score refreshes are the scoring model's work, kept in lead_scores).
CREATE FUNCTION audit_clean(j jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT j - ARRAY['search','file','password_hash','key_hash','token_hash','embedding','updated_at',
                     'score','score_updated_at','last_used_at']
$$;

-- The keys whose values differ, as (before, after) objects; NULLs when nothing that matters changed.
CREATE FUNCTION audit_diff(o jsonb, n jsonb, OUT b jsonb, OUT a jsonb)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jsonb_object_agg(k, o -> k), jsonb_object_agg(k, n -> k)
    FROM jsonb_object_keys(n) AS k WHERE (o -> k) IS DISTINCT FROM (n -> k)
$$;

-- One statement-level trigger function for every audited table. TG_ARGV[0] is the entity name written to
-- the log, TG_ARGV[1] the key column (default 'id'). Actions: create / update / delete (also soft delete:
-- deleted_at set) / restore (deleted_at cleared); merges log 'merge', import jobs log 'import' when a real
-- run finishes.
CREATE FUNCTION audit_capture() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_entity  text := TG_ARGV[0];
    v_key     text := coalesce(TG_ARGV[1], 'id');
    v_actor   uuid := NULLIF(current_setting('leadloom.actor_id', true), '')::uuid;
    v_run     text := NULLIF(current_setting('leadloom.run_id', true), '');
    v_thread  text := NULLIF(current_setting('leadloom.thread_id', true), '');
    v_source  text := coalesce(NULLIF(current_setting('leadloom.source', true), ''), 'system');
    v_ip      text := NULLIF(current_setting('leadloom.ip', true), '');
    v_kind    text := CASE WHEN v_run IS NOT NULL THEN 'agent' WHEN v_actor IS NULL THEN 'system' ELSE 'user' END;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit_log (org_id, actor_user_id, actor_kind, run_id, thread_id, source, action, entity,
                               entity_id, before, after, ip)
        SELECT (j ->> 'org_id')::uuid, v_actor, v_kind, v_run, v_thread, v_source,
               CASE WHEN TG_TABLE_NAME = 'merges' THEN 'merge' ELSE 'create' END,
               CASE WHEN TG_TABLE_NAME = 'merges' THEN j ->> 'entity' ELSE v_entity END,
               CASE WHEN TG_TABLE_NAME = 'merges' THEN j ->> 'winner_id' ELSE j ->> v_key END,
               NULL,
               CASE WHEN TG_TABLE_NAME = 'merges' THEN jsonb_build_object('merge_id', j -> 'id',
                        'winner_id', j -> 'winner_id', 'loser_id', j -> 'loser_id') ELSE audit_clean(j) END,
               v_ip
        FROM (SELECT to_jsonb(r) AS j FROM new_rows r) s
        WHERE TG_TABLE_NAME <> 'import_jobs';
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO audit_log (org_id, actor_user_id, actor_kind, run_id, thread_id, source, action, entity,
                               entity_id, before, after, ip)
        SELECT (j ->> 'org_id')::uuid, v_actor, v_kind, v_run, v_thread, v_source, 'delete', v_entity,
               j ->> v_key, audit_clean(j), NULL, v_ip
        FROM (SELECT to_jsonb(r) AS j FROM old_rows r) s
        WHERE TG_TABLE_NAME NOT IN ('merges', 'import_jobs');
    ELSE
        INSERT INTO audit_log (org_id, actor_user_id, actor_kind, run_id, thread_id, source, action, entity,
                               entity_id, before, after, ip)
        SELECT (n ->> 'org_id')::uuid, v_actor, v_kind, v_run, v_thread, v_source,
               CASE
                   WHEN TG_TABLE_NAME = 'merges' THEN 'undo_merge'
                   WHEN TG_TABLE_NAME = 'import_jobs' THEN 'import'
                   WHEN (o ->> 'deleted_at') IS NULL AND (n ->> 'deleted_at') IS NOT NULL THEN 'delete'
                   WHEN (o ->> 'deleted_at') IS NOT NULL AND (n ->> 'deleted_at') IS NULL THEN 'restore'
                   ELSE 'update'
               END,
               CASE WHEN TG_TABLE_NAME = 'merges' THEN n ->> 'entity' ELSE v_entity END,
               CASE WHEN TG_TABLE_NAME = 'merges' THEN n ->> 'winner_id' ELSE n ->> v_key END,
               CASE WHEN TG_TABLE_NAME = 'import_jobs' THEN NULL ELSE d.b END,
               CASE WHEN TG_TABLE_NAME = 'import_jobs'
                    THEN jsonb_build_object('entity', n -> 'entity', 'filename', n -> 'filename', 'stats', n -> 'stats')
                    ELSE d.a END,
               v_ip
        FROM (SELECT to_jsonb(r) AS o FROM old_rows r) so
        JOIN (SELECT to_jsonb(r) AS n FROM new_rows r) sn ON (so.o ->> v_key) = (sn.n ->> v_key)
        CROSS JOIN LATERAL audit_diff(audit_clean(so.o), audit_clean(sn.n)) d
        WHERE CASE
            WHEN TG_TABLE_NAME = 'merges' THEN (o ->> 'undone_at') IS NULL AND (n ->> 'undone_at') IS NOT NULL
            WHEN TG_TABLE_NAME = 'import_jobs' THEN (n ->> 'status') = 'done' AND (o ->> 'status') <> 'done'
                                                    AND NOT (n ->> 'dry_run')::boolean
            ELSE d.a IS NOT NULL
        END;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    spec text[];
    t text;
BEGIN
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        ARRAY['contacts','contact','id'], ARRAY['companies','company','id'], ARRAY['deals','deal','id'],
        ARRAY['activities','activity','id'], ARRAY['pipelines','pipeline','id'],
        ARRAY['pipeline_stages','pipeline_stage','id'], ARRAY['custom_field_defs','custom_field','id'],
        ARRAY['lifecycle_stages','lifecycle_stage','key'], ARRAY['users','user','id'],
        ARRAY['api_keys','api_key','id'], ARRAY['segments','segment','id'], ARRAY['campaigns','campaign','id'],
        ARRAY['teams','team','id'], ARRAY['invitations','invitation','id'], ARRAY['merges','merge','id'],
        ARRAY['import_jobs','import','id']]
    LOOP
        t := spec[1];
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit_capture(%L, %L)', t || '_audit_ins', t, spec[2], spec[3]);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit_capture(%L, %L)', t || '_audit_upd', t, spec[2], spec[3]);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit_capture(%L, %L)', t || '_audit_del', t, spec[2], spec[3]);
    END LOOP;
END $$;
