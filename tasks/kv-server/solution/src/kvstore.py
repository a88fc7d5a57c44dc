"""The keyspace and the command implementations."""

import time

WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value"
NOT_INT = "ERR value is not an integer or out of range"
OVERFLOW = "ERR increment or decrement would overflow"
SYNTAX = "ERR syntax error"
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1


class CommandError(Exception):
    pass


class Simple:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


class NullArray:
    pass


OK = Simple("OK")


def now_ms():
    return time.time() * 1000.0


def parse_int(b, err=NOT_INT):
    """Strict 64-bit signed decimal integer, as Redis' string2ll."""
    try:
        s = b.decode("ascii")
    except UnicodeDecodeError:
        raise CommandError(err)
    if not s or len(s) > 20:
        raise CommandError(err)
    body = s[1:] if s[0] == "-" else s
    if not body.isdigit() or not body.isascii() or (len(body) > 1 and body[0] == "0") or (s == "-0"):
        raise CommandError(err)
    v = int(s)
    if not INT_MIN <= v <= INT_MAX:
        raise CommandError(err)
    return v


def glob_match(pattern, s):
    """Redis-style glob: * ? [abc] [^abc] [a-z] and backslash escapes."""
    p = 0
    i = 0
    star_p = -1
    star_i = 0
    plen, slen = len(pattern), len(s)

    def match_one(p, ch):
        """Return (matched, next_p) for a single-char pattern element at p."""
        c = pattern[p]
        if c == ord("?"):
            return True, p + 1
        if c == ord("["):
            q = p + 1
            negate = False
            if q < plen and pattern[q] == ord("^"):
                negate = True
                q += 1
            matched = False
            while q < plen and pattern[q] != ord("]"):
                if pattern[q] == ord("\\") and q + 1 < plen:
                    q += 1
                    if pattern[q] == ch:
                        matched = True
                    q += 1
                elif q + 2 < plen and pattern[q + 1] == ord("-") and pattern[q + 2] != ord("]"):
                    lo, hi = pattern[q], pattern[q + 2]
                    if lo > hi:
                        lo, hi = hi, lo
                    if lo <= ch <= hi:
                        matched = True
                    q += 3
                else:
                    if pattern[q] == ch:
                        matched = True
                    q += 1
            # q at ']' or end
            q = q + 1 if q < plen else q
            return matched != negate, q
        if c == ord("\\") and p + 1 < plen:
            return pattern[p + 1] == ch, p + 2
        return c == ch, p + 1

    while i < slen:
        if p < plen and pattern[p] == ord("*"):
            while p < plen and pattern[p] == ord("*"):
                p += 1
            if p == plen:
                return True
            star_p, star_i = p, i
            continue
        if p < plen:
            ok, np = match_one(p, s[i])
            if ok:
                p = np
                i += 1
                continue
        if star_p >= 0:
            star_i += 1
            i = star_i
            p = star_p
            continue
        return False
    while p < plen and pattern[p] == ord("*"):
        p += 1
    return p == plen


class Store:
    def __init__(self):
        self.data = {}
        self.expires = {}

    def alive(self, key):
        exp = self.expires.get(key)
        if exp is not None and exp <= now_ms():
            del self.expires[key]
            self.data.pop(key, None)
            return False
        return key in self.data

    def get(self, key, kind=None):
        if not self.alive(key):
            return None
        v = self.data[key]
        if kind is not None and not isinstance(v, kind):
            raise CommandError(WRONGTYPE)
        return v

    def delete(self, key):
        existed = self.alive(key)
        self.data.pop(key, None)
        self.expires.pop(key, None)
        return existed

    def purge_expired(self):
        t = now_ms()
        for key in [k for k, e in self.expires.items() if e <= t]:
            del self.expires[key]
            self.data.pop(key, None)


# ---------------------------------------------------------------------------
COMMANDS = {}


def command(name, arity):
    """arity: exact argument count including the name if positive, minimum if negative."""
    def deco(fn):
        COMMANDS[name] = (fn, arity)
        return fn
    return deco


