#!/bin/sh
# Builds the .deb from the app image when the Debian tools jpackage needs are here; otherwise says so and
# succeeds, so `mvn -Pinstaller package` works on any Linux. Called by the installer profile (pom.xml):
#   deb.sh JPACKAGE APP_IMAGE DEST VERSION ICON
set -eu
jpackage="$1"; image="$2"; dest="$3"; version="$4"; icon="$5"
for tool in dpkg-deb fakeroot; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "installer: no $tool here, so no .deb (the app image is in $(dirname "$image"))"
        exit 0
    fi
done
rm -f "$dest"/flowlab_*.deb
# JavaFX opens GTK 3 with dlopen, so jpackage's scan of the runtime's libraries does not find it: name it here
# (libgtk-3-0t64 is its name from Debian 13 / Ubuntu 24.04 on).
exec "$jpackage" --type deb --app-image "$image" --dest "$dest" \
    --name FlowLab --app-version "$version" --linux-package-name flowlab \
    --description "Flow matching you can watch: draw a density, train, play the flow" \
    --vendor FlowLab --linux-deb-maintainer flowlab@localhost --copyright "Apache License 2.0" \
    --linux-shortcut --linux-menu-group Education --linux-app-category education \
    --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" --icon "$icon"
