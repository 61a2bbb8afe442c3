"""Load and speed harnesses; each ``*_bench.py`` module has a ``main()`` and writes its own BENCHMARKS.md section."""
