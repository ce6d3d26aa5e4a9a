#!/usr/bin/env bash
# Times the release `aipath` against the targets a learner feels, each a ratio of two commands timed side by side in
# one run, and exits non-zero when one is missed. The method and the current table: scripts/BENCH.md.
#
#   scripts/bench-cli.sh
#
# Targets (no cache anywhere: every command reads the state and the path from their files):
#   - the built-in path with a two-year state (250 sessions, a session every few days, and their 250-event history):
#     `next` <= 2.5x a hello-world process and <= 0.35x `task next` (taskwarrior, 20 tasks; skipped when taskwarrior
#     is not installed); `status` and `plan` <= 5x the hello-world process;
#   - a 1,000-module path with 5,000 sessions: `next`, `status`, `plan` <= 100 ms each;
#   - a 5,000-module path with 20,000 sessions: each <= 500 ms, and at most 2.2x its time on 2,500 modules with
#     10,000 sessions (linear growth, with a margin for the noise of a ratio of two medians);
#   - the history: on the built-in path with 20,000 sessions, `history` with 20,000 events <= 100 ms, and `next` with
#     that history <= 1.1x `next` without one (a command that does not show the history does not pay for it).
#
# Method: hyperfine runs every command of a group in one invocation, in short rounds that alternate the commands, so a
# noisy neighbour slows all of them alike; the figure is the median over all rounds. The fixtures come from
# examples/gen_fixture (seed 7). The hello-world floor is a plain `cargo new` project built with `--release`.
#
# Needs: cargo, python3, hyperfine (Debian: `apt-get install hyperfine`); taskwarrior is optional.
# Tuning: BENCH_ROUNDS (default 5) rounds per group; BENCH_KEEP=1 keeps the work folder.

set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${BENCH_ROUNDS:-5}"

for tool in cargo python3 hyperfine; do
    command -v "$tool" >/dev/null || { echo "bench-cli: $tool is needed" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aipath-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench-cli: keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
# The learner's own settings must not leak into the measurement, nor the measurement into their folders.
unset AIPATH_STATE
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export AIPATH_TODAY=2026-12-07 HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CACHE_HOME="$WORK/home/.cache"

echo "Building the release binary, the fixture generator and the hello-world floor..." >&2
cargo build --release --quiet --bin aipath --example gen_fixture
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
AIPATH="$TARGET_DIR/release/aipath"
GEN="$TARGET_DIR/release/examples/gen_fixture"
(cd "$WORK" && cargo new --quiet --vcs none hello && cd hello &&
    cargo build --release --quiet --target-dir "$WORK/hello-target")
HELLO="$WORK/hello-target/release/hello"

echo "Generating fixtures..." >&2
"$GEN" --builtin --log 250 --history 250 --seed 7 --out "$WORK/two-year" >/dev/null
"$GEN" --builtin --log 20000 --history 20000 --seed 7 --out "$WORK/hist" >/dev/null
"$GEN" --builtin --log 20000 --history 0 --seed 7 --out "$WORK/nohist" >/dev/null
for spec in 1000:5000 2500:10000 5000:20000; do
    "$GEN" --modules "${spec%%:*}" --log "${spec##*:}" --active --seed 7 --out "$WORK/m${spec%%:*}" >/dev/null
done
# Each fixture is written by the generator; one reading command first checks it loads, as a learner's would.
"$AIPATH" --state "$WORK/two-year/state.yaml" status >/dev/null
for m in 1000 2500 5000; do "$AIPATH" --state "$WORK/m$m/state.yaml" next >/dev/null; done

TASK_CMD=()
if command -v task >/dev/null; then
    export TASKDATA="$WORK/task" TASKRC="$WORK/taskrc"
    mkdir -p "$TASKDATA" && printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$TASKDATA" >"$TASKRC"
    for i in $(seq 1 20); do task rc.gc=off add "Task $i" project:study >/dev/null 2>&1; done
    TASK_CMD=(-n task "task next")
else
    echo "bench-cli: taskwarrior is not installed; the row against \`task next\` is skipped" >&2
fi

# group NAME RUNS (-n LABEL COMMAND)...: hyperfine in ROUNDS rounds, each exported to NAME-<round>.json.
group() {
    local name="$1" runs="$2"
    shift 2
    for round in $(seq 1 "$ROUNDS"); do
        hyperfine --shell=none --style none --warmup 2 --runs "$runs" --export-json "$WORK/$name-$round.json" "$@" \
            >/dev/null 2>&1
    done
}

echo "Timing the built-in path with a two-year state..." >&2
S2="--state $WORK/two-year/state.yaml"
group small 20 -n hello "$HELLO" -n next "$AIPATH $S2 next" -n status "$AIPATH $S2 status" \
    -n plan "$AIPATH $S2 plan" "${TASK_CMD[@]}"
echo "Timing the history..." >&2
group hist 10 -n history "$AIPATH --state $WORK/hist/state.yaml history" \
    -n next-hist "$AIPATH --state $WORK/hist/state.yaml next" -n next-nohist "$AIPATH --state $WORK/nohist/state.yaml next"
echo "Timing the large paths..." >&2
for m in 1000 2500 5000; do
    S="--state $WORK/m$m/state.yaml"
    group "m$m" 2 -n next "$AIPATH $S next" -n status "$AIPATH $S status" -n plan "$AIPATH $S plan"
done

python3 - "$WORK" "$ROUNDS" <<'EOF'
import glob, json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])

