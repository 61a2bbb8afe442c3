-- Chat front ends (Chainlit in the browser, the Slack bot). Conversations stay in agent_threads (0040);
-- these tables only map a front end's own ids onto them, and remember which Slack deliveries were seen.

-- One Leadloom thread per Slack thread and person: agent threads belong to one user (the runner checks
-- ownership), so two people talking in the same Slack thread each get their own Leadloom thread, each
-- acting with their own permissions.
CREATE TABLE slack_threads (
    org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    team_id     text NOT NULL,
    channel_id  text NOT NULL,
    thread_ts   text NOT NULL,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id   text NOT NULL REFERENCES agent_threads(thread_id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, team_id, channel_id, thread_ts, user_id)
);

ALTER TABLE slack_threads ENABLE ROW LEVEL SECURITY;
ALTER TABLE slack_threads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON slack_threads
    USING (org_id = current_org()) WITH CHECK (org_id = current_org());

-- Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num). Event ids seen are kept
-- a day, across processes, so a retry is handled once. Checked before the organization is known and
-- holding no tenant data (an opaque Slack id and a time), so it is not under row-level security.
CREATE TABLE slack_events_seen (
    event_id  text PRIMARY KEY,
    seen_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_events_seen_at_idx ON slack_events_seen (seen_at);

-- Chainlit asks who owns a thread, and lists a user's threads, with only the thread or user id in hand
-- (before any organization is set for the transaction). These SECURITY DEFINER functions answer exactly
-- that and nothing more, like auth_user_by_email in 0001.
CREATE FUNCTION chat_thread_owner(p_thread text)
RETURNS TABLE (org_id uuid, user_id uuid, email text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT t.org_id, t.user_id, u.email FROM agent_threads t JOIN users u ON u.id = t.user_id
    WHERE t.thread_id = p_thread AND u.deleted_at IS NULL
$$;

CREATE FUNCTION chat_user_by_id(p_user uuid)
RETURNS TABLE (org_id uuid, email text, role text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.org_id, u.email, u.role, u.name FROM users u WHERE u.id = p_user AND u.deleted_at IS NULL
$$;
