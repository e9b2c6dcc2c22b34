"""Benchmarks of mkdocs-postmortem: a synthetic corpus and a runner (see docs/performance.md)."""
