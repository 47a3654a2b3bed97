"""The batch API: ``Extractor.pipe`` streams in order, in parallel too, and extractors pickle.

The sentences are written for these tests (``tests/varied_texts.py``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
from collections.abc import Iterator

import pytest
from varied_texts import VARIED_TEXTS, example_text

from rareearth_extract import Extractor, extract_facts
from rareearth_extract.facts import Fact


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [*VARIED_TEXTS, example_text()]


@pytest.fixture(scope="module")
def one_by_one(extractor: Extractor, texts: list[str]) -> list[list[Fact]]:
    return [extractor(t) for t in texts]


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_pipe_equals_calls_one_by_one(
    extractor: Extractor, texts: list[str], one_by_one: list[list[Fact]], batch_size: int
) -> None:
    assert list(extractor.pipe(texts, batch_size=batch_size)) == one_by_one


def test_pipe_equals_extract_facts(texts: list[str], one_by_one: list[list[Fact]]) -> None:
    assert [extract_facts(t) for t in texts] == one_by_one


def _numbered(pulled: list[int]) -> Iterator[str]:
    """Endless texts, each with its own depth; records how many were taken."""
    for i in itertools.count():
        pulled.append(i)
        yield f"Shaft {i} was sunk to {100 + i} m."


def test_pipe_streams_in_order_from_an_endless_iterator(extractor: Extractor) -> None:
    pulled: list[int] = []
    results = extractor.pipe(_numbered(pulled), batch_size=4)
    first = next(results)
    assert [f.normalized_value for f in first if f.type == "quantity"] == [100.0]
    assert len(pulled) <= 8, "the first result came before the input was read far ahead"
    for i, facts in enumerate(itertools.islice(results, 30), start=1):
        assert [f.normalized_value for f in facts if f.type == "quantity"] == [100.0 + i]


def test_pipe_is_lazy(extractor: Extractor) -> None:
    pulled: list[int] = []
    extractor.pipe(_numbered(pulled))
    assert pulled == []


def test_pipe_with_two_processes_equals_serial(
    extractor: Extractor, texts: list[str], one_by_one: list[list[Fact]]
) -> None:
    many = texts * 3
    parallel = list(extractor.pipe(many, batch_size=2, n_process=2))
    assert parallel == one_by_one * 3


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_as_tuples_keeps_each_context_with_its_facts(
    extractor: Extractor, texts: list[str], one_by_one: list[list[Fact]], n_process: int
) -> None:
    pairs = [(text, {"row": i}) for i, text in enumerate(texts)]
    got = list(extractor.pipe(pairs, batch_size=2, n_process=n_process, as_tuples=True))
    assert [context["row"] for _, context in got] == list(range(len(texts)))
    assert [facts for facts, _ in got] == one_by_one


def test_pipe_as_tuples_is_lazy(extractor: Extractor) -> None:
    pulled: list[int] = []
    pairs = ((text, i) for i, text in enumerate(_numbered(pulled)))
    results = extractor.pipe(pairs, batch_size=4, as_tuples=True)
    assert pulled == []
    facts, context = next(results)
    assert context == 0 and [f.text for f in facts] == ["100 m"]


def test_pipe_in_processes_carries_the_rates() -> None:
    extractor = Extractor(fx_rates={"RUB": 0.011})
    (facts,) = extractor.pipe([FX_TEXT], n_process=2)
    assert facts == extractor(FX_TEXT)
    assert [f.usd_source for f in facts if f.type == "money"] == ["user_rate"]


def test_pipe_in_processes_reads_ahead_a_bounded_number_of_batches(extractor: Extractor) -> None:
    pulled: list[int] = []
    results = extractor.pipe(_numbered(pulled), batch_size=3, n_process=2)
    first = next(results)
    assert [f.normalized_value for f in first if f.type == "quantity"] == [100.0]
    # Two workers, two batches in flight each, three texts a batch: 12 texts read.
    assert len(pulled) <= 13
    for i, facts in enumerate(itertools.islice(results, 20), start=1):
        assert [f.normalized_value for f in facts if f.type == "quantity"] == [100.0 + i]
    results.close()  # stopping early shuts the workers down


@pytest.mark.parametrize("n_process", [2, 1])
def test_pipe_gives_the_facts_before_a_non_text_then_raises(
    extractor: Extractor, n_process: int
) -> None:
    texts = ["A 5 t lot.", "A 6 t lot.", b"bytes", "A 7 t lot."]
    got: list[list[Fact]] = []
    with pytest.raises(TypeError, match="expected text as str"):
        for facts in extractor.pipe(texts, batch_size=1, n_process=n_process):  # type: ignore[arg-type]
            got.append(facts)
    assert [[f.text for f in facts] for facts in got] == [["5 t"], ["6 t"]]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"n_process": 0}, "n_process"),
        ({"n_process": -2}, "n_process"),
        ({"n_process": 2, "batch_size": 0}, "batch_size"),
    ],
)
def test_pipe_refuses_bad_options(extractor: Extractor, options: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match=message):
        list(extractor.pipe(["A 5 t lot."], **options))


def test_pipe_with_one_process_per_cpu(extractor: Extractor, texts: list[str]) -> None:
    assert list(extractor.pipe(texts[:4], n_process=-1)) == [extractor(t) for t in texts[:4]]


@pytest.mark.parametrize("bad", [pytest.param(b"bytes", id="bytes"), pytest.param(7, id="int")])
def test_pipe_rejects_non_text(extractor: Extractor, bad: object) -> None:
    with pytest.raises(TypeError, match="expected text as str"):
        list(extractor.pipe(["fine", bad]))  # type: ignore[list-item]


# --- pickling -----------------------------------------------------------------

FX_TEXT = "The agency paid 90 million rubles for core storage."


def test_extractor_pickles_with_its_rates() -> None:
    extractor = Extractor(fx_rates={"RUB": 0.011})
    clone = pickle.loads(pickle.dumps(extractor))
    assert isinstance(clone, Extractor)
    assert clone(FX_TEXT) == extractor(FX_TEXT)
    (money,) = [f for f in clone(FX_TEXT) if f.type == "money"]
    assert money.usd_source == "user_rate"
    assert money.usd_amount == pytest.approx(90e6 * 0.011)


def test_pickled_extractor_is_small() -> None:
    assert len(pickle.dumps(Extractor())) < 1_000, "only the options travel, not the pipeline"


def test_facts_pickle(one_by_one: list[list[Fact]]) -> None:
    assert pickle.loads(pickle.dumps(one_by_one)) == one_by_one


def test_extractor_in_a_spawned_process_pool(
    texts: list[str], one_by_one: list[list[Fact]]
) -> None:
    extractor = Extractor()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(extractor, texts, chunksize=4)
    assert results == one_by_one
