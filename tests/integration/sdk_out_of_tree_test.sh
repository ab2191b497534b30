#!/usr/bin/env bash
# A third-party plugin author's path, end to end: install the agent and the SDK, build the
# add_tag example against the installed SDK only (find_package(mlobs-sdk)), run the example's
# own harness tests, then run the INSTALLED agent with the installed plugins plus add_tag and
# check every record came out tagged.
#
# usage: sdk_out_of_tree_test.sh <source dir> <build dir> [ON|OFF: sanitizers]
set -euo pipefail

src=${1:?source dir}
build=${2:?build dir}
sanitize=${3:-OFF}

work=$(mktemp -d "${TMPDIR:-/tmp}/mlobs-sdk-it-XXXXXX")
cleanup() {
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

prefix=$work/prefix
echo "== install $build -> $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || {
  cat "$work/install.log" >&2
  fail "cmake --install"
}

[[ -x $prefix/bin/mlobs-agent ]] || fail "no $prefix/bin/mlobs-agent after install"
for plugin in jsonl_file file_sink passthrough; do
  [[ -f $prefix/lib/mlobs/plugins/$plugin.so ]] ||
    fail "$plugin.so not installed in $prefix/lib/mlobs/plugins (install tree: $(cd "$prefix" && find . -name '*.so' | tr '\n' ' '))"
done
# Test-only plugins stay out of the installed plugin directory.
for plugin in flaky_sink counting_source; do
  [[ ! -e $prefix/lib/mlobs/plugins/$plugin.so ]] || fail "test plugin $plugin.so was installed"
done

# The installed agent finds its plugins next to itself, with no config at all.
"$prefix/bin/mlobs-agent" plugins >"$work/plugins.out" 2>&1 || {
  cat "$work/plugins.out" >&2
  fail "installed 'mlobs-agent plugins' failed"
}
grep -q "source:jsonl_file" "$work/plugins.out" || {
  cat "$work/plugins.out" >&2
  fail "the installed agent does not find jsonl_file in its default plugin directory"
}

echo "== build sdk/examples/add_tag against the installed SDK"
example_build=$work/add_tag-build
extra=()
if [[ $sanitize == ON ]]; then
  # The installed static libraries carry sanitizer instrumentation; what links them must too.
  flags="-fsanitize=address,undefined -fno-omit-frame-pointer"
  extra=(-DMLOBS_SANITIZE=ON "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags"
         "-DCMAKE_MODULE_LINKER_FLAGS=$flags")
fi
cmake -S "$src/sdk/examples/add_tag" -B "$example_build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" >"$work/configure.log" 2>&1 || {
  cat "$work/configure.log" >&2
  fail "configuring the example against the installed SDK"
}
cmake --build "$example_build" -j2 >"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2
  fail "building the example"
}
[[ -f $example_build/add_tag.so ]] || fail "no add_tag.so in $example_build"
ctest --test-dir "$example_build" --output-on-failure >"$work/example-ctest.log" 2>&1 || {
  cat "$work/example-ctest.log" >&2
  fail "the example's own harness tests"
}

echo "== run the installed agent with add_tag"
mkdir -p "$work/in"
records=25
for ((i = 0; i < records; i++)); do
  printf '{"n":%d,"msg":"line %d"}\n' "$i" "$i"
done >"$work/in/events.jsonl"
cat >"$work/agent.yaml" <<YAML
agent:
  data_dir: "$work/data"
  http: { listen: "127.0.0.1:0" }
  plugin_dirs: ["$prefix/lib/mlobs/plugins", "$example_build"]
sources:
  app: { type: jsonl_file, paths: ["$work/in/*.jsonl"], kind: app_event, read_from: beginning }
processors:
  tagged: { type: add_tag, inputs: [app], field: team, value: ml-platform }
sinks:
  out: { type: file, inputs: [tagged], path: "$work/out.jsonl" }
YAML

# Under a deadline, so a hang fails the test instead of stalling ctest.
status=0
timeout --kill-after=5 60 "$prefix/bin/mlobs-agent" run --config "$work/agent.yaml" --once \
  >"$work/agent.out" 2>"$work/agent.err" || status=$?
if ((status == 124)); then
  cat "$work/agent.err" >&2
  fail "the installed agent did not exit within 60 s in --once mode"
elif ((status != 0)); then
  cat "$work/agent.err" >&2
  fail "the installed agent exited $status"
fi

[[ -f $work/out.jsonl ]] || fail "the sink wrote nothing"
lines=$(wc -l <"$work/out.jsonl")
ws='[[:space:]]*'
tagged=$(grep -c -E "\"body\"$ws:$ws\\{.*\"team\"$ws:$ws\"ml-platform\"" "$work/out.jsonl" || true)
distinct=$(awk 'match($0, /"n"[ ]*:[ ]*[0-9]+/) {
  k = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", k)
  if (!(k in seen)) { seen[k] = 1; c++ }
} END { print c + 0 }' "$work/out.jsonl")
((lines == records)) || fail "expected $records records, the sink has $lines"
((tagged == records)) || fail "only $tagged of $records records carry body.team == ml-platform: $(head -n 3 "$work/out.jsonl")"
((distinct == records)) || fail "expected $records distinct records, got $distinct"
echo "PASS: $records records through the installed agent, each tagged by the out-of-tree add_tag"
