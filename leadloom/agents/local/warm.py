"""`python -m leadloom.agents.local.warm [CACHE_DIR]`: train (or load) the local model's cached classifier ahead of
time. `make test` runs it before the tests, so the minutes training takes on a busy machine are not spent inside
a test's time limit (the first test to load the model used to pay them)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from leadloom.agents.local.model import default_cache_dir
from leadloom.agents.local.nlu import load_classifier


def main(argv: list[str]) -> None:
    """CACHE_DIR defaults to the one a server uses (``<data_dir>/cache/local_model``)."""
    started = time.perf_counter()
    clf = load_classifier(Path(argv[0]) if argv else default_cache_dir())
    sys.stdout.write(f"local model classifier ready: {len(clf.labels)} labels, {time.perf_counter() - started:.0f} s\n")


if __name__ == "__main__":
    main(sys.argv[1:])
