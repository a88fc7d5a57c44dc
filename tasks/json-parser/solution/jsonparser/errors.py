"""The decoding error type, shaped like the standard library's."""


class JSONDecodeError(ValueError):
    """Raised for invalid JSON text.

    Attributes: msg (the bare message), doc (the text), pos (0-based index),
    lineno and colno (1-based).
    """

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        super().__init__("%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)
