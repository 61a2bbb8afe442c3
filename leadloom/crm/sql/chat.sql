-- Chat front ends (migration 0070): Chainlit's thread/user look-ups and the Slack thread map.

-- name: thread_owner
SELECT org_id, user_id, email FROM chat_thread_owner(%(thread_id)s);

-- name: user_by_id
SELECT org_id, email, role, name, team_id FROM chat_user_by_id(%(user_id)s);

-- name: find_slack_thread
SELECT thread_id FROM slack_threads
WHERE team_id = %(team_id)s AND channel_id = %(channel_id)s AND thread_ts = %(thread_ts)s
  AND user_id = %(user_id)s;

-- name: insert_slack_thread
INSERT INTO slack_threads (org_id, team_id, channel_id, thread_ts, user_id, thread_id)
VALUES (%(org_id)s, %(team_id)s, %(channel_id)s, %(thread_ts)s, %(user_id)s, %(thread_id)s)
ON CONFLICT (org_id, team_id, channel_id, thread_ts, user_id) DO NOTHING
RETURNING thread_id;

-- name: slack_thread_of
-- Where a Leadloom thread lives in Slack (to post an approval's outcome back in the same thread).
SELECT team_id, channel_id, thread_ts, user_id FROM slack_threads WHERE thread_id = %(thread_id)s;

-- name: mark_event_seen
-- True (a row) the first time an event id is seen; nothing on a redelivery.
INSERT INTO slack_events_seen (event_id) VALUES (%(event_id)s)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id;

-- name: forget_old_events
DELETE FROM slack_events_seen WHERE seen_at < now() - make_interval(secs => %(ttl_s)s);

-- name: rename_thread
UPDATE agent_threads SET title = %(title)s, updated_at = now() WHERE thread_id = %(thread_id)s;

-- name: delete_thread
-- The thread's runs and Slack mappings go with it (ON DELETE CASCADE); its checkpoints stay unreachable.
DELETE FROM agent_threads WHERE thread_id = %(thread_id)s AND user_id = %(user_id)s;
