"""BLAS/OpenMP thread limits for the request path.

numpy's OpenBLAS starts one thread per core for every matrix product. The products that serve one request
(scoring one lead, embedding one sentence with MiniLM) are small: a second thread saves little on a quiet
machine, and when the cores are busy with other requests its threads spin and wait for each other. Measured
on the 2-core machine with other work running (2026-11-28): one MiniLM embedding took 390 ms (p50) with
OpenBLAS's default two threads and 57 ms with one. The request path therefore runs single-threaded; batch
work (training, a 100k-lead batch) chooses its own limit.
"""

from __future__ import annotations

import threading
from typing import Any

from threadpoolctl import ThreadpoolController

# One controller per process: building it scans the loaded native libraries, which is far too slow to repeat
# on every request.
_controller: ThreadpoolController | None = None
_lock = threading.Lock()


def controller() -> ThreadpoolController:
    """The process's thread-pool controller (built on first use, after numpy has loaded its BLAS)."""
    global _controller
    if _controller is None:
        with _lock:
            if _controller is None:
                _controller = ThreadpoolController()
    return _controller


def single_thread() -> Any:
    """Context manager limiting BLAS/OpenMP to one thread for the work inside it (about 50 µs to enter)."""
    return controller().limit(limits=1)


def limited(threads: int | None) -> Any:
    """Context manager limiting BLAS/OpenMP to ``threads`` (None: the libraries' own defaults)."""
    return controller().limit(limits=threads)
