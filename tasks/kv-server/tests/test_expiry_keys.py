# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `expiry_keys`: key expiry and TTLs, KEYS glob patterns (checked against fnmatch),
TYPE, DBSIZE and FLUSHALL."""

import fnmatch
import time

import pytest

from conftest import key_pool, random_value

pytestmark = pytest.mark.expiry_keys


def test_set_ex_px_ttl(r, rng):
    k1, k2, k3 = key_pool(rng, 3)
    ex = rng.randint(50, 500)
    assert r.set(k1, b"v", ex=ex) is True
    assert ex - 2 <= r.ttl(k1) <= ex
    assert (ex - 3) * 1000 < r.pttl(k1) <= ex * 1000
    px = rng.randint(5000, 9000)
    assert r.set(k2, b"v", px=px) is True
    assert px - 3000 < r.pttl(k2) <= px
    assert r.ttl(k3) == -2 and r.pttl(k3) == -2
    r.set(k3, b"v")
    assert r.ttl(k3) == -1 and r.pttl(k3) == -1
    for bad in ["0", "-5", "abc"]:
        with pytest.raises(Exception) as ei:
            r.execute_command("SET", k3, b"v", "EX", bad)
        msg = str(ei.value)
        assert "invalid expire time" in msg or "not an integer" in msg, msg


def test_keys_expire(r, rng):
    keys = key_pool(rng, 4)
    r.set(keys[0], b"a", px=600)
    assert r.get(keys[0]) == b"a"
    r.set(keys[1], b"b")
    r.rpush(keys[2], b"x")
    assert r.pexpire(keys[2], 600) is True
    r.hset(keys[3], b"f", b"v")
    assert r.expire(keys[3], 100) is True
    time.sleep(1.0)
    assert r.get(keys[0]) is None
    assert r.exists(keys[0], keys[2]) == 0
    assert r.ttl(keys[0]) == -2 and r.pttl(keys[2]) == -2
    assert r.llen(keys[2]) == 0
    assert sorted(r.keys(keys[0][:5] + b"*")) == sorted([keys[1], keys[3]])
    assert r.dbsize() == 2
    assert r.hget(keys[3], b"f") == b"v"


def test_expire_persist(r, rng):
    k, missing = key_pool(rng, 2)
    assert r.expire(missing, 10) is False
    assert r.persist(missing) is False
    r.set(k, b"v")
    assert r.persist(k) is False
    assert r.expire(k, 100) is True
    assert 97 <= r.ttl(k) <= 100
    assert r.persist(k) is True
    assert r.ttl(k) == -1
    assert r.pexpire(k, 50000) is True
    assert 47000 < r.pttl(k) <= 50000
    assert r.expire(k, -1) is True  # a non-positive timeout deletes the key
    assert r.exists(k) == 0
    r.set(k, b"v")
    assert r.expire(k, 0) is True
    assert r.get(k) is None
    with pytest.raises(Exception) as ei:
        r.execute_command("EXPIRE", k, "soon")
    assert "not an integer" in str(ei.value)


def test_ttl_kept_or_cleared(r, rng):
    k, n, lst = key_pool(rng, 3)
    r.set(k, b"v", ex=100)
    r.append(k, b"w")  # modifying commands keep the TTL
    assert 95 <= r.ttl(k) <= 100
    r.set(n, b"5", ex=100)
    r.execute_command("INCR", n)
    assert 95 <= r.ttl(n) <= 100
    r.set(k, b"new")  # SET clears it
    assert r.ttl(k) == -1
    r.rpush(lst, b"a")
    r.expire(lst, 100)
    r.rpush(lst, b"b")
    assert 95 <= r.ttl(lst) <= 100
    r.delete(lst)
    r.rpush(lst, b"c")  # a re-created key has no TTL
    assert r.ttl(lst) == -1
    r.mset({k: b"1"})
    r.expire(k, 50)
    r.mset({k: b"2"})  # MSET clears it too
    assert r.ttl(k) == -1


def test_expired_key_is_absent_everywhere(r, rng):
    k = key_pool(rng, 1)[0]
    r.set(k, b"100", px=100)
    time.sleep(0.3)
    assert r.execute_command("INCR", k) == 1  # starts from a missing key
    assert r.ttl(k) == -1
    r.set(k, b"x", px=100)
    time.sleep(0.3)
    assert r.set(k, b"y", nx=True) is True
    assert r.append(k, b"z") == 2


def _pattern(rng, alphabet):
    """A random glob in Redis syntax and its fnmatch equivalent."""
    redis_parts, fn_parts = [], []
    for _ in range(rng.randint(1, 5)):
        x = rng.random()
        if x < 0.35:
            c = rng.choice(alphabet)
            redis_parts.append(c)
            fn_parts.append(c)
        elif x < 0.5:
            redis_parts.append("?")
            fn_parts.append("?")
        elif x < 0.7:
            redis_parts.append("*")
            fn_parts.append("*")
        elif x < 0.8:
            s = "".join(rng.sample("abcxyz01", rng.randint(1, 3)))
            redis_parts.append(f"[{s}]")
            fn_parts.append(f"[{s}]")
        elif x < 0.9:
            s = "".join(rng.sample("abcxyz01", rng.randint(1, 3)))
            redis_parts.append(f"[^{s}]")
            fn_parts.append(f"[!{s}]")
        else:
            lo, hi = rng.choice([("a", "c"), ("x", "z"), ("0", "1"), ("b", "y")])
            redis_parts.append(f"[{lo}-{hi}]")
            fn_parts.append(f"[{lo}-{hi}]")
    return "".join(redis_parts), "".join(fn_parts)


@pytest.mark.parametrize("case", [0, 1, 2, 3])
def test_keys_patterns(r, rng, case):
    alphabet = "abcxyz01:"
    keys = set()
    while len(keys) < 60:
        keys.add("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))))
    r.mset({k.encode(): b"1" for k in keys})
    assert sorted(r.keys("*")) == sorted(k.encode() for k in keys)
    for _ in range(40):
        pat, fn_pat = _pattern(rng, alphabet)
        expected = sorted(k.encode() for k in keys if fnmatch.fnmatchcase(k, fn_pat))
        assert sorted(r.keys(pat)) == expected, f"KEYS {pat!r}"


def test_keys_escapes_and_special_chars(r, rng):
    names = [b"a*b", b"axb", b"a?b", b"a[b", b"a\\b", b"abb", b"ab"]
    r.mset({n: b"1" for n in names})
    assert sorted(r.keys("a\\*b")) == [b"a*b"]
    assert sorted(r.keys("a\\?b")) == [b"a?b"]
    assert sorted(r.keys("a\\[b")) == [b"a[b"]
    assert sorted(r.keys("a?b")) == sorted([b"a*b", b"axb", b"a?b", b"a[b", b"a\\b", b"abb"])
    assert sorted(r.keys("a*")) == sorted(names)
    assert r.keys("zz*") == []


def test_type_dbsize_flushall(r, rng):
    s, lst, h, missing = key_pool(rng, 4)
    assert r.dbsize() == 0
    r.set(s, b"v")
    r.lpush(lst, b"a")
    r.hset(h, b"f", b"v")
    assert r.type(s) == b"string"
    assert r.type(lst) == b"list"
    assert r.type(h) == b"hash"
    assert r.type(missing) == b"none"
    assert r.dbsize() == 3
    assert r.flushall() is True
    assert r.dbsize() == 0
    assert r.keys("*") == []
    assert r.get(s) is None


@pytest.mark.parametrize("case", [0, 1, 2])
def test_random_ttl_sequence(r, rng, case):
    """Random SET/EXPIRE/PERSIST/DEL with long timeouts; TTLs checked against a model."""
    keys = key_pool(rng, 5)
    model = {}  # key -> (value, deadline or None)
    for step in range(200):
        k = rng.choice(keys)
        op = rng.choice(["set", "setex", "setpx", "expire", "pexpire", "persist", "ttl", "pttl", "del", "get"])
        now = time.monotonic()
        what = f"step {step}: {op} {k!r}"
        if op == "set":
            v = random_value(rng)
            assert r.set(k, v) is True, what
            model[k] = (v, None)
        elif op == "setex":
            v, ex = random_value(rng), rng.randint(100, 10000)
            assert r.set(k, v, ex=ex) is True, what
            model[k] = (v, now + ex)
        elif op == "setpx":
            v, px = random_value(rng), rng.randint(100_000, 10_000_000)
            assert r.set(k, v, px=px) is True, what
            model[k] = (v, now + px / 1000)
        elif op in ("expire", "pexpire"):
            secs = rng.randint(100, 10000)
            if op == "expire":
                got = r.expire(k, secs)
            else:
                got = r.pexpire(k, secs * 1000)
            assert got is (k in model), what
            if k in model:
                model[k] = (model[k][0], now + secs)
        elif op == "persist":
            had = k in model and model[k][1] is not None
            assert r.persist(k) is had, what
            if k in model:
                model[k] = (model[k][0], None)
        elif op in ("ttl", "pttl"):
            got = r.ttl(k) if op == "ttl" else r.pttl(k)
            if k not in model:
                assert got == -2, what
            elif model[k][1] is None:
                assert got == -1, what
            else:
                remaining = model[k][1] - now
                scale = 1 if op == "ttl" else 1000
                assert (remaining - 2) * scale <= got <= (remaining + 1) * scale, f"{what}: {got} vs {remaining:.3f}s"
        elif op == "del":
            assert r.delete(k) == (1 if model.pop(k, None) else 0), what
        else:
            assert r.get(k) == (model[k][0] if k in model else None), what
    assert r.dbsize() == len(model)
