#!/usr/bin/env bash
# Tries the release in target/release/ as a user would, on a PATH with no Java and no Maven:
#   - the jlink archive unpacked into a fresh directory: --version, version (its own runtime), drivers, the
#     main job's plan (kubik run --dry-run examples/machines.kube.groovy); with --full also the main job
#     itself, its replay (which must change nothing) and its delete, and the Hyper-V end-to-end spec run
#     against this installed kubik instead of the source tree's classes (-Dkubik.installed)
#   - the plain archive's layout (launchers, completions, license, notices, schema) and its POSIX launcher
#     under dash with a Java found through JAVA_HOME, and its refusal without any Java
#   - the .deb (as root): dpkg -i, kubik on PATH, a dry run, dpkg -r leaving no file behind
#   - checksums.sha256, and each package manifest parsed by its format's own parser (ruby -c for the formula
#     where ruby is installed)
# Exits non-zero at the first failure, saying which.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
release="$root/target/release"
full=false
[ "${1:-}" = "--full" ] && full=true
fail() { echo "release smoke: FAILED: $*" >&2; exit 1; }
say() { echo "release smoke: $*" >&2; }

[ -d "$release" ] || fail "no release in $release: run scripts/release.sh"
cd "$release"
sha256sum --quiet -c checksums.sha256 || fail "checksums.sha256 does not match the files"
version="$(ls kubik-*-linux-x86_64.tar.gz | sed 's/^kubik-\(.*\)-linux-x86_64\.tar\.gz$/\1/')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A PATH with every tool of this one except Java's and Maven's.
mkdir "$work/path"
IFS=: read -r -a dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for tool in "$dir"/*; do
    name="$(basename "$tool")"
    case "$name" in java|javac|jar|jlink|jdeps|jshell|mvn|mvnw|mvnDebug) continue ;; esac
    [ -x "$tool" ] && [ ! -e "$work/path/$name" ] && ln -s "$tool" "$work/path/$name"
  done
done
clean_env=(env -u JAVA_HOME -u KUBIK_HOME PATH="$work/path" HOME="$work/user" KUBIK_HOME="$work/user/.kubik"
           KUBECONFIG="$work/user/.kube/config")
mkdir -p "$work/user"
"${clean_env[@]}" sh -c 'command -v java mvn' && fail "java or mvn is still on the smoke test's PATH"

say "the jlink archive, unpacked, with no Java on PATH"
mkdir "$work/image" && tar -xzf "kubik-$version-linux-x86_64.tar.gz" -C "$work/image"
kubik="$work/image/kubik-$version/bin/kubik"
out="$("${clean_env[@]}" "$kubik" --version)" || fail "--version"
[ "$out" = "kubik $version (Java $(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$work/image/kubik-$version/runtime/release"))" ] || fail "--version said: $out"
out="$("${clean_env[@]}" "$kubik" version)" || fail "version"
grep -qx "javaHome: $work/image/kubik-$version/runtime" <<< "$out" || fail "version does not run on the image's runtime: $out"
grep -q "^commit: [0-9a-f]\{40\}$" <<< "$out" || fail "version names no commit: $out"
"${clean_env[@]}" "$kubik" drivers | grep -q '^docker ' || fail "drivers lists no docker"
plan="$("${clean_env[@]}" "$kubik" run --dry-run "$root/examples/machines.kube.groovy")" || fail "the main job's dry run"
grep -q "machines" <<< "$plan" || fail "the main job's plan names no machine: $plan"
if $full; then
  say "the main job from the unpacked archive"
  "${clean_env[@]}" "$kubik" run "$root/examples/machines.kube.groovy" || fail "the main job"
  again="$("${clean_env[@]}" "$kubik" run "$root/examples/machines.kube.groovy")" || fail "the main job's replay"
  grep -qi "nothing to do\|no changes" <<< "$again" || fail "the replay changed something: $again"
  "${clean_env[@]}" "$kubik" delete machines || fail "delete"
  say "the Hyper-V end-to-end spec, against the unpacked archive"
  (cd "$root" && mvn -B -q -Dstyle.color=never test -pl shell -am -Dtest=HypervE2ESpec -Dsurefire.failIfNoSpecifiedTests=false \
      -Dkubik.e2e=true -Dkubik.installed="$kubik") || fail "HypervE2ESpec against the installed kubik"
fi

say "the plain archive: layout and the POSIX launcher under dash"
mkdir "$work/plain" && tar -xzf "kubik-$version.tar.gz" -C "$work/plain"
plain="$work/plain/kubik-$version"
for f in bin/kubik bin/kubik.cmd bin/kubik.ps1 lib/kubik.jar lib/release LICENSE THIRD-PARTY-NOTICES.txt \
         docs/events.schema.json completions/kubik.bash completions/kubik.zsh completions/kubik.fish completions/kubik.ps1; do
  [ -f "$plain/$f" ] || fail "kubik-$version.tar.gz has no $f"
done
[ -x "$plain/bin/kubik" ] || fail "bin/kubik is not executable"
head -c 200 "$plain/bin/kubik.cmd" | grep -q $'\r$' || fail "bin/kubik.cmd has no CRLF line endings"
cmp -s <(unzip -Z1 "kubik-$version.zip" | grep -v '/$' | sort) <(cd "$work/plain" && find "kubik-$version" -type f | sort) \
  || fail "the zip and the tar.gz hold different files"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
out="$("${clean_env[@]}" JAVA_HOME="$java_home" dash "$plain/bin/kubik" --version)" || fail "the plain archive with JAVA_HOME"
[[ "$out" == "kubik $version "* ]] || fail "the plain archive said: $out"
if "${clean_env[@]}" dash "$plain/bin/kubik" --version 2> "$work/err"; then fail "the plain archive ran with no Java"; fi
grep -q "no Java found. kubik needs Java 17 or newer" "$work/err" || fail "no Java, and it said: $(cat "$work/err")"
mkdir -p "$work/old/bin" && printf '#!/bin/sh\necho %s >&2\n' "'openjdk version \"11.0.2\" 2019-01-15'" > "$work/old/bin/java" && chmod +x "$work/old/bin/java"
if "${clean_env[@]}" JAVA_HOME="$work/old" dash "$plain/bin/kubik" --version 2> "$work/err"; then fail "the plain archive ran on Java 11"; fi
grep -q "is Java 11.0.2; kubik needs Java 17 or newer" "$work/err" || fail "Java 11, and it said: $(cat "$work/err")"

say "the package manifests"
jq -e '.version and .url and .hash and .bin and .extract_dir' packaging/kubik.json >/dev/null || fail "the Scoop manifest"
[ "$(jq -r .hash packaging/kubik.json)" = "$(sha256sum "kubik-$version.zip" | cut -d' ' -f1)" ] || fail "the Scoop manifest's hash"
/usr/bin/python3 - "$version" "$(sha256sum "kubik-$version.zip" | cut -d' ' -f1)" <<'PY' || fail "the winget manifests"
import sys, yaml, glob
version, sha = sys.argv[1], sys.argv[2].upper()
docs = {yaml.safe_load(open(f))["ManifestType"]: yaml.safe_load(open(f)) for f in glob.glob("packaging/winget/*.yaml")}
assert set(docs) == {"version", "installer", "defaultLocale"}, docs.keys()
assert all(d["PackageIdentifier"] == "kubik.Kubik" and d["PackageVersion"] == version for d in docs.values())
assert all(i["InstallerSha256"] == sha for i in docs["installer"]["Installers"])
PY
grep -q "sha256 \"$(sha256sum "kubik-$version.tar.gz" | cut -d' ' -f1)\"" packaging/kubik.rb || fail "the formula's sha256"
if command -v ruby >/dev/null 2>&1; then ruby -c packaging/kubik.rb >/dev/null || fail "ruby -c kubik.rb"; else say "(no ruby here: the formula's syntax is not checked)"; fi

if [ "$(id -u)" -eq 0 ] && command -v dpkg >/dev/null 2>&1; then
  say "the .deb: install, use, remove"
  deb="$(ls kubik_*_amd64.deb)"
  dpkg-deb -f "$deb" Recommends | grep -q docker.io || fail "the .deb recommends no docker.io"
  dpkg -s kubik >/dev/null 2>&1 && fail "a kubik package is installed already: remove it first (dpkg -r kubik)"
  dpkg -i "$deb" >/dev/null || fail "dpkg -i"
  files="$(dpkg -L kubik)"
  [ "$(command -v kubik)" = /usr/bin/kubik ] || { dpkg -r kubik >/dev/null; fail "the .deb put no kubik on PATH"; }
  "${clean_env[@]}" /usr/bin/kubik --version | grep -q "^kubik $version " || { dpkg -r kubik >/dev/null; fail "kubik from the .deb"; }
  "${clean_env[@]}" /usr/bin/kubik run --dry-run "$root/examples/machines.kube.groovy" >/dev/null || { dpkg -r kubik >/dev/null; fail "a dry run from the .deb"; }
  dpkg -r kubik >/dev/null || fail "dpkg -r"
  left="$(while read -r f; do [ -d "$f" ] || [ ! -e "$f" ] || echo "$f"; done <<< "$files")"
  [ -z "$left" ] || fail "dpkg -r left: $left"
  [ ! -e /usr/lib/kubik ] || fail "dpkg -r left /usr/lib/kubik"
fi
say "passed (kubik $version)"
