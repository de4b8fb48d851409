#!/usr/bin/env bash
# Make sure the Debian packages the build and the tests need are installed.
#
#   ensure-system-packages.sh build   what `make html` and `make publish` need
#   ensure-system-packages.sh         that, and what the tests need
#
# As root, missing packages are installed with apt-get; otherwise the script
# names them and stops, so neither a build nor a test run silently goes without.
set -euo pipefail

purpose=${1:-tests}

# file -> Debian package that provides it. The share cards
# (plugins/share_cards) set their titles in Noto Sans CJK JP.
declare -A build_files=(
  [/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc]=fonts-noto-cjk
)
# command -> Debian package: npm installs the CMS every build copies to /admin/.
declare -A build_commands=(
  [node]=nodejs
  [npm]=npm
)

# command -> Debian package that provides it
declare -A test_commands=(
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [java]=default-jre-headless
)

missing=()
for file in "${!build_files[@]}"; do
  [ -f "$file" ] || missing+=("${build_files[$file]}")
done
for cmd in "${!build_commands[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${build_commands[$cmd]}")
done
if [ "$purpose" = tests ]; then
  for cmd in "${!test_commands[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${test_commands[$cmd]}")
  done
  # A Japanese font, so the browser lays out Japanese text as readers' devices do.
  fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-ipafont-gothic)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "The $purpose need these Debian packages, which are not installed: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages the $purpose needs: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
