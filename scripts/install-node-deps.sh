#!/usr/bin/env bash
# Installs the npm packages of the backends the integration tests start (tests/node: Sentry's
# Spotlight sidecar as an envelope receiver, Ajv for the OpenLineage schemas), exactly as
# package-lock.json pins them. Idempotent: quick when node_modules matches the lock.
set -euo pipefail
cd "$(dirname "$0")/../tests/node"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-node-deps: node and npm are missing; run as root (sudo $0)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && cmp -s package-lock.json.sha256 <(sha256sum package-lock.json) 2>/dev/null; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
sha256sum package-lock.json > package-lock.json.sha256
