#!/usr/bin/env bash
# Times `aipath report` against its targets and exits non-zero when one is missed:
#   - the built-in path, a learner some weeks in: under 20 ms;
#   - the 5,000-module fixture (examples/gen_fixture, 20,000 sessions, seed 7): under 1 s and under 10 MB of HTML.
#
#   scripts/bench-report.sh
#
# Needs cargo, hyperfine and python3 (Debian: `apt-get install hyperfine`). BENCH_KEEP=1 keeps the work folder.

set -euo pipefail
cd "$(dirname "$0")/.."

for tool in cargo hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "bench-report: $tool is needed" >&2; exit 2; }
done
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aipath-bench-report.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench-report: keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
unset AIPATH_STATE AIPATH_TODAY

echo "Building the release binary and the fixture generator..." >&2
cargo build --release --quiet --bin aipath --example gen_fixture
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
AIPATH="$TARGET_DIR/release/aipath"
"$TARGET_DIR/release/examples/gen_fixture" --modules 5000 --log 20000 --seed 7 --out "$WORK/fx" >/dev/null

# A learner on the built-in path: a plan saved, two modules done, one in progress, a specialization, a study log.
export AIPATH_STATE="$WORK/state.yaml" AIPATH_TODAY=2026-01-05
"$AIPATH" plan --save --start 2025-10-06 >/dev/null
for id in machine-learning-basics math-foundations; do "$AIPATH" done "$id" >/dev/null; done
"$AIPATH" start deep-learning-foundations >/dev/null
"$AIPATH" choose llm-applications >/dev/null
for day in $(seq 1 28); do "$AIPATH" log 1.5 --date "2025-12-$(printf %02d "$day")" >/dev/null; done

BUILTIN="$AIPATH report -o $WORK/builtin.html"
BIG="$AIPATH --path $WORK/fx/paths/big.yaml --state $WORK/fx/state.yaml report -o $WORK/big.html"
hyperfine -N --warmup 5 --runs 50 --export-json "$WORK/times.json" "$BUILTIN" "$BIG" >&2

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
results = json.load(open(os.path.join(work, "times.json")))["results"]
(builtin, big) = results
size = os.path.getsize(os.path.join(work, "big.html"))
cpu = lambda r: f"{(r['user'] + r['system']) * 1000:.0f} ms"
rows = [
    ("built-in path", f"{builtin['median'] * 1000:.1f} ms", cpu(builtin), "20 ms", builtin["median"] < 0.020),
    ("5,000 modules", f"{big['median'] * 1000:.0f} ms", cpu(big), "1 s", big["median"] < 1.0),
    ("5,000 modules, HTML", f"{size / 1e6:.2f} MB", "", "10 MB", size < 10e6),
    ("built-in path, HTML", f"{os.path.getsize(os.path.join(work, 'builtin.html')) / 1e3:.0f} KB", "", "", True),
]
# On a shared machine the wall time is the noisy figure; the CPU time (user + system) says what the work costs.
print("| Report | Median wall time / size | CPU time | Target | |\n| --- | --- | --- | --- | --- |")
for name, got, cpu_time, target, ok in rows:
    print(f"| {name} | {got} | {cpu_time} | {target} | {'ok' if ok else 'MISSED'} |")
sys.exit(0 if all(row[-1] for row in rows) else 1)
PY
