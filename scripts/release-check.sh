#!/usr/bin/env bash
# Shows that a release is reproducible: builds it twice from the same commit, from a clean tree each time, and
# compares every file byte for byte (checksums.sha256 covers them all). Prints the two digests and exits non-zero
# on any difference, naming the files that differ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
first="$(mktemp -d)"
trap 'rm -rf "$first"' EXIT
mvn -B -q -Dstyle.color=never clean
scripts/release.sh
cp -a target/release/. "$first/"
mvn -B -q -Dstyle.color=never clean
scripts/release.sh
if diff "$first/checksums.sha256" target/release/checksums.sha256 >/dev/null; then
  echo "reproducible: two builds of $(git rev-parse --short HEAD) gave the same $(wc -l < target/release/checksums.sha256) files:"
  cat target/release/checksums.sha256
else
  echo "NOT reproducible: these files differ between two builds of $(git rev-parse --short HEAD):" >&2
  diff "$first/checksums.sha256" target/release/checksums.sha256 | sed -n 's/^> [0-9a-f]*  /  /p' >&2
  exit 1
fi
