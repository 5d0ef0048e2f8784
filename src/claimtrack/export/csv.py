"""CSV of claims, for spreadsheets: the columns of `list --format csv`."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from ..model import Claim
from ..reports import answers_summary
from ..store import Store
from ..textsafe import safe

CSV_COLUMNS = (
    "id",
    "date",
    "speaker",
    "speaker_name",
    "sourcing",
    "summary",
    "statement",
    "answers",
    "tags",
    "about",
    "path",
    "line",
)


def claims_csv(store: Store, claims: Sequence[Claim], file: TextIO) -> None:
    """CSV for spreadsheets; store text is escaped like everywhere else, since CSV also lands on terminals."""
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in claims:
        writer.writerow(
            [
                c.id,
                c.date.text,
                c.speaker,
                safe(store.speaker_name(c.speaker)),
                c.status,
                safe(c.summary),
                safe(c.statement),
                answers_summary(store, c),
                safe(";".join(c.tags)),
                safe(";".join(c.about)),
                safe(c.path),  # file names are text from the disk: escaped too
                c.line,
            ]
        )


def scorecard_columns() -> list[str]:
    """The scorecard flattened: a column per sourcing status, per relation given, per verdict rating."""
    from ..model import RELATIONS, STATUSES, VERDICT_RATINGS

    return [
        "speaker",
        "name",
        "claims",
        *STATUSES,
        "unsupported_share",
        "contested",
        *(f"gave_{r}" for r in RELATIONS),
        "retractions",
        *(f"verdict_{r}" for r in VERDICT_RATINGS),
    ]


def scorecard_csv(rows: Sequence[dict[str, Any]], file: TextIO) -> None:
    """The scorecard's JSON rows (scorecard.ScoreRow.as_json), one CSV row each."""
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(scorecard_columns())
    for row in rows:
        share = row["unsupported_share"]
        writer.writerow(
            [
                row["speaker"],
                safe(row["name"]),
                row["claims"],
                *row["sourcing"].values(),
                "" if share is None else f"{share:.4f}",
                row["contested"],
                *row["answers_given"].values(),
                row["retractions"],
                *row["verdicts"].values(),
            ]
        )
