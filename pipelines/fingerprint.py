"""MinHash signatures of article bodies, to link near-duplicate articles (no dagster, no duckdb).

A body is accent- and case-folded, split into words (runs of letters and digits) and cut into
overlapping ``SHINGLE_WORDS``-word shingles. Each of the ``SLOTS`` slots of the signature keeps the
smallest value of its own hash over the shingles; two bodies agree on a slot with probability equal
to the Jaccard similarity of their shingle sets, so the share of agreeing slots estimates it.
The hash functions are fixed: changing them would make stored signatures incomparable.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import numpy as np

SHINGLE_WORDS = 3
SLOTS = 128
BANDS = SLOTS // 2  # bands of 2 slots: only pairs that agree on a whole band are compared (in SQL)
# Linked when at least half the slots agree (estimated Jaccard similarity >= 0.5); warehouse/README.md
# (`near_duplicates`) gives the similarities measured on the seed and dev articles.
MIN_AGREEING_SLOTS = SLOTS // 2
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CHUNK = 1 << 15
_SEEDS = np.array(
    [int.from_bytes(hashlib.blake2b(f"cifras minhash slot {i}".encode(), digest_size=8).digest(), "big")
     for i in range(SLOTS)], dtype=np.uint64)


def fold(text: str) -> str:
    """Lowercase without accents: ``Exportación`` → ``exportacion``."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> list[str]:
    """The folded text's words: runs of letters and digits."""
    return _WORD.findall(fold(text))


def _mix(z: np.ndarray) -> np.ndarray:
    """The SplitMix64 finalizer: every input bit moves every output bit (uint64, wrapping)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of the text's overlapping ``size``-word shingles (one shingle when it has fewer words).

    A word's hash is its BLAKE2b digest; a shingle's chains its words' hashes through ``_mix``, so
    word order counts.
    """
    cache: dict[str, int] = {}
    ids = [cache.get(w) or cache.setdefault(w, int.from_bytes(
        hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "big")) for w in words(text)]
    hashes = np.array(ids, dtype=np.uint64)
    n = max(len(hashes) - size + 1, min(len(hashes), 1))
    shingle = _mix(hashes[:n])
    for offset in range(1, min(size, len(hashes))):
        shingle = _mix(shingle ^ hashes[offset:offset + n])
    return shingle


def minhash(text: str) -> list[int]:
    """The text's ``SLOTS``-value signature as signed 32-bit integers (DuckDB INTEGER); all -1 without words."""
    low = np.full(SLOTS, np.iinfo(np.uint32).max, dtype=np.uint64)
    hashes = shingle_hashes(text)
    for start in range(0, len(hashes), _CHUNK):
        slots = _mix(hashes[start:start + _CHUNK, None] ^ _SEEDS[None, :]) >> np.uint64(32)
        low = np.minimum(low, slots.min(axis=0))
    return low.astype(np.uint32).view(np.int32).tolist()


def agreeing_slots(a: Sequence[int], b: Sequence[int]) -> int:
    """Slots on which two signatures agree (0 to ``SLOTS``)."""
    return sum(x == y for x, y in zip(a, b, strict=True))


def band_keys(signature: Sequence[int]) -> list[int]:
    """The signature's ``BANDS`` band keys: slots 2b and 2b+1 packed into one signed 64-bit integer, the first
    (signed) in the high half. Two signatures share a band key exactly when they agree on both its slots.

    >>> band_keys([1, -1] * (SLOTS // 2))[:2] == [(1 << 32) + 0xFFFFFFFF] * 2
    True
    """
    return band_rows([""], [signature])["band_key"].tolist()


def band_rows(article_ids: Sequence[str], signatures: Sequence[Sequence[int]]) -> dict[str, np.ndarray]:
    """The ``article_bands`` columns (article_id, band, band_key) of signatures, ``BANDS`` rows each, in one
    array pass (migration 0009 packs the same keys in SQL; a test holds the two equal)."""
    values = np.asarray(signatures, dtype=np.int64).reshape(len(article_ids), BANDS, 2)
    keys = values[:, :, 0] * (1 << 32) + (values[:, :, 1] & 0xFFFFFFFF)
    return {"article_id": np.repeat(np.asarray(article_ids, dtype=object), BANDS),
            "band": np.tile(np.arange(BANDS, dtype=np.int64), len(article_ids)), "band_key": keys.reshape(-1)}


def similarity(agreeing: int) -> Decimal:
    """The share of agreeing slots, to 6 decimals (``near_duplicates.similarity``)."""
    return (Decimal(agreeing) / SLOTS).quantize(Decimal("0.000001"))
