-- Lead scoring: the model registry, every score given (with its explanation), salespeople's corrections,
-- and the rescoring queue that triggers on contacts and activities fill, so that every writer (services,
-- CSV import, agents, the demo loader) gets its contacts rescored without having to remember to.

-- Every model ever trained for an organization: the champion that scores, rejected challengers with the
-- metrics that sank them, retired champions. The artefact is the pickled model (TrainedModel/ColdStartModel).
CREATE TABLE scoring_models (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    version       int NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('learned', 'cold_start')),
    algorithm     text NOT NULL,
    status        text NOT NULL CHECK (status IN ('champion', 'rejected', 'retired', 'candidate')),
    status_text   text,                     -- e.g. "not enough closed deals to train: 12 of 50"
    metrics       jsonb NOT NULL DEFAULT '{}',
    features      jsonb NOT NULL DEFAULT '[]',
    gate          jsonb,                    -- the champion/challenger decision that gave this status
    window_from   timestamptz,
    window_to     timestamptz,
    n_train       int NOT NULL DEFAULT 0,
    n_outcomes    int NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    artefact      bytea NOT NULL,
    card          jsonb NOT NULL DEFAULT '{}',
    UNIQUE (org_id, version)
);
-- At most one champion per organization: the model every score comes from.
CREATE UNIQUE INDEX scoring_models_one_champion_uq ON scoring_models (org_id) WHERE status = 'champion';
CREATE INDEX scoring_models_org_created_idx ON scoring_models (org_id, created_at DESC);

-- Every score given to a contact, with the model and the explanation shown next to it.
CREATE TABLE score_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    contact_id   uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    score        smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
    probability  double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
    model_id     uuid REFERENCES scoring_models(id) ON DELETE SET NULL,
    kind         text NOT NULL,
    explanation  jsonb NOT NULL DEFAULT '{}',
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX score_history_contact_idx ON score_history (contact_id, at DESC, id DESC);
CREATE INDEX score_history_org_at_idx ON score_history (org_id, at);
COMMENT ON TABLE score_history IS 'append-only: every score a contact was given';

-- A salesperson saying "this lead is (not) good": stored as given and used as a training label.
CREATE TABLE score_corrections (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id           uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    contact_id       uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    user_id          uuid REFERENCES users(id) ON DELETE SET NULL,
    corrected_label  boolean,
    corrected_score  smallint CHECK (corrected_score IS NULL OR corrected_score BETWEEN 0 AND 100),
    reason           text,
    score_before     smallint,
    at               timestamptz NOT NULL DEFAULT now(),
    CHECK (corrected_label IS NOT NULL OR corrected_score IS NOT NULL)
);
CREATE INDEX score_corrections_contact_idx ON score_corrections (org_id, contact_id, at DESC);

-- Contacts waiting to be rescored. No foreign keys on purpose: the triggers below may run while an
-- organization or contact is being deleted (cascades), and a stale entry is simply dropped by the worker.
CREATE TABLE score_queue (
    org_id       uuid NOT NULL,
    contact_id   uuid NOT NULL,
    enqueued_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, contact_id)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['scoring_models','score_history','score_corrections','score_queue']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = current_org()) WITH CHECK (org_id = current_org())', t);
    END LOOP;
END $$;

