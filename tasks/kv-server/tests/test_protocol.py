# agentbench-canary: 6d1f0b6e-5a57-4c55-9a1e-agentbench
"""Milestone `protocol`: RESP2 over raw sockets: exact reply bytes, pipelining, fragmented
input, inline commands, binary-safe values and protocol errors."""

import time

import pytest

from conftest import RespReader, key_pool, recv_exactly, recv_until_closed, resp_command

pytestmark = pytest.mark.protocol


def test_exact_reply_encodings(server, rng):
    k, lst, h, missing = [x.decode() for x in key_pool(rng, 4)]
    n = rng.randint(10, 99)
    script = [
        (resp_command("PING"), b"+PONG\r\n"),
        (resp_command("PING", "hi there"), b"$8\r\nhi there\r\n"),
        (resp_command("ECHO", "abc"), b"$3\r\nabc\r\n"),
        (resp_command("SET", k, str(n)), b"+OK\r\n"),
        (resp_command("SET", k, "x", "NX"), b"$-1\r\n"),
        (resp_command("GET", k), b"$2\r\n" + str(n).encode() + b"\r\n"),
        (resp_command("GET", missing), b"$-1\r\n"),
        (resp_command("INCR", k), b":" + str(n + 1).encode() + b"\r\n"),
        (resp_command("INCRBY", k, "-1000"), b":" + str(n + 1 - 1000).encode() + b"\r\n"),
        (resp_command("SET", k, ""), b"+OK\r\n"),
        (resp_command("GET", k), b"$0\r\n\r\n"),
        (resp_command("EXISTS", k, missing), b":1\r\n"),
        (resp_command("RPUSH", lst, "a", "bc"), b":2\r\n"),
        (resp_command("LRANGE", lst, "0", "-1"), b"*2\r\n$1\r\na\r\n$2\r\nbc\r\n"),
        (resp_command("LRANGE", missing, "0", "-1"), b"*0\r\n"),
        (resp_command("LPOP", missing, "2"), b"*-1\r\n"),
        (resp_command("LPOP", missing), b"$-1\r\n"),
        (resp_command("HSET", h, "f", "v"), b":1\r\n"),
        (resp_command("HGETALL", h), b"*2\r\n$1\r\nf\r\n$1\r\nv\r\n"),
        (resp_command("HGETALL", missing), b"*0\r\n"),
        (resp_command("MGET", lst, missing), b"*2\r\n$-1\r\n$-1\r\n"),
        (resp_command("TYPE", lst), b"+list\r\n"),
        (resp_command("TTL", missing), b":-2\r\n"),
        (resp_command("EXPIRE", missing, "5"), b":0\r\n"),
        (resp_command("DEL", lst, h, missing), b":2\r\n"),
        (resp_command("DBSIZE"), b":1\r\n"),
        (resp_command("FLUSHALL"), b"+OK\r\n"),
        (resp_command("KEYS", "*"), b"*0\r\n"),
    ]
    s = server.raw()
    for cmd, expected in script:
        s.sendall(cmd)
        got = recv_exactly(s, len(expected))
        assert got == expected, f"{cmd!r}: got {got!r}, expected {expected!r}"


def test_error_replies(server, rng):
    k = key_pool(rng, 1)[0].decode()
    s = server.raw()
    reader = RespReader(s)
    cases = [
        (resp_command("GET"), b"ERR wrong number of arguments"),
        (resp_command("SET", k), b"ERR wrong number of arguments"),
        (resp_command("LPUSH", k), b"ERR wrong number of arguments"),
        (resp_command("NOSUCHCMD", "a", "b"), b"ERR unknown command"),
        (resp_command("SET", k, "v", "EX", "10", "PX", "10"), b"ERR syntax error"),
        (resp_command("SET", k, "abc"), None),
        (resp_command("INCR", k), b"ERR value is not an integer or out of range"),
        (resp_command("LPUSH", k, "x"), b"WRONGTYPE Operation against a key holding the wrong kind of value"),
        (resp_command("HGET", k, "f"), b"WRONGTYPE Operation against a key holding the wrong kind of value"),
    ]
    for cmd, prefix in cases:
        s.sendall(cmd)
        reply = reader.read()
        if prefix is None:
            continue
        assert isinstance(reply, tuple) and reply[0] == "error", f"{cmd!r}: expected an error, got {reply!r}"
        assert reply[1].startswith(prefix), f"{cmd!r}: got -{reply[1]!r}, expected a prefix {prefix!r}"
    s.sendall(resp_command("PING"))
    assert reader.read() == ("simple", b"PONG")


