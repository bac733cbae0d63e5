#!/usr/bin/env bash
# Builds kubik-node.iso, the VM drivers' node image, from Debian packages only: the same userland as the docker
# node image (systemd, sshd, containerd, runc, user docker with sudo), Debian's cloud kernel, the whole OS in the
# initrd as a squashfs mounted under a tmpfs overlay, and the boot2docker data-disk contract (scripts/node-iso/).
# Prints the ISO's path as its last line; does nothing when the ISO exists. Needs root (debootstrap, chroot).
#
#   scripts/build-node-iso.sh [ISO]     default: $KUBIK_NODE_ISO or ${KUBIK_HOME:-~/.kubik}/cache/node-iso/kubik-node.iso
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
suite="${KUBIK_NODE_SUITE:-bookworm}"
cache="${KUBIK_HOME:-$HOME/.kubik}/cache/node-iso"
iso="${1:-${KUBIK_NODE_ISO:-$cache/kubik-node.iso}}"
packages=systemd,systemd-sysv,udev,dbus,openssh-server,containerd,runc,iproute2,iptables,sudo,ca-certificates,procps,kmod,lz4,iputils-ping,conntrack,ethtool,socat,e2fsprogs,fdisk
# Modules the initrd loads itself, in dependency order (virtio_ring before virtio, and so on).
initrd_modules="loop squashfs overlay virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk failover net_failover virtio_net"

if [ -s "$iso" ]; then
  echo "$iso"
  exit 0
fi
for tool in debootstrap xorriso mksquashfs cpio; do
  command -v "$tool" >/dev/null || { echo "kubik: $tool is missing: scripts/setup.sh --vm installs it" >&2; exit 1; }
done
[ -x /bin/busybox ] && [ -f /usr/lib/ISOLINUX/isolinux.bin ] || { echo "kubik: busybox-static and isolinux are missing: scripts/setup.sh --vm" >&2; exit 1; }

mkdir -p "$cache" "$(dirname "$iso")"
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. The root file system, cached as a tarball (debootstrap takes about a minute).
rootfs_tar="$cache/rootfs-$suite.tar"
if [ ! -s "$rootfs_tar" ]; then
  mirror="$("$here/lib/debian-mirror.sh" "$suite")"
  eval "$(apt-config shell http_proxy Acquire::http::Proxy)"
  [ -n "${http_proxy:-}" ] && export http_proxy
  echo "kubik: building the node ISO's root from $mirror ($suite), about a minute" >&2
  debootstrap --variant=minbase --include="$packages" "$suite" "$work/debootstrap" "$mirror" >&2
  tar --numeric-owner --xattrs -C "$work/debootstrap" -cf "$rootfs_tar.tmp" .
  mv "$rootfs_tar.tmp" "$rootfs_tar"
  rm -rf "$work/debootstrap"
fi

# 2. Debian's cloud kernel: its package, unpacked (nothing is installed on this host).
kernel_pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -n1)
[ -n "$kernel_pkg" ] || { echo "kubik: apt knows no linux-image-cloud-amd64 (run apt-get update)" >&2; exit 1; }
kernel_deb=$(ls "$cache/${kernel_pkg}"_*.deb 2>/dev/null | head -n1 || true)
if [ -z "$kernel_deb" ]; then
  (cd "$cache" && apt-get download "$kernel_pkg" >&2)
  kernel_deb=$(ls "$cache/${kernel_pkg}"_*.deb | head -n1)
fi
dpkg-deb -x "$kernel_deb" "$work/kernel"
kv=$(ls "$work/kernel/lib/modules")

