# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Shared fixtures and the independent reference for the hidden `bpe-tokenizer` suite.

The reference below is written from the algorithm in the instruction, with plain
quadratic loops: it recounts every adjacent pair from scratch before each merge and
encodes by applying the merges one after another.  The agent's package is imported
inside fixtures only, so a missing package fails every test while collection works.
"""

import os
import random
import re
import signal
import time
import zlib

import pytest

SEED = int(os.environ.get("AGENTBENCH_SEED", "1234"))

MILESTONES = {
    "encode_decode": "pre-tokenisation, encoding with given merges, decoding and round trips",
    "training": "training merges identical to the reference algorithm",
    "persistence_special": "JSON save/load, special tokens and the command line",
    "performance": "training and encoding a ~1 MB corpus within the time bound",
}

DEFAULT_TIME_LIMIT = 60
PERFORMANCE_TIME_LIMIT = 150

PATTERN = r"""'(?:[sdmt]|ll|ve|re)| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+"""


SUITE_BUDGET = 780  # seconds for the whole suite (the verifier allows 900)
_SUITE_START = time.monotonic()


def pytest_configure(config):
    for name, text in MILESTONES.items():
        config.addinivalue_line("markers", f"{name}: {text}")


class _TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit(request):
    """Fail (instead of hanging the whole run) when one test takes too long.

    Besides each test's own limit, the whole suite shares a budget so that a very slow
    implementation cannot run past the verifier's timeout: once it is used up, the
    remaining tests fail at once.
    """
    limit = PERFORMANCE_TIME_LIMIT if request.node.get_closest_marker("performance") else DEFAULT_TIME_LIMIT
    remaining = SUITE_BUDGET - (time.monotonic() - _SUITE_START)
    if remaining < 2:
        pytest.fail(f"the suite's overall time budget of {SUITE_BUDGET} s is used up")
    limit = min(limit, remaining)

    def on_alarm(signum, frame):
        raise _TimeLimit(f"test exceeded its time limit of {limit:.0f} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def bpe():
    import bpe

    return bpe


@pytest.fixture
def rng(request):
    """A random.Random seeded by AGENTBENCH_SEED and the test's id."""
    return random.Random(SEED * 1000003 + zlib.crc32(request.node.nodeid.encode()))


def make_rng(*parts):
    return random.Random(f"{SEED}:" + ":".join(str(p) for p in parts))


# ---------------------------------------------------------------------------
# independent reference
# ---------------------------------------------------------------------------


def ref_chunks(text):
    return re.findall(PATTERN, text)


def ref_train(text, vocab_size, special_tokens=()):
    """Slow, obviously-correct BPE training; returns (merges, special_token_ids)."""
    special_tokens = list(special_tokens)
    counts = {}
    for chunk in ref_chunks(text):
        counts[chunk] = counts.get(chunk, 0) + 1
    words = [[list(chunk.encode("utf-8")), c] for chunk, c in counts.items()]
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    target = vocab_size - 256 - len(special_tokens)
    while len(merges) < target:
        pair_counts = {}
        for ids, c in words:
            for i in range(len(ids) - 1):
                pair = (ids[i], ids[i + 1])
                pair_counts[pair] = pair_counts.get(pair, 0) + c
        best = None
        best_key = None
        for (a, b), c in pair_counts.items():
            key = (-c, vocab[a], vocab[b], a, b)
            if best_key is None or key < best_key:
                best_key = key
                best = (a, b)
        if best is None or -best_key[0] < 2:
            break
        new_id = 256 + len(merges)
        merges.append(best)
        vocab[new_id] = vocab[best[0]] + vocab[best[1]]
        for entry in words:
            entry[0] = ref_apply_merge(entry[0], best, new_id)
    base = 256 + len(merges)
    return merges, {s: base + i for i, s in enumerate(special_tokens)}


def ref_apply_merge(ids, pair, new_id):
    out = []
    i = 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


class RefEncoder:
    """Applies the merges in order to every chunk (with a per-chunk cache)."""

    def __init__(self, merges, special_tokens=None):
        self.merges = [tuple(m) for m in merges]
        self.special_tokens = dict(special_tokens or {})
        self.vocab = {i: bytes([i]) for i in range(256)}
        for i, (a, b) in enumerate(self.merges):
            self.vocab[256 + i] = self.vocab[a] + self.vocab[b]
        for s, i in self.special_tokens.items():
            self.vocab[i] = s.encode("utf-8")
        self.cache = {}

    def encode_chunk(self, chunk):
        if chunk not in self.cache:
            ids = list(chunk.encode("utf-8"))
            for i, pair in enumerate(self.merges):
                if len(ids) < 2:
                    break
                ids = ref_apply_merge(ids, pair, 256 + i)
            self.cache[chunk] = ids
        return self.cache[chunk]

    def encode_ordinary(self, text):
        out = []
        for chunk in ref_chunks(text):
            out.extend(self.encode_chunk(chunk))
        return out

    def encode(self, text):
        out = []
        segment_start = 0
        pos = 0
        while pos < len(text):
            found = None
            for s in self.special_tokens:
                if text.startswith(s, pos) and (found is None or len(s) > len(found)):
                    found = s
            if found is None:
                pos += 1
                continue
            out.extend(self.encode_ordinary(text[segment_start:pos]))
            out.append(self.special_tokens[found])
            pos += len(found)
            segment_start = pos
        out.extend(self.encode_ordinary(text[segment_start:]))
        return out

    def decode_bytes(self, ids):
        return b"".join(self.vocab[i] for i in ids)


# ---------------------------------------------------------------------------
# random text
# ---------------------------------------------------------------------------

SYLLABLES = ["th", "e", "an", "in", "er", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "of",
             "ed", "is", "it", "al", "ar", "st", "to", "nt", "ng", "se", "ha", "as", "ou", "io", "le",
             "ve", "co", "me", "de", "hi", "ri", "ro", "ic", "ne", "ea", "ra", "ce", "li", "ch", "ll",
             "be", "ma", "si", "om", "ur", "ca", "el", "ta", "la", "ns", "di", "fo", "ho", "pe", "ec",
             "x", "q", "z", "k", "w", "y", "j", "u", "o", "a", "i", "b"]
UNICODE_WORDS = ["café", "naïve", "straße", "Übermaß", "мир", "дом", "привет", "日本語", "中文",
                 "東京", "한국어", "ελληνικά", "عربى", "e\u0301", "😀", "🚀🚀", "👍🏽", "🇫🇷",
                 "½", "²³", "Ⅻ", "٣٤", "\u00a0", "—", "“quoted”", "…"]
PUNCT = [",", ".", "!", "?", "...", ";", ":", "(", ")", "-", "--", "\"", "'", "#", "@", "$", "%",
         "&", "*", "+", "=", "/", "<", ">", "[", "]", "{", "}", "__", "_", "|", "~", "`", "^"]
CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL"]
SPACES = [" "] * 30 + ["  ", "   ", "\n", "\n\n", "\t", " \n", "\r\n", " \t ", "\u3000"]


def random_word(rng, max_syllables=3):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, max_syllables)))


