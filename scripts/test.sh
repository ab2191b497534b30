#!/usr/bin/env bash
# Installs what the tests need, builds, and runs every test with ctest.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: an ASan + UBSan build in build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/install-node-deps.sh
build_dir=$(scripts/build.sh "$@" | tail -n 1)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
# use_tls=0: LeakSanitizer's tracer crashes scanning the thread-local storage of dlopen'ed
# plugins here; without TLS as a root, leak checking is stricter, not looser. The one thing only
# TLS holds, glibc's own vector of TLS blocks, is suppressed (tests/sanitizers/lsan.supp says why).
export LSAN_OPTIONS=${LSAN_OPTIONS:-use_tls=0:suppressions=$PWD/tests/sanitizers/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=$(nproc 2>/dev/null || echo 2)
ctest --test-dir "$build_dir" --output-on-failure -j"$jobs" --timeout 300
