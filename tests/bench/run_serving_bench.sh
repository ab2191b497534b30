#!/usr/bin/env bash
# The serving hot path end to end, side by side with its floor on the same files:
#   floor:  floor_parse reads every line into a RapidJSON DOM, nothing else;
#   agent:  mlobs-agent run --once: serving_ingest -> serving_health -> prometheus, plus a
#           JSON-lines file sink of every window.
# Prints both times, the ratio and the agent's peak RSS.
# usage: tests/bench/run_serving_bench.sh [BUILD_DIR] [WINDOWS] [DEPLOYMENTS] [INVALID_FRACTION]
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
deployments=${3:-200}
invalid=${4:-0.001}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bin/generate_serving_windows" "$n" "$deployments" "$work/serving" "$invalid"
files=$(find "$work/serving" -name '*.jsonl' | sort)
size_mib=$(( $(cat $files | wc -c) / 1048576 ))
echo "input: $n windows over $deployments deployments, ${size_mib} MiB, invalid fraction $invalid"

cat > "$work/bench.yaml" <<YAML
agent:
  data_dir: $work/data
  http: { listen: "off" }
  log: { level: warn }
sources:
  serving: { type: serving_ingest, root: $work/serving }
processors:
  health: { type: serving_health, inputs: [serving] }
sinks:
  metrics: { type: prometheus, inputs: [serving, { id: health, kinds: [deployment_health] }] }
  windows: { type: file, inputs: [serving], path: $work/windows.jsonl }
YAML

floor=$("$build/bin/floor_parse" $files)
echo "$floor"
floor_s=$(sed -E 's/.* in ([0-9.]+) s.*/\1/' <<<"$floor")

report=$("$build/bin/measure_run" "$build/bin/mlobs-agent" run --once --config "$work/bench.yaml" 2>&1 | tail -n 1)
echo "agent: $report"
agent_s=$(sed -E 's/.*wall_seconds=([0-9.]+).*/\1/' <<<"$report")
out=$(wc -l < "$work/windows.jsonl")
awk -v n="$out" -v a="$agent_s" -v f="$floor_s" \
  'BEGIN { printf "agent: %d windows out, %.0f windows/s; ratio to floor: %.2fx\n", n, n / a, a / f }'
