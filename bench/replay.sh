#!/usr/bin/env bash
# Benchmark: a no-op replay of a running three-node cluster (CI's most common command) against `kubik status` of
# it, whole processes, run alternately so both see the same machine. Prints medians of RUNS pairs (default 10),
# their spread and the ratio (goal <= 1.5x).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-10}"
image="${KUBIK_NODE_IMAGE:-kubik/node:dev}"
export KUBIK_HOME="$(mktemp -d)"
file="$KUBIK_HOME/replay.kube.groovy"
trap './kubik delete kreplay >/dev/null 2>&1 || true; rm -rf "$KUBIK_HOME"' EXIT
./kubik --version >/dev/null
. bench/lib/timing.sh

cat > "$file" <<SCRIPT
cluster('kreplay') {
    driver 'docker'
    nodes 3
    memory '2g'
    cpus 1
    options { image '$image' }
    kubernetes { bootstrapper 'none' }
}
SCRIPT
./kubik run "$file" >/dev/null
./kubik run "$file" | grep -q 'No changes' || { echo "the replay is not a no-op" >&2; exit 1; }

ms() { echo $(( $(date +%s%N) / 1000000 )); }
replays=(); statuses=()
for _ in $(seq "$runs"); do
  s=$(ms); ./kubik run "$file" >/dev/null; replays+=($(( $(ms) - s )))
  s=$(ms); ./kubik status kreplay >/dev/null; statuses+=($(( $(ms) - s )))
done
r=$(printf '%s\n' "${replays[@]}" | median); st=$(printf '%s\n' "${statuses[@]}" | median)
spread() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d-%d", lo, hi }'; }
awk -v r="$r" -v s="$st" -v n="$runs" -v rs="$(spread "${replays[@]}")" -v ss="$(spread "${statuses[@]}")" 'BEGIN {
  printf "no-op replay of 3 running nodes: %d ms (%s)   kubik status of them: %d ms (%s)   ratio %.2fx (goal <= 1.5x; medians of %d)\n", r, rs, s, ss, r / s, n }'
