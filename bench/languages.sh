#!/usr/bin/env bash
# The cost of a language: `promocase check` of the operations example in
# English, in German by `--lang de`, and as a German case (`language: de`
# added, so the starter's German placeholders are looked for too), whole
# process, in interleaved triples so that the machine's drift hits all alike.
# Prints each median and the ratios (issue #25: German within 1.1× English),
# and the release binary's size.
#
# Usage: bash bench/languages.sh [PAIRS]     (release build; default 40 pairs)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
pairs="${1:-40}"
cargo build --release --locked --quiet
bin=target/release/promocase
case=examples/operations-director.yaml
german="$(mktemp -d)/fall.yaml"
{ echo "language: de"; cat "$case"; } > "$german"
run() { wall_us "$bin" check "$@"; }
run "$case" >/dev/null; run --lang de "$case" >/dev/null; run "$german" >/dev/null   # warm the file cache
en=(); de=(); case_de=()
for _ in $(seq "$pairs"); do
  en+=("$(run "$case")")
  de+=("$(run --lang de "$case")")
  case_de+=("$(run "$german")")
done
m_en=$(median "${en[@]}"); m_de=$(median "${de[@]}"); m_case=$(median "${case_de[@]}")
awk -v p="$pairs" -v en="$m_en" -v de="$m_de" -v c="$m_case" 'BEGIN {
  printf "check, operations example, %d interleaved triples: English median %.2f ms; --lang de %.2f ms (%.3f of English); as a German case %.2f ms (%.3f)\n", p, en / 1000, de / 1000, de / en, c / 1000, c / en }'
printf 'release binary: %s bytes\n' "$(stat -c %s "$bin")"
