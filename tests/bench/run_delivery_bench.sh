#!/usr/bin/env bash
# End-to-end delivery: N generated events through jsonl_file -> http sink to a local HTTP backend
# (bench_http_receiver) with `mlobs-agent run --once`, once with a memory buffer and once with a
# disk buffer; prints records/s and peak RSS for each and checks the backend got exactly N records.
# usage: tests/bench/run_delivery_bench.sh [BUILD_DIR] [N] [BUFFERS (default "memory disk")]
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
buffers=${3:-memory disk}
work=$(mktemp -d)
receiver_pid=
cleanup() {
  [ -n "$receiver_pid" ] && kill "$receiver_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$build/bin/generate_events" "$n" "$work/events.jsonl"
echo "input: $n events, $(( $(stat -c %s "$work/events.jsonl") / 1048576 )) MiB"

status=0
for buffer in $buffers; do
  # A fresh backend and data dir per run: its count is this run's, and no checkpoint or buffer
  # is left from the one before.
  # The previous run's file goes first: the shell truncates it only once the receiver is forked,
  # and reading its old first line would give no port.
  rm -f "$work/receiver.out"
  "$build/bin/bench_http_receiver" > "$work/receiver.out" &
  receiver_pid=$!
  until [ -s "$work/receiver.out" ]; do sleep 0.05; done
  port=$(head -n 1 "$work/receiver.out")
  [[ "$port" =~ ^[0-9]+$ ]] || { echo "no port from bench_http_receiver: $port" >&2; exit 1; }
  rm -rf "$work/data"
  cat > "$work/bench.yaml" <<YAML
agent:
  data_dir: $work/data
  http: { listen: "off" }
  log: { level: warn }
sources:
  events: { type: jsonl_file, paths: ["$work/events.jsonl"], kind: app_event }
sinks:
  out:
    type: http
    inputs: [events]
    url: http://127.0.0.1:$port/v1/records
    buffer: { type: $buffer, max_size: 1GiB }
YAML
  report=$("$build/bin/measure_run" "$build/bin/mlobs-agent" run --once --config "$work/bench.yaml" 2>&1 | tail -n 1)
  kill -TERM "$receiver_pid"
  wait "$receiver_pid"
  receiver_pid=
  received=$(tail -n 1 "$work/receiver.out")
  records=${received%% *}
  wall=$(sed -E 's/.*wall_seconds=([0-9.]+).*/\1/' <<<"$report")
  echo "$buffer buffer: $report"
  echo "$buffer buffer: received $received; $(awk -v n="$records" -v s="$wall" 'BEGIN { printf "%.0f records/s", n / s }')"
  [ "$records" -eq "$n" ] || { echo "$buffer buffer: expected $n records at the backend" >&2; status=1; }
done
exit $status
