#!/bin/sh
# Reference solution: install vcs.py and vcslib.py into the working directory (/workspace).
set -e
here="$(dirname "$0")"
cp "$here/vcs.py" "$here/vcslib.py" .
python3 -m py_compile vcslib.py || true
