"""Hostile input: what a careless or malicious store, terminal or shell can throw at claimtrack.

Each test here failed before the fix it guards (issue 7, cli.md 1.1). Big
inputs are generated in the test, never committed. The whole file runs in
well under a minute: subprocesses only where the process itself is tested
(streams, exit codes, the pager).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fixtures import BUNDLED
from terminal import console

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


# --- output that cannot be written (item 4) ---------------------------------
# Real processes: the streams, the exit code and what Python prints at exit are the subject.


def claimtrack(*args: str, **popen: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", **popen.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args], capture_output="stdout" not in popen, text=True, env=env, **popen
    )


def many_claims(make_store, n: int) -> Path:
    """A store big enough that its list fills any pipe buffer."""
    claims = "".join(
        f"  - {{id: claim-{i}, speaker: s, date: 2020-01-01, statement: statement number {i} of many}}\n"
        for i in range(n)
    )
    return make_store({"s.yaml": "speakers: [{id: s, name: Somebody}]\nclaims:\n" + claims})


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_closed_pipe_stops_quietly_with_exit_0(make_store, fmt):
    store = many_claims(make_store, 1500)  # ~200 KB of text: more than a pipe holds
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "list", "--store", str(store), "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read()
    assert proc.wait() == 0
    assert stderr == ""


def test_closed_stdout_is_one_line_and_exit_1():
    result = subprocess.run(
        ["sh", "-c", '"$0" -m claimtrack list --store "$1" >&-', sys.executable, str(BUNDLED)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr == "claimtrack: cannot write the output: stdout is closed\n"


def test_full_disk_is_one_line_and_exit_1():
    with open("/dev/full", "w") as full:
        result = claimtrack("list", "--store", str(BUNDLED), stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == "claimtrack: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "export"])
def test_ascii_output_escapes_what_it_cannot_encode(fmt):
    command = {"text": ["show", "zarif-agent"], "export": ["export", "json"]}.get(fmt, ["list", "--format", fmt])
    result = claimtrack(*command, "--store", str(BUNDLED), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.isascii()
    if fmt in ("json", "export"):
        claims = json.loads(result.stdout)
        statements = " ".join(c["statement"] for c in (claims["claims"] if fmt == "export" else claims))
        assert "\u2014" in statements  # escaped as JSON, so a program reads the real text back
    else:
        assert "\\u2014" in result.stdout  # escaped: the reader sees which character it was


def test_ctrl_c_exits_130(make_store):
    store = many_claims(make_store, 30000)  # a few seconds of loading to interrupt
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "list", "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # A runner started in the background by a shell ignores Ctrl-C, and its children inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(1.0)  # past the imports, into the command
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")


# --- the pager (item 7): a real terminal, a pager that records what it got ---


def on_terminal(tmp_path: Path, *args: str, lines: int, columns: str = "100") -> tuple[str, str]:
    """Run claimtrack with stdout on a pseudo-terminal of `lines` rows; (what the pager got, what the screen got)."""
    import pty
    import threading

    paged = tmp_path / "paged.txt"
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "PAGER": f"tee {paged} > /dev/null",
        "LINES": str(lines),
        "COLUMNS": columns,
        "TERM": "xterm",
        "NO_COLOR": "1",
    }
    proc = subprocess.Popen([sys.executable, "-m", "claimtrack", *args], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    screen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other side closed
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
    reader.join(timeout=5)
    os.close(master)
    return (paged.read_text() if paged.exists() else ""), screen.decode(errors="replace")


def test_output_taller_than_the_screen_is_paged(tmp_path):
    paged, screen = on_terminal(tmp_path, "list", "--store", str(BUNDLED), lines=10)
    assert "zarif-beware-trap-2021" in paged
    assert screen == ""


def test_output_that_fits_is_not_paged(tmp_path):
    paged, screen = on_terminal(tmp_path, "speakers", "--store", str(BUNDLED), "--limit", "2", lines=60)
    assert paged == ""
    assert "javad-zarif" in screen or "donald-trump" in screen


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_pager_anywhere_on_the_line(tmp_path, where):
    args = ["--no-pager", "list", "--store", str(BUNDLED)] if where == "before" else ["list", "--no-pager"]
    if where == "after":
        args += ["--store", str(BUNDLED)]
    paged, screen = on_terminal(tmp_path, *args, lines=10)
    assert paged == ""
    assert "zarif-beware-trap-2021" in screen


# --- links (item 3) ------------------------------------------------------------


def test_archive_link_loop_is_a_diagnostic_not_a_traceback(run, make_store):
    store = make_store(
        {
            "s.yaml": """
