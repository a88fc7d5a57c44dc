# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `strings`: string commands through redis-py, compared with a dict model."""

import pytest

from conftest import Err, as_int, check_call, key_pool, random_value

pytestmark = pytest.mark.strings

NOT_INT = "not an integer or out of range"


def test_ping_echo(r, rng):
    assert r.ping() is True
    msg = bytes(rng.randrange(256) for _ in range(20))
    assert r.echo(msg) == msg
    assert r.echo(b"") == b""


def test_set_get_overwrite(r, rng):
    keys = key_pool(rng)
    assert r.get(keys[0]) is None
    for _ in range(30):
        k = rng.choice(keys)
        v = random_value(rng)
        assert r.set(k, v) is True
        assert r.get(k) == v
    assert r.set(keys[0], b"x" * 100_000) is True
    assert r.get(keys[0]) == b"x" * 100_000


def test_set_nx_xx(r, rng):
    k1, k2 = key_pool(rng, 2)
    assert r.set(k1, b"a", xx=True) is None
    assert r.get(k1) is None
    assert r.set(k1, b"a", nx=True) is True
    assert r.set(k1, b"b", nx=True) is None
    assert r.get(k1) == b"a"
    assert r.set(k1, b"c", xx=True) is True
    assert r.get(k1) == b"c"
    assert r.execute_command("SET", k2, b"v", "nx") is True  # options are case-insensitive
    with pytest.raises(Exception) as ei:
        r.execute_command("SET", k2, b"v", "NX", "XX")
    assert "syntax" in str(ei.value).lower()
    with pytest.raises(Exception) as ei:
        r.execute_command("SET", k2, b"v", "BOGUS")
    assert "syntax" in str(ei.value).lower()


def test_del_exists(r, rng):
    keys = key_pool(rng, 5)
    for k in keys[:3]:
        r.set(k, b"1")
    assert r.exists(keys[0]) == 1
    assert r.exists(*keys) == 3
    assert r.exists(keys[0], keys[0], keys[4]) == 2  # repeated keys count each time
    assert r.delete(keys[0], keys[4]) == 1
    assert r.delete(keys[0]) == 0
    assert r.exists(*keys) == 2
    assert r.delete(*keys) == 2
    assert r.exists(*keys) == 0


def test_incr_family(r, rng):
    k, s = key_pool(rng, 2)
    assert r.execute_command("INCR", k) == 1
    assert r.execute_command("DECR", k) == 0
    n = rng.randint(-500, 500)
    assert r.incrby(k, n) == n
    m = rng.randint(-500, 500)
    assert r.decrby(k, m) == n - m
    assert r.get(k) == str(n - m).encode()
    assert r.execute_command("DECR", s) == -1
    r.set(k, b"41")
    assert r.execute_command("INCR", k) == 42
    for bad in [b"abc", b"1.5", b"", b" 1", b"007", b"+5", b"99999999999999999999"]:
        r.set(k, bad)
        with pytest.raises(Exception) as ei:
            r.execute_command("INCR", k)
        assert NOT_INT in str(ei.value), f"INCR on {bad!r}: {ei.value}"
        assert r.get(k) == bad
    r.set(k, b"5")
    with pytest.raises(Exception) as ei:
        r.execute_command("INCRBY", k, b"two")
    assert NOT_INT in str(ei.value)


def test_incr_overflow(r, rng):
    k = key_pool(rng, 1)[0]
    r.set(k, str(2 ** 63 - 2).encode())
    assert r.execute_command("INCR", k) == 2 ** 63 - 1
    with pytest.raises(Exception) as ei:
        r.execute_command("INCR", k)
    assert "overflow" in str(ei.value)
    assert r.get(k) == str(2 ** 63 - 1).encode()
    r.set(k, str(-(2 ** 63)).encode())
    with pytest.raises(Exception) as ei:
        r.execute_command("DECR", k)
    assert "overflow" in str(ei.value)


def test_append_strlen(r, rng):
    k = key_pool(rng, 1)[0]
    assert r.strlen(k) == 0
    total = b""
    for _ in range(10):
        piece = random_value(rng)
        total += piece
        assert r.append(k, piece) == len(total)
    assert r.get(k) == total
    assert r.strlen(k) == len(total)


