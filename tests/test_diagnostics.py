"""Golden examples, one per diagnostic code, and a store with a mistake in every field.

tests/data/errors/CODE/ holds a small store and expected.json (see the README
there); tests/data/every-field/ is the acceptance store of store-format.md,
"Errors in a store".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack import codes
from claimtrack.checks import strict_diagnostics
from claimtrack.cli import app
from claimtrack.errors import Diagnostic
from claimtrack.pipeline import load_store

DATA = Path(__file__).resolve().parent / "data"
ERRORS = DATA / "errors"
EVERY_FIELD = DATA / "every-field"
GOLDEN = sorted(p.name for p in ERRORS.iterdir() if p.is_dir())
SEVERITY_OF = {c.code: c.severity for c in codes.ALL_CODES}
LINE_RE = re.compile(
    r"^(?P<path>\S+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[EW]\d{3})\] (?P<msg>.*)$"
)


def expected(code: str) -> dict:
    return json.loads((ERRORS / code / "expected.json").read_text(encoding="utf-8"))


def strict_load(root: Path):
    store = load_store(root, cwd=root)
    found = sorted(store.diagnostics + strict_diagnostics(store), key=Diagnostic.sort_key)
    return store, found


def key(path: str, line: int, column: int, code: str, severity: str) -> tuple:
    return (Path(path).as_posix(), line, column, code, severity)


# --- the catalogue is complete ---------------------------------------------


def test_every_code_has_a_golden_example():
    missing = [c.code for c in codes.ALL_CODES if c.code not in GOLDEN]
    assert missing == []


def test_every_golden_example_is_a_known_code():
    assert set(GOLDEN) <= {c.code for c in codes.ALL_CODES}


def test_codes_are_unique_and_well_formed():
    all_codes = [c.code for c in codes.ALL_CODES]
    assert len(all_codes) == len(set(all_codes)) == 26
    for c in codes.ALL_CODES:
        assert re.fullmatch(r"[EW]\d{3}", c.code)
        assert c.severity == ("error" if c.code.startswith("E") else "warning")
        assert c.title


# --- each golden example -----------------------------------------------------


@pytest.fixture
def golden(tmp_path):
    """The example folder of a code; a copy with its pipe, link or mount made, when git (or a copy
    of tests/, such as mutmut's) cannot hold them."""
    mounted: list[Path] = []

    def root_of(code: str) -> Path:
        make = expected(code).get("make")
        if not make:
            return ERRORS / code
        root = tmp_path / code
        shutil.copytree(ERRORS / code, root, symlinks=True)
        for name, target in make.get("link", {}).items():
            # A target inside the example stays relative (a loop stays a loop); one out of it
            # is taken from tests/data, so the link still leaves the copied store.
            os.symlink(target if "/" not in target else (ERRORS / code / target).resolve(), root / name)
        if "fifo" in make:
            os.mkfifo(root / make["fifo"])
        if "mount" in make:
            if os.geteuid() != 0:
                pytest.skip("mounting a filesystem needs root")
            target = root / make["mount"]
            target.mkdir()
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "claimtrack-test", str(target)])
            if done.returncode != 0:
                pytest.skip("this machine does not let the tests mount a filesystem")
            mounted.append(target)
            (target / "hidden.yaml").write_text("speakers: [{id: on-the-mount, name: Never read}]\n")
        return root

    yield root_of
    for target in mounted:
        subprocess.run(["umount", str(target)], check=False)


@pytest.mark.parametrize("code", GOLDEN)
def test_golden_example(code, golden):
    root = golden(code)
    want = expected(code)
    store, found = strict_load(root)
    got = [key(d.location.path, d.location.line, d.location.column, d.code, d.severity) for d in found]
    assert got == [key(e["path"], e["line"], e["column"], e["code"], e["severity"]) for e in want["diagnostics"]]
    # The example really is about its code, with the severity the catalogue gives it.
    assert code in [d.code for d in found]
    for d, e in zip(found, want["diagnostics"], strict=True):
        assert d.severity == SEVERITY_OF[d.code]
        assert e["message_contains"] in d.message, (d.message, e["message_contains"])
        if "hint_contains" in e:
            assert d.hint and e["hint_contains"] in d.hint, (d.hint, e["hint_contains"])
        # The whole wording, where it holds no path of this machine: what the user reads is the interface.
        if "message" in e:
            assert d.message == e["message"]
            assert d.hint == e.get("hint")
    loads = want["loads"]
    assert list(store.speakers) == loads["speakers"]
    assert list(store.sources) == loads["sources"]
    assert list(store.claims) == loads["claims"]


