"""CSV exports: every cell equals the JSON of the same command (cli.md: `--format csv`)."""

from __future__ import annotations

import csv
import io
import json

from claimtrack.model import RELATIONS, STATUSES, VERDICT_RATINGS
from export_stores import DEBATE


def test_scorecard_csv_is_the_json_row_for_row(run, make_store):
    root = make_store(DEBATE)
    rows = json.loads(run("--store", str(root), "scorecard", "--format", "json").stdout)
    result = run("--store", str(root), "scorecard", "--format", "csv")
    # Unix lines, like every other output (bytes: click's .stdout turns CRLF into LF)
    assert b"\r" not in result.stdout_bytes and result.stdout_bytes.endswith(b"\n")
    out = result.stdout
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == [
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
    assert len(table) == len(rows) + 1
    for cells, row in zip(table[1:], rows, strict=True):
        share = row["unsupported_share"]
        assert cells == [
            row["speaker"],
            row["name"],
            str(row["claims"]),
            *(str(row["sourcing"][s]) for s in STATUSES),
            "" if share is None else f"{share:.4f}",
            str(row["contested"]),
            *(str(row["answers_given"][r]) for r in RELATIONS),
            str(row["retractions"]),
            *(str(row["verdicts"][r]) for r in VERDICT_RATINGS),
        ]


def test_scorecard_csv_share_is_empty_when_nothing_is_assessed_and_has_four_decimals(run, make_store):
    root = make_store(
        {
            "a.yaml": """\
speakers: [{id: a, name: A}, {id: b, name: B}]
claims:
  - {id: a1, speaker: a, date: 2020, statement: One}
  - {id: b1, speaker: b, date: 2020, statement: Two, sourcing: {status: none}}
  - {id: b2, speaker: b, date: 2020, statement: Three, sourcing: {status: named}}
  - {id: b3, speaker: b, date: 2020, statement: Four, sourcing: {status: documented}}
"""
        }
    )
    table = list(csv.reader(io.StringIO(run("--store", str(root), "scorecard", "--format", "csv").stdout)))
    share = table[0].index("unsupported_share")
    assert {row[0]: row[share] for row in table[1:]} == {"a": "", "b": "0.3333"}


def test_list_csv_lines_lists_and_escaped_path(run, make_store):
    root = make_store(
        {
            "bell\x07.yaml": "speakers: [{id: s, name: S}]\nclaims:\n"
            "  - {id: c, speaker: s, date: 2020, statement: X, tags: [a, b], about: [iran, iraq]}\n"
        }
    )
    result = run("--store", str(root), "list", "--format", "csv")
    assert b"\r" not in result.stdout_bytes  # bytes: click's .stdout turns CRLF into LF
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["path"].endswith("claims/bell\\x07.yaml") and row["line"] == "3"
    assert (row["tags"], row["about"]) == ("a;b", "iran;iraq")
