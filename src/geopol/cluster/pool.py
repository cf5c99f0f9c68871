"""Coding processes on one machine: the coder behind ``geopol ingest --workers N``.

N processes are started with ``spawn`` (a fresh interpreter: no forked DuckDB handle or model
state) and each builds its Analyzer on its first batch (:func:`geopol.cluster.worker.analyzer_for`).
The calling process stays the only reader and writer: it submits batches and takes the results
back in submission order, with at most ``2 N`` batches in flight, so memory stays bounded
however long the input is. As with any ``spawn`` pool, a script that calls
``ingest(..., workers=N)`` must do so under ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from geopol.cluster.worker import code_batch
from geopol.config import Settings
from geopol.errors import CodingError
from geopol.model import Article
from geopol.store.shards import Coded


class ProcessCoder:
    """Codes batches in ``workers`` processes; results come back in the order they were submitted."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.window = 2 * workers
        spawn = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=spawn)

    def submit(self, articles: list[Article]) -> Callable[[], list[Coded]]:
        if not articles:
            return list
        future = self.executor.submit(code_batch, self.settings, articles)
        return lambda: _result(future)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[Coded]]) -> list[Coded]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise CodingError(
            "a coding process died (out of memory, or killed) or could not start (a script calling "
            "ingest(workers=N) must do so under `if __name__ == '__main__':`); the batches written so far "
            "are kept: run the same command again to resume, with fewer --workers if memory is short"
        ) from None
