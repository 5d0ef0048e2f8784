"""Data the tests share: the bundled store's path and a small store as inline YAML.

Tests import these by name (`from fixtures import CLAIMS`); the pytest
fixtures that use them live in conftest.py, which tests never import.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from claimtrack.model import Record

BUNDLED = Path(__file__).resolve().parent.parent / "claims"

SPEAKERS = """
speakers:
  - id: donald-trump
    name: Donald Trump
    role: President of the United States
    aliases: [Trump, "@realDonaldTrump"]
  - id: javad-zarif
    name: Mohammad Javad Zarif
    role: Foreign Minister of Iran
    affiliation: Iran
    aliases: [Zarif, Javad Zarif, "@JZarif"]
  - id: us-official
    name: Unnamed US official
    kind: unknown
"""

CLAIMS = """
claims:
  - id: trump-sneak-attack-2020
    speaker: donald-trump
    date: 2020-04-01
    statement: >-
      Upon information and belief, Iran or its proxies are planning a sneak
      attack on US troops and/or assets in Iraq.
    summary: Iran or its proxies plan a sneak attack on US troops in Iraq
    tags: [iraq]
    about: [iran]
    sourcing: {status: unspecified, note: Upon information and belief.}
  - id: zarif-no-wars-2020
    speaker: javad-zarif
    date: 2020-04-02
    statement: Iran starts no wars, but teaches lessons to those who do
    responds_to: [{claim: trump-sneak-attack-2020, relation: denies}]
    sourcing: {status: none, note: A bare assertion.}
  - id: official-brewing-2020
    speaker: us-official
    date: 2020-04-01
    statement: We've been seeing something brewing and developing pretty seriously
    responds_to: [{claim: trump-sneak-attack-2020, relation: supports}]
    sourcing: {status: anonymous, note: Unnamed official to a newspaper.}
  - id: zarif-provocateurs-2021
    speaker: javad-zarif
    date: 2021-01-02
    statement: New intelligence from Iraq indicate that Israeli agent-provocateurs are plotting attacks
    tags: [iraq, israel]
"""


def without_places(value: Any) -> Any:
    """A loaded record as plain data without where it was read (path, line, positions), for comparing."""
    if isinstance(value, Record):
        return {
            f.name: without_places(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("path", "line", "column", "positions")
        }
    if isinstance(value, (list, tuple)):
        return tuple(map(without_places, value))
    return value


# Texts YAML misreads, misparses or cannot hold as they are.
TRAPS = [
    "no", "No", "NO", "yes", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "<<", "=",
    "2020-04", "2020-04-01", "2020-04-01 10:00:00", "2001-12-14t21:59:43.10-05:00", "012", "0o17", "0x1F",
    "1e3", "1E+3", "-1.5", "+12", ".5", ".inf", "-.Inf", ".NaN", "1:20", "1_000", "0b101",
    ": ", "a: b", "key:", "a #b", "#hash", " #", "- item", "-", "--- ", "...", "? q", "[sic]", "[a, b]",
    "{x: y}", "*alias", "&anchor", "!tag", "!!str", "%YAML", "@handle", "`tick`", "|", ">", "'", '"',
    "it's", 'say "hi"', "'both' \"kinds\"", "\\", "\\n", "\t", "a\tb", "\n", "a\nb", "a\n\nb", "a\r\nb", "\r",
    "trailing   ", "   leading", "a  b", "a \n b", "\x00", "\x07", "\x1b[31mred\x1b[0m", "\x7f", "\x85", "\x9b",
    "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u202e", "\u2066", "\u200b", "\u00a0", "\u3000",
    "👨‍👩‍👧", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "محمد جواد ظریف", "שלום", "می‌خواهم", "e\u0301", "\U0010fffd", "\ue000",
    ",", "a,b", "a]b", "x:y", "http://example.invalid/a?b=c#d", "Iran: no.",
]  # fmt: skip


# The tables of store-format.md, written out by hand: a test that read them from
# the code would agree with any bug in it (tests/test_contract_tables.py).
# store-format.md, "Relations": relation -> stance.
CONTRACT_RELATIONS = {
    "denies": "opposing",
    "rebuts": "opposing",
    "counters": "opposing",
    "questions": "opposing",
    "supports": "supporting",
    "corroborates": "supporting",
    "repeats": "supporting",
    "clarifies": "neutral",
    "retracts": "opposing",
}
# "The sourcing ladder", weakest first, and what an unsupported assertion is.
CONTRACT_LADDER = ("none", "unspecified", "anonymous", "named", "documented")
CONTRACT_UNSUPPORTED = ("none", "unspecified", "anonymous")
# cli.md, report --unsourced: corroborated_by holds "those that support or corroborate it".
CONTRACT_CORROBORATING = ("supports", "corroborates")
CONTRACT_SPEAKER_KINDS = ("person", "organization", "government", "media", "unknown")
CONTRACT_SOURCE_KINDS = ("post", "news-report", "statement", "transcript", "document", "other")
CONTRACT_RATINGS = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven")
