#!/usr/bin/env bash
# Import benchmark: ruralzone vs ogr2ogr -> SpatiaLite vs ogr2ogr -> PostgreSQL/PostGIS.
#
#   bench/import_bench.sh [county|province]      (or SCALE=county bench/import_bench.sh)
#
#   county   =    75,000 household points
#   province = 5,000,000 household points (default)
#
# Generates bench/work/households-<scale>.gpkg once (reused afterwards), then times each tool
# on that same file with GNU time (wall seconds, peak RSS) and checks every output holds N
# features. The PostgreSQL reference runs in a private cluster under bench/work/pg that
# listens on a unix socket in that folder only; it is stopped on exit, whatever happens.
#
# Environment:
#   BUILD     build directory (default: build), for the generator and $BUILD/app/ruralzone
#   SCALE     county | province, if no argument is given
#   PG_PORT   port number used only to name the PostgreSQL socket (default: 54329)
#   RZ_TABLE  table of the ruralzone store to count features in (default: households)
# See bench/README.md.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCALE="${SCALE:-province}"
while (($# > 0)); do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --scale)
      SCALE="${2:?--scale needs a value}"
      shift 2
      ;;
    --scale=*)
      SCALE="${1#--scale=}"
      shift
      ;;
    county | province)
      SCALE="$1"
      shift
      ;;
    *)
      echo "import_bench.sh: unknown argument '$1' (try --help)" >&2
      exit 2
      ;;
  esac
done
case "$SCALE" in
  county) COUNT=75000 ;;
  province) COUNT=5000000 ;;
  *)
    echo "import_bench.sh: scale must be county or province, not '$SCALE'" >&2
    exit 2
    ;;
esac

BUILD="${BUILD:-build}"
PG_PORT="${PG_PORT:-54329}"
RZ_TABLE="${RZ_TABLE:-households}"
WORK="$ROOT/bench/work"
INPUT="$WORK/households-$SCALE.gpkg"
PG_DIR="$WORK/pg"
PG_DATA="$PG_DIR/data"
PG_BIN=/usr/lib/postgresql/15/bin
PG_DB=rzbench
GEN="$BUILD/bench/rz-bench-gen-households"
RZ="$BUILD/app/ruralzone"

log() { printf '== %s\n' "$*" >&2; }

# --- packages ----------------------------------------------------------------------------------
PACKAGES=(postgresql-15 postgresql-15-postgis-3 time gdal-bin spatialite-bin sqlite3)
packages_missing() {
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl && -x $PG_BIN/postgres ]] || return 0
  [[ -f /usr/share/postgresql/15/extension/postgis.control ]] || return 0
  [[ -x /usr/bin/time ]] || return 0
  local cmd
  for cmd in ogr2ogr ogrinfo spatialite sqlite3 psql; do
    command -v "$cmd" >/dev/null || return 0
  done
  return 1
}
if packages_missing; then
  if ((EUID != 0)); then
    echo "import_bench.sh: missing tools; as root: apt-get install -y ${PACKAGES[*]}" >&2
    exit 1
  fi
  log "installing ${PACKAGES[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y "${PACKAGES[@]}"; then
    apt-get update
    apt-get install -y "${PACKAGES[@]}"
  fi
fi

# --- input -------------------------------------------------------------------------------------
mkdir -p "$WORK"
if [[ ! -f $INPUT ]]; then
  if [[ ! -x $GEN ]]; then
    if [[ ! -f $BUILD/CMakeCache.txt ]]; then
      log "configuring $BUILD"
      cmake -S "$ROOT" -B "$BUILD" -G Ninja
    fi
    log "building rz-bench-gen-households"
    cmake --build "$BUILD" --target rz-bench-gen-households
  fi
  log "generating $COUNT households into $INPUT"
  "$GEN" --count "$COUNT" --out "$INPUT"
fi
# Read the input once so that every tool starts with it in the page cache.
cat "$INPUT" >/dev/null

# --- timing ------------------------------------------------------------------------------------
NAMES=()
declare -A WALL=() RSS=() FEATURES=() SIZE=() STATUS=()
FAILED=0

# timed NAME CMD...: runs CMD under GNU time, output to bench/work/NAME.log.
timed() {
  local name="$1"
  shift
  local tfile="$WORK/$name.time" rc=0
  NAMES+=("$name")
  sync
  log "$name: $*"
  /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$WORK/$name.log" 2>&1 || rc=$?
  local wall=- kib=0
  read -r wall kib < <(tail -n 1 "$tfile" 2>/dev/null) || true
  WALL[$name]="$wall"
  RSS[$name]="$(awk -v k="$kib" 'BEGIN { printf "%.0f", k / 1024 }')"
  if ((rc != 0)); then
    STATUS[$name]="exit $rc, see bench/work/$name.log"
    FAILED=1
    tail -n 5 "$WORK/$name.log" >&2
  else
    STATUS[$name]=ok
  fi
  return 0
}

# check NAME COUNT: records the feature count of NAME's output and compares it with N.
check() {
  local name="$1" count="$2"
  if [[ ! $count =~ ^[0-9]+$ ]]; then
    FEATURES[$name]="?"
    if [[ ${STATUS[$name]} == ok ]]; then
      STATUS[$name]="cannot count features: ${count%%$'\n'*}"
      FAILED=1
    fi
  else
    FEATURES[$name]="$count"
    if [[ ${STATUS[$name]} == ok && $count != "$COUNT" ]]; then
      STATUS[$name]="$count features, expected $COUNT"
      FAILED=1
    fi
  fi
}

