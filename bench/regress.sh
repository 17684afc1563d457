#!/usr/bin/env bash
# No regressions: the whole-process comparisons of README's "Performance" of
# this tree against an earlier commit, in one run, interleaved so that the
# machine's drift hits both alike:
#   - check and build of each example: wall time, CPU time and peak memory;
#   - each build of the operations proposal against the typst CLI compiling
#     its own `--format typst` hand-off (README's 0.85 target);
#   - `serve`: a one-field edit to the last changed page received, as the
#     workspace asks for it (both servers run side by side, edits alternate);
#   - `committee`: the PDF pack of 200 synthetic cases, wall time and peak.
# Prints, per measurement, the medians and the ratio this tree / that commit
# (below 1.00 is faster or smaller).
#
# Usage: bash bench/regress.sh COMMIT [RUNS]     (default 15 runs each)
#
# The typst CLI is the one bench/compare.sh installs (target/bench-tools);
# without it that line is left out.
#
# Both are release builds (fat LTO: the first one takes minutes). The commit
# is built in a worktree under target/regress/, sharing this tree's target
# folder so that dependencies are built once; each binary is copied out
# after its build. In that shared folder cargo tells the two trees' builds of
# promocase apart by file times only, so each tree's files are touched before
# its build: otherwise a tree whose files are older than the other's last
# build is taken as built, and its binary (and the build script's catalogues)
# would be the other's. The earlier commit is built first, so the folder is
# left with this tree's build.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: bash bench/regress.sh COMMIT [RUNS]}"
runs="${2:-15}"
work="target/regress"
mkdir -p "$work"

tree="$work/tree-$(git rev-parse --short "$base")"
[ -d "$tree" ] || git worktree add --detach "$tree" "$base" >/dev/null
(cd "$tree" && git ls-files -z | xargs -0 touch \
  && CARGO_TARGET_DIR="$PWD/../../../target" cargo build --release --locked --quiet)
cp target/release/promocase "$work/old"

git ls-files -z | xargs -0 touch
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example synthetic
cp target/release/promocase "$work/new"
if cmp -s "$work/new" "$work/old"; then
  echo "note: the two binaries are the same file (the commits build alike)" >&2
fi

out="$(mktemp -d)"
target/release/examples/synthetic "$out/round" 200 6 >/dev/null
python3 - "$work/new" "$work/old" "$runs" "$out" target/bench-tools/bin/typst <<'PY'
import http.client, json, os, shutil, statistics, subprocess, sys, tempfile, time
new, old, runs, out, typst = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
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

# The pack of a round, whole process.
name, args = "committee, 200 cases", ["committee", os.path.join(out, "round"), "-o", os.path.join(out, "pack.pdf")]
results = {new: [], old: []}
for _ in range(max(3, runs // 3)):
    for binary in (new, old):
        results[binary].append(measure(binary, args))
cells = []
for i, scale in ((0, 1000), (1, 1000), (2, 1)):
    a = statistics.median(r[i] for r in results[new]) * scale
    b = statistics.median(r[i] for r in results[old]) * scale
    cells.append(f"{a:9.1f} / {b:8.1f} {a / b:6.2f}")
print(f"{name:34} " + " ".join(cells))

# Each build against the typst CLI on its own hand-off (the same template and data).
if os.access(typst, os.X_OK):
    print()
    print(f"{'build of the proposal / typst CLI on its hand-off':52} {'wall':>6} {'CPU':>6}")
    case = "examples/operations-director.yaml"
    for label, binary in (("this tree", new), ("that commit", old)):
        handoff = os.path.join(out, f"handoff-{label.replace(' ', '-')}")
        subprocess.run([binary, "build", case, "--format", "typst", "-o", handoff], check=True, stdout=subprocess.DEVNULL)
        ours = ["build", case, "-o", os.path.join(out, "ours.pdf")]
        theirs = ["compile", "--ignore-system-fonts", os.path.join(handoff, "main.typ"), os.path.join(out, "theirs.pdf")]
        pairs = []
        for _ in range(runs * 2):
            pairs.append((measure(binary, ours), measure(typst, theirs)))
        wall = statistics.median(p[0][0] for p in pairs) / statistics.median(p[1][0] for p in pairs)
        cpu = statistics.median(p[0][1] for p in pairs) / statistics.median(p[1][1] for p in pairs)
        print(f"{label:52} {wall:6.2f} {cpu:6.2f}")

# serve: both servers up at once, the same edits alternating between them.
class Served:
    def __init__(self, binary, case, home):
        self.process = subprocess.Popen([binary, "serve", case, "--port", "0", "--no-open"], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1", "XDG_STATE_HOME": home})
        url = self.process.stdout.readline().decode().split(" at ", 1)[1].strip()
        rest = url[len("http://127.0.0.1:"):]
        port, path = rest.split("/", 1)
        self.port, self.prefix, self.case = int(port), "/" + path.split("launch?")[0], os.path.basename(case)
        status, headers, _ = self.send("GET", "/" + path, b"", {})
        assert status == 200, "the launch opens the workspace"
        self.cookie = headers["set-cookie"].split(";")[0]

    def send(self, method, target, body, extra):
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        connection.request(method, target, body=body, headers={"Content-Type": "application/json", **extra})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def preview(self, text, known):
        body = json.dumps({"text": text, "doc": "proposal", "known": known}).encode()
        origin = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        status, _, data = self.send("POST", f"{self.prefix}api/preview?case={self.case}", body, {"Cookie": self.cookie, "Origin": origin})
        elapsed = time.perf_counter() - started
        assert status == 200, data[:200]
        return elapsed, [page["hash"] for page in json.loads(data)["pages"]]

    def stop(self):
        self.process.kill()
        self.process.wait()

folder = tempfile.mkdtemp(dir=out)
case = os.path.join(folder, "operations.yaml")
shutil.copy("examples/operations-director.yaml", case)
text = open(case).read()
anchor = "    actual: 96.1\n"
servers = {binary: Served(binary, case, tempfile.mkdtemp(dir=out)) for binary in (new, old)}
known = {binary: servers[binary].preview(text, [])[1] for binary in (new, old)}
times = {new: [], old: []}
for edit in range(runs * 20):
    edited = text.replace(anchor, f"    actual: {90 + edit / 100:.2f}\n", 1)
    for binary in (new, old):
        elapsed, known[binary] = servers[binary].preview(edited, known[binary])
        times[binary].append(elapsed)
for server in servers.values():
    server.stop()
a, b = (statistics.median(times[binary]) * 1000 for binary in (new, old))
print()
print(f"{'serve: one-field edit to its changed pages, median':52} {a:7.1f} / {b:7.1f} ms {a / b:6.2f}")
PY
rm -rf "$out"
