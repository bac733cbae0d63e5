#!/usr/bin/env bash
# Benchmark: the lifecycle commands against their limits, whole processes.
#   kubik plan of a running 3-node cluster with no changes  vs  kubik status of it (goal <= 1.5x), alternately
#   kubik delete of a 4-node cluster  vs  raw `docker rm -f` of the same 4 containers with their volumes, then
#   the network, all in parallel (goal <= 1.5x); each round makes the cluster again with kubik run
# Prints medians of RUNS pairs (default 5 for delete, 10 for plan) and each ratio's spread.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
image="${KUBIK_NODE_IMAGE:-kubik/node:dev}"
export KUBIK_HOME="$(mktemp -d)"
trap './kubik delete kplan >/dev/null 2>&1 || true; ./kubik delete kdel >/dev/null 2>&1 || true; rm -rf "$KUBIK_HOME"' EXIT
./kubik --version >/dev/null
. bench/lib/timing.sh
ms() { echo $(( $(date +%s%N) / 1000000 )); }
spread() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }

script() {
  cat > "$KUBIK_HOME/$1.kube.groovy" <<SCRIPT
cluster('$1') {
    driver 'docker'
    nodes $2
    memory '2g'
    cpus 1
    options { image '$image' }
    kubernetes { bootstrapper 'none' }
}
SCRIPT
  echo "$KUBIK_HOME/$1.kube.groovy"
}

# kubik plan (no changes) vs kubik status
file=$(script kplan 3)
./kubik run "$file" >/dev/null
plans=(); statuses=(); ratios=()
for _ in $(seq $(( runs * 2 ))); do
  s=$(ms); ./kubik plan "$file" | grep -q 'No changes'; p=$(( $(ms) - s ))
  s=$(ms); ./kubik status kplan >/dev/null; t=$(( $(ms) - s ))
  plans+=("$p"); statuses+=("$t"); ratios+=("$(awk -v a="$p" -v b="$t" 'BEGIN { printf "%.2f", a / b }')")
done
./kubik delete kplan >/dev/null
p=$(printf '%s\n' "${plans[@]}" | median); t=$(printf '%s\n' "${statuses[@]}" | median)
awk -v p="$p" -v t="$t" -v s="$(spread "${ratios[@]}")" -v n="${#plans[@]}" 'BEGIN {
  printf "kubik plan, 3 running nodes, no changes: %d ms   kubik status: %d ms   ratio %.2fx (rounds %s; goal <= 1.5x; medians of %d)\n", p, t, p / t, s, n }'

# kubik delete vs raw docker rm -f of the same containers, volumes and network
file=$(script kdel 4)
deletes=(); raws=(); ratios=()
for _ in $(seq "$runs"); do
  ./kubik run "$file" >/dev/null
  s=$(ms); ./kubik delete kdel >/dev/null; d=$(( $(ms) - s ))
  ./kubik run "$file" >/dev/null
  names=$(docker ps -a --filter label=dev.kubik.cluster=kdel --format '{{.Names}}')
  volumes=$(docker volume ls -q --filter label=dev.kubik.cluster=kdel)
  s=$(ms)
  for n in $names; do docker rm -f "$n" >/dev/null & done; wait
  for v in $volumes; do docker volume rm "$v" >/dev/null & done; wait
  docker network rm kubik-kdel >/dev/null
  r=$(( $(ms) - s ))
  rm -rf "$KUBIK_HOME/profiles/kdel"
  deletes+=("$d"); raws+=("$r"); ratios+=("$(awk -v a="$d" -v b="$r" 'BEGIN { printf "%.2f", a / b }')")
done
d=$(printf '%s\n' "${deletes[@]}" | median); r=$(printf '%s\n' "${raws[@]}" | median)
awk -v d="$d" -v r="$r" -v s="$(spread "${ratios[@]}")" -v n="$runs" 'BEGIN {
  printf "kubik delete, 4 nodes: %d ms   raw docker rm -f, volumes, network (parallel): %d ms   ratio %.2fx (rounds %s; goal <= 1.5x; medians of %d)\n", d, r, d / r, s, n }'
