#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined; GCC has no
# coverage instrumentation for libFuzzer) and runs each for a while on its seed corpus:
#   parquet_footer_fuzzer  the Parquet fixtures as whole files, and their footers alone;
#   metadata_json_fuzzer   dataset and training metadata JSON (tests/fuzz/corpus/metadata_json).
# usage: tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET]    (needs clang, libclang-rt-14-dev)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

adapter=plugins/dataset_adapter/src
training=plugins/training_adapter/src
thrift --gen cpp -out "$work" "$adapter/parquet_footer.thrift"
# pointer-overflow is left out: Debian's RapidJSON 1.1.0 offsets a null pointer in its parse
# stack, which clang's UBSan reports (GCC's, in the sanitizer suite, does not).
build() {  # name, sources...
  local name=$1
  shift
  # shellcheck disable=SC2046  # pkg-config prints several flags
  clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize=pointer-overflow \
    -fno-sanitize-recover=undefined \
    -I "$adapter" -I "$training" -I "$work" -I plugins/common/rfc3339/include $(pkg-config --cflags thrift) \
    "$@" "$adapter/parquet_footer.cpp" "$work/parquet_footer_types.cpp" \
    $(pkg-config --libs thrift) -o "$work/$name"
}
build parquet_footer_fuzzer tests/fuzz/parquet_footer_fuzzer.cpp
build metadata_json_fuzzer tests/fuzz/metadata_json_fuzzer.cpp "$adapter/dataset_build.cpp" \
  "$training/training_run.cpp" plugins/common/rfc3339/src/rfc3339.cpp

mkdir -p "$work/footers"
for f in plugins/dataset_adapter/tests/fixtures/*.parquet; do
  cp "$f" "$work/footers/"
  size=$(stat -c %s "$f")
  footer=$(od -An -t u4 -j $((size - 8)) -N 4 "$f" | tr -d ' ')
  tail -c $((footer + 8)) "$f" | head -c "$footer" > "$work/footers/$(basename "$f" .parquet).footer"
done
mkdir -p "$work/metadata"
cp tests/fuzz/corpus/metadata_json/* "$work/metadata/"
cp plugins/training_adapter/tests/fixtures/run_metadata.json "$work/metadata/"
for bundle in plugins/training_adapter/tests/fixtures/bundle_*; do
  for f in "$bundle"/*; do cp "$f" "$work/metadata/$(basename "$bundle")_$(basename "$f")"; done
done

run() {  # name, corpus
  echo "fuzzing $1 for ${seconds} s on $(ls "$2" | wc -l) seeds"
  "$work/$1" -max_total_time="$seconds" -max_len=131072 -print_final_stats=1 "$2" 2>&1 |
    tail -n 40
}
run parquet_footer_fuzzer "$work/footers"
run metadata_json_fuzzer "$work/metadata"
