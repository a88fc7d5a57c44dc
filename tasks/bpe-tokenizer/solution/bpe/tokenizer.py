"""The Tokenizer: encode/decode with a list of merges and special tokens."""

import json
import re

from .pretokenize import pretokenize


class Tokenizer:
    def __init__(self, merges=(), special_tokens=None):
        merges = [tuple(m) for m in merges]
        vocab = [bytes([i]) for i in range(256)]
        ranks = {}
        for i, m in enumerate(merges):
            if len(m) != 2:
                raise ValueError(f"merge {i} is not a pair")
            a, b = m
            if not (isinstance(a, int) and isinstance(b, int)) or isinstance(a, bool) or isinstance(b, bool):
                raise ValueError(f"merge {i} must hold two ints")
            new_id = 256 + i
            if not (0 <= a < new_id and 0 <= b < new_id):
                raise ValueError(f"merge {i} refers to an unknown token")
            if (a, b) in ranks:
                raise ValueError(f"merge {i} repeats an earlier merge")
            ranks[(a, b)] = new_id
            vocab.append(vocab[a] + vocab[b])
        base = len(vocab)
        specials = dict(special_tokens or {})
        used = set()
        for tok, tid in specials.items():
            if not isinstance(tok, str) or not tok:
                raise ValueError("special tokens must be non-empty strings")
            if not isinstance(tid, int) or isinstance(tid, bool) or tid < base or tid in used:
                raise ValueError(f"bad id for special token {tok!r}")
            used.add(tid)
        self.merges = merges
        self.special_tokens = specials
        self._ranks = ranks
        self._vocab = {i: v for i, v in enumerate(vocab)}
        for tok, tid in specials.items():
            self._vocab[tid] = tok.encode("utf-8")
        self._cache = {}
        if specials:
            alts = sorted(specials, key=lambda s: (-len(s), s))
            self._special_re = re.compile("|".join(re.escape(s) for s in alts))
        else:
            self._special_re = None

    # ------------------------------------------------------------------
    @property
    def vocab_size(self):
        return 256 + len(self.merges) + len(self.special_tokens)

    def token_bytes(self, token_id):
        try:
            return self._vocab[token_id]
        except (KeyError, TypeError):
            raise ValueError(f"unknown token id {token_id!r}") from None

    # ------------------------------------------------------------------
    def _encode_chunk(self, chunk):
        cached = self._cache.get(chunk)
        if cached is not None:
            return cached
        ids = list(chunk.encode("utf-8"))
        ranks = self._ranks
        while len(ids) >= 2:
            best = None
            best_rank = None
            for pair in zip(ids, ids[1:]):
                r = ranks.get(pair)
                if r is not None and (best_rank is None or r < best_rank):
                    best_rank = r
                    best = pair
            if best is None:
                break
            a, b = best
            out = []
            i = 0
            n = len(ids)
            while i < n:
                if i + 1 < n and ids[i] == a and ids[i + 1] == b:
                    out.append(best_rank)
                    i += 2
                else:
                    out.append(ids[i])
                    i += 1
            ids = out
        result = tuple(ids)
        if len(self._cache) < 200000:
            self._cache[chunk] = result
        return result

    def encode_ordinary(self, text):
        out = []
        enc = self._encode_chunk
        for chunk in pretokenize(text):
            out.extend(enc(chunk))
        return out

    def encode(self, text):
        if self._special_re is None:
            return self.encode_ordinary(text)
        out = []
        pos = 0
        for m in self._special_re.finditer(text):
            if m.start() > pos:
                out.extend(self.encode_ordinary(text[pos:m.start()]))
            out.append(self.special_tokens[m.group(0)])
            pos = m.end()
        if pos < len(text):
            out.extend(self.encode_ordinary(text[pos:]))
        return out

    def decode_bytes(self, ids):
        vocab = self._vocab
        parts = []
        for i in ids:
            try:
                parts.append(vocab[i])
            except (KeyError, TypeError):
                raise ValueError(f"unknown token id {i!r}") from None
        return b"".join(parts)

    def decode(self, ids):
        return self.decode_bytes(ids).decode("utf-8", errors="replace")

    # ------------------------------------------------------------------
    def to_dict(self):
        return {
            "version": 1,
            "merges": [[a, b] for a, b in self.merges],
            "special_tokens": dict(self.special_tokens),
        }

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, ensure_ascii=False)

    @classmethod
    def load(cls, path):
        with open(path, "r", encoding="utf-8") as f:
            data = json.load(f)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("not a version 1 tokenizer file")
        merges = data.get("merges")
        specials = data.get("special_tokens", {})
        if not isinstance(merges, list) or not isinstance(specials, dict):
            raise ValueError("malformed tokenizer file")
        for m in merges:
            if not isinstance(m, list) or len(m) != 2:
                raise ValueError("malformed merge")
        return cls([tuple(m) for m in merges], specials)
