"""Lead-scoring workers: event-driven rescoring and retraining.

- :class:`RescoreWorker` drains the rescoring queue that the database triggers fill (0060_scoring.sql).
  It wakes on ``NOTIFY leadloom_rescore`` from a listening connection of its own and also polls every
  ``poll_s`` seconds, so a lost notification (or a failed LISTEN) delays a score by a second, never
  forever. A changed lead is rescored within about a second.
- :class:`RetrainWorker` retrains every organization that is due (no model yet, a champion older than
  ``max_age_s`` - daily by default - or ``new_outcomes`` closed deals and corrections since it was
  trained). The champion/challenger gate in ``crm.services.scoring_training`` decides what goes live.

Both survive errors (log, wait, go on) and stop cleanly when cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from psycopg_pool import AsyncConnectionPool

from leadloom.crm.db.pool import Conn
from leadloom.crm.repositories import scoring as repo
from leadloom.crm.services import lead_scores, scoring_training

log = logging.getLogger(__name__)


class _Worker:
    name = "worker"

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def _run(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class RescoreWorker(_Worker):
    """Rescores queued contacts as soon as they are queued (see the module doc)."""

    name = "scoring-rescore"

    def __init__(self, pool: AsyncConnectionPool[Conn], *, poll_s: float = 1.0, listen: bool = True) -> None:
        super().__init__()
        self.pool = pool
        self.poll_s = poll_s
        self.listen = listen
        self.rescored = 0
        self._wake = asyncio.Event()
        self._listener: asyncio.Task[None] | None = None

    async def _listen(self) -> None:
        while True:
            try:
                async for _org in repo.listen(self.pool.conninfo):
                    self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # Polling still runs; try to listen again a little later.
                log.warning("rescoring LISTEN failed (%s); polling every %.1fs meanwhile", exc, self.poll_s)
            await asyncio.sleep(5)

    async def _run(self) -> None:
        if self.listen:
            self._listener = asyncio.create_task(self._listen(), name=f"{self.name}-listen")
        try:
            while True:
                self._wake.clear()
                try:
                    n = await lead_scores.drain_all(self.pool)
                    self.rescored += n
                    if n:
                        log.info("rescored %d contacts", n)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("rescoring pass failed; retrying in %.1fs", self.poll_s)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.poll_s)
        finally:
            if self._listener is not None:
                self._listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._listener


class RetrainWorker(_Worker):
    """Retrains organizations that are due, checking every ``check_s`` seconds (see the module doc)."""

    name = "scoring-retrain"

    def __init__(
        self,
        pool: AsyncConnectionPool[Conn],
        *,
        check_s: float = 60.0,
        max_age_s: float = 24 * 3600.0,
        new_outcomes: int = 20,
    ) -> None:
        super().__init__()
        self.pool = pool
        self.check_s = check_s
        self.max_age_s = max_age_s
        self.new_outcomes = new_outcomes
        self.runs: list[dict[str, Any]] = []

    async def run_once(self) -> list[dict[str, Any]]:
        """One pass: retrain every due organization; one failing organization does not stop the others."""
        async with self.pool.connection() as conn:
            due = await repo.retrain_due(conn, new_outcomes=self.new_outcomes, max_age_s=self.max_age_s)
        done = []
        for row in due:
            try:
                result = await scoring_training.train_org(self.pool, row["org_id"])
                done.append({"org_id": row["org_id"], "reason": row["reason"], "accepted": result["accepted"]})
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("retraining organization %s failed; will retry", row["org_id"])
        self.runs += done
        return done

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("retraining pass failed; retrying in %.0fs", self.check_s)
            await asyncio.sleep(self.check_s)
