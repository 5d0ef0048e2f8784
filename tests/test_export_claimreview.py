"""The claimreview export, read by a JSON-LD processor (pyld) with a frozen schema.org context, offline.

tests/data/jsonld/schemaorg-context.jsonld holds, unchanged, the entries of
schema.org's published context (release 30.0, data/releases/30.0/
schemaorgcontext.jsonld in github.com/schemaorg/schemaorg) for the terms the
export uses. The real context maps every unknown word to schema.org through
"@vocab", so expansion alone never drops a misspelt property: the test
checks instead that every expanded property is one of those real terms or
in the claimtrack namespace, and that no property of the document went
missing on the way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

from claimtrack.export import claimreview
from claimtrack.export.jsonsafe import dumps, dumps_lines
from export_stores import DEBATE, ELEVEN, HOSTILE, HOSTILE_STATEMENT, files

CONTEXT_FILE = Path(__file__).parent / "data" / "jsonld" / "schemaorg-context.jsonld"
SCHEMA = "http://schema.org/"  # where the real context maps schema.org's terms


def expand(doc):
    # Only https://schema.org is served, from the frozen copy; any other URL raises.
    loader = FrozenDocumentLoader({"https://schema.org": CONTEXT_FILE})
    return jsonld.expand(json.loads(dumps(doc)), {"documentLoader": loader})


def real_terms() -> set[str]:
    context = json.loads(CONTEXT_FILE.read_text())["@context"]
    return {SCHEMA + term for term in context if not term.startswith("@") and term[0].islower()}


def keys(value, found=None):
    found = set() if found is None else found
    if isinstance(value, list):
        for item in value:
            keys(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            keys(item, found)
    return found


def expected_iris(doc) -> set[str]:
    """The IRI each property of the document must expand to."""
    iris = set()
    for key in keys(doc["@graph"]):
        if key.startswith("@"):
            continue
        iris.add(claimreview.NAMESPACE + key.removeprefix("claimtrack:") if ":" in key else SCHEMA + key)
    return iris


@pytest.fixture
def debate(load):
    return load(**files(DEBATE))


def test_expands_offline_with_every_property_kept_and_real(debate):
    doc = claimreview.document(debate, list(debate.claims.values()))
    expanded = expand(doc)
    found = {k for k in keys(expanded) if not k.startswith("@")}
    assert found == expected_iris(doc)  # nothing dropped, nothing renamed
    schema_props = {k for k in found if k.startswith(SCHEMA)}
    assert schema_props <= real_terms(), schema_props - real_terms()  # no invented schema.org property
    assert {k for k in found if not k.startswith(SCHEMA)} <= {k for k in found if k.startswith(claimreview.NAMESPACE)}
    types = {t for node in _walk(expanded) for t in node.get("@type", [])}
    assert {SCHEMA + "Claim", SCHEMA + "ClaimReview", SCHEMA + "Person", SCHEMA + "Organization"} <= types


def test_the_check_catches_a_misspelt_property(debate):
    doc = claimreview.document(debate, [debate.claims["trump-sneak-attack"]])
    doc["@graph"][0]["claimReviwed"] = "typo"
    found = {k for k in keys(expand(doc)) if k.startswith(SCHEMA)}
    assert found - real_terms() == {SCHEMA + "claimReviwed"}


def _walk(value):
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)


def test_a_claimreview_only_where_there_is_a_verdict(debate):
    graph = claimreview.document(debate, list(debate.claims.values()))["@graph"]
    reviews = {n["itemReviewed"]["identifier"]: n for n in graph if n["@type"] == "ClaimReview"}
    assert set(reviews) == {"trump-sneak-attack", "iran-rebuts"}
    bare = {n["identifier"] for n in graph if n["@type"] == "Claim"}
    assert bare == set(debate.claims) - set(reviews)

    review = reviews["iran-rebuts"]
    # Google's required fields: claimReviewed, reviewRating.alternateName (url: below)
    assert review["claimReviewed"] == "Satellite images show no movement of forces"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Pants on fire",  # the label, where the original scale's word is known
        "claimtrack:rating": "mostly-false",
    }
    assert review["author"] == {
        "@type": "Organization",
        "@id": "claimtrack:speaker/checkers",
        "name": "The Fact Checkers",
    }
    assert reviews["trump-sneak-attack"]["reviewRating"]["alternateName"] == "unproven"
    assert reviews["trump-sneak-attack"]["datePublished"] == "2020-04-10"
    assert reviews["trump-sneak-attack"]["reviewBody"] == "No public evidence of the plot."
    assert "url" not in review  # the model has no verdict url yet: none is invented


def test_claim_reviewed_is_short_and_never_the_verdict(load):
    long = "word " * 40
    store = load(
        c__yaml=f"""
        speakers: [{{id: a, name: A}}, {{id: r, name: R, kind: organization}}]
        claims:
          - id: long
            speaker: a
            date: 2020-01-01
            statement: "{long}"
            verdict: {{rating: "false", by: r}}
          - id: summed
            speaker: a
            date: 2020-01-01
            statement: "{long}"
            summary: "{"s" * 80}"
            verdict: {{rating: mixed}}
        """
    )
    for node in claimreview.document(store, list(store.claims.values()))["@graph"]:
        if node["@type"] == "ClaimReview":
            assert len(node["claimReviewed"]) < 75
            assert node["claimReviewed"] != node["reviewRating"]["alternateName"]
            assert node["claimReviewed"].endswith("…")
    assert claimreview.claim_reviewed(store.claims["long"]).startswith("word word")


def test_format_11_fields(load):
    store = load(**files(ELEVEN))
    graph = claimreview.document(store, list(store.claims.values()))["@graph"]
    review = next(n for n in graph if n["@type"] == "ClaimReview")
    assert review["url"] == "https://checkers.example/joint"  # Google requires it to publish
    claim = review["itemReviewed"]
    assert claim["claimtrack:wording"] == "paraphrase"
    only_url, reported = claim["appearance"]
    assert only_url["url"] == "https://elsewhere.example/2" and "claimtrack:source" not in only_url
    assert only_url["claimtrack:attributedTo"]["name"] == "Someone Else"
    assert reported["claimtrack:form"] == "reported" and reported["url"] == "https://wire.example/1"
    group = next(n for n in graph if n.get("identifier") == "odni-dhs")
    assert [m["name"] for m in group["member"]] == ["ODNI", "DHS"]
    undated = next(n for n in graph if n.get("identifier") == "undated")
    assert "datePublished" not in undated  # unknown: no date rather than a made-up one
    wire = next(n for n in graph if n.get("identifier") == "wire")
    assert wire["claimtrack:byline"] == "A. Writer"
    found = {k for k in keys(expand({"@context": claimreview.CONTEXT, "@graph": graph})) if k.startswith(SCHEMA)}
    assert found <= real_terms()


def test_claim_fields(debate):
    graph = claimreview.document(debate, list(debate.claims.values()))["@graph"]
    nodes = {n["itemReviewed"]["identifier"] if n["@type"] == "ClaimReview" else n["identifier"]: n for n in graph}
    sneak = nodes["trump-sneak-attack"]["itemReviewed"]
    assert sneak["text"].startswith("Upon information and belief")
    assert sneak["author"] == {"@type": "Person", "@id": "claimtrack:speaker/donald-trump", "name": "Donald Trump"}
    assert sneak["datePublished"] == "2020-04-01"
    assert [a["url"] for a in sneak["appearance"]] == [
        "https://news.example/zarif",
        "https://twitter.example/realDonaldTrump/status/1",
    ]
    assert sneak["appearance"][0]["claimtrack:quote"].startswith("Iran or its proxies")
    # The tweet was published a day before the report: it is the first appearance.
    assert sneak["firstAppearance"]["url"] == "https://twitter.example/realDonaldTrump/status/1"
    assert sneak["claimtrack:sourcing"] == "unspecified"
    assert sneak["about"][0] == {"@id": "claimtrack:speaker/iran-government", "name": "Government of Iran"}
    assert sneak["about"][1] == {"@type": "Thing", "name": "us-troops"}
    assert sneak["keywords"] == ["iraq", "sneak-attack"]
    # Relations live on the answering claim.
    assert nodes["zarif-no-wars"]["claimtrack:denies"] == [{"@id": "claimtrack:claim/trump-sneak-attack"}]
    assert "firstAppearance" not in nodes["media-plotting"]  # its only source has no date
    assert nodes["trump-repeats"]["claimtrack:sourcing"] == "unknown"
    # Speakers by kind: an unidentified official is a Person, a government an Organization.
    assert nodes["official-brewing"]["author"]["@type"] == "Person"
    assert nodes["iran-rebuts"]["itemReviewed"]["author"]["@type"] == "Organization"
    speakers = {n["identifier"]: n for n in graph if n["@type"] in ("Person", "Organization")}
    assert speakers["iran-government"]["claimtrack:speakerKind"] == "government"
    assert speakers["donald-trump"]["jobTitle"] == "President of the United States"


def test_hostile_text_is_kept_exactly_and_never_ends_a_script_element(load):
    store = load(**files(HOSTILE))
    doc = claimreview.document(store, list(store.claims.values()))
    text = dumps(doc)
    assert "</script>" not in text and "<script>" not in text
    assert "\u202e" not in text and "\x85" not in text and "\x1b" not in text
    back = json.loads(text)
    assert back == doc
    lines = dumps_lines(doc)  # the CLI's layout: an item per line
    assert json.loads(lines) == doc and "</script>" not in lines and "\n{" in lines
    claim = next(n for n in back["@graph"] if n.get("identifier") == "end" and n["@type"] == "Claim")
    assert claim["text"] == HOSTILE_STATEMENT
    expanded = expand(doc)
    texts = [v["@value"] for node in _walk(expanded) for v in node.get(SCHEMA + "text", [])]
    assert HOSTILE_STATEMENT in texts
