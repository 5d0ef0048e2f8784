"""Hostile input: what a careless or malicious store, terminal or shell can throw at claimtrack.

Each test here failed before the fix it guards (issue 7, cli.md 1.1). Big
inputs are generated in the test, never committed. The whole file runs in
well under a minute: subprocesses only where the process itself is tested
(streams, exit codes, the pager).
"""

from __future__ import annotations

import json
import re

import pytest

# Written out here, not imported: the test must not share a mistake with the code.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
# Every kind of character that must never reach a terminal raw: ESC (an ANSI
# and OSC 52 clipboard write), BEL, DEL, a C1 CSI, a right-to-left override,
# an isolate, the Arabic letter mark and a byte-order mark inside text.
HOSTILE = "\x1b]52;c;aGk=\x07\x1b[31m red \x7f\x9b2J \u202egnp.exe \u2067x\u2069 \u061c \ufeff"


# --- control characters in every output format (item 5) --------------------


@pytest.fixture
def hostile_store(make_store):
    """A store whose statement, names, notes and file name all carry control characters."""
    text = json.dumps(HOSTILE)  # a YAML double-quoted string with every character escaped
    return make_store(
        {
            "speakers.yaml": f"speakers:\n  - id: evil\n    name: {text}\n    aliases: [{text}]\n",
            f"a{HOSTILE.splitlines()[0].replace(chr(0x7F), '')}.yaml".replace("/", ""): f"""
claims:
  - id: evil-claim
    speaker: evil
    date: 2020-01-01
    statement: {text}
    summary: {text}
    sourcing: {{status: none, note: {text}}}
  - id: evil-answer
    speaker: evil
    date: 2020-01-02
    statement: {text}
    sourcing: {{status: anonymous}}
    responds_to: [{{claim: evil-claim, relation: supports}}]
  - id: evil-date
    speaker: evil
    date: {text}
    statement: a bad date quoted in a message
""",
        }
    )


READ_RUNS = [
    ["list"],
    ["list", "--format", "json"],
    ["list", "--format", "csv"],
    ["show", "evil-claim"],
    ["show", "evil-claim", "--format", "json"],
    ["report", "--unsourced"],
    ["report", "--unsourced", "--format", "json"],
    ["report", "--unsourced", "--format", "markdown"],
    ["speakers"],
    ["speakers", "--format", "json"],
    ["check"],
    ["check", "--format", "json"],
]


@pytest.mark.parametrize("args", READ_RUNS, ids=" ".join)
def test_no_control_character_reaches_any_format(run, hostile_store, args):
    result = run(*args, "--store", str(hostile_store))
    assert result.exit_code in (0, 1), result.output
    assert ("E108" if args[0] == "check" else "evil") in result.stdout
    assert not RAW_UNSAFE.search(result.stdout), RAW_UNSAFE.findall(result.stdout)
    assert not RAW_UNSAFE.search(result.stderr), RAW_UNSAFE.findall(result.stderr)
    if "json" in args:
        json.loads(result.stdout)  # escaped, and still one valid document


def test_json_escapes_round_trip(run, hostile_store):
    claims = json.loads(run("list", "--format", "json", "--store", str(hostile_store)).stdout)
    assert claims[1]["statement"] == HOSTILE  # escaped on the wire, exact once parsed
    assert "/a\x1b]52" in claims[1]["path"]


def test_empty_store_message_escapes_the_folder_name(run, tmp_path):
    folder = tmp_path / "x\x1b]52;c;aGk=\x07"
    folder.mkdir()
    result = run("list", "--store", str(folder))
    assert "has no .yaml" in result.stderr
    assert not RAW_UNSAFE.search(result.stderr)
