#!/bin/sh
# Reference solution: copy the CDCL solver (sat.py + cdcl.py) into the working directory.
set -e
cp -r "$(dirname "$0")/src/." .
