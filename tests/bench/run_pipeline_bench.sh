#!/usr/bin/env bash
# End-to-end throughput: N generated events through jsonl_file -> passthrough -> file sink with
# `mlobs-agent run --once`; prints records/s and peak RSS.
# usage: tests/bench/run_pipeline_bench.sh [BUILD_DIR] [N]
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bin/generate_events" "$n" "$work/events.jsonl"
cat > "$work/bench.yaml" <<YAML
agent:
  data_dir: $work/data
  http: { listen: "off" }
  log: { level: warn }
sources:
  events: { type: jsonl_file, paths: ["$work/events.jsonl"], kind: app_event }
processors:
  pass: { type: passthrough, inputs: [events] }
sinks:
  out: { type: file, inputs: [pass], path: $work/out.jsonl }
YAML
size_mib=$(( $(stat -c %s "$work/events.jsonl") / 1048576 ))
echo "input: $n events, ${size_mib} MiB"
report=$("$build/bin/measure_run" "$build/bin/mlobs-agent" run --once --config "$work/bench.yaml" 2>&1 | tail -n 1)
lines=$(wc -l < "$work/out.jsonl")
wall=$(sed -E 's/.*wall_seconds=([0-9.]+).*/\1/' <<<"$report")
echo "$report"
echo "output: $lines records; $(awk -v n="$lines" -v s="$wall" 'BEGIN { printf "%.0f records/s", n / s }')"
[ "$lines" -eq "$n" ] || { echo "expected $n output records" >&2; exit 1; }
