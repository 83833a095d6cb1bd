#!/usr/bin/env bash
# The planner's workbook as LibreOffice Calc reads it (headless, every sheet to its own CSV),
# compared with the store it came from through sqlite3: row counts, 12-digit codes kept as text,
# Chinese names, shares. Usage: check_workbook.sh WORKBOOK STORE. Exits non-zero naming each
# difference. The sheets are found through the workbook's first sheet (说明 / About), which
# lists each sheet's layer, so the check holds for any language of the workbook.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 WORKBOOK STORE" >&2
  exit 2
fi
workbook="$(realpath "$1")"
store="$(realpath "$2")"
for tool in soffice sqlite3 python3; do
  command -v "$tool" >/dev/null || {
    echo "check_workbook: $tool is not installed" >&2
    exit 2
  }
done
work="$(mktemp -d /tmp/rz-check-workbook.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# A private profile: no user's settings, no lock shared with a running LibreOffice. The last
# token, -1, writes every sheet to <stem>-<sheet>.csv (LibreOffice 7.2 and later).
soffice -env:UserInstallation="file://$work/profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/csv" "$workbook" >"$work/soffice.log" 2>&1 || {
  cat "$work/soffice.log" >&2
  echo "check_workbook: LibreOffice could not convert $workbook" >&2
  exit 1
}

python3 - "$work/csv" "$(basename "${workbook%.*}")" "$store" <<'EOF'
import csv, glob, os, re, subprocess, sys

csv_dir, stem, store = sys.argv[1:]
errors = []

def sheet_csv(name):
    path = os.path.join(csv_dir, f"{stem}-{name}.csv")
    if not os.path.exists(path):
        errors.append(f"no CSV of sheet «{name}» (LibreOffice wrote: "
                      f"{', '.join(sorted(os.listdir(csv_dir)))})")
        return None
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))

def query(sql):
    out = subprocess.run(["sqlite3", "-csv", store, sql], check=True, capture_output=True,
                         text=True).stdout
    return list(csv.reader(out.splitlines()))

# The About sheet: the first sheet LibreOffice wrote, in any language.
about = None
for name in ("说明", "About", "说明 (About)"):
    if os.path.exists(os.path.join(csv_dir, f"{stem}-{name}.csv")):
        about = sheet_csv(name)
        break
if about is None:
    sys.exit(f"check_workbook: no About sheet among {sorted(os.listdir(csv_dir))}")
sheet_of = {}
for row in about[1:]:
    if len(row) < 3 or not row[0]:
        break  # the list ends at the blank row
    sheet_of[row[1]] = (row[0], row[2])

def number(text):
    """The number a cell shows, and half its last shown digit (what rounding may hide)."""
    t = text.replace(",", "").strip()
    percent = t.endswith("%")
    t = t.rstrip("%")
    decimals = len(t.split(".")[1]) if "." in t else 0
    value = float(t)
    half = 0.5 * 10 ** -decimals
    return (value / 100, half / 100) if percent else (value, half)

def fields(layer):
    return [r[1] for r in query(f"PRAGMA table_info(\"{layer}\")")
            if r[1] not in ("fid", "src_fid", "attrs", "geom")]

def check(layer, text_fields=(), number_fields=()):
    if layer not in sheet_of:
        errors.append(f"{layer}: not listed on the About sheet")
        return
    sheet, listed_rows = sheet_of[layer]
    rows = sheet_csv(sheet)
    if rows is None:
        return
    count = int(query(f'SELECT count(*) FROM "{layer}"')[0][0])
    if len(rows) - 1 != count:
        errors.append(f"{layer}: sheet «{sheet}» has {len(rows) - 1} rows, the store {count}")
    if listed_rows != str(count):
        errors.append(f"{layer}: the About sheet lists {listed_rows} rows, the store has {count}")
    columns = fields(layer)
    if len(rows[0]) != len(columns):
        errors.append(f"{layer}: {len(rows[0])} columns, the store has {len(columns)} fields")
        return
    for field in text_fields + number_fields:
        at = columns.index(field)
        store_values = [r[0] if r else "" for r in
                        query(f'SELECT "{field}" FROM "{layer}" ORDER BY fid')]
        shown = [r[at] if at < len(r) else "" for r in rows[1:]]
        for i, (want, got) in enumerate(zip(store_values, shown)):
            where = f"{layer}.{field} row {i + 1}"
            if field in text_fields:
                if got != want:
                    errors.append(f"{where}: sheet shows «{got}», the store has «{want}»")
            elif want == "" or got == "":
                if want != got:
                    errors.append(f"{where}: sheet shows «{got}», the store has «{want}»")
            else:
                value, half = number(got)
                if abs(value - float(want)) > half + 1e-12 * abs(float(want)):
                    errors.append(f"{where}: sheet shows {got}, the store has {want}")
        if len(errors) > 20:
            break

check("grid_villages", text_fields=("code", "name", "township_code", "township_name"),
      number_fields=("households", "zero_omission_rate", "gap_share", "area_m2"))
check("village_assessment", text_fields=("village_code", "village_name", "type_zh"),
      number_fields=("migrant_share", "ten_good_score", "collective_income"))
check("zone_tour_stops", text_fields=("zone", "village_code", "village_name", "arrive"),
      number_fields=("day", "seq", "leg_min", "leg_m"))
check("site_townships", text_fields=("township_code", "township_name"),
      number_fields=("share_before", "share_after"))

# Codes are 12-digit text, never 4.31024E+11; Chinese survives.
villages = sheet_csv(sheet_of.get("grid_villages", ("?",))[0]) or [[]]
codes = [r[0] for r in villages[1:]]
if not codes or not all(re.fullmatch(r"\d{12}", c) for c in codes):
    errors.append(f"grid_villages: codes that are not 12 digits: "
                  f"{[c for c in codes if not re.fullmatch(chr(92) + 'd{12}', c)][:5]}")
if not any(re.search(r"[\u4e00-\u9fff]", r[1]) for r in villages[1:] if len(r) > 1):
    errors.append("grid_villages: no Chinese village name")

if errors:
    print("check_workbook: the workbook differs from the store:", file=sys.stderr)
    for e in errors[:20]:
        print("  " + e, file=sys.stderr)
    sys.exit(1)
print(f"check_workbook: {len(sheet_of)} sheets listed; grid_villages, village_assessment, "
      f"zone_tour_stops and site_townships match the store (rows, codes as 12-digit text, "
      f"Chinese names, shares, numbers)")
EOF
