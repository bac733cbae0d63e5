#!/usr/bin/env bash
# Prepares this machine for kubik's docker driver, offline: the docker engine and debootstrap from Debian's
# packages (plus tmux, busybox-static and lz4 for the tests), a running dockerd, and the node image
# (scripts/build-node-image.sh). Safe to run again: it only does what is missing. It checks for the programs
# it runs, not for packages: a machine may have a docker *client* on PATH and no engine. When it starts dockerd itself it writes the pid to $KUBIK_DOCKERD_PIDFILE (if set), so a
# caller can stop what it started.
#
#   scripts/setup.sh            the docker driver
#   scripts/setup.sh --vm       also qemu and the tools that build the VM node ISO, then the ISO (scripts/build-node-iso.sh)
#   scripts/setup.sh --jupyter  also Jupyter's own tools from Debian (client, nbconvert, nbformat, console, the kernel
#                               conformance suite), which the notebook and kernel tests use with /usr/bin/python3
#   scripts/setup.sh --podman   also podman, with the node image loaded into it (the podman driver's tests)
#   scripts/setup.sh --plugins  also Node.js and the example driver plugin's packages (examples/plugins/dockerjs,
#                               npm ci), which the plugin tests run
#   scripts/setup.sh --release  also what scripts/release.sh and release-smoke.sh use: zip, dpkg-deb, dash, jq,
#                               PyYAML (winget's manifests) and ruby (ruby -c of the Homebrew formula)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vm=false
jupyter=false
plugins=false
podman=false
release=false
for arg in "$@"; do
  case "$arg" in
    --vm) vm=true ;;
    --jupyter) jupyter=true ;;
    --plugins) plugins=true ;;
    --podman) podman=true ;;
    --release) release=true ;;
    *) echo "kubik setup: unknown option $arg (--vm, --jupyter, --plugins, --podman, --release)" >&2; exit 2 ;;
  esac
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
# dockerd is the engine; docker.io also brings containerd and runc, which dockerd starts.
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v containerd >/dev/null 2>&1 || missing+=(containerd)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# The tests build a tiny image from busybox to load into nodes (kubik image load), and a preload with lz4.
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v lz4 >/dev/null 2>&1 || missing+=(lz4)
if $vm; then
  command -v qemu-system-x86_64 >/dev/null 2>&1 || missing+=(qemu-system-x86)
  command -v qemu-img >/dev/null 2>&1 || missing+=(qemu-utils)
  command -v xorriso >/dev/null 2>&1 || missing+=(xorriso)
  command -v mksquashfs >/dev/null 2>&1 || missing+=(squashfs-tools)
  command -v cpio >/dev/null 2>&1 || missing+=(cpio)
  command -v zstd >/dev/null 2>&1 || missing+=(zstd)
  [ -f /usr/lib/ISOLINUX/isolinux.bin ] || missing+=(isolinux)
  [ -f /usr/lib/syslinux/modules/bios/ldlinux.c32 ] || missing+=(syslinux-common)
fi
if $podman; then
  # crun explicitly: runc (which docker.io brings) satisfies podman's dependency but hangs in this sandbox.
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v crun >/dev/null 2>&1 || missing+=(crun)
fi
if $plugins; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
if $release; then
  command -v zip >/dev/null 2>&1 || missing+=(zip)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg)
  command -v dash >/dev/null 2>&1 || missing+=(dash)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v ruby >/dev/null 2>&1 || missing+=(ruby)
  /usr/bin/python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  # jlink needs the JDK's modules (Debian ships them in the JDK package; a JRE has none).
  [ -d "$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")/jmods" ] || missing+=(openjdk-17-jdk)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "kubik setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

# Without recommends: about 60 packages instead of 120 (681 MB).
if $jupyter && ! /usr/bin/python3 -c 'import jupyter_client, nbformat, nbconvert, jupyter_kernel_test, jupyter_console' 2>/dev/null; then
  echo "kubik setup: installing Jupyter's tools" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 $sudo apt-get install -y -qq --no-install-recommends \
    jupyter-client jupyter-nbconvert python3-nbformat python3-nbclient jupyter-console python3-jupyter-kernel-test >&2
