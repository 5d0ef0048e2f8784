"""The README tells the truth: its examples are real output, and it documents every command."""

from __future__ import annotations

import pytest

from claimtrack.cli import app
from readme_examples import README, examples, run_example, run_session, session_examples

TEXT = README.read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "shown"), examples(TEXT), ids=[c for c, _ in examples(TEXT)])
def test_readme_example_is_real_output(command, shown):
    assert run_example(command) == shown, "run `python tests/readme_examples.py --write` after a deliberate change"


def test_the_recording_session_is_real_output():
    """'Recording claims' builds a store from nothing: its commands run in order, in a scratch folder."""
    session = session_examples(TEXT)
    assert [c.split()[1:3] for c, _ in session][:1] == [["init", "zarif-2021"]]
    outputs = run_session([command for command, _ in session])
    for (command, shown), output in zip(session, outputs, strict=True):
        assert output == shown, f"{command}: run `python tests/readme_examples.py --write` after a deliberate change"


def test_every_command_has_help_and_is_in_the_readme(run):
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [group.name for group in app.registered_groups]
    assert set(names) >= {"list", "show", "report", "check", "speakers", "sources", "search", "quotes", "dupes"}
    for name in names:
        assert f"`{name}" in TEXT or f"claimtrack {name}" in TEXT, name
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout, name


def test_readme_setup_commands_are_the_ones_ci_runs():
    from pathlib import Path

    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    test_command = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"
    assert test_command in TEXT and test_command in ci
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/claimtrack list" in TEXT


def test_every_diagnostic_code_is_documented():
    from pathlib import Path

    from claimtrack.codes import ALL_CODES

    doc = (Path(__file__).resolve().parent.parent / "docs" / "diagnostics.md").read_text()
    for code in ALL_CODES:
        assert f"| `{code.code}` | {code.severity} | {code.title} |" in doc, code.code
