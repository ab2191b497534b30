#!/usr/bin/env bash
# Installs the Debian 12 packages mlobs builds and tests with. Idempotent: quiet and quick when
# everything is already there. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates curl
  libboost-filesystem-dev libyaml-cpp-dev libcurl4-openssl-dev zlib1g-dev prometheus-cpp-dev rapidjson-dev
  libsimdjson-dev libjemalloc-dev thrift-compiler libthrift-dev libboost-dev
  clang libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  prometheus prometheus-pushgateway
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root (sudo $0)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
