"""CDCL SAT solver: command line front end and Python API.

    python3 sat.py FILE.cnf      -> SAT-competition output, exit 10 (SAT) / 20 (UNSAT)
    from sat import solve        -> solve(clauses, num_vars) -> list[int] | None
"""

import sys

from cdcl import Solver, solve  # noqa: F401  (re-exported API)


class DimacsError(Exception):
    pass


def parse_dimacs(text):
    """Return (num_vars, clauses) from DIMACS CNF text."""
    num_vars = None
    num_clauses = None
    clauses = []
    current = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("c"):
            continue
        if line.startswith("%"):
            break
        if line.startswith("p"):
            parts = line.split()
            if len(parts) != 4 or parts[1] != "cnf":
                raise DimacsError(f"bad problem line: {line!r}")
            try:
                num_vars, num_clauses = int(parts[2]), int(parts[3])
            except ValueError:
                raise DimacsError(f"bad problem line: {line!r}") from None
            if num_vars < 0 or num_clauses < 0:
                raise DimacsError(f"bad problem line: {line!r}")
            continue
        if num_vars is None:
            raise DimacsError("clause before the problem line")
        for tok in line.split():
            try:
                x = int(tok)
            except ValueError:
                raise DimacsError(f"bad token {tok!r}") from None
            if x == 0:
                clauses.append(current)
                current = []
            else:
                if abs(x) > num_vars:
                    raise DimacsError(f"literal {x} exceeds the declared {num_vars} variables")
                current.append(x)
    if num_vars is None:
        raise DimacsError("missing problem line")
    if current:
        clauses.append(current)
    return num_vars, clauses


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: sat.py FILE.cnf\n")
        return 1
    try:
        with open(argv[1], "r", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        num_vars, clauses = parse_dimacs(text)
    except (OSError, DimacsError) as exc:
        sys.stderr.write(f"c error: {exc}\n")
        return 1
    model = solve(clauses, num_vars)
    out = sys.stdout
    if model is None:
        out.write("s UNSATISFIABLE\n")
        out.flush()
        return 20
    out.write("s SATISFIABLE\n")
    line = ["v"]
    width = 1
    for lit in model + [0]:
        tok = str(lit)
        if width + len(tok) + 1 > 78:
            out.write(" ".join(line) + "\n")
            line = ["v"]
            width = 1
        line.append(tok)
        width += len(tok) + 1
    out.write(" ".join(line) + "\n")
    out.flush()
    return 10


if __name__ == "__main__":
    sys.exit(main(sys.argv))
