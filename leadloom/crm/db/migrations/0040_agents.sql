-- The agent runtime: conversation threads (who owns which LangGraph thread), runs (what each turn did,
-- for audit and timings) and the knowledge index (pgvector embeddings of notes and activity text).
-- LangGraph's own checkpoint/store tables are created by their setup() (memory/setup.py); they carry no
-- org_id, so the runner checks thread ownership here before it touches a checkpoint.

CREATE TABLE agent_threads (
    thread_id   text PRIMARY KEY,
    org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id     uuid REFERENCES users(id) ON DELETE SET NULL,
    title       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_threads_owner_idx ON agent_threads (org_id, user_id, updated_at DESC);

CREATE TABLE agent_runs (
    run_id       text PRIMARY KEY,
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    thread_id    text NOT NULL REFERENCES agent_threads(thread_id) ON DELETE CASCADE,
    user_id      uuid REFERENCES users(id) ON DELETE SET NULL,
    source       text NOT NULL DEFAULT 'api',
    input        text,
    status       text NOT NULL DEFAULT 'running'
                 CHECK (status IN ('running','completed','interrupted','failed')),
    output       text,
    tool_calls   jsonb NOT NULL DEFAULT '[]',
    interrupts   jsonb NOT NULL DEFAULT '[]',
    timings      jsonb NOT NULL DEFAULT '{}',
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_runs_thread_idx ON agent_runs (org_id, thread_id, created_at);

-- One row per indexed piece of text (today: one per activity). source_updated_at is the source row's
-- updated_at when it was embedded, so a changed source is re-embedded.
CREATE TABLE knowledge_chunks (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id             uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    source_type        text NOT NULL,
    source_id          uuid NOT NULL,
    contact_id         uuid REFERENCES contacts(id) ON DELETE CASCADE,
    text               text NOT NULL,
    embedding          vector(384) NOT NULL,
    source_updated_at  timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, source_type, source_id)
);
CREATE INDEX knowledge_chunks_contact_idx ON knowledge_chunks (org_id, contact_id);
-- HNSW (pgvector >= 0.5): good recall without the training step IVFFlat needs on an empty table.
CREATE INDEX knowledge_chunks_embedding_idx ON knowledge_chunks USING hnsw (embedding vector_cosine_ops);

-- How far the indexer has read each organization's sources, as a keyset (updated_at, id).
CREATE TABLE knowledge_watermarks (
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    source_type  text NOT NULL,
    last_at      timestamptz NOT NULL,
    last_id      uuid NOT NULL,
    PRIMARY KEY (org_id, source_type)
);

-- The indexer polls by updated_at; this keeps that poll an index range scan.
CREATE INDEX IF NOT EXISTS activities_org_updated_idx ON activities (org_id, updated_at, id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agent_threads','agent_runs','knowledge_chunks','knowledge_watermarks']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = current_org()) WITH CHECK (org_id = current_org())', t);
    END LOOP;
END $$;

-- The indexer worker serves every organization but, as the app role, sees one at a time. This
-- SECURITY DEFINER function tells it which organizations have activity text newer than their
-- watermark, and nothing else.
CREATE FUNCTION knowledge_pending_orgs()
RETURNS TABLE (org_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT o.id FROM organizations o
    LEFT JOIN knowledge_watermarks w ON w.org_id = o.id AND w.source_type = 'activity'
    WHERE EXISTS (
        SELECT 1 FROM activities a
        WHERE a.org_id = o.id
          AND (a.updated_at, a.id) > (coalesce(w.last_at, '-infinity'::timestamptz),
                                      coalesce(w.last_id, '00000000-0000-0000-0000-000000000000'::uuid))
    )
$$;
