"""Shared test configuration.

Hypothesis fails a test whose example takes over 200 ms by default: a timed test in effect, flaky
on a loaded machine (a property test of the CSV export failed so, once, while other work ran).
Speed is measured by the benchmarks in bench/, never by the tests, so no example has a deadline.
"""
from hypothesis import settings

settings.register_profile("comparer", deadline=None)
settings.load_profile("comparer")
