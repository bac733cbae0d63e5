#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt is configured with, so that images and ISOs built here fetch
# from the same place as apt (a corporate or offline mirror has no other): $KUBIK_DEBIAN_MIRROR when set,
# else the first `URIs:` of a deb822 source, else the first `deb` line of a one-line source, ignoring
# security and third-party suites. Exits 1 with a message naming the variable when there is none.
set -euo pipefail

if [ -n "${KUBIK_DEBIAN_MIRROR:-}" ]; then
  echo "$KUBIK_DEBIAN_MIRROR"
  exit 0
fi

suite="${1:-bookworm}"
# deb822 stanzas: the first whose Suites name the suite itself (not -security/-updates alone).
for f in /etc/apt/sources.list.d/*.sources; do
  [ -r "$f" ] || continue
  uri=$(awk -v suite="$suite" '
    BEGIN { RS=""; FS="\n" }
    {
      uris=""; ok=0; deb=0
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^URIs:/)   { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uris=u[1] }
        if ($i ~ /^Types:/ && $i ~ /(^|[ \t])deb([ \t]|$)/) deb=1
        if ($i ~ /^Suites:/) { n=split($i, s, /[ \t]+/); for (j = 2; j <= n; j++) if (s[j] == suite) ok=1 }
      }
      if (ok && deb && uris != "") { print uris; exit }
    }' "$f")
  if [ -n "$uri" ]; then echo "$uri"; exit 0; fi
done
# One-line format: deb [options] URI SUITE COMPONENTS…
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -r "$f" ] || continue
  uri=$(awk -v suite="$suite" '
    $1 == "deb" {
      i = 2
      if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) { print $i; exit }
    }' "$f")
  if [ -n "$uri" ]; then echo "$uri"; exit 0; fi
done
echo "kubik: no Debian mirror for '$suite' in apt's sources; set KUBIK_DEBIAN_MIRROR to one" >&2
exit 1
