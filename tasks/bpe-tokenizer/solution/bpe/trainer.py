"""BPE training with incremental pair counts and a lazy max-heap."""

import heapq
from collections import Counter, defaultdict

from .pretokenize import pretokenize
from .tokenizer import Tokenizer


def train(text, vocab_size, special_tokens=None):
    specials = list(special_tokens or [])
    if len(set(specials)) != len(specials):
        raise ValueError("duplicate special tokens")
    for s in specials:
        if not isinstance(s, str) or not s:
            raise ValueError("special tokens must be non-empty strings")
    if not isinstance(vocab_size, int) or vocab_size < 256 + len(specials):
        raise ValueError("vocab_size too small")
    num_merges = vocab_size - 256 - len(specials)

    word_counts = Counter(pretokenize(text))
    words = []
    freqs = []
    for w, c in word_counts.items():
        b = w.encode("utf-8")
        if len(b) >= 2:
            words.append(list(b))
            freqs.append(c)

    vocab = [bytes([i]) for i in range(256)]
    pair_counts = defaultdict(int)
    where = defaultdict(set)
    for wi, (w, f) in enumerate(zip(words, freqs)):
        for pair in zip(w, w[1:]):
            pair_counts[pair] += f
            where[pair].add(wi)

    heap = [(-c, vocab[a], vocab[b], a, b) for (a, b), c in pair_counts.items()]
    heapq.heapify(heap)

    merges = []
    while len(merges) < num_merges and heap:
        negc, _, _, a, b = heapq.heappop(heap)
        cur = pair_counts.get((a, b), 0)
        if cur != -negc:
            continue  # stale entry
        if cur < 2:
            break
        new_id = 256 + len(merges)
        merges.append((a, b))
        vocab.append(vocab[a] + vocab[b])
        delta = defaultdict(int)
        for wi in where.pop((a, b), ()):
            w = words[wi]
            f = freqs[wi]
            for p in zip(w, w[1:]):
                delta[p] -= f
            out = []
            i = 0
            n = len(w)
            while i < n:
                if i + 1 < n and w[i] == a and w[i + 1] == b:
                    out.append(new_id)
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            words[wi] = out
            for p in zip(out, out[1:]):
                delta[p] += f
                if new_id in p:
                    where[p].add(wi)
        pair_counts.pop((a, b), None)
        for p, d in delta.items():
            if d == 0 or p == (a, b):
                continue
            c = pair_counts.get(p, 0) + d
            if c <= 0:
                pair_counts.pop(p, None)
                where.pop(p, None)
            else:
                pair_counts[p] = c
                heapq.heappush(heap, (-c, vocab[p[0]], vocab[p[1]], p[0], p[1]))

    base = 256 + len(merges)
    return Tokenizer(merges, {s: base + i for i, s in enumerate(specials)})
