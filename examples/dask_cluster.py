"""Extraction over a collection with Dask, on a local cluster of two worker processes.

    python examples/dask_cluster.py                  # the bundled article and some sentences
    python examples/dask_cluster.py "articles/*.txt" # your own files

Needs the ``dask`` extra. To use a real cluster, replace ``LocalCluster`` with
the address of its scheduler: ``Client("tcp://scheduler:8786")``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

SENTENCES = [
    "The shaft at the Kestrel deposit is 640 m deep.",
    "Measured resources stand at 3.2 Mt at 1.1% TREO.",
    "Hole KR-9 returned 12 m @ 3.4 g/t Au from 55 m.",
    "The government spent 900 million tenge (about $1.8 million) on mapping in 2024.",
]


def main(argv: list[str]) -> int:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from rareearth_extract import Extractor, to_dict
    from rareearth_extract.parallel import extract_bag

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        if argv:
            texts = db.read_text(argv[0], linedelimiter="\n\n")  # one text per paragraph
        else:
            article = (HERE / "kazakh_rare_earths.txt").read_text(encoding="utf-8")
            texts = db.from_sequence([article, *SENTENCES] * 5, npartitions=4)
        facts = extract_bag(texts, extractor=Extractor())
        records = facts.flatten().map(to_dict).compute()

    counts = Counter(r["type"] for r in records)
    print(f"{len(records)} facts:", dict(sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
