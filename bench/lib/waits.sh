# Waits for the raw sides of the benchmarks that fork nothing while they wait. A poll that starts processes (grep,
# timeout, head, sleep every 50 ms) takes the host's CPU from what it waits for (a booting container, qemu's vCPU
# threads, dockerd): measured on this 2-core machine, it delayed a raw container node's SSH banner by 150-250 ms,
# a handicap kubik's own waits (in its JVM) do not have.

# 50 ms without a process: a read that times out on a FIFO nobody writes (opened once, shared by parallel waits).
__idle=$(mktemp -u); mkfifo "$__idle"; exec 7<>"$__idle"; rm -f "$__idle"
pause() {
  read -r -t 0.05 -u 7 _ || true
}

# Until an SSH banner answers on 127.0.0.1:PORT, through bash's /dev/tcp (a port forwarder that accepts before the
# server listens closes at once, and the read fails).
await_banner() {
  local banner
  until { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null && read -r -t 1 -n 4 -u 3 banner && [ "$banner" = "SSH-" ]; do
    exec 3<&- 3>&-
    pause
  done
  exec 3<&- 3>&-
}

# Until FILE has a line containing TEXT, reading only what was added since the last look.
await_line() {
  local file=$1 text=$2 line partial=""
  until [ -e "$file" ]; do pause; done
  exec 4<"$file"
  while :; do
    while IFS= read -r -u 4 line; do
      line="$partial$line"; partial=""
      [[ $line == *"$text"* ]] && { exec 4<&-; return 0; }
    done
    partial="$partial$line" # a line still being written: read returned what there is of it
    [[ $partial == *"$text"* ]] && { exec 4<&-; return 0; }
    pause
  done
}
