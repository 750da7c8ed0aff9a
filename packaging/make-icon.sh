#!/usr/bin/env bash
# Draws assets/icons/threadlanes.png (256x256): four thread lanes, each a track with a coloured run of work and a
# bright head where the thread is now. Colours are from the Okabe-Ito palette (colour-blind-safe).
# Needs ImageMagick (`convert`). The PNG is committed; run this only to change the icon.
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/icons/threadlanes.png
mkdir -p "$(dirname "$out")"

args=(-size 256x256 xc:none -fill '#1B2533' -draw 'roundrectangle 8,8 247,247 44,44')
# y, colour, start x, end x of each lane's run
for spec in "66 #56B4E9 36 196" "106 #E69F00 36 140" "146 #009E73 84 220" "186 #CC79A7 36 112"; do
    read -r y colour from to <<<"$spec"
    args+=(-fill '#3A4A5E' -draw "roundrectangle 36,$((y - 11)) 220,$((y + 11)) 11,11"
           -fill "$colour" -draw "roundrectangle $from,$((y - 11)) $to,$((y + 11)) 11,11"
           -fill '#F8FAFC' -draw "circle $((to - 11)),$y $((to - 5)),$y")
done
convert "${args[@]}" -depth 8 -strip "$out"
echo "wrote $out"
