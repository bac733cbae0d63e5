#!/usr/bin/env bash
# Builds kubik's offline node image from Debian packages: a systemd root with sshd, containerd and dockerd,
# compatible with what the docker driver expects of minikube's kicbase (user docker with sudo, sshd on 22,
# /sbin/init as entrypoint; the driver sets --stop-signal SIGRTMIN+3 at run time, since docker import cannot).
# Prints the image reference as its last line.
#
#   scripts/build-node-image.sh [IMAGE]          default: $KUBIK_NODE_IMAGE or kubik/node:dev
#
# The rootfs tarball is cached under ${KUBIK_HOME:-~/.kubik}/cache/node-image, and the script does nothing
# when the image already exists and was made by this recipe (its dev.kubik.node-image label). Needs root
# (debootstrap) and a running docker engine.
set -euo pipefail

image="${1:-${KUBIK_NODE_IMAGE:-kubik/node:dev}}"
suite="${KUBIK_NODE_SUITE:-bookworm}"
cache="${KUBIK_HOME:-$HOME/.kubik}/cache/node-image"
# The recipe's version: raise it with any change below, so existing images and cached tarballs are made again.
recipe=4
tarball="$cache/kubik-node-$suite-r$recipe.tar"
packages=systemd,systemd-sysv,dbus,openssh-server,containerd,docker.io,runc,iproute2,iptables,sudo,ca-certificates,procps,kmod,lz4,iputils-ping,conntrack,ethtool,socat

if [ "$(docker image inspect --format '{{index .Config.Labels "dev.kubik.node-image"}}' "$image" 2>/dev/null)" = "$recipe" ]; then
  echo "$image"
  exit 0
fi

if [ ! -s "$tarball" ]; then
  # The same mirror (and proxy) as this machine's apt: behind a corporate or offline mirror there is no other.
  mirror="$("$(dirname "${BASH_SOURCE[0]}")/lib/debian-mirror.sh" "$suite")"
  eval "$(apt-config shell http_proxy Acquire::http::Proxy)"
  [ -n "${http_proxy:-}" ] && export http_proxy
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
  mkdir -p "$cache"
  root=$(mktemp -d "$cache/rootfs.XXXXXX")
  trap 'rm -rf "$root"' EXIT
  echo "kubik: building the node rootfs from $mirror ($suite), about a minute" >&2
  debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >&2

  # The user kubik logs in as; passwordless sudo like kicbase's docker user, in docker.io's group docker as there.
  chroot "$root" useradd --create-home --shell /bin/bash -g docker docker
  echo 'docker ALL=(ALL) NOPASSWD:ALL' > "$root/etc/sudoers.d/docker"
  chmod 0440 "$root/etc/sudoers.d/docker"
  # Its own ~/.ssh, where the docker driver puts kubik's key (the driver makes one only where an image has none).
  install -d -m 700 -o "$(chroot "$root" id -u docker)" -g "$(chroot "$root" id -g docker)" "$root/home/docker/.ssh"

  # Host keys are made per node, never baked into the image (every node would share them): the docker driver puts
  # one in before sshd starts; without one, sshd's unit makes its own at first boot.
  rm -f "$root"/etc/ssh/ssh_host_*
  cat > "$root/etc/ssh/sshd_config.d/kubik.conf" <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UseDNS no
CONF
  mkdir -p "$root/etc/systemd/system/ssh.service.d"
  cat > "$root/etc/systemd/system/ssh.service.d/10-kubik-hostkey.conf" <<'CONF'
[Service]
ExecStartPre=
ExecStartPre=/bin/sh -c 'test -s /etc/ssh/ssh_host_ed25519_key || ssh-keygen -q -t ed25519 -N "" -f /etc/ssh/ssh_host_ed25519_key'
ExecStartPre=/usr/sbin/sshd -t
CONF
  chroot "$root" systemctl enable ssh.service containerd.service >/dev/null 2>&1 || true
  # dockerd is there for nodes whose runtime is docker, which start it themselves: on every other node it would only
  # take CPU from the boot (its package enables it).
  chroot "$root" systemctl disable docker.service docker.socket >/dev/null 2>&1 || true
  # No message of the day: pam_motd runs update-motd.d's scripts at every SSH session, commands included
  # (~25 ms of a node's CPU each, measured in its cgroup), for a banner nobody reads on a node.
  sed -i '/pam_motd\.so/d' "$root/etc/pam.d/sshd"

  # Units that have no business in a container node (as kind and kicbase do), and the ones the node ISO masks
  # too: each takes CPU from the node's quota while it boots, before sshd and containerd are up.
  for unit in getty.target console-getty.service systemd-modules-load.service systemd-remount-fs.service \
              sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount sys-fs-fuse-connections.mount \
              systemd-firstboot.service systemd-udevd.service systemd-networkd-wait-online.service \
              apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer \
              modprobe@drm.service modprobe@fuse.service modprobe@loop.service modprobe@dm_mod.service modprobe@efi_pstore.service \
              systemd-journal-flush.service systemd-pstore.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
  : > "$root/etc/machine-id"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  echo '{"kubik-node":"'"$suite"'"}' > "$root/version.json"

  tar --numeric-owner --xattrs -C "$root" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  find "$cache" -maxdepth 1 -name "kubik-node-$suite*.tar" ! -name "${tarball##*/}" -delete # earlier recipes'
fi

docker import \
  --change 'ENTRYPOINT ["/sbin/init"]' \
  --change 'ENV container=docker' \
  --change "LABEL dev.kubik.node-image=$recipe" \
  "$tarball" "$image" >&2
echo "$image"
