"""Execute a notebook from top to bottom in its own folder; fail on the first error.

    python scripts/run_notebook.py examples/quickstart.ipynb [--output executed.ipynb]

Used by CI (``.ci/run``). Needs the ``notebook`` extra (nbclient, nbformat,
ipykernel); the kernel is the Python running this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--output", type=Path, help="also write the executed notebook here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=args.timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(args.notebook.resolve().parent)}},
    )
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"{args.notebook}: a cell failed\n{e}", file=sys.stderr)
        return 1
    finally:
        if args.output is not None:
            nbformat.write(notebook, args.output)
    cells = sum(1 for c in notebook.cells if c.cell_type == "code")
    print(f"{args.notebook}: {cells} code cells ran in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
