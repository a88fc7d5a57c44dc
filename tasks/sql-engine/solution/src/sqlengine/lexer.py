"""Tokenizer for the supported SQL subset."""

from .errors import SQLError

# token kinds: "num", "str", "ident", "op", "eof"
OPERATORS = ["<=", ">=", "<>", "!=", "==", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ".", ";"]


class Token:
    __slots__ = ("kind", "value", "pos")

    def __init__(self, kind, value, pos):
        self.kind = kind
        self.value = value
        self.pos = pos

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r})"


def tokenize(sql):
    tokens = []
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c.isspace():
            i += 1
            continue
        if c == "-" and sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c.isdigit() or (c == "." and i + 1 < n and sql[i + 1].isdigit()):
            j = i
            is_float = False
            while j < n and sql[j].isdigit():
                j += 1
            if j < n and sql[j] == ".":
                is_float = True
                j += 1
                while j < n and sql[j].isdigit():
                    j += 1
            if j < n and sql[j] in "eE":
                k = j + 1
                if k < n and sql[k] in "+-":
                    k += 1
                if k < n and sql[k].isdigit():
                    is_float = True
                    j = k
                    while j < n and sql[j].isdigit():
                        j += 1
            if j < n and (sql[j].isalpha() or sql[j] == "_"):
                raise SQLError(f"unrecognized token: {sql[i:j + 1]!r}")
            text = sql[i:j]
            tokens.append(Token("num", float(text) if is_float else int(text), i))
            i = j
            continue
        if c == "'":
            j = i + 1
            parts = []
            while True:
                if j >= n:
                    raise SQLError("unterminated string literal")
                if sql[j] == "'":
                    if j + 1 < n and sql[j + 1] == "'":
                        parts.append("'")
                        j += 2
                        continue
                    break
                parts.append(sql[j])
                j += 1
            tokens.append(Token("str", "".join(parts), i))
            i = j + 1
            continue
        if c == '"':
            j = sql.find('"', i + 1)
            if j < 0:
                raise SQLError("unterminated quoted identifier")
            tokens.append(Token("ident", sql[i + 1:j].lower(), i))
            i = j + 1
            continue
        if c.isalpha() or c == "_":
            j = i
            while j < n and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            tokens.append(Token("ident", sql[i:j].lower(), i))
            i = j
            continue
        for op in OPERATORS:
            if sql.startswith(op, i):
                tokens.append(Token("op", op, i))
                i += len(op)
                break
        else:
            raise SQLError(f"unrecognized token: {c!r}")
    tokens.append(Token("eof", None, n))
    return tokens
