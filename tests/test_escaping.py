"""Every character class the renderers escape, in every output format.

Store text is data: a control character in a statement must never reach the
terminal raw, in any command or format (cli.md). Each class below is one
claim of a store; every output must show its escape and never the character.
JSON gives `\\uXXXX` for all of them (format 1.1) and still reads back as the
stored text.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from claimtrack.pipeline import load_store
from claimtrack.render import claims_table, records_table
from claimtrack.reports import speaker_rows

# class -> (the character, how the text formats show it)
CLASSES = {
    "BEL (C0)": ("\x07", "\\x07"),
    "ESC (C0)": ("\x1b", "\\x1b"),
    "VT": ("\x0b", "\\x0b"),
    "FF": ("\x0c", "\\x0c"),
    "CR": ("\r", "\\x0d"),
    "US (C0)": ("\x1f", "\\x1f"),
    "NUL": ("\x00", "\\x00"),
    "DEL": ("\x7f", "\\x7f"),
    "NEL (C1)": ("\x85", "\\x85"),
    "CSI (C1)": ("\x9b", "\\x9b"),
    "LRM": ("\u200e", "\\u200e"),
    "RLM": ("\u200f", "\\u200f"),
    "LRE": ("\u202a", "\\u202a"),
    "RLO": ("\u202e", "\\u202e"),
    "LRI": ("\u2066", "\\u2066"),
    "PDI": ("\u2069", "\\u2069"),
    "BOM": ("\ufeff", "\\ufeff"),
}
NAMES = list(CLASSES)
# A distinct topic per class: each class's claims group with each other only.
WORDS = [
    "harbour cranes",
    "wheat prices",
    "border fence",
    "solar farms",
    "rail strikes",
    "fishing quotas",
    "measles cases",
    "copper mines",
    "tax rebates",
    "river floods",
    "drone patrols",
    "school meals",
    "bank mergers",
    "forest fires",
    "vaccine stocks",
    "metro fares",
    "oil tankers",
]


def _yaml(ch: str) -> str:
    return f"\\u{ord(ch):04x}"  # YAML double-quoted escape: the file itself holds no control character


STORE = (
    "speakers:\n"
    + "".join(f'  - {{id: s{n}, name: "Name{_yaml(ch)}{n}"}}\n' for n, (ch, _) in enumerate(CLASSES.values()))
    + "sources:\n"
    + "".join(f'  - {{id: src{n}, title: "Title{_yaml(ch)}{n}"}}\n' for n, (ch, _) in enumerate(CLASSES.values()))
    + "claims:\n"
    + "".join(
        f"  - id: c{n}\n"
        f"    speaker: s{n}\n"
        f"    date: 2020-01-{n + 1:02d}\n"
        f'    statement: "Before{_yaml(ch)}after, the same words in every claim of this store"\n'
        f'    summary: "Sum{_yaml(ch)}mary {n}"\n'
        f'    tags: ["t{_yaml(ch)}g"]\n'
        f'    sourcing: {{status: none, note: "Note{_yaml(ch)}{n}"}}\n'
        f'    appears_in: [{{source: src{n}, quote: "Quoted{_yaml(ch)}words"}}]\n'
        for n, (ch, _) in enumerate(CLASSES.values())
    )
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("escaping") / "claims"
    root.mkdir()
    (root / "a.yaml").write_text(STORE, encoding="utf-8")
    return root


def test_the_store_holds_every_character(store):
    loaded = load_store(store)
    assert loaded.diagnostics == []
    for n, (ch, _) in enumerate(CLASSES.values()):
        assert loaded.claims[f"c{n}"].summary == f"Sum{ch}mary {n}"


def assert_escaped(out: str, *fields: str, names: list[str] = NAMES, markdown: bool = False) -> None:
    """Each class's character is absent from `out`, its escape present in each of `fields`."""
    for name in names:
        ch, escape = CLASSES[name]
        assert ch not in out, name
        n = NAMES.index(name)
        if markdown:
            escape = escape.replace("\\", "\\\\")  # Markdown escapes the backslash of the escape
        for template in fields:
            want = template.format(esc=escape, n=n)
            assert want in out, (name, want)


TEXT_OUTPUTS = {
    # command line -> the fields it shows, with the escape in place of the character
    ("list",): ("Sum{esc}mary {n}", "Name{esc}{n}"),
    ("report", "--unsourced"): ("Sum{esc}mary {n}", "Name{esc}{n}", "Note{esc}{n}"),
    ("report", "--unsourced", "--format", "markdown"): ("Sum{esc}mary {n}", "Name{esc}{n}", "Note{esc}{n}"),
    ("speakers",): ("Name{esc}{n}",),
    ("sources",): ("Title{esc}{n}",),
    ("search", "Before after same words", "--limit", "20"): ("Before{esc}after", "Name{esc}{n}"),
    ("quotes", "--all"): ("Quoted{esc}words",),
    ("dupes",): ("Name{esc}{n}",),
    ("scorecard",): ("Name{esc}{n}",),
    ("scorecard", "--format", "markdown"): ("Name{esc}{n}",),
    ("scorecard", "--format", "csv"): ("Name{esc}{n}",),
    ("timeline",): ("Sum{esc}mary {n}",),
    ("export", "csv"): ("Before{esc}after", "Sum{esc}mary {n}", "Name{esc}{n}", "t{esc}g"),
}


@pytest.mark.parametrize("args", list(TEXT_OUTPUTS), ids=" ".join)
def test_text_outputs_escape_every_class(run, store, args):
    result = run(*args, "--store", str(store))
    assert result.exit_code == 0, result.stderr
    assert_escaped(result.stdout, *TEXT_OUTPUTS[args], markdown="markdown" in args)


