#!/usr/bin/env bash
# Render the default share images (1200x630) with headless Chromium:
# theme/static/images/og-default.png from scripts/og-default.html (English) and
# og-default.ja.png from scripts/og-default.ja.html (Japanese). Run after editing them.
set -euo pipefail
cd "$(dirname "$0")/.."
for source in og-default og-default.ja; do
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --disable-background-networking --disable-component-update --no-first-run \
    --force-device-scale-factor=1 --window-size=1200,630 \
    --screenshot="$PWD/theme/static/images/$source.png" \
    "file://$PWD/scripts/$source.html"
done
