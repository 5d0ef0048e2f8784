"""Shared fixtures: a store written from inline YAML, and a CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.pipeline import load_store
from claimtrack.store import Store

BUNDLED = Path(__file__).resolve().parent.parent / "claims"

SPEAKERS = """
speakers:
  - id: donald-trump
    name: Donald Trump
    role: President of the United States
    aliases: [Trump, "@realDonaldTrump"]
  - id: javad-zarif
    name: Mohammad Javad Zarif
    role: Foreign Minister of Iran
    affiliation: Iran
    aliases: [Zarif, Javad Zarif, "@JZarif"]
  - id: us-official
    name: Unnamed US official
    kind: unknown
"""

CLAIMS = """
claims:
  - id: trump-sneak-attack-2020
    speaker: donald-trump
    date: 2020-04-01
    statement: >-
      Upon information and belief, Iran or its proxies are planning a sneak
      attack on US troops and/or assets in Iraq.
    summary: Iran or its proxies plan a sneak attack on US troops in Iraq
    tags: [iraq]
    about: [iran]
    sourcing: {status: unspecified, note: Upon information and belief.}
  - id: zarif-no-wars-2020
    speaker: javad-zarif
    date: 2020-04-02
    statement: Iran starts no wars, but teaches lessons to those who do
    responds_to: [{claim: trump-sneak-attack-2020, relation: denies}]
    sourcing: {status: none, note: A bare assertion.}
  - id: official-brewing-2020
    speaker: us-official
    date: 2020-04-01
    statement: We've been seeing something brewing and developing pretty seriously
    responds_to: [{claim: trump-sneak-attack-2020, relation: supports}]
    sourcing: {status: anonymous, note: Unnamed official to a newspaper.}
  - id: zarif-provocateurs-2021
    speaker: javad-zarif
    date: 2021-01-02
    statement: New intelligence from Iraq indicate that Israeli agent-provocateurs are plotting attacks
    tags: [iraq, israel]
"""


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[..., Path]:
    """Write files {name: yaml text} into a fresh store folder and return its path."""

    def make(files: dict[str, str] | None = None, **named: str) -> Path:
        root = tmp_path / "claims"
        root.mkdir(exist_ok=True)
        for name, text in {**(files or {}), **named}.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


@pytest.fixture
def demo_store(make_store: Callable[..., Path]) -> Path:
    return make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})


@pytest.fixture
def load(make_store: Callable[..., Path]) -> Callable[..., Store]:
    def do(**files: str) -> Store:
        return load_store(make_store({name.replace("__", "."): text for name, text in files.items()}))

    return do


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def run() -> Run:
    return Run()
