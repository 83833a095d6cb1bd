#!/usr/bin/env bash
# Installs every Debian 12 package ruralzone needs to build, test and benchmark.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin
  libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite spatialite-bin
  libgtest-dev libgmock-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev
  libboost-dev libssl-dev coinor-libcbc-dev pandoc
  clang libclang-rt-14-dev llvm-14
  libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils
  qgis python3-qgis python3
  libxlsxwriter-dev gettext chromium libreoffice-calc-nogui
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js for web/ (Leaflet, inlined into the web map at build time; puppeteer-core, which drives
# Debian's chromium in the tests): Debian's nodejs and npm unless a node is already there.
if ! command -v npm >/dev/null; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
# puppeteer-core downloads no browser; the tests give it /usr/bin/chromium.
web="$(cd "$(dirname "$0")/../web" && pwd)"
if [ ! -f "$web/node_modules/leaflet/dist/leaflet.js" ] || [ ! -d "$web/node_modules/puppeteer-core" ]; then
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi
