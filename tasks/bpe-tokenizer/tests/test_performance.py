# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `performance`: training and encoding a ~1 MB corpus within the time bounds.

The bounds are CPU seconds.  The reference trainer (incremental pair counts and a lazy
heap) needs about 0.9 CPU s here, an incremental trainer that scans all pair counts for the
maximum about 4 s; recounting every pair before each merge takes minutes.  The reference
encoder needs about 0.2 CPU s; applying all 1744 merges one after another to every distinct
chunk takes about a minute."""

import os

import pytest

from conftest import SEED, RefEncoder, big_corpus, make_rng, ref_chunks, ref_train

pytestmark = pytest.mark.performance

TRAIN_BOUND = 5.0     # CPU seconds for train(corpus, 2000)
ENCODE_BOUND = 3.0    # CPU seconds for encode(corpus) with 1744 merges
VOCAB = 2000

_CACHE = {}


def cpu_time():
    """CPU seconds of this process and its reaped children (robust to other load on the machine)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def corpus():
    if "corpus" not in _CACHE:
        _CACHE["corpus"] = big_corpus(SEED)
    return _CACHE["corpus"]


def trained(bpe):
    if "error" in _CACHE:
        pytest.fail(f"training the large corpus failed earlier: {_CACHE['error']}")
    if "tok" not in _CACHE:
        text = corpus()
        start = cpu_time()
        try:
            tok = bpe.train(text, VOCAB)
        except Exception as exc:
            _CACHE["error"] = f"{type(exc).__name__}: {exc}"
            raise
        _CACHE["train_time"] = cpu_time() - start
        _CACHE["tok"] = tok
    return _CACHE["tok"]


def prefix_merges(text, count):
    """A valid merge list built in the test: the byte prefixes of the most frequent chunks."""
    freq = {}
    for c in ref_chunks(text):
        freq[c] = freq.get(c, 0) + 1
    token_of = {bytes([i]): i for i in range(256)}
    merges = []
    for chunk in sorted(freq, key=lambda c: (-freq[c], c)):
        b = chunk.encode("utf-8")
        for k in range(2, len(b) + 1):
            if b[:k] not in token_of:
                merges.append((token_of[b[:k - 1]], b[k - 1]))
                token_of[b[:k]] = 255 + len(merges)
                if len(merges) == count:
                    return merges
    return merges


def test_train_time(bpe):
    assert len(corpus()) >= 1_000_000
    trained(bpe)
    elapsed = _CACHE["train_time"]
    assert elapsed <= TRAIN_BOUND, f"train took {elapsed:.1f} CPU s (bound {TRAIN_BOUND} s)"


def test_train_large_result(bpe):
    tok = trained(bpe)
    merges = [tuple(m) for m in tok.merges]
    assert len(merges) == VOCAB - 256
    assert tok.vocab_size == VOCAB
    assert len(set(merges)) == len(merges)
    for i, (a, b) in enumerate(merges):
        assert 0 <= a < 256 + i and 0 <= b < 256 + i
    ref, _ = ref_train(corpus(), 256 + 10)
    assert merges[:10] == ref


def test_train_large_roundtrip(bpe):
    tok = trained(bpe)
    text = corpus()
    rng = make_rng("perf-roundtrip")
    start = rng.randint(0, len(text) - 20000)
    piece = text[start:start + 20000]
    ids = tok.encode(piece)
    assert tok.decode(ids) == piece
    assert len(ids) < len(piece.encode("utf-8")) / 2.5  # the merges actually compress
    enc = RefEncoder([tuple(m) for m in tok.merges])
    sample = piece[:1500]
    assert tok.encode(sample) == enc.encode_ordinary(sample)


def test_encode_time(bpe):
    text = corpus()
    merges = prefix_merges(text, VOCAB - 256)
    assert len(merges) == VOCAB - 256
    tok = bpe.Tokenizer(merges)
    start = cpu_time()
    ids = tok.encode(text)
    elapsed = cpu_time() - start
    assert elapsed <= ENCODE_BOUND, f"encode took {elapsed:.1f} CPU s (bound {ENCODE_BOUND} s)"
    start = cpu_time()
    back = tok.decode(ids)
    elapsed = cpu_time() - start
    assert back == text
    assert elapsed <= ENCODE_BOUND, f"decode took {elapsed:.1f} CPU s (bound {ENCODE_BOUND} s)"
    rng = make_rng("perf-encode")
    enc = RefEncoder(merges)
    starts = [rng.randint(0, len(text) - 400) for _ in range(3)]
    for s in starts:
        sample = text[s:s + 400]
        assert tok.encode(sample) == enc.encode_ordinary(sample)


def test_encode_trained_time(bpe):
    tok = trained(bpe)
    text = corpus()
    start = cpu_time()
    ids = tok.encode(text)
    elapsed = cpu_time() - start
    assert elapsed <= ENCODE_BOUND, f"encode took {elapsed:.1f} CPU s (bound {ENCODE_BOUND} s)"
    assert tok.decode(ids) == text
