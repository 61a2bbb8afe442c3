-- Deals and activities: stage history, read views with display names, and the indexes that timelines,
-- task lists and follow-up recommendations lean on.

-- Every stage move of a deal, so timelines can show it and "stalled" can be measured from the last move.
-- Stage names are copied because a stage can be renamed or deleted later; the history must still read right.
CREATE TABLE deal_stage_changes (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id         uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    deal_id        uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    from_stage_id  uuid REFERENCES pipeline_stages(id) ON DELETE SET NULL,
    to_stage_id    uuid REFERENCES pipeline_stages(id) ON DELETE SET NULL,
    from_stage     text,
    to_stage       text NOT NULL,
    from_status    text,
    to_status      text NOT NULL,
    reason         text,
    changed_by     uuid REFERENCES users(id) ON DELETE SET NULL,
    changed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deal_stage_changes_deal_idx ON deal_stage_changes (deal_id, changed_at DESC, id DESC);
COMMENT ON TABLE deal_stage_changes IS 'append-only: stage history of deals';

ALTER TABLE deal_stage_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE deal_stage_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deal_stage_changes USING (org_id = current_org()) WITH CHECK (org_id = current_org());

-- At most one default pipeline per organization.
CREATE UNIQUE INDEX pipelines_one_default_uq ON pipelines (org_id) WHERE is_default;
CREATE INDEX pipeline_stages_pipeline_idx ON pipeline_stages (pipeline_id, position);

-- Timelines page by (occurred_at DESC, id DESC) over live rows; these match that order exactly.
CREATE INDEX activities_contact_tl_idx ON activities (contact_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX activities_company_tl_idx ON activities (company_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX activities_deal_tl_idx ON activities (deal_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
-- Task lists by owner and due date (overdue tasks, "my tasks").
CREATE INDEX activities_tasks_owner_idx ON activities (org_id, owner_id, due_at) WHERE type = 'task' AND deleted_at IS NULL;
-- Follow-ups look for recent inbound/outbound touches per contact.
CREATE INDEX activities_org_occurred_idx ON activities (org_id, occurred_at DESC) WHERE deleted_at IS NULL AND type <> 'task';
-- Stalled-deal and owner queries over open deals.
CREATE INDEX deals_open_idx ON deals (org_id, status, expected_close) WHERE deleted_at IS NULL;
CREATE INDEX deals_owner_idx ON deals (org_id, owner_id);

-- Deals with their stage and the names people see. security_invoker makes the view obey the caller's
-- row-level security (a plain view would run as its owner, which is not subject to it).
CREATE VIEW deal_details WITH (security_invoker = true) AS
SELECT d.id, d.org_id, d.name, d.company_id, co.name AS company_name, d.contact_id,
       COALESCE(NULLIF(trim(ct.first_name || ' ' || ct.last_name), ''), ct.emails[1]) AS contact_name,
       d.pipeline_id, d.stage_id, s.name AS stage, s.kind AS stage_kind, s.position AS stage_position,
       d.amount, d.currency::text AS currency, d.expected_close, d.probability, d.status, d.close_reason,
       d.closed_at, d.owner_id, d.custom, d.external_id, d.created_at, d.updated_at, d.deleted_at
FROM deals d
JOIN pipeline_stages s ON s.id = d.stage_id
LEFT JOIN companies co ON co.id = d.company_id
LEFT JOIN contacts ct ON ct.id = d.contact_id;

-- Activities with the names of what they are linked to.
CREATE VIEW activity_details WITH (security_invoker = true) AS
SELECT a.id, a.org_id, a.type, a.direction, a.subject, a.body, a.occurred_at, a.due_at, a.status,
       a.contact_id, COALESCE(NULLIF(trim(ct.first_name || ' ' || ct.last_name), ''), ct.emails[1]) AS contact_name,
       a.company_id, co.name AS company_name, a.deal_id, d.name AS deal_name, a.owner_id,
       a.created_at, a.updated_at, a.deleted_at
FROM activities a
LEFT JOIN contacts ct ON ct.id = a.contact_id
LEFT JOIN companies co ON co.id = a.company_id
LEFT JOIN deals d ON d.id = a.deal_id;