def medians(name):
    times = {}
    for f in sorted(glob.glob(f"{work}/{name}-*.json")):
        for r in json.load(open(f))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
    return {k: statistics.median(v) * 1000 for k, v in times.items()}

small = medians("small")
hist = medians("hist")
large = {m: medians(f"m{m}") for m in (1000, 2500, 5000)}
rows, missed = [], []

def row(what, value, target, ok):
    rows.append(f"| {what} | {value} | {target} | {'met' if ok else '**missed**'} |")
    if not ok:
        missed.append(what)

hello = small["hello"]
rows.append(f"| hello-world process | {hello:.2f} ms | floor | |")
ratio = small["next"] / hello
row("`next`, built-in path, two-year state", f"{small['next']:.2f} ms ({ratio:.2f}x hello)", "<= 2.5x hello", ratio <= 2.5)
if "task" in small:
    r = small["next"] / small["task"]
    row("`next` against `task next` (20 tasks)", f"{small['task']:.2f} ms ({r:.2f}x)", "<= 0.35x", r <= 0.35)
for cmd in ("status", "plan"):
    r = small[cmd] / hello
    row(f"`{cmd}`, built-in path, two-year state", f"{small[cmd]:.2f} ms ({r:.2f}x hello)", "<= 5x hello", r <= 5)
for cmd in ("next", "status", "plan"):
    t = large[1000][cmd]
    row(f"`{cmd}`, 1,000 modules, 5,000 sessions", f"{t:.1f} ms", "<= 100 ms", t <= 100)
for cmd in ("next", "status", "plan"):
    t = large[5000][cmd]
    row(f"`{cmd}`, 5,000 modules, 20,000 sessions", f"{t:.1f} ms", "<= 500 ms", t <= 500)
    g = t / large[2500][cmd]
    row(f"`{cmd}`, 5,000 against 2,500 modules", f"{g:.2f}x", "<= 2.2x (linear)", g <= 2.2)

t = hist["history"]
row("`history`, 20,000 events", f"{t:.1f} ms", "<= 100 ms", t <= 100)
r = hist["next-hist"] / hist["next-nohist"]
row("`next` with a 20,000-event history against without", f"{r:.2f}x", "<= 1.1x", r <= 1.1)

print(f"{rounds} rounds; medians.\n")
print("| Measure | Now | Target | |")
print("| --- | --- | --- | --- |")
print("\n".join(rows))
if missed:
    print("\nMissed: " + "; ".join(missed), file=sys.stderr)
    sys.exit(1)
EOF