-- Statement-level triggers with transition tables: a 100k-row import enqueues in one INSERT ... SELECT
-- instead of 100k trigger calls. They run as the invoking app role, inside the writer's transaction and
-- organization, so row-level security lets them write queue rows of that same organization.
CREATE FUNCTION scoring_enqueue_contacts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE org uuid;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO score_queue (org_id, contact_id)
        SELECT DISTINCT n.org_id, n.id FROM new_rows n WHERE n.deleted_at IS NULL
        ON CONFLICT (org_id, contact_id) DO UPDATE SET enqueued_at = now();
    ELSE
        -- Writing the score itself (score, score_updated_at) must not enqueue the contact again, or
        -- the worker would rescore forever. Any other change can move the score.
        INSERT INTO score_queue (org_id, contact_id)
        SELECT DISTINCT n.org_id, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.deleted_at IS NULL
          AND (to_jsonb(n) - 'score' - 'score_updated_at' - 'updated_at' - 'search')
              IS DISTINCT FROM (to_jsonb(o) - 'score' - 'score_updated_at' - 'updated_at' - 'search')
        ON CONFLICT (org_id, contact_id) DO UPDATE SET enqueued_at = now();
    END IF;
    FOR org IN SELECT DISTINCT n.org_id FROM new_rows n LOOP
        PERFORM pg_notify('leadloom_rescore', org::text);
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION scoring_enqueue_activities() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE org uuid;
BEGIN
    -- Only the transition tables of the firing event exist; PL/pgSQL plans each branch when it runs.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO score_queue (org_id, contact_id)
        SELECT DISTINCT n.org_id, n.contact_id FROM new_rows n WHERE n.contact_id IS NOT NULL
        ON CONFLICT (org_id, contact_id) DO UPDATE SET enqueued_at = now();
        FOR org IN SELECT DISTINCT n.org_id FROM new_rows n LOOP
            PERFORM pg_notify('leadloom_rescore', org::text);
        END LOOP;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Both sides: an activity moved from one contact to another changes both scores.
        INSERT INTO score_queue (org_id, contact_id)
        SELECT n.org_id, n.contact_id FROM new_rows n WHERE n.contact_id IS NOT NULL
        UNION
        SELECT o.org_id, o.contact_id FROM old_rows o WHERE o.contact_id IS NOT NULL
        ON CONFLICT (org_id, contact_id) DO UPDATE SET enqueued_at = now();
        FOR org IN SELECT DISTINCT n.org_id FROM new_rows n LOOP
            PERFORM pg_notify('leadloom_rescore', org::text);
        END LOOP;
    ELSE
        INSERT INTO score_queue (org_id, contact_id)
        SELECT DISTINCT o.org_id, o.contact_id FROM old_rows o WHERE o.contact_id IS NOT NULL
        ON CONFLICT (org_id, contact_id) DO UPDATE SET enqueued_at = now();
        FOR org IN SELECT DISTINCT o.org_id FROM old_rows o LOOP
            PERFORM pg_notify('leadloom_rescore', org::text);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER contacts_rescore_ins AFTER INSERT ON contacts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scoring_enqueue_contacts();
CREATE TRIGGER contacts_rescore_upd AFTER UPDATE ON contacts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scoring_enqueue_contacts();
CREATE TRIGGER activities_rescore_ins AFTER INSERT ON activities
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scoring_enqueue_activities();
CREATE TRIGGER activities_rescore_upd AFTER UPDATE ON activities
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scoring_enqueue_activities();
CREATE TRIGGER activities_rescore_del AFTER DELETE ON activities
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION scoring_enqueue_activities();

-- The workers serve every organization but, as the app role, see one at a time. These SECURITY DEFINER
-- functions tell them which organizations have work, and nothing else.
CREATE FUNCTION scoring_queue_orgs()
RETURNS TABLE (org_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT DISTINCT q.org_id FROM score_queue q
$$;

-- Organizations due a retrain: ones with contacts but no model yet, a latest model (of any status, so a
-- rejected challenger does not make the organization due again at once) older than p_max_age, or at
-- least p_new_outcomes deals closed (or corrections made) since that model was trained.
CREATE FUNCTION scoring_retrain_due(p_new_outcomes int, p_max_age interval)
RETURNS TABLE (org_id uuid, reason text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT o.id,
           CASE WHEN m.last_at IS NULL THEN 'no model yet'
                WHEN m.last_at < now() - p_max_age THEN 'scheduled'
                ELSE 'new outcomes' END
    FROM organizations o
    LEFT JOIN LATERAL (SELECT max(s.created_at) AS last_at FROM scoring_models s WHERE s.org_id = o.id) m ON true
    WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.org_id = o.id AND c.deleted_at IS NULL)
      AND (m.last_at IS NULL
           OR m.last_at < now() - p_max_age
           OR (SELECT count(*) FROM deals d
               WHERE d.org_id = o.id AND d.deleted_at IS NULL AND d.status IN ('won', 'lost')
                 AND d.updated_at > m.last_at)
              + (SELECT count(*) FROM score_corrections s WHERE s.org_id = o.id AND s.at > m.last_at)
              >= p_new_outcomes)
$$;