def test_commands_case_insensitive(server, rng):
    k = key_pool(rng, 1)[0].decode()
    s = server.raw()
    reader = RespReader(s)
    for cmd in [("set", k, "1"), ("GeT", k), ("iNcR", k), ("rPuSh", k + "l", "a"), ("lrange", k + "l", "0", "-1")]:
        s.sendall(resp_command(*cmd))
    assert reader.read() == ("simple", b"OK")
    assert reader.read() == b"1"
    assert reader.read() == 2
    assert reader.read() == 1
    assert reader.read() == [b"a"]


def test_pipelining(server, rng):
    keys = [k.decode() for k in key_pool(rng, 8)]
    cmds, expected = [], []
    counts = {}
    for i in range(2000):
        k = rng.choice(keys)
        if rng.random() < 0.5:
            counts[k] = counts.get(k, 0) + 1
            cmds.append(resp_command("INCR", k))
            expected.append(counts[k])
        else:
            cmds.append(resp_command("GET", k))
            expected.append(str(counts[k]).encode() if k in counts else None)
    s = server.raw()
    s.sendall(b"".join(cmds))  # everything at once, before reading any reply
    reader = RespReader(s)
    for i, exp in enumerate(expected):
        got = reader.read()
        assert got == exp, f"reply {i}: got {got!r}, expected {exp!r}"


def test_fragmented_input(server, rng):
    k = key_pool(rng, 1)[0].decode()
    value = bytes(rng.randrange(256) for _ in range(50)) + b"\r\n$3\r\n*1\r\n"
    data = resp_command("SET", k, value) + resp_command("GET", k) + resp_command("STRLEN", k)
    s = server.raw()
    pos = 0
    while pos < len(data):  # dribble the bytes in small random pieces
        step = rng.randint(1, 7)
        s.sendall(data[pos:pos + step])
        pos += step
        time.sleep(0.002)
    reader = RespReader(s)
    assert reader.read() == ("simple", b"OK")
    assert reader.read() == value
    assert reader.read() == len(value)


def test_inline_commands(server, rng):
    k = key_pool(rng, 1)[0].decode()
    s = server.raw()
    s.sendall(b"PING\r\n")
    assert recv_exactly(s, 7) == b"+PONG\r\n"
    s.sendall(f"SET {k} hello\r\nGET {k}\r\nEXISTS {k} {k}\r\n".encode())
    expected = b"+OK\r\n$5\r\nhello\r\n:2\r\n"
    assert recv_exactly(s, len(expected)) == expected


def test_binary_and_large_values(server, rng):
    r = server.client()
    k1, k2 = key_pool(rng, 2)
    blob = bytes(rng.randrange(256) for _ in range(256)) + b"\r\n\x00*3\r\n"
    r.set(k1, blob)
    assert r.get(k1) == blob
    big = bytes(rng.randrange(256) for _ in range(1 << 20)) * 2  # 2 MiB
    assert r.set(k2, big) is True
    assert r.get(k2) == big
    assert r.strlen(k2) == len(big)
    r.rpush(k1 + b"l", blob, b"", big[:1000])
    assert r.lrange(k1 + b"l", 0, -1) == [blob, b"", big[:1000]]


@pytest.mark.parametrize("bad", [b"*1\r\n$x\r\n", b"*abc\r\n", b"*2\r\n$3\r\nGET\r\n+foo\r\n"])
def test_protocol_error_closes_connection(server, bad):
    victim = server.raw()
    victim.sendall(bad)
    data, closed = recv_until_closed(victim)
    assert data.startswith(b"-ERR Protocol error"), f"got {data!r}"
    assert closed, "the server must close the connection after a protocol error"
    # the server itself keeps working
    other = server.raw()
    other.sendall(resp_command("PING"))
    assert recv_exactly(other, 7) == b"+PONG\r\n"
