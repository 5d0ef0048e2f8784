"""Readable ids for new records, unique in the store, and where new records go.

Ids (cli.md, "Writing to the store"): a speaker's from the name
(`javad-zarif`); a claim's from the speaker, a few words of the summary or
statement, and the year (`zarif-agent-provocateurs-2021`); a source's from
the outlet and date (`twitter-2021-01-02`). When the id is taken, `-2`,
`-3` ... is added.

Files: a claim goes to `--file`, else the file of the first claim it
answers, else `YYYY/YYYY-MM.yaml` by its date (`YYYY/YYYY.yaml` for a year,
`undated.yaml` for `unknown`); a speaker or source to the file holding most
records of its kind, else `speakers.yaml` / `sources.yaml`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from pathlib import Path, PurePosixPath

from .errors import ClaimtrackError
from .fsutil import YAML_SUFFIXES
from .model import ID_RE, PartialDate, Speaker
from .store import Store
from .textsafe import clip

MAX_ID = 80
# Words that say little about a claim: left out of its id.
_STOP = frozenset(
    """a an the and or but if of to in on at by for from with without into onto over under about against
    between through during before after as is are was were be been being am do does did done has have had
    will would shall should can could may might must not no nor so than that this these those there their
    they them he she it its his her him we us our you your i me my mine who whom whose which what when
    where why how all any each every some such very just also only more most much many new now then up
    out said says say told tell according""".split()
)


def ascii_words(text: str) -> list[str]:
    """The words of a text as id parts: accents dropped, lower case; hyphenated words kept whole."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = [w.strip("-") for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", plain)]
    return [w for w in words if w]


def unique_id(base: str, taken: Collection[str], fallback: str) -> str:
    """base made a valid id (else fallback), with -2, -3 ... when it is taken."""
    base = re.sub(r"-+", "-", base.strip("-"))[:MAX_ID].strip("-")
    if not ID_RE.match(base):
        base = fallback
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        made = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        if made not in taken:
            return made
        n += 1


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def speaker_id(store: Store, name: str, kind: str | None = None) -> str:
    """A person's last two names (`Mohammad Javad Zarif` -> `javad-zarif`); another kind's whole name."""
    words = ascii_words(name)
    if kind in (None, "person"):
        names = [w for w in words if w not in _SUFFIXES] or words
        words = names[-2:]
    return unique_id("-".join(words[:6]), store.speakers, "speaker")


def _speaker_part(speaker: Speaker) -> str:
    """How a claim's id names its speaker: a person's last name, else the id's first words."""
    if speaker.kind == "person":
        words = ascii_words(speaker.name)
        if words:
            return words[-1]
    return "-".join(speaker.id.split("-")[:3])


def claim_id(store: Store, speaker: Speaker, text: str, date: PartialDate) -> str:
    """speaker + the two or three longest telling words of the text, in their order + the year."""
    skip = set(_STOP) | set(ascii_words(speaker.name)) | {speaker.id}
    words = [w for w in ascii_words(text) if w not in skip and not w.isdigit()]
    chosen: set[int] = set()
    parts = 0
    for index in sorted(range(len(words)), key=lambda i: (-len(words[i]), i)):
        if parts >= 2:
            break
        chosen.add(index)
        parts += words[index].count("-") + 1
    middle = "-".join(words[i] for i in sorted(chosen))
    year = "" if date.unknown else str(date.first_day.year)
    base = "-".join(p for p in (_speaker_part(speaker), middle[:50].strip("-"), year) if p)
    # The mapping, not its keys: through the index each `in` is one indexed query, where the keys
    # are every claim's id read (0.2 s of `add claim` at 100,000 claims).
    return unique_id(base, store.claims, "claim")


def source_id(store: Store, outlet: str | None, title: str | None, published: PartialDate | None) -> str:
    name = ascii_words(outlet or "")[:3] or ascii_words(title or "")[:4]
    date = "" if published is None or published.unknown else published.text
    return unique_id("-".join([*name, date]), store.sources, "source")


# --- where records go ------------------------------------------------------


def store_rel(store: Store, shown: str) -> str:
    """The store path ('/'-separated, relative to the store folder) of a file as messages name it."""
    path = store.files.get(shown, Path(shown))
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(store.root))).as_posix()


def checked_file(store: Store, given: str) -> str:
    """--file PATH: relative to the store folder, inside it, a .yaml or .yml name not starting with '.'."""
    path = PurePosixPath(given.replace("\\", "/"))
    parts = [p for p in path.parts if p != "."]
    if path.is_absolute() or ".." in parts or not parts:
        raise ClaimtrackError(
            f"--file '{clip(given)}' must be a path inside the store folder, relative to it",
            "for example --file 2021/episode.yaml",
        )
    if not parts[-1].endswith(YAML_SUFFIXES) or any(p.startswith(".") for p in parts):
        raise ClaimtrackError(
            f"--file '{clip(given)}' is not a store file name",
            "store files end in .yaml or .yml, and no part of the path starts with '.'",
        )
    rel = "/".join(parts)
    target = store.root / rel
    real = os.path.realpath(target)
    root = os.path.realpath(store.root)
    if real != root and not real.startswith(root + os.sep):
        raise ClaimtrackError(f"--file '{clip(given)}' leads outside the store folder", "give a file inside it")
    return rel


def claim_file(store: Store, date: PartialDate, answers: Collection[str] = (), given: str | None = None) -> str:
    if given:
        return checked_file(store, given)
    for answered in answers:
        claim = store.claims.get(answered)
        if claim is not None:
            return store_rel(store, claim.path)
        break
    if date.unknown:
        return "undated.yaml"
    year = f"{date.first_day.year:04d}"
    if len(date.text) == 4:
        return f"{year}/{year}.yaml"
    return f"{year}/{date.text[:7]}.yaml"


def record_file(store: Store, section: str) -> str:
    """The file holding most speakers (or sources), else speakers.yaml (sources.yaml)."""
    records = store.speakers if section == "speakers" else store.sources
    counts = Counter(record.path for record in records.values())
    if counts:
        shown = min(counts, key=lambda path: (-counts[path], path))
        return store_rel(store, shown)
    return f"{section}.yaml"
