# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `lists_hashes`: list and hash commands, WRONGTYPE errors, random sequences over
mixed types checked against a dict model."""

import pytest

from conftest import Err, check_call, key_pool, random_value

pytestmark = pytest.mark.lists_hashes

WRONGTYPE = "WRONGTYPE"


def lrange_model(lst, start, stop):
    n = len(lst)
    if start < 0:
        start = max(0, start + n)
    if stop < 0:
        stop += n
    stop = min(stop, n - 1)
    if start > stop or start >= n:
        return []
    return lst[start:stop + 1]


def test_list_basics(r, rng):
    k, other = key_pool(rng, 2)
    assert r.rpush(k, b"a", b"b") == 2
    assert r.lpush(k, b"x", b"y") == 4  # y x a b
    assert r.lrange(k, 0, -1) == [b"y", b"x", b"a", b"b"]
    assert r.llen(k) == 4
    assert r.lpop(k) == b"y"
    assert r.rpop(k) == b"b"
    assert r.lpop(k, 5) == [b"x", b"a"]
    assert r.exists(k) == 0  # an emptied list is removed
    assert r.lpop(k) is None and r.rpop(k) is None
    assert r.lpop(k, 2) is None
    assert r.llen(other) == 0
    assert r.lrange(other, 0, -1) == []
    items = [random_value(rng) for _ in range(10)]
    r.rpush(other, *items)
    assert r.rpop(other, 3) == items[::-1][:3]
    assert r.lpop(other, 2) == items[:2]
    assert r.lrange(other, 0, -1) == items[2:7]


@pytest.mark.parametrize("case", [0, 1])
def test_lrange_indices(r, rng, case):
    k = key_pool(rng, 1)[0]
    items = [str(i).encode() + random_value(rng) for i in range(rng.randint(1, 25))]
    r.rpush(k, *items)
    n = len(items)
    for _ in range(80):
        start = rng.randint(-n - 5, n + 5)
        stop = rng.randint(-n - 5, n + 5)
        assert r.lrange(k, start, stop) == lrange_model(items, start, stop), f"LRANGE {start} {stop} (len {n})"


def test_hash_basics(r, rng):
    h, missing = key_pool(rng, 2)
    assert r.hset(h, b"f1", b"v1") == 1
    assert r.hset(h, b"f1", b"v2") == 0
    assert r.hset(h, mapping={b"f2": b"a", b"f3": b"b", b"f1": b"v3"}) == 2
    assert r.hget(h, b"f1") == b"v3"
    assert r.hget(h, b"nope") is None
    assert r.hget(missing, b"f1") is None
    assert r.hgetall(h) == {b"f1": b"v3", b"f2": b"a", b"f3": b"b"}
    assert r.hlen(h) == 3
    assert r.hdel(h, b"f1", b"nope", b"f2") == 2
    assert r.hgetall(missing) == {}
    assert r.hdel(missing, b"x") == 0
    assert r.hdel(h, b"f3") == 1
    assert r.exists(h) == 0  # an emptied hash is removed
    assert r.hlen(h) == 0
    with pytest.raises(Exception) as ei:
        r.execute_command("HSET", h, b"f", b"v", b"g")
    assert "wrong number of arguments" in str(ei.value)


def test_wrongtype(r, rng):
    s, lst, h = key_pool(rng, 3)
    r.set(s, b"v")
    r.rpush(lst, b"a")
    r.hset(h, b"f", b"v")
    calls = [
        lambda: r.get(lst), lambda: r.get(h), lambda: r.append(lst, b"x"), lambda: r.strlen(h),
        lambda: r.execute_command("INCR", lst), lambda: r.incrby(h, 2),
        lambda: r.lpush(s, b"x"), lambda: r.rpush(h, b"x"), lambda: r.lpop(s), lambda: r.rpop(h),
        lambda: r.lrange(s, 0, -1), lambda: r.llen(h),
        lambda: r.hset(s, b"f", b"v"), lambda: r.hget(lst, b"f"), lambda: r.hdel(s, b"f"),
        lambda: r.hgetall(lst), lambda: r.hlen(s),
    ]
    for i, call in enumerate(calls):
        with pytest.raises(Exception) as ei:
            call()
        assert WRONGTYPE in str(ei.value), f"call {i}: {ei.value}"
    # nothing was changed, and SET / DEL work on any type
    assert r.lrange(lst, 0, -1) == [b"a"] and r.hgetall(h) == {b"f": b"v"} and r.get(s) == b"v"
    assert r.set(lst, b"now a string") is True
    assert r.get(lst) == b"now a string"
    assert r.delete(h) == 1
    assert r.rpush(h, b"z") == 1


def _typed(model, k, kind):
    """Value of k if it has type kind; Err(WRONGTYPE) if another type; None if missing."""
    if k not in model:
        return None
    v = model[k]
    if not isinstance(v, kind):
        return Err(WRONGTYPE)
    return v


def _step(rng, r, model, keys, fields):
    k = rng.choice(keys)
    op = rng.choice(["lpush", "rpush", "lpop", "rpop", "lpopn", "rpopn", "lrange", "llen",
                     "hset", "hset", "hget", "hdel", "hgetall", "hlen", "set", "get", "del", "type"])
    what = f"{op} {k!r}"
    if op in ("lpush", "rpush"):
        vals = [random_value(rng) for _ in range(rng.randint(1, 4))]
        cur = _typed(model, k, list)
        if isinstance(cur, Err):
            return what, lambda: getattr(r, op)(k, *vals), cur
        lst = cur if cur is not None else []
        if op == "lpush":
            for v in vals:
                lst.insert(0, v)
        else:
            lst.extend(vals)
        model[k] = lst
        return what, lambda: getattr(r, op)(k, *vals), len(lst)
    if op in ("lpop", "rpop", "lpopn", "rpopn"):
        cur = _typed(model, k, list)
        n = rng.randint(1, 4) if op.endswith("n") else None
        fn = getattr(r, op[:4])
        call = (lambda: fn(k)) if n is None else (lambda: fn(k, n))
        if cur is None or isinstance(cur, Err):
            return what, call, cur
        if op[0] == "l":
            taken = cur[: (n or 1)]
            del cur[: (n or 1)]
        else:
            taken = cur[::-1][: (n or 1)]
            del cur[len(cur) - len(taken):]
        if not cur:
            del model[k]
        return what, call, taken[0] if n is None else taken
    if op == "lrange":
        a, b = rng.randint(-6, 6), rng.randint(-6, 6)
        cur = _typed(model, k, list)
        exp = cur if isinstance(cur, Err) else lrange_model(cur or [], a, b)
        return f"{what} {a} {b}", lambda: r.lrange(k, a, b), exp
    if op == "llen":
        cur = _typed(model, k, list)
        return what, lambda: r.llen(k), cur if isinstance(cur, Err) else len(cur or [])
    if op == "hset":
        mapping = {rng.choice(fields): random_value(rng) for _ in range(rng.randint(1, 3))}
        cur = _typed(model, k, dict)
        if isinstance(cur, Err):
            return what, lambda: r.hset(k, mapping=mapping), cur
        h = cur if cur is not None else {}
        added = sum(1 for f in mapping if f not in h)
        h.update(mapping)
        model[k] = h
        return what, lambda: r.hset(k, mapping=mapping), added
    if op == "hget":
        f = rng.choice(fields)
        cur = _typed(model, k, dict)
        return what, lambda: r.hget(k, f), cur if isinstance(cur, Err) else (cur or {}).get(f)
    if op == "hdel":
        fs = rng.sample(fields, rng.randint(1, min(3, len(fields))))
        cur = _typed(model, k, dict)
        if cur is None or isinstance(cur, Err):
            return what, lambda: r.hdel(k, *fs), cur if cur is not None else 0
        n = sum(1 for f in fs if cur.pop(f, None) is not None)
        if not cur:
            del model[k]
        return what, lambda: r.hdel(k, *fs), n
    if op == "hgetall":
        cur = _typed(model, k, dict)
        return what, lambda: r.hgetall(k), cur if isinstance(cur, Err) else dict(cur or {})
    if op == "hlen":
        cur = _typed(model, k, dict)
        return what, lambda: r.hlen(k), cur if isinstance(cur, Err) else len(cur or {})
    if op == "set":
        v = random_value(rng)
        model[k] = v
        return what, lambda: r.set(k, v), True
    if op == "get":
        cur = _typed(model, k, bytes)
        return what, lambda: r.get(k), cur
    if op == "del":
        return what, lambda: r.delete(k), 1 if model.pop(k, None) is not None else 0
    v = model.get(k)
    t = b"none" if v is None else b"string" if isinstance(v, bytes) else b"list" if isinstance(v, list) else b"hash"
    return what, lambda: r.type(k), t


@pytest.mark.parametrize("case", [0, 1, 2, 3, 4, 5])
def test_random_lists_hashes(r, rng, case):
    keys = key_pool(rng, rng.randint(3, 6))
    fields = [f"f{i}".encode() for i in range(rng.randint(2, 6))]
    model = {}
    for step in range(300):
        what, call, expected = _step(rng, r, model, keys, fields)
        # copy mutable expectations: the model keeps changing afterwards
        if isinstance(expected, list):
            expected = list(expected)
        check_call(call, expected, f"step {step}: {what}")
    for k in keys:
        v = model.get(k)
        if isinstance(v, list):
            assert r.lrange(k, 0, -1) == v
        elif isinstance(v, dict):
            assert r.hgetall(k) == v
        elif v is None:
            assert r.exists(k) == 0
    assert r.dbsize() == len(model)
