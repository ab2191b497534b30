#!/usr/bin/env bash
# End-to-end throughput of the dataset and training path: N Parquet files (copies of the DuckDB
# fixture, read from their footers), N JSON metadata files and N/2 training bundles through
# dataset_adapter + training_adapter -> freshness, validation -> lineage_file, prometheus, file
# with `mlobs-agent run --once`; prints inputs/s and peak RSS.
# usage: tests/bench/run_dataset_bench.sh [BUILD_DIR] [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
n=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/datasets" "$work/runs"
fixture=plugins/dataset_adapter/tests/fixtures/churn_features.parquet
# Build i happened i seconds after midnight: its version is that time, HHMMSS.
version() { printf '20261120_%02d%02d%02d' $(($1 / 3600 % 24)) $(($1 / 60 % 60)) $(($1 % 60)); }
for i in $(seq 1 "$n"); do
  cp "$fixture" "$work/datasets/features_$i.parquet"
  printf '{"dataset_name":"orders_%d","build_timestamp":"%s","row_count":%d,"build_duration_seconds":%d,"source_data":["s3://raw/orders/%d"]}\n' \
    "$i" "$(version "$i")" $((i * 10)) $((i % 600)) "$i" > "$work/datasets/orders_$i.json"
done
for i in $(seq 1 $((n / 2))); do
  mkdir -p "$work/runs/run_$i"
  printf '{"run_id":"run-%d","candidate_name":"model_%d","model_version":"1","created_at":"2026-11-21T01:30:00Z","started_at":"2026-11-21T01:00:00Z","input_dataset_name":"orders_%d","input_dataset_version":"%s"}\n' \
    "$i" $((i % 50)) "$i" "$(version "$i")" > "$work/runs/run_$i/metadata.json"
  echo '{"test_rmse":0.4,"test_mae":0.3}' > "$work/runs/run_$i/metrics.json"
  echo "s3://models/run-$i" > "$work/runs/run_$i/model_uri.txt"
done
cat > "$work/bench.yaml" <<YAML
agent:
  data_dir: $work/data
  http: { listen: "off" }
  log: { level: warn }
sources:
  datasets: { type: dataset_adapter, paths: ["$work/datasets/*"], non_feature_columns: [account_id, event_ts, churned] }
  training: { type: training_adapter, paths: ["$work/runs/*"] }
processors:
  freshness: { type: freshness, inputs: [datasets] }
  checks: { type: validation, inputs: [datasets, training] }
sinks:
  lineage: { type: lineage_file, inputs: [datasets, training], dir: $work/lineage }
  metrics: { type: prometheus, inputs: [datasets, training, { id: freshness, kinds: [freshness] }] }
  reports: { type: file, inputs: [{ id: checks, kinds: [check_report] }], path: $work/checks.jsonl }
YAML
inputs=$((2 * n + n / 2))
echo "input: $n Parquet files, $n JSON metadata files, $((n / 2)) training bundles"
report=$(${MEASURE_PREFIX:-} "$build/bin/measure_run" "$build/bin/mlobs-agent" run --once --config "$work/bench.yaml" 2>&1 | tail -n 1)
events=$(cat "$work"/lineage/*.ndjson | wc -l)
reports=$(wc -l < "$work/checks.jsonl")
wall=$(sed -E 's/.*wall_seconds=([0-9.]+).*/\1/' <<<"$report")
echo "$report"
echo "output: $events lineage events, $reports check reports; $(awk -v n="$inputs" -v s="$wall" 'BEGIN { printf "%.0f inputs/s", n / s }')"
[ "$events" -eq "$inputs" ] && [ "$reports" -eq "$inputs" ] || { echo "expected $inputs of each" >&2; exit 1; }
