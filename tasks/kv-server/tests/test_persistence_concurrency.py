# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `persistence_concurrency`: snapshots written on SAVE and on SIGTERM and loaded at
start (restarts use a new port and the same data directory), and many concurrent clients."""

import socket
import threading
import time

import pytest

from conftest import key_pool, random_value, recv_exactly, resp_command

pytestmark = pytest.mark.persistence_concurrency


def fill_random(r, rng):
    """Random strings, lists and hashes; returns the expected contents."""
    keys = key_pool(rng, 30)
    expected = {}
    for k in keys:
        kind = rng.choice(["string", "list", "hash"])
        if kind == "string":
            v = random_value(rng)
            r.set(k, v)
            expected[k] = v
        elif kind == "list":
            vals = [random_value(rng) for _ in range(rng.randint(1, 8))]
            r.rpush(k, *vals)
            expected[k] = vals
        else:
            mapping = {f"f{i}".encode(): random_value(rng) for i in range(rng.randint(1, 6))}
            r.hset(k, mapping=mapping)
            expected[k] = mapping
    return expected


def assert_contents(r, expected):
    assert r.dbsize() == len(expected)
    for k, v in expected.items():
        if isinstance(v, bytes):
            assert r.get(k) == v, f"string {k!r}"
        elif isinstance(v, list):
            assert r.lrange(k, 0, -1) == v, f"list {k!r}"
        else:
            assert r.hgetall(k) == v, f"hash {k!r}"


def test_save_then_kill(launch, rng):
    sv = launch()
    r = sv.client()
    expected = fill_random(r, rng)
    assert r.save() is True
    sv.kill()  # SIGKILL: only the SAVEd snapshot survives
    sv2 = launch()
    assert_contents(sv2.client(), expected)


def test_sigterm_writes_snapshot(launch, rng):
    sv = launch()
    r = sv.client()
    expected = fill_random(r, rng)
    r.delete(*list(expected)[:3])
    for k in list(expected)[:3]:
        del expected[k]
    status = sv.terminate(timeout=10)
    assert status == 0, f"the server must exit with status 0 on SIGTERM, got {status}"
    sv2 = launch()
    r2 = sv2.client()
    assert_contents(r2, expected)
    # and again: changes after a restart are kept by the next shutdown
    k = list(expected)[0]
    r2.delete(k)
    del expected[k]
    assert sv2.terminate(timeout=10) == 0
    assert_contents(launch().client(), expected)


def test_expiry_survives_restart(launch, rng):
    short, long_, plain = key_pool(rng, 3)
    sv = launch()
    r = sv.client()
    t0 = time.monotonic()
    r.set(short, b"s", px=700)
    r.set(long_, b"l", ex=300)
    r.rpush(plain, b"p")
    r.expire(plain, 200)
    assert sv.terminate(timeout=10) == 0
    time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
    r2 = launch().client()
    assert r2.get(short) is None, "a key whose expiry passed while the server was down must be gone"
    assert r2.get(long_) == b"l"
    assert 290 <= r2.ttl(long_) <= 300
    assert 190 <= r2.ttl(plain) <= 200
    assert r2.dbsize() == 2


def test_flushall_and_fresh_directory(launch, rng, datadir):
    sv = launch()
    r = sv.client()
    assert r.dbsize() == 0  # empty data directory: empty database
    fill_random(r, rng)
    r.save()
    r.flushall()
    r.save()
    sv.kill()
    r2 = launch().client()
    assert r2.dbsize() == 0
    assert r2.keys("*") == []


def test_concurrent_incr(server, rng):
    keys = key_pool(rng, 4)
    n_threads, per_thread = 8, 250
    errors = []

    def work(seed):
        import random

        lr = random.Random(seed)
        c = server.client()
        try:
            for _ in range(per_thread):
                k = keys[lr.randrange(len(keys))]
                c.execute_command("INCR", k)
                c.incrby(b"total:" + keys[0], 2)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    seeds = [rng.randrange(10 ** 9) for _ in range(n_threads)]
    threads = [threading.Thread(target=work, args=(s,)) for s in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors[:3]
    r = server.client()
    # recompute the expected per-key counts from the same seeds
    import random

    counts = {k: 0 for k in keys}
    for s in seeds:
        lr = random.Random(s)
        for _ in range(per_thread):
            counts[keys[lr.randrange(len(keys))]] += 1
    for k in keys:
        assert int(r.get(k) or 0) == counts[k], f"key {k!r}"
    assert int(r.get(b"total:" + keys[0])) == 2 * n_threads * per_thread


def test_concurrent_lists_and_hashes(server, rng):
    lst, h = key_pool(rng, 2)
    n_threads, per_thread = 6, 150
    errors = []

    def work(tid):
        c = server.client()
        try:
            for i in range(per_thread):
                c.rpush(lst, f"{tid}:{i}".encode())
                c.hset(h, f"{tid}:{i}".encode(), str(i).encode())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors[:3]
    r = server.client()
    assert r.llen(lst) == n_threads * per_thread
    items = r.lrange(lst, 0, -1)
    for tid in range(n_threads):
        mine = [int(x.split(b":")[1]) for x in items if x.startswith(f"{tid}:".encode())]
        assert mine == list(range(per_thread)), f"thread {tid}'s pushes are out of order or lost"
    assert r.hlen(h) == n_threads * per_thread


def test_many_connections(server, rng):
    n = 60
    socks = []
    try:
        for i in range(n):
            socks.append(socket.create_connection(("127.0.0.1", server.port), timeout=10))
        tag = key_pool(rng, 1)[0].decode()
        for i, s in enumerate(socks):  # all connections open at once, interleaved requests
            s.sendall(resp_command("SET", f"{tag}:{i}", f"v{i}"))
        for s in socks:
            assert recv_exactly(s, 5) == b"+OK\r\n"
        for i, s in enumerate(socks):
            j = (i * 7) % n
            s.sendall(resp_command("GET", f"{tag}:{j}"))
        for i, s in enumerate(socks):
            j = (i * 7) % n
            v = f"v{j}".encode()
            assert recv_exactly(s, len(v) + 5 + len(str(len(v)))) == b"$%d\r\n%s\r\n" % (len(v), v)
    finally:
        for s in socks:
            s.close()
    assert server.client().dbsize() == n


def test_slow_client_does_not_block_others(server, rng):
    k = key_pool(rng, 1)[0].decode()
    slow = server.raw()
    full = resp_command("SET", k, "slow-value")
    slow.sendall(full[:9])  # half a command, then nothing for a while
    fast = server.raw()
    for _ in range(20):
        t = time.monotonic()
        fast.sendall(resp_command("PING"))
        assert recv_exactly(fast, 7, timeout=5) == b"+PONG\r\n"
        assert time.monotonic() - t < 4.5
    idle = server.raw()  # a connection that never sends anything
    fast.sendall(resp_command("GET", k))
    assert recv_exactly(fast, 5) == b"$-1\r\n"
    slow.sendall(full[9:])
    assert recv_exactly(slow, 5) == b"+OK\r\n"
    fast.sendall(resp_command("GET", k))
    assert recv_exactly(fast, 17) == b"$10\r\nslow-value\r\n"
    idle.close()


def test_concurrent_pipelines(server, rng):
    n_threads = 6
    errors = []
    tag = key_pool(rng, 1)[0]

    def work(tid):
        c = server.client()
        try:
            for rnd in range(3):
                pipe = c.pipeline(transaction=False)
                key = tag + b":%d" % tid
                for i in range(200):
                    pipe.rpush(key, str(rnd * 200 + i).encode())
                    pipe.execute_command("INCR", tag + b":shared")
                res = pipe.execute()
                assert res[0::2] == list(range(rnd * 200 + 1, rnd * 200 + 201)), "RPUSH replies out of order"
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors[:3]
    r = server.client()
    assert int(r.get(tag + b":shared")) == n_threads * 600
    for tid in range(n_threads):
        assert r.lrange(tag + b":%d" % tid, 0, -1) == [str(i).encode() for i in range(600)]
