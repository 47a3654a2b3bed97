"""``python -m rareearth_extract``: the same as the ``rareearth-extract`` command."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
