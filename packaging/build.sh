#!/usr/bin/env bash
# Builds ThreadLanes as a Linux desktop program, in three steps:
#   1. a jlink runtime image with the app's modules and its launcher bin/threadlanes (javafx:jlink);
#   2. an app image: target/packaging/threadlanes/bin/threadlanes (jpackage --type app-image);
#   3. a Debian package made from that image: target/packaging/threadlanes_<version>_<arch>.deb.
#
# Usage: packaging/build.sh [extra Maven arguments, e.g. -o for offline]
# Needs: JDK 17+ with jlink and jpackage, Maven, fakeroot and dpkg-deb (for the .deb), binutils (objcopy, for
# jlink --strip-debug). See packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in mvn jpackage fakeroot dpkg-deb objcopy; do
    command -v "$tool" >/dev/null || { echo "packaging/build.sh: '$tool' is missing (see packaging/README.md)" >&2; exit 2; }
done

# The project's version without -SNAPSHOT: the first <version> of the pom is the project's own.
version=$(sed -n 's:^  <version>\([0-9][0-9.]*\).*</version>:\1:p' pom.xml | head -n 1)
[[ -n "$version" ]] || { echo "packaging/build.sh: no version found in pom.xml" >&2; exit 2; }
out=target/packaging
image=target/threadlanes-image

# 1. Runtime image. Size only: strip native debug symbols and compress the modules. No JVM options are baked in.
mvn -B "$@" -DskipTests -Djavafx.stripDebug=true -Djavafx.compress=2 javafx:jlink

rm -rf "$out"
mkdir -p "$out"
common=(--name threadlanes
        --app-version "$version"
        --vendor "ThreadLanes"
        --description "Watch every thread of a running program as an animated lane."
        --copyright "ThreadLanes contributors"
        --dest "$out")

# 2. App image: jpackage's own launcher over the jlink runtime, which already holds the threadlanes module.
jpackage --type app-image "${common[@]}" \
    --runtime-image "$image" \
    --module threadlanes/org.threadlanes.ui.ThreadLanesApp \
    --icon assets/icons/threadlanes.png

# 3. Debian package from the app image. JavaFX's native libraries live inside its module, so the automatic
# dependency scan misses GTK and XTest: name them. The menu entry comes from packaging/linux/threadlanes.desktop.
jpackage --type deb "${common[@]}" \
    --app-image "$out/threadlanes" \
    --icon assets/icons/threadlanes.png \
    --resource-dir packaging/linux \
    --linux-shortcut \
    --linux-app-category education \
    --linux-package-deps "libgtk-3-0, libxtst6" \
    --linux-deb-maintainer "maintainers@threadlanes.invalid"

echo
echo "app image: $out/threadlanes/bin/threadlanes"
ls -1 "$out"/*.deb
