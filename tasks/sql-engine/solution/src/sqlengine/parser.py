"""Recursive-descent parser producing a tuple-based AST.

Expression nodes:
  ("lit", value)                      ("col", table_or_None, name)
  ("neg", e)  ("pos", e)  ("not", e)  ("bin", op, left, right)   op in + - * / % || = != < <= > >= and or
  ("isnull", e, negated)              ("in", e, items_or_subquery, negated)
  ("between", e, lo, hi, negated)     ("like", e, pattern, negated)
  ("func", name, args, distinct, star)
  ("case", operand_or_None, [(when, then)], else_or_None)
  ("subq", select)
"""

from .errors import SQLError
from .lexer import tokenize

KEYWORDS = {
    "select", "from", "where", "group", "by", "having", "order", "limit", "offset", "and", "or", "not",
    "null", "is", "in", "between", "like", "join", "inner", "left", "outer", "on", "as", "distinct",
    "asc", "desc", "case", "when", "then", "else", "end", "all", "cross", "union",
}


class Select:
    def __init__(self):
        self.distinct = False
        self.items = []          # ("expr", expr, alias) | ("star", table_or_None)
        self.tables = []         # [(name, alias)]; first is the base table
        self.joins = []          # [(kind, on_expr)] for tables[1:]; kind "inner" | "left"
        self.where = None
        self.group_by = []
        self.having = None
        self.order_by = []       # [(expr, desc)]
        self.limit = None
        self.offset = None


