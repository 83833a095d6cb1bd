#!/usr/bin/env bash
# OD matrix benchmark (issue 17, item 7): `ruralzone od` from every village seat to a set of party
# service centers on the generated province of reach_bench.sh, against the same costs from
# PostgreSQL + pgRouting (pgr_dijkstraCost, many-to-many, with ruralzone's access model), with a
# check that the minutes agree.
#
#   bench/od_bench.sh [province|county]        (default province)
#
#   province = 20,000 village seats x 2,500 centers (50,000,000 pairs), ~99,500 road nodes
#   county   =    300 village seats x    50 centers (15,000 pairs), ~1,400 road nodes
#
# Reuses bench/work/reach-<scale>.gpkg (made by rz-bench-gen-grids --with-roads, as reach_bench.sh
# does, when missing) and takes CENTERS of its 党群服务中心 spread evenly over their fids
# (bench/work/od-<scale>-centers.gpkg). Loads villages, roads and those centers into a store, then
# times on a fresh copy of it each (GNU time: wall, peak RSS; RZ_TIMINGS=1: the job's phases):
#   nearest1   ruralzone od --to-category party_service_center --nearest 1   (the computation: all
#              pairs searched, one row per village written)
#   nearest10  ... --nearest 10
#   cutoff30   ... --cutoff-min 30
#   full       ... (every pair: 50 million rows at province scale; FULL=0 skips it)
#   export     ruralzone export -f csv -l od_matrix of the full matrix (EXPORT=1 only)
# and, unless REFERENCES=0, pgRouting in a private cluster (bench/work/pg-od, socket port 54332):
#   bench/od_pgrouting_prepare.sql  the network, the seats and centers on their nearest edges
#                                   (timed apart: "pg.prepare")
#   bench/od_pgrouting.sql          pgr_dijkstraCost from every center over the reversed network
#                                   to every seat, BATCH centers a call: count and sum of minutes
#                                   (nothing stored)
# Agreement: pgr_dijkstraCost from every 500th village (10th at county scale; by source fid) to
# every center, against the rows of ruralzone's full matrix for those villages (needs FULL=1): the
# same pairs, minutes within 0.005 (a seat or center within ruralzone's 1 m snap tolerance of a
# node is at the node there: up to 1 m less or more driving, 0.003 min at 20 km/h).
# Environment: BUILD (default build), CENTERS (2500 / 50), PG_PORT (54332), FULL (1), EXPORT (0),
# REFERENCES (1), BATCH (100 centers per pgRouting call), THREADS (ruralzone's --threads; default
# its own). See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCALE="${1:-province}"
case "$SCALE" in
  county)
    VILLAGES=300
    CENTERS="${CENTERS:-50}"
    EVERY=10
    ;;
  province)
    VILLAGES=20000
    CENTERS="${CENTERS:-2500}"
    EVERY=500
    ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "od_bench.sh: scale must be county or province, not '$SCALE'" >&2
    exit 2
    ;;
esac
BUILD="${BUILD:-build}"
PG_PORT="${PG_PORT:-54332}"
FULL="${FULL:-1}"
EXPORT="${EXPORT:-0}"
REFERENCES="${REFERENCES:-1}"
BATCH="${BATCH:-100}"
THREADS_OPT=()
[[ -n ${THREADS:-} ]] && THREADS_OPT=(--threads "$THREADS")
WORK="$ROOT/bench/work"
INPUT="$WORK/reach-$SCALE.gpkg"
CENTERS_FILE="$WORK/od-$SCALE-centers.gpkg"
STORE="$WORK/od-$SCALE-rz.sqlite"
RUN_STORE="$WORK/od-$SCALE-run.sqlite"
PG_DIR="$WORK/pg-od"
PG_DATA="$PG_DIR/data"
PG_BIN=/usr/lib/postgresql/15/bin
RZ="$BUILD/app/ruralzone"
GEN="$BUILD/bench/rz-bench-gen-grids"
log() { printf '== %s\n' "$*" >&2; }

