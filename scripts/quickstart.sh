#!/usr/bin/env bash
# Installs, builds and runs the agent on config/quickstart.yaml over the sample data in
# config/sample-data. Stop it with Ctrl-C; records land in /tmp/mlobs-quickstart/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build_dir=$(scripts/build.sh | tail -n 1)
echo
echo "mlobs quickstart: metrics at http://127.0.0.1:9464/metrics," \
     "readiness at http://127.0.0.1:9464/v1/health/ready (Ctrl-C to stop)"
echo
exec "$build_dir/bin/mlobs-agent" run --config config/quickstart.yaml "$@"
