#!/bin/sh
# Reference solution: install the `sqlengine` package into the working directory (/workspace).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf ./sqlengine
cp -r "$here/src/." .
