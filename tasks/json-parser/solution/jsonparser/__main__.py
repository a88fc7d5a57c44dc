"""Command line: python3 -m jsonparser validate FILE | pretty FILE [--indent N] [--sort-keys]"""

import argparse
import sys

from . import JSONDecodeError, dumps, loads


def _read(path):
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return data.decode("utf-8")


def _non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("indent must be >= 0")
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m jsonparser")
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="check that FILE is valid JSON")
    p_val.add_argument("file")
    p_pretty = sub.add_parser("pretty", help="pretty-print FILE")
    p_pretty.add_argument("file")
    p_pretty.add_argument("--indent", type=_non_negative, default=2)
    p_pretty.add_argument("--sort-keys", action="store_true")
    args = parser.parse_args(argv)

    try:
        text = _read(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        obj = loads(text)
    except JSONDecodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.command == "validate":
        sys.stdout.write("valid\n")
    else:
        sys.stdout.write(dumps(obj, indent=args.indent, sort_keys=args.sort_keys) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
