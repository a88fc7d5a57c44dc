#!/usr/bin/env bash
# Reference solution: install the `regexengine` package into the working directory (/workspace).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf ./regexengine
cp -r "$here/regexengine" .
