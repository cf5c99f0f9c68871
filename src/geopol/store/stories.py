"""Near-duplicate detection: MinHash signatures and the index that groups articles into stories.

Wire copy republished with small edits is found with MinHash LSH over word 5-shingles
(Jaccard threshold 0.7, 128 permutations). Signatures are computed where the article is coded
(a worker process or a cluster node) and travel as 1 KiB blobs; only the index lives in the
writing process. Limit: the index holds every stored article's bands in memory (about 1.5 KiB
per article, see docs/scale.md).
"""

from __future__ import annotations

import hashlib
import re

import duckdb
import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
THRESHOLD = 0.7
SHINGLE = 5
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def minhash(text: str) -> MinHash:
    """The MinHash of the lower-cased word 5-shingles of ``text``."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    # one vectorised update gives the same hash values as updating shingle by shingle, 6x faster
    m.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return m


def to_blob(m: MinHash) -> bytes:
    return bytes(m.hashvalues.astype("<u8").tobytes())


def from_blob(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME,
                   hashvalues=np.frombuffer(blob, dtype="<u8").astype("uint64"))


def signature(text: str) -> bytes:
    """The MinHash of ``text`` as the blob stored in the ``signatures`` table."""
    return to_blob(minhash(text))


class Stories:
    """The near-duplicate index: article -> story, and the stories of articles similar to a signature.

    It answers as datasketch's ``MinHashLSH`` does (the signature cut into ``b`` bands of ``r``
    values, 14 x 9 for threshold 0.7 and 128 permutations; similar = equal in some band), but
    keeps each band as an 8-byte digest mapped to article numbers: about 1.5 KiB per article
    instead of 5 KiB, which is what the writer's memory grows by (docs/scale.md).
    """

    def __init__(self) -> None:
        self.ranges = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges  # datasketch's (b, r)
        self.bands: list[dict[int, int | list[int]]] = [{} for _ in self.ranges]
        self.ids: list[str] = []
        self.stories: list[str] = []
        self.number: dict[str, int] = {}

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Stories:
        """The index of every article stored in ``con``, in article-id order."""
        stories = cls()
        for article_id, story, blob in con.execute(
            "SELECT s.article_id, a.story, s.minhash FROM signatures s "
            "JOIN articles a ON a.id = s.article_id ORDER BY s.article_id"
        ).fetchall():
            stories.add(article_id, story, from_blob(blob))
        return stories

    def _keys(self, m: MinHash) -> list[int]:
        values = m.hashvalues
        return [int.from_bytes(hashlib.blake2b(values[start:end].tobytes(), digest_size=8).digest(), "little")
                for start, end in self.ranges]

    def add(self, article_id: str, story: str, m: MinHash) -> None:
        if article_id in self.number:
            return
        n = len(self.ids)
        self.ids.append(article_id)
        self.stories.append(story)
        self.number[article_id] = n
        for band, key in zip(self.bands, self._keys(m), strict=True):
            found = band.get(key)
            if found is None:
                band[key] = n
            elif isinstance(found, int):
                band[key] = [found, n]
            else:
                found.append(n)

    def find(self, m: MinHash) -> str | None:
        """The story of the lowest-id indexed article similar to ``m``, if any."""
        candidates: set[int] = set()
        for band, key in zip(self.bands, self._keys(m), strict=True):
            found = band.get(key)
            if isinstance(found, int):
                candidates.add(found)
            elif found is not None:
                candidates.update(found)
        if not candidates:
            return None
        return self.stories[min(candidates, key=self.ids.__getitem__)]