# --- packages and binaries ---------------------------------------------------------------------
PACKAGES=(postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting time gdal-bin sqlite3)
if ! [[ -x $PG_BIN/initdb && -f /usr/share/postgresql/15/extension/pgrouting.control &&
  -f /usr/share/postgresql/15/extension/postgis.control && -x /usr/bin/time ]] ||
  ! command -v ogr2ogr >/dev/null || ! command -v sqlite3 >/dev/null; then
  if ((EUID != 0)); then
    echo "od_bench.sh: as root: apt-get install -y ${PACKAGES[*]}" >&2
    exit 1
  fi
  log "installing PostgreSQL, PostGIS, pgRouting, GNU time, GDAL tools"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${PACKAGES[@]}" || { apt-get update && apt-get install -y "${PACKAGES[@]}"; }
fi
if [[ ! -x $RZ || ! -x $GEN ]] || ! "$RZ" od --help >/dev/null 2>&1; then
  [[ -f $BUILD/CMakeCache.txt ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$BUILD" --target ruralzone rz-bench-gen-grids
fi

# --- input -------------------------------------------------------------------------------------
mkdir -p "$WORK"
if [[ ! -f $INPUT ]]; then
  log "generating $INPUT ($VILLAGES villages, with roads and facilities)"
  "$GEN" --villages "$VILLAGES" --out "$INPUT" --with-roads | tee "$WORK/reach-$SCALE.gen.log"
fi
if [[ ! -f $CENTERS_FILE ]]; then
  log "taking $CENTERS party service centers of $INPUT into $CENTERS_FILE"
  # Every center whose rank crosses a multiple of (all / CENTERS): exactly CENTERS, spread over
  # the whole province (the fids follow the lattice).
  ogr2ogr -f GPKG "$CENTERS_FILE" "$INPUT" -nln facilities -sql "SELECT * FROM (SELECT f.*,
    row_number() OVER (ORDER BY fid) AS rn, count(*) OVER () AS n FROM facilities f
    WHERE \"类型\" = '党群服务中心') WHERE (rn * $CENTERS) / n != ((rn - 1) * $CENTERS) / n"
fi
cat "$INPUT" "$CENTERS_FILE" >/dev/null # into the page cache

declare -A WALL=() RSS=() PHASE=() CPU=() LOAD=()
# timed KEY CMD...: wall time into WALL[KEY] (s), GNU time's peak RSS into RSS[KEY] (MiB) and
# user + system CPU seconds into CPU[KEY], the 1-minute load average before it into LOAD[KEY] (the
# machine may be shared), the command's output in bench/work/od.KEY.log.
timed() {
  local key="$1"
  shift
  local tfile="$WORK/od.$key.time" status=0 start end kib user sys
  log "$key: $*"
  sync
  read -r LOAD["$key"] _ </proc/loadavg
  start=$EPOCHREALTIME
  /usr/bin/time -f '%e %M %U %S' -o "$tfile" "$@" >"$WORK/od.$key.log" 2>&1 || status=$?
  end=$EPOCHREALTIME
  WALL[$key]="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  if ((status != 0)); then
    tail -n 20 "$WORK/od.$key.log" >&2
    echo "FAIL: $key, see bench/work/od.$key.log" >&2
    exit 1
  fi
  read -r _ kib user sys < <(tail -n 1 "$tfile")
  RSS[$key]=$((kib / 1024))
  CPU[$key]="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')"
}
# phases KEY: the job's phase times (RZ_TIMINGS) from its log, summed over blocks:
# "read network costs rows finish" in seconds.
phases() {
  awk '/^timing: od: / { t[$3] += $4 } END {
    printf "%.2f %.2f %.2f %.2f %.2f", t["read"], t["network"], t["costs"], t["rows"], t["finish"] }' \
    "$WORK/od.$1.log"
}

# --- ruralzone ---------------------------------------------------------------------------------
rm -f "$STORE"
# shellcheck disable=SC2016 # $0..$3 are the inner shell's arguments
timed load.ruralzone bash -c 'for layer in villages roads; do
    "$0" import "$1" --source-layer "$layer" --kind "$layer" --store "$3" --project-crs EPSG:4546 \
      --quiet || exit 1
  done
  "$0" import "$2" --source-layer facilities --kind facilities --store "$3" --project-crs EPSG:4546 \
    --quiet' "$RZ" "$INPUT" "$CENTERS_FILE" "$STORE"
STORE_MIB=$(($(stat -c %s "$STORE") / 1048576))
declare -A ROWS=() GROWTH=()
rz_od() { # rz_od KEY ARGS...: ruralzone od on a fresh copy of the store
  local key="$1"
  shift
  rm -f "$RUN_STORE"
  cp "$STORE" "$RUN_STORE"
  timed "$key" env RZ_TIMINGS=1 "$RZ" od -s "$RUN_STORE" --from villages --to facilities \
    --to-category party_service_center "${THREADS_OPT[@]}" "$@"
  PHASE[$key]="$(phases "$key")"
  ROWS[$key]="$(sqlite3 "$RUN_STORE" "SELECT count(*) FROM od_matrix")"
  GROWTH[$key]=$((($(stat -c %s "$RUN_STORE") / 1048576) - STORE_MIB))
}
rz_od nearest1 --nearest 1
rz_od nearest10 --nearest 10
rz_od cutoff30 --cutoff-min 30
if ((FULL)); then
  rz_od full
  SAMPLE_RZ="$WORK/od-sample.ruralzone"
  # By the source file's fids (the store numbers its features anew; PostGIS keeps the file's).
  sqlite3 -separator '|' "$RUN_STORE" "SELECT v.src_fid, f.src_fid, printf('%.9f', o.minutes)
    FROM od_matrix o JOIN villages v ON v.fid = o.from_fid JOIN facilities f ON f.fid = o.to_fid
    WHERE v.src_fid % $EVERY = 0 ORDER BY 1, 2" >"$SAMPLE_RZ"
  read -r FULL_SUM < <(sqlite3 "$RUN_STORE" "SELECT printf('%.3f', sum(minutes)) FROM od_matrix")
  if ((EXPORT)); then
    rm -rf "$WORK/od-csv"
    timed export "$RZ" export -s "$RUN_STORE" -o "$WORK/od-csv" -f csv -l od_matrix --quiet
    EXPORT_MIB=$(($(stat -c %s "$WORK/od-csv/od_matrix.csv") / 1048576))
  fi
fi

# --- pgRouting ---------------------------------------------------------------------------------
if ((REFERENCES)); then
  as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }
  stop_pg() {
    if [[ -f $PG_DATA/postmaster.pid ]]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
  }
  trap stop_pg EXIT
  stop_pg
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  ((EUID == 0)) && chown postgres: "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log"
  printf "listen_addresses = ''\nport = %s\nunix_socket_directories = '%s'\n" "$PG_PORT" "$PG_DIR" >>"$PG_DATA/postgresql.conf"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w start >/dev/null
  psql_q() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres "$@"; }
  psql_q -d postgres -c "CREATE DATABASE rzbench"
  psql_q -d rzbench -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pgrouting"
  PG="host=$PG_DIR port=$PG_PORT dbname=rzbench user=postgres"
  # shellcheck disable=SC2016 # $0..$2 are the inner shell's arguments
  timed load.postgis bash -c 'ogr2ogr -f PostgreSQL PG:"$0" "$1" villages roads -lco GEOMETRY_NAME=geom \
      -lco SPATIAL_INDEX=GIST && ogr2ogr -f PostgreSQL PG:"$0" "$2" facilities \
      -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST' "$PG" "$INPUT" "$CENTERS_FILE"
  psql_q -d rzbench -c "VACUUM ANALYZE"
  psql_file() { # psql_file KEY FILE: a reference SQL file, timed, in one backend
    timed "$1" psql -X -q -v ON_ERROR_STOP=1 -v walk_kmh=4.5 -v access_m=1000 -v batch="$BATCH" -At -F'|' \
      -h "$PG_DIR" -p "$PG_PORT" -U postgres -d rzbench -f "$2"
    RSS[$1]=$(($(awk -F'|' '/^VMHWM/ { print $2 }' "$WORK/od.$1.log") / 1024))
  }
  psql_file pg.prepare bench/od_pgrouting_prepare.sql
  psql_file pg.matrix bench/od_pgrouting.sql
  read -r PG_PAIRS PG_SUM PG_CALLS < <(awk -F'|' '/^RESULT/ { print $2, $3, $4 }' "$WORK/od.pg.matrix.log")
  SAMPLE_PG="$WORK/od-sample.pgrouting"
  psql_q -d rzbench -At -F'|' -v every="$EVERY" -f bench/od_pgrouting_sample.sql >"$SAMPLE_PG"
  stop_pg
