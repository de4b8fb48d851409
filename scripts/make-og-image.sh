#!/usr/bin/env bash
# Render the default share image, theme/static/images/og-default.png (1200x630),
# from scripts/og-default.html with headless Chromium. Run after editing the HTML.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
  --disable-background-networking --disable-component-update --no-first-run \
  --force-device-scale-factor=1 --window-size=1200,630 \
  --screenshot="$PWD/theme/static/images/og-default.png" \
  "file://$PWD/scripts/og-default.html"
