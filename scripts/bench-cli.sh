#!/usr/bin/env bash
# Times the real `aipath` binary against its performance targets and exits non-zero when one is missed.
#
#   scripts/bench-cli.sh
#
# It builds the release binary and the fixture generator, generates paths of 500, 2,500 and 5,000 modules with a
# 20,000-entry study log (examples/gen_fixture, seed 7), builds a hello-world floor (a plain `cargo new` project built
# with `--release`), and runs hyperfine in rounds that alternate the commands (so a noisy neighbour slows all of them
# alike), taking medians over all runs.
# Where taskwarrior is installed, `task next` on 20 tasks in a throwaway TASKDATA is timed beside them. Peak memory
# comes from `/usr/bin/time -v`. It prints a Markdown table of every figure against its target.
#
# The path is given with --path, which lets aipath read it and the state at once; three more rows run `next`, `plan`
# and `status` on the 5,000-module path named as active in the state, where the state is read first. aipath's cache of
# parsed large files lives in the work folder (AIPATH_CACHE), filled by the warm-up runs as a learner's is by their
# first command; one row times `next` with the cache emptied before every run (the first command after a change).
#
# Needs: cargo and rustc, python3, hyperfine and GNU time (Debian: `apt-get install hyperfine time`);
# taskwarrior is optional (`apt-get install taskwarrior`).
# Tuning: BENCH_ROUNDS (default 5) rounds; BENCH_KEEP=1 keeps the work folder.

set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS="${BENCH_ROUNDS:-5}"

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench-cli: missing ${missing[*]}; on Debian or Ubuntu: sudo apt-get install ${missing[*]}" >&2
    exit 2
