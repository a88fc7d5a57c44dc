"""A Scheme interpreter.

    python3 scheme.py FILE     run a program
    python3 scheme.py          REPL on stdin (no prompt, no echo)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from schemepy.interp import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv))
