"""Extract every ``*.txt`` under a folder with one Extractor and write one CSV.

    python examples/batch_folder.py                        # the examples folder, to stdout
    python examples/batch_folder.py articles/ facts.csv    # your folder, your file
    python examples/batch_folder.py articles/ facts.csv 2  # with two processes

Needs the ``pandas`` extra. The command line does the same with
``rareearth-extract --format csv articles/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from rareearth_extract import Extractor, facts_to_frame

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else HERE
    target = argv[1] if len(argv) > 1 else None
    n_process = int(argv[2]) if len(argv) > 2 else 1

    paths = sorted(folder.rglob("*.txt"))
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in paths)
    extractor = Extractor()  # built once, used for every file
    frames = [
        facts_to_frame(facts).assign(file=str(path))
        for path, facts in zip(paths, extractor.pipe(texts, n_process=n_process), strict=True)
    ]
    frame = pd.concat(frames, ignore_index=True) if frames else facts_to_frame([])
    print(f"{len(paths)} files, {len(frame)} facts", file=sys.stderr)
    print(frame["type"].value_counts().to_string(), file=sys.stderr)
    frame.to_csv(target if target else sys.stdout, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