# 3. Stage the root: the kernel's modules, the user, the services of the boot2docker contract.
stage="$work/stage"
mkdir -p "$stage"
tar --numeric-owner --xattrs --xattrs-include='*' -C "$stage" -xf "$rootfs_tar"   # file capabilities (ping) too
rm -rf "$stage"/var/cache/apt/* "$stage"/var/lib/apt/lists/* "$stage"/usr/share/{doc,man,info,locale}
rm -f "$stage"/etc/ssh/ssh_host_*          # made per node at first boot, never shared
: > "$stage/etc/machine-id"
mkdir -p "$stage/lib/modules"
cp -a "$work/kernel/lib/modules/$kv" "$stage/lib/modules/"
chroot "$stage" depmod "$kv"
chroot "$stage" useradd --create-home --shell /bin/bash docker
chroot "$stage" usermod -p '*' docker
echo 'docker ALL=(ALL) NOPASSWD:ALL' > "$stage/etc/sudoers.d/docker"
chmod 0440 "$stage/etc/sudoers.d/docker"
echo kubik > "$stage/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 kubik\n' > "$stage/etc/hosts"
cat > "$stage/etc/ssh/sshd_config.d/kubik.conf" <<'CONF'
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UseDNS no
CONF
mkdir -p "$stage/etc/systemd/network"
printf '[Match]\nName=en* eth*\n[Network]\nDHCP=ipv4\n' > "$stage/etc/systemd/network/20-kubik-dhcp.network"
install -m 0755 "$here/node-iso/kubik-automount" "$here/node-iso/kubik-hostkeys" "$here/node-iso/kubik-network" "$stage/usr/local/sbin/"
install -m 0644 "$here/node-iso/kubik-automount.service" "$here/node-iso/kubik-hostkeys.service" "$here/node-iso/kubik-network.service" "$stage/etc/systemd/system/"
chroot "$stage" systemctl enable systemd-networkd kubik-automount kubik-hostkeys kubik-network ssh containerd >/dev/null 2>&1
# The host keys come from kubik-hostkeys; Debian's own key generation must not race it.
mkdir -p "$stage/etc/systemd/system/ssh.service.d"
printf '[Unit]\nAfter=kubik-hostkeys.service\nRequires=kubik-hostkeys.service\n' > "$stage/etc/systemd/system/ssh.service.d/10-kubik.conf"
for unit in apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer fstrim.timer getty@tty1.service \
            modprobe@drm.service modprobe@fuse.service modprobe@loop.service modprobe@dm_mod.service modprobe@efi_pstore.service \
            sys-fs-fuse-connections.mount sys-kernel-config.mount systemd-remount-fs.service systemd-network-generator.service \
            systemd-journal-flush.service systemd-random-seed.service systemd-update-utmp.service systemd-pstore.service \
            systemd-networkd-wait-online.service; do
  ln -sf /dev/null "$stage/etc/systemd/system/$unit"
done
mknod -m 600 "$stage/dev/console" c 5 1 2>/dev/null || true
echo '{"kubik-node-iso":"'"$suite"'","kernel":"'"$kv"'"}' > "$stage/version.json"

# 4. The initrd: busybox, /init, the modules it loads, and the root as a squashfs.
initrd="$work/initrd"
mkdir -p "$initrd"/{bin,modules,proc,sys,dev}
cp /bin/busybox "$initrd/bin/busybox"
install -m 0755 "$here/node-iso/init" "$initrd/init"
: > "$initrd/modules.order"
for m in $initrd_modules; do
  ko=$(find "$stage/lib/modules/$kv" -name "$m.ko*" | head -n1)
  [ -n "$ko" ] || { echo "kubik: the kernel has no module $m" >&2; exit 1; }
  case "$ko" in
    *.xz) xz -dc "$ko" > "$initrd/modules/$m.ko" ;;
    *.zst) zstd -qdc "$ko" > "$initrd/modules/$m.ko" ;;
    *) cp "$ko" "$initrd/modules/$m.ko" ;;
  esac
  echo "$m" >> "$initrd/modules.order"
done
mksquashfs "$stage" "$initrd/root.sqfs" -noappend -comp zstd -quiet >&2
# The real owners stay (docker owns its home): no -R 0:0.
(cd "$initrd" && find . | sort | cpio -o -H newc --quiet) > "$work/initrd.img"

# 5. The ISO: isolinux for BIOS boot; VM drivers read /boot/bzimage and /boot/initrd out of it.
mkdir -p "$work/iso/boot" "$work/iso/isolinux"
cp "$work/kernel/boot/vmlinuz-$kv" "$work/iso/boot/bzimage"
cp "$work/initrd.img" "$work/iso/boot/initrd"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$work/iso/isolinux/"
printf 'DEFAULT kubik\nPROMPT 0\nLABEL kubik\n  KERNEL /boot/bzimage\n  INITRD /boot/initrd\n  APPEND console=ttyS0\n' > "$work/iso/isolinux/isolinux.cfg"
xorriso -as mkisofs -quiet -o "$iso.tmp" -V KUBIK -J -R -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot \
  -boot-load-size 4 -boot-info-table -isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin "$work/iso" >&2
mv "$iso.tmp" "$iso"
echo "$iso"
