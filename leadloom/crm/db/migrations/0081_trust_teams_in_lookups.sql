-- Sign-in lookups also return the person's team, so every front end (Slack, Chainlit, CLI) builds an Actor
-- with it and managers get their team's permissions there too (docs/permissions.md).

DROP FUNCTION auth_user_by_email(text);
CREATE FUNCTION auth_user_by_email(p_email text)
RETURNS TABLE (user_id uuid, org_id uuid, role text, password_hash text, name text, team_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.id, u.org_id, u.role, u.password_hash, u.name, u.team_id FROM users u
    WHERE lower(u.email) = lower(p_email) AND u.deleted_at IS NULL
$$;

DROP FUNCTION chat_user_by_id(uuid);
CREATE FUNCTION chat_user_by_id(p_user uuid)
RETURNS TABLE (org_id uuid, email text, role text, name text, team_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.org_id, u.email, u.role, u.name, u.team_id FROM users u WHERE u.id = p_user AND u.deleted_at IS NULL
$$;
