"""`leadloom worker` runs the background workers in a process of its own and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

from leadloom.crm.db.pool import org_tx
from leadloom.crm.services import contacts as contacts_svc
from tests.conftest import ROOT, new_org


async def _score(pool, org_id, contact_id):  # type: ignore[no-untyped-def]
    async with org_tx(pool, org_id) as conn:
        cur = await conn.execute("SELECT score FROM contacts WHERE id = %s", (contact_id,))
        return (await cur.fetchone())["score"]


async def test_worker_process_rescores_a_new_lead_and_stops_on_sigterm(db, pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "DATABASE_URL": db.admin, "LEADLOOM_DATA_DIR": str(tmp_path), "LEADLOOM_ENV": "test"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from leadloom.cli import main; main()", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        created = await new_org(pool)
        from leadloom.crm.context import Actor

        actor = Actor(org_id=created.org["id"], user_id=created.owner["id"], role="owner")
        contact = await contacts_svc.create_contact(pool, actor, {"name": "Wendy Worker", "email": "wendy@w.example"})
        score = None
        for _ in range(120):  # the worker process starts, then rescoring drains the queue within seconds
            score = await _score(pool, created.org["id"], contact.id)
            if score is not None or proc.poll() is not None:
                break
            await asyncio.sleep(0.5)
        assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
        assert score is not None, "the worker process never scored the new lead"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out.decode()
    assert "workers stopped" in out.decode()
