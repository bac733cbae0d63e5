#!/usr/bin/env bash
# Benchmark: the console's start, from launch to its first prompt on screen, against jshell's, both measured the
# same way in tmux (the screen is polled every 20 ms); then each one's resident memory 5 s after the prompt.
# Prints medians of RUNS runs (default 5) and ratios; kubik's goal is at most 0.5x jshell's start.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
./kubik --version >/dev/null
export KUBIK_HOME="$(mktemp -d)"
trap 'rm -rf "$KUBIK_HOME"; tmux kill-session -t bench-repl 2>/dev/null || true' EXIT

. bench/lib/timing.sh

# Launches $2 in tmux, prints ms until $1 appears; leaves the session running.
to_prompt() {
  local prompt=$1 command=$2 start
  tmux kill-session -t bench-repl 2>/dev/null || true
  start=$(date +%s%N)
  tmux new-session -d -s bench-repl -x 120 -y 30 "$command"
  until tmux capture-pane -p -t bench-repl | grep -qF "$prompt"; do sleep 0.02; done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}

# Resident memory of the pane's whole process tree: jshell runs snippets in a second JVM, which counts too.
rss_kb() {
  local pids; pids=$(tmux list-panes -t bench-repl -F '#{pane_pid}')
  local frontier=$pids
  while [ -n "$frontier" ]; do
    frontier=$(for p in $frontier; do pgrep -P "$p" || true; done)
    pids="$pids $frontier"
  done
  ps -o rss= -p "$(echo $pids | tr ' ' ',')" | awk '{ s += $1 } END { print s }'
}

measure() {
  local prompt=$1 command=$2 times=()
  for _ in $(seq "$runs"); do times+=("$(to_prompt "$prompt" "$command")"); done
  printf '%s\n' "${times[@]}" | median
}

kubik_ms=$(measure 'kubik>' "$PWD/kubik")
sleep 5; kubik_rss=$(rss_kb)
jshell_ms=$(measure 'jshell>' "jshell")
sleep 5; jshell_rss=$(rss_kb)
awk -v k="$kubik_ms" -v j="$jshell_ms" -v kr="$kubik_rss" -v jr="$jshell_rss" -v n="$runs" 'BEGIN {
  printf "first prompt: kubik %d ms, jshell %d ms, ratio %.2fx (goal <= 0.5x; medians of %d)\n", k, j, k / j, n
  printf "idle memory 5 s after the prompt: kubik %d MiB, jshell %d MiB, ratio %.2fx\n", kr / 1024, jr / 1024, kr / jr }'