sources:
  - {id: s1, title: T, archive: archive/a}
claims:
  - {id: c1, speaker: x, date: 2020-01-01, statement: quoted, appears_in: [{source: s1, quote: quoted}]}
speakers: [{id: x, name: X}]
"""
        }
    )
    (store / "archive").mkdir()
    (store / "archive" / "a").symlink_to("b")
    (store / "archive" / "b").symlink_to("a")
    result = run("check", "--store", str(store))
    # The archive is a warning, like a missing one (the walk of the store may report the links too).
    assert "W203" in result.stdout and "loop of links" in result.stdout
    for command in (["list"], ["show", "c1"], ["quotes"], ["report", "--unsourced"]):
        assert run(*command, "--store", str(store)).exit_code == 0, command


def test_a_value_nested_hundreds_deep_is_refused_by_a_write_not_a_traceback(run, make_store):
    # Valid YAML that loads (x- keys are the user's), but nested deeper than an edit can take apart.
    deep = "[" * 600 + "]" * 600
    text = (
        f"speakers: [{{id: s, name: S}}]\nx-deep: {deep}\n"
        "claims:\n  - {id: c1, speaker: s, date: 2020, statement: x}\n"
    )
    store = make_store({"a.yaml": text})
    assert run("check", "--store", str(store)).exit_code == 0
    result = run("assess", "c1", "--sourcing", "none", "--store", str(store))
    assert result.exit_code == 1 and "nests values too deeply to take apart" in result.output
    assert (store / "a.yaml").read_text(encoding="utf-8") == text


# --- huge lines and values (item 8) ------------------------------------------

FIVE_MB = 5_000_000


def test_a_5mb_line_gives_a_line_of_excerpt_and_message(run, make_store):
    long = "word " * (FIVE_MB // 5)
    store = make_store(
        {
            "a.yaml": "speakers: [{id: s, name: S}]\nclaims:\n"
            f"  - {{id: c1, speaker: s, date: 2020-13-45, statement: {long}}}\n"
            f"  - {{id: c2, speaker: s, date: {'x' * FIVE_MB}, statement: a}}\n"
            # YAML allows a key that long only as an explicit key ('? KEY').
            f"  - {{id: c3, speaker: s, date: 2020, statement: a, ? {'k' * FIVE_MB} : 1}}\n"
        }
    )
    result = run("check", "--store", str(store))
    assert result.exit_code == 1
    assert len(result.stdout) < 3000, len(result.stdout)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) < 300
    # The caret still sits under the bad date, in the cut excerpt.
    first = lines.index(next(line for line in lines if "2020-13-45" in line and "E108" in line))
    excerpt, caret = lines[first + 1], lines[first + 2]
    assert excerpt[caret.index("^") :].startswith("2020-13-45")
    assert "(5,000,000 characters)" in result.stdout
    found = json.loads(run("check", "--store", str(store), "--format", "json").stdout)["diagnostics"]
    assert {d["code"] for d in found} == {"E108", "E102"}
    assert max(len(d["message"]) + len(d["hint"] or "") for d in found) < 400


def test_an_archive_path_too_long_for_the_system_is_a_diagnostic(run, make_store):
    store = make_store({"a.yaml": f"sources: [{{id: s1, archive: {'x' * 100_000}}}]\n"})
    result = run("check", "--store", str(store))
    assert result.exit_code == 0
    assert "W203" in result.stdout and "cannot be read" in result.stdout


def test_ascii_json_beyond_the_bmp_stays_json(make_store):
    store = make_store({"s.yaml": 'speakers: [{id: s, name: "Zo\\u00eb \\U0001F600 \\u0638"}]\n'})
    result = claimtrack("speakers", "--format", "json", "--store", str(store), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "Zo\u00eb \U0001f600 \u0638"


# --- YAML aliases: one node in many places (item 12) ---------------------------


def check_json(run, store: Path) -> list[dict]:
    result = run("check", "--store", str(store), "--format", "json")
    return json.loads(result.stdout)["diagnostics"]


def test_one_bad_alias_referenced_100000_times_is_one_diagnostic(run, make_store):
    members = "".join("      - *bad\n" for _ in range(100_000))
    store = make_store(
        {
            "a.yaml": "speakers:\n  - {id: s, name: S, aliases: [&bad Nobody Here]}\n"
            f"  - id: g\n    name: G\n    members:\n{members}"
            "claims:\n" + "".join(f"  - {{id: c{i}, speaker: *who, date: 2020, statement: x}}\n" for i in range(3))
        }
    )
    (store / "a.yaml").write_text((store / "a.yaml").read_text().replace("*who", "&who nobody", 1))
    found = check_json(run, store)
    assert [(d["code"], d["line"]) for d in found] == [("E107", 2), ("E110", 100_007)]


def test_a_record_listed_again_through_an_alias_is_said_once(run, make_store):
    store = make_store(
        {"a.yaml": "speakers: [{id: s, name: S}]\nclaims:\n  - &c {id: c1, speaker: s, date: 2020, statement: x}\n"}
    )
    with (store / "a.yaml").open("a") as f:
        f.write("  - *c\n" * 1000)
    found = check_json(run, store)
    assert len(found) == 1
    assert found[0]["code"] == "E109" and "through a YAML alias" in found[0]["message"]


def test_aliases_of_aliases_do_not_multiply_the_work(run, make_store):
    # Each level lists the one below ten times: 10**6 appearances if aliases were expanded.
    store = make_store(
        {
            "a.yaml": "speakers: [{id: s, name: S}]\n"
            "x-a: &a [{source: nope}, {source: nope}, {source: nope}, {source: nope}, {source: nope}]\n"
            "claims:\n"
            + "".join(f"  - {{id: c{i}, speaker: s, date: 2020, statement: x, appears_in: *a}}\n" for i in range(1000))
        }
    )
    started = time.perf_counter()
    found = check_json(run, store)
    assert [(d["code"], d["line"]) for d in found] == [("E110", 2)] * 5  # one per place in the anchored list
    assert time.perf_counter() - started < 20  # a guard against a hang, not a benchmark


# --- hints that know the store (item 15) ---------------------------------------------

HINT_STORE = """
speakers:
  - {id: dmitry-peskov, name: Dmitry Peskov, aliases: [Peskov]}
  - {id: rev, name: Reviewer}