fi

# --- agreement and report ----------------------------------------------------------------------
FAILED=0
AGREE="-"
if ((REFERENCES && FULL)); then
  # The same (village, center) pairs, minutes within 0.005 (see the top).
  AGREE="$(awk -F'|' -v a="$(wc -l <"$SAMPLE_RZ")" -v b="$(wc -l <"$SAMPLE_PG")" '
      NR == FNR { rz[$1 "-" $2] = $3; next }
      ($1 "-" $2) in rz { d = rz[$1 "-" $2] - $3; if (d < 0) d = -d; if (d > max) max = d; n++
                          if (d > 1e-6) off++; if (d > 0.005) bad++ }
      END { printf "%s (%d pairs of %d / %d; %d differ by more than 1e-6 min, largest %.2g min)",
              (n == a && n == b && n > 0 && bad == 0) ? "yes" : "NO", n, a, b, off, max }' \
    "$SAMPLE_RZ" "$SAMPLE_PG")"
  [[ $AGREE == yes* ]] || FAILED=1
fi
row() { printf '| %-34s | %9s | %9s | %9s | %9s | %9s | %10s | %10s | %9s | %5s |\n' "$@"; }
printf '\nOD matrix, %s scale: %s village seats x %s centers, %s cores, ruralzone %s\n' "$SCALE" \
  "$(sqlite3 "$STORE" "SELECT count(*) FROM villages")" "$CENTERS" "$(nproc)" "$RZ"
