#!/usr/bin/env bash
# Build the C ncurses reference used by till-bench (outside SwiftPM, on purpose).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p ../../.build/reference
cc -O2 -Wall -o ../../.build/reference/list_reference list_reference.c $(pkg-config --cflags --libs ncursesw)
echo "../../.build/reference/list_reference"
