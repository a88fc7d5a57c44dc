# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `encode_decode`: pre-tokenisation, encoding with given merges, decoding."""

import pytest

from conftest import RefEncoder, make_rng, random_text, random_unicode, ref_chunks, ref_train

pytestmark = pytest.mark.encode_decode

FIXED_TEXTS = [
    "Hello, world!  It's_ok __init__ 123 ²³ é😀 \t\n x",
    "a   b\n\n  c\t\td  ",
    "I'll say: they're here, we've gone, I'm done, he'd go, it's OK -- don't!",
    "x_1 = foo__bar(12345, 'abc') # comment\r\n",
    "Ünïcödé  ñ 東京 😀😀 🇫🇷 e\u0301\u0301 \u00a0 \u3000end",
    "",
    "   ",
    "0123456789 ١٢٣ Ⅻ ½",
]


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_pretokenize_fixed(bpe, case):
    text = FIXED_TEXTS[case]
    assert list(bpe.pretokenize(text)) == ref_chunks(text)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_pretokenize_random(bpe, case):
    rng = make_rng("pretok", case)
    text = random_text(rng, 400) if case % 2 == 0 else random_unicode(rng, 400)
    chunks = list(bpe.pretokenize(text))
    assert chunks == ref_chunks(text)
    assert "".join(chunks) == text


def test_no_merges_is_utf8_bytes(bpe, rng):
    tok = bpe.Tokenizer()
    text = random_unicode(rng, 200)
    ids = tok.encode(text)
    assert ids == list(text.encode("utf-8"))
    assert tok.decode(ids) == text
    assert tok.vocab_size == 256
    assert tok.token_bytes(65) == b"A"
    assert tok.encode("") == []
    assert tok.decode([]) == ""


def test_handmade_merges(bpe):
    # 256 = "ab", 257 = "abab", 258 = " a"
    tok = bpe.Tokenizer([(97, 98), (256, 256), (32, 97)])
    assert tok.vocab_size == 259
    assert tok.token_bytes(257) == b"abab"
    # chunks: "ababab", " abab", " a" -- merges never cross chunk boundaries, and
    # (97, 98) is applied before (32, 97), so " abab" becomes [32, 257]
    assert tok.encode("ababab abab a") == [257, 256, 32, 257, 258]
    # overlapping occurrences merge left to right: "aaa" with (97, 97) -> [256, 97]
    tok2 = bpe.Tokenizer([(97, 97)])
    assert tok2.encode("aaa") == [256, 97]
    assert tok2.encode("aaaa") == [256, 256]


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_encode_matches_reference(bpe, case):
    """Merges come from the reference trainer; the agent's encoder must apply them exactly."""
    rng = make_rng("encode", case)
    train_text = random_text(rng, 700 + 150 * case)
    merges, _ = ref_train(train_text, 256 + 60 + 25 * case)
    tok = bpe.Tokenizer(merges)
    ref = RefEncoder(merges)
    probe = random_text(make_rng("encode-probe", case), 500) + random_unicode(rng, 60)
    for text in (train_text, probe):
        assert tok.encode(text) == ref.encode_ordinary(text)
        assert tok.encode_ordinary(text) == ref.encode_ordinary(text)
    assert tok.vocab_size == 256 + len(merges)
    for i in range(256, 256 + len(merges)):
        assert tok.token_bytes(i) == ref.vocab[i]


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4])
def test_roundtrip_random_unicode(bpe, case):
    rng = make_rng("roundtrip", case)
    merges, _ = ref_train(random_unicode(rng, 1500) + random_text(rng, 300), 256 + 150)
    tok = bpe.Tokenizer(merges)
    for _ in range(5):
        text = random_unicode(rng, rng.randint(1, 600))
        ids = tok.encode(text)
        assert all(isinstance(i, int) for i in ids)
        assert tok.decode(ids) == text
        assert tok.decode_bytes(ids) == text.encode("utf-8")


def test_decode_partial_utf8(bpe, rng):
    tok = bpe.Tokenizer()
    text = "é€😀" + random_unicode(rng, 30)
    ids = tok.encode(text)
    # cut the id list inside multi-byte characters: bytes are exact, text uses U+FFFD
    for cut in range(len(ids) + 1):
        part = ids[:cut]
        raw = bytes(part)
        assert tok.decode_bytes(part) == raw
        assert tok.decode(part) == raw.decode("utf-8", errors="replace")
    for bad in ([0xE2], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xFF], [0x80, 0x41], [0xC3, 0x28], [0xED, 0xA0, 0x80]):
        assert tok.decode(bad) == bytes(bad).decode("utf-8", errors="replace")


def test_decode_merged_partial_utf8(bpe):
    # a merged token may hold an incomplete character: 256 = b"\xf0\x9f"
    tok = bpe.Tokenizer([(0xF0, 0x9F)])
    assert tok.token_bytes(256) == b"\xf0\x9f"
    assert tok.decode([256]) == b"\xf0\x9f".decode("utf-8", errors="replace")
    assert tok.decode([256, 0x98, 0x80]) == "😀"
    assert tok.encode("😀😀") == [256, 0x98, 0x80, 256, 0x98, 0x80]


def test_decode_unknown_id_raises(bpe):
    tok = bpe.Tokenizer([(97, 98)])
    assert tok.decode([256]) == "ab"
    for bad in ([257], [-1], [0, 10**6]):
        with pytest.raises(ValueError):
            tok.decode(bad)
        with pytest.raises(ValueError):
            tok.decode_bytes(bad)
    with pytest.raises(ValueError):
        tok.token_bytes(257)


def test_invalid_merges_rejected(bpe):
    with pytest.raises(ValueError):
        bpe.Tokenizer([(97, 256)])  # refers to its own id
    with pytest.raises(ValueError):
        bpe.Tokenizer([(97, 98), (300, 97)])  # refers to an id that does not exist yet
    with pytest.raises(ValueError):
        bpe.Tokenizer([(-1, 97)])
