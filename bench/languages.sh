#!/usr/bin/env bash
# The cost of a language: `promocase check` of the operations example in
# English and in German (`--lang de`), whole process, in interleaved pairs so
# that the machine's drift hits both alike. Prints each median and the ratio
# (issue #25: German within 1.1× English), and the release binary's size.
#
# Usage: bash bench/languages.sh [PAIRS]     (release build; default 40 pairs)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-40}"
cargo build --release --locked --quiet
bin=target/release/promocase
case=examples/operations-director.yaml
run() { # prints the wall time of one run in microseconds
  local start end
  start=$(date +%s%N)
  "$bin" check "$@" "$case" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
}
run --lang en >/dev/null; run --lang de >/dev/null   # warm the file cache
en=(); de=()
for _ in $(seq "$pairs"); do
  en+=("$(run --lang en)")
  de+=("$(run --lang de)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_en=$(median "${en[@]}"); m_de=$(median "${de[@]}")
awk -v p="$pairs" -v en="$m_en" -v de="$m_de" 'BEGIN {
  printf "check, operations example, %d interleaved pairs: English median %.2f ms, German median %.2f ms, German / English = %.3f\n", p, en / 1000, de / 1000, de / en }'
printf 'release binary: %s bytes\n' "$(stat -c %s "$bin")"
