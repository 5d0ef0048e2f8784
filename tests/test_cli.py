"""The command line through CliRunner: stdout, stderr and exit code, as cli.md defines them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fixtures import BUNDLED


def test_version_and_help_for_every_command(run):
    assert run("--version").stdout.startswith("claimtrack ")
    for command in ("list", "show", "report", "check", "speakers", "sources"):
        result = run(command, "--help")
        assert result.exit_code == 0, command
        assert "--store" in result.stdout, command


def test_list_json_has_contract_fields(run, demo_store):
    result = run("list", "--store", str(demo_store), "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    claims = json.loads(result.stdout)
    assert [c["id"] for c in claims] == [
        "zarif-provocateurs-2021",
        "zarif-no-wars-2020",
        "trump-sneak-attack-2020",
        "official-brewing-2020",
    ]
    tweet = next(c for c in claims if c["id"] == "trump-sneak-attack-2020")
    for key in (
        "id",
        "speaker",
        "speaker_name",
        "date",
        "statement",
        "summary",
        "sourcing",
        "responds_to",
        "responses",
        "tags",
        "about",
        "path",
        "line",
    ):
        assert key in tweet
    assert tweet["speaker_name"] == "Donald Trump"
    assert tweet["date"] == "2020-04-01"
    assert tweet["line"] == 3
    assert tweet["path"].endswith("claims.yaml")
    assert {"claim": "zarif-no-wars-2020", "relation": "denies"} in tweet["responses"]
    assert next(c for c in claims if c["id"] == "zarif-provocateurs-2021")["sourcing"] == "unknown"


def test_list_filters_combine(run, demo_store):
    def ids(*args):
        result = run("list", "--store", str(demo_store), "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [c["id"] for c in json.loads(result.stdout)]

    assert ids("--speaker", "zarif") == ["zarif-provocateurs-2021", "zarif-no-wars-2020"]
    assert ids("--speaker", "@JZarif", "--since", "2021") == ["zarif-provocateurs-2021"]
    assert ids("--unsourced") == ["zarif-no-wars-2020", "trump-sneak-attack-2020", "official-brewing-2020"]
    assert ids("--sourcing", "none", "--sourcing", "anonymous") == ["zarif-no-wars-2020", "official-brewing-2020"]
    assert ids("--contested") == ["trump-sneak-attack-2020"]
    assert ids("--unanswered", "--tag", "iraq") == ["zarif-provocateurs-2021"]
    assert ids("--about", "iran") == ["trump-sneak-attack-2020"]
    assert ids("--until", "2020-04") == ["zarif-no-wars-2020", "trump-sneak-attack-2020", "official-brewing-2020"]
    assert ids("--sort", "id", "--limit", "2") == ["official-brewing-2020", "trump-sneak-attack-2020"]
    assert ids("--reverse", "--limit", "1") == ["official-brewing-2020"]


def test_list_unknown_speaker_suggests(run, demo_store):
    result = run("list", "--store", str(demo_store), "--speaker", "zarf")
    assert result.exit_code == 1
    assert "no speaker called 'zarf'" in result.stderr
    assert "javad-zarif" in result.stderr


def test_list_bad_usage_exits_2(run, demo_store):
    assert run("list", "--store", str(demo_store), "--sourcing", "rumour").exit_code == 2
    result = run("list", "--store", str(demo_store), "--since", "April")
    assert result.exit_code == 2
    assert "--since 'April' is not a date" in result.stderr


def test_list_csv(run, demo_store):
    """Every cell of every row, against the JSON of the same claims."""
    import csv
    import io

    result = run("list", "--store", str(demo_store), "--format", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "id",
        "date",
        "speaker",
        "speaker_name",
        "sourcing",
        "summary",
        "statement",
        "answers",
        "tags",
        "about",
        "path",
        "line",
    ]
    claims = json.loads(run("list", "--store", str(demo_store), "--format", "json").stdout)
    assert [row[0] for row in rows[1:]] == [c["id"] for c in claims]  # same claims, same order
    answers = {
        "trump-sneak-attack-2020": "1 opposing, 1 supporting",
        "zarif-no-wars-2020": "",
        "official-brewing-2020": "",
        "zarif-provocateurs-2021": "",
    }
    for row, c in zip(rows[1:], claims, strict=True):
        assert row == [
            c["id"],
            c["date"],
            c["speaker"],
            c["speaker_name"],
            c["sourcing"],
            c["summary"] or "",
            c["statement"],
            answers[c["id"]],
            ";".join(c["tags"]),
            ";".join(c["about"]),
            c["path"],
            str(c["line"]),
        ]
    tweet = next(row for row in rows if row[0] == "trump-sneak-attack-2020")
    assert tweet[5] == "Iran or its proxies plan a sneak attack on US troops in Iraq"
    assert tweet[8:10] == ["iraq", "iran"]
    assert next(row for row in rows if row[0] == "zarif-provocateurs-2021")[8] == "iraq;israel"


def test_list_piped_text_does_not_wrap_mid_word(run, demo_store):
    result = run("list", "--store", str(demo_store))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for line in result.stdout.splitlines():
        assert len(line) <= 80
    assert "trump-sneak-attack-2020\n" in result.stdout
    assert "1 opposing, 1 supporting" in result.stdout


def test_show_by_prefix_with_chain(run, demo_store):
    result = run("show", "trump", "--store", str(demo_store))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Upon information and belief" in out
    assert "denies" in out and "Iran starts no wars" in out
    assert "supports" in out and "something brewing" in out
    assert "\u25b6" in out  # the asked-for claim is marked


def test_show_json_shape(run, demo_store):
    result = run("show", "zarif-no", "--store", str(demo_store), "--format", "json")
    data = json.loads(result.stdout)
    assert data["claim"]["id"] == "zarif-no-wars-2020"
    assert {c["id"] for c in data["chain"]["claims"]} == {
        "trump-sneak-attack-2020",
        "zarif-no-wars-2020",
        "official-brewing-2020",
    }
    assert {"from": "zarif-no-wars-2020", "to": "trump-sneak-attack-2020", "relation": "denies"} in data["chain"][
        "links"
    ]


def test_show_unknown_and_ambiguous_ids(run, demo_store):
    result = run("show", "trump-sneek-atack", "--store", str(demo_store))
    assert result.exit_code == 1
    assert "did you mean" in result.stderr and "trump-sneak-attack-2020" in result.stderr
    result = run("show", "zarif", "--store", str(demo_store))
    assert result.exit_code == 1
    assert "start of 2 claim ids" in result.stderr
    assert "zarif-no-wars-2020" in result.stderr and "zarif-provocateurs-2021" in result.stderr


def test_report_unsourced_json(run, demo_store):
    result = run("report", "--unsourced", "--store", str(demo_store), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["totals"]["claims"] == 4
    assert data["totals"]["unsupported"] == 3
    assert data["totals"]["by_status"] == {"none": 1, "unspecified": 1, "anonymous": 1}
    tweet = next(c for c in data["claims"] if c["id"] == "trump-sneak-attack-2020")
    assert tweet["answers"] == [{"claim": "zarif-no-wars-2020", "speaker": "javad-zarif", "relation": "denies"}]
    assert tweet["corroborated_by"] == [
        {"claim": "official-brewing-2020", "speaker": "us-official", "relation": "supports", "sourcing": "anonymous"}
    ]
    assert [c["id"] for c in data["unassessed"]] == ["zarif-provocateurs-2021"]


def test_report_text_markdown_and_fail_on_findings(run, demo_store):
    text = run("report", "--unsourced", "--store", str(demo_store))
    assert "4 claims in the store; 3 unsupported" in text.stdout
    assert "denied by Mohammad Javad Zarif" in text.stdout
    assert "Not yet assessed (1)" in text.stdout
    md = run("report", "--unsourced", "--store", str(demo_store), "--format", "markdown")
    assert md.stdout.startswith("# Unsupported assertions")
    assert run("report", "--unsourced", "--store", str(demo_store), "--fail-on-findings").exit_code == 1
    quiet = run("report", "--unsourced", "--store", str(demo_store), "--speaker", "nobody-at-all")
    assert quiet.exit_code == 1
    assert run("report", "--store", str(demo_store)).exit_code == 2


def test_speakers_and_sources(run, demo_store):
    speakers = json.loads(run("speakers", "--store", str(demo_store), "--format", "json").stdout)
    zarif = next(s for s in speakers if s["id"] == "javad-zarif")
    assert zarif["claims"] == 2 and zarif["aliases"] == ["Zarif", "Javad Zarif", "@JZarif"]
    assert json.loads(run("sources", "--store", str(demo_store), "--format", "json").stdout) == []


def test_store_with_errors_still_serves_valid_claims(run, make_store):
    root = make_store(
        {
            "a.yaml": """
            speakers: [{id: s, name: S}]
            claims:
              - {id: good, speaker: s, date: 2020-01-01, statement: fine, sourcing: {status: none}}
              - {id: bad, speaker: s, date: 2020-13-45, statement: broken date}
            """
        }
    )
    result = run("list", "--store", str(root), "--format", "json")
    assert result.exit_code == 0
    assert [c["id"] for c in json.loads(result.stdout)] == ["good"]
    assert result.stderr.count("\n") == 1
    assert "1 error" in result.stderr and "claimtrack check" in result.stderr


def test_check_text_and_json(run, make_store):
    root = make_store({"a.yaml": "claims:\n  - id: x\n    speker: s\n"})
    result = run("check", "--store", str(root))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("a.yaml:2:5: error[E104] claim 'x' has no 'speaker'")
    assert any(line.endswith("a.yaml:3:5: error[E102] unknown field 'speker' in claim") for line in lines)
    assert lines[-1].startswith("4 errors, 0 warnings in 1 file")
    assert "    speker: s\n        ^" in result.stdout
    assert "hint: did you mean 'speaker'?" in result.stdout
    data = json.loads(run("check", "--store", str(root), "--format", "json").stdout)
    codes = sorted(d["code"] for d in data["diagnostics"])
    assert codes == ["E102", "E104", "E104", "E104"]
    assert data["counts"]["errors"] == 4


def test_check_strict_fails_on_unassessed(run, make_store):
    root = make_store(
        {"a.yaml": "speakers: [{id: s, name: S}]\nclaims: [{id: x, speaker: s, date: 2020, statement: y}]\n"}
    )
    assert run("check", "--store", str(root)).exit_code == 0
    strict = run("check", "--strict", "--store", str(root))
    assert strict.exit_code == 1
    assert "warning[W205]" in strict.stdout


def test_store_text_is_never_markup_or_control(run, make_store):
    root = make_store(
        {
            "a.yaml": r"""
            speakers: [{id: s, name: "[bold]Evil[/bold]"}]
            claims:
              - id: x
                speaker: s
                date: 2020-01-01
                statement: "He said [sic] \e[31mred\e[0m and \u202egnirts"
                sourcing: {status: none}
            """
        }
    )
    for args in (("list",), ("show", "x"), ("report", "--unsourced"), ("speakers",)):
        result = run(*args, "--store", str(root))
        assert result.exit_code == 0, args
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout, args
        assert "[bold]Evil[/bold]" in result.stdout, args
    show = run("show", "x", "--store", str(root)).stdout
    assert "[sic] \\x1b[31mred\\x1b[0m" in show and "\\u202egnirts" in show


def test_no_store_found_is_one_line(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("list", env={"CLAIMTRACK_STORE": ""})
    assert result.exit_code == 2
    assert "no claim store found" in result.stderr and "--store PATH" in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_store_env_variable(run, demo_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    result = run("list", "--format", "json", env={"CLAIMTRACK_STORE": str(demo_store)})
    assert len(json.loads(result.stdout)) == 4


def test_bundled_store_passes_strict_check(run):
    result = run("check", "--strict", "--store", str(BUNDLED))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("no problems in")


def test_cli_import_stays_light():
    """Start-up cost: the heavy modules load only when a command needs them."""
    import subprocess
    import sys

    code = (
        "import sys, claimtrack.cli; "
        "print(','.join(m for m in ('yaml', 'rapidfuzz', 'numpy', 'rich.console', 'claimtrack.store') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_since_after_until_and_empty_store_are_said(run, demo_store, tmp_path):
    result = run("list", "--store", str(demo_store), "--since", "2021", "--until", "2020")
    assert result.exit_code == 2 and "--since 2021 is after --until 2020" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("check", "--store", str(empty))
    assert result.exit_code == 0 and "has no .yaml or .yml files" in result.stderr


def test_help_lists_the_commands_in_the_order_of_the_table():
    """`add` (a sub-app, which Typer would put last) stands where the COMMANDS table puts it."""
    from typer.testing import CliRunner

    from claimtrack.cli import COMMANDS, app

    result = CliRunner().invoke(app, ["--help"])
    section = result.output.split("Commands:", 1)[1].splitlines()
    listed = [line.split()[0] for line in section if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(COMMANDS)


@pytest.mark.parametrize(("given", "expected"), [(None, "1"), ("4", "4")])
def test_numpy_starts_no_thread_pool_unless_the_user_asks(given, expected):
    """OpenBLAS's thread pool cost half of numpy's import, and claimtrack does no linear algebra."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    code = "import os, claimtrack.cli; print(os.environ['OPENBLAS_NUM_THREADS'])"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == expected
