"""Finding the store folder: --store, $CLAIMTRACK_STORE, or the nearest claims/.

Apart from store.py so that shell completion can find the store without
importing the loader and YAML (cli/complete.py); store.py re-exports these.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .errors import StoreNotFound
from .fsutil import YAML_SUFFIXES

STORE_ENV = "CLAIMTRACK_STORE"
DEFAULT_FOLDER = "claims"
CREATE_HINT = (
    "pass --store PATH, set CLAIMTRACK_STORE, or create a folder named 'claims' holding a .yaml file "
    "that starts with 'claims:' (each claim has an id, speaker, date and statement)"
)


# --- finding the store -----------------------------------------------------


def _has_yaml(folder: Path) -> bool:
    """Whether the folder holds a .yaml/.yml file, at any depth (names starting with '.' skipped).

    Stops at the first one: finding the store need not walk the whole tree;
    nothing is opened, and reading the files safely is the load's business."""
    for _here, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if any(not n.startswith(".") and n.endswith(YAML_SUFFIXES) for n in filenames):
            return True
    return False


def find_store(option: str | None, environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """The store folder: --store, then $CLAIMTRACK_STORE, then the nearest claims/ upwards."""
    environ = os.environ if environ is None else environ
    for given, origin in ((option, "--store"), (environ.get(STORE_ENV), STORE_ENV)):
        if given:
            path = Path(given).expanduser()
            if not path.exists():
                raise StoreNotFound(f"store folder '{given}' (from {origin}) does not exist", CREATE_HINT)
            if not path.is_dir():
                raise StoreNotFound(
                    f"'{given}' (from {origin}) is a file; a store is a folder of .yaml files",
                    f"pass the folder that holds it: --store {path.parent}",
                )
            if not os.access(path, os.R_OK | os.X_OK):
                raise StoreNotFound(
                    f"cannot read the store folder '{given}' (from {origin}): permission denied",
                    "check the folder's permissions",
                )
            return path
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / DEFAULT_FOLDER):
            if candidate.name == DEFAULT_FOLDER and candidate.is_dir() and _has_yaml(candidate):
                return candidate
    raise StoreNotFound(f"no claim store found in {here} or its parents", CREATE_HINT)
