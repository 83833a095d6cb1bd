#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for SECONDS (default 60) on a copy of its seed corpus
# and prints one line per target: runs, execs/s, coverage, result. Fails when any target finds a
# crash, a sanitizer report, a leak, a timeout (an input taking over 25 s) or runs out of memory;
# the input is kept as the artifact the line names, and the log's tail is printed. The inputs
# of bugs found before (tests/fuzz/crashes/TARGET-*) are replayed first and must run clean.
#   scripts/fuzz.sh [SECONDS] [TARGET...]    (targets: import_csv import_xlsx field_mapping ...)
# Environment: RZ_FUZZ_BUILD (default build-fuzz: CC=clang CXX=clang++ cmake -DRZ_FUZZ=ON ...,
# then cmake --build build-fuzz --target rz_fuzz), FUZZ_JOBS (targets run at once, default 1),
# RZ_FUZZ_OUT (work folder, default $RZ_FUZZ_BUILD/fuzz-runs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=${RZ_FUZZ_BUILD:-build-fuzz}
out=${RZ_FUZZ_OUT:-$build/fuzz-runs}
jobs=${FUZZ_JOBS:-1}
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for d in tests/fuzz/corpus/*/; do targets+=("$(basename "$d")"); done
fi

symbolizer=$(command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | tail -1 || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
# A smaller quarantine than ASan's 256 MB: the importer's large buffers would otherwise come from
# fresh pages on every input, and the RSS grow towards -rss_limit_mb.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}:quarantine_size_mb=64
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
  local name=$1 bin=$build/fuzz/fuzz_$1 dir=$out/$1
  rm -rf "$dir" && mkdir -p "$dir/corpus" "$dir/artifacts"
  cp tests/fuzz/corpus/"$name"/* "$dir/corpus/"
  local status=0 dict=() crash
  # The inputs of bugs found before (tests/fuzz/crashes/<target>-*) must run clean first.
  for crash in tests/fuzz/crashes/"$name"-*; do
    [ -e "$crash" ] || continue
    if ! "$bin" "$crash" >"$dir/log" 2>&1; then
      printf '%-22s FAILED: %s crashes again (log %s)\n' "fuzz_$name" "$crash" "$dir/log" \
        >"$dir/summary"
      return 1
    fi
  done
  [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
  # The temporary files of the targets go to the run's own folder.
  TMPDIR=$dir nice -n "${FUZZ_NICE:-0}" "$bin" -max_total_time="$seconds" -timeout=25 \
    -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
    "${dict[@]}" "$dir/corpus" >"$dir/log" 2>&1 || status=$?
  local runs eps cov ft corp result
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$dir/log" | tail -1 | cut -d' ' -f2)
  local artifact
  artifact=$(ls "$dir/artifacts" 2>/dev/null | head -1)
  if [ "$status" -eq 0 ] && [ -z "$artifact" ]; then
    result=ok
  else
    result="FAILED (exit $status${artifact:+, input $dir/artifacts/$artifact}; log $dir/log)"
  fi
  printf '%-22s %ss runs %-9s execs/s %-6s cov %-6s ft %-6s corpus %-10s %s\n' "fuzz_$name" \
    "$seconds" "${runs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result" \
    >"$dir/summary"
  [ "$result" = ok ]
}

for name in "${targets[@]}"; do
  if [ ! -x "$build/fuzz/fuzz_$name" ]; then
    echo "no $build/fuzz/fuzz_$name: build with -DRZ_FUZZ=ON and --target rz_fuzz" >&2
    exit 2
  fi
done
mkdir -p "$out"
pids=()
names=()
for name in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_one "$name" &
  pids+=($!)
  names+=("$name")
done
failed=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed=1
  cat "$out/${names[$i]}/summary"
done
if [ "$failed" -ne 0 ]; then
  for name in "${names[@]}"; do
    if ! grep -q ' ok$' "$out/$name/summary"; then
      echo "== fuzz_$name: end of $out/$name/log"
      tail -40 "$out/$name/log"
    fi
  done
  exit 1
fi
