#!/usr/bin/env bash
# Raw C handles stay in geo/ (README, "Layout"): fails, listing the lines, when a GEOS, GDAL/OGR,
# SQLite, cairo, pango, fontconfig or libxlsxwriter C call appears in a C++ file outside the folders allowed for
# it. tests/ may call the first four for independent checks; the data generators (bench/, data/generator/), which are tools that
# write sample files and no part of ruralzone, write them with GDAL.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() { # check PATTERN ALLOWED_FOLDER...
  local pattern="$1"
  shift
  local excludes=()
  for folder in "$@"; do excludes+=(":!$folder/"); done
  local found
  found="$(git grep -nE "$pattern" -- '*.cpp' '*.hpp' "${excludes[@]}" || true)"
  if [[ -n $found ]]; then
    printf 'raw C call /%s/ outside %s:\n%s\n' "$pattern" "$*" "$found" >&2
    status=1
  fi
}
check 'GEOS[A-Za-z_]*_r\(' geo tests
check 'OGR_' geo tests bench data/generator
check 'GDAL[A-Z][A-Za-z]*\(' geo tests bench data/generator
check 'sqlite3_' geo tests
check '(cairo|pango|workbook|worksheet|lxw)_[a-z_]+\(|format_set_[a-z_]+\(|Fc[A-Z][A-Za-z]+\(' geo
exit "$status"
