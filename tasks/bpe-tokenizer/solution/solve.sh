#!/usr/bin/env bash
# Reference solution: install the `bpe` package into the working directory (/workspace).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf ./bpe
cp -r "$here/bpe" .
