#!/usr/bin/env bash
# The main job on the sample county, then its QGIS project opened in real QGIS (check_project.py).
# usage: check_sample_county.sh RURALZONE_BINARY WORK_DIR
set -euo pipefail
binary="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work"
mkdir -p "$work"
"$binary" run "$here/../../data/sample-county/project.toml" --out "$work/out" --quiet
test -s "$work/out/ruralzone.qgz"
QT_QPA_PLATFORM=offscreen /usr/bin/python3 "$here/check_project.py" "$work/out/ruralzone.qgz" \
  "$work/out/project.sqlite" "$work/png"
