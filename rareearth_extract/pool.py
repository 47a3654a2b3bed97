"""Extraction in worker processes for :meth:`Extractor.pipe` with ``n_process`` > 1.

The extractor runs on the text itself, not on a spaCy ``Doc``, so the workers
need no spaCy pipeline pass: each receives batches of texts and sends back
their facts (attrs objects, pickled). That skips the tokenizer run, and the
serialising of docs that ``nlp.pipe(n_process=...)`` would do, which cost more
than the extraction they carried.

Texts are read lazily and at most a few batches per worker are in flight, so a
generator over a large collection streams in bounded memory; results come back
in the order of the texts. Workers start the way :mod:`multiprocessing` starts
them by default on the platform (a fork of this process on Linux with Python
3.11, so they inherit its loaded tables; a fresh interpreter elsewhere).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor

from .facts import Fact

#: Batches in flight per worker: enough to keep each busy while results are read.
_IN_FLIGHT_PER_WORKER = 2

_worker_extractor = None


def _start_worker(fx_rates: Mapping[str, float] | None, max_length: int) -> None:
    """Build the worker's one extractor (its pipeline and tables load once)."""
    global _worker_extractor
    from .api import Extractor, _set_max_length

    extractor = Extractor(fx_rates=fx_rates)
    _set_max_length(extractor, max_length)
    _worker_extractor = extractor


def _extract_batch(texts: list[str]) -> list[list[Fact]]:
    """The facts of each text of one batch, in order (run in a worker)."""
    assert _worker_extractor is not None, "worker started without its extractor"
    return [_worker_extractor(text) for text in texts]


def workers(n_process: int) -> int:
    """The number of worker processes `n_process` asks for (-1: one per CPU)."""
    if n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise ValueError(f"n_process must be -1 or at least 1, got {n_process}")
    return n_process


def pipe_in_processes(
    texts: Iterable[str],
    *,
    fx_rates: Mapping[str, float] | None,
    max_length: int,
    batch_size: int,
    n_process: int,
) -> Iterator[list[Fact]]:
    """Facts for each of `texts` (already checked to be strings), extracted by
    `n_process` workers, yielded in order as they are ready."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    n = workers(n_process)
    pending: deque[Future[list[list[Fact]]]] = deque()
    executor = ProcessPoolExecutor(
        max_workers=n, initializer=_start_worker, initargs=(fx_rates, max_length)
    )
    try:
        batch: list[str] = []
        source = iter(texts)
        while True:
            try:
                text = next(source)
            except StopIteration:
                break
            except Exception:
                # A text that is no string (or a failing source): first the facts of
                # the texts before it, as a call per text would have given them.
                pending.append(executor.submit(_extract_batch, batch))
                while pending:
                    yield from pending.popleft().result()
                raise
            batch.append(text)
            if len(batch) < batch_size:
                continue
            pending.append(executor.submit(_extract_batch, batch))
            batch = []
            while len(pending) >= n * _IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        if batch:
            pending.append(executor.submit(_extract_batch, batch))
        while pending:
            yield from pending.popleft().result()
    finally:
        # Also when the caller stops reading early or a text raises: no work is left
        # running behind the caller's back.
        executor.shutdown(wait=True, cancel_futures=True)
