"""``leadloom worker``: the background workers without the HTTP server.

By default `leadloom serve` runs the knowledge indexer, lead rescoring and retraining in-process; in
production they run here instead (one or more worker processes, `LEADLOOM_RUN_WORKERS=false` on the API
processes), so request handling keeps its CPU. Stops cleanly on SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal

import typer

from leadloom.cli.common import console, open_pool, run


async def run_workers(stop: asyncio.Event) -> None:
    """Run every background worker on one pool until ``stop`` is set."""
    from leadloom.integrations.workers.scoring import RescoreWorker, RetrainWorker
    from leadloom.memory.indexer import KnowledgeIndexer

    async with open_pool() as pool:
        workers = [KnowledgeIndexer(pool), RescoreWorker(pool), RetrainWorker(pool)]
        for worker in workers:
            worker.start()
        console.print("workers running: knowledge indexer, rescoring, retraining (Ctrl+C to stop)")
        try:
            await stop.wait()
        finally:
            for worker in reversed(workers):
                await worker.stop()
    console.print("workers stopped")


def register(app: typer.Typer) -> None:
    @app.command()
    def worker() -> None:
        """Run the background workers (knowledge indexer, lead rescoring, retraining) without serving HTTP."""

        async def _main() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            await run_workers(stop)

        run(_main)
