#!/usr/bin/env bash
# No regressions: the whole-process comparisons of README's "Performance"
# (check and build of each example, wall time, CPU time and peak memory) of
# this tree against an earlier commit, in one run, interleaved so that the
# machine's drift hits both alike. Prints, per measurement, the medians and
# the ratio this tree / that commit (below 1.00 is faster or smaller).
#
# Usage: bash bench/regress.sh COMMIT [RUNS]     (default 15 runs each)
#
# Both are release builds (fat LTO: the first one takes minutes). The commit
# is built in a worktree under target/regress/, sharing this tree's target
# folder so that dependencies are built once; each binary is copied out
# before the other is built.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: bash bench/regress.sh COMMIT [RUNS]}"
runs="${2:-15}"
work="target/regress"
mkdir -p "$work"

cargo build --release --locked --quiet
cp target/release/promocase "$work/new"

tree="$work/tree-$(git rev-parse --short "$base")"
[ -d "$tree" ] || git worktree add --detach "$tree" "$base" >/dev/null
(cd "$tree" && CARGO_TARGET_DIR="$PWD/../../../target" cargo build --release --locked --quiet)
cp target/release/promocase "$work/old"
# Leave target/release/promocase as this tree's.
cargo build --release --locked --quiet

out="$(mktemp -d)"
python3 - "$work/new" "$work/old" "$runs" "$out" <<'PY'
import os, statistics, subprocess, sys, time
new, old, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
examples = ["examples/operations-director.yaml", "examples/marketing-director.yaml", "examples/it-manager-thin.yaml"]
jobs = []
for example in examples:
    stem = os.path.basename(example)[:-5]
    jobs.append((f"check {stem}", ["check", example]))
    jobs.append((f"build proposal {stem}", ["build", example, "--draft", "-o", os.path.join(out, f"{stem}.pdf")]))
    jobs.append((f"build all {stem}", ["build", example, "--draft", "--template", "all", "-o", os.path.join(out, "")]))

def measure(binary, args):
    """Wall seconds, CPU seconds (user + system) and peak resident MB of one run."""
    start = time.perf_counter()
    process = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

print(f"{'':34} {'wall new/old':>20} {'ratio':>6} {'CPU new/old':>20} {'ratio':>6} {'peak MB new/old':>18} {'ratio':>6}")
for name, args in jobs:
    measure(new, args); measure(old, args)  # warm the file cache
    results = {new: [], old: []}
    for _ in range(runs):
        for binary in (new, old):
            results[binary].append(measure(binary, args))
    med = lambda binary, i: statistics.median(r[i] for r in results[binary])
    cells = []
    for i, unit, scale in ((0, "ms", 1000), (1, "ms", 1000), (2, "", 1)):
        a, b = med(new, i) * scale, med(old, i) * scale
        cells.append(f"{a:9.1f} / {b:8.1f} {a / b:6.2f}")
    print(f"{name:34} " + " ".join(cells))
PY
rm -rf "$out"
