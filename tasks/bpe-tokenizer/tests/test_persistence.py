# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `persistence_special`: the JSON file format, special tokens and the CLI."""

import json
import os
import subprocess
import sys
import tempfile

import pytest

from conftest import RefEncoder, make_rng, random_text, random_unicode, ref_train

pytestmark = pytest.mark.persistence_special

SPECIALS = ["<|endoftext|>", "<|pad|>", "<|fin😀|>"]


def merges_of(tok):
    return [tuple(m) for m in tok.merges]


def sprinkle(rng, text, specials, n):
    """Insert special tokens at random character positions."""
    chars = list(text)
    for _ in range(n):
        chars.insert(rng.randint(0, len(chars)), rng.choice(specials))
    return "".join(chars)


def run_cli(args, stdin=b"", timeout=120):
    proc = subprocess.run(
        [sys.executable, "-m", "bpe", *args],
        input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=os.getcwd(), timeout=timeout, start_new_session=True,
    )
    return proc


@pytest.fixture
def tmpdir_path():
    with tempfile.TemporaryDirectory() as d:
        yield d


def test_save_format(bpe, rng, tmpdir_path):
    text = random_text(rng, 1000)
    ref, ref_special = ref_train(text, 256 + 120, SPECIALS)
    tok = bpe.train(text, 256 + 120, SPECIALS)
    path = os.path.join(tmpdir_path, "tok.json")
    tok.save(path)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    assert set(data) == {"version", "merges", "special_tokens"}
    assert data["version"] == 1
    assert data["merges"] == [list(m) for m in ref]
    assert data["special_tokens"] == ref_special


def test_special_ids_follow_merges(bpe, rng):
    text = random_text(rng, 900)
    ref, ref_special = ref_train(text, 256 + 100, SPECIALS)
    tok = bpe.train(text, 256 + 100, SPECIALS)
    assert merges_of(tok) == ref
    assert len(ref) == 100 - len(SPECIALS)
    assert dict(tok.special_tokens) == ref_special
    assert tok.vocab_size == 256 + 100
    assert ref_special["<|endoftext|>"] == 256 + len(ref)
    assert tok.token_bytes(ref_special["<|fin😀|>"]) == "<|fin😀|>".encode("utf-8")


def test_specials_in_training_text_are_plain_text(bpe, rng):
    base = random_text(rng, 700)
    text = sprinkle(rng, base, SPECIALS[:2], 40)
    ref, ref_special = ref_train(text, 256 + 150, SPECIALS[:2])
    tok = bpe.train(text, 256 + 150, SPECIALS[:2])
    assert merges_of(tok) == ref
    assert dict(tok.special_tokens) == ref_special


@pytest.mark.parametrize("case", [0, 1, 2])
def test_encode_with_specials(bpe, case):
    rng = make_rng("specials", case)
    text = random_text(rng, 900)
    ref, ref_special = ref_train(text, 256 + 130, SPECIALS)
    tok = bpe.train(text, 256 + 130, SPECIALS)
    enc = RefEncoder(ref, ref_special)
    probe = sprinkle(rng, random_text(rng, 300) + random_unicode(rng, 40), SPECIALS, 12)
    probe += SPECIALS[0] + SPECIALS[0] + "<|endoftext|"  # adjacent specials and an incomplete one
    ids = tok.encode(probe)
    assert ids == enc.encode(probe)
    assert tok.decode(ids) == probe
    # encode_ordinary treats special-token text as ordinary text
    plain = tok.encode_ordinary(probe)
    assert plain == enc.encode_ordinary(probe)
    assert not set(plain) & set(ref_special.values())
    assert tok.decode(plain) == probe


def test_overlapping_specials_longest_first(bpe):
    specials = {"<a>": 300, "<a><b>": 301, "b c": 302}
    tok = bpe.Tokenizer([], specials)
    enc = RefEncoder([], specials)
    for text in ["x<a><b>y", "<a><a><b><a>", "<a>b c", "ab c", "<a><b c", "<<a>>"]:
        assert tok.encode(text) == enc.encode(text), text
    assert tok.encode("x<a><b>y") == [120, 301, 121]
    assert tok.encode("ab c") == [97, 302]
    assert tok.decode([301, 302]) == "<a><b>b c"
    assert tok.vocab_size == 259


