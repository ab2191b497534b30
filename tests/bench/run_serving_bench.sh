#!/usr/bin/env bash
# The serving hot path end to end, side by side with its floor on the same files:
#   floor:  floor_parse reads every line into a RapidJSON DOM, nothing else;
#   agent:  mlobs-agent run --once: serving_ingest -> serving_health -> prometheus, plus a
#           JSON-lines file sink of every window.
# One unmeasured round of both first (the agent's first write of its 1 GB output into memory the
# machine never used yet costs page faults no later run pays), then ROUNDS measured rounds, each
# the floor and then the agent. Prints both times, the ratio and the agent's peak RSS per round,
# and the median ratio.
# usage: tests/bench/run_serving_bench.sh [BUILD_DIR] [WINDOWS] [DEPLOYMENTS] [INVALID_FRACTION]
#                                         [ROUNDS]
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
deployments=${3:-200}
invalid=${4:-0.001}
rounds=${5:-3}
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

run_floor() { "$build/bin/floor_parse" $files; }
run_agent() {
  rm -rf "$work/data" "$work/windows.jsonl"
  "$build/bin/measure_run" "$build/bin/mlobs-agent" run --once --config "$work/bench.yaml" 2>&1 |
    tail -n 1
}

run_floor >/dev/null
run_agent >/dev/null
ratios=()
for round in $(seq "$rounds"); do
  floor=$(run_floor)
  floor_s=$(sed -E 's/.* in ([0-9.]+) s.*/\1/' <<<"$floor")
  report=$(run_agent)
  agent_s=$(sed -E 's/.*wall_seconds=([0-9.]+).*/\1/' <<<"$report")
  out=$(wc -l < "$work/windows.jsonl")
  ratio=$(awk -v a="$agent_s" -v f="$floor_s" 'BEGIN { printf "%.2f", a / f }')
  ratios+=("$ratio")
  echo "round $round: $floor"
  echo "round $round: agent $report"
  awk -v n="$out" -v a="$agent_s" -v r="$ratio" -v i="$round" \
    'BEGIN { printf "round %d: %d windows out, %.0f windows/s; ratio to floor: %sx\n", i, n, n / a, r }'
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "median ratio to floor over $rounds rounds: ${median}x"
