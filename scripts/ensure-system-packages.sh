#!/usr/bin/env bash
# Make sure the Debian packages the tests need are installed.
# As root, missing packages are installed with apt-get; otherwise the script
# names them and stops, so the test run never silently skips a check.
set -euo pipefail

# command -> Debian package that provides it
declare -A needed=(
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [java]=default-jre-headless
  [node]=nodejs
  [npm]=npm
)

missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
# A Japanese font, so the browser lays out Japanese text as readers' devices do.
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-ipafont-gothic)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages, which are not installed: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages the tests need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
