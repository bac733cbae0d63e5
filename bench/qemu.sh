#!/usr/bin/env bash
# Benchmark: one qemu node to SSH-ready and containerd answering, kubik against raw qemu.
#   kubik:  `kubik run` of a fresh one-node qemu script minus `kubik run --dry-run` of it
#   raw:    a shell doing what the driver does, with the same qemu flags: the boot2docker disk (tar + truncate),
#           qemu -daemonize from the ISO's kernel and initrd, the host key from the serial console into a
#           known_hosts, then the SSH banner and ssh until `sudo ctr version` answers; its waits fork nothing
#           (bench/lib/waits.sh), so they take no host CPU from qemu's vCPU threads
# Also kubik's own peak memory (the JVM's RSS, not qemu's) during the run; goal <= 150 MiB.
# Prints medians of ROUNDS rounds (default 3) and the ratio (goal: 1.15x). Needs scripts/setup.sh --vm.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"
iso="${KUBIK_NODE_ISO:-$HOME/.kubik/cache/node-iso/kubik-node.iso}"
[ -s "$iso" ] || { echo "no node ISO at $iso: scripts/setup.sh --vm builds it" >&2; exit 1; }
export KUBIK_NODE_ISO="$iso"
export KUBIK_HOME="$(mktemp -d)"
raw_dir="$(mktemp -d)"
trap 'rm -rf "$KUBIK_HOME" "$raw_dir"' EXIT
./kubik --version >/dev/null
accel=tcg; [ -w /dev/kvm ] && accel=kvm

ms() { echo $(( $(date +%s%N) / 1000000 )); }
. bench/lib/timing.sh
. bench/lib/waits.sh

xorriso -osirrox on -indev "$iso" -extract /boot/bzimage "$raw_dir/bzimage" -extract /boot/initrd "$raw_dir/initrd" >/dev/null 2>&1
ssh-keygen -q -t ed25519 -N '' -f "$raw_dir/id" >/dev/null

raw() {
  local d="$raw_dir/vm" start port
  rm -rf "$d"; mkdir -p "$d/seed/.ssh"
  # A free port, picked before the clock starts (a python process is not the work measured).
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(ms)
  echo "boot2docker, please format-me" > "$d/seed/boot2docker, please format-me"
  cp "$raw_dir/id.pub" "$d/seed/.ssh/authorized_keys"
  tar -cf "$d/disk.raw" -C "$d/seed" "boot2docker, please format-me" .ssh
  truncate -s 4G "$d/disk.raw"
  qemu-system-x86_64 -name rawbench -accel "$accel" -cpu max -smp 2 -m 1800 -display none -vga none -no-reboot \
    -kernel "$raw_dir/bzimage" -initrd "$raw_dir/initrd" -append "console=ttyS0 systemd.hostname=rawbench" \
    -drive "file=$d/disk.raw,if=virtio,format=raw" -nic "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:$port-:22" \
    -serial "file:$d/serial.log" -monitor none -qmp "unix:$d/qmp.sock,server=on,wait=off" -pidfile "$d/qemu.pid" -daemonize
  await_line "$d/serial.log" '-----END SSH HOST KEY KEYS-----'
  sed -n '/BEGIN SSH HOST KEY KEYS/,/END SSH HOST KEY KEYS/p' "$d/serial.log" | tr -d '\r' | grep '^ssh-ed25519' \
    | awk -v p="$port" '{ print "[127.0.0.1]:" p " " $1 " " $2 }' > "$d/known_hosts"
  await_banner "$port"
  until ssh -q -i "$raw_dir/id" -p "$port" -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$d/known_hosts" \
      -o ConnectTimeout=10 -o BatchMode=yes docker@127.0.0.1 sudo ctr version >/dev/null 2>&1; do pause; done
  local elapsed=$(( $(ms) - start ))
  kill "$(cat "$d/qemu.pid")"; while [ -e "$d/qemu.pid" ]; do sleep 0.1; done
  echo "$elapsed"
}

kubik_node() {
  local file; file="$(mktemp --suffix=.kube.groovy)"
  cat > "$file" <<SCRIPT
cluster('qbench') {
    driver 'qemu'
    cpus 2
    memory '1800m'
    disk '4g'
    options { accel '$accel' }
    kubernetes { bootstrapper 'none' }
}
SCRIPT
  local start dry full
  start=$(ms); ./kubik run "$file" --dry-run >/dev/null; dry=$(( $(ms) - start ))
  start=$(ms); /usr/bin/time -f '%M' -o "$raw_dir/rss" ./kubik run "$file" >/dev/null; full=$(( $(ms) - start ))
  ./kubik delete qbench >/dev/null
  rm -f "$file"
  echo "$(( full - dry )) $(cat "$raw_dir/rss")"
}

raws=(); kubiks=(); rss=()
for _ in $(seq "$rounds"); do
  raws+=("$(raw)")
  read -r k r <<< "$(kubik_node)"
  kubiks+=("$k"); rss+=("$r")
done
r=$(printf '%s\n' "${raws[@]}" | median); k=$(printf '%s\n' "${kubiks[@]}" | median); m=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n1)
awk -v k="$k" -v r="$r" -v R="$rounds" -v a="$accel" -v m="$m" -v all="${kubiks[*]} / ${raws[*]}" 'BEGIN {
  printf "qemu node (%s): kubik run minus dry-run %d ms   raw qemu + host key + ssh ctr version %d ms   ratio %.2fx (goal <= 1.15x; medians of %d; kubik/raw rounds: %s)\n", a, k, r, k / r, R, all
  printf "kubik JVM peak RSS during the run: %d MiB (goal <= 150 MiB)\n", m / 1024 }'
