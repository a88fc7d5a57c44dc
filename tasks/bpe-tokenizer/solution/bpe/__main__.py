"""Command line: python3 -m bpe train|encode|decode ..."""

import argparse
import sys

from .tokenizer import Tokenizer
from .trainer import train


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m bpe")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_train = sub.add_parser("train")
    p_train.add_argument("--vocab-size", type=int, required=True)
    p_train.add_argument("--special", action="append", default=[])
    p_train.add_argument("input")
    p_train.add_argument("model")
    p_enc = sub.add_parser("encode")
    p_enc.add_argument("model")
    p_dec = sub.add_parser("decode")
    p_dec.add_argument("model")
    args = parser.parse_args(argv)

    try:
        if args.cmd == "train":
            with open(args.input, "rb") as f:
                text = f.read().decode("utf-8")
            tok = train(text, args.vocab_size, args.special)
            tok.save(args.model)
        elif args.cmd == "encode":
            tok = Tokenizer.load(args.model)
            text = sys.stdin.buffer.read().decode("utf-8")
            ids = tok.encode(text)
            sys.stdout.write(" ".join(map(str, ids)) + "\n")
        else:
            tok = Tokenizer.load(args.model)
            raw = sys.stdin.buffer.read().decode("ascii").split()
            ids = [int(x) for x in raw]
            sys.stdout.buffer.write(tok.decode(ids).encode("utf-8"))
            sys.stdout.flush()
    except (ValueError, OSError) as e:
        sys.stderr.write(f"error: {e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
