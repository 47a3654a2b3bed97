"""Extraction over large collections with Dask (``pip install "rareearth-extract[dask]"``).

:func:`extract_bag` maps each partition of a :class:`dask.bag.Bag` of texts
through an :class:`~rareearth_extract.Extractor`. The extractor pickles (only
its options travel; each worker builds its own extractor), and it enters the
task graph once, as a delayed value, so a worker builds it once and reuses it
for every partition it runs. The same code runs on the threaded scheduler, on
a ``distributed.LocalCluster`` or on a real cluster::

    import dask.bag as db
    from distributed import Client, LocalCluster
    from rareearth_extract.parallel import extract_bag

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        texts = db.read_text("articles/*.txt", files_per_partition=50)
        facts_per_text = extract_bag(texts).compute()

Dask is imported when :func:`extract_bag` is called, never at package import;
:func:`extract_partition` needs no Dask at all (use it with pyspark's
``mapPartitions`` or any process pool).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .facts import Fact

if TYPE_CHECKING:  # pragma: no cover
    from dask.bag import Bag

    from .api import Extractor


def extract_partition(texts: Iterable[str], extractor: Extractor) -> list[list[Fact]]:
    """The facts of each text of one partition, in order (one list per text).

    Each text goes through ``extractor(text)``, so texts longer than spaCy's
    ``max_length`` work too.
    """
    return [extractor(text) for text in texts]


def extract_bag(
    texts: Bag,
    *,
    extractor: Extractor | None = None,
    fx_rates: Mapping[str, float] | None = None,
) -> Bag:
    """A bag with the facts of each text of `texts`: one list of facts per text, in order.

    `extractor` is the :class:`~rareearth_extract.Extractor` to ship to the
    workers (one is built with `fx_rates` when None). Partitions are kept as
    they are; ``.flatten()`` gives one fact per element, and
    ``.map(rareearth_extract.to_dict)`` after it the JSON form.
    """
    import dask

    if extractor is None:
        from .api import Extractor

        extractor = Extractor(fx_rates=fx_rates)
    elif fx_rates is not None:
        raise ValueError("pass fx_rates to the Extractor, not alongside one")
    shipped: Any = dask.delayed(extractor, pure=True)
    result: Bag = texts.map_partitions(extract_partition, shipped)
    return result