mib() { du -m "$1" | awk '{ print $1 }'; }

# --- ruralzone ---------------------------------------------------------------------------------
RZ_STORE="$WORK/rz.sqlite"
if [[ -x $RZ ]]; then
  rm -f "$RZ_STORE" "$RZ_STORE-journal" "$RZ_STORE-wal" "$RZ_STORE-shm"
  timed ruralzone "$RZ" import "$INPUT" --kind households --store "$RZ_STORE" --quiet
  check ruralzone "$(sqlite3 "$RZ_STORE" "SELECT count(*) FROM \"$RZ_TABLE\"" 2>&1 || true)"
  SIZE[ruralzone]="$(mib "$RZ_STORE" 2>/dev/null || echo -)"
else
  NAMES+=(ruralzone)
  STATUS[ruralzone]="not built"
fi

# --- ogr2ogr -> SpatiaLite ---------------------------------------------------------------------
OGR_SQLITE="$WORK/ogr2ogr-spatialite.sqlite"
rm -f "$OGR_SQLITE" "$OGR_SQLITE-journal"
timed ogr2ogr-spatialite ogr2ogr -f SQLite -dsco SPATIALITE=YES "$OGR_SQLITE" "$INPUT"
check ogr2ogr-spatialite \
  "$(ogrinfo -ro -so "$OGR_SQLITE" households 2>/dev/null | awk -F': ' '/^Feature Count/ { print $2 }')"
SIZE[ogr2ogr-spatialite]="$(mib "$OGR_SQLITE" 2>/dev/null || echo -)"

# --- ogr2ogr -> PostgreSQL/PostGIS in a private cluster -----------------------------------------
as_pg() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
PG_STARTED=0
stop_pg() {
  if ((PG_STARTED)) || [[ -f $PG_DATA/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    PG_STARTED=0
  fi
}
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stop_pg # a server left behind by an earlier, killed run
rm -rf "$PG_DIR"
mkdir -p "$PG_DIR"
if ((EUID == 0)); then
  id postgres >/dev/null
  chown postgres: "$PG_DIR"
  if ! runuser -u postgres -- test -x "$PG_DIR"; then
    echo "import_bench.sh: user postgres cannot reach $PG_DIR (check the parent folders)" >&2
    exit 1
  fi
fi
log "initdb $PG_DATA"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$PG_DIR/initdb.log"
cat >>"$PG_DATA/postgresql.conf" <<EOF
# import_bench.sh: unix socket in $PG_DIR only, no TCP
listen_addresses = ''
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
EOF
PG_STARTED=1
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w start >/dev/null
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres "$@"; }
psql_q -d postgres -c "CREATE DATABASE $PG_DB"
psql_q -d "$PG_DB" -c "CREATE EXTENSION postgis"

timed ogr2ogr-postgis ogr2ogr -f PostgreSQL \
  PG:"host=$PG_DIR port=$PG_PORT dbname=$PG_DB user=postgres" "$INPUT" \
  -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST
check ogr2ogr-postgis "$(psql_q -d "$PG_DB" -At -c 'SELECT count(*) FROM households' 2>&1 || true)"
SIZE[ogr2ogr-postgis]="$(psql_q -d "$PG_DB" -At \
  -c "SELECT round(pg_total_relation_size('households') / 1048576.0)" 2>/dev/null || echo -)"
stop_pg

# --- report ------------------------------------------------------------------------------------
printf '\nImport of %s households (%s scale), input %s (%s MiB), %s cores\n\n' \
  "$COUNT" "$SCALE" "bench/work/${INPUT##*/}" "$(mib "$INPUT")" "$(nproc)"
printf '| %-19s | %8s | %14s | %9s | %10s | %s |\n' tool 'wall (s)' 'peak RSS (MiB)' features \
  'output MiB' status
printf '|%s|%s|%s|%s|%s|%s|\n' '---------------------' '---------:' '---------------:' \
  '----------:' '-----------:' '----'
for name in "${NAMES[@]}"; do
  label="$name"
  [[ $name == ogr2ogr-postgis ]] && label="ogr2ogr-postgis *"
  if [[ ${STATUS[$name]} == "not built" ]]; then
    printf '| %-19s | %8s | %14s | %9s | %10s | %s |\n' "$label" - - - - "ruralzone: not built"
  else
    printf '| %-19s | %8s | %14s | %9s | %10s | %s |\n' "$label" "${WALL[$name]}" "${RSS[$name]}" \
      "${FEATURES[$name]:--}" "${SIZE[$name]:--}" "${STATUS[$name]}"
  fi
done
printf '\n* PostgreSQL: peak RSS is the ogr2ogr client only; the server processes doing the\n'
printf '  inserts and the GiST index build are not included. Output size is pg_total_relation_size.\n'

for name in "${NAMES[@]}"; do
  case "${STATUS[$name]}" in
    ok | "not built") ;;
    *) echo "FAIL: $name: ${STATUS[$name]}" ;;
  esac
done
exit "$FAILED"