def dispatch(server, args):
    name = args[0].decode("utf-8", "replace").lower()
    entry = COMMANDS.get(name)
    if entry is None:
        shown = " ".join("'%s'" % a.decode("utf-8", "replace")[:64] for a in args[1:])
        raise CommandError(f"ERR unknown command '{args[0].decode('utf-8', 'replace')[:64]}', "
                           f"with args beginning with: {shown}")
    fn, arity = entry
    n = len(args)
    if (arity > 0 and n != arity) or (arity < 0 and n < -arity):
        raise CommandError(f"ERR wrong number of arguments for '{name}' command")
    return fn(server, server.store, args[1:])


@command("ping", -1)
def c_ping(server, st, a):
    if len(a) > 1:
        raise CommandError("ERR wrong number of arguments for 'ping' command")
    return a[0] if a else Simple("PONG")


@command("echo", 2)
def c_echo(server, st, a):
    return a[0]


@command("set", -3)
def c_set(server, st, a):
    key, val = a[0], a[1]
    nx = xx = False
    expire = None
    i = 2
    while i < len(a):
        opt = a[i].upper()
        if opt == b"NX" and not xx:
            nx = True
        elif opt == b"XX" and not nx:
            xx = True
        elif opt in (b"EX", b"PX") and expire is None and i + 1 < len(a):
            n = parse_int(a[i + 1])
            if n <= 0:
                raise CommandError("ERR invalid expire time in 'set' command")
            expire = now_ms() + (n * 1000 if opt == b"EX" else n)
            i += 1
        else:
            raise CommandError(SYNTAX)
        i += 1
    exists = st.alive(key)
    if (nx and exists) or (xx and not exists):
        return None
    st.data[key] = val
    if expire is None:
        st.expires.pop(key, None)
    else:
        st.expires[key] = expire
    return OK


@command("get", 2)
def c_get(server, st, a):
    return st.get(a[0], bytes)


@command("del", -2)
def c_del(server, st, a):
    return sum(1 for k in a if st.delete(k))


@command("exists", -2)
def c_exists(server, st, a):
    return sum(1 for k in a if st.alive(k))


def _incr(st, key, delta):
    cur = st.get(key, bytes)
    v = 0 if cur is None else parse_int(cur)
    nv = v + delta
    if not INT_MIN <= nv <= INT_MAX:
        raise CommandError(OVERFLOW)
    st.data[key] = str(nv).encode()
    return nv


@command("incr", 2)
def c_incr(server, st, a):
    return _incr(st, a[0], 1)


@command("decr", 2)
def c_decr(server, st, a):
    return _incr(st, a[0], -1)


@command("incrby", 3)
def c_incrby(server, st, a):
    return _incr(st, a[0], parse_int(a[1]))


@command("decrby", 3)
def c_decrby(server, st, a):
    d = parse_int(a[1])
    if d == INT_MIN:
        raise CommandError("ERR decrement would overflow")
    return _incr(st, a[0], -d)


@command("append", 3)
def c_append(server, st, a):
    cur = st.get(a[0], bytes)
    nv = (cur or b"") + a[1]
    st.data[a[0]] = nv
    return len(nv)


@command("strlen", 2)
def c_strlen(server, st, a):
    cur = st.get(a[0], bytes)
    return 0 if cur is None else len(cur)


@command("mget", -2)
def c_mget(server, st, a):
    out = []
    for k in a:
        v = st.get(k)
        out.append(v if isinstance(v, bytes) else None)
    return out


@command("mset", -3)
def c_mset(server, st, a):
    if len(a) % 2:
        raise CommandError("ERR wrong number of arguments for 'mset' command")
    for i in range(0, len(a), 2):
        st.data[a[i]] = a[i + 1]
        st.expires.pop(a[i], None)
    return OK


def _expire(st, key, ms_from_now):
    if not st.alive(key):
        return 0
    if ms_from_now <= 0:
        st.delete(key)
        return 1
    st.expires[key] = now_ms() + ms_from_now
    return 1


@command("expire", 3)
def c_expire(server, st, a):
    return _expire(st, a[0], parse_int(a[1]) * 1000)


@command("pexpire", 3)
def c_pexpire(server, st, a):
    return _expire(st, a[0], parse_int(a[1]))


def _ttl_ms(st, key):
    if not st.alive(key):
        return None
    exp = st.expires.get(key)
    if exp is None:
        return -1
    return max(0, exp - now_ms())