claims:
  - {id: c1, speaker: Peskov, date: 2020, statement: x}
  - {id: c2, speaker: peskov, date: 2020, statement: x}
  - {id: c3, speaker: rev, date: 2020, statement: x, verdict: {rating: half-true, by: rev}}
  - {id: c4, speaker: rev, date: 2020, statement: x, verdict: {rating: Pants on Fire!, by: rev}}
  - {id: c5, speaker: rev, date: 2020, statement: x, verdict: {rating: Refuted, by: rev}}
  - {id: c6, speaker: rev, date: 2020, statement: x, responds_to: c1, appears_in: some-source}
"""


def test_hints_name_the_speaker_the_mapping_and_the_list(run, make_store):
    hints = {(d["line"], d["code"]): d["hint"] for d in check_json(run, make_store({"a.yaml": HINT_STORE}))}
    assert hints[(6, "E107")] == "'Peskov' is a name of speaker 'dmitry-peskov': write its id, dmitry-peskov"
    assert hints[(7, "E110")] == "'peskov' is a name of speaker 'dmitry-peskov': write its id, dmitry-peskov"
    assert (
        hints[(8, "E106")]
        == "'half-true' is PolitiFact's rating: write 'rating: mixed' and keep the original as 'label: half-true'"
    )
    assert "write 'rating: false'" in hints[(9, "E106")]
    assert "AVeriTeC" in hints[(10, "E106")] and "'rating: false'" in hints[(10, "E106")]
    line_11 = [d["hint"] for d in check_json(run, make_store({"a.yaml": HINT_STORE})) if d["line"] == 11]
    assert any(
        h.startswith("write it as a list of responses: responds_to: [{claim: c1, relation: ...}]") for h in line_11
    )
    assert "write it as a list of appearances: appears_in: [{source: some-source}]" in line_11


# --- wrong answers (items 18, 19) -------------------------------------------------------

BACKED = """
speakers: [{id: a, name: Ann}, {id: b, name: Bob}]
claims:
  - {id: claim, speaker: a, date: 2020-01-01, statement: x, sourcing: {status: none}}
  - id: backer
    speaker: b
    date: 2020-01-02
    statement: y
    sourcing: {status: anonymous}
    responds_to: [{claim: claim, relation: supports}]
