#!/usr/bin/env bash
# Benchmark: kubik's node creation against the raw container work on the same image.
#   kubik:  `kubik run` of a fresh N-node script minus `kubik run --dry-run` of it (JVM start is measured by
#           bench/dry-run.sh, not here), each timed from its plan event (--output json) to its exit: the two runs
#           do the same until they show the plan, and the time to it (a JVM start, the script, the driver's
#           health, ~1.5 s) varies by hundreds of ms between processes on a host still cleaning up a previous
#           round's containers; that noise is not kubik's work. Whole runs minus whole dry runs (the median of
#           three) are printed beside it.
#   raw:    a shell creating the network, then `docker run` with the settings kubik's docker driver gives the node
#           (privileges, /var volume, the script's cpus and memory, SSH and API server ports published), waiting for
#           the SSH banner and for `ctr version` to answer; N nodes started in parallel. Its waits fork nothing
#           (bench/lib/waits.sh): the raw side is the fastest this shell can see a node come up
# Rounds alternate raw, kubik, raw, kubik, ..., raw: each kubik run is compared with the mean of the raw runs just
# before and just after it, so a host that drifts faster or slower during the bench (a shared VM does) moves both
# sides of a round alike. One round first is a warm-up and is not counted (a host's first container after a pause
# boots slower). CONTROL=1 runs a raw node where kubik's would be: the same rounds then show the bench's own noise
# floor (a perfect kubik's spread).
# Prints medians of ROUNDS rounds (default 3) for N=1 and N=4 (NODES="1" for one), and the ratios (goals: 1.15x and 1.2x);
# on stderr, each round's times and the CPU the first node had used in its cgroup when its creation ended (a node boots
# against its CPU quota, so every process run inside it while it boots costs the boot about that much time).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"
image="${KUBIK_NODE_IMAGE:-kubik/node:dev}"
# The node's size, in the script and in the raw run alike: a CPU quota slows a node's boot (measured: --cpus 1
# adds ~0.4 s to a raw node here), so a raw side without it would not be the same container work. The raw node
# takes its CPUs as the driver gives them: a quota over a 10 ms period (DockerDriver.cpuLimit).
cpus=1
memory_mib=2048
export KUBIK_HOME="$(mktemp -d)"
trap 'rm -rf "$KUBIK_HOME"' EXIT
./kubik --version >/dev/null

ms() { echo $(( $(date +%s%N) / 1000000 )); }
. bench/lib/timing.sh
. bench/lib/waits.sh

# The privileges kubik would use here: --privileged where the daemon grants it, else explicit capabilities.
if docker run --rm --privileged --entrypoint /bin/true "$image" >/dev/null 2>&1; then
  privileges=(--privileged)
else
  docker ps -aq --filter status=created --filter ancestor="$image" | xargs -r docker rm -f >/dev/null
  privileges=(--cap-add ALL --cap-drop SYS_RESOURCE --volume /sys/fs/cgroup:/sys/fs/cgroup:rw)
fi

# kubik's driver mounts the host's kernel modules where they exist (kube-proxy and CNI plugins load modules).
modules=()
[ -d /lib/modules ] && modules=(--volume /lib/modules:/lib/modules:ro)

# Milliseconds of CPU a container has used (cgroup v1 or v2), "?" where neither is found.
node_cpu() {
  local id; id=$(docker inspect --format '{{.Id}}' "$1")
  if [ -r "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage" ]; then
    echo $(( $(cat "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage") / 1000000 ))
  elif [ -r "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat" ]; then
    awk '$1 == "usage_usec" { print int($2 / 1000) }' "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat"
  else
    echo "?"
  fi
}

raw_node() {
  local name=$1 ip=$2
  docker volume create "$name" >/dev/null
  docker run -d -t --name "$name" --hostname "$name" --network kubik-rawbench --ip "$ip" --volume "$name:/var" \
    --tmpfs /tmp --tmpfs /run --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    --cpu-period 10000 --cpu-quota $((cpus * 10000)) --memory "${memory_mib}m" --memory-swap "${memory_mib}m" "${modules[@]}" \
    -e container=docker --stop-signal SIGRTMIN+3 --publish 127.0.0.1::22 --publish 127.0.0.1::8443 \
    "${privileges[@]}" "$image" >/dev/null
  local port; port=$(docker port "$name" 22/tcp | head -n1 | cut -d: -f2)
  await_banner "$port"
  until docker exec "$name" ctr version >/dev/null 2>&1; do pause; done
}

