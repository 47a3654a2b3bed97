"""Public entry points: :func:`extract_facts`, :class:`Extractor`, :func:`build_pipeline`.

The pipeline is ``spacy.blank("en")`` with the tokenizer rules of
:mod:`rareearth_extract.tokenizer` and the ``rareearth_facts`` component: no
trained model, nothing downloaded, deterministic. Build an :class:`Extractor`
once and call it many times; :func:`extract_facts` does exactly that with a
shared default extractor.

What the entry points accept (the details are in ``docs/robustness.md``):

* text as ``str`` only: ``bytes`` raise a :class:`TypeError` that says to
  decode them first, anything else a :class:`TypeError` too;
* an empty or whitespace-only text gives ``[]``;
* any other string gives facts with valid offsets, in time and memory that
  grow linearly with its length: malformed, binary or hostile text included;
* a text longer than the pipeline's ``max_length`` (spaCy's 1,000,000 characters
  by default) is extracted in chunks cut at paragraph breaks (else line breaks,
  sentence ends or spaces), which overlap so that a fact across a cut is found
  once, with offsets into the whole text. Working memory is one chunk; the facts
  returned grow with their number. For input without end (a file, a socket),
  :meth:`Extractor.stream` reads pieces and yields facts as it goes;
* one extractor may serve many threads at once, pickles (only its options
  travel) and gives the same facts in worker processes; the same input always
  gives the same facts, byte for byte in their JSON form.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

from .components import DEFAULT_EXTENSION, DEFAULT_SPANS_KEY
from .facts import Fact
from .linking import check_fx_rates

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: The largest and smallest chunks an extractor cuts a long text into, whatever the
#: pipeline's ``max_length`` says (the engine's ``CHUNK_SIZE`` and ten overlaps).
MAX_CHUNK_SIZE = 1_000_000
MIN_CHUNK_SIZE = 20_000
#: spaCy's default ``Language.max_length``: the chunk size of an extractor whose
#: pipeline nobody has asked for (and so nobody has changed).
SPACY_MAX_LENGTH = 1_000_000

_Context = TypeVar("_Context")


def build_pipeline(
    nlp: Language | None = None,
    *,
    fx_rates: Mapping[str, float] | None = None,
    extension: str = DEFAULT_EXTENSION,
    spans_key: str = DEFAULT_SPANS_KEY,
) -> Language:
    """A spaCy pipeline that extracts facts.

    With no `nlp`, a blank English pipeline with the package's tokenizer rules;
    with one (blank or trained), the ``rareearth_facts`` component is added to
    it, last, and its tokenizer is left as it is.
    """
    import spacy

    from .components import facts  # noqa: F401  (registers the factory)
    from .tokenizer import customize_tokenizer

    if nlp is None:
        nlp = customize_tokenizer(spacy.blank("en"))
    config = {"extension": extension, "spans_key": spans_key, "fx_rates": check_fx_rates(fx_rates)}
    nlp.add_pipe("rareearth_facts", config=config)
    return nlp


def _check_text(text: object) -> str:
    """`text` itself when it is a ``str``; a :class:`TypeError` saying what to do otherwise."""
    if isinstance(text, str):
        return text
    hint = (
        " (decode it first, e.g. data.decode('utf-8', errors='replace'))"
        if isinstance(text, (bytes, bytearray, memoryview))
        else ""
    )
    raise TypeError(f"expected text as str, got {type(text).__name__}{hint}")


class Extractor:
    """A reusable extractor: build once, call many times, share between threads, pickle.

    ``extractor(text)`` runs the same extraction pass as the pipeline's
    ``rareearth_facts`` component, on the text itself (no spaCy ``Doc`` is built
    for it), and gives the same facts. A text longer than :attr:`chunk_size` is
    extracted in overlapping chunks (see the module's documentation).

    >>> extractor = Extractor()
    >>> [f.text for f in extractor("The pit is up to 300 m deep.")]
    ['300 m']
    >>> extractor("   ")
    []
    """

    def __init__(self, *, fx_rates: Mapping[str, float] | None = None) -> None:
        self._fx_rates = check_fx_rates(fx_rates)
        self._nlp: Language | None = None
        self._nlp_lock = threading.Lock()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline the extractor stands for, built on first use.

        Extraction itself needs no spaCy pipeline (it reads the text directly),
        so an extractor that is only called never imports spaCy: that is most of
        the start-up time saved. Its ``max_length`` sets :attr:`chunk_size`.
        """
        if self._nlp is None:
            with self._nlp_lock:
                if self._nlp is None:
                    self._nlp = build_pipeline(fx_rates=self._fx_rates)
        return self._nlp

    def _max_length(self) -> int:
        return SPACY_MAX_LENGTH if self._nlp is None else self._nlp.max_length

    @property
    def chunk_size(self) -> int:
        """Texts longer than this many characters are extracted in chunks of this size.

        It is the pipeline's ``max_length`` (spaCy's 1,000,000 by default), at most
        :data:`MAX_CHUNK_SIZE` and at least :data:`MIN_CHUNK_SIZE`.
        """
        return max(MIN_CHUNK_SIZE, min(self._max_length(), MAX_CHUNK_SIZE))

    def __call__(self, text: str) -> list[Fact]:
        """Facts in `text`, sorted by start, with offsets into `text`.

        Raises :class:`TypeError` for anything but a ``str`` (decode ``bytes`` first).
        """
        from .engine import extract

        text = _check_text(text)
        return extract(text, fx_rates=self._fx_rates, chunk_size=self.chunk_size)

    def stream(self, pieces: Iterable[str] | str) -> Iterator[Fact]:
        """Facts of a text that arrives in pieces, yielded chunk by chunk, in order of start.

        `pieces` is any iterable of strings (an open text file gives its lines);
        offsets index the text the pieces make joined. At most one chunk (and the
        piece being read) is held at a time, so input of any length streams in
        bounded memory. The facts are those ``extractor("".join(pieces))`` gives.

        >>> lines = ["The pit is 300 m deep.\\n", "It cost $5 million.\\n"]
        >>> [(f.text, f.start) for f in Extractor().stream(lines)]
        [('300 m', 11), ('$5 million', 31)]
        """
        from .engine import iter_extract

        if isinstance(pieces, (str, bytes, bytearray, memoryview)):
            pieces = (_check_text(pieces),)
        return iter_extract(
            (_check_text(piece) for piece in pieces),
            fx_rates=self._fx_rates,
            chunk_size=self.chunk_size,
        )

    @overload
    def pipe(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        as_tuples: Literal[False] = ...,
    ) -> Iterator[list[Fact]]: ...

    @overload
    def pipe(
        self,
        texts: Iterable[tuple[str, _Context]],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        as_tuples: Literal[True],
    ) -> Iterator[tuple[list[Fact], _Context]]: ...

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, _Context]],
        *,
        batch_size: int = 64,
        n_process: int = 1,
        as_tuples: bool = False,
    ) -> Iterator[list[Fact]] | Iterator[tuple[list[Fact], _Context]]:
        """Facts for each text of `texts`, in order, read lazily and streamed.

        With ``n_process`` other than 1 (-1: one per CPU), batches of
        `batch_size` texts are extracted in that many worker processes (see
        :mod:`rareearth_extract.pool`); a few batches per worker are in flight
        at a time. The facts are the same as one call per text, and a text that
        is no ``str`` raises the same :class:`TypeError`, after the facts of the
        texts before it.

        With ``as_tuples=True``, as in spaCy's ``nlp.pipe``, `texts` holds
        ``(text, context)`` pairs and ``(facts, context)`` pairs come back: the
        context (a file name, a database key) stays in this process and
        travels with its text's facts.

        >>> rows = [("Shaft 1 is 40 m deep.", "a.txt"), ("It cost $5 million.", "b.txt")]
        >>> for facts, name in Extractor().pipe(rows, as_tuples=True):
        ...     print(name, [f.text for f in facts])
        a.txt ['40 m']
        b.txt ['$5 million']
        """
        if not as_tuples:
            return self._pipe(cast("Iterable[str]", texts), batch_size, n_process)
        contexts: deque[_Context] = deque()

        def split() -> Iterator[str]:
            for pair in cast("Iterable[tuple[str, _Context]]", texts):
                text, context = pair
                contexts.append(context)
                yield text

        return (
            (facts, contexts.popleft()) for facts in self._pipe(split(), batch_size, n_process)
        )

    def _pipe(self, texts: Iterable[str], batch_size: int, n_process: int) -> Iterator[list[Fact]]:
        checked = (_check_text(text) for text in texts)
        if n_process == 1:
            for text in checked:
                yield self(text)
            return
        from .pool import pipe_in_processes

        yield from pipe_in_processes(
            checked,
            fx_rates=self._fx_rates,
            max_length=self._max_length(),
            batch_size=batch_size,
            n_process=n_process,
        )

    def __getstate__(self) -> dict[str, Any]:
        return {"fx_rates": self._fx_rates, "max_length": self._max_length()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(fx_rates=state["fx_rates"])  # type: ignore[misc]
        if "max_length" in state:
            _set_max_length(self, state["max_length"])


def _set_max_length(extractor: Extractor, max_length: int) -> None:
    """Give `extractor` the pipeline ``max_length`` another one had (a copy of it in
    another process): the pipeline is built only when that is not spaCy's default."""
    if max_length != extractor._max_length():
        extractor.nlp.max_length = max_length


_default: Extractor | None = None
_default_lock = threading.Lock()


def _default_extractor() -> Extractor:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract_facts(text: str, *, fx_rates: Mapping[str, float] | None = None) -> list[Fact]:
    """Extract typed facts from `text`.

    Returns facts sorted by ``start``; every fact's ``start``/``end`` index `text`
    itself, so ``text[f.start:f.end] == f.text``. `fx_rates` maps ISO 4217 codes
    to US dollars per unit, used for money the text gives no dollar figure for.

    `text` must be a ``str`` (``bytes`` raise :class:`TypeError`: decode them
    first); empty or whitespace-only text gives ``[]``; text longer than
    1,000,000 characters is extracted in overlapping chunks, in bounded working
    memory (see :class:`Extractor`).

    >>> [(f.type, f.text) for f in extract_facts("It sold KZT29 billion ($55.9 million) of ore.")]
    [('money', 'KZT29 billion'), ('money', '$55.9 million')]
    >>> extract_facts("")
    []
    """
    text = _check_text(text)
    if fx_rates is None:
        return _default_extractor()(text)
    from .engine import extract

    return extract(text, fx_rates=check_fx_rates(fx_rates))
