#!/usr/bin/env bash
# Checks what packaging/build.sh made, without installing anything system-wide:
#   - the .deb declares its dependencies (dpkg-deb -I shows a Depends line with GTK 3 and XTest);
#   - the app image's launcher opens the ThreadLanes window under Xvfb;
#   - the .deb, unpacked with dpkg -x into a temporary root, has the menu entry, and its launcher opens the window.
# Screenshots go to target/packaging/shot-app-image.png and shot-deb.png.
# Needs: xvfb-run (xvfb, xauth), xwininfo (x11-utils), ImageMagick's import, dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/packaging
deb=$(ls "$out"/threadlanes_*.deb 2>/dev/null | head -n 1)
[[ -x "$out/threadlanes/bin/threadlanes" && -n "$deb" ]] || { echo "smoke-test: run packaging/build.sh first" >&2; exit 2; }

echo "== $deb"
dpkg-deb -I "$deb" | grep -E '^ (Package|Version|Depends):'
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libgtk-3-0 libxtst6; do
    [[ "$depends" == *"$dep"* ]] || { echo "smoke-test: Depends lacks $dep" >&2; exit 1; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
desktop="$root/opt/threadlanes/lib/threadlanes-threadlanes.desktop"
grep -qx 'Name=ThreadLanes' "$desktop" && grep -qx 'Categories=Education;Development;' "$desktop" \
    || { echo "smoke-test: unexpected menu entry:" >&2; cat "$desktop" >&2; exit 1; }
echo "menu entry: $(grep -E '^(Name|Exec|Icon|Categories)=' "$desktop" | tr '\n' ' ')"

# Starts a launcher on a fresh X server, waits (up to 60 s) for a window titled ThreadLanes, screenshots the screen,
# then ends the launcher.
shoot() {
    local launcher=$1 shot=$2
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        launcher=$1; shot=$2
        "$launcher" >"$shot.log" 2>&1 &
        pid=$!
        for _ in $(seq 1 120); do
            if xwininfo -root -tree | grep -q "\"ThreadLanes\""; then
                sleep 1   # let the first frame paint
                import -window root "$shot"
                kill "$pid"; wait "$pid" 2>/dev/null || true
                exit 0
            fi
            kill -0 "$pid" 2>/dev/null || { echo "the launcher exited early:" >&2; cat "$shot.log" >&2; exit 1; }
            sleep 0.5
        done
        echo "no ThreadLanes window after 60 s:" >&2; cat "$shot.log" >&2
        kill "$pid"; exit 1
    ' _ "$launcher" "$shot"
    echo "window shown by $launcher -> $shot"
}

shoot "$out/threadlanes/bin/threadlanes" "$out/shot-app-image.png"
shoot "$root/opt/threadlanes/bin/threadlanes" "$out/shot-deb.png"
echo "smoke test passed"
