"""The one error type of ingestion: a file that cannot be used, and why."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be read or is not a policy document.

    str() gives the one-line message shown to users: "<file>: <reason>".
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
