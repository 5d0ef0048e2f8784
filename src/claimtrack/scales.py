"""Other fact-checkers' rating scales, mapped onto claimtrack's seven ratings.

store-format.md: "Map other scales onto these on import and keep the original
label in `verdict.label`." `check` uses this table to say how, when a
verdict's rating is another scale's word (`half-true`, `pants-on-fire`,
`Refuted`); importers can use it to do it.
"""

from __future__ import annotations

import re

# label (as `rating_key` folds it) -> (claimtrack rating, whose scale)
FOREIGN_RATINGS: dict[str, tuple[str, str]] = {
    # PolitiFact's Truth-O-Meter (and the LIAR data set's spelling of it)
    "half-true": ("mixed", "PolitiFact"),
    "barely-true": ("mostly-false", "PolitiFact"),
    "pants-on-fire": ("false", "PolitiFact"),
    "pants-fire": ("false", "PolitiFact"),
    # Snopes
    "mixture": ("mixed", "Snopes"),
    "unfounded": ("unproven", "Snopes"),
    "miscaptioned": ("misleading", "Snopes"),
    "outdated": ("misleading", "Snopes"),
    "correct-attribution": ("true", "Snopes"),
    "misattributed": ("false", "Snopes"),
    "legit": ("true", "Snopes"),
    "fake": ("false", "Snopes"),
    "scam": ("false", "Snopes"),
    "legend": ("unproven", "Snopes"),
    "research-in-progress": ("unproven", "Snopes"),
    # AVeriTeC
    "supported": ("true", "AVeriTeC"),
    "refuted": ("false", "AVeriTeC"),
    "not-enough-evidence": ("unproven", "AVeriTeC"),
    "conflicting-evidence-cherrypicking": ("misleading", "AVeriTeC"),
    "conflicting-evidence": ("mixed", "AVeriTeC"),
    "cherrypicking": ("misleading", "AVeriTeC"),
    # FEVER
    "supports": ("true", "FEVER"),
    "refutes": ("false", "FEVER"),
    "not-enough-info": ("unproven", "FEVER"),
}


def rating_key(label: str) -> str:
    """'Pants on Fire!', 'PANTS_ON_FIRE' and 'pants-on-fire' are one label."""
    return re.sub(r"[^a-z0-9]+", "-", label[:80].casefold()).strip("-")


def foreign_rating_hint(label: str) -> str | None:
    """How to record another scale's label, or None when it is no scale's word we know."""
    found = FOREIGN_RATINGS.get(rating_key(label))
    if found is None:
        return None
    rating, scale = found
    return f"'{label}' is {scale}'s rating: write 'rating: {rating}' and keep the original as 'label: {label}'"