def test_mset_mget(r, rng):
    keys = key_pool(rng, 6)
    mapping = {k: random_value(rng) for k in keys[:4]}
    assert r.mset(mapping) is True
    assert r.mget(keys) == [mapping.get(k) for k in keys]
    r.rpush(keys[5], b"x")  # a non-string value reads as nil in MGET
    assert r.mget([keys[5], keys[0]]) == [None, mapping[keys[0]]]
    with pytest.raises(Exception) as ei:
        r.execute_command("MSET", keys[0], b"v", keys[1])
    assert "wrong number of arguments" in str(ei.value)


def _string_step(rng, r, model, keys):
    """One random string command; returns (description, call, expected)."""
    k = rng.choice(keys)
    op = rng.choice(["set", "set", "setnx", "setxx", "get", "get", "del", "exists", "incr", "decr", "incrby",
                     "decrby", "append", "strlen", "mget", "mset"])
    if op == "set":
        v = random_value(rng)
        model[k] = v
        return f"SET {k!r} {v!r}", lambda: r.set(k, v), True
    if op in ("setnx", "setxx"):
        v = random_value(rng)
        ok = (k not in model) if op == "setnx" else (k in model)
        if ok:
            model[k] = v
        return (f"{op} {k!r}", lambda: r.set(k, v, nx=op == "setnx", xx=op == "setxx"), True if ok else None)
    if op == "get":
        return f"GET {k!r}", lambda: r.get(k), model.get(k)
    if op == "del":
        ks = rng.sample(keys, rng.randint(1, 3))
        n = sum(1 for x in ks if model.pop(x, None) is not None)
        return f"DEL {ks!r}", lambda: r.delete(*ks), n
    if op == "exists":
        ks = [rng.choice(keys) for _ in range(rng.randint(1, 4))]
        return f"EXISTS {ks!r}", lambda: r.exists(*ks), sum(1 for x in ks if x in model)
    if op in ("incr", "decr", "incrby", "decrby"):
        cur = as_int(model.get(k))
        delta = {"incr": 1, "decr": -1}.get(op) or rng.randint(-100, 100)
        sign = -1 if op == "decrby" else 1
        if cur is None:
            expected = Err("not an integer")
        elif not -(2 ** 63) <= cur + sign * delta < 2 ** 63:
            expected = Err("overflow")
        else:
            expected = cur + sign * delta
            model[k] = str(expected).encode()
        if op in ("incr", "decr"):
            return f"{op.upper()} {k!r}", lambda: r.execute_command(op.upper(), k), expected
        return f"{op.upper()} {k!r} {delta}", lambda: r.execute_command(op.upper(), k, delta), expected
    if op == "append":
        v = random_value(rng)
        model[k] = model.get(k, b"") + v
        return f"APPEND {k!r} {v!r}", lambda: r.append(k, v), len(model[k])
    if op == "strlen":
        return f"STRLEN {k!r}", lambda: r.strlen(k), len(model.get(k, b""))
    if op == "mget":
        ks = [rng.choice(keys) for _ in range(rng.randint(1, 5))]
        return f"MGET {ks!r}", lambda: r.mget(ks), [model.get(x) for x in ks]
    mapping = {rng.choice(keys): random_value(rng) for _ in range(rng.randint(1, 4))}
    model.update(mapping)
    return f"MSET {mapping!r}", lambda: r.mset(mapping), True


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_string_commands(r, rng, case):
    keys = key_pool(rng, rng.randint(3, 8))
    model = {}
    for step in range(300):
        what, call, expected = _string_step(rng, r, model, keys)
        check_call(call, expected, f"step {step}: {what}")
    assert sorted(r.keys(b"*")) == sorted(model)
    assert r.dbsize() == len(model)


def test_wrong_arity_and_unknown_command(r, rng):
    for args in [("GET",), ("GET", "a", "b"), ("SET", "a"), ("INCR",), ("DEL",), ("STRLEN", "a", "b"),
                 ("APPEND", "a"), ("MGET",), ("ECHO",)]:
        with pytest.raises(Exception) as ei:
            r.execute_command(*args)
        assert "wrong number of arguments" in str(ei.value), f"{args}: {ei.value}"
    name = "NOSUCH" + str(rng.randint(100, 999))
    with pytest.raises(Exception) as ei:
        r.execute_command(name, "x")
    assert "unknown command" in str(ei.value)
    assert r.ping() is True  # the connection is still usable
