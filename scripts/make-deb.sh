#!/usr/bin/env bash
# Builds the Debian package with dpkg-deb from the release binaries and the generated manual pages and completions:
# what `make deb` runs after the build.
#
#   scripts/make-deb.sh BIN GENERATED [OUTDIR]
#
# The package holds both binaries (Swift's runtime linked in statically, stripped like dh_strip does), the units,
# sysusers.d, tmpfiles.d and udev files, the default /etc/communecast/communecastd.yaml (a conffile), the hardware
# profiles, manual pages, completions and documentation. Depends comes from dpkg-shlibdeps, plus espeak-ng-data: the
# daemon speaks text programmes and text alerts with libespeak-ng, which reads its voices and dictionaries
# (/usr/lib/*/espeak-ng-data, read-only under the unit's ProtectSystem=strict) at run time; plus the libraries opened
# only when first needed: FFmpeg's (a file to import), libshout (`live`), espeak-ng itself, libmosquitto (calling
# home) and libxml2 and xmlsec1 (CAP intake). The maintainer scripts are in packaging/debian/.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:?usage: make-deb.sh BIN GENERATED [OUTDIR]}
generated=${2:?usage: make-deb.sh BIN GENERATED [OUTDIR]}
outdir=${3:-dist}
version=$("$bin/communecastd" --version)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"

DESTDIR="$root" PREFIX=/usr SYSCONFDIR=/etc BIN="$bin" GENERATED="$generated" bash scripts/install.sh >/dev/null
strip --remove-section=.comment --remove-section=.note "$root/usr/bin/communecastd" "$root/usr/bin/communecast"

doc="$root/usr/share/doc/communecast"
install -m 0644 packaging/debian/copyright "$doc/copyright"
date=$(git log -1 --format=%aD 2>/dev/null || date -R)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cat > "$doc/changelog" <<CHANGELOG
communecast ($version) unstable; urgency=medium

  * Built from commit $commit. See the project's git history for changes.

 -- CommuneCast maintainers <maintainers@communecast.invalid>  $date
CHANGELOG
gzip -9n "$doc/changelog"
install -d "$root/usr/share/lintian/overrides"
install -m 0644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/communecast"

install -d "$root/DEBIAN"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"
echo /etc/communecast/communecastd.yaml > "$root/DEBIAN/conffiles"

mkdir -p "$stage/debian"
printf 'Source: communecast\n\nPackage: communecast\nArchitecture: any\n' > "$stage/debian/control"
shlibs=$(cd "$stage" && dpkg-shlibdeps -O "-e$root/usr/bin/communecastd" "-e$root/usr/bin/communecast" 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "make-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# FFmpeg's libraries, libshout, espeak-ng, libmosquitto, libxml2 and xmlsec1 are opened when first needed (dlopen,
# not linked; CDynamic/dynamic.h), so dpkg-shlibdeps cannot see them: the packages holding the sonames built against.
opened=$(for library in avformat avcodec avutil swresample shout espeak-ng mosquitto xml2 xmlsec1 xmlsec1-openssl; do
    package=$(dpkg -S "lib$library.so." | grep -v -- '-dev:' | cut -d: -f1 | head -1)
    [ -n "$package" ] || { echo "make-deb: the runtime package of lib$library is not installed" >&2; exit 1; }
    echo "$package"
done | paste -sd, | sed 's/,/, /g')

cat > "$root/DEBIAN/control" <<CONTROL
Package: communecast
Version: $version
Architecture: $arch
Maintainer: CommuneCast maintainers <maintainers@communecast.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $shlibs, $opened, espeak-ng-data, systemd (>= 247)
Recommends: alsa-utils
Section: sound
Priority: optional
Homepage: https://communecast.invalid/
Description: public-address broadcasts for Vietnamese communes
 CommuneCast runs the smart public-address loudspeakers of a commune: the site
 daemon communecastd keeps the broadcast schedule, stores announcements as Ogg
 Opus, plays them through ALSA with emergency alerts cutting in over
 everything else, and logs what aired. Operators and provincial staff drive it
 with the communecast command-line tool, over a Unix socket or mutual TLS.
 .
 The package installs communecastd.service and communecastd.socket (enabled),
 the communecast user and role groups, a default configuration in
 /etc/communecast and hardware profiles for a Raspberry Pi 4 with a USB audio
 adapter, an x86 mini-PC and a virtual sound card.
CONTROL

mkdir -p "$outdir"
package="$outdir/communecast_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$package" >/dev/null
echo "make-deb: $package ($(du -h "$package" | cut -f1))"
