#!/usr/bin/env bash
# The main job on the sample county, then what it writes for planners opened in the clients
# they use: the report and the web map in headless Chromium (puppeteer-core, check_report.mjs,
# check_web_map.mjs), the workbook in headless LibreOffice (check_workbook.sh), the PDF with
# poppler (pdfinfo: a page per analysis at least).
# usage: check_sample_county.sh RURALZONE_BINARY WORK_DIR
set -euo pipefail
binary="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work"
mkdir -p "$work"
"$binary" run "$here/../../data/sample-county/project.toml" --out "$work/out" --quiet
out="$work/out"
for f in ruralzone-report.html ruralzone-report.pdf ruralzone-tables.xlsx ruralzone-map.html; do
  test -s "$out/$f" || { echo "check_sample_county: $out/$f is missing" >&2; exit 1; }
done
node "$here/check_report.mjs" "$out/ruralzone-report.html"
node "$here/check_web_map.mjs" "$out/ruralzone-map.html"
"$here/../libreoffice/check_workbook.sh" "$out/ruralzone-tables.xlsx" "$out/project.sqlite"
pages="$(pdfinfo "$out/ruralzone-report.pdf" | awk '/^Pages:/ {print $2}')"
if [ "${pages:-0}" -lt 9 ]; then
  echo "check_sample_county: the PDF report has ${pages:-0} pages, fewer than its 9 sections" >&2
  exit 1
fi
echo "check_sample_county: report, web map, workbook and PDF ($pages pages) pass in their clients"
