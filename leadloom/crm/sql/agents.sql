-- Agent threads and runs (migration 0040). Always inside org_tx: row-level security scopes every row.

-- name: insert_thread
INSERT INTO agent_threads (thread_id, org_id, user_id, title)
VALUES (%(thread_id)s, %(org_id)s, %(user_id)s, %(title)s)
RETURNING thread_id, user_id, title, created_at, updated_at;

-- name: get_thread
SELECT thread_id, user_id, title, created_at, updated_at
FROM agent_threads
WHERE thread_id = %(thread_id)s AND user_id IS NOT DISTINCT FROM %(user_id)s;

-- name: list_threads
SELECT thread_id, title, created_at, updated_at
FROM agent_threads
WHERE user_id IS NOT DISTINCT FROM %(user_id)s
ORDER BY updated_at DESC, thread_id
LIMIT %(limit)s;

-- name: touch_thread
UPDATE agent_threads
SET updated_at = now(), title = coalesce(title, %(title)s)
WHERE thread_id = %(thread_id)s;

-- name: insert_run
INSERT INTO agent_runs (run_id, org_id, thread_id, user_id, source, input, status)
VALUES (%(run_id)s, %(org_id)s, %(thread_id)s, %(user_id)s, %(source)s, %(input)s, 'running')
RETURNING run_id, created_at;

-- name: finish_run
UPDATE agent_runs
SET status = %(status)s, output = %(output)s, tool_calls = %(tool_calls)s, interrupts = %(interrupts)s,
    timings = %(timings)s, error = %(error)s, updated_at = now()
WHERE run_id = %(run_id)s;

-- name: get_run
SELECT run_id, thread_id, user_id, source, input, status, output, tool_calls, interrupts, timings, error,
       created_at, updated_at
FROM agent_runs
WHERE run_id = %(run_id)s AND thread_id = %(thread_id)s;

-- name: list_runs
SELECT run_id, status, input, output, tool_calls, timings, created_at
FROM agent_runs
WHERE thread_id = %(thread_id)s
ORDER BY created_at;

-- name: thread_for_run
-- Everything a new turn needs to know, in one round trip: the thread is this person's, whether its
-- latest run waits for an approval, and the organization's approval threshold.
SELECT t.thread_id,
       (SELECT r.status FROM agent_runs r WHERE r.thread_id = t.thread_id
        ORDER BY r.created_at DESC LIMIT 1) AS last_status,
       (SELECT o.settings ->> 'approval_threshold' FROM organizations o WHERE o.id = t.org_id) AS approval_threshold
FROM agent_threads t
WHERE t.thread_id = %(thread_id)s AND t.user_id IS NOT DISTINCT FROM %(user_id)s
