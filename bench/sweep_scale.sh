#!/usr/bin/env bash
# Local sweep speed-up from 1 to 2 workers on N equal runs (goal >= 1.8x on an otherwise idle 2-core machine): the
# same sweep (E4's depth-3 network at width 50, a fixed STEPS steps per run, no loss tolerance, N trials) with
# --workers 1 and --workers 2, 1 BLAS thread each; prints both wall times, the speed-up and the load average
# before each. Usage: bench/sweep_scale.sh [JAR=target/parsimony-lab.jar] [N=8] [STEPS=6000] [MODES="warm fresh"]
# MODES: warm = one JVM per worker running its runs one after another (the default of `sweep`), fresh = a new JVM
# per run (`sweep --jvm-per-run`).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-target/parsimony-lab.jar}
N=${2:-8}
STEPS=${3:-6000}
MODES=${4:-warm fresh}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
declare -A WALL
for MODE in $MODES; do
extra=()
[ "$MODE" = fresh ] && extra=(--jvm-per-run)
for W in 1 2; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  t0=$(date +%s.%N)
  java -jar "$JAR" sweep presets/e4-depth-width.json --out "$TMP/$MODE$W" --trials "$N" --steps "$STEPS" \
      --workers "$W" --threads 1 --set training.lossTolerance=0 "${extra[@]}" \
      --set 'variants=[{"name":"w50","network":{"width":50}}]' > "$TMP/$MODE$W.out" 2> "$TMP/$MODE$W.err"
  t1=$(date +%s.%N)
  WALL[$W]=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  # Σ run-seconds / wall: how many runs were going on average (the tool's parallelism, apart from the per-run
  # slowdown that other processes on the machine cause).
  RUNSEC=$(cat "$TMP/$MODE$W"/status/*.txt | awk -F= '$1=="seconds" {s+=$2} END {printf "%.1f", s}')
  echo "$MODE workers=$W: $N runs of $STEPS steps in ${WALL[$W]} s, mean run $(awk -v s="$RUNSEC" -v n="$N" \
      'BEGIN {printf "%.1f", s / n}') s, runs in parallel on average $(awk -v s="$RUNSEC" -v w="${WALL[$W]}" \
      'BEGIN {printf "%.2f", s / w}') (load average before: $load)"
done
echo "$MODE: speed-up 1 -> 2 workers: $(awk -v a="${WALL[1]}" -v b="${WALL[2]}" 'BEGIN {printf "%.2f", a / b}')x" \
    "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
done
