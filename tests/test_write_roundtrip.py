"""Text with YAML's traps, written through `add claim` and `add speaker`, loads back identical.

The one difference is the contract's: the loader trims whitespace at both
ends of every value, so what comes back is the text trimmed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.pipeline import load_store
from fixtures import TRAPS

# Text that survives a command line: lone surrogates are not text (the writer
# refuses them with a message), everything else is fair.
TEXT = st.one_of(
    st.sampled_from(TRAPS),
    st.text(min_size=1, max_size=60),
    st.lists(st.sampled_from(TRAPS), min_size=2, max_size=4).map(" ".join),
    st.tuples(st.sampled_from(TRAPS), st.text(max_size=20), st.sampled_from(TRAPS)).map("".join),
).filter(lambda t: bool(t.strip()))

# `--statement -` reads standard input (cli.md), so a statement of "-" is not text to store.
STATEMENT = TEXT.filter(lambda t: t != "-")

STORE = "speakers:\n  - id: s\n    name: S\nsources:\n  - id: src\n    outlet: O\n"


# Each example runs two commands on a fresh store (~100 ms): fewer examples
# than the profile's 300, five texts each, with the traps drawn often.
@settings(max_examples=60)
@given(statement=STATEMENT, summary=TEXT, note=TEXT, name=TEXT, quote=TEXT)
def test_text_written_by_add_loads_back_identical(statement, summary, note, name, quote) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "claims"
        root.mkdir()
        (root / "e.yaml").write_text(STORE, encoding="utf-8")
        base = ["--store", str(root)]
        # Values joined to their options with '=', and the name after '--': text may start with '-'.
        result = runner.invoke(app, [*base, "add", "speaker", "--id=new", f"--alias={name}", "--", name])
        assert result.exit_code == 0, result.output
        args = [*base, "add", "claim", "-s", "s", "-d", "2021", f"--statement={statement}", f"--summary={summary}"]
        args += ["--sourcing", "none", f"--sourcing-note={note}", "--source", "src", f"--quote={quote}", "--id", "c"]
        args += [f"--tag={name}", "--file", "e.yaml"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        store = load_store(root)
        assert store.diagnostics == []
        claim = store.claims["c"]
        assert claim.statement == statement.strip()
        assert claim.summary == summary.strip()
        assert claim.sourcing is not None and claim.sourcing.note == note.strip()
        assert claim.appears_in[0].quote == quote.strip()
        assert claim.tags == (name.strip(),)
        speaker = store.speakers["new"]
        assert speaker.name == name.strip() and speaker.aliases == (name.strip(),)
