"""The errors comparer raises. Callers can tell "could not read" from "found nothing".

Every error carries the input it is about (`source`) and a short human reason, so the CLI can print
one line per failed input and the app can show the reason beside the file.
"""
from __future__ import annotations


class ComparerError(Exception):
    """Base class of every error the library raises on purpose."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):  # pickled as its two parts, so that it crosses to and from worker processes
        return type(self), (self.source, self.reason)


class IngestError(ComparerError):
    """An input could not be read as an article (empty, binary, corrupt, too large, unsupported)."""


class UsageError(ComparerError):
    """The caller asked for something that cannot be done (a path that does not exist, a bad option)."""