fi

if ! docker info >/dev/null 2>&1; then
  echo "kubik setup: starting dockerd" >&2
  $sudo sh -c 'nohup dockerd >/var/log/kubik-dockerd.log 2>&1 & echo $! > /run/kubik-dockerd.pid'
  [ -n "${KUBIK_DOCKERD_PIDFILE:-}" ] && $sudo cat /run/kubik-dockerd.pid > "$KUBIK_DOCKERD_PIDFILE"
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "kubik setup: dockerd did not start; see /var/log/kubik-dockerd.log" >&2; exit 1; }
fi

if $plugins && [ ! -d "$here/../examples/plugins/dockerjs/node_modules/@grpc/grpc-js" ]; then
  echo "kubik setup: installing the example plugin's packages (npm ci)" >&2
  (cd "$here/../examples/plugins/dockerjs" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

node_image="$("$here/build-node-image.sh" | tail -n1)"
if $podman; then
  # On a hybrid cgroup layout (v1 hierarchies, cgroup2 at /sys/fs/cgroup/unified), crun refuses every container
  # while a controller is left to cgroup2 ("cgroups in hybrid mode not supported, drop all controllers from
  # cgroupv2"), and fails to start nodes when a v1 controller's directory exists unmounted (node containers' systemd
  # makes them). systemd would have given every controller its v1 hierarchy; an init that did not (this sandbox's:
  # hugetlb, net_cls, net_prio, perf_event) gets them mounted as systemd names them.
  if mountpoint -q /sys/fs/cgroup/unified && [ "$(stat -f -c %T /sys/fs/cgroup/unified)" = cgroup2fs ]; then
    mounted=" $(awk '$3 == "cgroup" { print $4 }' /proc/self/mounts | tr ',\n' '  ') "
    for controller in $(awk 'NR > 1 && $4 == 1 { print $1 }' /proc/cgroups); do
      case $mounted in *" $controller "*) continue ;; esac
      case $controller in net_cls|net_prio) dir=/sys/fs/cgroup/net_cls,net_prio ;; *) dir=/sys/fs/cgroup/$controller ;; esac
      mountpoint -q "$dir" && continue
      if [ ! -d "$dir" ] && ! $sudo mkdir "$dir" 2>/dev/null; then
        # /sys/fs/cgroup is a read-only tmpfs here: open it for the one directory.
        $sudo mount -o remount,rw /sys/fs/cgroup && $sudo mkdir "$dir"; $sudo mount -o remount,ro /sys/fs/cgroup
      fi
      $sudo mount -t cgroup -o "${dir##*/}" cgroup "$dir" \
        || echo "kubik setup: could not mount the ${dir##*/} cgroup hierarchy; podman's crun may refuse this layout" >&2
    done
  fi
  # podman gets docker's image when it has none or one of another recipe (the image's dev.kubik.node-image label).
  in_docker="$(docker image inspect --format '{{index .Config.Labels "dev.kubik.node-image"}}' "$node_image")"
  in_podman="$(timeout 60 podman image inspect --format '{{index .Labels "dev.kubik.node-image"}}' "$node_image" 2>/dev/null || true)"
  if [ "$in_podman" != "$in_docker" ]; then
    echo "kubik setup: loading the node image into podman" >&2
    docker save "$node_image" | $sudo timeout 300 podman load >/dev/null
  fi
fi
if $vm; then
  $sudo apt-cache show linux-image-cloud-amd64 >/dev/null 2>&1 || $sudo apt-get update -qq >&2
  echo "kubik setup: node ISO $("$here/build-node-iso.sh" | tail -n1)" >&2
fi
echo "kubik setup: ready (docker $(docker version --format '{{.Server.Version}}'), node image ${KUBIK_NODE_IMAGE:-kubik/node:dev})" >&2
