-- Privacy requests (export and erasure of one person) and unsubscribe state.
--
-- Erasure has to reach rows the application role may not change: record_history and deal_stage_changes are
-- append-only for it (0001, 0020) and the audit log is append-only for everyone (0080). privacy_purge below
-- is the one door: a SECURITY DEFINER function that works only inside the transaction that recorded the
-- erasure request (privacy_requests.tx_id = the current transaction) and only for that request's subject,
-- so "call it from anywhere" is not possible even though the app role may EXECUTE it.

-- Every export and erasure: who, when, why, and a hash of the subject's id (never the subject's data).
CREATE TABLE privacy_requests (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('export', 'erase')),
    subject_hash  text NOT NULL,                 -- sha256 of the contact id
    reason        text,                          -- with the subject's identifiers blanked out
    actor_user_id uuid,
    source        text NOT NULL DEFAULT 'api',
    counts        jsonb NOT NULL DEFAULT '{}',   -- what was found / removed, per place
    at            timestamptz NOT NULL DEFAULT now(),
    tx_id         xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX privacy_requests_org_idx ON privacy_requests (org_id, at DESC);
ALTER TABLE privacy_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_requests USING (org_id = current_org()) WITH CHECK (org_id = current_org());
-- The erasure service fills in counts at the end of its own transaction; privacy_record_counts does that.
COMMENT ON TABLE privacy_requests IS 'append-only: the record of privacy requests';

CREATE FUNCTION privacy_record_counts(p_request uuid, p_counts jsonb) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    UPDATE privacy_requests SET counts = p_counts
    WHERE id = p_request AND org_id = current_org() AND tx_id = pg_current_xact_id()
$$;

-- Remove what the app role cannot: history rows about the subject's records, stage-change reasons and
-- audit values that mention the subject. p_ids are the ids of the records being erased (contacts,
-- activities, deals unlinked from them); p_pattern is a case-insensitive regex of the subject's names,
-- emails and phones. Returns counts as jsonb.
CREATE FUNCTION privacy_purge(p_request uuid, p_ids text[], p_pattern text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    n_history int;
    n_stage int;
    n_audit int;
BEGIN
    IF current_org() IS NULL THEN
        RAISE EXCEPTION 'privacy_purge needs an organization (leadloom.org_id)';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM privacy_requests r WHERE r.id = p_request AND r.org_id = current_org()
                   AND r.kind = 'erase' AND r.tx_id = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'privacy_purge runs only inside the erasure that recorded request %', p_request
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_pattern IS NULL OR length(p_pattern) < 3 THEN
        RAISE EXCEPTION 'privacy_purge needs a subject pattern';
    END IF;

    DELETE FROM record_history h
    WHERE h.org_id = current_org()
      AND (h.entity_id::text = ANY (p_ids) OR h.before::text ~* p_pattern OR h.after::text ~* p_pattern);
    GET DIAGNOSTICS n_history = ROW_COUNT;

    UPDATE deal_stage_changes s SET reason = regexp_replace(s.reason, p_pattern, '[erased]', 'gi')
    WHERE s.org_id = current_org() AND s.reason ~* p_pattern;
    GET DIAGNOSTICS n_stage = ROW_COUNT;

    -- The audit log keeps who/when/what of each row; only the values go (0080's trigger lets the owner do
    -- exactly this while leadloom.audit_redact is on).
    PERFORM set_config('leadloom.audit_redact', 'on', true);
    UPDATE audit_log a
    SET before = CASE WHEN a.before IS NULL THEN NULL ELSE '{"redacted": "privacy erasure"}'::jsonb END,
        after = CASE WHEN a.after IS NULL THEN NULL ELSE '{"redacted": "privacy erasure"}'::jsonb END
    WHERE a.org_id = current_org()
      AND (a.entity_id = ANY (p_ids) OR a.before::text ~* p_pattern OR a.after::text ~* p_pattern);
    GET DIAGNOSTICS n_audit = ROW_COUNT;
    PERFORM set_config('leadloom.audit_redact', 'off', true);

    RETURN jsonb_build_object('record_history', n_history, 'deal_stage_reasons', n_stage, 'audit_redacted', n_audit);
END $$;

-- Unsubscribe: when a person opted out of a channel. A set opt-out keeps that channel's consent off
-- whatever writes the row later (a CSV import with a consent column, a bulk change, an agent), until the
-- opt-out itself is cleared on purpose (the person opted in again).
ALTER TABLE contacts ADD COLUMN email_unsubscribed_at timestamptz;
ALTER TABLE contacts ADD COLUMN sms_unsubscribed_at timestamptz;

CREATE FUNCTION contacts_keep_unsubscribed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.email_unsubscribed_at IS NOT NULL THEN
        NEW.email_consent := false;
    END IF;
    IF NEW.sms_unsubscribed_at IS NOT NULL THEN
        NEW.sms_consent := false;
    END IF;
    RETURN NEW;
END $$;
-- The WHEN clause is checked in C: rows without an opt-out (nearly all of a 100k-row import) never enter plpgsql.
CREATE TRIGGER contacts_keep_unsubscribed BEFORE INSERT OR UPDATE ON contacts
    FOR EACH ROW WHEN (NEW.email_unsubscribed_at IS NOT NULL OR NEW.sms_unsubscribed_at IS NOT NULL)
    EXECUTE FUNCTION contacts_keep_unsubscribed();
