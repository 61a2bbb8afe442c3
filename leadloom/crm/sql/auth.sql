-- Sign-in: sessions, invitations, password resets, failed-login throttling, API key management, teams.
-- Lookups before an organization is known go through the SECURITY DEFINER functions of 0080.

-- name: auth_session
SELECT session_id, org_id, user_id, role, team_id, expires_at FROM auth_session(%(token_hash)s)

-- name: auth_invitation
SELECT invitation_id, org_id, email, role, expires_at, accepted_at, revoked_at FROM auth_invitation(%(token_hash)s)

-- name: auth_password_reset
SELECT reset_id, org_id, user_id, expires_at, used_at FROM auth_password_reset(%(token_hash)s)

-- name: record_login
SELECT auth_record_login(%(email)s, %(ip)s, %(ok)s)

-- name: login_failures
SELECT email_failures, ip_failures, last_email_failure, last_ip_failure
FROM auth_login_failures(%(email)s, %(ip)s, %(window)s)

-- name: insert_session
INSERT INTO sessions (org_id, user_id, token_hash, expires_at, ip, user_agent)
VALUES (%(org_id)s, %(user_id)s, %(token_hash)s, %(expires_at)s, %(ip)s, %(user_agent)s)
RETURNING id, expires_at

-- name: revoke_session
UPDATE sessions SET revoked_at = now() WHERE org_id = %(org_id)s AND token_hash = %(token_hash)s AND revoked_at IS NULL

-- name: revoke_user_sessions
UPDATE sessions SET revoked_at = now() WHERE org_id = %(org_id)s AND user_id = %(user_id)s AND revoked_at IS NULL

-- name: insert_invitation
INSERT INTO invitations (org_id, email, role, team_id, token_hash, invited_by, expires_at)
VALUES (%(org_id)s, %(email)s, %(role)s, %(team_id)s, %(token_hash)s, %(invited_by)s, %(expires_at)s)
RETURNING id, email, role, team_id, created_at, expires_at

-- name: get_invitation_for_update
SELECT id, org_id, email, role, team_id, expires_at, accepted_at, revoked_at FROM invitations
WHERE org_id = %(org_id)s AND id = %(id)s FOR UPDATE

-- name: accept_invitation
UPDATE invitations SET accepted_at = now() WHERE org_id = %(org_id)s AND id = %(id)s

-- name: list_invitations
SELECT id, email, role, team_id, created_at, expires_at, accepted_at, revoked_at FROM invitations
WHERE org_id = %(org_id)s ORDER BY created_at DESC LIMIT 500

-- name: revoke_invitation
UPDATE invitations SET revoked_at = now()
WHERE org_id = %(org_id)s AND id = %(id)s AND accepted_at IS NULL AND revoked_at IS NULL
RETURNING id

-- name: insert_user_with_team
INSERT INTO users (org_id, email, name, role, password_hash, team_id)
VALUES (%(org_id)s, %(email)s, %(name)s, %(role)s, %(password_hash)s, %(team_id)s)
RETURNING id, org_id, email, name, role, team_id, created_at

-- name: insert_password_reset
INSERT INTO password_resets (org_id, user_id, token_hash, created_by, expires_at)
VALUES (%(org_id)s, %(user_id)s, %(token_hash)s, %(created_by)s, %(expires_at)s)
RETURNING id, expires_at

-- name: use_password_reset
UPDATE password_resets SET used_at = now()
WHERE org_id = %(org_id)s AND id = %(id)s AND used_at IS NULL AND expires_at > now()
RETURNING user_id

-- name: set_password
UPDATE users SET password_hash = %(password_hash)s WHERE org_id = %(org_id)s AND id = %(user_id)s

-- name: get_user_full
SELECT id, org_id, email, name, role, team_id, created_at FROM users
WHERE org_id = %(org_id)s AND id = %(user_id)s AND deleted_at IS NULL

-- name: list_users_full
SELECT id, org_id, email, name, role, team_id, created_at FROM users
WHERE org_id = %(org_id)s AND deleted_at IS NULL ORDER BY name, id

-- name: update_user_access
UPDATE users SET role = %(role)s, team_id = %(team_id)s
WHERE org_id = %(org_id)s AND id = %(user_id)s AND deleted_at IS NULL
RETURNING id, org_id, email, name, role, team_id, created_at

-- name: count_owners
SELECT count(*)::int AS n FROM users WHERE org_id = %(org_id)s AND role = 'owner' AND deleted_at IS NULL

-- name: insert_team
INSERT INTO teams (org_id, name) VALUES (%(org_id)s, %(name)s) RETURNING id, name, created_at

-- name: list_teams
SELECT id, name, created_at FROM teams WHERE org_id = %(org_id)s ORDER BY name

-- name: get_team
SELECT id, name, created_at FROM teams WHERE org_id = %(org_id)s AND id = %(id)s

-- name: list_api_keys
SELECT k.id, k.user_id, k.name, k.prefix, k.scopes, k.expires_at, k.revoked_at, k.last_used_at, k.created_at,
       k.replaced_by
FROM api_keys k
WHERE k.org_id = %(org_id)s AND (%(user_id)s::uuid IS NULL OR k.user_id = %(user_id)s)
ORDER BY k.created_at DESC, k.id

-- name: get_api_key_for_update
SELECT id, user_id, name, prefix, key_hash, scopes, expires_at, revoked_at FROM api_keys
WHERE org_id = %(org_id)s AND id = %(id)s FOR UPDATE

-- name: revoke_api_key
UPDATE api_keys SET revoked_at = %(at)s, replaced_by = coalesce(%(replaced_by)s, replaced_by)
WHERE org_id = %(org_id)s AND id = %(id)s
