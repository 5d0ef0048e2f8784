"""Every diagnostic code claimtrack emits: stable, documented, tested.

Codes never change meaning once released; retire one rather than reuse it.
docs/diagnostics.md lists them, and tests/data/errors/ has one golden
example for each.
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import ERROR, WARNING, Diagnostic, Location, excerpt_of


class Code(NamedTuple):
    code: str
    severity: str
    title: str

    def at(self, location: Location, message: str, hint: str | None = None, excerpt: str | None = None) -> Diagnostic:
        excerpt, caret = excerpt_of(excerpt, location.column)
        return Diagnostic(location, self.severity, self.code, message, hint, excerpt, caret)


def _c(code: str, severity: str, title: str) -> Code:
    return Code(code, severity, title)


# Files and syntax
YAML_SYNTAX = _c("E001", ERROR, "file is not valid YAML")
UNREADABLE = _c("E002", ERROR, "file cannot be read as UTF-8 text")
NOT_A_MAPPING = _c("E003", ERROR, "file is not one YAML mapping")
# Shape of records
UNKNOWN_TOP_KEY = _c("E101", ERROR, "unknown top-level key")
UNKNOWN_FIELD = _c("E102", ERROR, "unknown field in a record")
DUPLICATE_KEY = _c("E103", ERROR, "key given twice in one mapping")
MISSING_FIELD = _c("E104", ERROR, "required field missing or empty")
WRONG_TYPE = _c("E105", ERROR, "value of the wrong type")
VOCABULARY = _c("E106", ERROR, "value outside its vocabulary")
BAD_ID = _c("E107", ERROR, "id is not a valid slug")
BAD_DATE = _c("E108", ERROR, "date is not a valid ISO 8601 calendar date")
# Across records
DUPLICATE_ID = _c("E109", ERROR, "id used twice for the same kind of record")
UNKNOWN_REFERENCE = _c("E110", ERROR, "reference to an id that does not exist")
SELF_RESPONSE = _c("E111", ERROR, "claim responds to itself")
RESPONSE_CYCLE = _c("E112", ERROR, "cycle of responses")
ARCHIVE_OUTSIDE = _c("E113", ERROR, "archive path leaves the store")
APPEARANCE_UNNAMED = _c("E114", ERROR, "appearance names neither a source nor a url")
# Store files and folders on disk (1.1)
LINK_OUTSIDE = _c("E115", ERROR, "store file or folder is a link that leaves the store")
SPECIAL_FILE = _c("E116", ERROR, "a pipe, device or socket where a store file is expected")
CANNOT_READ = _c("E117", ERROR, "store file or folder cannot be read (permissions, size, link loop)")
# Warnings
RESPONSE_BEFORE = _c("W201", WARNING, "response dated before the claim it answers")
YAML11_WORD = _c("W202", WARNING, "YAML 1.1 boolean word used as text")
ARCHIVE_MISSING = _c("W203", WARNING, "archive file does not exist")
DUPLICATE_LINK = _c("W204", WARNING, "same response link given twice")
UNASSESSED = _c("W205", WARNING, "claim's sourcing not assessed (--strict only)")
OTHER_FILESYSTEM = _c("W206", WARNING, "folder on another filesystem skipped")

# Listed by hand, in code order: a code defined above and missing here fails the tests.
ALL_CODES: tuple[Code, ...] = (
    YAML_SYNTAX,
    UNREADABLE,
    NOT_A_MAPPING,
    UNKNOWN_TOP_KEY,
    UNKNOWN_FIELD,
    DUPLICATE_KEY,
    MISSING_FIELD,
    WRONG_TYPE,
    VOCABULARY,
    BAD_ID,
    BAD_DATE,
    DUPLICATE_ID,
    UNKNOWN_REFERENCE,
    SELF_RESPONSE,
    RESPONSE_CYCLE,
    ARCHIVE_OUTSIDE,
    APPEARANCE_UNNAMED,
    LINK_OUTSIDE,
    SPECIAL_FILE,
    CANNOT_READ,
    RESPONSE_BEFORE,
    YAML11_WORD,
    ARCHIVE_MISSING,
    DUPLICATE_LINK,
    UNASSESSED,
    OTHER_FILESYSTEM,
)
