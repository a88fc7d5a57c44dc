#!/bin/sh
# Reference solution: install httpd.py into the working directory (/workspace).
set -e
cp "$(dirname "$0")/httpd.py" ./httpd.py
