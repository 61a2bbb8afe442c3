-- Segments (saved contact filters) and campaign drafts. Sending arrives with the message hub; until
-- then a campaign is a draft that records its audience, channel and content.

CREATE TABLE segments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text,
    filters      jsonb NOT NULL DEFAULT '{}',   -- the same keys as search_contacts, validated by the service
    created_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);
CREATE UNIQUE INDEX segments_name_uq ON segments (org_id, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE campaigns (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    segment_id      uuid REFERENCES segments(id) ON DELETE SET NULL,
    filters         jsonb NOT NULL DEFAULT '{}',   -- used when there is no segment; a copy of it otherwise
    channel         text NOT NULL CHECK (channel IN ('email','sms')),
    subject         text,
    body            text NOT NULL DEFAULT '',
    status          text NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft','scheduled','sending','sent','cancelled')),
    audience_count  int NOT NULL DEFAULT 0,         -- reachable contacts (with consent) when last counted
    created_by      uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    CHECK (channel <> 'email' OR subject IS NOT NULL OR status = 'draft')
);
CREATE INDEX campaigns_org_created_idx ON campaigns (org_id, created_at, id);
CREATE INDEX campaigns_segment_idx ON campaigns (segment_id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['segments','campaigns']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = current_org()) WITH CHECK (org_id = current_org())', t);
    END LOOP;
END $$;
