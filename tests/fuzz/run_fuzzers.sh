#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined; GCC has no
# coverage instrumentation for libFuzzer) and runs each for a while on its seed corpus: the
# Parquet fixtures as whole files, and their footers alone.
# usage: tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET]    (needs clang, libclang-rt-14-dev)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

thrift --gen cpp -out "$work" plugins/dataset_adapter/src/parquet_footer.thrift
# shellcheck disable=SC2046  # pkg-config prints several flags
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I plugins/dataset_adapter/src -I "$work" $(pkg-config --cflags thrift) \
  tests/fuzz/parquet_footer_fuzzer.cpp plugins/dataset_adapter/src/parquet_footer.cpp \
  "$work/parquet_footer_types.cpp" $(pkg-config --libs thrift) -o "$work/parquet_footer_fuzzer"

mkdir -p "$work/corpus"
for f in plugins/dataset_adapter/tests/fixtures/*.parquet; do
  cp "$f" "$work/corpus/"
  size=$(stat -c %s "$f")
  footer=$(od -An -t u4 -j $((size - 8)) -N 4 "$f" | tr -d ' ')
  tail -c $((footer + 8)) "$f" | head -c "$footer" > "$work/corpus/$(basename "$f" .parquet).footer"
done
echo "fuzzing the Parquet footer reader for ${seconds} s on $(ls "$work/corpus" | wc -l) seeds"
"$work/parquet_footer_fuzzer" -max_total_time="$seconds" -max_len=131072 -print_final_stats=1 \
  "$work/corpus" 2>&1 | tail -n 40