def test_load_file_written_by_tests(bpe, rng, tmpdir_path):
    text = random_text(rng, 1200)
    ref, ref_special = ref_train(text, 256 + 160, SPECIALS)
    path = os.path.join(tmpdir_path, "ref.json")
    data = {"special_tokens": ref_special, "merges": [list(m) for m in ref], "version": 1}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
    tok = bpe.Tokenizer.load(path)
    assert merges_of(tok) == ref
    assert dict(tok.special_tokens) == ref_special
    enc = RefEncoder(ref, ref_special)
    probe = sprinkle(rng, random_text(rng, 400), SPECIALS, 6)
    assert tok.encode(probe) == enc.encode(probe)


def test_save_load_roundtrip(bpe, rng, tmpdir_path):
    text = random_text(rng, 1200) + random_unicode(rng, 200)
    tok = bpe.train(text, 256 + 170, SPECIALS)
    path = os.path.join(tmpdir_path, "a.json")
    tok.save(path)
    tok2 = bpe.Tokenizer.load(path)
    assert merges_of(tok2) == merges_of(tok)
    assert dict(tok2.special_tokens) == dict(tok.special_tokens)
    probe = sprinkle(rng, random_text(rng, 300) + random_unicode(rng, 100), SPECIALS, 5)
    assert tok2.encode(probe) == tok.encode(probe)
    assert tok2.decode(tok2.encode(probe)) == probe


def test_constructor_with_specials(bpe, rng):
    text = random_text(rng, 800)
    ref, _ = ref_train(text, 256 + 90)
    specials = {"<s>": 256 + len(ref), "</s>": 256 + len(ref) + 1}
    tok = bpe.Tokenizer(ref, specials)
    assert tok.vocab_size == 256 + len(ref) + 2
    assert tok.encode("<s>hi</s>") == RefEncoder(ref, specials).encode("<s>hi</s>")
    with pytest.raises(ValueError):
        bpe.Tokenizer(ref, {"<s>": 100})  # collides with a byte token


def test_load_rejects_bad_files(bpe, tmpdir_path):
    path = os.path.join(tmpdir_path, "bad.json")
    for content in ['{"version": 2, "merges": [], "special_tokens": {}}',
                    '{"version": 1, "merges": [[97, 300]], "special_tokens": {}}',
                    "not json at all"]:
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        with pytest.raises(ValueError):
            bpe.Tokenizer.load(path)


def test_cli_train(bpe, rng, tmpdir_path):
    text = random_text(rng, 1500) + random_unicode(rng, 100)
    src = os.path.join(tmpdir_path, "corpus.txt")
    model = os.path.join(tmpdir_path, "model.json")
    with open(src, "wb") as f:
        f.write(text.encode("utf-8"))
    proc = run_cli(["train", "--vocab-size", "420", "--special", "<|endoftext|>", "--special", "<|pad|>", src, model])
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    ref, ref_special = ref_train(text, 420, ["<|endoftext|>", "<|pad|>"])
    with open(model, encoding="utf-8") as f:
        data = json.load(f)
    assert data["version"] == 1
    assert data["merges"] == [list(m) for m in ref]
    assert data["special_tokens"] == ref_special


def test_cli_encode_decode(bpe, rng, tmpdir_path):
    text = random_text(rng, 1000)
    ref, ref_special = ref_train(text, 256 + 140, SPECIALS)
    model = os.path.join(tmpdir_path, "model.json")
    with open(model, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "merges": [list(m) for m in ref], "special_tokens": ref_special}, f)
    probe = sprinkle(rng, random_text(rng, 300) + random_unicode(rng, 60), SPECIALS, 4)
    expected = RefEncoder(ref, ref_special).encode(probe)
    proc = run_cli(["encode", model], probe.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout == (" ".join(map(str, expected)) + "\n").encode("ascii")
    # decode accepts any whitespace between ids and writes the exact UTF-8 text, no newline added
    ids_text = "\n".join(" ".join(map(str, expected[i:i + 7])) for i in range(0, len(expected), 7))
    proc = run_cli(["decode", model], ids_text.encode("ascii"))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout == probe.encode("utf-8")


def test_cli_empty_and_errors(bpe, tmpdir_path):
    model = os.path.join(tmpdir_path, "empty.json")
    with open(model, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "merges": [], "special_tokens": {}}, f)
    proc = run_cli(["encode", model], b"")
    assert proc.returncode == 0 and proc.stdout == b"\n"
    proc = run_cli(["decode", model], b"104 105")
    assert proc.returncode == 0 and proc.stdout == b"hi"
    proc = run_cli(["decode", model], b"104 999")
    assert proc.returncode != 0
    proc = run_cli(["encode", os.path.join(tmpdir_path, "missing.json")], b"hi")
    assert proc.returncode != 0
