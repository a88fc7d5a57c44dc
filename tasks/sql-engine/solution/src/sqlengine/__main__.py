"""Command line: python3 -m sqlengine DIR "SQL" prints the result rows as CSV."""

import csv
import sys

from . import Database, SQLError


def format_value(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python3 -m sqlengine DIR SQL", file=sys.stderr)
        return 2
    try:
        rows = Database(argv[0]).execute(argv[1])
    except SQLError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    writer = csv.writer(sys.stdout, lineterminator="\n")
    for row in rows:
        writer.writerow([format_value(v) for v in row])
    return 0


if __name__ == "__main__":
    sys.exit(main())
