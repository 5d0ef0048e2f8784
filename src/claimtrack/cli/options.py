"""Option types and format choices, declared once and shared by every command.

The vocabularies come from the model, so a sourcing status or sort key added
there is offered here without being written again. Only the standard library,
Typer and the model are imported: this runs at every start-up.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..model import (
    FORMS,
    RECORD_SORTS,
    RELATIONS,
    SORT_KEYS,
    SOURCE_KINDS,
    SPEAKER_KINDS,
    STATUSES,
    VERDICT_RATINGS,
    WORDINGS,
)
from .complete import source_ids, speaker_ids


def _choices(name: str, words: tuple[str, ...]) -> type[StrEnum]:
    return StrEnum(name, {w: w for w in words})  # type: ignore[return-value]


if TYPE_CHECKING:  # made at run time from the model's words; a checker sees plain StrEnums
    Status = StrEnum
    SortKey = StrEnum
    Rating = StrEnum
    RecordSort = StrEnum
    Relation = StrEnum
    Wording = StrEnum
    Form = StrEnum
    SpeakerKind = StrEnum
    SourceKind = StrEnum
else:
    Status = _choices("Status", STATUSES)
    SortKey = _choices("SortKey", SORT_KEYS)
    Rating = _choices("Rating", VERDICT_RATINGS)
    RecordSort = _choices("RecordSort", RECORD_SORTS)
    Relation = _choices("Relation", tuple(RELATIONS))
    Wording = _choices("Wording", WORDINGS)
    Form = _choices("Form", FORMS)
    SpeakerKind = _choices("SpeakerKind", SPEAKER_KINDS)
    SourceKind = _choices("SourceKind", SOURCE_KINDS)


class Fmt(StrEnum):
    table = "table"
    text = "text"
    json = "json"


class WriteFmt(StrEnum):
    text = "text"
    json = "json"


class ShowFmt(StrEnum):
    text = "text"
    table = "table"
    json = "json"
    mermaid = "mermaid"


class ListFmt(StrEnum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"


class ReportFmt(StrEnum):
    text = "text"
    table = "table"
    json = "json"
    markdown = "markdown"


StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", metavar="PATH", help="The store folder (default: $CLAIMTRACK_STORE, else the nearest claims/)."
    ),
]
SpeakerOpt = Annotated[
    list[str] | None,
    typer.Option("--speaker", "-s", help="Speaker id, name or alias (repeatable).", autocompletion=speaker_ids),
]
SourcingOpt = Annotated[list[Status] | None, typer.Option("--sourcing", help="Sourcing status (repeatable).")]
UnsourcedOpt = Annotated[bool, typer.Option("--unsourced", help="Only none, unspecified or anonymous sourcing.")]
ContestedOpt = Annotated[bool, typer.Option("--contested", help="Only claims with an opposing answer.")]
UnansweredOpt = Annotated[bool, typer.Option("--unanswered", help="Only claims nobody answered.")]
AboutOpt = Annotated[list[str] | None, typer.Option("--about", help="Who or what the claim is about (repeatable).")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", "-t", help="A tag (repeatable).")]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="On or after this date (YYYY[-MM[-DD]]).")
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="On or before this date; a month or year includes all of it."),
]
DEFAULT_SORT = SortKey("date")
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source", metavar="ID", help="Only claims appearing in this source (repeatable).", autocompletion=source_ids
    ),
]
VerdictOpt = Annotated[
    list[Rating] | None, typer.Option("--verdict", help="Only claims with this rating (repeatable).")
]
RecordSortOpt = Annotated[
    RecordSort | None, typer.Option("--sort", help="claims (most first), name or id; default: store order.")
]
RecordLimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most N (0: no limit).")]
