-- Records: lead score columns on contacts, the merges ledger (so de-duplication can be undone),
-- and indexes for the list sorts and filters the record services offer.

ALTER TABLE contacts ADD COLUMN score smallint CHECK (score IS NULL OR score BETWEEN 0 AND 100);
ALTER TABLE contacts ADD COLUMN score_updated_at timestamptz;
CREATE INDEX contacts_org_score_idx ON contacts (org_id, score);
CREATE INDEX contacts_org_updated_idx ON contacts (org_id, updated_at, id);
CREATE INDEX contacts_org_follow_up_idx ON contacts (org_id, next_follow_up, id);
CREATE INDEX contacts_org_stage_idx ON contacts (org_id, lifecycle_stage);
CREATE INDEX companies_org_updated_idx ON companies (org_id, updated_at, id);
-- not_contacted_since asks "any activity for this contact after date X".
CREATE INDEX activities_contact_occurred_idx ON activities (contact_id, occurred_at) WHERE deleted_at IS NULL;

-- One row per merge: both records as they were, plus what the merge moved and filled, so it can be undone.
CREATE TABLE merges (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    entity      text NOT NULL CHECK (entity IN ('contact','company')),
    winner_id   uuid NOT NULL,
    loser_id    uuid NOT NULL,
    snapshot    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    undone_at   timestamptz,
    CHECK (winner_id <> loser_id)
);
CREATE INDEX merges_org_created_idx ON merges (org_id, created_at DESC);
CREATE INDEX merges_winner_idx ON merges (org_id, winner_id);
CREATE INDEX merges_loser_idx ON merges (org_id, loser_id);

ALTER TABLE merges ENABLE ROW LEVEL SECURITY;
ALTER TABLE merges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON merges USING (org_id = current_org()) WITH CHECK (org_id = current_org());
