#!/usr/bin/env bash
# Builds kubik's release, under target/release/:
#   kubik-VERSION.zip, kubik-VERSION.tar.gz     the jars, bin/kubik (POSIX sh), bin/kubik.cmd and bin/kubik.ps1,
#                                               completions (bash, zsh, fish, PowerShell), LICENSE, third-party
#                                               notices, docs/events.schema.json; Java 17+ on the machine
#   kubik-VERSION-linux-x86_64.tar.gz           the same with its own Java runtime, made by jlink: no Java needed
#   kubik_DEBVERSION_amd64.deb                  that image in /usr/lib/kubik, kubik on PATH, completions
#   kubik-VERSION.cdx.json                      the CycloneDX SBOM of what the archives ship
#   packaging/                                  Homebrew formula, Scoop and winget manifests for these archives
#   checksums.sha256
# Reproducible: the same commit gives byte-identical files (every time inside comes from the commit's time;
# SOURCE_DATE_EPOCH overrides it). scripts/release-check.sh builds twice and compares.
#
#   scripts/release.sh            KUBIK_RELEASE_URL changes where the manifests point (GitHub releases by default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/target/release"
homepage="${KUBIK_HOMEPAGE:-https://github.com/kubik-dev/kubik}"

commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
export SOURCE_DATE_EPOCH="$epoch" TZ=UTC LC_ALL=C
stamp="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
umask 022

step() { echo "kubik release: $*" >&2; }

step "building the jars (commit ${commit:0:12}, time $stamp)"
mvn -B -q -Dstyle.color=never ${KUBIK_MAVEN_ARGS:-} -DskipTests -Prelease -Dkubik.commit="$commit" \
    -Dproject.build.outputTimestamp="$stamp" package
version="$(sed -n 's/^version=//p' shell/target/classes/kubik.properties)"
name="kubik-$version"
url_base="${KUBIK_RELEASE_URL:-$homepage/releases/download/v$version}"

rm -rf "$out"
stage="$out/stage/$name"
mkdir -p "$stage/lib" "$stage/bin" "$stage/completions" "$stage/docs"

step "staging $name"
cp shell/target/kubik-shell-"$version".jar "$stage/lib/"
jars=("kubik-shell-$version.jar")
IFS=: read -r -a deps < shell/target/classpath.txt || true # no newline at its end
for dep in "${deps[@]}"; do
  cp "$dep" "$stage/lib/"
  jars+=("$(basename "$dep")")
done
# lib/kubik.jar holds only a manifest: the main class and the class path, relative to lib/, in Maven's order.
manifest="$out/stage/MANIFEST.MF"
{
  echo "Main-Class: dev.kubik.shell.Main"
  echo "Class-Path: ${jars[*]}" | fold -w 70 | sed '2,$s/^/ /'
  echo "Implementation-Version: $version"
} > "$manifest"
jar --create --file "$stage/lib/kubik.jar" --manifest "$manifest" --date="$stamp" --no-compress -C "$out/stage" MANIFEST.MF
zip -q -d "$stage/lib/kubik.jar" MANIFEST.MF >/dev/null
echo "kubik $version $commit" > "$stage/lib/release"
cp dist/bin/kubik "$stage/bin/"
# Windows' line endings whatever the checkout did with them (.gitattributes asks for them, a tarball may not).
for launcher in kubik.cmd kubik.ps1; do sed 's/\r*$/\r/' "dist/bin/$launcher" > "$stage/bin/$launcher"; done
cp LICENSE "$stage/"
cp docs/events.schema.json "$stage/docs/"
java -cp "$stage/lib/kubik.jar" dev.kubik.shell.Main completion bash > "$stage/completions/kubik.bash"
cp "$stage/completions/kubik.bash" "$stage/completions/kubik.zsh"
java -cp "$stage/lib/kubik.jar" dev.kubik.shell.Main completion fish > "$stage/completions/kubik.fish"
java -cp "$stage/lib/kubik.jar" dev.kubik.shell.Main completion powershell > "$stage/completions/kubik.ps1"
cp shell/target/bom.json "$out/$name.cdx.json"
java -cp "$stage/lib/*" dist/ThirdPartyNotices.java "$out/$name.cdx.json" "$stage/THIRD-PARTY-NOTICES.txt"

