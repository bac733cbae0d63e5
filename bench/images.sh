#!/usr/bin/env bash
# Benchmark: `kubik image load` against the raw pipeline it replaces, for a 50 MiB image and a two-node cluster.
#   kubik:  the whole `kubik image load IMAGE -p PROFILE` process (JVM start, docker save, SSH streams)
#   raw:    `docker save` to a file, then `docker exec -i NODE ctr -n k8s.io images import -` into both nodes in
#           parallel (what a user would script by hand, without SSH)
# The image is removed from the nodes between rounds, so every round imports for real. Prints medians of ROUNDS
# rounds (default 3) and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"
image="${KUBIK_NODE_IMAGE:-kubik/node:dev}"
export KUBIK_HOME="$(mktemp -d)"
work="$(mktemp -d)"
trap './kubik delete ibench >/dev/null 2>&1 || true; docker rmi -f kubik-bench/payload:1 >/dev/null 2>&1 || true; rm -rf "$KUBIK_HOME" "$work"' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
. bench/lib/timing.sh

mkdir -p "$work/rootfs/bin"
cp /bin/busybox "$work/rootfs/bin/busybox"
head -c $((50 * 1024 * 1024)) /dev/urandom > "$work/rootfs/payload"
tar -C "$work/rootfs" -c . | docker import - kubik-bench/payload:1 >/dev/null

cat > "$work/ibench.kube.groovy" <<SCRIPT
cluster('ibench') {
    driver 'docker'
    nodes 2
    memory '2g'
    cpus 1
    options { image '$image' }
    kubernetes { bootstrapper 'none' }
}
SCRIPT
./kubik run "$work/ibench.kube.groovy" >/dev/null

forget() {
  for node in ibench ibench-m02; do
    docker exec "$node" ctr -n k8s.io images rm docker.io/kubik-bench/payload:1 >/dev/null 2>&1 || true
  done
}

raw() {
  local start; start=$(ms)
  docker save --output "$work/payload.tar" kubik-bench/payload:1
  for node in ibench ibench-m02; do
    docker exec -i "$node" ctr -n k8s.io images import - < "$work/payload.tar" >/dev/null &
  done
  wait
  rm -f "$work/payload.tar"
  echo $(( $(ms) - start ))
}

kubik_load() {
  local start; start=$(ms)
  ./kubik image load kubik-bench/payload:1 -p ibench >/dev/null
  echo $(( $(ms) - start ))
}

raws=(); kubiks=()
for _ in $(seq "$rounds"); do
  forget; raws+=("$(raw)")
  forget; kubiks+=("$(kubik_load)")
done
r=$(printf '%s\n' "${raws[@]}" | median); k=$(printf '%s\n' "${kubiks[@]}" | median)
awk -v k="$k" -v r="$r" -v R="$rounds" 'BEGIN {
  printf "image load, 50 MiB into 2 nodes: kubik %d ms   raw docker save + docker exec ctr import %d ms   ratio %.2fx (medians of %d)\n", k, r, k / r, R }'