# The fuzzy commands once folded every run of whitespace (CR, VT, FF, the C0
# separators and NEL among it) into a space before escaping: their text now
# shows each as the other text outputs do. A store where each class is in a
# statement said twice (a group for dupes, a hit for search) and in a quote in
# other words (a paraphrase, which quotes shows beside the statement).
FUZZY_STORE = (
    "speakers:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
    + "claims:\n"
    + "".join(
        f"  - id: f{n}{who}\n"
        f"    speaker: {who}\n"
        f"    date: 2020-02-{n + 1:02d}\n"
        f'    statement: "Opening{_yaml(ch)}words of group {n} {WORDS[n]} restated verbatim"\n'
        f'    appears_in: [{{url: "https://example.org/{n}", quote: "Entirely{_yaml(ch)}unrelated remark"}}]\n'
        for n, (ch, _) in enumerate(CLASSES.values())
        for who in "ab"
    )
)


@pytest.fixture(scope="module")
def fuzzy_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzzy") / "claims"
    root.mkdir()
    (root / "a.yaml").write_text(FUZZY_STORE, encoding="utf-8")
    assert load_store(root).diagnostics == []
    return root


FUZZY_OUTPUTS = {
    ("search", "opening words restated verbatim", "--limit", "100"): ("Opening{esc}words of group {n}",),
    ("dupes",): ("Opening{esc}words of group {n}",),
    ("quotes", "--all"): ("Opening{esc}words of group {n}", "Entirely{esc}unrelated"),
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("args", list(FUZZY_OUTPUTS), ids=" ".join)
def test_fuzzy_text_escapes_whitespace_classes_too(run, fuzzy_store, args, name):
    result = run(*args, "--store", str(fuzzy_store))
    assert result.exit_code == 0, result.stderr
    assert_escaped(result.stdout, *FUZZY_OUTPUTS[args], names=[name])


@pytest.mark.parametrize("name", NAMES)
def test_show_escapes_every_field(run, store, name):
    n = NAMES.index(name)
    result = run("show", f"c{n}", "--store", str(store))
    assert result.exit_code == 0, result.stderr
    assert_escaped(
        result.stdout,
        "Before{esc}after",
        "Sum{esc}mary {n}",
        "Name{esc}{n}",
        "Note{esc}{n}",
        "Title{esc}{n}",
        "Quoted{esc}words",
        "t{esc}g",
        names=[name],
    )


def test_csv_escapes_every_class(run, store):
    result = run("list", "--format", "csv", "--store", str(store))
    assert result.exit_code == 0
    assert_escaped(result.stdout, "Before{esc}after", "Sum{esc}mary {n}", "Name{esc}{n}", "t{esc}g")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    for n, (_, escape) in enumerate(CLASSES.values()):
        assert rows[f"c{n}"]["summary"] == f"Sum{escape}mary {n}"


def test_table_on_a_terminal_escapes_every_class(store):
    loaded = load_store(store)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None, width=200, highlight=False, markup=False)
    console.print(claims_table(loaded, list(loaded.claims.values()), console))
    console.print(records_table(speaker_rows(loaded), ("id", "name", "claims"), console))
    assert "\u2503" in out.getvalue() or "\u2502" in out.getvalue()  # really the boxed table
    assert_escaped(out.getvalue(), "Sum{esc}mary {n}", "Name{esc}{n}")


# --- JSON ---------------------------------------------------------------------------

JSON_OUTPUTS = [
    ("list",),
    ("show", "c0"),
    ("report", "--unsourced"),
    ("speakers",),
    ("sources",),
    ("search", "Before after same words", "--limit", "20"),
    ("quotes", "--all"),
    ("scorecard",),
    ("timeline",),
]


def strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


@pytest.mark.parametrize("args", JSON_OUTPUTS, ids=" ".join)
def test_json_escapes_every_class_and_reads_back(run, store, args):
    result = run(*args, "--format", "json", "--store", str(store))
    assert result.exit_code == 0, result.stderr
    for name in NAMES if args[0] != "show" else NAMES[:1]:
        ch, _ = CLASSES[name]
        assert ch not in result.stdout, name
    read_back = strings(json.loads(result.stdout))
    for name in NAMES if args[0] != "show" else NAMES[:1]:
        assert any(CLASSES[name][0] in s for s in read_back), name  # the stored character, read back


def test_json_writes_each_class_as_a_u_escape(run, store):
    out = run("list", "--format", "json", "--store", str(store)).stdout
    for n, (ch, _) in enumerate(CLASSES.values()):
        json_escape = {"\r": "\\r", "\x0c": "\\f"}.get(ch, f"\\u{ord(ch):04x}")  # json's short forms
        assert f'"summary": "Sum{json_escape}mary {n}"' in out, repr(ch)


def test_check_escapes_the_excerpt_and_message(run, make_store):
    # Raw bidi and BOM characters are allowed in a YAML file; an error on their line shows them escaped.
    root = make_store({"a.yaml": 'speakers:\n  - {id: "bad\u202eid\ufeff", name: "N\u2066"}\n'})
    result = run("check", "--store", str(root))
    assert result.exit_code == 1
    for ch in ("\u202e", "\ufeff", "\u2066"):
        assert ch not in result.stdout
    assert "'bad\\u202eid\\ufeff' is not a valid id" in result.stdout
    assert 'name: "N\\u2066"' in result.stdout  # the excerpt
