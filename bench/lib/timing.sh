# Shared by the benchmarks: the median of numbers on stdin, and the median wall time of a command run $runs times.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Milliseconds, median of $runs runs of the command, its output discarded.
measure() {
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}
