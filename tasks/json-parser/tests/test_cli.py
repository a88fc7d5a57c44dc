# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `cli`: python3 -m jsonparser validate FILE / pretty FILE."""

import json
import os
import subprocess
import sys
import tempfile

import pytest

import jp_support as S

pytestmark = pytest.mark.cli


def run_cli(args, stdin=None):
    proc = subprocess.run(
        [sys.executable, "-m", "jsonparser"] + list(args),
        input=stdin,
        capture_output=True,
        timeout=30,
        cwd=os.getcwd(),
        start_new_session=True,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def tmpdir_path():
    with tempfile.TemporaryDirectory() as d:
        yield d


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "wb") as fh:
        fh.write(text.encode("utf-8"))
    return path


def utf8_ok(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def valid_doc(rng, **kw):
    while True:
        text = S.emit_document(rng, **kw)
        if utf8_ok(text):
            return text


def ref_error(text):
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return str(exc)
    return None


def test_validate_valid(jp, seed, tmpdir_path):
    rng = S.rng_for(seed, "cli-valid")
    for i in range(3):
        text = valid_doc(rng, maxdepth=3, width=4)
        path = write(tmpdir_path, f"ok{i}.json", text)
        code, out, err = run_cli(["validate", path])
        assert (code, out) == (0, b"valid\n"), (text, code, out, err)


@pytest.mark.parametrize("case", [0, 1, 2])
def test_validate_invalid(jp, seed, tmpdir_path, case):
    rng = S.rng_for(seed, "cli-invalid", case)
    text = None
    while text is None or ref_error(text) is None or not utf8_ok(text):
        text = valid_doc(rng, maxdepth=3, width=4)
        if case == 2:
            text = text.replace("\n", "\r\n")
        text = S.mutate(rng, S.mutate(rng, text))
    path = write(tmpdir_path, "bad.json", text)
    code, out, err = run_cli(["validate", path])
    assert code == 1, (text, code, out, err)
    assert out == b""
    assert err.decode() == "error: " + ref_error(text) + "\n", text


def test_crlf_positions_count_characters(jp, tmpdir_path):
    text = '{\r\n  "a": [1, 2],\r\n  "b": tru\r\n}\r\n'
    path = write(tmpdir_path, "crlf.json", text)
    code, out, err = run_cli(["validate", path])
    assert code == 1 and out == b""
    assert err.decode() == "error: " + ref_error(text) + "\n"


def test_pretty_default(jp, seed, tmpdir_path):
    rng = S.rng_for(seed, "cli-pretty")
    for i in range(2):
        text = valid_doc(rng, maxdepth=4, width=4)
        path = write(tmpdir_path, f"p{i}.json", text)
        code, out, err = run_cli(["pretty", path])
        assert code == 0, err
        assert out.decode() == json.dumps(json.loads(text), indent=2) + "\n"


@pytest.mark.parametrize("case", [0, 1])
def test_pretty_options(jp, seed, tmpdir_path, case):
    rng = S.rng_for(seed, "cli-pretty-opts", case)
    obj = {"zeta": [1, 2.5, None], "alpha": {"y": True, "x": "\u00e9\U0001f600"}, "mid": []}
    for k in range(3):
        obj[f"k{rng.randint(0, 999)}"] = json.loads(S.emit_value(rng, 1, 3, 0.0, 3))
    text = json.dumps(obj)
    path = write(tmpdir_path, "o.json", text)
    indent = [0, 4][case]
    args = ["pretty", path, "--indent", str(indent)] + (["--sort-keys"] if case == 1 else [])
    code, out, err = run_cli(args)
    assert code == 0, err
    assert out.decode() == json.dumps(json.loads(text), indent=indent, sort_keys=(case == 1)) + "\n"


def test_pretty_invalid(jp, tmpdir_path):
    text = '[1, 2, {"a": 3,}]'
    path = write(tmpdir_path, "bad.json", text)
    code, out, err = run_cli(["pretty", path])
    assert code == 1 and out == b""
    assert err.decode() == "error: " + ref_error(text) + "\n"


def test_stdin(jp):
    text = '{"b": [1, 2], "a": "x"}'
    code, out, err = run_cli(["pretty", "-", "--sort-keys"], stdin=text.encode())
    assert code == 0, err
    assert out.decode() == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"
    code, out, err = run_cli(["validate", "-"], stdin=b"[1, 2")
    assert code == 1 and out == b""
    assert err.decode() == "error: " + ref_error("[1, 2") + "\n"


def test_missing_file_and_usage(jp, tmpdir_path):
    code, out, err = run_cli(["validate", os.path.join(tmpdir_path, "nope.json")])
    assert code == 2 and out == b"" and err.strip()
    code, out, err = run_cli(["frobnicate", "x"])
    assert code == 2 and out == b""
    code, out, err = run_cli([])
    assert code == 2 and out == b""
