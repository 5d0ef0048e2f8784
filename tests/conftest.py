"""Shared pytest fixtures: a store written from inline YAML, and a CLI runner."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.pipeline import load_store
from claimtrack.store import Store
from fixtures import CLAIMS, SPEAKERS

# Property tests take their example counts from a profile, not their decorators:
# `--hypothesis-profile=mutation` (scripts/mutation.py) runs fewer examples, the
# same ones every time, so that a mutant's verdict does not depend on luck.
# Registering "default" replaces the loaded default profile.
_PROPERTY = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=300, **_PROPERTY)
settings.register_profile("mutation", max_examples=40, derandomize=True, database=None, **_PROPERTY)


# CliRunner.invoke rebuilds the click command tree from the Typer app on every
# call (~90 ms: typing.get_type_hints over every parameter of every command),
# twice the cost of most commands it runs. A process builds it once, so the
# tests build it once too; the tree depends only on the app's registered
# functions, which no test changes.
typer.testing._get_command = functools.cache(typer.main.get_command)  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own index folder: no test reads or leaves an index in the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLAIMTRACK_NO_CACHE", raising=False)
    return folder


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
