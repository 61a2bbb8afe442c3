"""Run every ``benchmarks/*_bench.py`` module's ``main()`` in turn (``make bench``).

Each benchmark owns one section of BENCHMARKS.md; a failing benchmark is reported and the others still run.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    """Module names of the benchmarks, in a stable (alphabetical) order."""
    return [f"benchmarks.{p.stem}" for p in sorted(HERE.glob("*_bench.py"))]


def main() -> int:
    failed: list[str] = []
    for name in discover():
        sys.stdout.write(f"== {name}\n")
        sys.stdout.flush()
        started = time.perf_counter()
        # Benchmarks parse their own options; give each a clean argv so they run with defaults.
        saved, sys.argv = sys.argv, [name]
        try:
            module = importlib.import_module(name)
            module.main()
        except SystemExit as exc:
            if exc.code not in (None, 0):
                failed.append(name)
        except Exception:
            traceback.print_exc()
            failed.append(name)
        finally:
            sys.argv = saved
        sys.stdout.write(f"== {name}: {time.perf_counter() - started:.0f} s\n")
    if failed:
        sys.stderr.write(f"failed: {', '.join(failed)}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
