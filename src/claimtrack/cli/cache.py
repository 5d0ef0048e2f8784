"""`claimtrack cache`: where the stores' indexes are and how big; `--clear` removes them."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import reports_errors
from .options import Fmt


@reports_errors
def cache(
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove every index; each is rebuilt when next needed.")
    ] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
) -> None:
    """Where the indexes of the stores are kept, and how big they are.

    claimtrack keeps an index of each store it reads, outside the store, so
    that files that have not changed are not read again. They live in
    $CLAIMTRACK_CACHE_DIR, else $XDG_CACHE_HOME/claimtrack, else
    ~/.cache/claimtrack; an index whose store folder no longer exists is
    removed after 30 days unused. --no-cache or CLAIMTRACK_NO_CACHE=1 makes
    a command read every file and keep no index.
    """
    from ..index import cache_dir, clear_indexes, list_indexes

    folder = cache_dir()
    found = clear_indexes(folder) if clear else list_indexes(folder)
    total = sum(i.size for i in found)
    if fmt is Fmt.json:
        from ..export.json import write_json

        write_json(
            {
                "folder": str(folder),
                "cleared": clear,
                "indexes": [
                    {"path": str(i.path), "store": i.store, "store_exists": i.store_exists, "bytes": i.size}
                    for i in found
                ],
                "bytes": total,
            }
        )
        return
    from ..textsafe import safe

    count = f"{len(found)} index{'' if len(found) == 1 else 'es'}, {_size(total)}"
    lines = [f"{'removed' if clear else 'indexes in'} {safe(str(folder))}: {count}"]
    if not clear:
        for i in found:
            store = safe(i.store) if i.store else "(not readable)"
            gone = "" if i.store_exists or i.store is None else "  (store folder gone: removed after 30 days unused)"
            lines.append(f"  {_size(i.size):>9}  {store}{gone}")
    typer.echo("\n".join(lines))


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.1f} KB"
