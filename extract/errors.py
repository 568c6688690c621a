"""Named exceptions. BadInputError is a property of the file and is recorded; anything else is a bug."""
from __future__ import annotations


class EcoauditError(Exception):
    """Base for errors the CLI turns into a clean exit 1 with a message."""


class BadInputError(EcoauditError):
    """The file itself cannot be read (empty, corrupt, encrypted, unsupported ...).

    ``category`` is machine-readable; ``message`` is the Chinese text shown to users.
    """

    def __init__(self, category: str, message: str, page_no: int | None = None) -> None:
        super().__init__(message)
        self.category = category
        self.message = message
        self.page_no = page_no


class CatalogError(EcoauditError):
    """A catalog pack is malformed: the message names file, entry and field."""
