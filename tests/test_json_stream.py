"""JSON output is written a piece at a time, and the bytes are the ones the whole document gave.

`list --format json` and `export json` of 100,000 claims built every claim
object and then the document as one string (1.2 GB at 100,000 claims). They
now stream; these tests hold the streamed bytes to the old way of writing,
kept here as the reference, on several stores (hostile text and every
escaped character class among them), to stdout and to a file.
"""

from __future__ import annotations

import io
import json
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.export.json import claim_object, gathered, write_json
from claimtrack.export.jsonsafe import dumps, dumps_lines, iter_lines
from claimtrack.export.selection import select
from claimtrack.pipeline import load_store
from claimtrack.query import sort_claims
from claimtrack.reports import source_rows, speaker_rows
from export_stores import DEBATE, ELEVEN, HOSTILE
from fixtures import BUNDLED
from test_escaping import STORE as ESCAPES

# --- the reference: how the documents were written before they streamed ---------------


def whole_write_json(data: object) -> str:
    def one(value: object) -> str:
        return dumps(value, embed=False)

    if isinstance(data, list):
        body = "[\n" + ",\n".join(one(item) for item in data) + "\n]" if data else "[]"
    elif isinstance(data, dict):
        body = "{\n" + ",\n".join(f"{one(k)}: {one(v)}" for k, v in data.items()) + "\n}"
    else:
        body = one(data)
    return body + "\n"


def whole_dumps_lines(value: object) -> str:
    if isinstance(value, list):
        return "[\n" + ",\n".join(dumps(item) for item in value) + "\n]" if value else "[]"
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            body = whole_dumps_lines(item) if isinstance(item, list | dict) and item else dumps(item)
            items.append(f"{dumps(key)}: {body}")
        return "{\n" + ",\n".join(items) + "\n}"
    return dumps(value)


# --- the stores ----------------------------------------------------------------------

EMPTY = {"e.yaml": "speakers:\n  - {id: s, name: S}\n"}
STORES = {"debate": DEBATE, "hostile": HOSTILE, "eleven": ELEVEN, "escapes": {"a.yaml": ESCAPES}, "empty": EMPTY}


@pytest.fixture(params=[*STORES, "bundled"])
def store_root(request, tmp_path):
    if request.param == "bundled":
        return BUNDLED
    root = tmp_path / "claims"
    root.mkdir()
    for name, text in STORES[request.param].items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def newest_first(root):
    store = load_store(root)
    return store, sort_claims(store, list(store.claims.values()))


def test_list_json_is_the_whole_documents_bytes(run, store_root):
    store, claims = newest_first(store_root)
    result = run("list", "--format", "json", "--store", str(store_root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == whole_write_json([claim_object(store, c) for c in claims])
    assert len(json.loads(result.stdout)) == len(claims)


def export_reference(store, claims) -> str:
    selection = select(store, claims)
    speaker_ids = {s.id for s in selection.speakers}
    source_ids = {s.id for s in selection.sources}
    doc = {
        "speakers": [row for row in speaker_rows(store) if row["id"] in speaker_ids],
        "sources": [row for row in source_rows(store) if row["id"] in source_ids],
        "claims": [claim_object(store, c) for c in claims],
    }
    return whole_dumps_lines(doc) + "\n"


def test_export_json_is_the_whole_documents_bytes(run, store_root, tmp_path):
    store, claims = newest_first(store_root)
    expected = export_reference(store, claims)
    result = run("export", "json", "--store", str(store_root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    target = tmp_path / "out.json"
    result = run("export", "json", "-o", str(target), "--store", str(store_root))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == expected


def test_a_filtered_export_streams_the_same_bytes(run, tmp_path):
    root = tmp_path / "claims"
    root.mkdir()
    for name, text in DEBATE.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    store, claims = newest_first(root)
    speaker = claims[0].speaker
    chosen = [c for c in claims if c.speaker == speaker]
    result = run("export", "json", "--speaker", speaker, "--store", str(root))
    assert result.stdout == export_reference(store, chosen)


# --- the writers, on any JSON value ---------------------------------------------------

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_iter_lines_is_dumps_lines_whole(value):
    assert "".join(iter_lines(value)) == whole_dumps_lines(value)
    assert dumps_lines(value) == whole_dumps_lines(value)


@given(values)
def test_write_json_streams_what_it_wrote_whole(value):
    out = io.StringIO()
    write_json(value, out)
    assert out.getvalue() == whole_write_json(value)
    if isinstance(value, list):
        streamed = io.StringIO()
        write_json(iter(value), streamed)  # a generator of items, as `list` passes
        assert streamed.getvalue() == whole_write_json(value)


@given(st.lists(st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2)))
def test_an_iterator_inside_an_object_is_laid_out_as_its_list(items):
    assert "".join(iter_lines({"a": 1, "claims": iter(items)})) == whole_dumps_lines({"a": 1, "claims": items})


def test_pieces_are_gathered_into_writes_of_bounded_size():
    chunks = list(gathered(["x" * 10] * 1000, size=100))
    assert "".join(chunks) == "x" * 10_000
    assert len(chunks) == 100
    assert max(len(c) for c in chunks) == 100


def test_a_list_is_written_as_it_is_made():
    """The first claim is out before the last is made: nothing waits for the whole list."""
    made = []

    def items():
        for n in range(3 * 7000):
            made.append(n)
            yield {"n": n, "text": "y" * 20}

    class Watch(io.StringIO):
        seen_at: list[int] = []

        def write(self, text: str) -> int:
            self.seen_at.append(len(made))
            return super().write(text)

    out = Watch()
    write_json(items(), out)
    assert out.seen_at[0] < len(made)  # the first write came before the last item was made
    assert json.loads(out.getvalue())[-1]["n"] == 3 * 7000 - 1


def test_gathered_writes_once_a_chunk_reaches_its_size_never_splitting_a_piece():
    assert list(gathered(["ab", "c", "d", "e", "f"], size=3)) == ["abc", "def"]
    assert list(gathered(["ab", "c", "d"], size=3)) == ["abc", "d"]
    assert list(gathered([], size=3)) == []
