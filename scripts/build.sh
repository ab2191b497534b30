#!/usr/bin/env bash
# Configures and builds mlobs into build/ (or build-asan/ with --sanitize).
# Usage: scripts/build.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
flags=()
if [ "${1:-}" = "--sanitize" ]; then
  build_dir=build-asan
  flags+=(-DMLOBS_SANITIZE=ON -DMLOBS_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug)
fi
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2  # keep memory use modest on small machines

# Progress goes to stderr; stdout carries only the build directory, for the calling scripts.
cmake -S . -B "$build_dir" "${flags[@]}" >&2
cmake --build "$build_dir" -j"$jobs" >&2
echo "$build_dir"
