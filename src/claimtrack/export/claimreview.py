"""The `claimreview` export: schema.org JSON-LD, as fact-checkers publish it and search engines read it.

`{"@context": [schema.org, {claimtrack: ...}], "@graph": [...]}`. Every claim
becomes a schema.org `Claim`, every speaker that follows the claims a
`Person` or `Organization`, every source a `CreativeWork`. A claim with a verdict is published as a
`ClaimReview` whose `itemReviewed` is that Claim (Google reads a ClaimReview
with its claim inside it); a claim without one is a bare `Claim` in the
graph, never a ClaimReview with an invented rating. What schema.org lacks
(sourcing, the answers between claims, evidence, quotes as reported) goes
under the `claimtrack:` prefix, declared in the context, so that JSON-LD
processors keep it and everyone else can ignore it. docs/exports.md maps
every field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import RELATIONS, Appearance, Claim, Source, Speaker
from ..store import Store
from ..textsafe import shorten
from .selection import Selection, select

SCHEMA_ORG = "https://schema.org"
# The claimtrack vocabulary has no published home: a URN names it without
# pointing anywhere a crawler would fetch. Relations keep their store names
# (claimtrack:denies ...), so the vocabulary is the store format's own.
NAMESPACE = "urn:claimtrack:"
CONTEXT: list[Any] = [SCHEMA_ORG, {"claimtrack": NAMESPACE}]

# Google asks for claimReviewed under 75 characters.
CLAIM_REVIEWED_MAX = 74

_PERSON_KINDS = ("person", "unknown")  # an unidentified speaker is usually an official, i.e. a person


def claim_iri(claim_id: str) -> str:
    return f"claimtrack:claim/{claim_id}"


def speaker_iri(speaker_id: str) -> str:
    return f"claimtrack:speaker/{speaker_id}"


def source_iri(source_id: str) -> str:
    return f"claimtrack:source/{source_id}"


def document(store: Store, claims: Iterable[Claim]) -> dict[str, Any]:
    chosen = select(store, claims)
    graph = [_review(chosen, c) if c.verdict else _claim(chosen, c) for c in chosen.claims]
    graph += [_speaker(store, s) for s in chosen.speakers]
    graph += [_source(store, s) for s in chosen.sources]
    return {"@context": CONTEXT, "@graph": graph}


# --- nodes -------------------------------------------------------------------


def _claim(chosen: Selection, claim: Claim) -> dict[str, Any]:
    store = chosen.store
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": claim_iri(claim.id),
        "identifier": claim.id,
        "text": claim.statement,
        "author": _agent(store, claim.speaker),
    }
    if claim.summary:
        node["name"] = claim.summary
    if not claim.date.unknown:
        node["datePublished"] = claim.date.text
    appearances = [_appearance(store, a) for a in claim.appears_in]
    if appearances:
        node["appearance"] = appearances
    first = _first_appearance(store, claim)
    if first is not None:
        node["firstAppearance"] = _appearance(store, first)
    if claim.tags:
        node["keywords"] = list(claim.tags)
    if claim.about:
        node["about"] = [_about(store, word) for word in claim.about]
    node["claimtrack:sourcing"] = claim.status
    if claim.sourcing and claim.sourcing.note:
        node["claimtrack:sourcingNote"] = claim.sourcing.note
    if claim.venue:
        node["claimtrack:venue"] = claim.venue
    node["claimtrack:wording"] = claim.wording
    for relation in RELATIONS:
        targets = [{"@id": claim_iri(link.claim)} for link in chosen.responds_to(claim) if link.relation == relation]
        if targets:
            node[f"claimtrack:{relation}"] = targets
    if claim.evidence:
        node["claimtrack:evidence"] = [_evidence(store, e.description, e.source, e.url) for e in claim.evidence]
    if claim.context:
        node["claimtrack:context"] = claim.context
    return node


def _review(chosen: Selection, claim: Claim) -> dict[str, Any]:
    verdict = claim.verdict
    assert verdict is not None
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label or verdict.rating}
    rating["claimtrack:rating"] = verdict.rating
    node: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": f"claimtrack:review/{claim.id}",
        "claimReviewed": claim_reviewed(claim),
        "itemReviewed": _claim(chosen, claim),
        "reviewRating": rating,
    }
    if verdict.by:
        node["author"] = _agent(chosen.store, verdict.by)
    if verdict.date is not None and not verdict.date.unknown:
        node["datePublished"] = verdict.date.text
    if url := verdict.url:
        node["url"] = url  # Google requires it to publish a ClaimReview: the review's own page
    if verdict.note:
        node["reviewBody"] = verdict.note
    return node


def claim_reviewed(claim: Claim) -> str:
    """What the review is about, in under 75 characters: the summary, else the statement shortened.

    Never the rating: Google shows claimReviewed next to the rating, and
    repeating the verdict there is a common mistake its guidelines warn about.
    """
    text = " ".join((claim.summary or claim.statement).split())
    return shorten(text, CLAIM_REVIEWED_MAX)


def _agent(store: Store, speaker_id: str) -> dict[str, Any]:
    """A speaker where a record names one: type, id and name inline (what Google reads); the rest in its node."""
    speaker = store.speakers.get(speaker_id)
    kind = speaker.kind if speaker else "person"  # a store with errors: the id is all there is
    return {
        "@type": "Person" if kind in _PERSON_KINDS else "Organization",
        "@id": speaker_iri(speaker_id),
        "name": speaker.name if speaker else speaker_id,
    }


def _speaker(store: Store, speaker: Speaker) -> dict[str, Any]:
    node = _agent(store, speaker.id)
    if speaker.kind not in ("person", "organization"):
        node["claimtrack:speakerKind"] = speaker.kind  # government, media, unknown: finer than schema.org's two
    node["identifier"] = speaker.id
    if speaker.aliases:
        node["alternateName"] = list(speaker.aliases)
    if speaker.role:
        node["jobTitle"] = speaker.role
    if speaker.affiliation:
        node["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
    group = [_agent(store, m) for m in speaker.members if m in store.speakers]
    if group:
        node["member"] = group
    return node


def _about(store: Store, word: str) -> dict[str, Any]:
    speaker = store.speakers.get(word)
    if speaker is not None:
        return {"@id": speaker_iri(speaker.id), "name": speaker.name}
    return {"@type": "Thing", "name": word}


def _appearance(store: Store, appearance: Appearance) -> dict[str, Any]:
    # A blank node per appearance, linked to the source's own node: the quote
    # and note belong to this claim's appearance in the source, not to the source.
    source_id = appearance.source
    source = store.sources.get(source_id) if source_id else None
    node: dict[str, Any] = {"@type": "CreativeWork"}
    url = appearance.url or (source.url if source else None)
    if url:
        node["url"] = url
    if source is not None:
        if source.title:
            node["name"] = source.title
        node["claimtrack:source"] = {"@id": source_iri(source.id)}
    if appearance.quote:
        node["claimtrack:quote"] = appearance.quote
    node["claimtrack:form"] = appearance.form
    if credited := appearance.attributed_to:
        node["claimtrack:attributedTo"] = _agent(store, credited)
    if appearance.note:
        node["claimtrack:note"] = appearance.note
    return node


def _source(store: Store, source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork", "@id": source_iri(source.id), "identifier": source.id}
    if source.title:
        node["name"] = source.title
    if source.url:
        node["url"] = source.url
    if source.outlet:
        node["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.published is not None and not source.published.unknown:
        node["datePublished"] = source.published.text
    if source.author:
        node["author"] = _agent(store, source.author)
    if source.kind:
        node["claimtrack:sourceKind"] = source.kind
    if byline := source.byline:
        node["claimtrack:byline"] = byline
    return node


def _first_appearance(store: Store, claim: Claim) -> Appearance | None:
    """The appearance in the earliest-published source; none when no source has a known date."""
    dated = []
    for index, appearance in enumerate(claim.appears_in):
        source_id = appearance.source
        source = store.sources.get(source_id) if source_id else None
        if source is not None and source.published is not None and not source.published.unknown:
            dated.append((source.published.first_day, index, appearance))
    return min(dated, key=lambda entry: entry[:2])[2] if dated else None


def _evidence(store: Store, description: str, source_id: str | None, url: str | None) -> dict[str, Any]:
    node: dict[str, Any] = {"description": description}
    if url:
        node["url"] = url
    if source_id and source_id in store.sources:
        node["claimtrack:source"] = {"@id": source_iri(source_id)}
    return node