class Parser:
    def __init__(self, sql):
        self.tokens = tokenize(sql)
        self.i = 0

    # -- token helpers -------------------------------------------------
    def peek(self, k=0):
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def next(self):
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def is_kw(self, word, k=0):
        tok = self.peek(k)
        return tok.kind == "ident" and tok.value == word

    def accept_kw(self, word):
        if self.is_kw(word):
            self.i += 1
            return True
        return False

    def expect_kw(self, word):
        if not self.accept_kw(word):
            self.error(f"expected {word.upper()}")

    def is_op(self, op, k=0):
        tok = self.peek(k)
        return tok.kind == "op" and tok.value == op

    def accept_op(self, op):
        if self.is_op(op):
            self.i += 1
            return True
        return False

    def expect_op(self, op):
        if not self.accept_op(op):
            self.error(f"expected {op!r}")

    def error(self, msg):
        tok = self.peek()
        near = "end of input" if tok.kind == "eof" else repr(tok.value)
        raise SQLError(f"syntax error near {near}: {msg}")

    def identifier(self):
        tok = self.peek()
        if tok.kind != "ident" or tok.value in KEYWORDS:
            self.error("expected an identifier")
        self.i += 1
        return tok.value

    # -- statements ----------------------------------------------------
    def parse_statement(self):
        if not self.is_kw("select"):
            self.error("expected SELECT")
        sel = self.parse_select()
        self.accept_op(";")
        if self.peek().kind != "eof":
            self.error("unexpected trailing input")
        return sel

    def parse_select(self):
        self.expect_kw("select")
        sel = Select()
        if self.accept_kw("distinct"):
            sel.distinct = True
        else:
            self.accept_kw("all")
        while True:
            sel.items.append(self.parse_result_column())
            if not self.accept_op(","):
                break
        if self.accept_kw("from"):
            sel.tables.append(self.parse_table_ref())
            while True:
                if self.accept_op(","):
                    sel.tables.append(self.parse_table_ref())
                    sel.joins.append(("inner", None))
                    continue
                kind = None
                if self.is_kw("join"):
                    kind = "inner"
                    self.next()
                elif self.is_kw("inner") and self.is_kw("join", 1):
                    kind = "inner"
                    self.i += 2
                elif self.is_kw("cross") and self.is_kw("join", 1):
                    kind = "cross"
                    self.i += 2
                elif self.is_kw("left"):
                    self.next()
                    self.accept_kw("outer")
                    self.expect_kw("join")
                    kind = "left"
                if kind is None:
                    break
                sel.tables.append(self.parse_table_ref())
                on = None
                if kind != "cross" and self.accept_kw("on"):
                    on = self.parse_expr()
                elif kind == "left":
                    self.error("expected ON")
                sel.joins.append(("left" if kind == "left" else "inner", on))
        if self.accept_kw("where"):
            sel.where = self.parse_expr()
        if self.is_kw("group"):
            self.next()
            self.expect_kw("by")
            while True:
                sel.group_by.append(self.parse_expr())
                if not self.accept_op(","):
                    break
        if self.accept_kw("having"):
            sel.having = self.parse_expr()
        if self.is_kw("order"):
            self.next()
            self.expect_kw("by")
            while True:
                e = self.parse_expr()
                desc = False
                if self.accept_kw("desc"):
                    desc = True
                else:
                    self.accept_kw("asc")
                sel.order_by.append((e, desc))
                if not self.accept_op(","):
                    break
        if self.accept_kw("limit"):
            first = self.parse_expr()
            if self.accept_kw("offset"):
                sel.limit, sel.offset = first, self.parse_expr()
            elif self.accept_op(","):
                sel.offset, sel.limit = first, self.parse_expr()
            else:
                sel.limit = first
        return sel

    def parse_result_column(self):
        if self.is_op("*"):
            self.next()
            return ("star", None)
        tok = self.peek()
        if tok.kind == "ident" and tok.value not in KEYWORDS and self.is_op(".", 1) and self.is_op("*", 2):
            self.i += 3
            return ("star", tok.value)
        e = self.parse_expr()
        alias = None
        if self.accept_kw("as"):
            alias = self.identifier() if self.peek().kind == "ident" else self._string_alias()
        elif self.peek().kind == "ident" and self.peek().value not in KEYWORDS:
            alias = self.next().value
        return ("expr", e, alias)

    def _string_alias(self):
        tok = self.peek()
        if tok.kind != "str":
            self.error("expected an alias")
        self.i += 1
        return tok.value

    def parse_table_ref(self):
        name = self.identifier()
        alias = name
        if self.accept_kw("as"):
            alias = self.identifier()
        elif self.peek().kind == "ident" and self.peek().value not in KEYWORDS:
            alias = self.next().value
        return (name, alias)

    # -- expressions (SQLite precedence) ---------------------------------
    def parse_expr(self):
        return self.parse_or()

    def parse_or(self):
        left = self.parse_and()
        while self.accept_kw("or"):
            left = ("bin", "or", left, self.parse_and())
        return left

    def parse_and(self):
        left = self.parse_not()
        while self.accept_kw("and"):
            left = ("bin", "and", left, self.parse_not())
        return left

    def parse_not(self):
        if self.accept_kw("not"):
            return ("not", self.parse_not())
        return self.parse_equality()

    def parse_equality(self):
        left = self.parse_comparison()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.value in ("=", "==", "!=", "<>"):
                self.next()
                op = {"==": "=", "<>": "!="}.get(tok.value, tok.value)
                left = ("bin", op, left, self.parse_comparison())
                continue
            if self.is_kw("is"):
                self.next()
                negated = self.accept_kw("not")
                if self.accept_kw("null"):
                    left = ("isnull", left, negated)
                else:
                    right = self.parse_comparison()
                    left = ("is", left, right, negated)
                continue
            negated = False
            save = self.i
            if self.is_kw("not") and (self.is_kw("in", 1) or self.is_kw("between", 1) or self.is_kw("like", 1)):
                self.next()
                negated = True
            if self.accept_kw("in"):
                left = ("in", left, self.parse_in_rhs(), negated)
                continue
            if self.accept_kw("between"):
                lo = self.parse_comparison()
                self.expect_kw("and")
                hi = self.parse_comparison()
                left = ("between", left, lo, hi, negated)
                continue
            if self.accept_kw("like"):
                left = ("like", left, self.parse_comparison(), negated)
                continue
            self.i = save
            return left

    def parse_in_rhs(self):
        self.expect_op("(")
        if self.is_kw("select"):
            sub = self.parse_select()
            self.expect_op(")")
            return ("subq", sub)
        items = []
        if not self.is_op(")"):
            while True:
                items.append(self.parse_expr())
                if not self.accept_op(","):
                    break
        self.expect_op(")")
        return items

    def parse_comparison(self):
        left = self.parse_additive()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.value in ("<", "<=", ">", ">="):
                self.next()
                left = ("bin", tok.value, left, self.parse_additive())
            else:
                return left

    def parse_additive(self):
        left = self.parse_multiplicative()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.value in ("+", "-"):
                self.next()
                left = ("bin", tok.value, left, self.parse_multiplicative())
            else:
                return left

    def parse_multiplicative(self):
        left = self.parse_concat()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.value in ("*", "/", "%"):
                self.next()
                left = ("bin", tok.value, left, self.parse_concat())
            else:
                return left

    def parse_concat(self):
        left = self.parse_unary()
        while self.accept_op("||"):
            left = ("bin", "||", left, self.parse_unary())
        return left

    def parse_unary(self):
        if self.accept_op("-"):
            return ("neg", self.parse_unary())
        if self.accept_op("+"):
            return ("pos", self.parse_unary())
        return self.parse_primary()

    def parse_primary(self):
        tok = self.peek()
        if tok.kind == "num" or tok.kind == "str":
            self.next()
            return ("lit", tok.value)
        if tok.kind == "op" and tok.value == "(":
            self.next()
            if self.is_kw("select"):
                sub = self.parse_select()
                self.expect_op(")")
                return ("subq", sub)
            e = self.parse_expr()
            self.expect_op(")")
            return e
        if tok.kind == "ident":
            if tok.value == "null":
                self.next()
                return ("lit", None)
            if tok.value == "case":
                return self.parse_case()
            if tok.value in KEYWORDS:
                self.error("unexpected keyword")
            self.next()
            if self.is_op("("):
                return self.parse_call(tok.value)
            if self.accept_op("."):
                return ("col", tok.value, self.identifier())
            return ("col", None, tok.value)
        self.error("expected an expression")

    def parse_call(self, name):
        self.expect_op("(")
        if self.accept_op("*"):
            self.expect_op(")")
            return ("func", name, [], False, True)
        distinct = self.accept_kw("distinct")
        args = []
        if not self.is_op(")"):
            while True:
                args.append(self.parse_expr())
                if not self.accept_op(","):
                    break
        self.expect_op(")")
        return ("func", name, args, distinct, False)

    def parse_case(self):
        self.expect_kw("case")
        operand = None
        if not self.is_kw("when"):
            operand = self.parse_expr()
        whens = []
        while self.accept_kw("when"):
            cond = self.parse_expr()
            self.expect_kw("then")
            whens.append((cond, self.parse_expr()))
        if not whens:
            self.error("expected WHEN")
        other = None
        if self.accept_kw("else"):
            other = self.parse_expr()
        self.expect_kw("end")
        return ("case", operand, whens, other)


def parse(sql):
    return Parser(sql).parse_statement()
