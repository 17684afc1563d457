# Shared by the whole-process benchmarks (sourced): how one run is timed and
# how a list of timings is summed up.

# Runs the command given and prints its wall time in microseconds; the
# command's own output and exit code are dropped (a build refused or a check
# with findings is timed all the same).
wall_us() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
}

# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
