"""Dask: a bag of texts mapped through a pickled Extractor on a local cluster.

Skipped when the ``dask`` extra (dask, distributed) is not installed; the
``test`` extra installs it, so CI runs it.
"""

from __future__ import annotations

import os

import pytest
from varied_texts import VARIED_TEXTS, example_text

from rareearth_extract import Extractor
from rareearth_extract.facts import Fact
from rareearth_extract.parallel import extract_bag, extract_partition

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    numbered = [f"Shaft {i} was sunk to {100 + i} m in May 20{10 + i % 15}." for i in range(24)]
    return [*VARIED_TEXTS, example_text(), *numbered]


@pytest.fixture(scope="module")
def single_process(texts: list[str]) -> list[list[Fact]]:
    extractor = Extractor()
    return [extractor(t) for t in texts]


def test_extract_partition_needs_no_dask(
    texts: list[str], single_process: list[list[Fact]]
) -> None:
    assert extract_partition(texts, Extractor()) == single_process


def test_bag_on_a_local_cluster_with_two_worker_processes(
    texts: list[str], single_process: list[list[Fact]]
) -> None:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        workers = client.run(os.getpid)
        assert len(workers) == 2
        assert os.getpid() not in workers.values(), "the workers are other processes"
        bag = db.from_sequence(texts, npartitions=6)
        result = extract_bag(bag).compute()
        where = client.run(lambda: len(os.environ))  # the cluster is still up and answering
        assert len(where) == 2
    assert result == single_process


def test_bag_with_rates_on_the_threaded_scheduler() -> None:
    text = "The agency paid 90 million rubles for core storage."
    bag = db.from_sequence([text, text], npartitions=2)
    result = extract_bag(bag, fx_rates={"RUB": 0.011}).compute(scheduler="threads")
    assert [[f.usd_source for f in facts if f.type == "money"] for facts in result] == [
        ["user_rate"],
        ["user_rate"],
    ]


def test_flattened_bag_gives_one_fact_per_element(single_process: list[list[Fact]]) -> None:
    texts = VARIED_TEXTS[:4]
    flat = extract_bag(db.from_sequence(texts, npartitions=2)).flatten().compute(scheduler="sync")
    assert flat == [f for facts in single_process[:4] for f in facts]


def test_rates_with_an_extractor_is_an_error() -> None:
    with pytest.raises(ValueError, match="pass fx_rates to the Extractor"):
        extract_bag(db.from_sequence(["x"]), extractor=Extractor(), fx_rates={"RUB": 0.011})
