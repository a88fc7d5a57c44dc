#!/bin/sh
# Reference solution: copy kvserver.py (and its kvstore.py module) into the working directory (/workspace).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
cp -r "$here/src/." .
chmod +x kvserver.py
