# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `serialize`: dumps() byte for byte against json.dumps."""

import json

import pytest

import jp_support as S

pytestmark = pytest.mark.serialize

INDENTS = [None, 0, 1, 2, 4, "\t", "--"]


def compare(jp, objs, indents=(None,), sort_keys=(False,)):
    failures = []
    for obj in objs:
        for indent in indents:
            for sk in sort_keys:
                want = json.dumps(obj, indent=indent, sort_keys=sk)
                try:
                    got = jp.dumps(obj, indent=indent, sort_keys=sk)
                except Exception as exc:  # noqa: BLE001
                    failures.append(f"dumps({S.short(obj)}, indent={indent!r}, sort_keys={sk}) raised {exc!r}")
                    continue
                if got != want:
                    failures.append(f"dumps({S.short(obj)}, indent={indent!r}, sort_keys={sk}) = {S.short(got)}, expected {S.short(want)}")
    assert not failures, f"{len(failures)} mismatches:\n" + "\n".join(failures[:5])


def test_scalars(jp):
    objs = [None, True, False, 0, 1, -1, 10**40, -(10**25), 0.0, -0.0, 1.5, 1e16, 1e-7, 3.141592653589793,
            float("nan"), float("inf"), float("-inf"), "", "abc", "a\"b\\c/d", [], {}, (), [[]], [{}], {"": {}}]
    compare(jp, objs, INDENTS)


@pytest.mark.parametrize("case", [0, 1, 2])
def test_strings(jp, seed, case):
    rng = S.rng_for(seed, "dump-strings", case)
    objs = [S.random_text(rng, rng.choice([4, 20, 60])) for _ in range(400)]
    compare(jp, objs)
    allchars = "".join(chr(i) for i in range(0, 0x180)) + "\ud800\udfff\U0001f600\U0010ffff"
    compare(jp, [allchars])


def test_floats(jp, seed):
    rng = S.rng_for(seed, "dump-floats")
    objs = [S.random_float(rng) for _ in range(500)]
    compare(jp, objs)
    compare(jp, [objs[:50]], INDENTS)


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_objects(jp, seed, case):
    rng = S.rng_for(seed, "dump-objects", case)
    objs = [S.random_object(rng, 0, rng.randint(1, 5), width=rng.randint(2, 5)) for _ in range(40)]
    compare(jp, objs, INDENTS, (False, True))


def test_non_string_keys(jp, seed):
    rng = S.rng_for(seed, "dump-keys")
    objs = [{1: "a", 2.5: "b", True: "c", False: "d", None: "e", "s": "f", -7: "g", float("nan"): 1,
             float("inf"): 2, 1e100: 3, -0.0: 4}]
    for _ in range(60):
        objs.append(S.random_object(rng, 0, 3, key_kinds=("str", "int", "float", "const"), width=4))
    compare(jp, objs, INDENTS)


def test_sort_keys_numeric(jp, seed):
    rng = S.rng_for(seed, "dump-sort")
    objs = [{10: 1, 9: 2, -3: 3, 100: 4}, {2.5: 0, -1.0: 1, 1e10: 2}, {"b": 1, "a": {"d": 1, "c": 2}, "B": [{"z": 0, "y": 1}]}]
    for _ in range(40):
        d = {}
        for _ in range(rng.randint(0, 8)):
            d[rng.randint(-50, 50)] = S.random_object(rng, 0, 2)
        objs.append(d)
    compare(jp, objs, INDENTS, (False, True))


def test_tuples_and_shared_references(jp):
    shared = [1, {"x": 2}]
    objs = [(1, 2, (3, 4)), [shared, shared, {"s": shared}], {"t": (), "u": ((),)}]
    compare(jp, objs, INDENTS, (False, True))


def test_errors(jp):
    with pytest.raises(TypeError) as info:
        jp.dumps({"a": [1, {1, 2}]})
    assert str(info.value) == "Object of type set is not JSON serializable"
    with pytest.raises(TypeError) as info:
        jp.dumps([object()])
    assert str(info.value) == "Object of type object is not JSON serializable"
    with pytest.raises(TypeError) as info:
        jp.dumps({(1, 2): 3})
    assert str(info.value) == "keys must be str, int, float, bool or None, not tuple"
    a = [1, 2]
    a.append(a)
    with pytest.raises(ValueError) as info:
        jp.dumps(a)
    assert str(info.value) == "Circular reference detected"
    d = {"k": []}
    d["k"].append(d)
    with pytest.raises(ValueError):
        jp.dumps(d, indent=2)


def test_roundtrip(jp, seed):
    rng = S.rng_for(seed, "roundtrip")
    for _ in range(100):
        obj = S.random_object(rng, 0, 4)
        indent = rng.choice([None, 0, 2, "\t"])
        text = jp.dumps(obj, indent=indent)
        assert S.same(jp.loads(text), json.loads(json.dumps(obj, indent=indent)))
