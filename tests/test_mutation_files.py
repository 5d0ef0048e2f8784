"""The files scripts/mutation.py reads stay in step with the code.

A planted bug whose lines no longer occur in the code cannot be planted: the
script stops on it, and only when someone runs it. Checked here instead, with
every run of the suite, so a change to the code fixes the entry with it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "mutation.py"
if not SCRIPT.exists():  # mutmut's copy of the project, whose src/ it has rewritten anyway
    pytest.skip("runs in the project, not in a copy of tests/ without scripts/", allow_module_level=True)
_spec = importlib.util.spec_from_file_location("mutation_script", SCRIPT)
assert _spec and _spec.loader
mutation = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = mutation  # its dataclasses look their module up
_spec.loader.exec_module(mutation)

PLANTED = mutation.read_planted()


def test_the_survivors_of_the_first_release_are_planted():
    titles = "\n".join(bug.title for bug in PLANTED)
    for bug in (
        "questions is neutral",
        "report --unsourced drops --until",
        "named and documented swapped",
        "C1 controls",
        "VT, FF and CR",
        "id prefixes matched as substrings",
    ):
        assert bug in titles


@pytest.mark.parametrize("bug", PLANTED, ids=[bug.title for bug in PLANTED])
def test_a_planted_bug_changes_exactly_one_place_of_the_current_code(bug):
    source = (ROOT / bug.file).read_text(encoding="utf-8")
    assert source.count(bug.old) == 1, f"update tests/planted-bugs.txt: its '-' lines are not in {bug.file}"
    assert bug.new != bug.old


def test_every_equivalent_names_a_configured_module_and_a_reason():
    modules = {"claimtrack." + name.replace("/", ".") for name in mutation.configured_modules()}
    for entry in mutation.read_equivalents():
        assert entry.function.rpartition(".")[0] in modules or entry.function.rsplit(".", 2)[0] in modules
        assert entry.reason and entry.change


def test_a_subset_of_tests_keeps_of_each_functions_tests_those_in_its_files():
    stats = {
        "claimtrack.loader.x_parse_text": {
            "tests/test_loader.py::test_a",
            "tests/test_cli.py::test_b",
            "tests/test_loader.py::test_c[x::y]",
        },
        "claimtrack.loader.x__dash": {"tests/test_writer.py::test_d"},
    }
    mutation.narrow(stats, {"tests/test_loader.py", "tests/test_outline.py"})
    assert stats == {
        "claimtrack.loader.x_parse_text": {"tests/test_loader.py::test_a", "tests/test_loader.py::test_c[x::y]"},
        "claimtrack.loader.x__dash": set(),  # its mutants then have no tests: survivors, rechecked under the suite
    }


def test_each_subset_of_tests_names_a_configured_module_and_test_files_that_exist():
    subsets = mutation.chosen_tests()  # stops with a message on an unknown module or a missing file
    assert "loader" in subsets
    assert all(Path(f).name.startswith("test_") for files in subsets.values() for f in files)
