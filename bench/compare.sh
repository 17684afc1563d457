#!/usr/bin/env bash
# Whole-process figures for README's "Performance" section: check and build
# timings, peak memory, and promocase against the official typst CLI compiling
# the same document (the `--format typst` hand-off) with system fonts ignored.
#
# Usage: bash bench/compare.sh            (release build; installs typst-cli
#        into target/bench-tools and hyperfine from Debian if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
cargo build --release --quiet --example synthetic
bin=target/release/promocase
synthetic=target/release/examples/synthetic
typst=target/bench-tools/bin/typst
if [ ! -x "$typst" ]; then
  cargo install typst-cli --version =0.15.1 --locked --no-default-features \
    --features embedded-fonts --root target/bench-tools
fi
if ! command -v hyperfine >/dev/null 2>&1; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || sudo apt-get install -y -qq hyperfine >/dev/null
fi

case_file=examples/operations-director.yaml
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -m)"
echo

echo "== check, whole process"
hyperfine --warmup 3 --runs "$runs" --export-json "$work/check.json" -N \
  "$bin check $case_file --format json" 2>/dev/null | grep -E "Time|Range"
"$synthetic" "$work/cases" 1000 6
files=("$work"/cases/*.yaml)
start=$(date +%s%N)
"$bin" check "${files[@]}" --format json > /dev/null || true
end=$(date +%s%N)
echo "1000 cases in one process: $(( (end - start) / 1000000 )) ms"
/usr/bin/time -f "peak RSS checking 1000 cases: %M KB" "$bin" check "${files[@]}" --format json > /dev/null || true
echo

echo "== build of the proposal, whole process"
cp "$case_file" "$work/case.yaml"
"$bin" build "$work/case.yaml" --format typst -o "$work/handoff" > /dev/null
/usr/bin/time -f "peak RSS of one build: %M KB" "$bin" build "$work/case.yaml" -o "$work/case.pdf" > /dev/null
/usr/bin/time -f "peak RSS of the typst CLI on the hand-off: %M KB" \
  "$typst" compile --ignore-system-fonts "$work/handoff/main.typ" "$work/typst.pdf"
hyperfine --warmup 3 --runs "$runs" -N --export-csv "$work/build.csv" \
  -n promocase "$bin build $work/case.yaml -o $work/promocase.pdf" \
  -n "typst CLI" "$typst compile --ignore-system-fonts $work/handoff/main.typ $work/typst.pdf" \
  2>/dev/null | grep -vE "^\s*$"
# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds).
awk -F, 'NR == 2 { pm = $2; pd = $4 } NR == 3 { printf "promocase / typst CLI: mean %.3f, median %.3f\n", pm / $2, pd / $4 }' \
  "$work/build.csv"
echo
# pdfinfo complains about typst's tagged-PDF structure on stderr; only the page count matters here.
pdfinfo "$work/promocase.pdf" 2>/dev/null | grep Pages
pdfinfo "$work/typst.pdf" 2>/dev/null | grep Pages

echo
echo "== growth: check and build at 10, 100, 1000 achievements"
for items in 10 100 1000; do
  "$synthetic" "$work/growth-$items" 1 "$items"
  file="$work/growth-$items/case-0000.yaml"
  c0=$(date +%s%N); "$bin" check "$file" --format json > /dev/null || true; c1=$(date +%s%N)
  "$bin" build "$file" -o "$work/growth-$items.pdf" --draft > /dev/null 2>&1 || true; c2=$(date +%s%N)
  echo "$items items: check $(( (c1 - c0) / 1000000 )) ms, build $(( (c2 - c1) / 1000000 )) ms, $(pdfinfo "$work/growth-$items.pdf" 2>/dev/null | awk '/Pages/ {print $2}') pages"
done
