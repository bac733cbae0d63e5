#!/usr/bin/env bash
# Benchmark: `kubik run --dry-run` of a three-node script, whole process (launcher, JVM, DSL, validation, plan),
# against a bare GroovyShell evaluating the same text with no kubik code, with the same JVM flags.
# Prints medians of RUNS runs (default 10) and the ratio; kubik's goal is at most 1.3x. Also the sandbox's cost:
# the same dry run untrusted (the default) against --trust (no sandbox); the goal is at most 1.10x.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-10}"
script=bench/three-nodes.kube.groovy

./kubik --version >/dev/null                     # builds kubik if needed
groovy_jar="$(tr ':' '\n' < shell/target/classpath.txt | grep '/groovy-[0-9][^/]*\.jar$' | head -n1)"
mkdir -p bench/target
javac -d bench/target -cp "$groovy_jar" bench/src/BareGroovy.java
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xms16m)  # the launcher's flags

. bench/lib/timing.sh

java "${flags[@]}" -cp "bench/target:$groovy_jar" BareGroovy "$script"   # fails loudly if the baseline is broken
bare=$(measure java "${flags[@]}" -cp "bench/target:$groovy_jar" BareGroovy "$script")
kubik=$(measure ./kubik run "$script" --dry-run)
trusted=$(measure ./kubik run "$script" --dry-run --trust)
awk -v k="$kubik" -v b="$bare" -v n="$runs" 'BEGIN {
  printf "kubik run --dry-run (3 nodes): %d ms   bare GroovyShell, same text: %d ms   ratio %.2fx (goal <= 1.3x; medians of %d)\n", k, b, k / b, n }'
awk -v k="$kubik" -v t="$trusted" -v n="$runs" 'BEGIN {
  printf "sandboxed: %d ms   trusted (--trust, no sandbox): %d ms   sandbox cost %.2fx (goal <= 1.10x; medians of %d)\n", k, t, k / t, n }'
