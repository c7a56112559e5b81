"""One root error for the workbench, with a few meaningful subclasses.

Every message says what went wrong and what to do next; the CLI prints it as a
single line and exits non-zero, without a stack trace.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Root of every error the workbench raises on purpose."""

    exit_code = 1


class ConfigurationError(WorkbenchError):
    """A setting, file or folder the workbench needs is wrong or missing."""


class StoreUnavailable(WorkbenchError):
    """The graph store cannot be reached or refused the credentials."""

    exit_code = 3


class EmbeddedServerError(WorkbenchError):
    """The embedded ArcadeDB server could not be started, stopped or found."""

    exit_code = 4


class ModelError(WorkbenchError):
    """The graph model or a data catalogue file is malformed."""


class CatalogueError(WorkbenchError):
    """A saved query's header is malformed or a parameter is wrong."""


class QueryError(WorkbenchError):
    """A query failed in the store (syntax, semantics, or refused)."""


class ReadOnlyViolation(QueryError):
    """A write was attempted through the read-only path and refused."""


class InputError(WorkbenchError):
    """User-supplied data is invalid; ``problems`` lists every (file, row, column, reason)."""

    exit_code = 2

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class AccessDenied(WorkbenchError):
    """The current user's role does not allow this action."""

    exit_code = 5