@pytest.mark.parametrize("code", GOLDEN)
def test_golden_example_through_check_strict(code, monkeypatch, golden):
    """`claimtrack check --strict` gives the same diagnostics, named relative to where it runs."""
    root = golden(code)
    want = expected(code)["diagnostics"]
    monkeypatch.chdir(root)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--strict", "--format", "json", "--store", "."], catch_exceptions=False)
    assert result.exit_code == 1  # every example has an error or, under --strict, a warning
    data = json.loads(result.stdout)
    got = [key(d["path"], d["line"], d["column"], d["code"], d["severity"]) for d in data["diagnostics"]]
    assert got == [key(e["path"], e["line"], e["column"], e["code"], e["severity"]) for e in want]
    errors = sum(1 for e in want if e["severity"] == "error")
    assert data["counts"]["errors"] == errors
    assert data["counts"]["warnings"] == len(want) - errors

    text = runner.invoke(app, ["check", "--strict", "--format", "text", "--store", "."], catch_exceptions=False)
    assert text.exit_code == 1
    assert text.stderr == ""  # check says nothing beyond its report
    heads = [m for m in map(LINE_RE.match, text.stdout.splitlines()) if m]
    assert [key(m["path"], int(m["line"]), int(m["col"]), m["code"], m["sev"]) for m in heads] == got
    for m, e in zip(heads, want, strict=True):
        assert e["message_contains"] in m["msg"]
        if "message" in e:
            assert m["msg"] == e["message"]


# --- details the golden folders stand for -----------------------------------


def test_duplicate_key_keeps_the_first_value():
    store, _ = strict_load(ERRORS / "E103")
    assert store.claims["c1"].date.text == "2020-01-01"


def test_yaml11_word_stays_text():
    store, _ = strict_load(ERRORS / "W202")
    assert store.speakers["s"].aliases == ("Speaker", "no")


def test_bad_date_drops_only_its_record():
    store, found = strict_load(ERRORS / "E108")
    assert [d.code for d in found] == ["E108"]
    assert store.claims["c2"].date.text == "2020-12-31"
    assert store.claims["c2"].statement == "A valid claim in the same file"


def test_unknown_top_level_key_does_not_load_its_records():
    store, _ = strict_load(ERRORS / "E101")
    assert store.claims == {}


def test_unreadable_file_excerpt_and_syntax_error_excerpt():
    _, found = strict_load(ERRORS / "E001")
    assert found[0].excerpt == "    statement: Iran said: we start no wars"
    _, found = strict_load(ERRORS / "E002")
    assert found[0].excerpt is None  # the line cannot be decoded


def test_archive_inside_store_is_fine():
    store, found = strict_load(ERRORS / "E113")
    assert store.sources["inside"].archive == "archive/inside.txt"
    assert [d.message for d in found if "inside" in d.message and "outside" not in d.message] == []


# --- a mistake in every field -------------------------------------------------

# (file, line, code) of every mistake in tests/data/every-field/, as `claimtrack check` (not --strict) names them.
EVERY_FIELD_MISTAKES = {
    # speakers.yaml
    ("speakers.yaml", 9, "E107"),  # id: Bad Speaker
    ("speakers.yaml", 12, "E105"),  # name: [not, text]
    ("speakers.yaml", 15, "E105"),  # role: {a: mapping}
    ("speakers.yaml", 16, "E105"),  # affiliation: [a, list]
    ("speakers.yaml", 17, "E106"),  # kind: robot
    ("speakers.yaml", 18, "W202"),  # aliases: [Fine, yes]
    ("speakers.yaml", 19, "E102"),  # speker:
    # sources.yaml
    ("sources.yaml", 10, "E107"),  # id: Bad_Source
    ("sources.yaml", 13, "E105"),  # title: [a, list]
    ("sources.yaml", 14, "E105"),  # outlet: {a: mapping}
    ("sources.yaml", 15, "E110"),  # author: nobody-known
    ("sources.yaml", 16, "E105"),  # url: [http, example]
    ("sources.yaml", 17, "E108"),  # published: 2021-02-30
    ("sources.yaml", 18, "E106"),  # kind: tweet
    ("sources.yaml", 19, "E113"),  # archive: ../outside.txt
    # claims.yaml
    ("claims.yaml", 14, "E107"),  # id: Bad Claim
    ("claims.yaml", 21, "E108"),  # date: 2020-02-30
    ("claims.yaml", 27, "E105"),  # statement: {a: mapping}
    ("claims.yaml", 29, "E104"),  # no speaker
    ("claims.yaml", 34, "E110"),  # speaker: unknown-speaker
    ("claims.yaml", 37, "E105"),  # summary
    ("claims.yaml", 38, "E105"),  # venue
    ("claims.yaml", 39, "E105"),  # about
    ("claims.yaml", 40, "E105"),  # tags
    ("claims.yaml", 42, "E110"),  # appears_in source
    ("claims.yaml", 43, "E105"),  # appears_in quote
    ("claims.yaml", 44, "E105"),  # appears_in note
    ("claims.yaml", 45, "E106"),  # sourcing status
    ("claims.yaml", 45, "E105"),  # sourcing note
    ("claims.yaml", 48, "E110"),  # evidence source
    ("claims.yaml", 49, "E105"),  # evidence url
    ("claims.yaml", 51, "E106"),  # relation: agrees
    ("claims.yaml", 52, "E110"),  # claim: no-such-claim
    ("claims.yaml", 53, "E111"),  # responds to itself
    ("claims.yaml", 54, "E106"),  # verdict rating
    ("claims.yaml", 54, "E108"),  # verdict date
    ("claims.yaml", 54, "E110"),  # verdict by: no-checker, reported although the verdict is dropped
    ("claims.yaml", 54, "E105"),  # verdict note, verdict label
    ("claims.yaml", 55, "E105"),  # context
    ("claims.yaml", 56, "E102"),  # contxt:
    ("claims.yaml", 57, "E103"),  # date given twice
    ("claims.yaml", 63, "E104"),  # evidence without description
    ("claims.yaml", 64, "E104"),  # response without relation
    ("claims.yaml", 65, "E110"),  # verdict by: no-checker
    ("claims.yaml", 66, "E101"),  # claim: (top level)
}


