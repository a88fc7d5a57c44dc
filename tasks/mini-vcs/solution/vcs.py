#!/usr/bin/env python3
"""mini-vcs entry point; the implementation lives in vcslib.py (byte-compiled once)."""
import sys

from vcslib import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