# Same modes and times for every entry, whoever builds: what makes the archives byte-identical.
normalize() {
  find "$1" -type d -exec chmod 755 {} +
  find "$1" -type f -exec chmod 644 {} +
  find "$1" \( -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) -type f -exec chmod 755 {} + # launchers, the runtime's helpers
  find "$1" -exec touch -h -d "@$epoch" {} +
}
tarball() { # DIR-IN-STAGE ARCHIVE
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
      -C "$(dirname "$1")" -cf - "$(basename "$1")" | gzip -9n > "$2"
}
normalize "$stage"
tarball "$stage" "$out/$name.tar.gz"
(cd "$out/stage" && find "$name" | sort | zip -X -q -9 -@ "$out/$name.zip")

step "making the linux-x86_64 runtime (jdeps, jlink)"
image="$out/image/$name"
mkdir -p "$(dirname "$image")"
cp -a "$stage" "$image"
rm "$image/bin/kubik.cmd" "$image/bin/kubik.ps1" "$image/completions/kubik.ps1"
modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$stage"/lib/*.jar)"
# Found by use, not by jdeps: elliptic-curve TLS and SSH (sshj asks the JDK's providers), zip file systems
# (Groovy's), DNS names (InetAddress on musl-less hosts), and the terminal's charsets.
modules="$modules,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.charsets,jdk.localedata"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
      --include-locales=en --output "$image/runtime"
# No --generate-cds-archive: JDK 17 writes a different archive on every run, which would make the image
# unreproducible. bin/kubik makes one in the user's cache on first run instead.
normalize "$image"
tarball "$image" "$out/$name-linux-x86_64.tar.gz"

step "making the Debian package"
deb_version="$(echo "$version" | sed 's/-SNAPSHOT$/~snapshot/')"
pkg="$out/deb/kubik"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/lib" "$pkg/usr/bin" "$pkg/usr/share/doc/kubik" \
         "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/fish/vendor_completions.d"
cp -a "$image" "$pkg/usr/lib/kubik"
ln -s ../lib/kubik/bin/kubik "$pkg/usr/bin/kubik"
cp "$stage/completions/kubik.bash" "$pkg/usr/share/bash-completion/completions/kubik"
cp "$stage/completions/kubik.fish" "$pkg/usr/share/fish/vendor_completions.d/kubik.fish"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: kubik"
  echo "Source: $homepage"
  echo
  echo "Files: *"
  echo "License: Apache-2.0"
  echo " On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0."
  echo " Bundled components and their licenses: /usr/lib/kubik/THIRD-PARTY-NOTICES.txt;"
  echo " the Java runtime's: /usr/lib/kubik/runtime/legal/."
} > "$pkg/usr/share/doc/kubik/copyright"
size="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
sed -e "s|@DEB_VERSION@|$deb_version|" -e "s|@INSTALLED_SIZE@|$size|" -e "s|@HOMEPAGE@|$homepage|" \
    dist/packaging/deb/control > "$pkg/DEBIAN/control"
normalize "$pkg"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/kubik_${deb_version}_amd64.deb" >/dev/null

step "writing the package manifests"
sha() { sha256sum "$1" | cut -d' ' -f1; }
zip_sha="$(sha "$out/$name.zip")"
mkdir -p "$out/packaging/winget"
fill() {
  sed -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|g" -e "s|@URL_BASE@|$url_base|g" \
      -e "s|@URL_BASE_AUTOUPDATE@|${KUBIK_RELEASE_URL:-$homepage/releases/download/v\$version}|g" \
      -e "s|@SHA256_TGZ@|$(sha "$out/$name.tar.gz")|g" -e "s|@SHA256_ZIP@|$zip_sha|g" \
      -e "s|@SHA256_ZIP_UPPER@|${zip_sha^^}|g" "$1" > "$2"
}
fill dist/packaging/kubik.rb "$out/packaging/kubik.rb"
fill dist/packaging/kubik.json "$out/packaging/kubik.json"
for f in dist/packaging/winget/*.yaml; do fill "$f" "$out/packaging/winget/$(basename "$f")"; done

rm -rf "$out/stage" "$out/image" "$out/deb"
(cd "$out" && sha256sum ./*.zip ./*.tar.gz ./*.deb ./*.cdx.json packaging/*.* packaging/winget/* | sed 's| \./| |' > checksums.sha256)
step "done: $out"
(cd "$out" && ls -l ./*.zip ./*.tar.gz ./*.deb ./*.cdx.json | awk '{print "  " $5 "\t" $9}' >&2)