@pytest.fixture
def in_every_field(monkeypatch):
    monkeypatch.chdir(EVERY_FIELD)
    return CliRunner()


def test_every_field_check_names_each_mistake(in_every_field):
    result = in_every_field.invoke(app, ["check", "--store", "."], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == ""
    heads = [m for m in map(LINE_RE.match, result.stdout.splitlines()) if m]
    assert {(m["path"], int(m["line"]), m["code"]) for m in heads} == EVERY_FIELD_MISTAKES
    assert len(heads) == 46  # two E105 on line 54 (note and label)
    errors = sum(1 for m in heads if m["sev"] == "error")
    assert result.stdout.splitlines()[-1].startswith(f"{errors} errors, 1 warning in 3 files, 4 claims")


def test_every_field_check_json(in_every_field):
    result = in_every_field.invoke(app, ["check", "--format", "json", "--store", "."], catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {(d["path"], d["line"], d["code"]) for d in data["diagnostics"]} == EVERY_FIELD_MISTAKES
    assert all(d["column"] >= 1 and d["message"] for d in data["diagnostics"])
    assert data["counts"]["claims"] == 4


def test_every_field_check_says_exactly_what_is_wrong(in_every_field):
    """Each diagnostic's place, message and hint, whole: tests/data/every-field.diagnostics.json
    holds [path, line, column, code, message, hint] for each, in the order `check` gives them."""
    result = in_every_field.invoke(app, ["check", "--format", "json", "--store", "."], catch_exceptions=False)
    got = [
        [d["path"], d["line"], d["column"], d["code"], d["message"], d["hint"]]
        for d in json.loads(result.stdout)["diagnostics"]
    ]
    want = json.loads((DATA / "every-field.diagnostics.json").read_text(encoding="utf-8"))
    assert got == want


def test_every_field_strict_adds_only_unassessed(in_every_field):
    result = in_every_field.invoke(
        app, ["check", "--strict", "--format", "json", "--store", "."], catch_exceptions=False
    )
    data = json.loads(result.stdout)
    extra = {(d["path"], d["line"], d["code"]) for d in data["diagnostics"]} - EVERY_FIELD_MISTAKES
    # wrong-fields lost its sourcing block to the bad status: not assessed.
    assert extra == {("claims.yaml", 33, "W205")}


def test_every_field_list_serves_the_valid_claims(in_every_field):
    result = in_every_field.invoke(app, ["list", "--format", "json", "--store", "."], catch_exceptions=False)
    assert result.exit_code == 0
    claims = json.loads(result.stdout)
    ids = [c["id"] for c in claims]
    # The two valid claims, and the two whose mistakes are in optional fields or references only.
    assert ids == ["wrong-nested", "wrong-fields", "good-claim-two", "good-claim-one"]
    good = next(c for c in claims if c["id"] == "good-claim-one")
    assert good["responses"] == [{"claim": "good-claim-two", "relation": "supports"}]
    assert good["speaker_name"] == "Good Speaker"
    wrong = next(c for c in claims if c["id"] == "wrong-fields")
    assert wrong["summary"] is None and wrong["tags"] == [] and wrong["sourcing"] == "unknown"
    assert wrong["date"] == "2020-01-07"  # the first of the two dates
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "error" in lines[0] and "claimtrack check" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ("show", "good-claim-one"),
        ("show", "wrong-fields", "--format", "json"),
        ("report", "--unsourced"),
        ("report", "--unsourced", "--format", "json"),
        ("speakers", "--format", "json"),
        ("sources",),
        ("list",),
    ],
)
def test_every_field_other_commands_still_work(in_every_field, args):
    result = in_every_field.invoke(app, [*args, "--store", "."], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.strip()
    (line,) = result.stderr.splitlines()
    assert line.startswith("claimtrack: the store has 45 errors and 1 warning; showing its valid records.")


def test_all_codes_lists_every_code_defined():
    defined = [v for v in vars(codes).values() if isinstance(v, codes.Code)]
    assert sorted(c.code for c in defined) == sorted(c.code for c in codes.ALL_CODES)
    assert len(set(codes.ALL_CODES)) == len(codes.ALL_CODES)
