#!/usr/bin/env bash
# Reference solution: install the `jsonparser` package into the working directory (/workspace).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf ./jsonparser
cp -r "$here/jsonparser" .