raw() {
  local n=$1
  local start; start=$(ms)
  docker network create --subnet 192.168.240.0/24 kubik-rawbench >/dev/null
  for i in $(seq 1 "$n"); do raw_node "rawbench$i" "192.168.240.$((i + 1))" & done
  wait
  local elapsed=$(( $(ms) - start ))
  echo "raw $elapsed ms (node CPU $(node_cpu rawbench1) ms)" >&2
  for i in $(seq 1 "$n"); do docker rm -f "rawbench$i" >/dev/null; docker volume rm "rawbench$i" >/dev/null; done
  docker network rm kubik-rawbench >/dev/null
  echo "$elapsed"
}

kubik_nodes() {
  local n=$1 file; file="$(mktemp --suffix=.kube.groovy)"
  cat > "$file" <<SCRIPT
cluster('kbench') {
    driver 'docker'
    nodes $n
    memory '${memory_mib}m'
    cpus $cpus
    options { image '$image' }
    kubernetes { bootstrapper 'none' }
}
SCRIPT
  # Each run's whole time and its time after its plan; the dry runs' medians of three.
  local dry dry_after full full_after
  read -r dry dry_after < <(for _ in 1 2 3; do timed_run "$file" --dry-run; done | medians)
  read -r full full_after < <(timed_run "$file")
  echo "kubik $(( full_after - dry_after )) ms after the plan, $(( full - dry )) ms whole run minus dry run (node CPU $(node_cpu kbench) ms)" >&2
  ./kubik delete kbench >/dev/null
  rm -f "$file"
  echo "$(( full_after - dry_after )) $(( full - dry ))"
}

# "WHOLE AFTER_PLAN": a kubik run's milliseconds from its start, and from its plan event, to its exit.
timed_run() {
  local start events end plan
  start=$(ms); events=$(./kubik run "$@" --output json); end=$(ms)
  plan=$(grep -m1 '"type":"dev.kubik.plan"' <<<"$events" | grep -o '"time":"[^"]*"' | cut -d'"' -f4)
  echo "$(( end - start )) $(( end - $(date -d "$plan" +%s%3N) ))"
}

# The median of each column of two-column lines.
medians() {
  local lines; lines=$(cat)
  echo "$(cut -d' ' -f1 <<<"$lines" | median) $(cut -d' ' -f2 <<<"$lines" | median)"
}

# The kubik side of a round, or with CONTROL=1 a raw node in its place.
side() {
  if [ "${CONTROL:-0}" = 1 ]; then raw "$1"; else kubik_nodes "$1"; fi
}

for n in ${NODES:-1 4}; do
  raw "$n" >/dev/null; side "$n" >/dev/null # warm-up round, not counted
  raws=("$(raw "$n")"); kubiks=(); wholes=(); ratios=()
  for i in $(seq "$rounds"); do
    read -r after whole < <(side "$n")
    kubiks+=("$after"); wholes+=("${whole:-$after}")
    raws+=("$(raw "$n")")
    # This round's ratio: its kubik run against the raw runs on either side of it.
    ratios+=("$(awk -v k="$after" -v a="${raws[$((i - 1))]}" -v b="${raws[$i]}" 'BEGIN { printf "%.2f", 2 * k / (a + b) }')")
  done
  r=$(printf '%s\n' "${raws[@]}" | median); k=$(printf '%s\n' "${kubiks[@]}" | median); w=$(printf '%s\n' "${wholes[@]}" | median)
  spread=$(printf '%s\n' "${ratios[@]}" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }')
  goal=$([ "$n" -eq 1 ] && echo 1.15 || echo 1.2)
  what=$([ "${CONTROL:-0}" = 1 ] && echo "control: raw in kubik's place" || echo "kubik run minus dry-run, from their plans")
  awk -v n="$n" -v k="$k" -v w="$w" -v r="$r" -v g="$goal" -v R="$rounds" -v s="$spread" -v what="$what" 'BEGIN {
    printf "%d node(s): %s %d ms   raw docker run + SSH banner + ctr version %d ms   ratio %.2fx, rounds %sx (goal <= %sx; medians of %d); whole runs minus dry runs %d ms, %.2fx\n", n, what, k, r, k / r, s, g, R, w, w / r }'
done
