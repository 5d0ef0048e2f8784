"""checks.py: while a change is checked, only the archive copies it will write count as present.

`add source --archive FILE` copies FILE into the store in the same change; the
check of the store as it will be accepts that one archive, and still reports
every other archive that is missing.
"""

from __future__ import annotations

from claimtrack import codes
from claimtrack.pipeline import load_store

STORE = """\
sources:
  - {id: new-one, title: T, archive: archive/new.txt}
  - {id: old-one, title: T, archive: archive/missing.txt}
"""


def test_a_pending_archive_is_accepted_and_any_other_missing_one_is_still_reported(make_store):
    root = make_store({"a.yaml": STORE})
    store = load_store(root, cwd=root, pending=["archive/new.txt"])
    assert [(d.code, d.location.line) for d in store.diagnostics] == [(codes.ARCHIVE_MISSING.code, 3)]
    # Without the change, both are missing.
    plain = load_store(root, cwd=root)
    assert [(d.code, d.location.line) for d in plain.diagnostics] == [
        (codes.ARCHIVE_MISSING.code, 2),
        (codes.ARCHIVE_MISSING.code, 3),
    ]
