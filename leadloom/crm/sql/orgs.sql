-- Organizations, users and API keys.

-- name: insert_org
INSERT INTO organizations (id, name, slug, settings)
VALUES (%(id)s, %(name)s, %(slug)s, %(settings)s)
RETURNING id, name, slug, settings, created_at

-- name: get_org
SELECT id, name, slug, settings, created_at FROM organizations WHERE id = %(org_id)s

-- name: update_org_settings
UPDATE organizations SET settings = settings || %(settings)s WHERE id = %(org_id)s
RETURNING id, name, slug, settings, created_at

-- name: insert_lifecycle_stage
INSERT INTO lifecycle_stages (org_id, key, label, position)
VALUES (%(org_id)s, %(key)s, %(label)s, %(position)s)
ON CONFLICT (org_id, key) DO UPDATE SET label = EXCLUDED.label, position = EXCLUDED.position

-- name: list_lifecycle_stages
SELECT key, label, position FROM lifecycle_stages WHERE org_id = %(org_id)s ORDER BY position

-- name: insert_pipeline
INSERT INTO pipelines (org_id, name, is_default) VALUES (%(org_id)s, %(name)s, %(is_default)s)
RETURNING id, name, is_default

-- name: insert_pipeline_stage
INSERT INTO pipeline_stages (org_id, pipeline_id, name, position, probability, kind)
VALUES (%(org_id)s, %(pipeline_id)s, %(name)s, %(position)s, %(probability)s, %(kind)s)
RETURNING id, name, position, probability, kind

-- name: insert_user
INSERT INTO users (org_id, email, name, role, password_hash)
VALUES (%(org_id)s, %(email)s, %(name)s, %(role)s, %(password_hash)s)
RETURNING id, org_id, email, name, role, created_at

-- name: list_users
SELECT id, org_id, email, name, role, created_at FROM users
WHERE org_id = %(org_id)s AND deleted_at IS NULL ORDER BY name

-- name: get_user
SELECT id, org_id, email, name, role, created_at FROM users
WHERE org_id = %(org_id)s AND id = %(user_id)s AND deleted_at IS NULL

-- name: insert_api_key
INSERT INTO api_keys (org_id, user_id, name, prefix, key_hash, scopes, expires_at)
VALUES (%(org_id)s, %(user_id)s, %(name)s, %(prefix)s, %(key_hash)s, %(scopes)s, %(expires_at)s)
RETURNING id, name, prefix, scopes, expires_at, created_at

-- name: auth_api_key
SELECT key_id, org_id, user_id, scopes, role, expires_at, team_id FROM auth_api_key(%(key_hash)s)

-- name: auth_user_by_email
SELECT user_id, org_id, role, password_hash, name, team_id FROM auth_user_by_email(%(email)s)

-- name: user_team
SELECT team_id FROM users WHERE org_id = %(org_id)s AND id = %(user_id)s