def random_text(rng, n_pieces):
    """Text with English-like words, numbers, punctuation, contractions, odd whitespace and unicode."""
    lexicon = [random_word(rng) for _ in range(max(8, n_pieces // 12))]
    parts = []
    for _ in range(n_pieces):
        r = rng.random()
        if r < 0.62:
            w = rng.choice(lexicon)
            if rng.random() < 0.1:
                w = w.capitalize()
            elif rng.random() < 0.03:
                w = w.upper()
            parts.append(w)
            if rng.random() < 0.06:
                parts.append(rng.choice(CONTRACTIONS))
        elif r < 0.72:
            parts.append(str(rng.choice([rng.randint(0, 99), rng.randint(0, 99999), 1990 + rng.randint(0, 40)])))
        elif r < 0.86:
            parts.append(rng.choice(PUNCT))
        elif r < 0.95:
            parts.append(rng.choice(UNICODE_WORDS))
        else:
            parts.append(rng.choice(lexicon) + "_" + rng.choice(lexicon))
        parts.append(rng.choice(SPACES) if rng.random() < 0.85 else "")
    return "".join(parts)


def random_unicode(rng, n):
    """Arbitrary code points (no surrogates), weighted towards the interesting ranges."""
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:
            cp = rng.randint(0x20, 0x7E)
        elif r < 0.4:
            cp = rng.choice([0x0, 0x9, 0xA, 0xD, 0x1B, 0x7F, 0x85, 0xA0, 0xAD, 0x2028, 0xFEFF, 0xFFFD, 0xFFFF])
        elif r < 0.55:
            cp = rng.randint(0x80, 0x7FF)
        elif r < 0.7:
            cp = rng.choice([rng.randint(0x800, 0xD7FF), rng.randint(0xE000, 0xFFFF)])
        elif r < 0.85:
            cp = rng.randint(0x1F300, 0x1FAFF)
        else:
            cp = rng.randint(0x10000, 0x10FFFF)
        out.append(chr(cp))
        if rng.random() < 0.2:
            out.append(rng.choice([" ", "  ", "\n", "'s", "_", "1"]))
    return "".join(out)


def big_corpus(seed_tag, size=1_000_000):
    """About `size` characters of text drawn from a Zipf-distributed lexicon of many distinct words."""
    rng = make_rng("big-corpus", seed_tag)
    lexicon = list(dict.fromkeys(random_word(rng, 4) for _ in range(40000)))
    weights = [1.0 / (k + 10) for k in range(len(lexicon))]
    extras = [rng.choice(UNICODE_WORDS) for _ in range(200)]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    words = rng.choices(lexicon, cum_weights=cum, k=size // 5)
    parts = []
    length = 0
    for w in words:
        r = rng.random()
        if r < 0.08:
            w = w.capitalize()
        elif r < 0.1:
            w = str(rng.randint(0, 9999))
        elif r < 0.11:
            w = rng.choice(extras)
        parts.append(w)
        r = rng.random()
        if r < 0.07:
            parts.append(rng.choice([",", ".", "!", "?", ";", ":", "'s", "'ll"]))
        parts.append("\n" if rng.random() < 0.02 else " ")
        length += len(w) + 1
        if length >= size:
            break
    return "".join(parts)