@command("ttl", 2)
def c_ttl(server, st, a):
    ms = _ttl_ms(st, a[0])
    if ms is None:
        return -2
    if ms == -1:
        return -1
    return int((ms + 500) // 1000)


@command("pttl", 2)
def c_pttl(server, st, a):
    ms = _ttl_ms(st, a[0])
    if ms is None:
        return -2
    if ms == -1:
        return -1
    return int(ms)


@command("persist", 2)
def c_persist(server, st, a):
    if not st.alive(a[0]):
        return 0
    return 1 if st.expires.pop(a[0], None) is not None else 0


@command("keys", 2)
def c_keys(server, st, a):
    st.purge_expired()
    return [k for k in st.data if glob_match(a[0], k)]


@command("type", 2)
def c_type(server, st, a):
    v = st.get(a[0])
    if v is None:
        return Simple("none")
    if isinstance(v, bytes):
        return Simple("string")
    if isinstance(v, list):
        return Simple("list")
    return Simple("hash")


@command("dbsize", 1)
def c_dbsize(server, st, a):
    st.purge_expired()
    return len(st.data)


@command("flushall", -1)
def c_flushall(server, st, a):
    st.data.clear()
    st.expires.clear()
    return OK


@command("save", 1)
def c_save(server, st, a):
    server.save()
    return OK


# -- lists ---------------------------------------------------------------------
def _push(st, a, left):
    lst = st.get(a[0], list)
    if lst is None:
        lst = []
        st.data[a[0]] = lst
    if left:
        for v in a[1:]:
            lst.insert(0, v)
    else:
        lst.extend(a[1:])
    return len(lst)


@command("lpush", -3)
def c_lpush(server, st, a):
    return _push(st, a, True)


@command("rpush", -3)
def c_rpush(server, st, a):
    return _push(st, a, False)


def _pop(st, a, left):
    if len(a) > 2:
        raise CommandError(SYNTAX)
    count = None
    if len(a) == 2:
        count = parse_int(a[1], "ERR value is out of range, must be positive")
        if count < 0:
            raise CommandError("ERR value is out of range, must be positive")
    lst = st.get(a[0], list)
    if lst is None:
        return NullArray() if count is not None else None
    n = 1 if count is None else count
    if left:
        taken = lst[:n]
        del lst[:n]
    else:
        taken = lst[::-1][:n]
        del lst[len(lst) - len(taken):]
    if not lst:
        st.delete(a[0])
    if count is None:
        return taken[0]
    return taken


@command("lpop", -2)
def c_lpop(server, st, a):
    return _pop(st, a, True)


@command("rpop", -2)
def c_rpop(server, st, a):
    return _pop(st, a, False)


@command("lrange", 4)
def c_lrange(server, st, a):
    start, stop = parse_int(a[1]), parse_int(a[2])
    lst = st.get(a[0], list)
    if lst is None:
        return []
    n = len(lst)
    if start < 0:
        start = max(0, start + n)
    if stop < 0:
        stop += n
    if stop >= n:
        stop = n - 1
    if start > stop or start >= n:
        return []
    return lst[start:stop + 1]


@command("llen", 2)
def c_llen(server, st, a):
    lst = st.get(a[0], list)
    return 0 if lst is None else len(lst)


# -- hashes --------------------------------------------------------------------
@command("hset", -4)
def c_hset(server, st, a):
    if len(a) % 2 == 0:
        raise CommandError("ERR wrong number of arguments for 'hset' command")
    h = st.get(a[0], dict)
    if h is None:
        h = {}
        st.data[a[0]] = h
    added = 0
    for i in range(1, len(a), 2):
        if a[i] not in h:
            added += 1
        h[a[i]] = a[i + 1]
    return added


@command("hget", 3)
def c_hget(server, st, a):
    h = st.get(a[0], dict)
    return None if h is None else h.get(a[1])


@command("hdel", -3)
def c_hdel(server, st, a):
    h = st.get(a[0], dict)
    if h is None:
        return 0
    n = 0
    for f in a[1:]:
        if f in h:
            del h[f]
            n += 1
    if not h:
        st.delete(a[0])
    return n


@command("hgetall", 2)
def c_hgetall(server, st, a):
    h = st.get(a[0], dict)
    if h is None:
        return []
    out = []
    for f, v in h.items():
        out += [f, v]
    return out


@command("hlen", 2)
def c_hlen(server, st, a):
    h = st.get(a[0], dict)
    return 0 if h is None else len(h)
