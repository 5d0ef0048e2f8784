"""The LIAR statements (../shared/data/liar) as a claim store, for the search and dupes evaluations.

LIAR (Wang, ACL 2017) is 12,836 statements checked by PolitiFact, as three
tab-separated files without a header or quoting: id, label, statement,
subjects, speaker, job, state, party, five counts, context. It has no dates,
so every claim is `date: unknown` (store format 1.1). The data is research-use
only and never copied into the project: the store is written to a temporary
folder and removed after the run.

    from liar import available, liar_rows, liar_store
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LIAR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "liar"
FILES = ("train.tsv", "valid.tsv", "test.tsv")


@dataclass(frozen=True)
class Row:
    claim_id: str  # liar-<number>
    statement: str
    speaker_id: str
    speaker_name: str
    subjects: tuple[str, ...]
    context: str


def available() -> bool:
    """Whether the data is there; if not, says so (an evaluation then has nothing to measure)."""
    if all((LIAR / name).is_file() for name in FILES):
        return True
    print(f"LIAR not found at {LIAR}: nothing to measure (see ../shared/data/README.md)")
    return False


@contextmanager
def liar_store(rows: list[Row]) -> Iterator[Path]:
    """The rows written as a store in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="liar-store-") as tmp:
        write_liar_store(Path(tmp), rows)
        yield Path(tmp)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return slug or "unknown"


def liar_rows() -> Iterator[Row]:
    """Every statement of the three files, in file order; rows without a statement are skipped."""
    for name in FILES:
        for line in (LIAR / name).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 5 or not cols[2].strip():
                continue
            number = cols[0].removesuffix(".json")
            speaker = cols[4].strip() or "unknown"
            yield Row(
                claim_id=f"liar-{_slug(number)}",
                statement=" ".join(cols[2].split()),
                speaker_id=_slug(speaker),
                speaker_name=" ".join(part.capitalize() for part in speaker.split("-")),
                subjects=tuple(_slug(s) for s in cols[3].split(",") if s.strip()),
                context=cols[13].strip() if len(cols) > 13 else "",
            )


_C1 = re.compile("[\x7f-\x9f]")


def _q(text: str) -> str:
    """A YAML double-quoted scalar: JSON's, with DEL and the C1 controls escaped too (YAML refuses them raw)."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def write_liar_store(root: Path, rows: list[Row]) -> None:
    """One speakers file and claim files of 1,000 claims each."""
    root.mkdir(parents=True, exist_ok=True)
    speakers = {r.speaker_id: r.speaker_name for r in rows}
    lines = ["speakers:"] + [f"  - {{id: {sid}, name: {_q(name)}}}" for sid, name in sorted(speakers.items())]
    (root / "speakers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: set[str] = set()
    for start in range(0, len(rows), 1000):
        out = ["claims:"]
        for r in rows[start : start + 1000]:
            claim_id = r.claim_id
            while claim_id in seen:  # LIAR repeats a few ids across its files
                claim_id += "-b"
            seen.add(claim_id)
            out += [f"  - id: {claim_id}", f"    speaker: {r.speaker_id}", "    date: unknown"]
            out.append(f"    statement: {_q(r.statement)}")
            if r.subjects:
                out.append(f"    tags: [{', '.join(r.subjects)}]")
            if r.context:
                out.append(f"    venue: {_q(r.context)}")
        (root / f"claims-{start // 1000:02d}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
