#!/usr/bin/env bash
# Benchmark: an installed kubik against the developers' launcher, side by side: `kubik --version` (launcher and
# JVM start alone) and `kubik run --dry-run` of a three-node script (DSL, validation, plan). Installed means the
# release's linux-x86_64 image (scripts/release.sh) unpacked into a fresh directory, with its own runtime and its
# class-data-sharing archives made in the user's cache on first run. Goal: the installed kubik no slower
# (ratio <= 1.0x, within noise). Prints medians of RUNS runs (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-10}"
script=bench/three-nodes.kube.groovy

image="$(ls target/release/kubik-*-linux-x86_64.tar.gz 2>/dev/null | head -n1)"
[ -n "$image" ] || { echo "no release image: run scripts/release.sh first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$image" -C "$work"
installed="$(ls -d "$work"/kubik-*/bin/kubik)"
export XDG_CACHE_HOME="$work/cache"             # its own cache: first run makes the archives there

./kubik --version >/dev/null                     # builds the dev kubik and its archive if needed
"$installed" --version >/dev/null                # starts making the installed kubik's archives
for _ in $(seq 1 120); do
  [ -n "$(find "$work/cache" -name 'cds-*[0-9].jsa' 2>/dev/null)" ] && break
  sleep 0.5
done
[ -n "$(find "$work/cache" -name 'cds-*[0-9].jsa')" ] || { echo "the installed kubik made no CDS archive in $work/cache" >&2; exit 1; }

. bench/lib/timing.sh
dev_version=$(measure ./kubik --version)
installed_version=$(measure "$installed" --version)
dev_plan=$(measure ./kubik run "$script" --dry-run)
installed_plan=$(measure "$installed" run "$script" --dry-run)
awk -v d="$dev_version" -v i="$installed_version" -v n="$runs" 'BEGIN {
  printf "kubik --version:          installed %d ms   dev launcher %d ms   ratio %.2fx (goal <= 1.0x; medians of %d)\n", i, d, i / d, n }'
awk -v d="$dev_plan" -v i="$installed_plan" -v n="$runs" 'BEGIN {
  printf "kubik run --dry-run (3):  installed %d ms   dev launcher %d ms   ratio %.2fx (goal <= 1.0x; medians of %d)\n", i, d, i / d, n }'
