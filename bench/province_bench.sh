#!/usr/bin/env bash
# Province end to end (issue 19): `ruralzone run` on a generated province (import of every
# layer, grids, reach by line and by road, siting, villages, export to GeoPackage), then the
# GeoPackage export alone beside `ogr2ogr -f GPKG` of the same store, with a check that both
# GeoPackages hold the same layers with the same feature counts.
#
#   bench/province_bench.sh [lattice|real]        (default lattice)
#
#   lattice  bench/work/reach-province.gpkg: rz-bench-gen-grids --villages 20000 --with-roads
#            (the lattice villages of bench/grid_bench.sh and bench/reach_bench.sh)
#   real     bench/work/grids-real-province.gpkg: the same with --shapes real (grids with holes
#            and hundreds of vertices, households in settlements, uneven villages)
#
# Writes bench/work/province-<shapes>/ (project.toml, the run's output, the two exports, logs).
# Environment: BUILD (default build), REFERENCES (default 1; 0 skips ogr2ogr).
# Prints one line per step: wall time (s) and peak RSS (MiB) from GNU time; the run's log has
# each analysis's phases (RZ_TIMINGS=1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHAPES="${1:-lattice}"
case "$SHAPES" in
  lattice) INPUT="$ROOT/bench/work/reach-province.gpkg" ;;
  real) INPUT="$ROOT/bench/work/grids-real-province.gpkg" ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "province_bench.sh: shapes must be lattice or real, not '$SHAPES'" >&2
    exit 2
    ;;
esac
BUILD="${BUILD:-build}"
REFERENCES="${REFERENCES:-1}"
RZ="$ROOT/$BUILD/app/ruralzone"
GEN="$ROOT/$BUILD/bench/rz-bench-gen-grids"
WORK="$ROOT/bench/work/province-$SHAPES"
log() { printf '== %s\n' "$*" >&2; }

if ! [[ -x /usr/bin/time ]] || ! command -v ogr2ogr >/dev/null || ! command -v ogrinfo >/dev/null; then
  if ((EUID != 0)); then
    echo "province_bench.sh: as root: apt-get install -y time gdal-bin" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y time gdal-bin || { apt-get update && apt-get install -y time gdal-bin; }
fi
if [[ ! -x $RZ || ! -x $GEN ]]; then
  [[ -f $BUILD/CMakeCache.txt ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$BUILD" --target ruralzone rz-bench-gen-grids
fi
mkdir -p "$ROOT/bench/work"
if [[ ! -f $INPUT ]]; then
  log "generating $INPUT"
  args=(--villages 20000 --with-roads --out "$INPUT")
  [[ $SHAPES == real ]] && args+=(--shapes real)
  "$GEN" "${args[@]}"
fi
rm -rf "$WORK"
mkdir -p "$WORK"
cat "$INPUT" >/dev/null # into the page cache

# The store keeps the file's EPSG:4546, as in the other benches.
cat >"$WORK/project.toml" <<EOF
[project]
name = "province ($SHAPES)"
crs = "EPSG:4546"

[[layer]]
kind = "villages"
source = "$INPUT"
source_layer = "villages"

[[layer]]
kind = "grids"
source = "$INPUT"
source_layer = "grids"

[[layer]]
kind = "households"
source = "$INPUT"
source_layer = "households"

[[layer]]
kind = "facilities"
source = "$INPUT"
source_layer = "facilities"

[[layer]]
kind = "roads"
source = "$INPUT"
source_layer = "roads"

[site]
objective = "mclp"
k = 10
category = "party_service_center"
by = "line"
radius_m = 2000
EOF

# timed LABEL CMD...: one run; prints "label wall_s peak_MiB", the output in $WORK/LABEL.log.
timed() {
  local label="$1" status=0 start end kib
  shift
  sync
  start=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$WORK/$label.time" "$@" >"$WORK/$label.log" 2>&1 || status=$?
  end=$EPOCHREALTIME
  if ((status != 0)); then
    tail -n 20 "$WORK/$label.log" >&2
    echo "FAIL: $label, see $WORK/$label.log" >&2
    exit 1
  fi
  kib=$(tail -n 1 "$WORK/$label.time")
  printf '%-28s %8.2f s %6d MiB\n' "$label" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
    $((kib / 1024))
}

# feature_counts FILE: "layer count" lines, sorted, as GDAL reads them.
feature_counts() {
  ogrinfo -ro -so -al "$1" 2>/dev/null |
    awk '/^Layer name:/ { name = $3 } /^Feature Count:/ { print name, $3 }' | sort
}

log "input $INPUT"
timed "ruralzone run" env RZ_TIMINGS=1 "$RZ" run "$WORK/project.toml" --out "$WORK/run"
STORE="$WORK/run/project.sqlite"
timed "ruralzone export gpkg" "$RZ" export -s "$STORE" -o "$WORK/export.gpkg" --quiet
if ((REFERENCES)); then
  # -unsetFid: GDAL takes a SpatiaLite view's rowid (our per-household layers' household_fid)
  # for the fid, and a household beyond reach of two categories has two rows.
  timed "ogr2ogr -f GPKG" ogr2ogr -f GPKG -unsetFid "$WORK/ogr2ogr.gpkg" "$STORE"
  # Our GeoPackage also has the <layer>_rows tables behind its per-household views.
  feature_counts "$WORK/export.gpkg" | grep -v '_rows \|^layer_styles ' >"$WORK/export.counts"
  feature_counts "$WORK/ogr2ogr.gpkg" >"$WORK/ogr2ogr.counts"
  # ogr2ogr also copies SpatiaLite's own tables that it lists as layers; every layer of ours must
  # be in its output with the same count.
  if ! missing=$(join -v1 "$WORK/export.counts" "$WORK/ogr2ogr.counts") || [[ -n $missing ]]; then
    echo "FAIL: layers or counts differ between export.gpkg and ogr2ogr.gpkg:" >&2
    join -v1 "$WORK/export.counts" "$WORK/ogr2ogr.counts" >&2
    exit 1
  fi
  echo "agreement: all $(wc -l <"$WORK/export.counts") layers, same feature counts as ogr2ogr"
fi
# Every layer to shapefile: GDAL reads each back with the GeoPackage export's feature count (the
# values themselves are compared on the sample county, tests/cli/test_cli_shapefile_export.cpp).
rm -rf "$WORK/shp"
timed "ruralzone export shp" "$RZ" export -s "$STORE" -o "$WORK/shp" -f shp --quiet
# Without the references, the counts come from our GeoPackage export alone.
[[ -s "$WORK/export.counts" ]] ||
  feature_counts "$WORK/export.gpkg" | grep -v '_rows \|^layer_styles ' >"$WORK/export.counts"
while read -r layer count; do
  file="$WORK/shp/$layer.shp"
  [[ -f $file ]] || file="$WORK/shp/$layer.dbf"
  got=$(ogrinfo -ro -so "$file" "$layer" 2>/dev/null | awk '/^Feature Count:/ { print $3 }')
  if [[ $got != "$count" ]]; then
    echo "FAIL: shapefile $file holds ${got:-nothing} features, the GeoPackage $count" >&2
    exit 1
  fi
done <"$WORK/export.counts"
echo "agreement: every layer's shapefile reads back with the GeoPackage's feature count"
echo "phases of the run: $WORK/ruralzone run.log"
