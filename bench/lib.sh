# Shared by the bench scripts (sourced): timing of whole commands with GNU time.
# LABEL_WIDTH (default 28) sets the label column of run_timed's lines.

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# run_timed LABEL COMMAND...: REPEAT runs, prints "label median_s max_rss_MiB".
run_timed() {
  local label="$1" times=() rss=0 out
  shift
  for ((r = 0; r < REPEAT; r++)); do
    out=$({ /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1 | tail -1)
    times+=("${out% *}")
    ((${out#* } > rss)) && rss=${out#* }
  done
  printf "%-${LABEL_WIDTH:-28}s %8s s %6d MiB\n" "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" $((rss / 1024))
}
