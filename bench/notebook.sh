#!/usr/bin/env bash
# Benchmark: `kubik notebook --dry-run` of a 10-cell tutorial, whole process, against `kubik run --dry-run` of the
# same code as one script (one cluster statement, as a script may hold only one per profile). Medians of RUNS
# (default 10); the goal is at most 1.3x.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cells=(
  "def workers = 2"
  "def memory = '2g'"
  "workers = workers + 1"
  "def names = (1..workers).collect { 'm0' + (it + 1) }"
  "names.join(', ')"
  "def cpu = names.size() > 2 ? 1 : 2"
  "def mirror = 'https://mirror.example:5000'"
  "def runtimes = ['containerd', 'docker']"
  "runtimes.first()"
  "cluster('bench') { driver 'docker'; nodes workers + 1; cpus cpu; memory memory; kubernetes { bootstrapper 'none'; runtime runtimes.first() } }"
)
{
  echo "# A ten-cell tutorial"
  for cell in "${cells[@]}"; do printf '\n```kubik\n%s\n```\n' "$cell"; done
} > "$work/tutorial.md"
printf '%s\n' "${cells[@]}" > "$work/tutorial.kube.groovy"
export KUBIK_HOME="$work/home"

./kubik notebook "$work/tutorial.md" --dry-run --out "$work/out.md" >/dev/null 2>&1   # builds kubik if needed; must work
./kubik run "$work/tutorial.kube.groovy" --dry-run >/dev/null

. bench/lib/timing.sh
notebook=$(measure ./kubik notebook "$work/tutorial.md" --dry-run --out "$work/out.md")
script=$(measure ./kubik run "$work/tutorial.kube.groovy" --dry-run)
awk -v n="$notebook" -v s="$script" -v r="$runs" 'BEGIN {
  printf "kubik notebook --dry-run (10 cells): %d ms   kubik run --dry-run (same code, one script): %d ms   ratio %.2fx (goal <= 1.3x; medians of %d)\n", n, s, n / s, r }'
