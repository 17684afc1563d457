#!/usr/bin/env bash
# Word against PDF (issue #26): `promocase build --template all` of the
# operations example as DOCX and as PDF, whole process, in interleaved pairs
# so that the machine's drift hits both alike. Prints each median, the ratio
# DOCX / PDF, and the size of every file.
#
# Usage: bash bench/docx.sh [PAIRS]     (release build; default 20 pairs)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
pairs="${1:-20}"
cargo build --release --locked --quiet
bin=target/release/promocase
case=examples/operations-director.yaml
out="$(mktemp -d)"
run() { wall_us "$bin" build "$case" --template all "$@"; }
run -o "$out/pdf/" >/dev/null; run --format docx -o "$out/docx/" >/dev/null   # warm the file cache
pdf=(); docx=()
for _ in $(seq "$pairs"); do
  pdf+=("$(run -o "$out/pdf/")")
  docx+=("$(run --format docx -o "$out/docx/")")
done
m_pdf=$(median "${pdf[@]}"); m_docx=$(median "${docx[@]}")
awk -v p="$pairs" -v pdf="$m_pdf" -v docx="$m_docx" 'BEGIN {
  printf "build --template all, operations example, %d interleaved pairs: PDF median %.1f ms; DOCX %.1f ms (%.2f of PDF)\n", p, pdf / 1000, docx / 1000, docx / pdf }'
for kind in "" -brief -talking-points; do
  name="operations-director$kind"
  printf '%-34s PDF %7s bytes   DOCX %7s bytes\n' "$name" \
    "$(stat -c %s "$out/pdf/$name.pdf")" "$(stat -c %s "$out/docx/$name.docx")"
done
rm -rf "$out"
