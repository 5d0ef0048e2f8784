"""Readable, unique ids for new records, and the files new records go to."""

from __future__ import annotations

import pytest

from claimtrack.model import PartialDate, Speaker
from claimtrack.naming import ascii_words, claim_file, claim_id, source_id, speaker_id, unique_id
from claimtrack.store import Store


def person(name: str, sid: str, kind: str = "person") -> Speaker:
    return Speaker("x.yaml", 1, 1, {}, sid, name, kind=kind)


def test_speaker_ids_come_from_the_name(tmp_path) -> None:
    store = Store(tmp_path)
    assert speaker_id(store, "Mohammad Javad Zarif") == "javad-zarif"
    assert speaker_id(store, "Martin Luther King Jr.") == "luther-king"
    assert speaker_id(store, "Sergueï Lavrov") == "serguei-lavrov"
    assert (
        speaker_id(store, "Ministry of Foreign Affairs of Iran", "government") == "ministry-of-foreign-affairs-of-iran"
    )
    assert speaker_id(store, "محمد جواد ظریف") == "speaker"


def test_claim_ids_come_from_speaker_words_and_year(tmp_path) -> None:
    store = Store(tmp_path)
    zarif = person("Mohammad Javad Zarif", "javad-zarif")
    statement = "New intelligence from Iraq indicate that Israeli agent-provocateurs are plotting attacks"
    assert claim_id(store, zarif, statement, PartialDate.parse("2021-01-02")) == "zarif-agent-provocateurs-2021"
    assert claim_id(store, zarif, "Iran starts no wars", PartialDate.parse("unknown")) == "zarif-iran-starts"
    us = person("US government", "us-government", "government")
    assert claim_id(store, us, "Militias attack", PartialDate.parse("2020")).startswith("us-government-")


def test_source_ids_come_from_outlet_and_date(tmp_path) -> None:
    store = Store(tmp_path)
    assert (
        source_id(store, "The Wall Street Journal", None, PartialDate.parse("2020-04-01"))
        == "the-wall-street-2020-04-01"
    )
    assert source_id(store, None, "A long report title here", None) == "a-long-report-title"
    assert source_id(store, None, None, None) == "source"


def test_ids_are_unique() -> None:
    assert unique_id("a", {"a", "a-2"}, "x") == "a-3"
    assert unique_id("-bad--id-", (), "x") == "bad-id"
    assert len(unique_id("a" * 80, {"a" * 80}, "x")) == 80
    assert unique_id("", (), "fallback") == "fallback"


def test_ascii_words_keep_hyphens_and_drop_accents() -> None:
    assert ascii_words("Agent-provocateurs, São Paulo — 2021!") == ["agent-provocateurs", "sao", "paulo", "2021"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2021-01-02", "2021/2021-01.yaml"),
        ("2021-01", "2021/2021-01.yaml"),
        ("2021", "2021/2021.yaml"),
        ("unknown", "undated.yaml"),
    ],
)
def test_claims_go_to_a_file_by_date(tmp_path, date: str, expected: str) -> None:
    assert claim_file(Store(tmp_path), PartialDate.parse(date)) == expected
