#!/usr/bin/env bash
# Reference solution: install chess_engine.py into the working directory (/workspace).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp "$here/chess_engine.py" ./chess_engine.py
