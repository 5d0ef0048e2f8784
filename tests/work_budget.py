"""A bound on the work the fuzzy commands hand to rapidfuzz, for tests of inputs that were quadratic.

Tests never time anything (the machine is shared and noisy); instead they count
the work. Aligning or scoring two sequences costs about the product of their
lengths (rapidfuzz's bit-parallel algorithms divide it by 64, which changes no
order of growth), so every rapidfuzz call the package makes is charged that
product, before it runs: a call over budget fails the test at once instead of
running for minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

_PAIRWISE = {
    "rapidfuzz.fuzz": ("ratio", "partial_ratio", "partial_ratio_alignment", "token_set_ratio", "WRatio", "QRatio"),
    "rapidfuzz.distance.Indel": ("distance", "similarity", "normalized_similarity", "opcodes", "editops"),
    "rapidfuzz.distance.Levenshtein": ("distance", "similarity", "normalized_similarity", "opcodes", "editops"),
    "rapidfuzz.distance.OSA": ("distance", "similarity", "normalized_similarity"),
}


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, Sequence)) else 1


@dataclass
class Budget:
    per_call: int
    spent: int = 0
    largest: int = 0

    def charge(self, cells: int, what: str) -> None:
        self.spent += cells
        self.largest = max(self.largest, cells)
        if cells > self.per_call:
            raise AssertionError(f"{what}: one call of {cells:,} cells, over the budget of {self.per_call:,}")


def limit_rapidfuzz(monkeypatch: pytest.MonkeyPatch, per_call: int) -> Budget:
    """Charge every rapidfuzz scorer, aligner and process call; fail a call costing more than per_call cells."""
    import importlib

    budget = Budget(per_call)

    def pairwise(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def charged(a: Any, b: Any, *args: Any, **kwargs: Any) -> Any:
            budget.charge(_size(a) * _size(b), name)
            return fn(a, b, *args, **kwargs)

        return charged

    for module_name, names in _PAIRWISE.items():
        module = importlib.import_module(module_name)
        for name in names:
            monkeypatch.setattr(module, name, pairwise(f"{module_name}.{name}", getattr(module, name)))

    process = importlib.import_module("rapidfuzz.process")
    cdist, cpdist, extract = process.cdist, process.cpdist, process.extract

    def charged_cdist(queries: Any, choices: Any, *args: Any, **kwargs: Any) -> Any:
        budget.charge(sum(map(_size, queries)) * sum(map(_size, choices)), "process.cdist")
        return cdist(queries, choices, *args, **kwargs)

    def charged_cpdist(queries: Any, choices: Any, *args: Any, **kwargs: Any) -> Any:
        budget.charge(sum(_size(q) * _size(c) for q, c in zip(queries, choices, strict=False)), "process.cpdist")
        return cpdist(queries, choices, *args, **kwargs)

    def charged_extract(query: Any, choices: Any, *args: Any, **kwargs: Any) -> Any:
        budget.charge(_size(query) * sum(map(_size, choices)), "process.extract")
        return extract(query, choices, *args, **kwargs)

    monkeypatch.setattr(process, "cdist", charged_cdist)
    monkeypatch.setattr(process, "cpdist", charged_cpdist)
    monkeypatch.setattr(process, "extract", charged_extract)
    return budget