"""


def test_unsourced_report_says_the_backer_is_itself_unsupported(run, make_store):
    store = str(make_store({"a.yaml": BACKED}))
    text = run("report", "--unsourced", "--store", store).stdout
    assert "backed: supported by Bob (2020-01-02, backer; itself unsupported: anonymous)" in " ".join(text.split())
    markdown = run("report", "--unsourced", "--store", store, "--format", "markdown").stdout
    assert "supported by Bob (`backer`; itself unsupported: anonymous)" in markdown
    data = json.loads(run("report", "--unsourced", "--store", store, "--format", "json").stdout)
    backed = next(c for c in data["claims"] if c["id"] == "claim")
    assert backed["corroborated_by"] == [
        {"claim": "backer", "speaker": "b", "relation": "supports", "sourcing": "anonymous"}
    ]


def test_unknown_id_suggests_nothing_unrelated(run, make_store):
    store = make_store(
        {
            "a.yaml": """
speakers: [{id: mike-pompeo, name: Mike Pompeo}]
claims:
  - {id: pompeo-warns-2020, speaker: mike-pompeo, date: 2020, statement: We hope for peace in the region}
"""
        }
    )
    result = run("show", "nope", "--store", str(store))
    assert result.exit_code == 1
    assert "did you mean" not in result.stderr
    typo = run("show", "pompeo-warms", "--store", str(store))
    assert "pompeo-warns-2020" in typo.stderr  # a real typo still finds its id


def test_limit_0_means_no_limit(run, demo_store):
    store = str(demo_store)
    everything = run("list", "--store", store, "--format", "json").stdout
    assert run("list", "--limit", "0", "--store", store, "--format", "json").stdout == everything
    assert run("list", "--help").stdout.count("0: no limit") == 1
    for command in ("speakers", "sources"):
        assert run(command, "--limit", "0", "--store", store).stdout == run(command, "--store", store).stdout


def test_help_texts_stand_on_their_own(run):
    from claimtrack.cli import COMMANDS

    for command in ["", *COMMANDS]:
        text = run(*([command] if command else []), "--help").stdout
        assert "README" not in text and "contract" not in text, command
    assert "README" not in run("list", "--store", "/nonexistent").stderr


# --- layouts at every width (items 6, 7) ---------------------------------------------


def bundled_store():
    from claimtrack.pipeline import load_store

    return load_store(BUNDLED)


def draw(renderable_of, width: int, color: bool = False) -> str:
    from claimtrack.render import emit

    screen = console(width, color, record=True)
    emit(screen, renderable_of(screen))
    return screen.export_text(styles=color)


WIDTHS = [30, 40, 59, 60, 80, 100, 120, 200, 400]


@pytest.mark.parametrize("width", WIDTHS)
def test_claims_layout_never_breaks_an_id_or_cuts_a_name(width):
    from claimtrack.query import sort_claims
    from claimtrack.render import claims_table

    store = bundled_store()
    claims = sort_claims(store, list(store.claims.values()))
    out = draw(lambda console: claims_table(store, claims, console), width)
    lines = out.splitlines()
    assert all(any(claim.id in line for line in lines) for claim in claims)  # each id whole on one line
    assert "\u2026" not in out  # nothing cut with an ellipsis: names wrap at spaces
    assert max(len(line) for line in lines) <= max(width, 44)  # no line wider than the screen (but an id)
    boxed = "\u2503" in out
    if width < 60 or width <= 80:  # narrow, or too narrow for a table holding 44-character ids whole
        assert not boxed
    if width >= 120:
        assert boxed
    if width >= 200:
        assert any("Mohammad Javad Zarif" in line for line in lines)  # speakers whole when there is room


@pytest.mark.parametrize("width", WIDTHS)
def test_speakers_and_sources_layouts_keep_words_whole(width):
    from claimtrack.render import records_table
    from claimtrack.reports import source_rows, speaker_rows

    store = bundled_store()
    sources = draw(
        lambda c: records_table(
            source_rows(store), ("id", "title", "outlet", "published", "kind", "byline", "claims"), c
        ),
        width,
    )
    speakers = draw(
        lambda c: records_table(
            speaker_rows(store), ("id", "name", "role", "affiliation", "kind", "aliases", "claims"), c
        ),
        width,
    )
    assert sources.count("news-report") == sum(1 for s in store.sources.values() if s.kind == "news-report")
    assert "\u2026" not in sources + speakers
    for speaker in store.speakers.values():
        assert any(speaker.id in line for line in speakers.splitlines())


def test_a_rows_bold_id_does_not_bleed_into_its_summary():
    from claimtrack.query import sort_claims
    from claimtrack.render import claims_table

    store = bundled_store()
    claims = sort_claims(store, list(store.claims.values()))[:1]
    out = draw(lambda console: claims_table(store, claims, console), 200, color=True)
    summary_line = next(line for line in out.splitlines() if "Warns Trump" in line)
    before_summary = summary_line[: summary_line.index("Warns")]
    assert "\x1b[1m" not in before_summary[-12:]  # no bold switched on for the summary


def test_columns_0_is_an_unknown_width_and_the_plain_layout(tmp_path):
    _paged, screen = on_terminal(tmp_path, "list", "--no-pager", "--store", str(BUNDLED), lines=500, columns="0")
    assert "zarif-beware-trap-2021" in screen
    assert "\u2503" not in screen and "\u2502" not in screen  # no table
    assert max(len(line) for line in screen.splitlines()) <= 82  # wrapped at 80 (pty lines end \\r)


# --- wide and deep chains (item 11) ------------------------------------------------------


def answers_store(make_store, n: int, chained: bool) -> Path:
    """n answers to one claim (chained=False), or a chain of n answers each to the one before."""
    lines = ["speakers: [{id: s, name: S}]", "claims:", "  - {id: c0, speaker: s, date: 2020-01-01, statement: first}"]
    for i in range(1, n + 1):
        target = f"c{i - 1}" if chained else "c0"
        lines.append(
            f"  - {{id: c{i}, speaker: s, date: 2020-01-02, statement: answer {i},"
            f" responds_to: [{{claim: {target}, relation: denies}}]}}"
        )
    return make_store({"a.yaml": "\n".join(lines) + "\n"})


def test_show_draws_50_answers_under_a_claim_then_says_how_many_more(run, make_store):
    store = str(answers_store(make_store, 2000, chained=False))
    out = run("show", "c0", "--store", store).stdout
    assert sum(1 for line in out.splitlines() if "  denies  " in line) == 50
    assert "and 1,950 more answers to c0 (--all shows them)" in out
    everything = run("show", "c0", "--all", "--store", store).stdout
    assert sum(1 for line in everything.splitlines() if "  denies  " in line) == 2000
    chain = json.loads(run("show", "c0", "--format", "json", "--store", store).stdout)["chain"]
    assert len(chain["claims"]) == 2001  # JSON is never cut
    # An answer past the first 50 is still drawn when it is the one asked for.
    focused = run("show", "c1999", "--store", store).stdout
    assert "\u25b6 " in focused and "c1999" in focused.split("\u25b6 ", 1)[1].split("\n")[0]


def test_show_draws_30_levels_and_keeps_a_deep_focus_in_view(run, make_store):
    store = str(answers_store(make_store, 3000, chained=True))
    out = run("show", "c0", "--store", store).stdout
    tree = out[out.index("chain: ") :]
    assert len(tree.splitlines()) < 100
    assert "2,970 more below them (--all shows them)" in " ".join(tree.split())
    deep = run("show", "c2500", "--store", store).stdout
    tree = deep[deep.index("chain: ") :]
    assert len(tree.splitlines()) < 100
    assert "answers in between" in tree
    assert "\u25b6 " in tree and "c2500" in tree.split("\u25b6 ", 1)[1][:200]
    everything = run("show", "c0", "--all", "--store", store).stdout
    assert {"c1", "c1500", "c3000"} <= set(everything.split())


def test_a_small_screen_shows_fewer_answers_and_levels():
    from rich.console import Console

    from claimtrack.render import ShowLimits

    small = ShowLimits.for_console(Console(force_terminal=True, width=80, height=20))
    assert (small.answers, small.levels) == (10, 10)
    big = ShowLimits.for_console(Console(force_terminal=True, width=400, height=200))
    assert (big.answers, big.levels) == (50, 30)
    assert ShowLimits.for_console(Console(force_terminal=True), show_all=True) == ShowLimits(None, None)


# --- bad option values -------------------------------------------------------------------

BAD_OPTIONS = [
    (["list", "--since", "2020-13"], 2, "is not a date"),
    (["list", "--since", "\u0662\u0660\u0662\u0660"], 2, "is not a date"),  # Arabic-Indic digits
    (["list", "--until", "2020", "--since", "2021"], 2, "is after --until"),
    (["list", "--limit", "-1"], 2, "-1 is not in the range"),
    (["list", "--format", "xml"], 2, "'xml' is not one of"),
    (["list", "--sort", "nope"], 2, "'nope' is not one of"),
    (["list", "--sourcing", "rumour"], 2, "'rumour' is not one of"),
    (["list", "--speaker", ""], 1, "no speaker called ''"),
    (["show", ""], 1, "no claim with id ''"),
    (["show", "x" * 100_000], 1, "(100,000 characters)"),
    (["list", "--speaker", "\x1b[2J" * 1000], 1, "no speaker called"),
    (["report"], 2, "choose a report"),
]


def plain_id(value: object) -> str:
    """A test id that pytest can select again by name (mutmut does): no escapes, quotes or brackets."""
    text = " ".join(value) if isinstance(value, list) else str(value)
    return re.sub(r"[^\w ,.:()-]", "?", text, flags=re.ASCII)[:40]


@pytest.mark.parametrize(("args", "code", "said"), BAD_OPTIONS, ids=plain_id)
def test_bad_option_values_are_one_clear_message(run, args, code, said):
    result = run(*args, "--store", str(BUNDLED))  # catch_exceptions=False: a traceback fails the test
    assert result.exit_code == code
    assert said in result.stderr
    assert len(result.stderr) < 2000  # the value is quoted, not echoed whole
    assert not RAW_UNSAFE.search(result.stderr)
