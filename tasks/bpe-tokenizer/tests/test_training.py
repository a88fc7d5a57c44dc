# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `training`: the merges must equal those of the reference algorithm."""

import pytest

from conftest import RefEncoder, make_rng, random_text, random_unicode, ref_train

pytestmark = pytest.mark.training


def merges_of(tok):
    return [tuple(m) for m in tok.merges]


def test_tie_break_by_bytes_not_ids(bpe):
    # after " x" (256) is merged, (256, "y") ties with ("a", "b"): b" x" < b"a", although 97 < 256
    tok = bpe.train("abc abc xy xy", 300)
    assert merges_of(tok) == [(32, 120), (256, 121), (97, 98), (258, 99)]
    assert tok.vocab_size == 260  # stopped early: no pair occurs twice any more
    assert tok.encode("abc xy") == [259, 257]


def test_overlapping_pairs_counted(bpe):
    # "aaaa" holds 3 overlapping (a, a) pairs; the chunk " aaaa" is a different chunk
    text = "aaaa aaaa bcbc"
    tok = bpe.train(text, 270)
    assert merges_of(tok) == ref_train(text, 270)[0]
    assert merges_of(tok)[0] == (97, 97)


def test_exact_vocab_size(bpe, rng):
    text = random_text(rng, 800)
    tok = bpe.train(text, 300)
    assert len(tok.merges) == 44
    assert tok.vocab_size == 300
    assert merges_of(tok) == ref_train(text, 300)[0]


def test_vocab_size_256_means_no_merges(bpe, rng):
    tok = bpe.train(random_text(rng, 100), 256)
    assert list(tok.merges) == []
    text = random_text(rng, 50)
    assert tok.encode(text) == list(text.encode("utf-8"))


def test_vocab_size_too_small(bpe):
    with pytest.raises(ValueError):
        bpe.train("hello hello", 255)
    with pytest.raises(ValueError):
        bpe.train("hello hello", 257, ["<a>", "<b>"])


def test_stops_when_no_pair_repeats(bpe, rng):
    text = random_text(rng, 60)
    ref, _ = ref_train(text, 5000)
    tok = bpe.train(text, 5000)
    assert merges_of(tok) == ref
    assert tok.vocab_size == 256 + len(ref) < 5000


def test_empty_and_tiny_texts(bpe):
    assert list(bpe.train("", 400).merges) == []
    assert list(bpe.train("a", 400).merges) == []
    assert merges_of(bpe.train("hi hi", 400)) == [(104, 105)]


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5, 6, 7])
def test_merges_match_reference(bpe, case):
    rng = make_rng("train", case)
    text = random_text(rng, 1200 + 300 * case)
    if case % 3 == 2:
        text += random_unicode(rng, 300)
    vocab_size = 256 + 80 + 40 * case
    ref, _ = ref_train(text, vocab_size)
    tok = bpe.train(text, vocab_size)
    assert merges_of(tok) == ref
    assert tok.vocab_size == 256 + len(ref)


@pytest.mark.parametrize("case", [0, 1])
def test_medium_corpus_matches_reference(bpe, case):
    rng = make_rng("train-medium", case)
    text = random_text(rng, 6000)
    ref, _ = ref_train(text, 256 + 300)
    tok = bpe.train(text, 256 + 300)
    assert merges_of(tok) == ref


@pytest.mark.parametrize("case", [0, 1, 2])
def test_trained_encoding_matches_reference(bpe, case):
    rng = make_rng("train-encode", case)
    text = random_text(rng, 1500)
    vocab_size = 256 + 200
    ref, _ = ref_train(text, vocab_size)
    tok = bpe.train(text, vocab_size)
    enc = RefEncoder(ref)
    probe = random_text(make_rng("train-encode-probe", case), 600)
    for t in (text, probe):
        ids = tok.encode(t)
        assert ids == enc.encode_ordinary(t)
        assert tok.decode(ids) == t
    # training twice gives the same result
    assert merges_of(bpe.train(text, vocab_size)) == ref
