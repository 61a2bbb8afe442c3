-- Pipelines and their stages.

-- name: list_pipelines
SELECT id, name, is_default FROM pipelines
WHERE org_id = %(org_id)s
ORDER BY is_default DESC, name, id

-- name: list_stages
SELECT id, pipeline_id, name, position, probability, kind FROM pipeline_stages
WHERE org_id = %(org_id)s AND (%(pipeline_id)s::uuid IS NULL OR pipeline_id = %(pipeline_id)s)
ORDER BY pipeline_id, position, name

-- name: get_pipeline
SELECT id, name, is_default FROM pipelines WHERE org_id = %(org_id)s AND id = %(pipeline_id)s

-- name: get_pipeline_for_update
SELECT id, name, is_default FROM pipelines WHERE org_id = %(org_id)s AND id = %(pipeline_id)s FOR UPDATE

-- name: default_pipeline
SELECT id, name, is_default FROM pipelines
WHERE org_id = %(org_id)s
ORDER BY is_default DESC, created_at, id
LIMIT 1

-- name: insert_pipeline
INSERT INTO pipelines (org_id, name, is_default) VALUES (%(org_id)s, %(name)s, %(is_default)s)
RETURNING id, name, is_default

-- name: update_pipeline
UPDATE pipelines SET name = %(name)s, is_default = %(is_default)s
WHERE org_id = %(org_id)s AND id = %(pipeline_id)s
RETURNING id, name, is_default

-- name: clear_default
UPDATE pipelines SET is_default = false WHERE org_id = %(org_id)s AND is_default AND id <> %(keep_id)s

-- name: insert_stage
INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind)
VALUES (%(org_id)s, %(pipeline_id)s, %(name)s, %(position)s, %(probability)s, %(kind)s)
RETURNING id, pipeline_id, name, position, probability, kind

-- name: update_stage
UPDATE pipeline_stages
SET name = %(name)s, position = %(position)s, probability = %(probability)s, kind = %(kind)s
WHERE org_id = %(org_id)s AND pipeline_id = %(pipeline_id)s AND id = %(stage_id)s
RETURNING id, pipeline_id, name, position, probability, kind

-- name: park_stage_names
-- Renames must not trip UNIQUE (pipeline_id, name) half-way (A->B while B->A), so names are parked first.
UPDATE pipeline_stages SET name = '~' || id::text
WHERE org_id = %(org_id)s AND pipeline_id = %(pipeline_id)s AND id = ANY(%(stage_ids)s)

-- name: delete_stage
DELETE FROM pipeline_stages WHERE org_id = %(org_id)s AND pipeline_id = %(pipeline_id)s AND id = %(stage_id)s

-- name: count_deals_by_stage
SELECT stage_id, count(*) AS n FROM deals
WHERE org_id = %(org_id)s AND stage_id = ANY(%(stage_ids)s)
GROUP BY stage_id

-- name: sync_deal_status
-- A stage whose kind changed (open -> won, ...) takes its deals' status with it.
UPDATE deals d
SET status = s.kind,
    closed_at = CASE WHEN s.kind = 'open' THEN NULL ELSE COALESCE(d.closed_at, now()) END,
    close_reason = CASE WHEN s.kind = 'open' THEN NULL ELSE d.close_reason END,
    updated_at = now()
FROM pipeline_stages s
WHERE d.org_id = %(org_id)s AND s.id = d.stage_id AND s.pipeline_id = %(pipeline_id)s AND d.status <> s.kind
RETURNING d.id
