#!/bin/sh
# Reference solution: copy the interpreter (scheme.py + the schemepy package) into the working directory.
set -e
cp -r "$(dirname "$0")/src/." .