[[ -f $WORK/reach-$SCALE.gen.log ]] && sed 's/^/input: /' "$WORK/reach-$SCALE.gen.log"
printf 'load: ruralzone %s s (store %s MiB)' "${WALL[load.ruralzone]}" "$STORE_MIB"
((REFERENCES)) && printf ', PostGIS %s s' "${WALL[load.postgis]}"
printf '\n\n'
row run 'wall (s)' 'CPU (s)' 'RSS (MiB)' 'costs (s)' 'rows (s)' rows 'store +MiB' 'other (s)' load
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------------------------------ ----------: ----------: \
  ----------: ----------: ----------: -----------: -----------: ----------: ------:
for key in nearest1 nearest10 cutoff30 full; do
  [[ -n ${WALL[$key]:-} ]] || continue
  read -r _ _ p_costs p_rows _ <<<"${PHASE[$key]}"
  other="$(awk -v w="${WALL[$key]}" -v c="$p_costs" -v r="$p_rows" 'BEGIN { printf "%.2f", w - c - r }')"
  row "ruralzone od ($key)" "${WALL[$key]}" "${CPU[$key]}" "${RSS[$key]}" "$p_costs" "$p_rows" \
    "${ROWS[$key]}" "${GROWTH[$key]}" "$other" "${LOAD[$key]}"
done
[[ -n ${WALL[export]:-} ]] && row "ruralzone export -f csv (full)" "${WALL[export]}" "${CPU[export]}" \
  "${RSS[export]}" '' '' "${ROWS[full]}" "csv $EXPORT_MIB" '' "${LOAD[export]}"
if ((REFERENCES)); then
  row "pgRouting prepare" "${WALL[pg.prepare]}" '' "${RSS[pg.prepare]}" '' '' '' '' '' "${LOAD[pg.prepare]}"
  row "pgRouting pgr_dijkstraCost" "${WALL[pg.matrix]}" '' "${RSS[pg.matrix]}" '' '' "$PG_PAIRS" '' '' \
    "${LOAD[pg.matrix]}"
fi
printf '\n"costs": od_minutes (the searches and reading every pair), "rows": writing them into the\n'
printf 'store (SQLite inserts); "other": reading the layers, building the network, placing the\n'
printf 'points, creating and finishing the table, start-up. CPU: user + system of the process (psql\n'
printf 'for PostgreSQL, so none). RSS: peak of the process; PostgreSQL: the server backend (VmHWM).\n'
printf 'load: the 1-minute load average before the run. Rows are pairs reached (and kept by\n'
printf -- '--nearest / --cutoff-min).\n'
((FULL)) && printf 'sum of minutes over the full matrix: ruralzone %s' "$FULL_SUM"
((FULL && REFERENCES)) && printf ', pgRouting %s (%s pairs, %s calls)' "$PG_SUM" "$PG_PAIRS" "$PG_CALLS"
printf '\nagrees (every %sth village to every center): %s\n' "$EVERY" "$AGREE"
exit "$FAILED"