fi
for tool in cargo rustc; do
    command -v "$tool" >/dev/null || { echo "bench-cli: $tool is needed (https://rustup.rs)" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aipath-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "bench-cli: keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi
# The learner's own settings and cache must not leak into the measurement.
unset AIPATH_STATE AIPATH_TODAY
export AIPATH_CACHE="$WORK/cache"

echo "Building the release binary and the fixture generator..." >&2
cargo build --release --quiet --bin aipath --example gen_fixture
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
AIPATH="$TARGET_DIR/release/aipath"
GEN="$TARGET_DIR/release/examples/gen_fixture"

echo "Generating fixtures..." >&2
SIZES=(500 2500 5000)
for n in "${SIZES[@]}"; do
    "$GEN" --modules "$n" --log 20000 --seed 7 --out "$WORK/fx$n" >/dev/null
done
# The same 5,000-module path, named as active in the state, as a learner runs it: no --path.
"$GEN" --modules 5000 --log 20000 --seed 7 --active --out "$WORK/fx5000-active" >/dev/null

echo "Building the hello-world floor..." >&2
# Outside this project, so none of its build settings apply: what `cargo new` and `cargo build --release` give anyone.
(cd "$WORK" && cargo new --quiet --vcs none hello && cd hello &&
    cargo build --release --quiet --target-dir "$WORK/hello-target")
HELLO="$WORK/hello-target/release/hello"

# A realistic learner on the built-in path, recorded by aipath itself.
BUILTIN_STATE="$WORK/builtin/state.yaml"
run_aipath() { "$AIPATH" --state "$BUILTIN_STATE" "$@" >/dev/null; }
run_aipath done machine-learning-basics
run_aipath start math-foundations
run_aipath choose llm-applications
run_aipath log 2 --module math-foundations --note "vectors and matrices"
run_aipath log 1.5 --module math-foundations
run_aipath log 1

HAVE_TASK=0
if command -v task >/dev/null; then
    HAVE_TASK=1
    export TASKDATA="$WORK/task" TASKRC="$WORK/taskrc"
    mkdir -p "$TASKDATA"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ncolor=off\nnews.version=99\n' "$TASKDATA" >"$TASKRC"
    for i in $(seq 1 20); do
        task add "Task number $i" project:bench priority:M >/dev/null 2>&1
    done
    task next >/dev/null 2>&1 || true
fi

# Rounds of hyperfine over a group of named commands (arguments: name, command, name, command...); the JSON of each
# round is kept for the summary.
bench_group() {
    local group="$1" runs="$2" warmup="$3"
    shift 3
    local args=()
    while [ $# -gt 0 ]; do
        args+=(--command-name "$1" "$2")
        shift 2
    done
    for round in $(seq 1 "$ROUNDS"); do
        hyperfine --shell=none --style none --warmup "$warmup" --runs "$runs" \
            --export-json "$WORK/$group-$round.json" "${args[@]}" >/dev/null 2>"$WORK/hyperfine.err" || {
            cat "$WORK/hyperfine.err" >&2
            exit 1
        }
    done
}

echo "Timing the built-in path against the floor ($ROUNDS rounds)..." >&2
small=(floor "$HELLO" builtin-next "$AIPATH --state $BUILTIN_STATE next")
if [ "$HAVE_TASK" = 1 ]; then
    small+=(task-next "task next")
fi
bench_group small 40 10 "${small[@]}"

echo "Timing next, plan and status on 500, 2,500 and 5,000 modules ($ROUNDS rounds)..." >&2
big=()
for n in "${SIZES[@]}"; do
    for cmd in next plan status; do
        big+=("$n-$cmd" "$AIPATH --path $WORK/fx$n/paths/big.yaml --state $WORK/fx$n/state.yaml $cmd")
    done
done
for cmd in next plan status; do
    big+=("5000-active-$cmd" "$AIPATH --state $WORK/fx5000-active/state.yaml $cmd")
done
bench_group big 4 1 "${big[@]}"

echo "Timing next on 5,000 modules with the cache emptied before each run..." >&2
for round in $(seq 1 "$ROUNDS"); do
    hyperfine --shell=none --style none --runs 2 --prepare "rm -rf $WORK/cache" \
        --export-json "$WORK/cold-$round.json" --command-name 5000-cold-next \
        "$AIPATH --path $WORK/fx5000/paths/big.yaml --state $WORK/fx5000/state.yaml next" >/dev/null 2>"$WORK/hyperfine.err" || {
        cat "$WORK/hyperfine.err" >&2
        exit 1
    }
done

echo "Measuring peak memory..." >&2
peak_kib() {
    local best=0 kib
    for _ in 1 2 3; do
        /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt"
        kib="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")"
        [ "$kib" -gt "$best" ] && best="$kib"
    done
    echo "$best"
}
{
    echo "builtin-next $(peak_kib "$AIPATH" --state "$BUILTIN_STATE" next)"
    for n in "${SIZES[@]}"; do
        for cmd in next plan status; do
            echo "$n-$cmd $(peak_kib "$AIPATH" --path "$WORK/fx$n/paths/big.yaml" --state "$WORK/fx$n/state.yaml" "$cmd")"
        done
    done
    for cmd in next plan status; do
        echo "5000-active-$cmd $(peak_kib "$AIPATH" --state "$WORK/fx5000-active/state.yaml" "$cmd")"
    done
} >"$WORK/memory.txt"

CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "Summarizing..." >&2
python3 - "$WORK" "$ROUNDS" "$HAVE_TASK" "$(nproc)" "$CPU" "$(hyperfine --version)" <<'PY'
import glob, json, os, statistics, sys

work, rounds, have_task, cores, cpu, hyperfine = sys.argv[1:7]
have_task = have_task == "1"

def times(group):
    """Every run's wall time per command, over all rounds."""
    out = {}
    for f in sorted(glob.glob(os.path.join(work, f"{group}-*.json"))):
        for r in json.load(open(f))["results"]:
            out.setdefault(r["command"], []).extend(r["times"])
    return out

def median_ms(samples):
    return statistics.median(samples) * 1000

runs = {**times("small"), **times("big"), **times("cold")}

memory = dict(line.split() for line in open(os.path.join(work, "memory.txt")))
mib = lambda key: int(memory[key]) / 1024

rows, missed = [], []
def row(figure, measured, target=None, ok=None):
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    if ok is False:
        missed.append(figure)
    rows.append((figure, measured, target or "", verdict))

floor = median_ms(runs["floor"])
builtin = median_ms(runs["builtin-next"])
row("hello-world floor, median", f"{floor:.2f} ms")
row("`aipath next`, built-in path, median", f"{builtin:.2f} ms")
row("`aipath next`, built-in path / floor", f"{builtin / floor:.2f}x", "<= 1.25x", builtin / floor <= 1.25)
if have_task:
    task = median_ms(runs["task-next"])
    row("`task next`, 20 tasks, median", f"{task:.2f} ms")
    row("`aipath next`, built-in path / `task next`", f"{builtin / task:.2f}x", "<= 0.28x", builtin / task <= 0.28)
else:
    row("`task next`, 20 tasks", "not measured: taskwarrior is not installed (apt-get install taskwarrior)")
row("`aipath next`, built-in path, peak RSS", f"{mib('builtin-next'):.1f} MiB", "<= 8 MiB", mib("builtin-next") <= 8)

medians = {}
for n in ("500", "2500", "5000"):
    for cmd in ("next", "plan", "status"):
        m = median_ms(runs[f"{n}-{cmd}"])
        medians[(n, cmd)] = m
        label = f"`aipath {cmd}`, {int(n):,} modules"
        if n != "5000":
            row(f"{label}, median", f"{m:.1f} ms")
        else:
            row(f"{label}, median", f"{m:.1f} ms", "<= 100 ms", m <= 100)
            peak = mib(f"{n}-{cmd}")
            row(f"{label}, peak RSS", f"{peak:.1f} MiB", "<= 64 MiB", peak <= 64)
for cmd in ("next", "plan", "status"):
    label = f"`aipath {cmd}`, 5,000 modules, path from the state (no `--path`)"
    active = median_ms(runs[f"5000-active-{cmd}"])
    row(f"{label}, median", f"{active:.1f} ms", "<= 100 ms", active <= 100)
    peak = mib(f"5000-active-{cmd}")
    row(f"{label}, peak RSS", f"{peak:.1f} MiB", "<= 64 MiB", peak <= 64)
for cmd in ("next", "plan", "status"):
    growth = medians[("5000", cmd)] / medians[("2500", cmd)]
    row(f"`aipath {cmd}`, 2,500 -> 5,000 modules", f"{growth:.2f}x", "<= 2.1x", growth <= 2.1)
cold = median_ms(runs["5000-cold-next"])
row("`aipath next`, 5,000 modules, cache emptied first (the first run after a change), median", f"{cold:.1f} ms")

print(f"Machine: {cores} cores, {cpu}; {hyperfine}; {rounds} interleaved rounds, medians over all runs.")
print("Generated paths: 20,000 study-log entries, seed 7 (`cargo run --release --example gen_fixture`).")
print()
print("| Figure | Measured | Target | |")
print("| --- | --- | --- | --- |")
for figure, measured, target, verdict in rows:
    print(f"| {figure} | {measured} | {target} | {verdict} |")
print()
if missed:
    print(f"{len(missed)} target(s) missed: " + "; ".join(missed))
    sys.exit(1)
print("Every target met.")
PY
